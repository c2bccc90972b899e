/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm front end: argv -> struct cmd or the exact diagnostic and exit
 * status of Debian's ipvsadm 1.31.  The message table below was recorded
 * by running the oracle (/usr/sbin/ipvsadm) in UML on the same argv.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include "front-util.h"

struct err_case {
	const char	*args;
	int		status;
	const char	*msg;
};

#include "front-oracle-errors.h"

START_TEST(test_oracle_errors)
{
	const struct err_case *e = &oracle_errors[_i];

	ck_error(e->args, e->status, e->msg);
}
END_TEST

/* Our deliberate differences and additions. */
START_TEST(test_our_errors)
{
	/* 1.31 segfaults on an empty flag list. */
	ck_error("-A -t 1.2.3.4:80 -b ,", 2, "invalid scheduler flag `'");
	ck_error("-A -t 1.2.3.4:80 -b ,,,", 2, "invalid scheduler flag `'");
	/* --json is ours, allowed with -L only. */
	ck_error("-S --json", 2, "Illegal 'json' option with the 'save' command");
	ck_error("-A -t 1.2.3.4:80 --json", 2, "Illegal 'json' option with the 'add-service' command");
	ck_error("-L --json --json", 2, "multiple 'json' options specified");
	/* Every 1.31 option is checked before ours. */
	ck_error("-S --json -c", 2, "Illegal 'connection' option with the 'save' command");
	/* popt would loop forever looking for a word to put in place of '!#:+'
	 * (1.31 hangs): refused first. */
	ck_error("-x !#:+ -s", 2, "cannot expand `!#:+' in `!#:+': no later word to take");
	ck_error("-A -t 1.2.3.4:80 -s rr!#:+ -p", 2,
		 "cannot expand `!#:+' in `rr!#:+': no later word to take");
	ck_error("-A -t 1.2.3.4:80 -s=rr!#:+ -p 5 -M x!#:+ -w", 2,
		 "cannot expand `!#:+' in `x!#:+': no later word to take");
}
END_TEST

/* Where popt finds a word for '!#:+', or none is left after it, it does what
 * it does in 1.31: the word stands in (and -p still takes it too). */
START_TEST(test_popt_expansion)
{
	struct cmd c;

	ck_ok("-A -t 1.2.3.4:80 -s rr!#:+ -p 5", &c);
	ck_assert_str_eq(c.svc.sched_name, "rr5");
	ck_assert_uint_eq(c.svc.timeout, 5);
	ck_ok("-A -t 1.2.3.4:80 -p 5 -s rr!#:+", &c);
	ck_assert_str_eq(c.svc.sched_name, "rr!#:+");
}
END_TEST

/* -L -c takes a service and a real server as filters, where 1.31 says
 * "The option 'service-address' conflicts with the 'connection' option";
 * a command that fails anyway still gets 1.31's message. */
START_TEST(test_conn_filters)
{
	struct cmd c;

	ck_ok("-L -c -t 1.2.3.4:80", &c);
	ck_assert_int_eq(c.list, LIST_CONNECTIONS);
	ck_ok("-L -t 1.2.3.4:80 -c -n", &c);
	ck_assert_int_eq(c.list, LIST_CONNECTIONS);
	ck_ok("-L -c -r 10.0.0.2", &c);
	ck_assert(!c.dest_port_given);
	ck_ok("-L -c -f 7 -r 10.0.0.2:8080", &c);
	ck_assert(c.dest_port_given);
	ck_assert_int_eq(c.dest.port, 8080);
	ck_ok("-L -c --summary -u 10.0.0.1:53", &c);
	ck_assert(c.fmt & FMT_SUMMARY);
	ck_ok("-Lnc --summary --json", &c);
	ck_error("-L -c -t 1.2.3.4:80 --timeout", 2,
		 "The option 'service-address' conflicts with the 'connection' option in the 'list' command");
	ck_error("-L -c -t 1.2.3.4:80 --stats", 2,
		 "The option 'service-address' conflicts with the 'connection' option in the 'list' command");
	ck_error("-L -r 10.0.0.2", 2, "Illegal 'real-server' option with the 'list' command");
	ck_error("-L --summary", 2, "The 'summary' option needs the 'connection' option");
	ck_error("-L -t 1.2.3.4:80 --summary", 2, "The 'summary' option needs the 'connection' option");
	ck_error("-L -c --summary --persistent-conn", 2, "options conflicts in the list command");
	ck_error("-A -t 1.2.3.4:80 --summary", 2, "Illegal 'summary' option with the 'add-service' command");
}
END_TEST

