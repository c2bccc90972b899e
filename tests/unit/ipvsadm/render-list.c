/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -L views other than --stats/--rate: goldens from the reference samples,
 * name cuts, forwarding names, scheduler flags, fwmarks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"

static const struct ipvs_info info = { 0x010201, 4096 };

static void check_view(unsigned int fmt, const char *golden, bool names)
{
	struct ipvs_table *t = tb_sample();
	char *s;

	if (names)
		stub_names_on();
	s = run_table(fmt, &info, t);
	stub_names_off();
	ck_golden(golden, s);
	free(s);
	tb_free(t);
}

START_TEST(list_numeric)
{
	check_view(FMT_NUMERIC, "render-list-n.txt", false);
}
END_TEST

START_TEST(list_names)
{
	check_view(FMT_NONE, "render-list-names.txt", true);
}
END_TEST

START_TEST(list_tun_info)
{
	check_view(FMT_NUMERIC | FMT_TUN_INFO, "render-tun.txt", false);
}
END_TEST

START_TEST(list_thresholds)
{
	check_view(FMT_NUMERIC | FMT_THRESHOLDS, "render-thresholds.txt", false);
	/* thresholds wins over persistent-conn and tun-info */
	check_view(FMT_NUMERIC | FMT_THRESHOLDS | FMT_PERSISTENTCONN | FMT_TUN_INFO,
		   "render-thresholds.txt", false);
}
END_TEST

START_TEST(list_pconn)
{
	check_view(FMT_NUMERIC | FMT_PERSISTENTCONN, "render-pconn.txt", false);
	check_view(FMT_NUMERIC | FMT_PERSISTENTCONN | FMT_TUN_INFO, "render-pconn.txt", false);
}
END_TEST

/* A single-service listing (-L -t ...) has a title but no banner; an
 * empty table has both and nothing else. */
START_TEST(list_banner)
{
	struct ipvs_table *t = tb_new();
	char *s;

	s = run_table(FMT_NUMERIC, &info, t);
	ck_assert_str_eq(s, "IP Virtual Server version 1.2.1 (size=4096)\n"
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n");
	free(s);
	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "wlc");
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(s, "Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"TCP  10.0.0.1:80 wlc\n");
	free(s);
	tb_free(t);
	t = tb_new();
	s = run_table(FMT_NUMERIC, &(struct ipvs_info){ 0x0a0b0c, 1048576 }, t);
	ck_assert_ptr_nonnull(strstr(s, "version 10.11.12 (size=1048576)\n"));
	free(s);
	tb_free(t);
}
END_TEST

/* The first line after the two title lines. */
static char *body(char *s)
{
	char *p = strchr(s, '\n');

	ck_assert_ptr_nonnull(p);
	p = strchr(p + 1, '\n');
	ck_assert_ptr_nonnull(p);
	return p + 1;
}

START_TEST(list_cut_33_28)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, IPPROTO_TCP, "10.0.0.99", 80, "wlc");
	tb_dest(t, "10.0.0.99", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "192.168.1.11", 443, IPVS_FWD_ROUTE, 1, 0, 0);
	stub_names_on();
	s = run_table(FMT_NONE, NULL, t);
	stub_names_off();
	ck_assert_str_eq(body(s),
		"TCP  an-extremely-long-hostname-f wlc\n"
		"  -> an-extremely-long-hostname-f Route   1      0          0         \n"
		"  -> rs11.example.com:https       Route   1      0          0         \n");
	free(s);
	tb_free(t);
}
END_TEST

/* IPv6 names are never cut, numeric or not; columns shift instead. */
START_TEST(list_ipv6_not_cut)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, IPPROTO_SCTP, "2001:db8:1234:5678:9abc:def0:1234:5678", 65535, "rr");
	tb_dest(t, "2001:db8:1234:5678:9abc:def0:1234:5679", 65534, IPVS_FWD_MASQ, 2, 1, 0);
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(body(s),
		"SCTP [2001:db8:1234:5678:9abc:def0:1234:5678]:65535 rr\n"
		"  -> [2001:db8:1234:5678:9abc:def0:1234:5679]:65534 Masq    2      1          0         \n");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(list_forward_names)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, IPPROTO_UDP, "10.0.0.1", 53, "rr");
	tb_dest(t, "10.0.0.2", 53, IPVS_FWD_LOCAL, 1, 0, 0);
	tb_dest(t, "10.0.0.3", 53, IPVS_FWD_BYPASS, 1, 0, 0);
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(body(s),
		"UDP  10.0.0.1:53 rr\n"
		"  -> 10.0.0.2:53                  Local   1      0          0         \n"
		"  -> 10.0.0.3:53                  (null)  1      0          0         \n");
	free(s);
	tb_free(t);
}
END_TEST

static char *svc_line(const char *sched, uint32_t flags)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_service *sv = tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, sched);
	char *s, *line;

	sv->flags = flags;
	s = run_table(FMT_NUMERIC, NULL, t);
	line = strdup(body(s));
	free(s);
	tb_free(t);
	return line;
}

