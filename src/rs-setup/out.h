/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One output path for text and JSON: each call carries a JSON key and a
 * text format.  Objects and arrays print nothing in text mode; out_text()
 * prints only in text mode.  Keys are snake_case.  The writing, escaping
 * included, is the shared writer's (common/emit.h); these are rs-setup's
 * calls on it.
 */
#ifndef RS_SETUP_OUT_H
#define RS_SETUP_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "common/emit.h"

struct rs_out {
	struct emit e;
};

void out_init(struct rs_out *o, FILE *fp, bool json);
void out_obj_open(struct rs_out *o, const char *key);	/* key NULL in arrays */
void out_obj_close(struct rs_out *o);
void out_arr_open(struct rs_out *o, const char *key);
void out_arr_close(struct rs_out *o);
void out_str(struct rs_out *o, const char *key, const char *fmt, const char *v);
void out_int(struct rs_out *o, const char *key, const char *fmt, long v);
void out_bool(struct rs_out *o, const char *key, const char *fmt, bool v);
void out_text(struct rs_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