/* Found by tests/fuzz (corpus/argv/leak-apply-then-extra-arg): --apply's file
 * name was kept when a later word failed the parse, and leaked. */
START_TEST(test_failed_parse_owns_nothing)
{
	const char *argv[] = { "ipvsadm", "--apply", "rules", "extra", NULL };
	struct diag d;
	struct cmd c;

	ck_assert_int_eq(cmd_parse(&c, 4, argv, &d), 2);
	ck_assert_str_eq(d.msg, "unexpected argument extra");
	ck_assert_ptr_null(c.apply_file);
}
END_TEST

START_TEST(test_help_version)
{
	struct cmd c;

	ck_ok("-h", &c);
	ck_assert_int_eq(c.verb, VERB_HELP);
	ck_ok("-h -n --foo", &c);	/* anything after -h is ignored */
	ck_assert_int_eq(c.verb, VERB_HELP);
	ck_ok("--help", &c);
	ck_assert_int_eq(c.verb, VERB_HELP);
	ck_ok("-v", &c);
	ck_assert_int_eq(c.verb, VERB_VERSION);
	ck_ok("--version extra", &c);
	ck_assert_int_eq(c.verb, VERB_VERSION);
	ck_assert_str_eq(IPVSADM_VERSION_STRING,
			 "ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)");
}
END_TEST

static uint32_t ip4(const char *s)
{
	struct in_addr a;

	ck_assert_int_eq(inet_pton(AF_INET, s, &a), 1);
	return a.s_addr;
}

START_TEST(test_add_service_fields)
{
	struct cmd c;

	ck_ok("-A -t 10.0.0.1:80", &c);
	ck_assert_int_eq(c.verb, VERB_ADD_SERVICE);
	ck_assert_int_eq(c.svc.af, AF_INET);
	ck_assert_int_eq(c.svc.protocol, IPPROTO_TCP);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("10.0.0.1"));
	ck_assert_int_eq(c.svc.port, 80);
	ck_assert_str_eq(c.svc.sched_name, "wlc");	/* default */
	ck_assert_uint_eq(c.svc.flags, 0);
	ck_assert_uint_eq(c.svc.netmask, 0xffffffff);
	ck_assert_uint_eq(c.options, OPTBIT(OPT_SERVICE));

	ck_ok("-A -u 10.0.0.1:53 -s rr -p -o", &c);
	ck_assert_int_eq(c.svc.protocol, IPPROTO_UDP);
	ck_assert_str_eq(c.svc.sched_name, "rr");
	ck_assert_uint_eq(c.svc.flags, IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_ONEPACKET);
	ck_assert_uint_eq(c.svc.timeout, 360);

	ck_ok("-A --sctp-service 10.0.0.1:5060 -p 600 -M 255.255.255.0 --pe sip", &c);
	ck_assert_int_eq(c.svc.protocol, IPPROTO_SCTP);
	ck_assert_uint_eq(c.svc.timeout, 600);
	ck_assert_uint_eq(c.svc.netmask, ip4("255.255.255.0"));
	ck_assert_str_eq(c.svc.pe_name, "sip");

	ck_ok("-E -f 42 -s sh -b sh-port,sh-fallback,flag-3", &c);
	ck_assert_int_eq(c.verb, VERB_EDIT_SERVICE);
	ck_assert_uint_eq(c.svc.fwmark, 42);
	ck_assert_int_eq(c.svc.af, AF_INET);
	ck_assert_int_eq(c.svc.protocol, IPPROTO_TCP);
	ck_assert_uint_eq(c.svc.flags, IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3);

	/* An empty -b is no flags (1.31 too), whatever the scheduler. */
	ck_ok("-A -t 1.2.3.4:80 -b ''", &c);
	ck_assert(c.options & OPTBIT(OPT_SCHED_FLAGS));
	ck_assert_uint_eq(c.svc.flags, 0);
	ck_ok("-A -t 1.2.3.4:80 -s sh -b '' -p 10", &c);
	ck_assert_uint_eq(c.svc.flags, IPVS_SVC_F_PERSISTENT);
	ck_error("-L -b ''", 2, "Illegal 'sched-flags' option with the 'list' command");

	ck_ok("-A -f 4294967295 -6 -s mh -b mh-port", &c);
	ck_assert_uint_eq(c.svc.fwmark, 4294967295u);
	ck_assert_int_eq(c.svc.af, AF_INET6);
	ck_assert_uint_eq(c.svc.netmask, 128);
	ck_assert_uint_eq(c.svc.flags, IPVS_SVC_F_SCHED_MH_PORT);

	/* Scheduler names are cut to 15 bytes, not checked. */
	ck_ok("-A -t 10.0.0.1:80 -s 123456789012345678901234", &c);
	ck_assert_str_eq(c.svc.sched_name, "123456789012345");
	ck_ok("-A -t 10.0.0.1:80 --pe 123456789012345678901234", &c);
	ck_assert_str_eq(c.svc.pe_name, "123456789012345");
}
END_TEST

