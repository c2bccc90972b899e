/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text and JSON through one set of calls (see out.h). */
#include "config.h"

#include <stdarg.h>

#include "out.h"

/* Formats are parameters by design; every caller passes a literal. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

void out_init(struct rs_out *o, FILE *fp, bool json)
{
	o->fp = fp;
	o->json = json;
	o->depth = 0;
	o->comma[0] = false;
}

static void json_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(fp, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
	fputc('"', fp);
}

static void json_key(struct rs_out *o, const char *key)
{
	if (o->comma[o->depth])
		fputc(',', o->fp);
	o->comma[o->depth] = true;
	if (key) {
		json_string(o->fp, key);
		fputc(':', o->fp);
	}
}

static void open_(struct rs_out *o, const char *key, char ch)
{
	if (!o->json)
		return;
	if (o->depth > 0 || o->comma[0])
		json_key(o, key);
	fputc(ch, o->fp);
	if (o->depth + 1 < OUT_DEPTH)
		o->depth++;
	o->comma[o->depth] = false;
}

static void close_(struct rs_out *o, char ch)
{
	if (!o->json)
		return;
	fputc(ch, o->fp);
	if (o->depth > 0)
		o->depth--;
	if (o->depth == 0)
		fputc('\n', o->fp);
}

void out_obj_open(struct rs_out *o, const char *key) { open_(o, key, '{'); }
void out_obj_close(struct rs_out *o) { close_(o, '}'); }
void out_arr_open(struct rs_out *o, const char *key) { open_(o, key, '['); }
void out_arr_close(struct rs_out *o) { close_(o, ']'); }

void out_str(struct rs_out *o, const char *key, const char *fmt, const char *v)
{
	if (o->json) {
		json_key(o, key);
		json_string(o->fp, v);
	} else if (fmt) {
		fprintf(o->fp, fmt, v);
	}
}

void out_int(struct rs_out *o, const char *key, const char *fmt, long v)
{
	if (o->json) {
		json_key(o, key);
		fprintf(o->fp, "%ld", v);
	} else if (fmt) {
		fprintf(o->fp, fmt, v);
	}
}

void out_bool(struct rs_out *o, const char *key, const char *fmt, bool v)
{
	if (o->json) {
		json_key(o, key);
		fputs(v ? "true" : "false", o->fp);
	} else if (fmt) {
		fprintf(o->fp, fmt, v ? "yes" : "no");
	}
}

void out_text(struct rs_out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->json)
		return;
	va_start(ap, fmt);
	vfprintf(o->fp, fmt, ap);
	va_end(ap);
}
