/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -L --prometheus`: the table's counters, rates and connection
 * counts in the Prometheus text exposition format, for node_exporter's
 * textfile collector.  Every value is the kernel's exact 64-bit number.
 *
 * Each sample is labelled with the whole identity of its service (family,
 * protocol, address, port, mark) and, for a real server, its address and
 * port, so that TCP, UDP and SCTP services on one address, firewall-mark
 * services and IPv6 services never share a label set.
 *
 * A family's samples must stand together, but the listing arrives service
 * by service; so each family is written to a spool of its own (anonymous
 * files: not our memory) and the spools are joined at the end.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "render.h"
#include "render-priv.h"
#include "spool.h"

enum value {
	V_CONNS, V_INPKTS, V_OUTPKTS, V_INBYTES, V_OUTBYTES,
	V_CPS, V_INPPS, V_OUTPPS, V_INBPS, V_OUTBPS,
	V_ACTIVE, V_INACTIVE, V_PERSISTENT, V_WEIGHT,
};

struct family {
	const char	*name;
	bool		counter;	/* else a gauge */
	bool		dest;		/* a real server's, else a service's */
	enum value	v;
	const char	*help;
};

#define SVC_FAMILY(n, c, v, h)	{ "ipvs_service_" n, c, false, v, h }
#define DEST_FAMILY(n, c, v, h)	{ "ipvs_backend_" n, c, true, v, h }

static const struct family families[] = {
	SVC_FAMILY("connections_total", true, V_CONNS, "Connections the virtual service scheduled."),
	SVC_FAMILY("incoming_packets_total", true, V_INPKTS, "Packets from clients to the virtual service."),
	SVC_FAMILY("outgoing_packets_total", true, V_OUTPKTS, "Packets from the virtual service to clients."),
	SVC_FAMILY("incoming_bytes_total", true, V_INBYTES, "Bytes from clients to the virtual service."),
	SVC_FAMILY("outgoing_bytes_total", true, V_OUTBYTES, "Bytes from the virtual service to clients."),
	SVC_FAMILY("connections_per_second", false, V_CPS, "Connections per second, as the kernel estimates it."),
	SVC_FAMILY("incoming_packets_per_second", false, V_INPPS, "Incoming packets per second, as the kernel estimates it."),
	SVC_FAMILY("outgoing_packets_per_second", false, V_OUTPPS, "Outgoing packets per second, as the kernel estimates it."),
	SVC_FAMILY("incoming_bytes_per_second", false, V_INBPS, "Incoming bytes per second, as the kernel estimates it."),
	SVC_FAMILY("outgoing_bytes_per_second", false, V_OUTBPS, "Outgoing bytes per second, as the kernel estimates it."),
	DEST_FAMILY("connections_total", true, V_CONNS, "Connections scheduled to the real server."),
	DEST_FAMILY("incoming_packets_total", true, V_INPKTS, "Packets from clients forwarded to the real server."),
	DEST_FAMILY("outgoing_packets_total", true, V_OUTPKTS, "Packets from the real server to clients."),
	DEST_FAMILY("incoming_bytes_total", true, V_INBYTES, "Bytes from clients forwarded to the real server."),
	DEST_FAMILY("outgoing_bytes_total", true, V_OUTBYTES, "Bytes from the real server to clients."),
	DEST_FAMILY("connections_per_second", false, V_CPS, "Connections per second to the real server."),
	DEST_FAMILY("incoming_packets_per_second", false, V_INPPS, "Incoming packets per second to the real server."),
	DEST_FAMILY("outgoing_packets_per_second", false, V_OUTPPS, "Outgoing packets per second from the real server."),
	DEST_FAMILY("incoming_bytes_per_second", false, V_INBPS, "Incoming bytes per second to the real server."),
	DEST_FAMILY("outgoing_bytes_per_second", false, V_OUTBPS, "Outgoing bytes per second from the real server."),
	DEST_FAMILY("active_connections", false, V_ACTIVE, "Established connections of the real server."),
	DEST_FAMILY("inactive_connections", false, V_INACTIVE, "Other connection entries of the real server."),
	DEST_FAMILY("persistent_connections", false, V_PERSISTENT, "Persistence templates naming the real server."),
	DEST_FAMILY("weight", false, V_WEIGHT, "Weight of the real server (0: no new connections)."),
};

#define N_FAMILIES	(sizeof(families) / sizeof(families[0]))

struct render_prom {
	FILE		*out;
	struct spool	sp[N_FAMILIES];
};

static uint64_t stat_value(const struct ipvs_stats *s, enum value v)
{
	const uint64_t x[] = {
		s->conns, s->inpkts, s->outpkts, s->inbytes, s->outbytes,
		s->cps, s->inpps, s->outpps, s->inbps, s->outbps,
	};

	return x[v];
}

static uint64_t dest_value(const struct ipvs_dest *d, enum value v)
{
	switch (v) {
	case V_ACTIVE: return d->active_conns;
	case V_INACTIVE: return d->inact_conns;
	case V_PERSISTENT: return d->persist_conns;
	case V_WEIGHT: return (uint64_t)(d->weight < 0 ? 0 : d->weight);
	default: return stat_value(&d->stats, v);
	}
}

static const char *family_label(int af)
{
	return af == AF_INET6 ? "ipv6" : "ipv4";
}

static const char *proto_label(const struct ipvs_service *s)
{
	if (s->fwmark)
		return "";
	return s->protocol == IPPROTO_TCP ? "tcp" : s->protocol == IPPROTO_UDP ? "udp" :
	       s->protocol == IPPROTO_SCTP ? "sctp" : "other";
}

/* The labels of a service: family, protocol, local address and port, mark. */
static void svc_labels(char *buf, size_t len, const struct ipvs_service *s)
{
	char a[INET6_ADDRSTRLEN] = "";

	if (!s->fwmark)
		inet_ntop(s->af, &s->addr, a, sizeof(a));
	snprintf(buf, len, "family=\"%s\",protocol=\"%s\",local_address=\"%s\","
		 "local_port=\"%u\",fwmark=\"%u\"", family_label(s->af), proto_label(s),
		 a, s->fwmark ? 0 : s->port, s->fwmark);
}

struct render_prom *render_prom_begin(FILE *out)
{
	struct render_prom *p = calloc(1, sizeof(*p));
	size_t f;

	if (!p)
		return NULL;
	p->out = out;
	for (f = 0; f < N_FAMILIES; f++)
		if (spool_open(&p->sp[f]) < 0)
			break;
	if (f < N_FAMILIES) {	/* no anonymous file to be had */
		while (f-- > 0)
			spool_close(&p->sp[f]);
		free(p);
		return NULL;
	}
	for (f = 0; f < N_FAMILIES; f++)
		fprintf(p->sp[f].fp, "# HELP %s %s\n# TYPE %s %s\n", families[f].name,
			families[f].help, families[f].name, families[f].counter ? "counter" : "gauge");
	return p;
}

void render_prom_service(struct render_prom *p, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n)
{
	char sl[256], dl[INET6_ADDRSTRLEN];

	svc_labels(sl, sizeof(sl), svc);
	for (size_t f = 0; f < N_FAMILIES; f++) {
		const struct family *fa = &families[f];
		FILE *fp = p->sp[f].fp;

		if (!fa->dest) {
			fprintf(fp, "%s{%s} %llu\n", fa->name, sl,
				(unsigned long long)stat_value(&svc->stats, fa->v));
			continue;
		}
		for (size_t i = 0; i < n; i++) {
			inet_ntop(render_dest_af(&dests[i], svc), &dests[i].addr, dl, sizeof(dl));
			fprintf(fp, "%s{%s,remote_address=\"%s\",remote_port=\"%u\"} %llu\n",
				fa->name, sl, dl, dests[i].port,
				(unsigned long long)dest_value(&dests[i], fa->v));
		}
	}
}

int render_prom_end(struct render_prom *p)
{
	int err = 0;

	for (size_t f = 0; f < N_FAMILIES; f++) {
		if (!err)
			err = spool_copy(&p->sp[f], p->out);
		spool_close(&p->sp[f]);
	}
	if (!err && fflush(p->out) == EOF)
		err = -errno;
	free(p);
	return err;
}