START_TEST(test_persistent_optional_arg)
{
	struct cmd c;

	ck_ok("-A -t 10.0.0.1:80 -p", &c);
	ck_assert_uint_eq(c.svc.timeout, 360);
	ck_ok("-A -t 10.0.0.1:80 -p -s rr", &c);	/* -s is not the value */
	ck_assert_uint_eq(c.svc.timeout, 360);
	ck_assert_str_eq(c.svc.sched_name, "rr");
	ck_ok("-A -t 10.0.0.1:80 -p 600", &c);
	ck_assert_uint_eq(c.svc.timeout, 600);
	ck_ok("-A -t 10.0.0.1:80 -p600", &c);
	ck_assert_uint_eq(c.svc.timeout, 600);
	ck_ok("-A -t 10.0.0.1:80 -p=700", &c);
	ck_assert_uint_eq(c.svc.timeout, 700);
	ck_ok("-A -t 10.0.0.1:80 --persistent=2678400", &c);
	ck_assert_uint_eq(c.svc.timeout, 2678400);
	/* Zero port is fine for a persistent service. */
	ck_ok("-A -t 10.0.0.1 -p", &c);
	ck_assert_int_eq(c.svc.port, 0);
}
END_TEST

START_TEST(test_bundling)
{
	struct cmd c;

	ck_ok("-Ln", &c);
	ck_assert_int_eq(c.verb, VERB_LIST);
	ck_assert_uint_eq(c.fmt, FMT_NUMERIC);
	ck_ok("-lnc", &c);
	ck_assert_int_eq(c.list, LIST_CONNECTIONS);
	ck_assert_uint_eq(c.options, OPTBIT(OPT_NUMERIC) | OPTBIT(OPT_CONNECTION));
	ck_ok("-Lt 10.0.0.1:80", &c);
	ck_assert_int_eq(c.svc.port, 80);
	ck_ok("-A -t1.2.3.4:80", &c);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("1.2.3.4"));
	ck_ok("-A -t=1.2.3.4:81", &c);
	ck_assert_int_eq(c.svc.port, 81);
	ck_ok("-A --tcp-service=1.2.3.4:82", &c);
	ck_assert_int_eq(c.svc.port, 82);
	ck_ok("-L --stats --rate --thresholds --persistent-conn --nosort -X --tun-info --sort --json", &c);
	ck_assert_uint_eq(c.fmt, FMT_STATS | FMT_RATE | FMT_THRESHOLDS | FMT_PERSISTENTCONN |
			  FMT_NOSORT | FMT_EXACT | FMT_TUN_INFO | FMT_JSON);
	ck_assert_int_eq(c.list, LIST_TABLE);
	ck_ok("-L --timeout", &c);
	ck_assert_int_eq(c.list, LIST_TIMEOUTS);
	ck_ok("-L --daemon --json", &c);
	ck_assert_int_eq(c.list, LIST_DAEMONS);
	ck_ok("-S -n", &c);
	ck_assert_int_eq(c.verb, VERB_SAVE);
	ck_assert_uint_eq(c.fmt, FMT_NUMERIC);
}
END_TEST

