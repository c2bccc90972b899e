/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option vocabulary of ipvsadm 1.31: the popt table, the names used in
 * messages, and which options each command requires, forbids or allows
 * only one of.  The rules are per-command bit masks; the check walks the
 * option bits in 1.31's numbering so the same message wins.
 */
#include "config.h"

#include <stddef.h>
#include "front.h"
#include "names.h"

/* popt uses descrip and argDescrip only for its own help, which ipvsadm
 * does not use: here they are help.c's text for the option. */
#define CMDOPT(lng, sht, v, arg, help) \
	{ lng, sht, POPT_ARG_NONE, NULL, PV_CMD + (v), help, arg }
#define FLAG(lng, sht, v, help)	{ lng, sht, POPT_ARG_NONE, NULL, v, help, NULL }
#define ARG(lng, sht, v, arg, help) \
	{ lng, sht, POPT_ARG_STRING, NULL, v, help, arg }

/*
 * Same names, letters and argument kinds as 1.31, so popt reports the
 * same errors for the same input.  The entries are the help's lines, in
 * its order within each section (help.c prints the sections, each from
 * the entry it names to the next section's); an entry without text (-l,
 * -v) is left out of it, and a second entry of the same long name adds its
 * letter to the first one's line.  popt looks options up entry by entry,
 * so the sections stand in the order that puts what -R reads most (-r, -m,
 * -w, -t, -a) early.
 */
