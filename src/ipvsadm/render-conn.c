/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -L -c`: the connection entries libipvs reads from the kernel
 * (ipvs_conn_next), printed the way 1.31 does it: same columns, names
 * unless -n.
 *
 * The text is written field by field with stdio's unlocked calls rather
 * than through the generic writer: a director can hold millions of entries
 * and this listing should cost little more than the kernel's own text.
 * JSON goes through the generic writer (src/common/emit.c), which escapes.
 *
 * JSON: {"connections": [ {"protocol": "TCP", "expire": 899 (seconds),
 * "state": "ESTABLISHED", "client_address": "192.168.1.100",
 * "client_port": 54321, "virtual_address", "virtual_port",
 * "dest_address", "dest_port", "pe_name": "sip", "pe_data": "..."} ]},
 * addresses numeric, pe_name and pe_data only when the line has them.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "common/emit.h"
#include "render.h"

static const char spaces[] = "                  ";	/* the widest column */

static void put(FILE *fp, const char *s, size_t n)
{
	fwrite_unlocked(s, 1, n, fp);
}

/* " %-*s": a space, s, padded to width. */
static void put_col(FILE *fp, const char *s, size_t n, size_t width)
{
	putc_unlocked(' ', fp);
	put(fp, s, n);
	if (n < width)
		put(fp, spaces, width - n);
}

/* Decimal digits of v at p, at least min of them; returns the count. */
static size_t fmt_uint(char *p, unsigned int v, size_t min)
{
	char tmp[12];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v || n < min);
	for (i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/* "a.b.c.d", what inet_ntop gives, without its generality. */
static size_t fmt_addr4(char *p, const struct in_addr *in)
{
	const uint8_t *b = (const uint8_t *)&in->s_addr;
	size_t n = 0;

	for (int i = 0; i < 4; i++) {
		n += fmt_uint(p + n, b[i], 1);
		if (i < 3)
			p[n++] = '.';
	}
	return n;
}

/* "a.b.c.d:port", what names_addrport gives for numeric IPv4. */
static size_t fmt_addrport4(char *p, const struct in_addr *in, uint16_t port)
{
	size_t n = fmt_addr4(p, in);

	p[n++] = ':';
	return n + fmt_uint(p + n, port, 1);
}

static size_t fmt_endpoint(char *buf, int af, const union ipvs_addr *a, uint16_t port,
			   uint16_t proto, unsigned int fmt)
{
	if (af == AF_INET && (fmt & FMT_NUMERIC))
		return fmt_addrport4(buf, &a->in, port);
	names_addrport(buf, af, a, port, proto, fmt & FMT_NUMERIC);
	return strlen(buf);
}

static void text_endpoint(FILE *fp, size_t width, int af, const union ipvs_addr *a,
			  uint16_t port, uint16_t proto, unsigned int fmt)
{
	char buf[NAMES_ADDRPORT_LEN];

	put_col(fp, buf, fmt_endpoint(buf, af, a, port, proto, fmt), width);
}

static void text_conn(FILE *fp, const struct ipvs_conn *c, unsigned int fmt)
{
	bool pe_cols = (fmt & FMT_PERSISTENTCONN) && c->pe_data;
	char expire[24];
	size_t n, len;

	len = strlen(c->protocol);
	put(fp, c->protocol, len);
	if (len < 3)
		put(fp, spaces, 3 - len);
	/* "%02d:%02d" of the minutes and seconds */
	n = fmt_uint(expire, c->expires / 60, 2);
	expire[n++] = ':';
	n += fmt_uint(expire + n, c->expires % 60, 2);
	put_col(fp, expire, n, 6);
	put_col(fp, c->state, strlen(c->state), 11);
	text_endpoint(fp, 18, c->af, &c->caddr, c->cport, c->proto, fmt);
	text_endpoint(fp, 18, c->af, &c->vaddr, c->vport, c->proto, fmt);
	/* 1.31's PE row pads the destination to 16 and the PE name to 18,
	 * the other way round from its header. */
	text_endpoint(fp, pe_cols ? 16 : 0, c->daf, &c->daddr, c->dport, c->proto, fmt);
	if (pe_cols) {
		put_col(fp, c->pe_name, strlen(c->pe_name), 18);
		put_col(fp, c->pe_data, strlen(c->pe_data), 0);
	}
	putc_unlocked('\n', fp);
}

static void json_endpoint(struct emit *o, const char *key_addr, const char *key_port,
			  int af, const union ipvs_addr *a, uint16_t port)
{
	char abuf[INET6_ADDRSTRLEN];

	if (af == AF_INET)
		abuf[fmt_addr4(abuf, &a->in)] = '\0';
	else
		names_addr(af, a, abuf, sizeof(abuf));
	emit_jstr(o, key_addr, abuf);
	emit_juint(o, key_port, port);
}

static void json_conn(struct emit *o, const struct ipvs_conn *c)
{
	emit_obj_open(o, NULL);
	emit_jstr(o, "protocol", c->protocol);
	emit_juint(o, "expire", c->expires);
	emit_jstr(o, "state", c->state);
	json_endpoint(o, "client_address", "client_port", c->af, &c->caddr, c->cport);
	json_endpoint(o, "virtual_address", "virtual_port", c->af, &c->vaddr, c->vport);
	json_endpoint(o, "dest_address", "dest_port", c->daf, &c->daddr, c->dport);
	if (c->pe_name)
		emit_jstr(o, "pe_name", c->pe_name);
	if (c->pe_data)
		emit_jstr(o, "pe_data", c->pe_data);
	emit_obj_close(o);
}

/* The reader's code at its end as render_conns returns it. */
static int conn_status(int got)
{
	switch (got) {
	case 0:
		return 0;
	case -EBADMSG:
		return RENDER_CONN_BLANK_LINE;
	case -ENODATA:
		return RENDER_CONN_BAD_INPUT;
	default:
		return got;
	}
}

static int flush_status(FILE *fp)
{
	return fflush(fp) || ferror(fp) ? -EIO : 0;
}

int render_conns(FILE *fp, unsigned int fmt, struct ipvs_conn_reader *r,
		 const struct conn_filter *f)
{
	struct ipvs_conn c;
	struct emit o;
	int got, err;

	/* Nothing is printed when even the kernel's header line is missing. */
	got = ipvs_conn_next(r, &c);
	if (got == -ENODATA || (got < 0 && got != -EBADMSG))
		return conn_status(got);
	if (fmt & FMT_JSON) {
		emit_begin(&o, fp, true, false);
		emit_obj_open(&o, NULL);
		emit_arr_open(&o, "connections");
		for (; got > 0; got = ipvs_conn_next(r, &c))
			if (conn_filter_match(f, &c))
				json_conn(&o, &c);
		emit_arr_close(&o);
		emit_obj_close(&o);
		err = emit_end(&o);
		return err ? err : conn_status(got);
	}
	fputs("IPVS connection entries\n", fp);
	if (fmt & FMT_PERSISTENTCONN)
		fprintf(fp, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination", "pe name", "pe_data");
	else
		fprintf(fp, "pro expire %-11s %-18s %-18s %s\n",
			"state", "source", "virtual", "destination");
	for (; got > 0; got = ipvs_conn_next(r, &c))
		if (conn_filter_match(f, &c))
			text_conn(fp, &c, fmt);
	err = flush_status(fp);
	return err ? err : conn_status(got);
}
