/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup: the state file round trip and its rejection of corrupt files. */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"
#include "record.h"

static const struct rs_netns ns_a = { 0, 4, 4026532200ull, 7, "r1" };
static const struct rs_netns ns_b = { 0, 4, 4026532300ull, 0, "" };
static char dir[64];
static char path[128];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/rs-record-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* a missing directory is created by save */
	snprintf(path, sizeof(path), "%s/run/state", dir);
}

static void teardown(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void fill(struct rs_record *r)
{
	struct rs_rec rec;
	struct rs_diag d;
	struct rs_config c;

	rs_config_init(&c);
	ck_assert_int_eq(rs_config_set(&c, "mode", "tun", &d), 0);
	ck_assert_int_eq(rs_config_set(&c, "tun-type", "gue", &d), 0);
	ck_assert_int_eq(rs_config_set(&c, "tun-port", "6080", &d), 0);
	ck_assert_int_eq(rs_config_set(&c, "vip", "10.0.0.100", &d), 0);
	ck_assert_int_eq(rs_record_set_config(r, &c), 0);
	rs_config_free(&c);

	memset(&rec, 0, sizeof(rec));
	rec.kind = RS_REC_SYSCTL;
	strcpy(rec.path, "net/ipv4/conf/all/arp_ignore");
	rec.old = 0;
	rec.new = 1;
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
	memset(&rec, 0, sizeof(rec));
	rec.kind = RS_REC_MODULE;
	strcpy(rec.name, "ipip");
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
	rec.kind = RS_REC_LINK_UP;
	strcpy(rec.name, "tunl0");
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
	rec.kind = RS_REC_LINK_CREATED;
	strcpy(rec.name, "vip0");
	strcpy(rec.link_kind, "dummy");
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
	memset(&rec, 0, sizeof(rec));
	rec.kind = RS_REC_FOU;
	rec.port = 6080;
	rec.family = AF_INET6;
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
	memset(&rec, 0, sizeof(rec));
	rec.kind = RS_REC_ADDR;
	ck_assert_int_eq(rs_addr_parse("2001:db8::1", &rec.addr), 0);
	strcpy(rec.name, "vip0");
	ck_assert_int_eq(rs_record_push(r, &rec, &d), 0);
}

START_TEST(round_trip)
{
	struct rs_record a, b;
	struct rs_diag d = { "" };
	struct stat st;

	rs_record_init(&a, path);
	rs_record_set_owner(&a, &ns_a);
	fill(&a);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	rs_record_init(&b, path);
	ck_assert_msg(rs_record_load(&b, &d) == 0, "%s", d.msg);
	ck_assert_uint_eq(b.n, 6);
	ck_assert(b.has_owner);
	ck_assert_int_eq(rs_netns_compare(&b.owner, &ns_a), RS_NETNS_SAME);
	ck_assert_str_eq(b.owner.name, "r1");
	ck_assert(b.has_config);
	ck_assert_int_eq(b.config.mode, RS_MODE_TUN);
	ck_assert_uint_eq(b.config.tun_port, 6080);
	ck_assert_uint_eq(b.config.n_vips, 1);
	for (size_t i = 0; i < a.n; i++) {
		char x[200], y[200];

		rs_rec_describe(&a.recs[i], x, sizeof(x));
		rs_rec_describe(&b.recs[i], y, sizeof(y));
		ck_assert_str_eq(x, y);
	}
	ck_assert_str_eq(b.recs[0].path, "net/ipv4/conf/all/arp_ignore");
	ck_assert_int_eq(b.recs[0].new, 1);
	ck_assert_int_eq(b.recs[4].family, AF_INET6);
	ck_assert_uint_eq(b.recs[5].addr.prefixlen, 128);
	rs_record_free(&a);
	rs_record_free(&b);
}
END_TEST

START_TEST(pop_and_empty_removes_file)
{
	struct rs_record r, back;
	struct rs_diag d;

	rs_record_init(&r, path);
	fill(&r);
	ck_assert_int_eq(rs_record_pop(&r, &d), 0);
	rs_record_init(&back, path);
	ck_assert_int_eq(rs_record_load(&back, &d), 0);
	ck_assert_uint_eq(back.n, 5);
	rs_record_free(&back);
	while (r.n)
		ck_assert_int_eq(rs_record_pop(&r, &d), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
	rs_record_init(&back, path);
	ck_assert_int_eq(rs_record_load(&back, &d), -ENOENT);
	rs_record_free(&back);
	rs_record_free(&r);
}
END_TEST

/* The state file at PATH (now in DIR itself) holds LEN bytes of TEXT, NUL
 * bytes and all. */
static void write_state(const char *text, size_t len)
{
	FILE *fp;

	ck_assert_int_eq(mkdir(dir, 0700) == 0 || errno == EEXIST, 1);
	snprintf(path, sizeof(path), "%s/state", dir);
	fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

static void write_text(const char *text)
{
	write_state(text, strlen(text));
}

/* A version 1 file (no netns line) still loads, owned by nobody yet; saved
 * again once it has an owner, it is a version 2 file. */
START_TEST(version1_loads_and_upgrades)
{
	struct rs_record r;
	struct rs_diag d = { "" };
	char text[256];
	FILE *fp;

	write_text("# old\nversion 1\nconfig mode dr\nconfig vip 10.0.0.1\n"
		   "sysctl net/ipv4/conf/all/arp_ignore 0 1\naddr 10.0.0.1/32 lo\n");
	rs_record_init(&r, path);
	ck_assert_msg(rs_record_load(&r, &d) == 0, "%s", d.msg);
	ck_assert(!r.has_owner);
	ck_assert_uint_eq(r.n, 2);
	rs_record_set_owner(&r, &ns_b);
	ck_assert_int_eq(rs_record_save(&r, &d), 0);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), fp));
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), fp));
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), fp));
	ck_assert_str_eq(text, "version 2\n");
	ck_assert_ptr_nonnull(fgets(text, sizeof(text), fp));
	ck_assert_str_eq(text, "netns 0:4 4026532300 -\n");
	fclose(fp);
	rs_record_free(&r);
	rs_record_init(&r, path);
	ck_assert_msg(rs_record_load(&r, &d) == 0, "%s", d.msg);
	ck_assert(r.has_owner);
	ck_assert_uint_eq(r.owner.cookie, 0);
	ck_assert_uint_eq(r.n, 2);
	rs_record_free(&r);
}
END_TEST

