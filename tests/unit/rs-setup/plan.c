/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup: the start plan for DR and TUN, from a fake kernel snapshot. */
#include "config.h"

#include "fixture.h"

/* The plan as one description per line, for readable comparisons. */
static char *plan_text(const struct rs_config *c, const struct rs_sys *s, int expect_ret,
		       const char *expect_msg)
{
	static char text[4096];
	struct rs_plan p;
	struct rs_diag d = { "" };
	char line[256];
	int ret;

	ret = rs_plan_start(c, s, &p, &d);
	ck_assert_msg(ret == expect_ret, "ret %d (%s)", ret, d.msg);
	text[0] = '\0';
	if (ret < 0) {
		ck_assert_msg(strstr(d.msg, expect_msg), "got '%s'", d.msg);
		return text;
	}
	for (size_t i = 0; i < p.n; i++) {
		rs_step_describe(&p.steps[i], line, sizeof(line));
		strcat(text, line);
		strcat(text, "\n");
	}
	rs_plan_free(&p);
	return text;
}

#define CFG(...) (const char *const[]){ __VA_ARGS__, NULL }

START_TEST(dr_on_lo_fresh)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_config(&c, CFG("vip", "10.0.0.100"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL),
		"set net.ipv4.conf.all.arp_ignore = 1 (now 0)\n"
		"set net.ipv4.conf.all.arp_announce = 2 (now 0)\n"
		"verify effective arp_ignore and arp_announce\n"
		"add 10.0.0.100/32 to lo\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(dr_already_done_changes_nothing)
{
	struct rs_config c;
	struct rs_sys s;
	struct rs_plan p;
	struct rs_diag d;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_addr(&s, "lo", "10.0.0.100/32");
	fx_config(&c, CFG("vip", "10.0.0.100"));
	ck_assert_int_eq(rs_plan_start(&c, &s, &p, &d), 0);
	for (size_t i = 0; i < p.n; i++)
		ck_assert(!rs_step_changes(&p.steps[i]));
	rs_plan_free(&p);
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(arp_ignore_2_is_kept)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 2);
	fx_config(&c, CFG("vip", "10.0.0.100"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL),
		"set net.ipv4.conf.all.arp_announce = 2 (now 0)\n"
		"verify effective arp_ignore and arp_announce\n"
		"add 10.0.0.100/32 to lo\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(dr_dummy_per_iface_arp)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	s.modules = 0;
	fx_config(&c, CFG("vip", "10.0.0.100", "vip", "10.0.0.101", "dummy", "vip0",
			  "arp-iface", "eth0"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL),
		"set net.ipv4.conf.eth0.arp_ignore = 1 (now 0)\n"
		"set net.ipv4.conf.eth0.arp_announce = 2 (now 0)\n"
		"verify effective arp_ignore and arp_announce\n"
		"load module dummy\n"
		"create dummy device vip0 and bring it up\n"
		"add 10.0.0.100/32 to vip0\n"
		"add 10.0.0.101/32 to vip0\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(ipv6_only_skips_arp)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_config(&c, CFG("vip", "2001:db8::100"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL), "add 2001:db8::100/128 to lo\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(tun_ipip_strict_rp_filter)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_RP_FILTER, 1);
	fx_set_conf(&s, "default", RS_RP_FILTER, 1);
	fx_config(&c, CFG("mode", "tun", "vip", "10.0.0.100"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL),
		"set net.ipv4.conf.all.arp_ignore = 1 (now 0)\n"
		"set net.ipv4.conf.all.arp_announce = 2 (now 0)\n"
		"verify effective arp_ignore and arp_announce\n"
		"load module ipip\n"
		"create ipip device tunl0 and bring it up\n"
		"set net.ipv4.conf.all.rp_filter = 2 (now 1)\n"
		"set net.ipv4.conf.tunl0.rp_filter = 2 (now 1)\n"
		"add 10.0.0.100/32 to tunl0\n"
		"verify effective rp_filter on tunl0\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(tun_gue_with_dummy)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_ARP_IGNORE, 1);
	fx_set_conf(&s, "all", RS_ARP_ANNOUNCE, 2);
	fx_link(&s, "tunl0", IFF_NOARP, "ipip");	/* loaded, down */
	fx_conf(&s, "tunl0", 0, 0, 0);
	s.modules |= 1u << RS_MOD_IPIP;
	fx_config(&c, CFG("mode", "tun", "tun-type", "gue", "tun-port", "6080",
			  "vip", "10.0.0.100", "vip", "2001:db8::1", "dummy", "vip0",
			  "tun-outer", "ipv4"));
	ck_assert_str_eq(plan_text(&c, &s, 0, NULL),
		"verify effective arp_ignore and arp_announce\n"
		"load module sit\n"
		"load module fou\n"
		"bring tunl0 up\n"
		"create sit device sit0 and bring it up\n"
		"add GUE receive port 6080 (ipv4)\n"
		"add 10.0.0.100/32 to tunl0\n"
		"create dummy device vip0 and bring it up\n"
		"add 10.0.0.100/32 to vip0\n"
		"add 2001:db8::1/128 to vip0\n"
		"verify effective rp_filter on tunl0\n");
	rs_config_free(&c);
	rs_sys_free(&s);
}
END_TEST

START_TEST(tun_device_choice)
{
	struct rs_config c;
	struct rs_addr v4, v6;

	rs_addr_parse("10.0.0.1", &v4);
	rs_addr_parse("2001:db8::1", &v6);
	fx_config(&c, CFG("mode", "tun", "tun-type", "gre", "vip", "10.0.0.1"));
	ck_assert_str_eq(rs_tunnel_for(&c, &v4)->dev, "gre0");
	ck_assert_str_eq(rs_tunnel_for(&c, &v6)->dev, "ip6gre0");
	rs_config_free(&c);
	fx_config(&c, CFG("mode", "tun", "vip", "10.0.0.1"));
	ck_assert_str_eq(rs_tunnel_for(&c, &v4)->dev, "tunl0");
	ck_assert_str_eq(rs_tunnel_for(&c, &v6)->dev, "ip6tnl0");
	ck_assert_str_eq(rs_vip_home(&c, &v6), "ip6tnl0");
	rs_config_free(&c);
	fx_config(&c, CFG("mode", "tun", "tun-outer", "ipv4", "vip", "10.0.0.1"));
	ck_assert_str_eq(rs_tunnel_for(&c, &v6)->dev, "sit0");
	rs_config_free(&c);
	fx_config(&c, CFG("mode", "tun", "tun-outer", "ipv6", "vip", "10.0.0.1"));
	ck_assert_str_eq(rs_tunnel_for(&c, &v4)->dev, "ip6tnl0");
	rs_config_free(&c);
	fx_config(&c, CFG("vip", "10.0.0.1"));
	ck_assert_ptr_null(rs_tunnel_for(&c, &v4));
	ck_assert_str_eq(rs_vip_home(&c, &v4), "lo");
	rs_config_free(&c);
}
END_TEST

START_TEST(refuses_what_it_cannot_own)
{
	struct rs_config c;
	struct rs_sys s;

	fx_basic(&s);
	fx_addr(&s, "lo", "10.0.0.100/24");
	fx_config(&c, CFG("vip", "10.0.0.100"));
	plan_text(&c, &s, -EEXIST, "VIP 10.0.0.100 is on lo as /24, not /32");
	rs_config_free(&c);
	rs_sys_free(&s);

	fx_basic(&s);
	fx_addr(&s, "eth0", "10.0.0.100/32");
	fx_config(&c, CFG("vip", "10.0.0.100"));
	plan_text(&c, &s, -EEXIST, "VIP 10.0.0.100 is already configured on eth0");
	rs_config_free(&c);

	fx_config(&c, CFG("vip", "10.0.0.1", "arp-iface", "eth9"));
	plan_text(&c, &s, -ENODEV, "ARP interface eth9 does not exist");
	rs_config_free(&c);

	rs_config_init(&c);
	plan_text(&c, &s, -EINVAL, "no VIP given");
	rs_sys_free(&s);
}
END_TEST

START_TEST(effective_is_max)
{
	struct rs_sys s;

	fx_basic(&s);
	fx_set_conf(&s, "all", RS_RP_FILTER, 1);
	ck_assert_int_eq(rs_sys_effective(&s, "eth0", RS_RP_FILTER), 1);
	fx_set_conf(&s, "all", RS_RP_FILTER, 0);
	fx_set_conf(&s, "eth0", RS_RP_FILTER, 2);
	ck_assert_int_eq(rs_sys_effective(&s, "eth0", RS_RP_FILTER), 2);
	/* a device that does not exist yet will copy conf/default */
	fx_set_conf(&s, "default", RS_ARP_IGNORE, 1);
	ck_assert_int_eq(rs_sys_effective(&s, "tunl0", RS_ARP_IGNORE), 1);
	rs_sys_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rs-plan");
	TCase *tc = tcase_create("plan");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, dr_on_lo_fresh);
	tcase_add_test(tc, dr_already_done_changes_nothing);
	tcase_add_test(tc, arp_ignore_2_is_kept);
	tcase_add_test(tc, dr_dummy_per_iface_arp);
	tcase_add_test(tc, ipv6_only_skips_arp);
	tcase_add_test(tc, tun_ipip_strict_rp_filter);
	tcase_add_test(tc, tun_gue_with_dummy);
	tcase_add_test(tc, tun_device_choice);
	tcase_add_test(tc, refuses_what_it_cannot_own);
	tcase_add_test(tc, effective_is_max);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