START_TEST(test_dest_fields)
{
	struct cmd c;

	ck_ok("-a -t 10.0.0.1:80 -r 192.168.1.10", &c);
	ck_assert_int_eq(c.verb, VERB_ADD_DEST);
	ck_assert_uint_eq(c.dest.addr.in.s_addr, ip4("192.168.1.10"));
	ck_assert_int_eq(c.dest.af, AF_INET);
	ck_assert_int_eq(c.dest.port, 80);		/* from the service */
	ck_assert_int_eq(c.dest.fwd, IPVS_FWD_ROUTE);	/* default -g */
	ck_assert_int_eq(c.dest.weight, 1);

	/* DR and tunnel force the service port. */
	ck_ok("-a -t 10.0.0.1:80 -r 192.168.1.10:8080", &c);
	ck_assert_int_eq(c.dest.port, 80);
	ck_ok("-e -t 10.0.0.1:80 -r 192.168.1.10:8080 -i", &c);
	ck_assert_int_eq(c.dest.port, 80);
	ck_ok("-a -t 10.0.0.1:80 -r 192.168.1.10:8080 -m -w 2147483647 -x 10 -y 5", &c);
	ck_assert_int_eq(c.dest.port, 8080);
	ck_assert_int_eq(c.dest.fwd, IPVS_FWD_MASQ);
	ck_assert_int_eq(c.dest.weight, 2147483647);
	ck_assert_uint_eq(c.dest.u_threshold, 10);
	ck_assert_uint_eq(c.dest.l_threshold, 5);
	/* Not for fwmark services. */
	ck_ok("-a -f 7 -r 192.168.1.10:8080", &c);
	ck_assert_int_eq(c.dest.port, 8080);
	/* -d does not force the port either. */
	ck_ok("-d -t 10.0.0.1:80 -r 192.168.1.10:8080", &c);
	ck_assert_int_eq(c.dest.port, 8080);
	/* Port names use the service's protocol. */
	ck_ok("-a -u 10.0.0.1:53 -r 192.168.1.10:domain -m", &c);
	ck_assert_int_eq(c.dest.port, 53);
	/* -r before -t sees port 0 (1.31 quirk). */
	ck_ok("-a -r 192.168.1.10 -t 10.0.0.1:80 -m", &c);
	ck_assert_int_eq(c.dest.port, 0);

	/* Tunnels, and a dest of the other family. */
	ck_ok("-a -t 10.0.0.1:80 -r [2001:db8::10]:80 -i --tun-type gue --tun-port 6080 --tun-remcsum", &c);
	ck_assert_int_eq(c.dest.af, AF_INET6);
	ck_assert_int_eq(c.dest.tun_type, IPVS_TUN_GUE);
	ck_assert_int_eq(c.dest.tun_port, 6080);
	ck_assert_int_eq(c.dest.tun_flags, IPVS_TUN_F_REMCSUM);
	ck_ok("-e -t 10.0.0.1:80 -r 10.1.1.1 -i --tun-type gre --tun-csum", &c);
	ck_assert_int_eq(c.dest.tun_type, IPVS_TUN_GRE);
	ck_assert_int_eq(c.dest.tun_flags, IPVS_TUN_F_CSUM);
}
END_TEST

START_TEST(test_addresses)
{
	struct cmd c;
	struct in6_addr a6;

	ck_ok("-A -t [2001:db8::30]:443", &c);
	ck_assert_int_eq(c.svc.af, AF_INET6);
	ck_assert_uint_eq(c.svc.netmask, 128);
	ck_assert_int_eq(c.svc.port, 443);
	inet_pton(AF_INET6, "2001:db8::30", &a6);
	ck_assert(!memcmp(&c.svc.addr.in6, &a6, 16));
	/* Bare IPv6: all of it is the address, no port. */
	ck_ok("-A -t 2001:db8::1:80 -p", &c);
	ck_assert_int_eq(c.svc.port, 0);
	inet_pton(AF_INET6, "2001:db8::1:80", &a6);
	ck_assert(!memcmp(&c.svc.addr.in6, &a6, 16));
	/* [v4]:port loses the port. */
	ck_ok("-A -t [1.2.3.4]:80 -p", &c);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("1.2.3.4"));
	ck_assert_int_eq(c.svc.port, 0);
	/* inet_aton forms. */
	ck_ok("-A -t 1.2.3:80", &c);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("1.2.0.3"));
	ck_ok("-A -t 0x01020304:80", &c);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("1.2.3.4"));
	ck_ok("-A -t 1.2.3.4:+80", &c);
	ck_assert_int_eq(c.svc.port, 80);
	ck_ok("-A -t 1.2.3.4:65535", &c);
	ck_assert_int_eq(c.svc.port, 65535);
	/* Service names. */
	ck_ok("-A -t 1.2.3.4:http", &c);
	ck_assert_int_eq(c.svc.port, 80);
	ck_ok("-A -t localhost:https", &c);
	ck_assert_uint_eq(c.svc.addr.in.s_addr, ip4("127.0.0.1"));
	ck_assert_int_eq(c.svc.port, 443);
	/* IPv6 -M is atoi(). */
	ck_ok("-A -t [2001:db8::1]:80 -M 64abc", &c);
	ck_assert_uint_eq(c.svc.netmask, 64);
	/* -M before -6 is overwritten by -6. */
	ck_ok("-A -f 14 -M 64 -6 -p", &c);
	ck_assert_uint_eq(c.svc.netmask, 128);
}
END_TEST

