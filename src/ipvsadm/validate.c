/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The checks ipvsadm 1.31 makes after parsing, in its order: the command
 * x option table, then per-command rules.  Also fills in the defaults it
 * applies at the same points (scheduler wlc, interface eth0, the forced
 * destination port).
 */
#include "config.h"

#include <string.h>
#include "front.h"

#define B(o)	OPTBIT(OPT_##o)

static int validate_service(struct cmd *c, struct diag *d)
{
	struct ipvs_service *svc = &c->svc;

	if (!svc->fwmark && !svc->port && !(svc->flags & IPVS_SVC_F_PERSISTENT))
		return diag_set(d, 2, "Zero port specified for non-persistent service");
	if ((svc->flags & IPVS_SVC_F_ONEPACKET) && !svc->fwmark &&
	    svc->protocol != IPPROTO_UDP)
		return diag_set(d, 2, "One-Packet Scheduling is only for UDP virtual services");
	if (!svc->sched_name[0])
		strcpy(svc->sched_name, "wlc");
	return 0;
}

static int validate_dest(struct cmd *c, struct diag *d)
{
	const uint64_t tun_opts = B(TUN_TYPE) | B(TUN_PORT) | B(TUN_NOCSUM) |
				  B(TUN_CSUM) | B(TUN_REMCSUM);
	bool tunnel = c->dest.fwd == IPVS_FWD_TUNNEL;

	/* DR and tunnel cannot change the port: use the service's. */
	if (!c->svc.fwmark && (tunnel || c->dest.fwd == IPVS_FWD_ROUTE))
		c->dest.port = c->svc.port;
	if (c->dest.af != c->svc.af && !tunnel)
		return diag_set(d, 2, "Different address family is allowed only for tunneling servers");
	if ((c->options & tun_opts) && !tunnel)
		return diag_set(d, 2, "Tunnel options conflict with forward method");
	if (tunnel)
		return opts_check_tunnel(c->dest.tun_type, c->options, d);
	return 0;
}

static int validate_list(const struct cmd *c, struct diag *d)
{
	uint64_t o = c->options;

	if ((o & B(SUMMARY)) && !(o & B(CONNECTION)))
		return diag_set(d, 2, "The 'summary' option needs the 'connection' option");
	if (((o & B(SUMMARY)) && (o & B(PERSISTENTCONN))) ||
	    ((o & (B(CONNECTION) | B(TIMEOUT) | B(DAEMON))) &&
	     (o & (B(STATS) | B(RATE) | B(THRESHOLDS) | B(PROMETHEUS)))) ||
	    ((o & B(PROMETHEUS)) && (o & B(JSON))) ||
	    ((o & (B(TIMEOUT) | B(DAEMON))) && (o & B(PERSISTENTCONN))))
		return diag_set(d, 2, "options conflicts in the list command");
	return 0;
}

/* The checks, with the options the command table sees. */
static int validate_as(struct cmd *c, uint64_t options, struct diag *d)
{
	d->status = 0;
	if (!opts_verb_known(c->verb))
		return 0;	/* -h, -v */
	if (opts_check_verb(c->verb, options, d))
		return d->status;
	switch (c->verb) {
	case VERB_ADD_SERVICE:
	case VERB_EDIT_SERVICE:
		return validate_service(c, d);
	case VERB_START_DAEMON:
		if (!c->daemon.mcast_ifn[0])
			strcpy(c->daemon.mcast_ifn, "eth0");
		return 0;
	case VERB_ADD_DEST:
	case VERB_EDIT_DEST:
		return validate_dest(c, d);
	case VERB_LIST:
		return validate_list(c, d);
	default:
		return 0;
	}
}

int cmd_validate(struct cmd *c, struct diag *d)
{
	const uint64_t filters = B(SERVICE) | B(SERVER);

	/* Ours: a connection listing takes a service and a real server as
	 * filters, which 1.31's table refuses.  A command that fails anyway
	 * gets 1.31's message. */
	if (c->verb == VERB_LIST && (c->options & B(CONNECTION)) && (c->options & filters) &&
	    !validate_as(c, c->options & ~filters, d))
		return 0;
	return validate_as(c, c->options, d);
}
