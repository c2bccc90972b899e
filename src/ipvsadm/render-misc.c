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
#include "common/emit.h"
#include "render.h"

int render_timeouts(FILE *fp, unsigned int fmt, const struct ipvs_timeouts *t)
{
	struct emit o;

	emit_begin(&o, fp, fmt & FMT_JSON, false);
	emit_obj_open(&o, NULL);
	/* 1.31 prints these with %d. */
	emit_int(&o, EMIT_ANY, "tcp", "Timeout (tcp tcpfin udp): %d", (int)t->tcp);
	emit_int(&o, EMIT_ANY, "tcp_fin", " %d", (int)t->tcp_fin);
	emit_int(&o, EMIT_ANY, "udp", " %d\n", (int)t->udp);
	emit_obj_close(&o);
	return emit_end(&o);
}

static void daemon_print(struct emit *o, const struct ipvs_daemon *d, const char *role)
{
	char ifn[IPVS_IFNAME_MAX + 1], grp[INET6_ADDRSTRLEN];

	memcpy(ifn, d->mcast_ifn, IPVS_IFNAME_MAX);
	ifn[IPVS_IFNAME_MAX] = '\0';

	emit_obj_open(o, NULL);
	emit_str(o, EMIT_ANY, "state", "%s sync daemon", role);
	emit_str(o, EMIT_ANY, "mcast_ifn", " (mcast=%s", ifn);
	emit_int(o, EMIT_ANY, "syncid", ", syncid=%d", (int)d->syncid);
	if (d->sync_maxlen)
		emit_u32(o, EMIT_ANY, "sync_maxlen", ", maxlen=%u", d->sync_maxlen);
	if (d->mcast_af && inet_ntop(d->mcast_af, &d->mcast_group, grp, sizeof(grp)))
		emit_str(o, EMIT_ANY, "mcast_group", ", group=%s", grp);
	if (d->mcast_port)
		emit_u32(o, EMIT_ANY, "mcast_port", ", port=%u", d->mcast_port);
	if (d->mcast_ttl)
		emit_u32(o, EMIT_ANY, "mcast_ttl", ", ttl=%u", d->mcast_ttl);
	emit_text(o, ")\n");
	emit_obj_close(o);
}

int render_daemons(FILE *fp, unsigned int fmt, const struct ipvs_daemon *d, size_t n)
{
	struct emit o;
	size_t i;

	emit_begin(&o, fp, fmt & FMT_JSON, false);
	emit_obj_open(&o, NULL);
	emit_arr_open(&o, "daemons");
	for (i = 0; i < n; i++) {
		/* 1.31 tests the state bits, master first; others are skipped. */
		if (d[i].state & IPVS_DAEMON_MASTER)
			daemon_print(&o, &d[i], "master");
		else if (d[i].state & IPVS_DAEMON_BACKUP)
			daemon_print(&o, &d[i], "backup");
	}
	emit_arr_close(&o);
	emit_obj_close(&o);
	return emit_end(&o);
}