const struct poptOption opts_popt_table[] = {
	FLAG("ipv6", '6', PV_IPV6, "the fwmark service is IPv6 (after -f)"),
	ARG("scheduler", 's', PV_OPT + OPT_SCHEDULER, "SCHED",
	    "rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh (default wlc)"),
	ARG("pe", '\0', PV_OPT + OPT_PERSISTENCE_ENGINE, "ENGINE", "persistence engine: sip"),
	{ "persistent", 'p', POPT_ARG_STRING | POPT_ARGFLAG_OPTIONAL, NULL,
	  PV_OPT + OPT_PERSISTENT, "keep clients on one server (default 360 s)", "[SECONDS]" },
	ARG("netmask", 'M', PV_OPT + OPT_NETMASK, "MASK",
	    "group clients by this mask (IPv4) or prefix (IPv6)"),
	FLAG("ops", 'o', PV_OPT + OPT_ONEPACKET, "one-packet scheduling (UDP)"),
	ARG("sched-flags", 'b', PV_OPT + OPT_SCHED_FLAGS, "FLAGS",
	    "comma list: flag-1,flag-2,flag-3,sh-fallback,sh-port,\n"
	    "mh-fallback,mh-port"),
	ARG("real-server", 'r', PV_OPT + OPT_SERVER, "ADDR[:PORT]", "the real server"),
	FLAG("gatewaying", 'g', PV_GATE, "forward by direct routing (default)"),
	FLAG("ipip", 'i', PV_IPIP, "forward through a tunnel"),
	FLAG("masquerading", 'm', PV_MASQ, "forward by NAT"),
	ARG("weight", 'w', PV_OPT + OPT_WEIGHT, "WEIGHT",
	    "0 to 2147483647 (default 1; 0 = no new connections)"),
	ARG("u-threshold", 'x', PV_OPT + OPT_UTHRESHOLD, "N",
	    "stop sending connections above N (0 = no limit)"),
	ARG("l-threshold", 'y', PV_OPT + OPT_LTHRESHOLD, "N", "resume sending connections below N"),
	ARG("tun-type", '\0', PV_OPT + OPT_TUN_TYPE, "TYPE",
	    "tunnel encapsulation: ipip (default), gue or gre"),
	ARG("tun-port", '\0', PV_OPT + OPT_TUN_PORT, "PORT", "destination port of the gue tunnel"),
	FLAG("tun-nocsum", '\0', PV_OPT + OPT_TUN_NOCSUM, "tunnel without checksum"),
	FLAG("tun-csum", '\0', PV_OPT + OPT_TUN_CSUM, "tunnel with checksum"),
	FLAG("tun-remcsum", '\0', PV_OPT + OPT_TUN_REMCSUM,
	     "tunnel with remote checksum offload (gue)"),
	ARG("mcast-interface", '\0', PV_OPT + OPT_MCAST, "IF", "sync daemon interface (default eth0)"),
	ARG("syncid", '\0', PV_OPT + OPT_SYNCID, "ID", "sync daemon id, 0 to 255 (default 0)"),
	ARG("sync-maxlen", '\0', PV_OPT + OPT_SYNC_MAXLEN, "LEN", "largest sync message payload"),
	ARG("mcast-group", '\0', PV_OPT + OPT_MCAST_GROUP, "ADDR", "sync multicast group"),
	ARG("mcast-port", '\0', PV_OPT + OPT_MCAST_PORT, "PORT", "sync multicast port"),
	ARG("mcast-ttl", '\0', PV_OPT + OPT_MCAST_TTL, "TTL", "sync multicast time to live"),

	ARG("tcp-service", 't', PV_TCP, "ADDR[:PORT]", "TCP service; ADDR is host or [IPv6]"),
	ARG("udp-service", 'u', PV_UDP, "ADDR[:PORT]", "UDP service"),
	ARG("sctp-service", '\0', PV_SCTP, "ADDR[:PORT]", "SCTP service"),
	ARG("fwmark-service", 'f', PV_FWMARK, "MARK", "firewall mark service (add -6 for IPv6)"),

	CMDOPT("add-service", 'A', VERB_ADD_SERVICE, NULL, "create a virtual service"),
	CMDOPT("edit-service", 'E', VERB_EDIT_SERVICE, NULL,
	       "replace the settings of a virtual service"),
	CMDOPT("delete-service", 'D', VERB_DEL_SERVICE, NULL,
	       "remove a virtual service and its real servers"),
	CMDOPT("clear", 'C', VERB_FLUSH, NULL, "remove every virtual service"),
	CMDOPT("restore", 'R', VERB_RESTORE, NULL, "apply commands read from standard input"),
	CMDOPT("save", 'S', VERB_SAVE, NULL, "print the table in the form -R reads"),
	CMDOPT("add-server", 'a', VERB_ADD_DEST, NULL, "add a real server to a virtual service"),
	CMDOPT("edit-server", 'e', VERB_EDIT_DEST, NULL, "change a real server"),
	CMDOPT("delete-server", 'd', VERB_DEL_DEST, NULL, "remove a real server"),
	CMDOPT("list", 'L', VERB_LIST, NULL, "show the table (the default without arguments)"),
	CMDOPT("list", 'l', VERB_LIST, NULL, NULL),
	CMDOPT("zero", 'Z', VERB_ZERO, NULL, "reset the counters of one or all services"),
	CMDOPT("set", '\0', VERB_SET, "TCP TCPFIN UDP",
	       "set the connection timeouts in seconds (0 = keep)"),
	ARG("start-daemon", '\0', PV_CMD + VERB_START_DAEMON, "STATE",
	    "start the connection sync daemon (master or backup)"),
	ARG("stop-daemon", '\0', PV_CMD + VERB_STOP_DAEMON, "STATE",
	    "stop the connection sync daemon"),
	CMDOPT("apply", '\0', VERB_APPLY, "[FILE]",
	       "make the table equal to FILE (-S syntax; default\n"
	       "standard input) with the fewest changes, without\n"
	       "breaking connections to what stays"),
	CMDOPT("drain", '\0', VERB_DRAIN, NULL,
	       "quiesce a real server, wait for its connections to\n"
	       "end, then remove it"),
	CMDOPT("help", 'h', VERB_HELP, NULL, "show this text"),
	CMDOPT("version", 'v', VERB_VERSION, NULL, NULL),

	FLAG("numeric", 'n', PV_OPT + OPT_NUMERIC, "print addresses and ports as numbers"),
	FLAG("connection", 'c', PV_OPT + OPT_CONNECTION,
	     "list the connections instead of the table\n"
	     "(of SERVICE and -r SERVER only, when given)"),
	FLAG("summary", '\0', PV_OPT + OPT_SUMMARY,
	     "with -c: count them per virtual and real server\n"
	     "and state"),
	FLAG("timeout", '\0', PV_OPT + OPT_TIMEOUT, "list the connection timeouts"),
	FLAG("daemon", '\0', PV_OPT + OPT_DAEMON, "list the sync daemons"),
	FLAG("stats", '\0', PV_OPT + OPT_STATS, "with packet and byte counters"),
	FLAG("rate", '\0', PV_OPT + OPT_RATE, "with rates"),
	FLAG("thresholds", '\0', PV_OPT + OPT_THRESHOLDS, "with the connection thresholds"),
	FLAG("persistent-conn", '\0', PV_OPT + OPT_PERSISTENTCONN, "with persistent connections"),
	FLAG("tun-info", '\0', PV_OPT + OPT_TUN_INFO, "with tunnel details"),
	FLAG("nosort", '\0', PV_OPT + OPT_NOSORT, "in kernel order"),
	FLAG("sort", '\0', PV_SORT, "sorted (the default)"),
	FLAG("exact", 'X', PV_OPT + OPT_EXACT, "full numbers, no K/M/G"),
	FLAG("json", '\0', PV_OPT + OPT_JSON, "machine-readable output (also the --apply plan)"),
	FLAG("prometheus", '\0', PV_OPT + OPT_PROMETHEUS,
	     "counters, rates and counts as Prometheus metrics"),

	FLAG("dry-run", '\0', PV_OPT + OPT_DRY_RUN, "print the plan, change nothing"),
	ARG("scope", '\0', PV_OPT + OPT_SCOPE, "RULE",
	    "only touch services matching RULE (repeatable):\n"
	    "addr=CIDR,family=ipv4|ipv6,proto=tcp|udp|sctp,\n"
	    "port=N[-M] or fwmark=N[-M]"),
	FLAG("force", '\0', PV_OPT + OPT_FORCE, "allow a plan that removes over half of the scope"),
	ARG("wait", '\0', PV_OPT + OPT_WAIT, "SECONDS", "drain removed real servers up to SECONDS first"),
	ARG("on-timeout", '\0', PV_OPT + OPT_ON_TIMEOUT, "keep|delete",
	    "--drain: what to do when the time runs out"),
	POPT_TABLEEND
};

