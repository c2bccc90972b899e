/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parsed form of one ipvsadm command line (or one -R input line).
 * parse fills it, validate checks it, execute acts on it, render prints.
 */
#ifndef IPVSADM_CMD_H
#define IPVSADM_CMD_H

#include <stdbool.h>
#include <stdint.h>
#include <ipvs/ipvs.h>

/* Commands, in ipvsadm 1.31's order (the index is the column of the
 * option/command compatibility table). */
enum verb {
	VERB_ADD_SERVICE = 0,	/* -A   "add-service" */
	VERB_EDIT_SERVICE,	/* -E   "edit-service" */
	VERB_DEL_SERVICE,	/* -D   "delete-service" */
	VERB_FLUSH,		/* -C   "flush" */
	VERB_LIST,		/* -L/-l "list" */
	VERB_ADD_DEST,		/* -a   "add-server" */
	VERB_DEL_DEST,		/* -d   "delete-server" */
	VERB_EDIT_DEST,		/* -e   "edit-server" */
	VERB_SET,		/* --set "set" */
	VERB_START_DAEMON,	/* --start-daemon "start-daemon" */
	VERB_STOP_DAEMON,	/* --stop-daemon "stop-daemon" */
	VERB_RESTORE,		/* -R   "restore" */
	VERB_SAVE,		/* -S   "save" */
	VERB_ZERO,		/* -Z   "zero" */
	/* Ours (not in 1.31). */
	VERB_APPLY,		/* --apply "apply" */
	VERB_DRAIN,		/* --drain "drain" */
	VERB_COUNT,
	VERB_HELP = VERB_COUNT,	/* -h (not in the table) */
	VERB_VERSION,		/* -v */
};

/* Option bits: ipvsadm 1.31's numbering, which decides the order of the
 * compatibility check and so which message wins. */
enum opt {
	OPT_NUMERIC = 0,
	OPT_CONNECTION,
	OPT_SERVICE,
	OPT_SCHEDULER,
	OPT_PERSISTENT,
	OPT_NETMASK,
	OPT_SERVER,
	OPT_FORWARD,
	OPT_WEIGHT,
	OPT_UTHRESHOLD,
	OPT_LTHRESHOLD,		/* 10 */
	OPT_MCAST,
	OPT_TIMEOUT,
	OPT_DAEMON,
	OPT_STATS,
	OPT_RATE,
	OPT_THRESHOLDS,
	OPT_PERSISTENTCONN,
	OPT_NOSORT,
	OPT_SYNCID,
	OPT_EXACT,		/* 20 */
	OPT_ONEPACKET,
	OPT_PERSISTENCE_ENGINE,
	OPT_SCHED_FLAGS,
	OPT_MCAST_GROUP,
	OPT_MCAST_PORT,
	OPT_MCAST_TTL,
	OPT_SYNC_MAXLEN,
	OPT_TUN_INFO,
	OPT_TUN_TYPE,
	OPT_TUN_PORT,		/* 30 */
	OPT_TUN_NOCSUM,
	OPT_TUN_CSUM,
	OPT_TUN_REMCSUM,
	OPT_COUNT_131,		/* 34: the options ipvsadm 1.31 has */
	/* Our additions (not in 1.31), checked after the 1.31 ones. */
	OPT_JSON = OPT_COUNT_131,
	OPT_DRY_RUN,
	OPT_SCOPE,
	OPT_FORCE,
	OPT_WAIT,
	OPT_ON_TIMEOUT,
	OPT_PROMETHEUS,
	OPT_SUMMARY,
	OPT_COUNT,
};

#define OPTBIT(o)	(UINT64_C(1) << (o))

/* Output format flags. */
#define FMT_NONE		0x0000
#define FMT_NUMERIC		0x0001
#define FMT_RULE		0x0002	/* -S */
#define FMT_STATS		0x0004
#define FMT_RATE		0x0008
#define FMT_THRESHOLDS		0x0010
#define FMT_PERSISTENTCONN	0x0020
#define FMT_NOSORT		0x0040
#define FMT_EXACT		0x0080
#define FMT_TUN_INFO		0x0100
#define FMT_JSON		0x0200	/* ours: --json */
#define FMT_PROMETHEUS		0x0400	/* ours: --prometheus */
#define FMT_SUMMARY		0x0800	/* ours: -c --summary */

/* What -L lists besides the table. */
enum list_what {
	LIST_TABLE = 0,		/* services (all, or cmd.svc when OPT_SERVICE) */
	LIST_CONNECTIONS,	/* -c */
	LIST_TIMEOUTS,		/* --timeout */
	LIST_DAEMONS,		/* --daemon */
};

#define CMD_SCOPE_MAX	16	/* --scope rules */

/* Filled by cmd_parse(); cmd_validate() then applies the defaults and the
 * forced destination port at the points where ipvsadm 1.31 does. */
struct cmd {
	enum verb	verb;
	uint64_t	options;	/* OPTBIT(OPT_*) of every option seen */
	unsigned int	fmt;		/* FMT_* */
	enum list_what	list;
	struct ipvs_service svc;	/* -t/-u/--sctp-service/-f, -s, -p, -M, -o, --pe, -b */
	struct ipvs_dest dest;		/* -r, -g/-i/-m, -w, -x, -y, --tun-* */
	bool		dest_port_given;	/* -r had a port */
	struct ipvs_timeouts timeouts;	/* --set */
	struct ipvs_daemon daemon;	/* --start-daemon/--stop-daemon and their options */
	/* --apply, --drain */
	char		*apply_file;	/* malloc'd (cmd_release); NULL = standard input */
	struct ipvs_scope_rule scope[CMD_SCOPE_MAX];
	size_t		n_scope;
	uint32_t	wait;		/* --wait seconds */
	bool		delete_on_timeout;	/* --on-timeout delete */
};

/*
 * A diagnostic: what ipvsadm would print on stderr (without the final
 * newline) and the exit status it would use.  Parsing and validation
 * never print or exit; main() and -R decide what to do with it.
 */
#define DIAG_MSG_MAX	8192	/* room for a long argument quoted back */

struct diag {
	int	status;			/* 0 = no error; else 2 or 255 */
	char	msg[DIAG_MSG_MAX];
};

#endif /* IPVSADM_CMD_H */
