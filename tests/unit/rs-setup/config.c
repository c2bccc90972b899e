/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup: the config file parser and the cross-key rules. */
#include "config.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include "fixture.h"

/* LEN bytes of TEXT, not strlen(): some texts hold NUL bytes. */
static int parse_bytes(struct rs_config *c, const char *text, size_t len,
		       struct rs_diag *d)
{
	FILE *fp = fmemopen((void *)text, len, "r");
	int ret;

	ck_assert_ptr_nonnull(fp);
	ret = rs_config_parse(c, fp, "test.conf", d);
	fclose(fp);
	return ret;
}

static int parse_text(struct rs_config *c, const char *text, struct rs_diag *d)
{
	return parse_bytes(c, text, strlen(text), d);
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

static void expect_error_bytes(const char *text, size_t len, const char *msg)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_msg(parse_bytes(&c, text, len, &d) < 0, "accepted; expected '%s'", msg);
	ck_assert_msg(strstr(d.msg, msg), "got '%s', expected '%s'", d.msg, msg);
	rs_config_free(&c);
}

static void expect_error(const char *text, const char *msg)
{
	expect_error_bytes(text, strlen(text), msg);
}

/* A string literal with NUL bytes in it, all of it but the final NUL. */
#define expect_error_lit(lit, msg) expect_error_bytes(lit, sizeof(lit) - 1, msg)

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

#define NUL_MSG "NUL byte in the line (not a text file?)"

START_TEST(nul_byte_named)
{
	expect_error_lit("\0\0\0\0\n", "test.conf:1: " NUL_MSG);
	expect_error_lit("mode = dr\nvip = 10.0.0.1\0 # x\n", "test.conf:2: " NUL_MSG);
	/* even in what would be a comment, and in a last line with no newline */
	expect_error_lit("# a\0b\nmode = dr\n", "test.conf:1: " NUL_MSG);
	expect_error_lit("mode = dr\n\0", "test.conf:2: " NUL_MSG);
	/* an executable: its first line holds NUL bytes */
	expect_error_lit("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\n",
			 "test.conf:1: " NUL_MSG);
	/* a PNG's first line has none: refused for its syntax */
	expect_error_lit("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n", "test.conf:1: expected 'key = value'");
	expect_error("vip = \xff\xfe\n",
		     "test.conf:1: invalid VIP '\xff\xfe': expected an IPv4 or IPv6 address");
}
END_TEST

/* Each key that holds one value, set twice: both lines are named. */
START_TEST(single_key_twice)
{
	static const char *const keys[][3] = {
		{ "mode", "tun", "dr" }, { "tun-type", "gue", "gre" },
		{ "tun-port", "7000", "7001" }, { "tun-outer", "ipv4", "ipv6" },
		{ "dummy", "vip0", "vip1" },
	};
	char text[128], msg[128];

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		snprintf(text, sizeof(text), "%s = %s\nvip = 10.0.0.1\n%s = %s\n",
			 keys[i][0], keys[i][1], keys[i][0], keys[i][2]);
		snprintf(msg, sizeof(msg), "test.conf:3: '%s' is set twice (first on line 1)",
			 keys[i][0]);
		expect_error(text, msg);
	}
	/* the same value again is no excuse; comments and blank lines count */
	expect_error("tun-port = 7000\ntun-port = 7000\n",
		     "test.conf:2: 'tun-port' is set twice (first on line 1)");
	expect_error("# x\n\nvip = 10.0.0.1\ndummy=vip0\n  dummy = vip1  # y\n",
		     "test.conf:5: 'dummy' is set twice (first on line 4)");
	/* the repeat is refused before its value is looked at */
	expect_error("mode = dr\nmode = nat\n", "test.conf:2: 'mode' is set twice (first on line 1)");
}
END_TEST

/* The parser reads into 512 bytes: 511 and the newline fit, one more not. */
START_TEST(line_too_long)
{
	static char text[(1 << 20) + 64];
	struct rs_config c;
	struct rs_diag d = { "" };

	fx_line(text, "vip = 10.0.0.1 #", 511, "\n");
	rs_config_init(&c);
	ck_assert_msg(parse_text(&c, text, &d) == 0, "%s", d.msg);
	ck_assert_uint_eq(c.n_vips, 1);
	rs_config_free(&c);
	fx_line(text, "vip = 10.0.0.1 #", 512, "\n");
	expect_error(text, "test.conf:1: line too long");
	/* 1 MiB with no newline, after two good lines */
	strcpy(text, "mode = dr\nvip = 10.0.0.1\n");
	fx_line(text + strlen(text), "", 1 << 20, "");
	expect_error(text, "test.conf:3: line too long");
}
END_TEST

