/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -S: rule lines, names, and the never-truncated names of difference 7. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"

static const struct ipvs_info info = { 0x010201, 4096 };

START_TEST(rule_numeric)
{
	struct ipvs_table *t = tb_sample();
	char *s = run_table(FMT_RULE | FMT_NUMERIC, &info, t);	/* no banner for -S */

	ck_golden("render-rule-n.txt", s);
	free(s);
	tb_free(t);
}
END_TEST

/* -S is always sorted, whatever FMT_NOSORT says. */
START_TEST(rule_always_sorted)
{
	struct ipvs_table *t = tb_sample();
	char *s = run_table(FMT_RULE | FMT_NUMERIC | FMT_NOSORT, NULL, t);

	ck_golden("render-rule-n.txt", s);
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(rule_names)
{
	struct ipvs_table *t = tb_sample();
	char *s;

	stub_names_on();
	s = run_table(FMT_RULE, NULL, t);
	stub_names_off();
	ck_golden("render-rule-names.txt", s);
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(rule_empty)
{
	struct ipvs_table *t = tb_new();
	char *s = run_table(FMT_RULE, &info, t);

	ck_assert_str_eq(s, "");
	free(s);
	tb_free(t);
}
END_TEST

/* Deliberate difference 7: 1.31 cut a "name:port" longer than 59 bytes
 * (dropping the port); we write that address numerically. */
START_TEST(rule_long_name_numeric)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, IPPROTO_TCP, "10.0.0.99", 80, "wlc");
	tb_dest(t, "10.0.0.97", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "10.0.0.98", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	stub_names_on();
	s = run_table(FMT_RULE, NULL, t);
	stub_names_off();
	ck_assert_str_eq(s,
		"-A -t 10.0.0.99:80 -s wlc\n"
		"-a -t 10.0.0.99:80 -r 10.0.0.97:80 -g -w 1\n"
		"-a -t 10.0.0.99:80 -r fifty-four-byte-name-aaaaaaaaaaaaaaaaaaaaa.example.com:http -g -w 1\n");
	free(s);
	tb_free(t);
}
END_TEST

/* Deliberate difference 3 (-f %u), and the other service options. */
START_TEST(rule_service_options)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_service *sv;
	char *s;

	sv = tb_fwm(t, AF_INET, 2882430849u, "mh");
	sv->flags |= IPVS_SVC_F_SCHED_MH_FALLBACK | IPVS_SVC_F_SCHED_MH_PORT;
	sv = tb_svc(t, IPPROTO_UDP, "2001:db8::1", 5060, "rr");
	tb_persist(sv, 3600, "64");
	sv->flags |= IPVS_SVC_F_ONEPACKET;
	snprintf(sv->pe_name, sizeof(sv->pe_name), "sip");
	sv = tb_svc(t, IPPROTO_UDP, "10.0.0.1", 5060, "wrr");
	snprintf(sv->pe_name, sizeof(sv->pe_name), "sip");	/* -S keeps it */
	sv->flags |= IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED3;
	sv = tb_svc(t, IPPROTO_SCTP, "10.0.0.1", 9, "rr");
	sv = tb_svc(t, 99, "10.0.0.1", 7, "rr");
	s = run_table(FMT_RULE | FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(s,
		"-A -u 10.0.0.1:5060 -s wrr --pe sip -b flag-1,flag-3\n"
		"-A --xxx-service 10.0.0.1:7 -s rr\n"
		"-A --sctp-service 10.0.0.1:9 -s rr\n"
		"-A -u [2001:db8::1]:5060 -s rr -p 3600 -M 64 --pe sip -o\n"
		"-A -f 2882430849 -s mh -b mh-fallback,mh-port\n");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(rule_dest_options)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_dest *d;
	char *s;

	tb_fwm(t, AF_INET6, 7, "rr");
	d = tb_dest(t, "2001:db8::2", 0, IPVS_FWD_TUNNEL, 5, 0, 0);
	d->tun_type = IPVS_TUN_IPIP;
	d = tb_dest(t, "2001:db8::3", 0, IPVS_FWD_TUNNEL, 0, 0, 0);
	d->tun_type = IPVS_TUN_GRE;
	d->tun_flags = IPVS_TUN_F_CSUM;
	d = tb_dest(t, "2001:db8::4", 0, IPVS_FWD_TUNNEL, 2147483647, 0, 0);
	d->tun_type = IPVS_TUN_GUE;
	d->tun_port = 6081;
	d->tun_flags = IPVS_TUN_F_REMCSUM;
	d = tb_dest(t, "2001:db8::5", 0, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GRE;
	tb_dest(t, "2001:db8::6", 0, IPVS_FWD_LOCAL, 1, 0, 0);
	tb_dest(t, "2001:db8::7", 0, IPVS_FWD_BYPASS, 1, 0, 0);
	tb_dest(t, "10.0.0.8", 0, IPVS_FWD_TUNNEL, 1, 0, 0);	/* mixed family */
	s = run_table(FMT_RULE | FMT_NUMERIC, NULL, t);
	ck_assert_str_eq(s,
		"-A -f 7 -6 -s rr\n"
		"-a -f 7 -6 -r 10.0.0.8:0 -i -w 1 --tun-type ipip\n"
		"-a -f 7 -6 -r [2001:db8::2]:0 -i -w 5 --tun-type ipip\n"
		"-a -f 7 -6 -r [2001:db8::3]:0 -i -w 0 --tun-type gre --tun-csum\n"
		"-a -f 7 -6 -r [2001:db8::4]:0 -i -w 2147483647 --tun-type gue --tun-port 6081 --tun-remcsum\n"
		"-a -f 7 -6 -r [2001:db8::5]:0 -i -w 1 --tun-type gre --tun-nocsum\n"
		"-a -f 7 -6 -r [2001:db8::6]:0 -g -w 1\n"
		"-a -f 7 -6 -r [2001:db8::7]:0 (null) -w 1\n");
	free(s);
	tb_free(t);
}
END_TEST

Suite *render_rule_suite(void)
{
	Suite *s = suite_create("render-rule");
	TCase *tc = tcase_create("rule");

	tcase_add_test(tc, rule_numeric);
	tcase_add_test(tc, rule_always_sorted);
	tcase_add_test(tc, rule_names);
	tcase_add_test(tc, rule_empty);
	tcase_add_test(tc, rule_long_name_numeric);
	tcase_add_test(tc, rule_service_options);
	tcase_add_test(tc, rule_dest_options);
	suite_add_tcase(s, tc);
	return s;
}
