/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The command x option table, checked cell by cell against 1.31's
 * commands_v_options matrix as transcribed in the reference ('+' required,
 * 'x' illegal, '1' at most one, ' ' optional).  The cases are generated:
 * for every cell, the command with its required options plus that option.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include "front-util.h"

/* Columns: -A -E -D -C -L -a -d -e --set --start --stop -R -S -Z --apply --drain */
static const char *const matrix[OPT_COUNT] = {
	[OPT_NUMERIC]		= "xxxx xxxxxxx xxx",
	[OPT_CONNECTION]	= "xxxx1xxxxxxxxxxx",
	[OPT_SERVICE]		= "+++x1+++xxxxx x+",
	[OPT_SCHEDULER]		= "  xxxxxxxxxxxxxx",
	[OPT_PERSISTENT]	= "  xxxxxxxxxxxxxx",
	[OPT_NETMASK]		= "  xxxxxxxxxxxxxx",
	[OPT_SERVER]		= "xxxxx+++xxxxxxx+",
	[OPT_FORWARD]		= "xxxxx x xxxxxxxx",
	[OPT_WEIGHT]		= "xxxxx x xxxxxxxx",
	[OPT_UTHRESHOLD]	= "xxxxx x xxxxxxxx",
	[OPT_LTHRESHOLD]	= "xxxxx x xxxxxxxx",
	[OPT_MCAST]		= "xxxxxxxxx xxxxxx",
	[OPT_TIMEOUT]		= "xxxx1xxxxxxxxxxx",
	[OPT_DAEMON]		= "xxxx1xxxxxxxxxxx",
	[OPT_STATS]		= "xxxx xxxxxxxxxxx",
	[OPT_RATE]		= "xxxx xxxxxxxxxxx",
	[OPT_THRESHOLDS]	= "xxxx xxxxxxxxxxx",
	[OPT_PERSISTENTCONN]	= "xxxx xxxxxxxxxxx",
	[OPT_NOSORT]		= "xxxx xxxxxxxxxxx",
	[OPT_SYNCID]		= "xxxx xxxx  xxxxx",	/* -L: as the binary, not its table */
	[OPT_EXACT]		= "xxxx xxxxxxxxxxx",
	[OPT_ONEPACKET]		= "  xxxxxxxxxxxxxx",
	[OPT_PERSISTENCE_ENGINE] = "  xxxxxxxxxxxxxx",
	[OPT_SCHED_FLAGS]	= "  xxxxxxxxxxxxxx",
	[OPT_MCAST_GROUP]	= "xxxxxxxxx xxxxxx",
	[OPT_MCAST_PORT]	= "xxxxxxxxx xxxxxx",
	[OPT_MCAST_TTL]		= "xxxxxxxxx xxxxxx",
	[OPT_SYNC_MAXLEN]	= "xxxxxxxxx xxxxxx",
	[OPT_TUN_INFO]		= "xxxx xxxxxxxxxxx",
	[OPT_TUN_TYPE]		= "xxxxx x xxxxxxxx",
	[OPT_TUN_PORT]		= "xxxxx x xxxxxxxx",
	[OPT_TUN_NOCSUM]	= "xxxxx x xxxxxxxx",
	[OPT_TUN_CSUM]		= "xxxxx x xxxxxxxx",
	[OPT_TUN_REMCSUM]	= "xxxxx x xxxxxxxx",
	/* ours: --json with -L and --apply */
	[OPT_JSON]		= "xxxx xxxxxxxxx x",
	/* ours: --apply and --drain */
	[OPT_DRY_RUN]		= "xxxxxxxxxxxxxx x",
	[OPT_SCOPE]		= "xxxxxxxxxxxxxx x",
	[OPT_FORCE]		= "xxxxxxxxxxxxxx x",
	[OPT_WAIT]		= "xxxxxxxxxxxxxx  ",
	[OPT_ON_TIMEOUT]	= "xxxxxxxxxxxxxxx ",
	[OPT_PROMETHEUS]	= "xxxx xxxxxxxxxxx",
	[OPT_SUMMARY]		= "xxxx xxxxxxxxxxx",
};