START_TEST(netns_compare)
{
	struct rs_netns x = ns_a;
	char buf[100];

	ck_assert_int_eq(rs_netns_compare(&ns_a, &x), RS_NETNS_SAME);
	x.name[0] = '\0';			/* renamed or unnamed: still the same */
	ck_assert_int_eq(rs_netns_compare(&ns_a, &x), RS_NETNS_SAME);
	ck_assert_int_eq(rs_netns_compare(&ns_a, &ns_b), RS_NETNS_OTHER);
	x.cookie = 99;				/* same inode, another namespace */
	ck_assert_int_eq(rs_netns_compare(&ns_a, &x), RS_NETNS_GONE);
	x.cookie = 0;				/* cookie unknown: the inode decides */
	ck_assert_int_eq(rs_netns_compare(&ns_a, &x), RS_NETNS_SAME);
	x = ns_a;
	x.dev_minor = 5;
	ck_assert_int_eq(rs_netns_compare(&ns_a, &x), RS_NETNS_OTHER);
	rs_netns_describe(&ns_a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "net:[4026532200] 'r1'");
	rs_netns_describe(&ns_b, buf, sizeof(buf));
	ck_assert_str_eq(buf, "net:[4026532300]");
	rs_netns_state_path(&ns_a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "/run/rs-setup/netns-4026532200.state");
	ck_assert(rs_netns_name_ok("lab-r1"));
	ck_assert(!rs_netns_name_ok("a b"));
	ck_assert(!rs_netns_name_ok(""));
}
END_TEST

static void expect_corrupt_bytes(const char *text, size_t len, const char *msg)
{
	struct rs_record r;
	struct rs_diag d = { "" };
	int ret;

	write_state(text, len);
	rs_record_init(&r, path);
	ret = rs_record_load(&r, &d);
	ck_assert_msg(ret == -EINVAL, "returned %d ('%s'); expected '%s'", ret, d.msg, msg);
	ck_assert_msg(strstr(d.msg, msg), "got '%s', expected '%s'", d.msg, msg);
	ck_assert_msg(strstr(d.msg, "is corrupt"), "%s", d.msg);
	rs_record_free(&r);
}

static void expect_corrupt(const char *text, const char *msg)
{
	expect_corrupt_bytes(text, strlen(text), msg);
}

/* A string literal with NUL bytes in it, all of it but the final NUL. */
#define expect_corrupt_lit(lit, msg) expect_corrupt_bytes(lit, sizeof(lit) - 1, msg)
/* How every refusal of a bad line ends. */
#define FIX "; fix or remove it by hand (nothing was changed)"

