/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -S`: the table as -A/-a rules that `ipvsadm -R` reads back.
 * Same bytes as 1.31, with two differences: a fwmark prints unsigned, and
 * a resolved "name:port" that 1.31 would cut at 59 bytes (losing the
 * port) is written numerically instead, so every saved rule restores.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
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

/* Append printf-style to buf[len] at *at; never overflows, always ends. */
static void cat(char *buf, size_t len, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void cat(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	if (n > 0)
		*at = *at + (size_t)n < len ? *at + (size_t)n : len;
}

static void svc_settings(char *buf, size_t len, size_t *at, const struct ipvs_service *s)
{
	char tmp[64];

	cat(buf, len, at, " -s %s", s->sched_name);
	if (s->flags & IPVS_SVC_F_PERSISTENT) {
		cat(buf, len, at, " -p %u", s->timeout);
		if (s->af == AF_INET && s->netmask != 0xffffffff) {
			struct in_addr m = { .s_addr = s->netmask };

			cat(buf, len, at, " -M %s", inet_ntop(AF_INET, &m, tmp, sizeof(tmp)));
		} else if (s->af == AF_INET6 && s->netmask != 128) {
			cat(buf, len, at, " -M %i", (int)s->netmask);
		}
	}
	/* Unlike -L, -S writes the PE of a non-persistent service too. */
	if (s->pe_name[0])
		cat(buf, len, at, " --pe %s", s->pe_name);
	if (s->flags & IPVS_SVC_F_ONEPACKET)
		cat(buf, len, at, " -o");
	if (s->flags & SCHED_FLAGS_ANY)
		cat(buf, len, at, " -b %s", render_sched_flags_text(s, tmp, sizeof(tmp)));
}

static const char *tun_csum_opt(unsigned int f)
{
	static const char *const opt[] = { "--tun-nocsum", "--tun-csum", "--tun-remcsum" };

	return f < 3 ? opt[f] : "";
}

/* -S leaves thresholds out, as 1.31 does; a plan shows them (FMT_THRESHOLDS). */
static void dest_settings(char *buf, size_t len, size_t *at, const struct ipvs_dest *d,
			  unsigned int fmt)
{
	cat(buf, len, at, " %s -w %d", render_fwd_switch(d->fwd), d->weight);
	if ((fmt & FMT_THRESHOLDS) && d->u_threshold)
		cat(buf, len, at, " -x %u", d->u_threshold);
	if ((fmt & FMT_THRESHOLDS) && d->l_threshold)
		cat(buf, len, at, " -y %u", d->l_threshold);
	if ((d->fwd & FWD_MASK) == IPVS_FWD_TUNNEL) {
		switch (d->tun_type) {
		case IPVS_TUN_IPIP:
			cat(buf, len, at, " --tun-type ipip");
			break;
		case IPVS_TUN_GUE:
			cat(buf, len, at, " --tun-type gue --tun-port %d %s", d->tun_port,
			    tun_csum_opt(d->tun_flags));
			break;
		case IPVS_TUN_GRE:
			cat(buf, len, at, " --tun-type gre %s", tun_csum_opt(d->tun_flags));
			break;
		}
	}
}

void render_rule_text(char *buf, size_t len, unsigned int fmt, char verb,
		      const struct ipvs_service *s, const struct ipvs_dest *d)
{
	char name[NAMES_ADDRPORT_LEN], svc[128];
	size_t at = 0;

	buf[0] = '\0';
	rule_svc_name(s, fmt, svc, sizeof(svc));
	cat(buf, len, &at, "-%c %s", verb, svc);
	if (!d) {
		if (verb != 'D')
			svc_settings(buf, len, &at, s);
		return;
	}
	rule_addrport(name, render_dest_af(d, s), &d->addr, d->port, s->protocol, fmt);
	cat(buf, len, &at, " -r %s", name);
	if (verb != 'd')
		dest_settings(buf, len, &at, d, fmt);
}

void render_rule_settings(char *buf, size_t len, unsigned int fmt,
			  const struct ipvs_service *s, const struct ipvs_dest *d)
{
	size_t at = 0;

	buf[0] = '\0';
	if (d)
		dest_settings(buf, len, &at, d, fmt);
	else
		svc_settings(buf, len, &at, s);
}

void render_rule_service(FILE *fp, unsigned int fmt, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n)
{
	char line[RENDER_RULE_MAX];

	render_rule_text(line, sizeof(line), fmt, 'A', svc, NULL);
	fprintf(fp, "%s\n", line);
	for (size_t j = 0; j < n; j++) {
		render_rule_text(line, sizeof(line), fmt, 'a', svc, &dests[j]);
		fprintf(fp, "%s\n", line);
	}
}