/* Column -> how the command is written, and its name in messages. */
static const struct { const char *argv, *name; } verbs[VERB_COUNT] = {
	[VERB_ADD_SERVICE] = { "-A", "add-service" },
	[VERB_EDIT_SERVICE] = { "-E", "edit-service" },
	[VERB_DEL_SERVICE] = { "-D", "delete-service" },
	[VERB_FLUSH] = { "-C", "flush" },
	[VERB_LIST] = { "-L", "list" },
	[VERB_ADD_DEST] = { "-a", "add-server" },
	[VERB_DEL_DEST] = { "-d", "delete-server" },
	[VERB_EDIT_DEST] = { "-e", "edit-server" },
	[VERB_SET] = { "--set 1 2 3", "set" },
	[VERB_START_DAEMON] = { "--start-daemon master", "start-daemon" },
	[VERB_STOP_DAEMON] = { "--stop-daemon master", "stop-daemon" },
	[VERB_RESTORE] = { "-R", "restore" },
	[VERB_SAVE] = { "-S", "save" },
	[VERB_ZERO] = { "-Z", "zero" },
	[VERB_APPLY] = { "--apply", "apply" },
	[VERB_DRAIN] = { "--drain", "drain" },
};

/* A valid way to give each option, and its name in messages. */
static const struct { const char *argv, *name; } opts[OPT_COUNT] = {
	[OPT_NUMERIC] = { "-n", "numeric" },
	[OPT_CONNECTION] = { "-c", "connection" },
	[OPT_SERVICE] = { "-u 10.0.0.1:80", "service-address" },	/* UDP, so -o is fine */
	[OPT_SCHEDULER] = { "-s rr", "scheduler" },
	[OPT_PERSISTENT] = { "-p", "persistent" },
	[OPT_NETMASK] = { "-M 255.255.255.255", "netmask" },
	[OPT_SERVER] = { "-r 10.0.0.2", "real-server" },
	[OPT_FORWARD] = { "-g", "forwarding-method" },
	[OPT_WEIGHT] = { "-w 3", "weight" },
	[OPT_UTHRESHOLD] = { "-x 9", "u-threshold" },
	[OPT_LTHRESHOLD] = { "-y 0", "l-threshold" },
	[OPT_MCAST] = { "--mcast-interface lo", "mcast-interface" },
	[OPT_TIMEOUT] = { "--timeout", "timeout" },
	[OPT_DAEMON] = { "--daemon", "daemon" },
	[OPT_STATS] = { "--stats", "stats" },
	[OPT_RATE] = { "--rate", "rate" },
	[OPT_THRESHOLDS] = { "--thresholds", "thresholds" },
	[OPT_PERSISTENTCONN] = { "--persistent-conn", "persistent-conn" },
	[OPT_NOSORT] = { "--nosort", "nosort" },
	[OPT_SYNCID] = { "--syncid 4", "syncid" },
	[OPT_EXACT] = { "-X", "exact" },
	[OPT_ONEPACKET] = { "-o", "ops" },
	[OPT_PERSISTENCE_ENGINE] = { "--pe sip", "pe" },
	[OPT_SCHED_FLAGS] = { "-b flag-2", "sched-flags" },
	[OPT_MCAST_GROUP] = { "--mcast-group 224.0.0.81", "mcast-group" },
	[OPT_MCAST_PORT] = { "--mcast-port 8848", "mcast-port" },
	[OPT_MCAST_TTL] = { "--mcast-ttl 2", "mcast-ttl" },
	[OPT_SYNC_MAXLEN] = { "--sync-maxlen 1400", "sync-maxlen" },
	[OPT_TUN_INFO] = { "--tun-info", "tun-info" },
	[OPT_TUN_TYPE] = { "--tun-type ipip", "tun-type" },
	[OPT_TUN_PORT] = { "--tun-port 6080", "tun-port" },
	[OPT_TUN_NOCSUM] = { "--tun-nocsum", "tun-nocsum" },
	[OPT_TUN_CSUM] = { "--tun-csum", "tun-csum" },
	[OPT_TUN_REMCSUM] = { "--tun-remcsum", "tun-remcsum" },
	[OPT_JSON] = { "--json", "json" },
	[OPT_DRY_RUN] = { "--dry-run", "dry-run" },
	[OPT_SCOPE] = { "--scope addr=10.0.0.0/8", "scope" },
	[OPT_FORCE] = { "--force", "force" },
	[OPT_WAIT] = { "--wait 5", "wait" },
	[OPT_ON_TIMEOUT] = { "--on-timeout keep", "on-timeout" },
	[OPT_PROMETHEUS] = { "--prometheus", "prometheus" },
	[OPT_SUMMARY] = { "--summary", "summary" },
};

