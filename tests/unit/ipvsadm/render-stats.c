/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --stats, --rate, --exact and print_largenum's thresholds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "common/emit.h"
#include "render.h"
#include "render-util.h"

static const struct ipvs_info info = { 0x010201, 4096 };

/* Lines of s that start with prefix. */
static int count_lines(const char *s, const char *prefix)
{
	int n = 0;

	for (const char *l = s; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
		n += !strncmp(l, prefix, strlen(prefix));
	return n;
}

/* The counters of the reference's --stats/--rate samples. */
static struct ipvs_table *stats_sample(void)
{
	struct ipvs_table *t = tb_sample();
	struct ipvs_table_entry *e = &t->services[2];	/* TCP 10.0.0.1:80 */
	struct ipvs_stats *s = &e->svc.stats;
	struct ipvs_dest *d = &e->dests[2];		/* 192.168.1.10:8080 */

	ck_assert_int_eq(e->svc.port, 80);
	ck_assert_int_eq(d->port, 8080);
	*s = (struct ipvs_stats){ 123456789, 99999999, 100000000, 999999999, 1000000000,
				  5, 1234, 99999, 123456789, 4294967295ULL };
	/* 5e9 connections: 1.31 showed 705032K (low 32 bits); we are exact. */
	d->stats = (struct ipvs_stats){ 5000000000ULL, 12, 345678, 99999999999ULL,
					100000000000000ULL, 7, 8, 9, 10, 11 };
	return t;
}

static void check(unsigned int fmt, const char *golden)
{
	struct ipvs_table *t = stats_sample();
	char *s = run_table(fmt, &info, t);

	ck_golden(golden, s);
	free(s);
	tb_free(t);
}

START_TEST(stats_view)
{
	check(FMT_NUMERIC | FMT_STATS, "render-stats.txt");
	/* --stats wins over everything but -S */
	check(FMT_NUMERIC | FMT_STATS | FMT_RATE | FMT_THRESHOLDS | FMT_TUN_INFO,
	      "render-stats.txt");
}
END_TEST

START_TEST(stats_exact)
{
	check(FMT_NUMERIC | FMT_STATS | FMT_EXACT, "render-stats-exact.txt");
}
END_TEST

START_TEST(rate_view)
{
	check(FMT_NUMERIC | FMT_RATE, "render-rate.txt");
	check(FMT_NUMERIC | FMT_RATE | FMT_PERSISTENTCONN, "render-rate.txt");
	check(FMT_NUMERIC | FMT_RATE | FMT_EXACT, "render-rate-exact.txt");
}
END_TEST

/* Deliberate difference 5: a destination's 64-bit counters are exact. */
START_TEST(stats_dest_64bit)
{
	struct ipvs_table *t = stats_sample();
	char *s = run_table(FMT_NUMERIC | FMT_STATS, NULL, t);

	ck_assert_ptr_nonnull(strstr(s, "  -> 192.168.1.10:8080               5000M"));
	ck_assert_ptr_null(strstr(s, "705032"));
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(largenum_thresholds)
{
	static const struct { uint64_t v; const char *abbr, *exact; } c[] = {
		{ 0,			"        0", "        0" },
		{ 12345678,		" 12345678", " 12345678" },
		{ 99999999,		" 99999999", " 99999999" },
		{ 100000000,		"  100000K", " 100000000" },
		{ 999999999,		"  999999K", " 999999999" },
		{ 1000000000,		"    1000M", " 1000000000" },
		{ 99999999999ULL,	"   99999M", " 99999999999" },
		{ 100000000000ULL,	"     100G", " 100000000000" },
		{ 99999999999999ULL,	"   99999G", " 99999999999999" },
		{ 100000000000000ULL,	"     100T", " 100000000000000" },
		{ UINT64_MAX,		"18446744T", " 18446744073709551615" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		emit_largenum_fmt(buf, sizeof(buf), c[i].v, false);
		ck_assert_str_eq(buf, c[i].abbr);
		emit_largenum_fmt(buf, sizeof(buf), c[i].v, true);
		ck_assert_str_eq(buf, c[i].exact);
	}
}
END_TEST

/* A destination's cps and pps are never abbreviated in --rate. */
START_TEST(rate_dest_unabbreviated)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_dest *d;
	char *s;

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr")->stats.cps = 1000000000;
	d = tb_dest(t, "10.0.0.2", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	d->stats = (struct ipvs_stats){ .cps = 1000000000, .inpps = 123456789012ULL,
					.outpps = 5, .inbps = 1000000000, .outbps = 0 };
	s = run_table(FMT_NUMERIC | FMT_RATE, NULL, t);
	ck_assert_ptr_nonnull(strstr(s,
		"TCP  10.0.0.1:80                     1000M        0        0        0        0\n"
		"  -> 10.0.0.2:80                  1000000000 123456789012        5    1000M        0\n"));
	free(s);
	tb_free(t);
}
END_TEST

/* --prometheus: exact 64-bit values, every family whole, one label set per
 * service (TCP and UDP on one address and port, a mark). */
START_TEST(prometheus_families)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_dest *d;
	char *s;

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr")->stats.conns = 5000000000ULL;
	d = tb_dest(t, "10.0.0.2", 80, IPVS_FWD_ROUTE, 3, 0, 0);
	d->active_conns = 7;
	d->stats.outbytes = UINT64_MAX;
	tb_svc(t, IPPROTO_UDP, "10.0.0.1", 80, "rr")->stats.conns = 2;
	s = run_table(FMT_PROMETHEUS, NULL, t);
	ck_assert_ptr_nonnull(strstr(s,
		"# HELP ipvs_service_connections_total Connections the virtual service scheduled.\n"
		"# TYPE ipvs_service_connections_total counter\n"
		"ipvs_service_connections_total{family=\"ipv4\",protocol=\"tcp\",local_address=\"10.0.0.1\",local_port=\"80\",fwmark=\"0\"} 5000000000\n"
		"ipvs_service_connections_total{family=\"ipv4\",protocol=\"udp\",local_address=\"10.0.0.1\",local_port=\"80\",fwmark=\"0\"} 2\n"
		"# HELP ipvs_service_incoming_packets_total "));
	ck_assert_ptr_nonnull(strstr(s, "ipvs_backend_outgoing_bytes_total{family=\"ipv4\",protocol=\"tcp\",local_address=\"10.0.0.1\",local_port=\"80\",fwmark=\"0\",remote_address=\"10.0.0.2\",remote_port=\"80\"} 18446744073709551615\n"));
	ck_assert_ptr_nonnull(strstr(s, "# TYPE ipvs_backend_active_connections gauge\n"
		"ipvs_backend_active_connections{family=\"ipv4\",protocol=\"tcp\",local_address=\"10.0.0.1\",local_port=\"80\",fwmark=\"0\",remote_address=\"10.0.0.2\",remote_port=\"80\"} 7\n"
		"# HELP ipvs_backend_inactive_connections "));
	ck_assert_int_eq(count_lines(s, "# TYPE "), 24);	/* each family once */
	free(s);
	tb_free(t);
}
END_TEST

Suite *render_stats_suite(void)
{
	Suite *s = suite_create("render-stats");
	TCase *tc = tcase_create("stats");

	tcase_add_test(tc, stats_view);
	tcase_add_test(tc, stats_exact);
	tcase_add_test(tc, rate_view);
	tcase_add_test(tc, stats_dest_64bit);
	tcase_add_test(tc, largenum_thresholds);
	tcase_add_test(tc, rate_dest_unabbreviated);
	tcase_add_test(tc, prometheus_families);
	suite_add_tcase(s, tc);
	return s;
}
