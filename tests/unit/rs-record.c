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
	fill(&a);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	rs_record_init(&b, path);
	ck_assert_msg(rs_record_load(&b, &d) == 0, "%s", d.msg);
	ck_assert_uint_eq(b.n, 6);
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
	expect_corrupt("sysctl a 1 2\n", "line 1: expected 'version 1' first");
	expect_corrupt("version 2\n", "line 1: unsupported version");
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
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