/* The names in messages (1.31's optnames[]), by bit. */
static const char *const opt_names[OPT_COUNT] = {
	[OPT_NUMERIC] = "numeric",
	[OPT_CONNECTION] = "connection",
	[OPT_SERVICE] = "service-address",
	[OPT_SCHEDULER] = "scheduler",
	[OPT_PERSISTENT] = "persistent",
	[OPT_NETMASK] = "netmask",
	[OPT_SERVER] = "real-server",
	[OPT_FORWARD] = "forwarding-method",
	[OPT_WEIGHT] = "weight",
	[OPT_UTHRESHOLD] = "u-threshold",
	[OPT_LTHRESHOLD] = "l-threshold",
	[OPT_MCAST] = "mcast-interface",
	[OPT_TIMEOUT] = "timeout",
	[OPT_DAEMON] = "daemon",
	[OPT_STATS] = "stats",
	[OPT_RATE] = "rate",
	[OPT_THRESHOLDS] = "thresholds",
	[OPT_PERSISTENTCONN] = "persistent-conn",
	[OPT_NOSORT] = "nosort",
	[OPT_SYNCID] = "syncid",
	[OPT_EXACT] = "exact",
	[OPT_ONEPACKET] = "ops",
	[OPT_PERSISTENCE_ENGINE] = "pe",
	[OPT_SCHED_FLAGS] = "sched-flags",
	[OPT_MCAST_GROUP] = "mcast-group",
	[OPT_MCAST_PORT] = "mcast-port",
	[OPT_MCAST_TTL] = "mcast-ttl",
	[OPT_SYNC_MAXLEN] = "sync-maxlen",
	[OPT_TUN_INFO] = "tun-info",
	[OPT_TUN_TYPE] = "tun-type",
	[OPT_TUN_PORT] = "tun-port",
	[OPT_TUN_NOCSUM] = "tun-nocsum",
	[OPT_TUN_CSUM] = "tun-csum",
	[OPT_TUN_REMCSUM] = "tun-remcsum",
	[OPT_JSON] = "json",
	[OPT_DRY_RUN] = "dry-run",
	[OPT_SCOPE] = "scope",
	[OPT_FORCE] = "force",
	[OPT_WAIT] = "wait",
	[OPT_ON_TIMEOUT] = "on-timeout",
	[OPT_PROMETHEUS] = "prometheus",
	[OPT_SUMMARY] = "summary",
};

