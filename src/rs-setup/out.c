/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup's output calls (see out.h) on the shared writer (common/emit.h). */
#include "config.h"

#include <stdarg.h>

#include "out.h"

/* Formats are parameters by design; every caller passes a literal. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

void out_init(struct rs_out *o, FILE *fp, bool json)
{
	emit_begin(&o->e, fp, json, false);
}

/* The end of the document is the close of its root, then a newline. */
static void closed(struct rs_out *o)
{
	if (o->e.json && o->e.depth == 0)
		fputc('\n', o->e.fp);
}

void out_obj_open(struct rs_out *o, const char *key) { emit_obj_open(&o->e, key); }
void out_arr_open(struct rs_out *o, const char *key) { emit_arr_open(&o->e, key); }

void out_obj_close(struct rs_out *o)
{
	emit_obj_close(&o->e);
	closed(o);
}

void out_arr_close(struct rs_out *o)
{
	emit_arr_close(&o->e);
	closed(o);
}

void out_str(struct rs_out *o, const char *key, const char *fmt, const char *v)
{
	emit_str(&o->e, EMIT_ANY, key, fmt, v);
}

void out_int(struct rs_out *o, const char *key, const char *fmt, long v)
{
	if (o->e.json)
		emit_jint(&o->e, key, v);
	else if (fmt)
		emit_text(&o->e, fmt, v);
}

void out_bool(struct rs_out *o, const char *key, const char *fmt, bool v)
{
	if (o->e.json)
		emit_bool(&o->e, EMIT_JSON, key, "", v);
	else if (fmt)
		emit_text(&o->e, fmt, v ? "yes" : "no");
}

void out_text(struct rs_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vtext(&o->e, fmt, ap);
	va_end(ap);
}
