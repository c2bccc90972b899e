/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny output context for text and JSON from one code path, after
 * iproute2's json_print: each call carries both the JSON key and the text
 * format of one field, and `where` says which output wants it.
 *
 *   out_u32(o, OUT_ANY,  "weight", " %-6d", w);    both
 *   out_str(o, OUT_FP,   NULL,     "%s",   name);  text only
 *   out_juint(o, "port", port);                     JSON only
 *
 * In text mode the format gets exactly one argument, the value.  Objects
 * and arrays are JSON-only and do nothing in text mode.  Errors are sticky:
 * out_end() reports the first one.
 */
#ifndef IPVSADM_OUT_H
#define IPVSADM_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum out_where {
	OUT_NONE = 0,
	OUT_FP   = 1,	/* text output only */
	OUT_JSON = 2,	/* JSON output only */
	OUT_ANY  = 3,
};

#define OUT_MAX_DEPTH	8

struct out {
	FILE	*fp;
	bool	json;
	bool	exact;			/* --exact for out_num() */
	int	depth;
	bool	first[OUT_MAX_DEPTH];	/* no member yet at this depth */
	int	err;			/* first -errno seen */
};

#define OUT_PRINTF(f, a) __attribute__((format(printf, f, a)))

void out_begin(struct out *o, FILE *fp, bool json, bool exact);
/* Close the JSON document (newline included); flush; 0 or -errno. */
int out_end(struct out *o);

static inline bool out_is_json(const struct out *o) { return o->json; }

/* JSON containers; key is NULL inside arrays and for the document root. */
void out_obj_open(struct out *o, const char *key);
void out_obj_close(struct out *o);
void out_arr_open(struct out *o, const char *key);
void out_arr_close(struct out *o);

/* Text-only decoration, printf-style. */
void out_text(struct out *o, const char *fmt, ...) OUT_PRINTF(2, 3);

/* One field; the variadic argument is the value, of the type in the name:
 * const char * (NULL = JSON null), int, unsigned int, unsigned long long. */
void out_str(struct out *o, int where, const char *key, const char *fmt, ...) OUT_PRINTF(4, 5);
void out_int(struct out *o, int where, const char *key, const char *fmt, ...) OUT_PRINTF(4, 5);
void out_u32(struct out *o, int where, const char *key, const char *fmt, ...) OUT_PRINTF(4, 5);
void out_u64(struct out *o, int where, const char *key, const char *fmt, ...) OUT_PRINTF(4, 5);
/* JSON-only members (nothing in text mode); a NULL string is null. */
void out_jstr(struct out *o, const char *key, const char *v);
void out_jint(struct out *o, const char *key, long long v);
void out_juint(struct out *o, const char *key, unsigned long long v);

/* A flag: JSON true/false; text prints `text` (no format) only when set. */
void out_bool(struct out *o, int where, const char *key, const char *text, bool v);

/*
 * A counter the way ipvsadm's print_largenum shows it: 9 columns, with
 * K/M/G/T above 10^8, or the exact value (at least 9 wide, always one
 * leading space) when o->exact.  JSON gets the plain number.
 */
void out_num(struct out *o, int where, const char *key, uint64_t v);

/* The text print_largenum would give, into buf (>= 24 bytes). */
void out_largenum_fmt(char *buf, size_t len, uint64_t v, bool exact);

#endif /* IPVSADM_OUT_H */
