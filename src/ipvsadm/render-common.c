/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Scheduler flags as listed, and names of forwarding methods. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "names.h"
#include "render-priv.h"

size_t render_sched_flags(const struct ipvs_service *s, const char *names[3])
{
	static const uint32_t bit[] = { IPVS_SVC_F_SCHED1, IPVS_SVC_F_SCHED2, IPVS_SVC_F_SCHED3 };
	size_t n = 0;

	for (size_t i = 0; i < 3; i++) {
		const char *name = names_sched_flag(s->sched_name, bit[i]);

		if (name && (s->flags & bit[i]))
			names[n++] = name;
	}
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
