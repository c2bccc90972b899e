/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -L -c`: the kernel's /proc/net/ip_vs_conn text, re-printed the
 * way 1.31 does it (same parse, same columns, names unless -n).  Lines of
 * any length are read whole (1.31 reads 255-byte pieces and mis-parses the
 * rest of a longer line).
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

struct conn {
	int		n;		/* fields sscanf matched */
	char		*proto_s, *c_s, *v_s, *d_s, *state, *pe_name, *pe_data;
	unsigned short	cport, vport, dport;
	int		expires;
	uint16_t	proto;
	int		af, daf;
	union ipvs_addr	caddr, vaddr, daddr;
};

static void conn_free(struct conn *c)
{
	free(c->proto_s);
	free(c->c_s);
	free(c->v_s);
	free(c->d_s);
	free(c->state);
	free(c->pe_name);
	free(c->pe_data);
}

/* As 1.31: IPv6 text, else dotted IPv4, else the kernel's host-order hex. */
static int addr_decode(const char *s, union ipvs_addr *a)
{
	if (inet_pton(AF_INET6, s, &a->in6) > 0)
		return AF_INET6;
	if (inet_pton(AF_INET, s, &a->in) <= 0)
		a->in.s_addr = htonl((uint32_t)strtoul(s, NULL, 16));
	return AF_INET;
}

/* Returns false for a line sscanf finds empty (1.31 exits there). */
static bool conn_parse(struct conn *c, const char *line)
{
	memset(c, 0, sizeof(*c));
	c->n = sscanf(line, "%ms %ms %hX %ms %hX %ms %hX %ms %d %ms %ms",
		      &c->proto_s, &c->c_s, &c->cport, &c->v_s, &c->vport,
		      &c->d_s, &c->dport, &c->state, &c->expires,
		      &c->pe_name, &c->pe_data);
	if (c->n == EOF)
		return false;

	if (c->proto_s)
		c->proto = names_proto_number(c->proto_s);

	/* The client's form decides how the virtual address is read. */
	c->af = addr_decode(c->c_s ? c->c_s : "", &c->caddr);
	if (c->af == AF_INET6)
		inet_pton(AF_INET6, c->v_s ? c->v_s : "", &c->vaddr.in6);
	else
		addr_decode(c->v_s ? c->v_s : "", &c->vaddr);
	c->daf = addr_decode(c->d_s ? c->d_s : "", &c->daddr);
	return true;
}

static const char *str_or_empty(const char *s)
{
	return s ? s : "";
}

/* One endpoint: text name (left-aligned in width columns), JSON address
 * and port. */
static void endpoint(struct emit *o, int width, const char *key_addr,
		     const char *key_port, int af, const union ipvs_addr *a,
		     uint16_t port, uint16_t proto, unsigned int fmt)
{
	char buf[NAMES_ADDRPORT_LEN], abuf[INET6_ADDRSTRLEN];

	if (!emit_is_json(o)) {
		names_addrport(buf, af, a, port, proto, fmt & FMT_NUMERIC);
		emit_text(o, " %-*s", width, buf);
	}
	emit_jstr(o, key_addr, names_addr(af, a, abuf, sizeof(abuf)));
	emit_juint(o, key_port, port);
}

static void conn_print(struct emit *o, const struct conn *c, unsigned int fmt)
{
	unsigned int exp = (unsigned int)c->expires;
	bool pe_cols = (fmt & FMT_PERSISTENTCONN) && c->n == 11;
	char expire[24];

	snprintf(expire, sizeof(expire), "%02d:%02d", (int)(exp / 60), (int)(exp % 60));
	emit_obj_open(o, NULL);
	emit_str(o, EMIT_ANY, "protocol", "%-3s", str_or_empty(c->proto_s));
	emit_str(o, EMIT_FP, NULL, " %-6s", expire);
	emit_juint(o, "expire", exp);
	emit_str(o, EMIT_ANY, "state", " %-11s", str_or_empty(c->state));
	endpoint(o, 18, "client_address", "client_port",
		 c->af, &c->caddr, c->cport, c->proto, fmt);
	endpoint(o, 18, "virtual_address", "virtual_port",
		 c->af, &c->vaddr, c->vport, c->proto, fmt);
	/* 1.31's PE row pads the destination to 16 and the PE name to 18,
	 * the other way round from its header. */
	endpoint(o, pe_cols ? 16 : 0, "dest_address", "dest_port",
		 c->daf, &c->daddr, c->dport, c->proto, fmt);
	if (c->pe_name)
		emit_str(o, pe_cols ? EMIT_ANY : EMIT_JSON, "pe_name", " %-18s", c->pe_name);
	if (c->pe_data)
		emit_str(o, pe_cols ? EMIT_ANY : EMIT_JSON, "pe_data", " %s", c->pe_data);
	emit_text(o, "\n");
	emit_obj_close(o);
}

int render_conns(FILE *fp, unsigned int fmt, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	struct emit o;
	struct conn c;
	int ret = 0, err;

	if (getline(&line, &cap, in) < 0) {
		free(line);
		return ferror(in) ? -EIO : RENDER_CONN_BAD_INPUT;
	}
	emit_begin(&o, fp, fmt & FMT_JSON, false);
	emit_obj_open(&o, NULL);
	emit_text(&o, "IPVS connection entries\n");
	if (fmt & FMT_PERSISTENTCONN)
		emit_text(&o, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			 "state", "source", "virtual", "destination", "pe name", "pe_data");
	else
		emit_text(&o, "pro expire %-11s %-18s %-18s %s\n",
			 "state", "source", "virtual", "destination");

	emit_arr_open(&o, "connections");
	while (getline(&line, &cap, in) >= 0) {
		if (!conn_parse(&c, line)) {
			ret = RENDER_CONN_BLANK_LINE;
			break;
		}
		conn_print(&o, &c, fmt);
		conn_free(&c);
	}
	if (!ret && ferror(in))
		ret = -EIO;
	free(line);
	emit_arr_close(&o);
	emit_obj_close(&o);
	err = emit_end(&o);
	return err ? err : ret;
}
