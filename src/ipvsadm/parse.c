/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * argv -> struct cmd, with ipvsadm 1.31's popt usage and messages.
 * Options are handled in command-line order and the first bad one wins;
 * nothing here prints or exits, so -R can collect every line's error.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "names.h"
#include "opt-reader.h"

#define MAX_TIMEOUT	(86400 * 31)

static void copy_name(char *dst, size_t size, const char *src)
{
	/* 1.31 keeps at most size-1 bytes and always terminates. */
	strncpy(dst, src, size - 1);
	dst[size - 1] = '\0';
}

/* State that lives only while one argv is parsed. */
struct parse_state {
	struct cmd	*c;
	struct diag	*d;
	char		*sched_flags;	/* -b, parsed after all options */
};

static int set_option(struct parse_state *ps, enum opt o)
{
	if (ps->c->options & OPTBIT(o))
		return diag_set(ps->d, 2, "multiple '%s' options specified", opts_name(o));
	ps->c->options |= OPTBIT(o);
	return 0;
}

static int parse_timeout(struct parse_state *ps, const char *arg, long min,
			 uint32_t *out)
{
	long v;

	if (!arg) {
		*out = IPVS_SVC_PERSISTENT_TIMEOUT;
		return 0;
	}
	v = addr_to_number(arg, min, MAX_TIMEOUT);
	if (v < 0)
		return diag_set(ps->d, 2, "invalid timeout value `%s' specified", arg);
	*out = (uint32_t)v;
	return 0;
}

/* A number option in [min, max], else msg. */
static int parse_range(struct parse_state *ps, const char *arg, long min,
		       long max, const char *msg, long *out)
{
	*out = addr_to_number(arg, min, max);
	if (*out < 0)
		return diag_set(ps->d, 2, "%s", msg);
	return 0;
}

static int parse_service_opt(struct parse_state *ps, int val, char *arg)
{
	struct ipvs_service *svc = &ps->c->svc;
	long fwmark;
	char *end;

	if (val == PV_FWMARK) {
		errno = 0;
		fwmark = strtol(arg, &end, 10);
		if (*end != '\0' || end == arg || errno == ERANGE ||
		    fwmark <= 0 || fwmark > (long)UINT32_MAX)
			return diag_set(ps->d, 2, "invalid fwmark value `%s' specified", arg);
		/* A fwmark service still carries a sane family and protocol. */
		svc->af = AF_INET;
		svc->protocol = IPPROTO_TCP;
		svc->fwmark = (uint32_t)fwmark;
		return 0;
	}
	svc->protocol = val == PV_TCP ? IPPROTO_TCP :
			val == PV_UDP ? IPPROTO_UDP : IPPROTO_SCTP;
	if (!(addr_parse_service(arg, svc) & ADDR_HAS_ADDR))
		return diag_set(ps->d, 2, "illegal virtual server address[:port] specified");
	return 0;
}

static int parse_real_server(struct parse_state *ps, char *arg)
{
	struct cmd *c = ps->c;
	/* Parsed against a copy of the service, so port names use its
	 * protocol and a missing port means the service port *so far*. */
	struct ipvs_service t = c->svc;
	int r = addr_parse_service(arg, &t);

	c->dest.af = t.af;
	c->dest.addr = t.addr;
	c->dest.port = t.port;
	if (!(r & ADDR_HAS_ADDR))
		return diag_set(ps->d, 2, "illegal real server address[:port] specified");
	c->dest_port_given = r & ADDR_HAS_PORT;
	if (!c->dest_port_given)
		c->dest.port = c->svc.port;
	return 0;
}

static int parse_netmask(struct parse_state *ps, const char *arg)
{
	struct ipvs_service *svc = &ps->c->svc;
	int prefix;

	if (svc->af != AF_INET6) {
		if (addr_parse_mask4(arg, &svc->netmask) < 0)
			return diag_set(ps->d, 2, "illegal virtual server persistent mask specified");
		return 0;
	}
	/* IPv6 uses atoi(), so "64abc" passes. */
	prefix = atoi(arg);
	svc->netmask = (uint32_t)prefix;
	if (prefix < 1 || prefix > 128)
		return diag_set(ps->d, 2, "illegal ipv6 netmask specified");
	return 0;
}

static int parse_mcast_group(struct parse_state *ps, const char *arg)
{
	struct ipvs_daemon *dm = &ps->c->daemon;

	if (strchr(arg, ':')) {
		if (inet_pton(AF_INET6, arg, &dm->mcast_group.in6) <= 0 ||
		    !IN6_IS_ADDR_MULTICAST(&dm->mcast_group.in6))
			return diag_set(ps->d, 2, "invalid IPv6 mcast-group `%s'", arg);
		dm->mcast_af = AF_INET6;
	} else {
		if (inet_pton(AF_INET, arg, &dm->mcast_group.in) <= 0 ||
		    !IN_MULTICAST(ntohl(dm->mcast_group.in.s_addr)))
			return diag_set(ps->d, 2, "invalid IPv4 mcast-group `%s'", arg);
		dm->mcast_af = AF_INET;
	}
	return 0;
}

