/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -S`: the table as -A/-a rules that `ipvsadm -R` reads back.
 * Same bytes as 1.31, with two differences: a fwmark prints unsigned, and
 * a resolved "name:port" that 1.31 would cut at 59 bytes (losing the
 * port) is written numerically instead, so every saved rule restores.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>

#include "cmd.h"
#include "names.h"
#include "render.h"
#include "render-priv.h"

/* "addr:port" for a rule: resolved unless numeric, never cut. */
static void rule_addrport(char *buf, int af, const void *addr, uint16_t port,
			  uint16_t proto, unsigned int fmt)
{
	if (!names_addrport(buf, af, addr, port, proto, fmt & FMT_NUMERIC))
		names_addrport(buf, af, addr, port, proto, true);
}

/* "-t 10.0.0.1:80", "-f 100 -6". */
static void rule_svc_name(const struct ipvs_service *s, unsigned int fmt,
			  char *buf, size_t len)
{
	char ap[NAMES_ADDRPORT_LEN];
	const char *opt;

	if (s->fwmark) {
		snprintf(buf, len, "-f %u%s", s->fwmark, s->af == AF_INET6 ? " -6" : "");
		return;
	}
	opt = names_proto_option(s->protocol);
	rule_addrport(ap, s->af, &s->addr, s->port, s->protocol, fmt);
	snprintf(buf, len, "%s %s", opt ? opt : "--xxx-service", ap);
}

static void rule_service(FILE *fp, const struct ipvs_service *s, const char *name)
{
	char buf[64];

	fprintf(fp, "-A %s -s %s", name, s->sched_name);
	if (s->flags & IPVS_SVC_F_PERSISTENT) {
		fprintf(fp, " -p %u", s->timeout);
		if (s->af == AF_INET && s->netmask != 0xffffffff) {
			struct in_addr m = { .s_addr = s->netmask };

			fprintf(fp, " -M %s", inet_ntop(AF_INET, &m, buf, sizeof(buf)));
		} else if (s->af == AF_INET6 && s->netmask != 128) {
			fprintf(fp, " -M %i", (int)s->netmask);
		}
	}
	/* Unlike -L, -S writes the PE of a non-persistent service too. */
	if (s->pe_name[0])
		fprintf(fp, " --pe %s", s->pe_name);
	if (s->flags & IPVS_SVC_F_ONEPACKET)
		fprintf(fp, " -o");
	if (s->flags & SCHED_FLAGS_ANY)
		fprintf(fp, " -b %s", render_sched_flags_text(s, buf, sizeof(buf)));
	fputc('\n', fp);
}

static const char *tun_csum_opt(unsigned int f)
{
	static const char *const opt[] = { "--tun-nocsum", "--tun-csum", "--tun-remcsum" };

	return f < 3 ? opt[f] : "";
}

static void rule_dest(FILE *fp, const struct ipvs_service *s, const char *svc_name,
		      const struct ipvs_dest *d, unsigned int fmt)
{
	char name[NAMES_ADDRPORT_LEN];

	rule_addrport(name, render_dest_af(d, s), &d->addr, d->port, s->protocol, fmt);
	fprintf(fp, "-a %s -r %s %s -w %d", svc_name, name,
		render_fwd_switch(d->fwd), d->weight);
	if ((d->fwd & 7) == IPVS_FWD_TUNNEL) {
		switch (d->tun_type) {
		case IPVS_TUN_IPIP:
			fprintf(fp, " --tun-type ipip");
			break;
		case IPVS_TUN_GUE:
			fprintf(fp, " --tun-type gue --tun-port %d %s", d->tun_port,
				tun_csum_opt(d->tun_flags));
			break;
		case IPVS_TUN_GRE:
			fprintf(fp, " --tun-type gre %s", tun_csum_opt(d->tun_flags));
			break;
		}
	}
	fputc('\n', fp);
}

void render_rule_service(FILE *fp, unsigned int fmt, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n)
{
	char name[128];
	size_t j;

	rule_svc_name(svc, fmt, name, sizeof(name));
	rule_service(fp, svc, name);
	for (j = 0; j < n; j++)
		rule_dest(fp, svc, name, &dests[j], fmt);
}