START_TEST(test_daemon_and_set)
{
	struct cmd c;
	struct in6_addr a6;

	ck_ok("--start-daemon master", &c);
	ck_assert_int_eq(c.verb, VERB_START_DAEMON);
	ck_assert_int_eq(c.daemon.state, IPVS_DAEMON_MASTER);
	ck_assert_str_eq(c.daemon.mcast_ifn, "eth0");	/* default */
	ck_assert_uint_eq(c.daemon.syncid, 0);
	ck_ok("--start-daemon backup --mcast-interface lo --syncid 5 --sync-maxlen 9000 "
	      "--mcast-group ff02::1:81 --mcast-port 9000 --mcast-ttl 3", &c);
	ck_assert_int_eq(c.daemon.state, IPVS_DAEMON_BACKUP);
	ck_assert_str_eq(c.daemon.mcast_ifn, "lo");
	ck_assert_uint_eq(c.daemon.syncid, 5);
	ck_assert_uint_eq(c.daemon.sync_maxlen, 9000);
	ck_assert_int_eq(c.daemon.mcast_af, AF_INET6);
	inet_pton(AF_INET6, "ff02::1:81", &a6);
	ck_assert(!memcmp(&c.daemon.mcast_group.in6, &a6, 16));
	ck_assert_uint_eq(c.daemon.mcast_port, 9000);
	ck_assert_uint_eq(c.daemon.mcast_ttl, 3);
	ck_ok("--start-daemon master --mcast-group 224.0.0.81", &c);
	ck_assert_int_eq(c.daemon.mcast_af, AF_INET);
	ck_assert_uint_eq(c.daemon.mcast_group.in.s_addr, ip4("224.0.0.81"));
	ck_ok("--stop-daemon backup --syncid 9", &c);
	ck_assert_int_eq(c.verb, VERB_STOP_DAEMON);
	ck_assert_int_eq(c.daemon.state, IPVS_DAEMON_BACKUP);
	ck_assert_str_eq(c.daemon.mcast_ifn, "");

	ck_ok("--set 900 120 300", &c);
	ck_assert_int_eq(c.verb, VERB_SET);
	ck_assert_uint_eq(c.timeouts.tcp, 900);
	ck_assert_uint_eq(c.timeouts.tcp_fin, 120);
	ck_assert_uint_eq(c.timeouts.udp, 300);
	ck_ok("--set 0 0 2678400", &c);
	ck_assert_uint_eq(c.timeouts.udp, 2678400);
}
END_TEST

START_TEST(test_zero_and_flush)
{
	struct cmd c;

	ck_ok("-Z", &c);
	ck_assert_int_eq(c.verb, VERB_ZERO);
	ck_assert(exec_zero_target(&c) == NULL);
	ck_ok("-Z -t 10.0.0.1:80", &c);
	ck_assert(exec_zero_target(&c) == &c.svc);
	ck_ok("-Z -t 0.0.0.0:0", &c);	/* all zeros = everything, as 1.31 */
	ck_assert(exec_zero_target(&c) == NULL);
	ck_ok("-C", &c);
	ck_assert_int_eq(c.verb, VERB_FLUSH);
	ck_ok("-R", &c);
	ck_assert_int_eq(c.verb, VERB_RESTORE);
}
END_TEST