static int parse_tun_type(struct parse_state *ps, const char *arg)
{
	const char *name;

	for (unsigned int i = 0; (name = names_tun_type(i)) != NULL; i++) {
		if (!strcmp(arg, name)) {
			ps->c->dest.tun_type = (uint8_t)i;
			return 0;
		}
	}
	return diag_set(ps->d, 2, "illegal tunnel type specified");
}

/* Options whose value is a number in a range. */
static int parse_numeric_opt(struct parse_state *ps, enum opt o, const char *arg)
{
	struct cmd *c = ps->c;
	long v;
	int r;

	switch (o) {
	case OPT_WEIGHT:
		/* Debian's 1.31 allows up to INT_MAX (upstream: 65535). */
		r = parse_range(ps, arg, 0, INT32_MAX, "illegal weight specified", &v);
		c->dest.weight = (int32_t)v;
		return r;
	case OPT_UTHRESHOLD:
		r = parse_range(ps, arg, 0, INT32_MAX, "illegal u_threshold specified", &v);
		c->dest.u_threshold = (uint32_t)v;
		return r;
	case OPT_LTHRESHOLD:
		r = parse_range(ps, arg, 0, INT32_MAX, "illegal l_threshold specified", &v);
		c->dest.l_threshold = (uint32_t)v;
		return r;
	case OPT_SYNCID:
		r = parse_range(ps, arg, 0, 255, "illegal syncid specified", &v);
		c->daemon.syncid = (uint32_t)v;
		return r;
	case OPT_MCAST_PORT:
		r = parse_range(ps, arg, 1, 65535, "illegal mcast-port specified", &v);
		c->daemon.mcast_port = (uint16_t)v;
		return r;
	case OPT_MCAST_TTL:
		r = parse_range(ps, arg, 1, 255, "illegal mcast-ttl specified", &v);
		c->daemon.mcast_ttl = (uint8_t)v;
		return r;
	case OPT_SYNC_MAXLEN:
		r = parse_range(ps, arg, 1, 65535 - 20 - 8, "illegal sync-maxlen specified", &v);
		c->daemon.sync_maxlen = (uint16_t)v;
		return r;
	case OPT_TUN_PORT:
		r = parse_range(ps, arg, 1, 65535, "illegal tunnel port specified", &v);
		c->dest.tun_port = (uint16_t)v;
		return r;
	case OPT_WAIT:
		r = parse_range(ps, arg, 0, MAX_TIMEOUT, "illegal wait time specified", &v);
		c->wait = (uint32_t)v;
		return r;
	default:
		return 0;
	}
}

/* --scope RULE: one more rule, ORed with the others. */
static int parse_scope_opt(struct parse_state *ps, const char *arg)
{
	struct cmd *c = ps->c;
	char why[160];

	c->options |= OPTBIT(OPT_SCOPE);
	if (c->n_scope == CMD_SCOPE_MAX)
		return diag_set(ps->d, 2, "too many '--scope' options (at most %d)", CMD_SCOPE_MAX);
	if (scope_parse(arg, &c->scope[c->n_scope], why, sizeof(why)) < 0)
		return diag_set(ps->d, 2, "illegal scope `%s': %s", arg, why);
	c->n_scope++;
	return 0;
}

