/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `-L --timeout` and `-L --daemon`.
 *
 * JSON: --timeout gives {"tcp": 900, "tcp_fin": 120, "udp": 300};
 * --daemon gives {"daemons": [ {"state": "master"|"backup",
 * "mcast_ifn": "eth0", "syncid": 0, "sync_maxlen": 1472,
 * "mcast_group": "224.0.0.81", "mcast_port": 8848, "mcast_ttl": 1} ]},
 * where the last four are present only when the text shows them (set,
 * and sent by the kernel).
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "cmd.h"
#include "out.h"
#include "render.h"

int render_timeouts(FILE *fp, unsigned int fmt, const struct ipvs_timeouts *t)
{
	struct out o;

	out_begin(&o, fp, fmt & FMT_JSON, false);
	out_obj_open(&o, NULL);
	/* 1.31 prints these with %d. */
	out_int(&o, OUT_ANY, "tcp", "Timeout (tcp tcpfin udp): %d", (int)t->tcp);
	out_int(&o, OUT_ANY, "tcp_fin", " %d", (int)t->tcp_fin);
	out_int(&o, OUT_ANY, "udp", " %d\n", (int)t->udp);
	out_obj_close(&o);
	return out_end(&o);
}

static void daemon_print(struct out *o, const struct ipvs_daemon *d, const char *role)
{
	char ifn[IPVS_IFNAME_MAX + 1], grp[INET6_ADDRSTRLEN];

	memcpy(ifn, d->mcast_ifn, IPVS_IFNAME_MAX);
	ifn[IPVS_IFNAME_MAX] = '\0';

	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "state", "%s sync daemon", role);
	out_str(o, OUT_ANY, "mcast_ifn", " (mcast=%s", ifn);
	out_int(o, OUT_ANY, "syncid", ", syncid=%d", (int)d->syncid);
	if (d->sync_maxlen)
		out_u32(o, OUT_ANY, "sync_maxlen", ", maxlen=%u", d->sync_maxlen);
	if (d->mcast_af && inet_ntop(d->mcast_af, &d->mcast_group, grp, sizeof(grp)))
		out_str(o, OUT_ANY, "mcast_group", ", group=%s", grp);
	if (d->mcast_port)
		out_u32(o, OUT_ANY, "mcast_port", ", port=%u", d->mcast_port);
	if (d->mcast_ttl)
		out_u32(o, OUT_ANY, "mcast_ttl", ", ttl=%u", d->mcast_ttl);
	out_text(o, ")\n");
	out_obj_close(o);
}

int render_daemons(FILE *fp, unsigned int fmt, const struct ipvs_daemon *d, size_t n)
{
	struct out o;
	size_t i;

	out_begin(&o, fp, fmt & FMT_JSON, false);
	out_obj_open(&o, NULL);
	out_arr_open(&o, "daemons");
	for (i = 0; i < n; i++) {
		/* 1.31 tests the state bits, master first; others are skipped. */
		if (d[i].state & IPVS_DAEMON_MASTER)
			daemon_print(&o, &d[i], "master");
		else if (d[i].state & IPVS_DAEMON_BACKUP)
			daemon_print(&o, &d[i], "backup");
	}
	out_arr_close(&o);
	out_obj_close(&o);
	return out_end(&o);
}
