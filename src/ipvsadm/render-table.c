/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -L` (every view) and its JSON form, from one code path.
 *
 * Text: byte-identical to ipvsadm 1.31, except that fwmarks print unsigned
 * and per-destination 64-bit counters are exact.  Each text view shows a
 * subset of the fields, always in the same relative order, so one walk
 * over the fields in a canonical order serves every view; JSON takes them
 * all (stats and rates only when asked).
 *
 * JSON schema (--json; snake_case keys, numbers as numbers, addresses as
 * numeric strings without brackets, no name lookups):
 *
 *   {
 *     "version": "1.2.1",            only for the full listing (banner)
 *     "conn_tab_size": 4096,         likewise
 *     "services": [ {
 *       "af": "inet" | "inet6",
 *       "fwmark": 0,                 0 for a protocol/address/port service
 *       "protocol": "TCP"|"UDP"|"SCTP"|"?",   \
 *       "address": "10.0.0.1",                 > only when fwmark is 0
 *       "port": 80,                           /
 *       "scheduler": "wlc",
 *       "flags": [ "sh-port", ... ],  scheduler flags, as the text shows them
 *       "persistent": false,
 *       "timeout": 360,              \
 *       "netmask": "255.255.255.0",   > only when persistent; IPv4 has
 *       "prefix_len": 64,            /  netmask, IPv6 prefix_len
 *       "pe": "sip",                 only when a persistence engine is set
 *       "ops": false,
 *       "stats": { "conns", "inpkts", "outpkts", "inbytes", "outbytes" },
 *                                    only with --stats
 *       "rates": { "cps", "inpps", "outpps", "inbps", "outbps" },
 *                                    only with --rate
 *       "destinations": [ {
 *         "af": "inet" | "inet6",
 *         "address": "192.168.1.10",
 *         "port": 8080,
 *         "forward": "masq" | "local" | "tunnel" | "route" | "unknown",
 *         "tunnel": { "type": "ipip"|"gue"|"gre", "port": 6080 (gue only),
 *                     "csum": "nocsum"|"csum"|"remcsum" (gue, gre) },
 *                                    only for tunnel destinations
 *         "weight": 1,
 *         "persist_conns": 0,
 *         "u_threshold": 0,
 *         "l_threshold": 0,
 *         "active_conns": 0,
 *         "inact_conns": 0,
 *         "stats": {...}, "rates": {...}   as for services
 *       } ]
 *     } ]
 *   }
 *
 * Timeouts, daemons and connections have their own documents; see
 * render-misc.c and render-conn.c.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "common/emit.h"
#include "render.h"
#include "render-priv.h"

/* Fields, in the canonical order (every text view is a subsequence). */
enum {
	F_SCHED   = 1 << 0,	/* service: scheduler, flags, persistence, ops */
	F_FWD     = 1 << 1,
	F_TUN     = 1 << 2,
	F_WEIGHT  = 1 << 3,
	F_PERSIST = 1 << 4,
	F_UTHR    = 1 << 5,
	F_LTHR    = 1 << 6,
	F_ACTIVE  = 1 << 7,
	F_INACT   = 1 << 8,
	F_STATS   = 1 << 9,
	F_RATE    = 1 << 10,
	F_WIDE    = 1 << 11,	/* text: service name padded to 33 */
	F_PCONN   = 1 << 12,	/* text: --persistent-conn widths */
};

struct view {
	unsigned int	fields;
	const char	*title;
};

static const char title_default[] =
	"Prot LocalAddress:Port Scheduler Flags\n"
	"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
static const char title_tun[] =
	"Prot LocalAddress:Port Scheduler Flags\n"
	"  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";

/* Which fields the format shows; the precedence is 1.31's. */
static struct view view_pick(unsigned int fmt)
{
	struct view v = { 0, NULL };

	if (fmt & FMT_PROMETHEUS) {
		v.fields = F_STATS | F_RATE;
	} else if (fmt & FMT_JSON) {
		v.fields = F_SCHED | F_FWD | F_TUN | F_WEIGHT | F_PERSIST |
			   F_UTHR | F_LTHR | F_ACTIVE | F_INACT;
		if (fmt & FMT_STATS)
			v.fields |= F_STATS;
		if (fmt & FMT_RATE)
			v.fields |= F_RATE;
	} else if (fmt & FMT_STATS) {
		v.fields = F_STATS | F_WIDE;
	} else if (fmt & FMT_RATE) {
		v.fields = F_RATE | F_WIDE;
	} else if (fmt & FMT_THRESHOLDS) {
		v.fields = F_SCHED | F_UTHR | F_LTHR | F_ACTIVE | F_INACT;
	} else if (fmt & FMT_PERSISTENTCONN) {
		v.fields = F_SCHED | F_WEIGHT | F_PERSIST | F_ACTIVE | F_INACT | F_PCONN;
	} else if (fmt & FMT_TUN_INFO) {
		v.fields = F_SCHED | F_FWD | F_TUN | F_WEIGHT | F_ACTIVE | F_INACT;
		v.title = title_tun;
	} else {
		v.fields = F_SCHED | F_FWD | F_WEIGHT | F_ACTIVE | F_INACT;
		v.title = title_default;
	}
	return v;
}

static void title_print(struct emit *o, unsigned int fmt, const struct view *v)
{
	static const char *const stats[] = { "Conns", "InPkts", "OutPkts", "InBytes", "OutBytes" };
	static const char *const rate[] = { "CPS", "InPPS", "OutPPS", "InBPS", "OutBPS" };
	const char *const *h = (fmt & FMT_STATS) ? stats : rate;

	if (v->title)
		emit_text(o, "%s", v->title);
	else if (fmt & (FMT_STATS | FMT_RATE))
		emit_text(o, "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			 "Prot LocalAddress:Port", h[0], h[1], h[2], h[3], h[4]);
	else if (fmt & FMT_THRESHOLDS)
		emit_text(o, "%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
			 "Prot LocalAddress:Port",
			 "Uthreshold", "Lthreshold", "ActiveConn", "InActConn");
	else
		emit_text(o, "%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
			 "Prot LocalAddress:Port",
			 "Weight", "PersistConn", "ActiveConn", "InActConn");
}

static int on(const struct view *v, unsigned int f)
{
	return (v->fields & f) ? EMIT_ANY : EMIT_NONE;
}

static const char *af_name(int af)
{
	return af == AF_INET6 ? "inet6" : af == AF_INET ? "inet" : "unspec";
}

/* JSON-only: family, numeric address and port. */
static void addr_json(struct emit *o, int af, const union ipvs_addr *a, uint16_t port)
{
	char buf[INET6_ADDRSTRLEN];

	emit_jstr(o, "af", af_name(af));
	emit_jstr(o, "address", names_addr(af, a, buf, sizeof(buf)));
	emit_juint(o, "port", port);
}

static void stats_print(struct emit *o, const struct view *v,
			const struct ipvs_stats *s, bool dest)
{
	if (v->fields & F_STATS) {
		emit_obj_open(o, "stats");
		emit_num(o, EMIT_ANY, "conns", s->conns);
		emit_num(o, EMIT_ANY, "inpkts", s->inpkts);
		emit_num(o, EMIT_ANY, "outpkts", s->outpkts);
		emit_num(o, EMIT_ANY, "inbytes", s->inbytes);
		emit_num(o, EMIT_ANY, "outbytes", s->outbytes);
		emit_obj_close(o);
	}
	if (v->fields & F_RATE) {
		emit_obj_open(o, "rates");
		/* 1.31 does not abbreviate a destination's cps and pps. */
		if (dest) {
			emit_u64(o, EMIT_ANY, "cps", " %8llu", (unsigned long long)s->cps);
			emit_u64(o, EMIT_ANY, "inpps", " %8llu", (unsigned long long)s->inpps);
			emit_u64(o, EMIT_ANY, "outpps", " %8llu", (unsigned long long)s->outpps);
		} else {
			emit_num(o, EMIT_ANY, "cps", s->cps);
			emit_num(o, EMIT_ANY, "inpps", s->inpps);
			emit_num(o, EMIT_ANY, "outpps", s->outpps);
		}
		emit_num(o, EMIT_ANY, "inbps", s->inbps);
		emit_num(o, EMIT_ANY, "outbps", s->outbps);
		emit_obj_close(o);
	}
}

/* The service column: "TCP  10.0.0.1:80", "FWM  100 IPv6". */
static void svc_text_name(const struct ipvs_service *s, unsigned int fmt,
			  char *buf, size_t len)
{
	char ap[NAMES_ADDRPORT_LEN];

	if (s->fwmark) {
		snprintf(buf, len, "FWM  %u%s", s->fwmark, s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	names_addrport(ap, s->af, &s->addr, s->port, s->protocol, fmt & FMT_NUMERIC);
	snprintf(buf, len, "%-4s %s", names_proto(s->protocol), ap);
	if (s->af != AF_INET6 && len > 33)
		buf[33] = '\0';		/* 1.31 cuts non-IPv6 names here */
}

static void svc_sched(struct emit *o, const struct view *v, const struct ipvs_service *s)
{
	const char *names[3];
	char buf[64];
	size_t i, n;
	bool pers = s->flags & IPVS_SVC_F_PERSISTENT;
	int w = on(v, F_SCHED);

	emit_str(o, w, "scheduler", " %s", s->sched_name);
	if (s->flags & SCHED_FLAGS_ANY)
		emit_str(o, w & EMIT_FP, NULL, " (%s)", render_sched_flags_text(s, buf, sizeof(buf)));
	emit_arr_open(o, "flags");
	n = render_sched_flags(s, names);
	for (i = 0; i < n; i++)
		emit_jstr(o, NULL, names[i]);
	emit_arr_close(o);

	emit_bool(o, w & EMIT_JSON, "persistent", NULL, pers);
	if (pers) {
		emit_u32(o, w, "timeout", " persistent %u", s->timeout);
		if (s->af == AF_INET) {
			struct in_addr m = { .s_addr = s->netmask };

			emit_str(o, s->netmask != 0xffffffff ? w : (w & EMIT_JSON),
				"netmask", " mask %s", inet_ntop(AF_INET, &m, buf, sizeof(buf)));
		} else if (s->af == AF_INET6) {
			emit_int(o, s->netmask != 128 ? w : (w & EMIT_JSON),
				"prefix_len", " mask %i", (int)s->netmask);
		}
	}
	/* -L shows the PE only for persistent services; JSON always. */
	if (s->pe_name[0])
		emit_str(o, pers ? w : (w & EMIT_JSON), "pe", " pe %s", s->pe_name);
	emit_bool(o, w, "ops", " ops", s->flags & IPVS_SVC_F_ONEPACKET);
}

static const char *tun_csum_json(unsigned int f)
{
	static const char *const n[] = { "nocsum", "csum", "remcsum" };

	return f < 3 ? n[f] : "unknown";
}

/* 1.31's TunnelInfo column: ipip, gue:PORT:FLAG, gre:FLAG or n/a. */
static const char *tun_info_text(const struct ipvs_dest *d, char *buf, size_t len)
{
	static const char *const fl[] = { "-c", "+c", "r+c" };
	const char *f = d->tun_flags < 3 ? fl[d->tun_flags] : "?";

	const char *type = names_tun_type(d->tun_type);

	if ((d->fwd & FWD_MASK) != IPVS_FWD_TUNNEL || !type)
		return "n/a";
	if (d->tun_type == IPVS_TUN_GUE)
		snprintf(buf, len, "%s:%d:%s", type, d->tun_port, f);
	else if (d->tun_type == IPVS_TUN_GRE)
		snprintf(buf, len, "%s:%s", type, f);
	else
		snprintf(buf, len, "%s", type);
	return buf;
}

static void dest_tunnel(struct emit *o, const struct view *v, const struct ipvs_dest *d)
{
	const char *type = names_tun_type(d->tun_type);
	char buf[16];

	if (!(v->fields & F_TUN))
		return;
	emit_str(o, EMIT_FP, NULL, " %-13s", tun_info_text(d, buf, sizeof(buf)));
	if ((d->fwd & FWD_MASK) != IPVS_FWD_TUNNEL)
		return;
	emit_obj_open(o, "tunnel");
	emit_jstr(o, "type", type ? type : "unknown");
	if (d->tun_type == IPVS_TUN_GUE)
		emit_juint(o, "port", d->tun_port);
	if (d->tun_type == IPVS_TUN_GUE || d->tun_type == IPVS_TUN_GRE)
		emit_jstr(o, "csum", tun_csum_json(d->tun_flags));
	emit_obj_close(o);
}

static const char *fwd_json(uint32_t fwd)
{
	static const char *const n[] = { "masq", "local", "tunnel", "route" };

	return (fwd & FWD_MASK) < 4 ? n[fwd & FWD_MASK] : "unknown";
}

static void dest_print(struct emit *o, const struct view *v, unsigned int fmt,
		       const struct ipvs_service *s, const struct ipvs_dest *d)
{
	int af = render_dest_af(d, s);
	char name[NAMES_ADDRPORT_LEN];

	emit_obj_open(o, NULL);
	if (!emit_is_json(o)) {
		names_addrport(name, af, &d->addr, d->port, s->protocol, fmt & FMT_NUMERIC);
		if (af != AF_INET6)
			name[28] = '\0';	/* 1.31 cuts non-IPv6 names here */
		emit_str(o, EMIT_FP, NULL, "  -> %-28s", name);
	}
	addr_json(o, af, &d->addr, d->port);
	emit_str(o, on(v, F_FWD) & EMIT_FP, NULL, " %-7s", render_fwd_name(d->fwd));
	if (v->fields & F_FWD)
		emit_jstr(o, "forward", fwd_json(d->fwd));
	dest_tunnel(o, v, d);
	emit_int(o, on(v, F_WEIGHT), "weight",
		(v->fields & F_PCONN) ? " %-9d" : " %-6d", d->weight);
	emit_u32(o, on(v, F_PERSIST), "persist_conns", " %-11u", d->persist_conns);
	emit_u32(o, on(v, F_UTHR), "u_threshold", " %-10u", d->u_threshold);
	emit_u32(o, on(v, F_LTHR), "l_threshold", " %-10u", d->l_threshold);
	emit_u32(o, on(v, F_ACTIVE), "active_conns", " %-10u", d->active_conns);
	emit_u32(o, on(v, F_INACT), "inact_conns", " %-10u", d->inact_conns);
	stats_print(o, v, &d->stats, true);
	emit_text(o, "\n");
	emit_obj_close(o);
}

static void service_print(struct emit *o, const struct view *v, unsigned int fmt,
			  const struct ipvs_service *s, const struct ipvs_dest *d, size_t n)
{
	char name[128];
	size_t i;

	emit_obj_open(o, NULL);
	if (!emit_is_json(o)) {
		svc_text_name(s, fmt, name, sizeof(name));
		emit_str(o, EMIT_FP, NULL, (v->fields & F_WIDE) ? "%-33s" : "%s", name);
	}
	emit_jstr(o, "af", af_name(s->af));
	emit_juint(o, "fwmark", s->fwmark);
	if (!s->fwmark) {
		char buf[INET6_ADDRSTRLEN];

		emit_jstr(o, "protocol", names_proto(s->protocol));
		emit_jstr(o, "address", names_addr(s->af, &s->addr, buf, sizeof(buf)));
		emit_juint(o, "port", s->port);
	}
	svc_sched(o, v, s);
	stats_print(o, v, &s->stats, false);
	emit_text(o, "\n");

	emit_arr_open(o, "destinations");
	for (i = 0; i < n; i++)
		dest_print(o, v, fmt, s, &d[i]);
	emit_arr_close(o);
	emit_obj_close(o);
}

/* Text -S: rules instead of the listing (JSON is the same document). */
static bool rules_view(unsigned int fmt)
{
	return (fmt & FMT_RULE) && !(fmt & FMT_JSON);
}

void render_list_begin(struct render_list *r, FILE *fp, unsigned int fmt,
		       const struct ipvs_info *info)
{
	struct view v = view_pick(fmt);
	struct emit *o = &r->o;

	r->fmt = fmt;
	r->fields = v.fields;
	r->prom = NULL;
	r->err = 0;
	if (fmt & FMT_PROMETHEUS) {
		r->prom = render_prom_begin(fp);
		r->err = r->prom ? 0 : -ENOMEM;
		return;
	}
	emit_begin(o, fp, fmt & FMT_JSON, fmt & FMT_EXACT);
	if (rules_view(fmt))
		return;
	emit_obj_open(o, NULL);
	if (info) {
		char ver[16];

		snprintf(ver, sizeof(ver), "%u.%u.%u", (info->version >> 16) & 0xff,
			 (info->version >> 8) & 0xff, info->version & 0xff);
		emit_str(o, EMIT_ANY, "version", "IP Virtual Server version %s", ver);
		emit_int(o, EMIT_ANY, "conn_tab_size", " (size=%d)\n", (int)info->conn_tab_size);
	}
	title_print(o, fmt, &v);
	emit_arr_open(o, "services");
}

void render_list_service(struct render_list *r, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n)
{
	struct view v = { r->fields, NULL };

	if (r->fmt & FMT_PROMETHEUS) {
		if (r->prom)
			render_prom_service(r->prom, svc, dests, n);
		return;
	}
	if (rules_view(r->fmt))
		render_rule_service(r->o.fp, r->fmt, svc, dests, n);
	else
		service_print(&r->o, &v, r->fmt, svc, dests, n);
}

int render_list_end(struct render_list *r)
{
	if (r->fmt & FMT_PROMETHEUS)
		return r->prom ? render_prom_end(r->prom) : r->err;
	if (!rules_view(r->fmt)) {
		emit_arr_close(&r->o);
		emit_obj_close(&r->o);
	}
	return emit_end(&r->o);
}

unsigned int render_list_counters(unsigned int fmt)
{
	struct view v = view_pick(fmt);

	if (rules_view(fmt))
		return 0;
	return (v.fields & F_STATS ? IPVS_LIST_TOTALS : 0) |
	       (v.fields & F_RATE ? IPVS_LIST_RATES : 0);
}

/* Service i of src, for render_sort_services. */
static void source_service(void *arg, uint32_t i, struct ipvs_service *svc)
{
	const struct render_source *src = arg;

	src->service(src->arg, i, svc);
}

int render_listing(FILE *fp, unsigned int fmt, const struct ipvs_info *info,
		   const struct render_source *src)
{
	bool sort = !(fmt & FMT_NOSORT) || (fmt & FMT_RULE);
	size_t n = src->count(src->arg);
	uint32_t *order = malloc((n ? n : 1) * sizeof(*order));
	struct render_list r;
	int err = 0;

	if (!order)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	if (sort)
		render_sort_services(order, n, source_service, (void *)src);
	render_list_begin(&r, fp, fmt, info);
	for (size_t k = 0; k < n && !err; k++) {
		struct ipvs_service svc;
		struct ipvs_dest *d;
		size_t nd;

		src->service(src->arg, order[k], &svc);
		err = src->dests(src->arg, order[k], &d, &nd);
		if (err)
			break;
		if (sort)
			render_sort_dests(d, nd, svc.af);
		render_list_service(&r, &svc, d, nd);
	}
	/* As 1.31, a listing that cannot be written is not an error. */
	render_list_end(&r);
	free(order);
	return err;
}
