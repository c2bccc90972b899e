/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The JSON/text writer of ipvsadm and rs-setup (libcommon): one code path
 * for both outputs, after iproute2's json_print.  Each call carries both
 * the JSON key and the text format of one field, and `where` says which
 * output wants it.
 *
 *   emit_u32(o, EMIT_ANY, "weight", " %-6d", w);    both
 *   emit_str(o, EMIT_FP,  NULL,     "%s",   name);  text only
 *   emit_juint(o, "port", port);                    JSON only
 *
 * Strings are always valid JSON: control characters and DEL escaped,
 * bytes that are not UTF-8 replaced with U+FFFD.
 *
 * In text mode the format gets exactly one argument, the value.  Objects
 * and arrays are JSON-only and do nothing in text mode.  Errors are sticky:
 * emit_end() reports the first one.
 */
#ifndef IPVS_TOOLS_EMIT_H
#define IPVS_TOOLS_EMIT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum emit_where {
	EMIT_NONE = 0,
	EMIT_FP   = 1,	/* text output only */
	EMIT_JSON = 2,	/* JSON output only */
	EMIT_ANY  = 3,
};

#define EMIT_MAX_DEPTH	8

struct emit {
	FILE	*fp;
	bool	json;
	bool	exact;			/* --exact for emit_num() */
	int	depth;
	bool	first[EMIT_MAX_DEPTH];	/* no member yet at this depth */
	int	err;			/* first -errno seen */
};

#define EMIT_PRINTF(f, a) __attribute__((format(printf, f, a)))

void emit_begin(struct emit *o, FILE *fp, bool json, bool exact);
/* Close the JSON document (newline included); flush; 0 or -errno. */
int emit_end(struct emit *o);

static inline bool emit_is_json(const struct emit *o) { return o->json; }

/* JSON containers; key is NULL inside arrays and for the document root. */
void emit_obj_open(struct emit *o, const char *key);
void emit_obj_close(struct emit *o);
void emit_arr_open(struct emit *o, const char *key);
void emit_arr_close(struct emit *o);

/* Text-only decoration, printf-style. */
void emit_text(struct emit *o, const char *fmt, ...) EMIT_PRINTF(2, 3);
void emit_vtext(struct emit *o, const char *fmt, va_list ap) EMIT_PRINTF(2, 0);

/* One field; the variadic argument is the value, of the type in the name:
 * const char * (NULL = JSON null), int, unsigned int, unsigned long long. */
void emit_str(struct emit *o, int where, const char *key, const char *fmt, ...) EMIT_PRINTF(4, 5);
void emit_int(struct emit *o, int where, const char *key, const char *fmt, ...) EMIT_PRINTF(4, 5);
void emit_u32(struct emit *o, int where, const char *key, const char *fmt, ...) EMIT_PRINTF(4, 5);
void emit_u64(struct emit *o, int where, const char *key, const char *fmt, ...) EMIT_PRINTF(4, 5);
/* JSON-only members (nothing in text mode); a NULL string is null. */
void emit_jstr(struct emit *o, const char *key, const char *v);
void emit_jint(struct emit *o, const char *key, long long v);
void emit_juint(struct emit *o, const char *key, unsigned long long v);

/* A flag: JSON true/false; text prints `text` (no format) only when set. */
void emit_bool(struct emit *o, int where, const char *key, const char *text, bool v);

/*
 * A counter the way ipvsadm's print_largenum shows it: 9 columns, with
 * K/M/G/T above 10^8, or the exact value (at least 9 wide, always one
 * leading space) when o->exact.  JSON gets the plain number.
 */
void emit_num(struct emit *o, int where, const char *key, uint64_t v);

/* The text print_largenum would give, into buf (>= 24 bytes). */
void emit_largenum_fmt(char *buf, size_t len, uint64_t v, bool exact);

#endif /* IPVS_TOOLS_EMIT_H */
