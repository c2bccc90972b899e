/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The JSON/text writer; see emit.h. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include "common/emit.h"

void emit_begin(struct emit *o, FILE *fp, bool json, bool exact)
{
	memset(o, 0, sizeof(*o));
	o->fp = fp;
	o->json = json;
	o->exact = exact;
	o->first[0] = true;
}

int emit_end(struct emit *o)
{
	if (o->json)
		fputc('\n', o->fp);
	if (fflush(o->fp) == EOF && !o->err)
		o->err = errno ? -errno : -EIO;
	if (ferror(o->fp) && !o->err)
		o->err = -EIO;
	return o->err;
}

/* Length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* No overlong 3/4-byte forms, no surrogates, nothing past U+10FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* Bytes that go into a JSON string as they are: printable ASCII but the
 * quote and the backslash. */
static bool json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* A JSON string: control characters escaped, and bytes that are not UTF-8
 * replaced with U+FFFD so that the document always parses.  Runs of plain
 * bytes go out in one write: listings of many entries are mostly those. */
static void json_string(struct emit *o, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	putc_unlocked('"', o->fp);
	while (*s) {
		for (n = 0; json_plain(s[n]); n++)
			;
		if (n) {
			fwrite_unlocked(s, 1, n, o->fp);
			s += n;
		} else if (*s == '"' || *s == '\\') {
			putc_unlocked('\\', o->fp);
			putc_unlocked(*s++, o->fp);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(o->fp, "\\u%04x", *s++);
		} else if ((n = utf8_len(s)) != 0) {
			fwrite_unlocked(s, 1, n, o->fp);
			s += n;
		} else {
			fputs("\\ufffd", o->fp);
			s++;
		}
	}
	putc_unlocked('"', o->fp);
}

/* A number in decimal, without printf's format parsing. */
static void json_number(struct emit *o, unsigned long long v, bool negative)
{
	char buf[24];
	size_t i = sizeof(buf);

	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	if (negative)
		buf[--i] = '-';
	fwrite_unlocked(buf + i, 1, sizeof(buf) - i, o->fp);
}

/* Comma and "key": before a member of the current container. */
static void json_member(struct emit *o, const char *key)
{
	if (o->depth > 0) {
		if (!o->first[o->depth])
			putc_unlocked(',', o->fp);
		o->first[o->depth] = false;
	}
	if (key) {
		json_string(o, key);
		putc_unlocked(':', o->fp);
	}
}

static void json_open(struct emit *o, const char *key, char c)
{
	if (!o->json)
		return;
	json_member(o, key);
	putc_unlocked(c, o->fp);
	if (o->depth + 1 < EMIT_MAX_DEPTH)
		o->depth++;
	else if (!o->err)
		o->err = -E2BIG;	/* a bug in the caller: nesting too deep */
	o->first[o->depth] = true;
}

static void json_close(struct emit *o, char c)
{
	if (!o->json)
		return;
	putc_unlocked(c, o->fp);
	if (o->depth > 0)
		o->depth--;
}

void emit_obj_open(struct emit *o, const char *key) { json_open(o, key, '{'); }
void emit_obj_close(struct emit *o) { json_close(o, '}'); }
void emit_arr_open(struct emit *o, const char *key) { json_open(o, key, '['); }
void emit_arr_close(struct emit *o) { json_close(o, ']'); }

void emit_vtext(struct emit *o, const char *fmt, va_list ap)
{
	if (!o->json)
		vfprintf(o->fp, fmt, ap);
}

void emit_text(struct emit *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vtext(o, fmt, ap);
	va_end(ap);
}

/* Whether this call prints anything in the current mode. */
static bool wanted(const struct emit *o, int where, const char *fmt)
{
	if (o->json)
		return where & EMIT_JSON;
	return (where & EMIT_FP) && fmt;
}

void emit_str(struct emit *o, int where, const char *key, const char *fmt, ...)
{
	va_list ap;
	const char *s;

	if (!wanted(o, where, fmt))
		return;
	va_start(ap, fmt);
	if (!o->json) {
		vfprintf(o->fp, fmt, ap);
	} else {
		s = va_arg(ap, const char *);
		json_member(o, key);
		if (s)
			json_string(o, s);
		else
			fputs("null", o->fp);
	}
	va_end(ap);
}

/* The three number kinds differ only in the argument's type and its JSON
 * form; the text side prints whatever fmt says. */
enum num_kind { NUM_INT, NUM_U32, NUM_U64 };

static void emit_vnumber(struct emit *o, int where, const char *key, enum num_kind kind,
			 const char *fmt, va_list ap)
{
	if (!wanted(o, where, fmt))
		return;
	if (!o->json) {
		vfprintf(o->fp, fmt, ap);
		return;
	}
	json_member(o, key);
	switch (kind) {
	case NUM_INT:
		fprintf(o->fp, "%d", va_arg(ap, int));
		break;
	case NUM_U32:
		fprintf(o->fp, "%u", va_arg(ap, unsigned int));
		break;
	case NUM_U64:
		fprintf(o->fp, "%llu", va_arg(ap, unsigned long long));
		break;
	}
}

void emit_int(struct emit *o, int where, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vnumber(o, where, key, NUM_INT, fmt, ap);
	va_end(ap);
}

void emit_u32(struct emit *o, int where, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vnumber(o, where, key, NUM_U32, fmt, ap);
	va_end(ap);
}

void emit_u64(struct emit *o, int where, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit_vnumber(o, where, key, NUM_U64, fmt, ap);
	va_end(ap);
}

void emit_jstr(struct emit *o, const char *key, const char *v)
{
	if (!o->json)
		return;
	json_member(o, key);
	if (v)
		json_string(o, v);
	else
		fputs("null", o->fp);
}

void emit_jint(struct emit *o, const char *key, long long v)
{
	if (!o->json)
		return;
	json_member(o, key);
	json_number(o, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0);
}

void emit_juint(struct emit *o, const char *key, unsigned long long v)
{
	if (!o->json)
		return;
	json_member(o, key);
	json_number(o, v, false);
}

void emit_bool(struct emit *o, int where, const char *key, const char *text, bool v)
{
	if (!wanted(o, where, text))
		return;
	if (!o->json) {
		if (v)
			fputs(text, o->fp);
		return;
	}
	json_member(o, key);
	fputs(v ? "true" : "false", o->fp);
}

void emit_largenum_fmt(char *buf, size_t len, uint64_t v, bool exact)
{
	unsigned long long n = v;
	char digits[24];
	int w;

	if (exact) {
		w = snprintf(digits, sizeof(digits), "%llu", n);
		snprintf(buf, len, "%*llu", w <= 8 ? 9 : w + 1, n);
	} else if (n < 100000000ULL) {
		snprintf(buf, len, "%9llu", n);
	} else if (n < 1000000000ULL) {
		snprintf(buf, len, "%8lluK", n / 1000ULL);
	} else if (n < 100000000000ULL) {
		snprintf(buf, len, "%8lluM", n / 1000000ULL);
	} else if (n < 100000000000000ULL) {
		snprintf(buf, len, "%8lluG", n / 1000000000ULL);
	} else {
		snprintf(buf, len, "%8lluT", n / 1000000000000ULL);
	}
}

void emit_num(struct emit *o, int where, const char *key, uint64_t v)
{
	char buf[32];

	if (!wanted(o, where, ""))
		return;
	if (o->json) {
		json_member(o, key);
		fprintf(o->fp, "%llu", (unsigned long long)v);
		return;
	}
	emit_largenum_fmt(buf, sizeof(buf), v, o->exact);
	fputs(buf, o->fp);
}
