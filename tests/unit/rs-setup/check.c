/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup check: each classic mistake is found, with a fix. */
#include "config.h"

#include "fixture.h"

#define CFG(...) (const char *const[]){ __VA_ARGS__, NULL }

/* The problems as "what | fix" lines. */
static const char *problems(const struct rs_config *c, const struct rs_sys *s, size_t *n)
{
	static char text[8192];
	struct rs_problems p = { 0 };

	rs_check(c, s, &p);
	text[0] = '\0';
	for (size_t i = 0; i < p.n; i++) {
		ck_assert_msg(p.v[i].fix[0], "problem without a fix: %s", p.v[i].what);
		strcat(text, p.v[i].what);
		strcat(text, " | ");
		strcat(text, p.v[i].fix);
		strcat(text, "\n");
	}
	*n = p.n;
	rs_problems_free(&p);
	return text;
}

static void expect(const char *text, const char *needle)
{
	ck_assert_msg(strstr(text, needle), "'%s' not in:\n%s", needle, text);
}

START_TEST(healthy_dr_has_no_problems)
{
	struct rs_config c;
	struct rs_sys s;
	size_t n;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_addr(&s, "lo", "10.0.0.100/32");
	fx_config(&c, CFG("vip", "10.0.0.100"));
	problems(&c, &s, &n);
	ck_assert_uint_eq(n, 0);
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(dr_mistakes)
{
	struct rs_config c;
	struct rs_sys s;
	const char *t;
	size_t n;

	fx_basic(&s);
	fx_set_conf(&s, "lo", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "lo", RS_ARP_ANNOUNCE, 2);
	fx_addr(&s, "lo", "10.0.0.100/24");
	fx_config(&c, CFG("vip", "10.0.0.100", "vip", "10.0.0.101"));
	t = problems(&c, &s, &n);
	expect(t, "VIP 10.0.0.100 is on lo as /24: the whole prefix becomes local | "
		  "ip addr del 10.0.0.100/24 dev lo");
	expect(t, "VIP 10.0.0.101 is not configured on any device | rs-setup start");
	expect(t, "effective arp_ignore on eth0 is 0 (all 0, eth0 0)");
	expect(t, "effective arp_announce on eth0 is 0");
	expect(t, "ARP knobs are set on lo (arp_ignore 1, arp_announce 2), which never "
		  "receives ARP requests");
	ck_assert_uint_eq(n, 5);
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(device_value_above_all)
{
	struct rs_config c;
	struct rs_sys s;
	const char *t;
	size_t n;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_set_conf(&s, "eth0", RS_ARP_IGNORE, 3);
	fx_addr(&s, "eth0", "10.0.0.100/32");
	fx_config(&c, CFG("vip", "10.0.0.100"));
	t = problems(&c, &s, &n);
	expect(t, "effective arp_ignore on eth0 is 3 (all 1, eth0 3)");
	expect(t, "| sysctl -w net.ipv4.conf.eth0.arp_ignore=1 (the effective value is "
		  "the larger of all and eth0)");
	expect(t, "VIP 10.0.0.100 is on eth0, which answers ARP for it");
	ck_assert_uint_eq(n, 2);
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(tun_mistakes)
{
	struct rs_config c;
	struct rs_sys s;
	const char *t;
	size_t n;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_set_conf(&s, "all", RS_RP_FILTER, 2);
	fx_link(&s, "tunl0", IFF_NOARP, "ipip");	/* down, no address */
	fx_conf(&s, "tunl0", 0, 0, 0);
	s.modules |= 1u << RS_MOD_IPIP;
	fx_link(&s, "vip0", IFF_UP | IFF_NOARP, "dummy");
	fx_addr(&s, "vip0", "10.0.0.100/32");
	fx_addr(&s, "vip0", "2001:db8::1/128");
	fx_config(&c, CFG("mode", "tun", "tun-type", "gue", "tun-port", "6080",
			  "dummy", "vip0", "vip", "10.0.0.100", "vip", "2001:db8::1"));
	t = problems(&c, &s, &n);
	expect(t, "tunnel device tunl0 is down | ip link set tunl0 up");
	expect(t, "loose rp_filter on tunl0 (effective 2), which has no IPv4 address, "
		  "drops decapsulated packets");
	expect(t, "module ip6_tunnel is not loaded | modprobe ip6_tunnel");
	expect(t, "tunnel device ip6tnl0 does not exist");
	expect(t, "module fou is not loaded");
	expect(t, "no GUE receive port 6080 (ipv4)");
	expect(t, "no GUE receive port 6080 (ipv6)");
	expect(t, "| ip fou add port 6080 gue -6");
	ck_assert_uint_eq(n, 7);
	rs_config_free(&c);
	rs_sys_free(&s);

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_set_conf(&s, "all", RS_RP_FILTER, 1);
	fx_link(&s, "tunl0", IFF_UP | IFF_NOARP, "ipip");
	fx_conf(&s, "tunl0", 0, 0, 0);
	s.modules |= 1u << RS_MOD_IPIP;
	fx_addr(&s, "tunl0", "10.0.0.100/32");
	fx_config(&c, CFG("mode", "tun", "vip", "10.0.0.100"));
	t = problems(&c, &s, &n);
	expect(t, "strict rp_filter on tunl0 (effective 1: all 1, tunl0 0) drops");
	ck_assert_uint_eq(n, 1);
	fx_set_conf(&s, "all", RS_RP_FILTER, 2);	/* loose with an address works */
	problems(&c, &s, &n);
	ck_assert_uint_eq(n, 0);
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rs-check");
	TCase *tc = tcase_create("check");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, healthy_dr_has_no_problems);
	tcase_add_test(tc, dr_mistakes);
	tcase_add_test(tc, device_value_above_all);
	tcase_add_test(tc, tun_mistakes);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