START_TEST(list_sched_flags)
{
	static const struct { const char *sched; uint32_t flags; const char *want; } c[] = {
		{ "sh", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2, "TCP  10.0.0.1:80 sh (sh-fallback,sh-port)\n" },
		{ "mh", IPVS_SVC_F_SCHED2, "TCP  10.0.0.1:80 mh (mh-port)\n" },
		{ "mh", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED3, "TCP  10.0.0.1:80 mh (mh-fallback)\n" },
		{ "sh", IPVS_SVC_F_SCHED3, "TCP  10.0.0.1:80 sh ()\n" },
		{ "rr", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED3, "TCP  10.0.0.1:80 rr (flag-1,flag-3)\n" },
		{ "wlc", IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3,
		  "TCP  10.0.0.1:80 wlc (flag-1,flag-2,flag-3)\n" },
		{ "wlc", IPVS_SVC_F_ONEPACKET, "TCP  10.0.0.1:80 wlc ops\n" },
		{ "none", 0, "TCP  10.0.0.1:80 none\n" },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char *l = svc_line(c[i].sched, c[i].flags);

		ck_assert_str_eq(l, c[i].want);
		free(l);
	}
}
END_TEST

START_TEST(list_persistence)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_service *sv;
	char *s;

	sv = tb_svc(t, IPPROTO_TCP, "2001:db8::1", 80, "wlc");
	tb_persist(sv, 300, "64");
	sv = tb_svc(t, IPPROTO_TCP, "2001:db8::2", 80, "wlc");
	tb_persist(sv, 300, "128");
	sv = tb_svc(t, IPPROTO_UDP, "10.0.0.1", 5060, "rr");
	snprintf(sv->pe_name, sizeof(sv->pe_name), "sip");	/* not persistent: no pe */
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(body(s),
		"UDP  10.0.0.1:5060 rr\n"
		"TCP  [2001:db8::1]:80 wlc persistent 300 mask 64\n"
		"TCP  [2001:db8::2]:80 wlc persistent 300\n");
	free(s);
	tb_free(t);
}
END_TEST

/* Deliberate difference 3: fwmarks above INT_MAX print unsigned. */
START_TEST(list_fwmark_unsigned)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_fwm(t, AF_INET, 2882430849u, "rr");
	tb_dest(t, "10.0.0.2", 0, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_fwm(t, AF_INET6, 4294967295u, "rr");
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(body(s),
		"FWM  2882430849 rr\n"
		"  -> 10.0.0.2:0                   Route   1      0          0         \n"
		"FWM  4294967295 IPv6 rr\n");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(list_tun_variants)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_dest *d;
	char *s;

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	d = tb_dest(t, "10.0.0.2", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_IPIP;
	d = tb_dest(t, "10.0.0.3", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GRE;
	d = tb_dest(t, "10.0.0.4", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GRE;
	d->tun_flags = IPVS_TUN_F_CSUM;
	d = tb_dest(t, "10.0.0.5", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GUE;
	d->tun_port = 6081;
	d->tun_flags = IPVS_TUN_F_REMCSUM;
	d = tb_dest(t, "10.0.0.6", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GUE;
	d->tun_port = 65535;
	s = run_table(FMT_NUMERIC | FMT_TUN_INFO, NULL, t);
	ck_assert_str_eq(body(s),
		"TCP  10.0.0.1:80 rr\n"
		"  -> 10.0.0.2:80                  Tunnel  ipip          1      0          0         \n"
		"  -> 10.0.0.3:80                  Tunnel  gre:-c        1      0          0         \n"
		"  -> 10.0.0.4:80                  Tunnel  gre:+c        1      0          0         \n"
		"  -> 10.0.0.5:80                  Tunnel  gue:6081:r+c  1      0          0         \n"
		"  -> 10.0.0.6:80                  Tunnel  gue:65535:-c  1      0          0         \n");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(list_unknown_protocol)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, 99, "10.0.0.1", 80, "rr");
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(body(s), "?    10.0.0.1:80 rr\n");
	free(s);
	tb_free(t);
}
END_TEST

Suite *render_list_suite(void)
{
	Suite *s = suite_create("render-list");
	TCase *tc = tcase_create("list");

	tcase_add_test(tc, list_numeric);
	tcase_add_test(tc, list_names);
	tcase_add_test(tc, list_tun_info);
	tcase_add_test(tc, list_thresholds);
	tcase_add_test(tc, list_pconn);
	tcase_add_test(tc, list_banner);
	tcase_add_test(tc, list_cut_33_28);
	tcase_add_test(tc, list_ipv6_not_cut);
	tcase_add_test(tc, list_forward_names);
	tcase_add_test(tc, list_sched_flags);
	tcase_add_test(tc, list_persistence);
	tcase_add_test(tc, list_fwmark_unsigned);
	tcase_add_test(tc, list_tun_variants);
	tcase_add_test(tc, list_unknown_protocol);
	suite_add_tcase(s, tc);
	return s;
}
