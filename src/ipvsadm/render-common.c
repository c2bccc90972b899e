/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of scheduler flags, forwarding methods and tunnel types. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "render-priv.h"

size_t render_sched_flags(const struct ipvs_service *s, const char *names[3])
{
	static const char *const sh[] = { "sh-fallback", "sh-port", NULL };
	static const char *const mh[] = { "mh-fallback", "mh-port", NULL };
	static const char *const gen[] = { "flag-1", "flag-2", "flag-3" };
	static const uint32_t bit[] = { IPVS_SVC_F_SCHED1, IPVS_SVC_F_SCHED2, IPVS_SVC_F_SCHED3 };
	const char *const *table = gen;
	size_t i, n = 0;

	/* sh and mh know only their first two flags; SCHED3 is not shown. */
	if (!strcmp(s->sched_name, "sh"))
		table = sh;
	else if (!strcmp(s->sched_name, "mh"))
		table = mh;
	for (i = 0; i < 3; i++)
		if (table[i] && (s->flags & bit[i]))
			names[n++] = table[i];
	return n;
}

const char *render_sched_flags_text(const struct ipvs_service *s, char *buf, size_t len)
{
	const char *names[3];
	size_t i, n = render_sched_flags(s, names), used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && used < len; i++)
		used += snprintf(buf + used, len - used, "%s%s", i ? "," : "", names[i]);
	return buf;
}

/* The kernel's forwarding method mask (IP_VS_CONN_F_FWD_MASK). */
#define FWD_MASK	7

const char *render_fwd_name(uint32_t fwd)
{
	switch (fwd & FWD_MASK) {
	case IPVS_FWD_MASQ:   return "Masq";
	case IPVS_FWD_LOCAL:  return "Local";
	case IPVS_FWD_TUNNEL: return "Tunnel";
	case IPVS_FWD_ROUTE:  return "Route";
	default:	      return "(null)";
	}
}

const char *render_fwd_switch(uint32_t fwd)
{
	switch (fwd & FWD_MASK) {
	case IPVS_FWD_MASQ:   return "-m";
	case IPVS_FWD_TUNNEL: return "-i";
	case IPVS_FWD_LOCAL:
	case IPVS_FWD_ROUTE:  return "-g";
	default:	      return "(null)";
	}
}

const char *render_tun_type(unsigned int type)
{
	switch (type) {
	case IPVS_TUN_IPIP: return "ipip";
	case IPVS_TUN_GUE:  return "gue";
	case IPVS_TUN_GRE:  return "gre";
	default:	    return NULL;
	}
}