/* Which message wins when several things are wrong. */
START_TEST(test_validation_order)
{
	/* Per-option parse errors come in command-line order. */
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -w x -x y", 2, "illegal weight specified");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -x y -w x", 2, "illegal u_threshold specified");
	/* A parse error beats the compatibility table... */
	ck_error("-L -w x", 2, "illegal weight specified");
	/* ...and a later popt error. */
	ck_error("-L -w x --foo", 2, "illegal weight specified");
	ck_error("-L --foo -w x", 255, "--foo: unknown option");
	/* popt error beats --set and leftovers. */
	ck_error("--set 1 --foo", 255, "--foo: unknown option");
	/* --set values before leftover arguments. */
	ck_error("--set 1 2 x 4", 2, "invalid timeout value `x' specified");
	/* Leftover argument before -b. */
	ck_error("-A -t 1.2.3.4:80 -b bogus extra", 2, "unexpected argument extra");
	/* -b before the table (the famous -L -n -b x). */
	ck_error("-L -n -b x", 2, "invalid scheduler flag `x'");
	ck_error("-C -b flag-1", 2, "Illegal 'sched-flags' option with the 'flush' command");
	/* The table walks bits, not the command line: numeric (0) before
	 * scheduler (3), whatever the order given. */
	ck_error("-D -s rr -n -t 1.2.3.4:80", 2, "Illegal 'numeric' option with the 'delete-service' command");
	/* Missing required option found before a later illegal one. */
	ck_error("-a -w 1 -x 2 --tun-info", 2,
		 "You need to supply the 'service-address' option for the 'add-server' command");
	ck_error("-a -t 1.2.3.4:80 --tun-info", 2,
		 "You need to supply the 'real-server' option for the 'add-server' command");
	/* Table before the zero-port check, zero port before one-packet. */
	ck_error("-A -t 1.2.3.4 -o -n", 2, "Illegal 'numeric' option with the 'add-service' command");
	ck_error("-A -t 1.2.3.4 -o", 2, "Zero port specified for non-persistent service");
	/* Address family before tunnel options; tunnel options before the
	 * tunnel table. */
	ck_error("-a -t 1.2.3.4:80 -r [::1]:80 --tun-port 1", 2,
		 "Different address family is allowed only for tunneling servers");
	ck_error("-a -t 1.2.3.4:80 -r 1.1.1.1 -m --tun-type gue", 2,
		 "Tunnel options conflict with forward method");
	ck_error("-a -t 1.2.3.4:80 -r 1.1.1.1 -i --tun-type gue --tun-csum --tun-remcsum", 2,
		 "You need to supply the 'tun-port' option for the 'gue' tunnel type");
	/* The list conflict check comes after the table. */
	ck_error("-L -c --stats --timeout", 2,
		 "The option 'timeout' conflicts with the 'connection' option in the 'list' command");
	ck_error("-L --timeout --rate", 2, "options conflicts in the list command");
	ck_error("-L --daemon --thresholds", 2, "options conflicts in the list command");
	ck_error("-L --timeout --persistent-conn", 2, "options conflicts in the list command");
	/* -6 only after -f; multiple before the value check. */
	ck_error("-A -6 -f 1", 2, "-6 used before -f\n");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -w 1 -w x", 2, "multiple 'weight' options specified");
	/* First option decides the command. */
	ck_error("-n -L", 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.");
	ck_error("extra", 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.");
	ck_error("--start-daemon", 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.");
	ck_error("-L -Z", 2, "invalid option `-Z'");
	ck_error("-L --stop-daemon master", 2, "invalid option `master'");
}
END_TEST

START_TEST(test_ranges)
{
	struct cmd c;

	ck_ok("-a -t 1.2.3.4:80 -r 1.2.3.5 -w 0 -x 0 -y 0", &c);
	ck_ok("-a -t 1.2.3.4:80 -r 1.2.3.5 -w +7 -x 2147483647 -y 2147483647", &c);
	ck_assert_int_eq(c.dest.weight, 7);
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -w ''", 2, "illegal weight specified");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -w 1x", 2, "illegal weight specified");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -w 99999999999999999999", 2, "illegal weight specified");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -x 2147483648", 2, "illegal u_threshold specified");
	ck_error("-a -t 1.2.3.4:80 -r 1.2.3.5 -y -1", 2, "illegal l_threshold specified");
	ck_ok("--start-daemon master --syncid 255 --mcast-port 65535 --mcast-ttl 255 --sync-maxlen 65507", &c);
	ck_error("--start-daemon master --syncid -1", 2, "illegal syncid specified");
	ck_error("--start-daemon master --mcast-port 65536", 2, "illegal mcast-port specified");
	ck_error("--start-daemon master --mcast-ttl 0", 2, "illegal mcast-ttl specified");
	ck_error("--start-daemon master --sync-maxlen 0", 2, "illegal sync-maxlen specified");
	ck_ok("-a -t 1.2.3.4:80 -r 1.2.3.5 -i --tun-type gue --tun-port 65535", &c);
	ck_ok("-A -t 1.2.3.4:80 -p 1", &c);
	ck_error("-A -t 1.2.3.4:80 -p 1.5", 2, "invalid timeout value `1.5' specified");
	ck_error("--set 1 2 -3", 255, "-3: unknown option");
	ck_error("--set 1 2 99999999999", 2, "invalid timeout value `99999999999' specified");
	ck_error("-A -f 99999999999999999999", 2, "invalid fwmark value `99999999999999999999' specified");
}
END_TEST