static char cell(int v, int o)
{
	return matrix[o][v];
}

/* The command with all its required options, plus extra. */
static void build(char *buf, size_t size, int v, int skip, const char *extra)
{
	int n = snprintf(buf, size, "%s", verbs[v].argv);

	for (int o = 0; o < OPT_COUNT; o++)
		if (cell(v, o) == '+' && o != skip)
			n += snprintf(buf + n, size - n, " %s", opts[o].argv);
	if (extra)
		snprintf(buf + n, size - n, " %s", extra);
}

/* Every cell: option o given to command v alone (besides the required). */
START_TEST(test_cell)
{
	int v = _i / OPT_COUNT, o = _i % OPT_COUNT;
	char line[512], want[256];
	struct cmd c;
	struct diag d;
	int r;

	ck_assert_int_eq(strlen(matrix[o]), VERB_COUNT);
	build(line, sizeof(line), v, o, cell(v, o) == '+' ? NULL : opts[o].argv);
	if (cell(v, o) == '+') {
		/* Leave the required option out. */
		snprintf(want, sizeof(want), "You need to supply the '%s' option for the '%s' command",
			 opts[o].name, verbs[v].name);
		ck_error(line, 2, want);
		return;
	}
	r = run_line(line, &c, &d);
	if (cell(v, o) == 'x') {
		snprintf(want, sizeof(want), "Illegal '%s' option with the '%s' command",
			 opts[o].name, verbs[v].name);
		ck_error(line, 2, want);
		return;
	}
	/* Allowed: no table message (a later rule may still object, such as
	 * the forced tunnel checks, but never the table). */
	ck_assert_msg(r == 0 || (strncmp(d.msg, "Illegal '", 9) &&
				 strncmp(d.msg, "You need", 8) &&
				 strncmp(d.msg, "The option", 10)),
		      "%s: %s", line, d.msg);
	ck_assert_msg(r == 0 || o >= OPT_TUN_TYPE, "%s: unexpected %s", line, d.msg);
}
END_TEST

/* Every pair of '1' options of a command conflicts, later named first. */
START_TEST(test_exclusive_pairs)
{
	char line[512], extra[128], want[256];
	int pairs = 0;

	for (int v = 0; v < VERB_COUNT; v++)
		for (int a = 0; a < OPT_COUNT; a++)
			for (int b = a + 1; b < OPT_COUNT; b++) {
				if (cell(v, a) != '1' || cell(v, b) != '1')
					continue;
				/* Ours: -c takes a service as a filter
				 * (front-parse's test_conn_filters). */
				if (v == VERB_LIST && a == OPT_CONNECTION && b == OPT_SERVICE)
					continue;
				/* Command-line order must not matter. */
				snprintf(extra, sizeof(extra), "%s %s", opts[b].argv, opts[a].argv);
				build(line, sizeof(line), v, -1, extra);
				snprintf(want, sizeof(want),
					 "The option '%s' conflicts with the '%s' option in the '%s' command",
					 opts[b].name, opts[a].name, verbs[v].name);
				ck_error(line, 2, want);
				pairs++;
			}
	ck_assert_int_eq(pairs, 5);
}
END_TEST