/* An editor may leave the last line without its newline: it still counts. */
START_TEST(last_line_unterminated)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_msg(parse_text(&c, "mode = tun\nvip = 10.0.0.1", &d) == 0, "%s", d.msg);
	ck_assert_int_eq(c.mode, RS_MODE_TUN);
	ck_assert_uint_eq(c.n_vips, 1);
	rs_config_free(&c);
	expect_error("mode = dr\nvip 10.0.0.1", "test.conf:2: expected 'key = value'");
	expect_error("mode = dr\nmode = tun", "test.conf:2: 'mode' is set twice (first on line 1)");
}
END_TEST

START_TEST(bad_vips_and_names)
{
	static const char *const vips[] = {
		"10.0.0.1/33", "10.0.0.1/", "10.0.0.1/-1", "10.0.0.1/32/3", "300.0.0.1",
		"10.0.0.1, 10.0.0.2", "2001:db8::1::2", "2001:db8::1/129", "vip0",
		/* a prefix is digits alone, no leading zero (ip(8) reads 032 as octal) */
		"10.0.0.1/ 32", "10.0.0.1/+32", "10.0.0.1/032", "10.0.0.1/0032", "2001:db8::1/1280",
	};
	static const char *const ifaces[] = {
		"eth0/1", "eth0:1", ".", "..", "abcdefghijklmnop",
		"eth\xa0" "0",	/* a space to the kernel's isspace() */
	};
	char text[128], msg[160];
	size_t i;

	for (i = 0; i < sizeof(vips) / sizeof(vips[0]); i++) {
		snprintf(text, sizeof(text), "mode = dr\nvip = %s\n", vips[i]);
		snprintf(msg, sizeof(msg), "test.conf:2: invalid VIP '%s': expected an IPv4 "
			 "or IPv6 address", vips[i]);
		expect_error(text, msg);
	}
	expect_error("vip = 10.0.0.0/24\n", "test.conf:1: VIP '10.0.0.0/24': a VIP must be a "
		     "host address (/32); a wider prefix would make the whole range local");
	expect_error("vip = 2001:db8::/64\n", "test.conf:1: VIP '2001:db8::/64': a VIP must be "
		     "a host address (/128); a wider prefix would make the whole range local");
	for (i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++) {
		snprintf(text, sizeof(text), "arp-iface = %s\nvip = 10.0.0.1\n", ifaces[i]);
		snprintf(msg, sizeof(msg), "test.conf:1: invalid interface name '%s'", ifaces[i]);
		expect_error(text, msg);
		snprintf(text, sizeof(text), "dummy = %s\n", ifaces[i]);
		snprintf(msg, sizeof(msg), "test.conf:1: invalid dummy device name '%s'", ifaces[i]);
		expect_error(text, msg);
	}
	expect_error("dummy = lo\n", "test.conf:1: invalid dummy device name 'lo'");
	expect_error("dummy = vip 0\n", "test.conf:1: invalid dummy device name 'vip 0'");
}
END_TEST

/* The limits the bad cases lean on, from the good side. */
START_TEST(longest_name_and_host_prefix)
{
	struct rs_config c;
	struct rs_diag d = { "" };

	rs_config_init(&c);
	ck_assert_msg(parse_text(&c, "arp-iface = abcdefghijklmno\ndummy = abcdefghijklmnz\n"
				 "vip = 10.0.0.1/32\nvip = 2001:db8::1/128\n", &d) == 0,
		      "%s", d.msg);
	ck_assert_str_eq(c.arp_ifaces[0], "abcdefghijklmno");
	ck_assert_str_eq(c.dummy, "abcdefghijklmnz");
	ck_assert_uint_eq(c.n_vips, 2);
	rs_config_free(&c);
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
	tcase_add_test(tc, nul_byte_named);
	tcase_add_test(tc, single_key_twice);
	tcase_add_test(tc, line_too_long);
	tcase_add_test(tc, last_line_unterminated);
	tcase_add_test(tc, bad_vips_and_names);
	tcase_add_test(tc, longest_name_and_host_prefix);
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