/* One option after the command; arg is popt's value or NULL. */
static int parse_option(struct parse_state *ps, int val, char *arg)
{
	struct cmd *c = ps->c;
	static const unsigned int fmt_of[OPT_COUNT] = {
		[OPT_NUMERIC] = FMT_NUMERIC, [OPT_STATS] = FMT_STATS,
		[OPT_RATE] = FMT_RATE, [OPT_THRESHOLDS] = FMT_THRESHOLDS,
		[OPT_PERSISTENTCONN] = FMT_PERSISTENTCONN, [OPT_NOSORT] = FMT_NOSORT,
		[OPT_EXACT] = FMT_EXACT, [OPT_TUN_INFO] = FMT_TUN_INFO,
		[OPT_JSON] = FMT_JSON, [OPT_PROMETHEUS] = FMT_PROMETHEUS,
		[OPT_SUMMARY] = FMT_SUMMARY,
	};
	enum opt o;

	switch (val) {
	case PV_TCP: case PV_UDP: case PV_SCTP: case PV_FWMARK:
		return set_option(ps, OPT_SERVICE) ?: parse_service_opt(ps, val, arg);
	case PV_GATE: case PV_IPIP: case PV_MASQ:
		if (set_option(ps, OPT_FORWARD))
			return ps->d->status;
		c->dest.fwd = val == PV_GATE ? IPVS_FWD_ROUTE :
			      val == PV_IPIP ? IPVS_FWD_TUNNEL : IPVS_FWD_MASQ;
		return 0;
	case PV_SORT:
		return 0;	/* sorting is the default */
	case PV_IPV6:
		if (!c->svc.fwmark)
			return diag_set(ps->d, 2, "-6 used before -f\n");
		c->svc.af = AF_INET6;
		c->svc.netmask = 128;
		return 0;
	}
	if (val < PV_OPT || val >= PV_OPT + OPT_COUNT)
		return -1;	/* a command: the caller reports it */
	o = (enum opt)(val - PV_OPT);
	if (o == OPT_SCOPE)	/* repeatable: one rule each */
		return parse_scope_opt(ps, arg);
	if (set_option(ps, o))
		return ps->d->status;
	c->fmt |= fmt_of[o];
	switch (o) {
	case OPT_SCHEDULER:
		copy_name(c->svc.sched_name, sizeof(c->svc.sched_name), arg);
		return 0;
	case OPT_PERSISTENT:
		c->svc.flags |= IPVS_SVC_F_PERSISTENT;
		return parse_timeout(ps, arg, 1, &c->svc.timeout);
	case OPT_NETMASK:
		return parse_netmask(ps, arg);
	case OPT_SERVER:
		return parse_real_server(ps, arg);
	case OPT_MCAST:
		copy_name(c->daemon.mcast_ifn, sizeof(c->daemon.mcast_ifn), arg);
		return 0;
	case OPT_ONEPACKET:
		c->svc.flags |= IPVS_SVC_F_ONEPACKET;
		return 0;
	case OPT_PERSISTENCE_ENGINE:
		copy_name(c->svc.pe_name, sizeof(c->svc.pe_name), arg);
		return 0;
	case OPT_SCHED_FLAGS:
		ps->sched_flags = arg;
		return 0;
	case OPT_MCAST_GROUP:
		return parse_mcast_group(ps, arg);
	case OPT_TUN_TYPE:
		return parse_tun_type(ps, arg);
	case OPT_TUN_NOCSUM:
		c->dest.tun_flags = IPVS_TUN_F_NOCSUM;
		return 0;
	case OPT_TUN_CSUM:
		c->dest.tun_flags = IPVS_TUN_F_CSUM;
		return 0;
	case OPT_TUN_REMCSUM:
		c->dest.tun_flags = IPVS_TUN_F_REMCSUM;
		return 0;
	case OPT_ON_TIMEOUT:
		if (strcmp(arg, "delete") && strcmp(arg, "keep"))
			return diag_set(ps->d, 2, "illegal on-timeout action `%s' (delete or keep)",
					arg);
		c->delete_on_timeout = !strcmp(arg, "delete");
		return 0;
	default:
		return parse_numeric_opt(ps, o, arg);
	}
}