#define B(o)	OPTBIT(OPT_##o)

/* Option groups shared by several commands. */
#define SVC_TUNING	(B(SCHEDULER) | B(PERSISTENT) | B(NETMASK) | \
			 B(ONEPACKET) | B(PERSISTENCE_ENGINE) | B(SCHED_FLAGS))
#define DEST_TUNING	(B(FORWARD) | B(WEIGHT) | B(UTHRESHOLD) | B(LTHRESHOLD) | \
			 B(TUN_TYPE) | B(TUN_PORT) | B(TUN_NOCSUM) | B(TUN_CSUM) | \
			 B(TUN_REMCSUM))
#define LIST_FORMAT	(B(NUMERIC) | B(STATS) | B(RATE) | B(THRESHOLDS) | \
			 B(PERSISTENTCONN) | B(NOSORT) | B(EXACT) | B(TUN_INFO) | \
			 B(JSON) | B(PROMETHEUS) | B(SUMMARY))
#define DAEMON_OPTS	(B(MCAST) | B(SYNCID) | B(MCAST_GROUP) | B(MCAST_PORT) | \
			 B(MCAST_TTL) | B(SYNC_MAXLEN))

/*
 * required: must be given; optional: may be given; exclusive: may be
 * given, at most one of them.  Any other option is illegal.
 */
struct verb_rule {
	const char	*name;		/* 1.31's cmdnames[] */
	uint64_t	required, optional, exclusive;
};

static const struct verb_rule verb_rules[VERB_COUNT] = {
	[VERB_ADD_SERVICE]  = { "add-service", B(SERVICE), SVC_TUNING, 0 },
	[VERB_EDIT_SERVICE] = { "edit-service", B(SERVICE), SVC_TUNING, 0 },
	[VERB_DEL_SERVICE]  = { "delete-service", B(SERVICE), 0, 0 },
	[VERB_FLUSH]        = { "flush", 0, 0, 0 },
	/* The binary takes --syncid with -L (and ignores it), although the
	 * man page's table says otherwise. */
	[VERB_LIST]         = { "list", 0, LIST_FORMAT | B(SYNCID),
				B(CONNECTION) | B(SERVICE) | B(TIMEOUT) | B(DAEMON) },
	[VERB_ADD_DEST]     = { "add-server", B(SERVICE) | B(SERVER), DEST_TUNING, 0 },
	[VERB_DEL_DEST]     = { "delete-server", B(SERVICE) | B(SERVER), 0, 0 },
	[VERB_EDIT_DEST]    = { "edit-server", B(SERVICE) | B(SERVER), DEST_TUNING, 0 },
	[VERB_SET]          = { "set", 0, 0, 0 },
	[VERB_START_DAEMON] = { "start-daemon", 0, DAEMON_OPTS, 0 },
	[VERB_STOP_DAEMON]  = { "stop-daemon", 0, B(SYNCID), 0 },
	[VERB_RESTORE]      = { "restore", 0, 0, 0 },
	[VERB_SAVE]         = { "save", 0, B(NUMERIC), 0 },
	[VERB_ZERO]         = { "zero", 0, B(SERVICE), 0 },
	[VERB_APPLY]        = { "apply", 0, B(DRY_RUN) | B(SCOPE) | B(FORCE) | B(WAIT) |
				B(JSON), 0 },
	[VERB_DRAIN]        = { "drain", B(SERVICE) | B(SERVER), B(WAIT) | B(ON_TIMEOUT), 0 },
};

