/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --scope RULE: the services --apply may add, change or remove.  A rule is
 * comma-separated key=value pairs that must all hold:
 *   addr=10.0.0.0/24   family=ipv4|ipv6   proto=tcp|udp|sctp
 *   port=80 or 8000-8099   fwmark=7 or 100-199
 * Rules given with several --scope options are alternatives.  The meaning
 * of a rule is libipvs's (struct ipvs_scope_rule).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"

static int why_set(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int why_set(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* "N" or "N-M" within [min, max]. */
static int range_parse(const char *v, long min, long max, long *lo, long *hi)
{
	char buf[32], *dash;

	if (strlen(v) >= sizeof(buf))
		return -1;
	strcpy(buf, v);
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = '\0';
	*lo = addr_to_number(buf, min, max);
	*hi = dash ? addr_to_number(dash, min, max) : *lo;
	return *lo < 0 || *hi < 0 || *lo > *hi ? -1 : 0;
}

static int addr_key(const char *v, struct ipvs_scope_rule *r, char *why, size_t len)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	uint16_t af;
	long plen;

	if (strlen(v) >= sizeof(buf))
		return why_set(why, len, "address `%s' too long", v);
	strcpy(buf, v);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	af = strchr(buf, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(af, buf, &r->addr) != 1)
		return why_set(why, len, "`%s' is not an IPv4 or IPv6 address", buf);
	plen = slash ? addr_to_number(slash, 0, af == AF_INET6 ? 128 : 32)
		     : (af == AF_INET6 ? 128 : 32);
	if (plen < 0)
		return why_set(why, len, "bad prefix length `%s'", slash);
	if (r->af && r->af != af)
		return why_set(why, len, "the address is not of the family given");
	r->af = af;
	r->prefix_len = (uint8_t)plen;
	if (plen == 0)	/* 0.0.0.0/0: every address of the family */
		memset(&r->addr, 0, sizeof(r->addr));
	return 0;
}

static int pair_parse(char *pair, struct ipvs_scope_rule *r, char *why, size_t len)
{
	char *v = strchr(pair, '=');
	long lo, hi;

	if (!v || v == pair || !v[1])
		return why_set(why, len, "expected KEY=VALUE, not `%s'", pair);
	*v++ = '\0';
	if (!strcmp(pair, "addr"))
		return addr_key(v, r, why, len);
	if (!strcmp(pair, "family")) {
		uint16_t af = !strcmp(v, "ipv4") ? AF_INET : !strcmp(v, "ipv6") ? AF_INET6 : 0;

		if (!af)
			return why_set(why, len, "family `%s' is not ipv4 or ipv6", v);
		if (r->af && r->af != af)
			return why_set(why, len, "the address is not of the family given");
		r->af = af;
		return 0;
	}
	if (!strcmp(pair, "proto")) {
		r->protocol = !strcmp(v, "tcp") ? IPPROTO_TCP : !strcmp(v, "udp") ? IPPROTO_UDP :
			      !strcmp(v, "sctp") ? IPPROTO_SCTP : 0;
		return r->protocol ? 0 : why_set(why, len, "protocol `%s' is not tcp, udp or sctp", v);
	}
	if (!strcmp(pair, "port")) {
		if (range_parse(v, 1, 65535, &lo, &hi) < 0)
			return why_set(why, len, "bad port or port range `%s'", v);
		r->port_min = (uint16_t)lo;
		r->port_max = (uint16_t)hi;
		return 0;
	}
	if (!strcmp(pair, "fwmark")) {
		if (range_parse(v, 1, (long)UINT32_MAX, &lo, &hi) < 0)
			return why_set(why, len, "bad mark or mark range `%s'", v);
		r->fwmark_min = (uint32_t)lo;
		r->fwmark_max = (uint32_t)hi;
		return 0;
	}
	return why_set(why, len, "unknown key `%s' (addr, family, proto, port, fwmark)", pair);
}

int scope_parse(const char *text, struct ipvs_scope_rule *r, char *why, size_t len)
{
	char *copy = strdup(text), *save = NULL, *pair;
	int ret = 0;

	memset(r, 0, sizeof(*r));
	if (!copy)
		return why_set(why, len, "out of memory");
	if (!*copy)
		ret = why_set(why, len, "empty rule");
	for (pair = strtok_r(copy, ",", &save); pair && !ret; pair = strtok_r(NULL, ",", &save))
		ret = pair_parse(pair, r, why, len);
	if (!ret && r->fwmark_max && (r->prefix_len || r->protocol || r->port_min))
		ret = why_set(why, len, "fwmark cannot be combined with addr, proto or port");
	free(copy);
	return ret;
}