START_TEST(corrupt_rejected)
{
	expect_corrupt("", "it is empty");
	expect_corrupt("sysctl a 1 2\n", "line 1: expected 'version 2' first");
	expect_corrupt("version 3\n", "line 1: unsupported version");
	expect_corrupt("version 2\n", "no 'netns' line");
	expect_corrupt("version 2\nsysctl a/b 0 1\n", "line 2: expected a 'netns' line");
	expect_corrupt("version 1\nnetns 0:4 4026532200 - r1\n", "line 2: unexpected 'netns'");
	expect_corrupt("version 2\nnetns 0:4 4026532200 -\nnetns 0:4 4026532200 -\n",
		       "line 3: unexpected 'netns'");
	expect_corrupt("version 2\nnetns 0-4 4026532200 -\n", "line 2: expected 'netns");
	expect_corrupt("version 2\nnetns 0:4 0 -\n", "line 2: expected 'netns");
	expect_corrupt("version 2\nnetns 0:4 12x 7\n", "line 2: expected 'netns");
	expect_corrupt("version 2\nnetns 0:4 12 0\n", "line 2: expected 'netns");
	expect_corrupt("version 2\nnetns 0:4 12\n", "line 2: expected 'netns");
	expect_corrupt("version 1\nsysctl net/x 0\n", "line 2: expected 'sysctl PATH OLD NEW'");
	expect_corrupt("version 1\nsysctl ../../etc/x 0 1\n", "line 2: expected 'sysctl");
	expect_corrupt("version 1\nsysctl /etc/x 0 1\n", "line 2: expected 'sysctl");
	expect_corrupt("version 1\n# c\naddr 10.0.0.1 lo\n", "line 3: expected 'addr");
	expect_corrupt("version 1\naddr 10.0.0.1/32 lo\nfou 99999 ipv4\n", "line 3: expected 'fou");
	expect_corrupt("version 1\nlink-created vip0\n", "expected 'link-created DEVICE KIND'");
	expect_corrupt("version 1\nfrobnicate\n", "line 2: unknown record");
	expect_corrupt("version 1\nconfig mode nat\n", "line 2: bad config line");
	expect_corrupt("version 1\naddr 10.0.0.1/32 lo", "line 2: line not terminated");
}
END_TEST

/* A state file as start writes it, in BUF: 2 comment lines, version, netns,
 * 4 config lines and the 6 records of fill(); returns its length. */
static size_t real_state(char *buf, size_t size)
{
	struct rs_record r;
	size_t len, lines = 0;
	FILE *fp;

	rs_record_init(&r, path);
	rs_record_set_owner(&r, &ns_a);
	fill(&r);
	rs_record_free(&r);
	fp = fopen(path, "r");
	ck_assert_ptr_nonnull(fp);
	len = fread(buf, 1, size - 1, fp);
	ck_assert(feof(fp));
	fclose(fp);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n';
	ck_assert_uint_eq(lines, 14);
	return len;
}

START_TEST(nul_byte_named)
{
	static char zeros[4096];
	char text[2048];
	size_t len;

	/* NUL bytes past the line length limit: the NUL is what is named */
	expect_corrupt_bytes(zeros, sizeof(zeros), "at line 1: NUL byte in the line" FIX);
	expect_corrupt_lit("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\n",
			   "at line 1: NUL byte in the line" FIX);
	expect_corrupt_lit("# a\0b\nversion 1\n", "at line 1: NUL byte in the line" FIX);
	len = real_state(text, sizeof(text) - 16);
	memcpy(text + len, "link-up eth0\0\n", 14);
	expect_corrupt_bytes(text, len + 14, "at line 15: NUL byte in the line" FIX);
}
END_TEST

/* The parser reads into 512 bytes: 511 and the newline fit, one more not. */
START_TEST(line_too_long)
{
	static char text[(1 << 20) + 64];
	struct rs_record r;
	struct rs_diag d = { "" };

	strcpy(text, "version 1\n");
	fx_line(text + 10, "#", 511, "\n");
	write_text(text);
	rs_record_init(&r, path);
	ck_assert_msg(rs_record_load(&r, &d) == 0, "%s", d.msg);
	rs_record_free(&r);
	fx_line(text + 10, "#", 512, "\n");
	expect_corrupt(text, "at line 2: line too long" FIX);
	fx_line(text, "", 1 << 20, "\n");
	expect_corrupt(text, "at line 1: line too long" FIX);
}
END_TEST

