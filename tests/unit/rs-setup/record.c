/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup: the state file round trip and its rejection of corrupt files. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A version 1 file (no netns line) still loads, owned by nobody yet; saved
 * again once it has an owner, it is a version 2 file. */
START_TEST(version1_loads_and_upgrades)
{
	struct rs_record r;
	struct rs_diag d = { "" };
	char text[256];
	FILE *fp;

	ck_assert_int_eq(mkdir(dir, 0700) == 0 || errno == EEXIST, 1);
	snprintf(path, sizeof(path), "%s/state", dir);
	fp = fopen(path, "w");
	fputs("# old\nversion 1\nconfig mode dr\nconfig vip 10.0.0.1\n"
	      "sysctl net/ipv4/conf/all/arp_ignore 0 1\naddr 10.0.0.1/32 lo\n", fp);
	fclose(fp);
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

static void expect_corrupt(const char *text, const char *msg)
{
	struct rs_record r;
	struct rs_diag d = { "" };
	FILE *fp;

	ck_assert_int_eq(mkdir(dir, 0700) == 0 || errno == EEXIST, 1);
	snprintf(path, sizeof(path), "%s/state", dir);
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	rs_record_init(&r, path);
	ck_assert_int_eq(rs_record_load(&r, &d), -EINVAL);
	ck_assert_msg(strstr(d.msg, msg), "got '%s', expected '%s'", d.msg, msg);
	ck_assert_msg(strstr(d.msg, "is corrupt"), "%s", d.msg);
	rs_record_free(&r);
}

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
	tcase_add_test(tc, version1_loads_and_upgrades);
	tcase_add_test(tc, netns_compare);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