/* The 1.31 binary takes --syncid with -L, unlike its man page's table. */
START_TEST(test_list_syncid)
{
	struct cmd c;

	ck_ok("--list --syncid 3", &c);
	ck_assert_int_eq(c.verb, VERB_LIST);
	ck_assert_int_eq(c.list, LIST_TABLE);
	ck_assert(!(c.options & OPTBIT(OPT_SERVICE)));
	ck_ok("-L -n --syncid 0 --stats", &c);
	ck_ok("-L --daemon --syncid 1", &c);
	ck_assert_int_eq(c.list, LIST_DAEMONS);
	/* Checked in bit order: the tunnel option is the illegal one. */
	ck_error("-L --tun-type gre --syncid 1", 2, "Illegal 'tun-type' option with the 'list' command");
	ck_error("-L --syncid 1 --tun-type gre", 2, "Illegal 'tun-type' option with the 'list' command");
	ck_error("-L --syncid 256", 2, "illegal syncid specified");
	ck_error("-L --syncid 1 --syncid 2", 2, "multiple 'syncid' options specified");
	ck_error("-S --syncid 1", 2, "Illegal 'syncid' option with the 'save' command");
}
END_TEST

/* Which argv the plain reader takes; the rest is popt's. */
START_TEST(test_plain_form)
{
	static const struct { const char *line; bool plain; } cases[] = {
		{ "-a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1", true },
		{ "-A -t 10.0.0.1:80 -s rr -p", true },
		{ "-A -t 10.0.0.1:80 -p -s rr", true },
		{ "-A -t 10.0.0.1:80 -p 600 -M 255.255.255.0", true },
		{ "-A -f 7 -6 -s rr", true },
		{ "-a -t 10.0.0.1:80 -r 10.1.0.1 -w -5", true },	/* popt's value too */
		{ "-D -u 10.0.0.1:53", true },
		{ "-L -n", true },
		{ "-C", true },
		{ "-a -t 10.0.0.1:80 -r 10.1.0.1 --weight 2", false },	/* a long name */
		{ "-a -t10.0.0.1:80", false },			/* a value attached */
		{ "-a -t=10.0.0.1:80", false },
		{ "-Ln", false },				/* letters bundled */
		{ "-A -t 10.0.0.1:80 extra", false },		/* a leftover word */
		{ "-A -a -t 10.0.0.1:80", false },		/* a second command */
		{ "-A -t", false },				/* a missing value */
		{ "-A -t 10.0.0.1:80 -s rr!#:+ -x 1", false },	/* popt expands '!#:+' */
		{ "-A -t 10.0.0.1:80 -p 6!0", false },
		{ "-A -t 10.0.0.1:80 -- -s rr", false },
		{ "-A -t 10.0.0.1:80 -q", false },		/* no such letter */
		{ "--add-service -t 10.0.0.1:80", false },
		{ "--start-daemon master", false },
		{ "-t 10.0.0.1:80 -A", false },			/* no command first */
		{ "", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[MAX_ARGS];
		int argc = split_args(cases[i].line, argv);

		ck_assert_msg(cmd_is_plain(argc, argv) == cases[i].plain, "'%s': plain is %d",
			      cases[i].line, !cases[i].plain);
		ck_readers_agree(argc, argv, cases[i].line);
	}
}
END_TEST

/* Random lines of short options, values good, bad and odd: both readers
 * agree on every one (popt reads them all once, the plain reader those it
 * takes). */
START_TEST(test_readers_agree_random)
{
	static const char *const opts[] = {
		"-A", "-a", "-E", "-e", "-D", "-d", "-L", "-S", "-C", "-Z", "-h",
		"-t", "-u", "-f", "-6", "-s", "-p", "-M", "-o", "-b", "-r", "-g", "-i",
		"-m", "-w", "-x", "-y", "-n", "-c", "-X", "-q", "--", "-",
	};
	/* No value may make the parser ask the resolver (a test must not wait
	 * on DNS): addresses are numeric, names go only to -s and -b, and a
	 * '!#:+' only into those, so that no name is spliced into an address. */
	static const char *const numbers[] = {
		"10.0.0.1:80", "10.0.0.1", "[2001:db8::1]:443", "192.168.0.1:8080", "7",
		"600", "255.255.255.0", "64", "0", "-5", "2147483648", "", "10.0.0.300:80",
		"[::1", "1.2.3.4:99999", "-", "--",
	};
	static const char *const names[] = {
		"rr", "wlc", "sh", "mh", "sh-port,flag-1", "x!", "!#:+", "rr!#:+", "a b", ",",
	};
	const size_t n_opts = sizeof(opts) / sizeof(opts[0]);
	const size_t n_numbers = sizeof(numbers) / sizeof(numbers[0]);
	const size_t n_names = sizeof(names) / sizeof(names[0]);
	unsigned int seed = 12345, plain = 0;

	for (int k = 0; k < 5000; k++) {
		const char *argv[MAX_ARGS] = { "ipvsadm" };
		int argc = 1 + (int)(rand_r(&seed) % 10);

		/* mostly as lines are written: a command, then options each
		 * with its value if it takes one (the 11 commands come first
		 * in opts[]); now and then a number or an option anywhere */
		for (int i = 1; i < argc; i++) {
			const char *prev = argv[i - 1];
			char letter = i > 1 && prev[0] == '-' && prev[1] && !prev[2] ? prev[1] : 0;

			if (letter && strchr("sb", letter) && rand_r(&seed) % 8)
				argv[i] = names[rand_r(&seed) % n_names];
			else if (rand_r(&seed) % 8 == 0 || (letter && strchr("tufMrwxyp", letter)))
				argv[i] = rand_r(&seed) % 2 ? numbers[rand_r(&seed) % n_numbers] :
							      opts[rand_r(&seed) % n_opts];
			else if (i == 1)
				argv[i] = opts[rand_r(&seed) % 11];
			else
				argv[i] = opts[11 + rand_r(&seed) % (n_opts - 11)];
		}
		argv[argc] = NULL;
		plain += cmd_is_plain(argc, argv);
		ck_readers_agree(argc, argv, "a random line");
	}
	/* The generator does reach the plain reader, often. */
	ck_assert_uint_gt(plain, 1000);
}
END_TEST

Suite *front_compat_suite(void);
Suite *front_restore_suite(void);

static Suite *front_parse_suite(void)
{
	Suite *s = suite_create("front-parse");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_oracle_errors, 0,
			    sizeof(oracle_errors) / sizeof(oracle_errors[0]));
	tcase_add_test(tc, test_our_errors);
	tcase_add_test(tc, test_popt_expansion);
	tcase_add_test(tc, test_conn_filters);
	tcase_add_test(tc, test_failed_parse_owns_nothing);
	tcase_add_test(tc, test_help_version);
	tcase_add_test(tc, test_add_service_fields);
	tcase_add_test(tc, test_persistent_optional_arg);
	tcase_add_test(tc, test_bundling);
	tcase_add_test(tc, test_dest_fields);
	tcase_add_test(tc, test_addresses);
	tcase_add_test(tc, test_daemon_and_set);
	tcase_add_test(tc, test_zero_and_flush);
	tcase_add_test(tc, test_validation_order);
	tcase_add_test(tc, test_ranges);
	tcase_add_test(tc, test_list_syncid);
	tcase_add_test(tc, test_plain_form);
	tcase_add_test(tc, test_readers_agree_random);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(front_parse_suite());
	int failed;

	srunner_add_suite(sr, front_compat_suite());
	srunner_add_suite(sr, front_restore_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