/* Text that is no state file, and a real one edited. */
START_TEST(garbage_and_foreign)
{
	static const char *const tails[][2] = {
		{ "sysctl net/ipv4/conf/all/arp_ignore 1\n", "expected 'sysctl PATH OLD NEW'" },
		{ "addr 10.0.0.9/32 lo extra\n", "expected 'addr ADDRESS/PREFIX DEVICE'" },
		{ "route 10.0.0.0/8 eth0\n", "unknown record" },
	};
	char real[2048], text[4096], msg[160], *p;
	size_t len, i, j;

	expect_corrupt("hello, world\n", "at line 1: expected 'version 2' first" FIX);
	expect_corrupt("{\"version\": 2, \"changes\": []}\n",
		       "at line 1: expected 'version 2' first" FIX);
	expect_corrupt("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)\nUsage:\n",
		       "at line 1: too many words" FIX);
	expect_corrupt_lit("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\n",
			   "at line 1: expected 'version 2' first" FIX);

	len = real_state(real, sizeof(real));
	memcpy(text, real, len + 1);
	p = strstr(text, "\nversion 2\n");
	ck_assert_ptr_nonnull(p);
	p[9] = '3';	/* "version 3" */
	expect_corrupt(text, "at line 3: unsupported version" FIX);

	/* CRLF line ends: the comments pass, the version does not */
	for (i = j = 0; i <= len; i++) {
		if (real[i] == '\n')
			text[j++] = '\r';
		text[j++] = real[i];
	}
	expect_corrupt(text, "at line 3: unsupported version" FIX);

	p = strstr(real, "\nnetns ");
	ck_assert_ptr_nonnull(p);
	snprintf(text, sizeof(text), "%.*snetns me%s", (int)(p + 1 - real), real,
		 strchr(p + 1, '\n'));
	expect_corrupt(text, "at line 4: expected 'netns MAJOR:MINOR INODE COOKIE [NAME]'" FIX);

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", real, tails[i][0]);
		snprintf(msg, sizeof(msg), "at line 15: %s" FIX, tails[i][1]);
		expect_corrupt(text, msg);
	}
}
END_TEST

/* A real file cut after each of its bytes: inside a line the cut is named;
 * at a line's end what is missing is named, and once the namespace is
 * named the file is whole, with the records before the cut. */
START_TEST(cut_anywhere)
{
	char real[2048], msg[160];
	struct rs_record r;
	struct rs_diag d = { "" };
	unsigned whole = 0;	/* lines whole before the cut */
	size_t len;

	len = real_state(real, sizeof(real));
	for (size_t k = 1; k < len; k++) {
		if (real[k - 1] != '\n') {
			snprintf(msg, sizeof(msg), "at line %u: line not terminated" FIX, whole + 1);
			expect_corrupt_bytes(real, k, msg);
			continue;
		}
		whole++;
		if (whole <= 2) {
			expect_corrupt_bytes(real, k, "is corrupt: it is empty (no 'version' line); "
					     "remove it by hand (nothing was changed)");
		} else if (whole == 3) {
			expect_corrupt_bytes(real, k, "is corrupt: no 'netns' line" FIX);
		} else {
			write_state(real, k);
			rs_record_init(&r, path);
			ck_assert_msg(rs_record_load(&r, &d) == 0, "cut at %zu: %s", k, d.msg);
			ck_assert(r.has_owner);
			ck_assert_uint_eq(r.n, whole > 8 ? whole - 8 : 0);
			rs_record_free(&r);
		}
	}
	ck_assert_uint_eq(whole, 13);	/* the last line's end is the whole file */
}
END_TEST

/* What the config file refuses, the state file refuses too. */
START_TEST(bad_addresses_and_names)
{
	expect_corrupt("version 1\naddr 10.0.0.1/33 lo\n",
		       "at line 2: expected 'addr ADDRESS/PREFIX DEVICE'" FIX);
	expect_corrupt("version 1\naddr 10.0.0.1/32/3 lo\n", "at line 2: expected 'addr");
	expect_corrupt("version 1\naddr 10.0.0.1/32 eth0:1\n", "at line 2: expected 'addr");
	expect_corrupt("version 1\nlink-up ..\n", "at line 2: expected 'link-up DEVICE'" FIX);
	expect_corrupt("version 1\nlink-created abcdefghijklmnop dummy\n",
		       "at line 2: expected 'link-created DEVICE KIND'" FIX);
	expect_corrupt("version 1\nmodule a/b\n", "at line 2: expected 'module NAME'" FIX);
	expect_corrupt("version 1\nconfig vip 10.0.0.0/24\n", "at line 2: bad config line" FIX);
	expect_corrupt("version 1\nconfig dummy lo\n", "at line 2: bad config line" FIX);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rs-record");
	TCase *tc = tcase_create("state file");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, pop_and_empty_removes_file);
	tcase_add_test(tc, corrupt_rejected);
	tcase_add_test(tc, nul_byte_named);
	tcase_add_test(tc, line_too_long);
	tcase_add_test(tc, garbage_and_foreign);
	tcase_add_test(tc, cut_anywhere);
	tcase_add_test(tc, bad_addresses_and_names);
	tcase_add_test(tc, version1_loads_and_upgrades);
	tcase_add_test(tc, netns_compare);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