/* The tunnel table: ipip x x x x; gue + 1 1 1; gre x 1 1 x. */
START_TEST(test_tunnel_table)
{
	static const struct { const char *type, *row; } rows[] = {
		{ "ipip", "xxxx" }, { "gue", "+111" }, { "gre", "x11x" },
	};
	static const enum opt cols[] = { OPT_TUN_PORT, OPT_TUN_NOCSUM, OPT_TUN_CSUM, OPT_TUN_REMCSUM };
	const char *base = "-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type";
	char line[256], want[256];
	struct cmd c;

	for (size_t t = 0; t < 3; t++) {
		const char *need = strchr(rows[t].row, '+') ? " --tun-port 1" : "";

		for (size_t j = 0; j < 4; j++) {
			enum opt o = cols[j];

			if (rows[t].row[j] == '+') {
				snprintf(line, sizeof(line), "%s %s", base, rows[t].type);
				snprintf(want, sizeof(want),
					 "You need to supply the '%s' option for the '%s' tunnel type",
					 opts[o].name, rows[t].type);
				ck_error(line, 2, want);
				continue;
			}
			snprintf(line, sizeof(line), "%s %s%s %s", base, rows[t].type, need, opts[o].argv);
			if (rows[t].row[j] == 'x') {
				snprintf(want, sizeof(want), "Illegal '%s' option with the '%s' tunnel type",
					 opts[o].name, rows[t].type);
				ck_error(line, 2, want);
				continue;
			}
			ck_ok(line, &c);
			for (size_t k = j + 1; k < 4; k++) {
				if (rows[t].row[k] != '1')
					continue;
				snprintf(line, sizeof(line), "%s %s%s %s %s", base, rows[t].type,
					 need, opts[cols[k]].argv, opts[o].argv);
				snprintf(want, sizeof(want),
					 "The option '%s' conflicts with the '%s' option in the '%s' tunnel type",
					 opts[cols[k]].name, opts[o].name, rows[t].type);
				ck_error(line, 2, want);
			}
		}
	}
}
END_TEST

/* With nothing given, each command reports its first required option. */
START_TEST(test_missing_required)
{
	static const char *const first[VERB_COUNT] = {
		[VERB_ADD_SERVICE] = "service-address", [VERB_EDIT_SERVICE] = "service-address",
		[VERB_DEL_SERVICE] = "service-address", [VERB_ADD_DEST] = "service-address",
		[VERB_DEL_DEST] = "service-address", [VERB_EDIT_DEST] = "service-address",
		[VERB_DRAIN] = "service-address",
	};
	char want[256];
	struct cmd c;

	for (int v = 0; v < VERB_COUNT; v++) {
		if (!first[v]) {
			ck_ok(verbs[v].argv, &c);
			continue;
		}
		snprintf(want, sizeof(want), "You need to supply the '%s' option for the '%s' command",
			 first[v], verbs[v].name);
		ck_error(verbs[v].argv, 2, want);
	}
}
END_TEST

Suite *front_compat_suite(void);

Suite *front_compat_suite(void)
{
	Suite *s = suite_create("front-compat");
	TCase *tc = tcase_create("table");

	tcase_add_loop_test(tc, test_cell, 0, VERB_COUNT * OPT_COUNT);
	tcase_add_test(tc, test_exclusive_pairs);
	tcase_add_test(tc, test_tunnel_table);
	tcase_add_test(tc, test_missing_required);
	suite_add_tcase(s, tc);
	return s;
}