/* -b: comma list checked against the final scheduler (default wlc). */
static int parse_sched_flags(struct parse_state *ps)
{
	const struct names_sched_flag *f;
	const char *sched = ps->c->svc.sched_name[0] ? ps->c->svc.sched_name : "wlc";
	char *save = NULL, *word;
	bool any = false;

	for (word = strtok_r(ps->sched_flags, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		any = true;
		for (f = names_sched_flags; f->name; f++)
			if (!strcmp(word, f->name))
				break;
		if (!f->name)
			return diag_set(ps->d, 2, "invalid scheduler flag `%s'", word);
		ps->c->svc.flags |= f->flag;
		if (f->sched && strcmp(sched, f->sched))
			return diag_set(ps->d, 2, "incompatible scheduler flag `%s'", word);
	}
	/* 1.31 takes an empty string as no flags, but crashes on a list of
	 * commas only; we refuse that instead. */
	if (!any && ps->sched_flags[0])
		return diag_set(ps->d, 2, "invalid scheduler flag `'");
	return 0;
}

static void cmd_init(struct cmd *c)
{
	memset(c, 0, sizeof(*c));
	c->dest.weight = 1;
	c->dest.fwd = IPVS_FWD_ROUTE;
	c->svc.netmask = 0xffffffff;
}

static int tryhelp(struct diag *d, const char *prog)
{
	return diag_set(d, 255, "Try `%s -h' or '%s --help' for more information.", prog, prog);
}

/* The first option must be a command. */
static int parse_command(struct parse_state *ps, struct opt_reader *r, const char *prog)
{
	int val = reader_next(r);
	char *arg;
	enum verb v;

	if (val < PV_CMD || val > PV_CMD + VERB_VERSION)
		return tryhelp(ps->d, prog);
	v = (enum verb)(val - PV_CMD);
	ps->c->verb = v;
	if (v != VERB_START_DAEMON && v != VERB_STOP_DAEMON)
		return 0;
	arg = poptGetOptArg(r->pc);	/* never the plain form: it has a value */
	if (arg && !strcmp(arg, "master"))
		ps->c->daemon.state = IPVS_DAEMON_MASTER;
	else if (arg && !strcmp(arg, "backup"))
		ps->c->daemon.state = IPVS_DAEMON_BACKUP;
	else
		diag_set(ps->d, 2, v == VERB_START_DAEMON ?
			 "illegal start-daemon parameter specified" :
			 "illegal start_daemon specified");
	free(arg);
	return ps->d->status;
}

/* --set takes exactly three leftover arguments. */
static int parse_set_args(struct parse_state *ps, poptContext pc)
{
	const char *a[3];
	uint32_t *dst[3] = {
		&ps->c->timeouts.tcp, &ps->c->timeouts.tcp_fin, &ps->c->timeouts.udp,
	};

	for (int i = 0; i < 3; i++)
		if (!(a[i] = poptGetArg(pc)))
			return diag_set(ps->d, 2, "--set option requires 3 timeout values");
	for (int i = 0; i < 3; i++)
		if (parse_timeout(ps, a[i], 0, dst[i]))
			return ps->d->status;
	return 0;
}

static int parse_rest(struct parse_state *ps, struct opt_reader *rd)
{
	poptContext pc = rd->pc;
	const char *extra;
	char *arg;
	int val, r;

	while ((val = reader_next(rd)) >= 0) {
		arg = reader_arg(rd, ps->d);	/* ours to free, unless kept for -b */
		if (ps->d->status)
			return ps->d->status;
		r = parse_option(ps, val, arg);
		if (r < 0)	/* a second command, -h or -v */
			r = diag_set(ps->d, 2, "invalid option `%s'",
				     poptBadOption(pc, POPT_BADOPTION_NOALIAS));
		if (arg != ps->sched_flags)
			free(arg);
		if (r)
			return r;
	}
	if (!pc)
		return ps->sched_flags ? parse_sched_flags(ps) : 0;	/* nothing is left over */
	if (val < -1)
		return diag_set(ps->d, 255, "%s: %s",
				poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(val));
	if (ps->c->verb == VERB_SET && parse_set_args(ps, pc))
		return ps->d->status;
	if (ps->c->verb == VERB_APPLY && (extra = poptGetArg(pc)) &&
	    !(ps->c->apply_file = strdup(extra)))	/* none: standard input */
		return diag_set(ps->d, 255, "out of memory");
	if ((extra = poptGetArg(pc)))
		return diag_set(ps->d, 2, "unexpected argument %s", extra);
	if (ps->sched_flags)
		return parse_sched_flags(ps);
	return 0;
}

void cmd_release(struct cmd *c)
{
	free(c->apply_file);
	c->apply_file = NULL;
}

int cmd_parse_with(struct cmd *c, int argc, const char **argv, struct diag *d, bool plain_ok)
{
	struct parse_state ps = { .c = c, .d = d };
	struct opt_reader rd = { .argv = argv, .argc = argc, .next = 1 };
	int r;

	cmd_init(c);
	d->status = 0;
	d->msg[0] = '\0';
	if (check_expansions(argc, argv, d))
		return d->status;
	if (!plain_ok || !cmd_is_plain(argc, argv)) {
		rd.pc = poptGetContext("ipvsadm", argc, argv, opts_popt_table, 0);
		if (!rd.pc)
			return diag_set(d, 255, "out of memory");
	}
	r = parse_command(&ps, &rd, argv[0]);
	if (!r && c->verb != VERB_HELP && c->verb != VERB_VERSION)
		r = parse_rest(&ps, &rd);
	free(ps.sched_flags);
	if (rd.pc)
		poptFreeContext(rd.pc);
	if (!r) {
		if (c->options & OPTBIT(OPT_CONNECTION))
			c->list = LIST_CONNECTIONS;
		else if (c->options & OPTBIT(OPT_SERVICE))
			c->list = LIST_TABLE;
		else if (c->options & OPTBIT(OPT_TIMEOUT))
			c->list = LIST_TIMEOUTS;
		else if (c->options & OPTBIT(OPT_DAEMON))
			c->list = LIST_DAEMONS;
	} else {
		cmd_release(c);	/* a failed parse leaves nothing to free */
	}
	return r;
}

int cmd_parse(struct cmd *c, int argc, const char **argv, struct diag *d)
{
	return cmd_parse_with(c, argc, argv, d, true);
}
