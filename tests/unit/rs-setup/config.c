/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup: the config file parser and the cross-key rules. */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

static int parse_text(struct rs_config *c, const char *text, struct rs_diag *d)
{
	FILE *fp = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ck_assert_ptr_nonnull(fp);
	ret = rs_config_parse(c, fp, "test.conf", d);
	fclose(fp);
	return ret;
}

START_TEST(parses_full_file)
{
	struct rs_config c;
	struct rs_diag d = { "" };
	char buf[64];

	rs_config_init(&c);
	ck_assert_int_eq(parse_text(&c,
		"# real server\n"
		"\n"
		"mode = tun   # trailing comment\n"
		"  tun-type=gue\n"
		"tun-port = 6080\n"
		"vip = 10.0.0.100\n"
		"vip = 2001:db8::1/128\n"
		"vip = 10.0.0.100\n"
		"dummy = vip0\n"
		"arp-iface = eth0\n"
		"arp-iface = eth1\n", &d), 0);
	ck_assert_int_eq(c.mode, RS_MODE_TUN);
	ck_assert_int_eq(c.tun_type, RS_TUN_GUE);
	ck_assert_uint_eq(c.tun_port, 6080);
	ck_assert_uint_eq(c.n_vips, 2);	/* the duplicate is merged */
	ck_assert_str_eq(rs_addr_str(&c.vips[0], buf, sizeof(buf)), "10.0.0.100");
	ck_assert_uint_eq(c.vips[0].prefixlen, 32);
	ck_assert_int_eq(c.vips[1].family, AF_INET6);
	ck_assert_uint_eq(c.vips[1].prefixlen, 128);
	ck_assert_str_eq(c.dummy, "vip0");
	ck_assert_uint_eq(c.n_arp_ifaces, 2);
	ck_assert_str_eq(c.arp_ifaces[1], "eth1");
	ck_assert_int_eq(rs_config_validate(&c, &d), 0);
	rs_config_free(&c);
}
END_TEST

static void expect_error(const char *text, const char *msg)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_int_lt(parse_text(&c, text, &d), 0);
	ck_assert_msg(strstr(d.msg, msg), "got '%s', expected '%s'", d.msg, msg);
	rs_config_free(&c);
}

START_TEST(errors_name_the_line)
{
	expect_error("mode = dr\nbogus = 1\n", "test.conf:2: unknown setting 'bogus'");
	expect_error("\n\nvip 10.0.0.1\n", "test.conf:3: expected 'key = value'");
	expect_error("vip =\n", "test.conf:1: expected 'key = value'");
	expect_error("vip = 10.0.0.300\n", "test.conf:1: invalid VIP '10.0.0.300'");
	expect_error("vip = 10.0.0.0/24\n", "a VIP must be a host address (/32)");
	expect_error("vip = 2001:db8::/64\n", "(/128)");
	expect_error("mode = nat\n", "invalid mode 'nat'");
	expect_error("tun-type = vxlan\n", "invalid tun-type 'vxlan'");
	expect_error("tun-port = 70000\n", "expected 1-65535");
	expect_error("tun-port = 0\n", "expected 1-65535");
	expect_error("dummy = a/b\n", "invalid dummy device name");
	expect_error("dummy = 0123456789abcdef\n", "invalid dummy device name");
	expect_error("arp-iface = two words\n", "invalid interface name");
}
END_TEST

static void expect_invalid(const char *text, const char *msg)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_int_eq(parse_text(&c, text, &d), 0);
	ck_assert_int_lt(rs_config_validate(&c, &d), 0);
	ck_assert_msg(strstr(d.msg, msg), "got '%s', expected '%s'", d.msg, msg);
	rs_config_free(&c);
}

START_TEST(cross_key_rules)
{
	expect_invalid("mode = tun\ntun-type = gue\n", "needs tun-port");
	expect_invalid("tun-type = gre\n", "need mode tun");
	expect_invalid("mode = tun\ntun-port = 5555\n", "only meaningful with tun-type gue");
}
END_TEST

START_TEST(later_settings_override)
{
	struct rs_config c;
	struct rs_diag d;

	rs_config_init(&c);
	ck_assert_int_eq(parse_text(&c, "mode = tun\nvip = 10.1.1.1\n", &d), 0);
	/* main() applies the command line after the file the same way */
	ck_assert_int_eq(rs_config_set(&c, "mode", "dr", &d), 0);
	ck_assert_int_eq(rs_config_set(&c, "vip", "10.1.1.2", &d), 0);
	ck_assert_int_eq(c.mode, RS_MODE_DR);
	ck_assert_uint_eq(c.n_vips, 2);
	rs_config_free(&c);
}
END_TEST

START_TEST(write_reads_back)
{
	struct rs_config a, b;
	struct rs_diag d;
	char *text = NULL, key[32], value[64];
	size_t len = 0;
	FILE *fp;

	rs_config_init(&a);
	rs_config_init(&b);
	ck_assert_int_eq(parse_text(&a, "mode=tun\ntun-type=gue\ntun-port=9\ntun-outer=ipv6\n"
				    "vip=10.0.0.1\nvip=fd00::1\ndummy=d0\narp-iface=e0\n", &d), 0);
	fp = open_memstream(&text, &len);
	rs_config_write(&a, fp, "");
	fclose(fp);
	fp = fmemopen(text, len, "r");
	while (fscanf(fp, "%31s %63s", key, value) == 2)
		ck_assert_int_eq(rs_config_set(&b, key, value, &d), 0);
	fclose(fp);
	free(text);
	ck_assert_int_eq(b.mode, a.mode);
	ck_assert_int_eq(b.tun_type, a.tun_type);
	ck_assert_uint_eq(b.tun_port, a.tun_port);
	ck_assert_int_eq(b.tun_outer, AF_INET6);
	ck_assert_uint_eq(b.n_vips, 2);
	ck_assert(rs_addr_equal(&b.vips[1], &a.vips[1]));
	ck_assert_str_eq(b.dummy, "d0");
	ck_assert_str_eq(b.arp_ifaces[0], "e0");
	rs_config_free(&a);
	rs_config_free(&b);
}
END_TEST

START_TEST(missing_file)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_int_eq(rs_config_load(&c, "/nonexistent/rs.conf", false, &d), 0);
	ck_assert_int_lt(rs_config_load(&c, "/nonexistent/rs.conf", true, &d), 0);
	ck_assert_msg(strstr(d.msg, "cannot open /nonexistent/rs.conf"), "%s", d.msg);
	rs_config_free(&c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rs-config");
	TCase *tc = tcase_create("parse");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, parses_full_file);
	tcase_add_test(tc, errors_name_the_line);
	tcase_add_test(tc, cross_key_rules);
	tcase_add_test(tc, later_settings_override);
	tcase_add_test(tc, write_reads_back);
	tcase_add_test(tc, missing_file);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