const char *opts_name(enum opt o)
{
	return o < OPT_COUNT ? opt_names[o] : "?";
}

bool opts_verb_known(enum verb v)
{
	return v < VERB_COUNT;
}

const char *opts_verb_name(enum verb v)
{
	return v < VERB_COUNT ? verb_rules[v].name : "?";
}

int opts_check_verb(enum verb v, uint64_t options, struct diag *d)
{
	const struct verb_rule *r = &verb_rules[v];
	uint64_t allowed = r->required | r->optional | r->exclusive;
	int first_excl = -1;

	for (int o = 0; o < OPT_COUNT; o++) {
		uint64_t bit = OPTBIT(o);

		if (!(options & bit)) {
			if (r->required & bit)
				return diag_set(d, 2, "You need to supply the '%s' option for the '%s' command",
						opt_names[o], r->name);
			continue;
		}
		if (!(allowed & bit))
			return diag_set(d, 2, "Illegal '%s' option with the '%s' command",
					opt_names[o], r->name);
		if (!(r->exclusive & bit))
			continue;
		if (first_excl >= 0)
			return diag_set(d, 2, "The option '%s' conflicts with the '%s' option in the '%s' command",
					opt_names[o], opt_names[first_excl], r->name);
		first_excl = o;
	}
	return 0;
}

/* tunnel_opt_check: per tunnel type, over tun-port and the checksum
 * options, in that order. */
struct tun_rule {
	uint64_t	required, exclusive;	/* the rest of the four: illegal */
};

static const struct tun_rule tun_rules[] = {
	[IPVS_TUN_IPIP] = { 0, 0 },
	[IPVS_TUN_GUE]  = { B(TUN_PORT), B(TUN_NOCSUM) | B(TUN_CSUM) | B(TUN_REMCSUM) },
	[IPVS_TUN_GRE]  = { 0, B(TUN_NOCSUM) | B(TUN_CSUM) },
};

int opts_check_tunnel(unsigned int tun_type, uint64_t options, struct diag *d)
{
	static const enum opt order[] = {
		OPT_TUN_PORT, OPT_TUN_NOCSUM, OPT_TUN_CSUM, OPT_TUN_REMCSUM,
	};
	const char *name = names_tun_type(tun_type);
	const struct tun_rule *r;
	int first_excl = -1;

	if (tun_type >= sizeof(tun_rules) / sizeof(tun_rules[0]) || !name)
		return 0;
	r = &tun_rules[tun_type];
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		enum opt o = order[i];
		uint64_t bit = OPTBIT(o);

		if (!(options & bit)) {
			if (r->required & bit)
				return diag_set(d, 2, "You need to supply the '%s' option for the '%s' tunnel type",
						opt_names[o], name);
			continue;
		}
		if (!((r->required | r->exclusive) & bit))
			return diag_set(d, 2, "Illegal '%s' option with the '%s' tunnel type",
					opt_names[o], name);
		if (!(r->exclusive & bit))
			continue;
		if (first_excl >= 0)
			return diag_set(d, 2, "The option '%s' conflicts with the '%s' option in the '%s' tunnel type",
					opt_names[o], opt_names[first_excl], name);
		first_excl = (int)o;
	}
	return 0;
}
