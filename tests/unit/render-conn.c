/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -L -c from /proc/net/ip_vs_conn text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"

#define HEADER "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"

/* The rows behind the reference's observed -c sample. */
static const char proc_sample[] = HEADER
	"TCP C0A80164 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n"
	"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP             299\n"
	"TCP 2001:0db8:0000:0000:0000:0000:0000:0099 A000 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
	"2001:0db8:0000:0000:0000:0000:0000:0010 0050 SYN_RECV         59\n"
	"SCTP C0A80164 13C4 0A000002 13C4 C0A8010A 13C4 ESTABLISHED     900\n";

static const char list_sample[] =
	"IPVS connection entries\n"
	"pro expire state       source             virtual            destination\n"
	"TCP 14:59  ESTABLISHED 192.168.1.100:54321 10.0.0.1:80        192.168.1.10:8080\n"
	"UDP 04:59  UDP         192.168.1.102:5060 10.0.0.6:5060      192.168.1.50:5060\n"
	"TCP 00:59  SYN_RECV    [2001:db8::99]:40960 [2001:db8::1]:80   [2001:db8::10]:80\n"
	"SCTP 15:00  ESTABLISHED 192.168.1.100:5060 10.0.0.2:5060      192.168.1.10:5060\n";

START_TEST(conn_sample)
{
	int ret;
	char *s = run_conns(FMT_NUMERIC, proc_sample, &ret);

	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(s, list_sample);
	free(s);
}
END_TEST

START_TEST(conn_names)
{
	int ret;
	char *s;

	stub_names_on();
	s = run_conns(FMT_NONE, proc_sample, &ret);
	stub_names_off();
	ck_assert_int_eq(ret, 0);
	ck_assert_ptr_nonnull(strstr(s,
		"TCP 14:59  ESTABLISHED 192.168.1.100:54321 web.example.com:http "
		"realserver-number-ten.backend.example.com:8080\n"));
	ck_assert_ptr_nonnull(strstr(s,
		"UDP 04:59  UDP         192.168.1.102:sip  10.0.0.6:sip       192.168.1.50:sip\n"));
	ck_assert_ptr_nonnull(strstr(s,
		"TCP 00:59  SYN_RECV    [2001:db8::99]:40960 [v6-virtual-service-address.example.com]:http "
		"[v6-backend-ten.example.com]:http\n"));
	free(s);
}
END_TEST

/* --persistent-conn: a PE row pads dest to 16 and the PE name to 18 (the
 * header has them the other way round); a row without PE is as usual. */
START_TEST(conn_pe_columns)
{
	static const char proc[] = HEADER
		"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP             299 sip 3D2C4A@example.com\n"
		"TCP C0A80164 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n";
	int ret;
	char *s = run_conns(FMT_NUMERIC | FMT_PERSISTENTCONN, proc, &ret);

	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(s,
		"IPVS connection entries\n"
		"pro expire state       source             virtual            destination        pe name          pe_data\n"
		"UDP 04:59  UDP         192.168.1.102:5060 10.0.0.6:5060      192.168.1.50:5060 sip                3D2C4A@example.com\n"
		"TCP 14:59  ESTABLISHED 192.168.1.100:54321 10.0.0.1:80        192.168.1.10:8080\n");
	free(s);
	/* Without --persistent-conn the PE columns are not shown. */
	s = run_conns(FMT_NUMERIC, proc, &ret);
	ck_assert_ptr_nonnull(strstr(s,
		"UDP 04:59  UDP         192.168.1.102:5060 10.0.0.6:5060      192.168.1.50:5060\n"));
	free(s);
}
END_TEST

START_TEST(conn_expiry)
{
	static const char proc[] = HEADER
		"TCP 0A000002 0001 0A000001 0050 0A000003 0050 TIME_WAIT      3600\n"
		"TCP 0A000002 0002 0A000001 0050 0A000003 0050 TIME_WAIT    359999\n"
		"TCP 0A000002 0003 0A000001 0050 0A000003 0050 TIME_WAIT         0\n";
	int ret;
	char *s = run_conns(FMT_NUMERIC, proc, &ret);

	ck_assert_ptr_nonnull(strstr(s, "TCP 60:00  TIME_WAIT   10.0.0.2:1"));
	ck_assert_ptr_nonnull(strstr(s, "TCP 5999:59 TIME_WAIT   10.0.0.2:2"));
	ck_assert_ptr_nonnull(strstr(s, "TCP 00:00  TIME_WAIT   10.0.0.2:3"));
	free(s);
}
END_TEST

/* A mixed-family connection: IPv4 client and VIP, IPv6 real server; a
 * template (client port 0) of an unknown protocol gets numeric ports. */
START_TEST(conn_mixed_family)
{
	static const char proc[] = HEADER
		"TCP 0A000002 0400 0A000001 0050 2001:0db8:0000:0000:0000:0000:0000:0010 0050 ESTABLISHED     10\n"
		"IP 0A000002 0000 0A000001 0000 0A000003 0000 NONE          300\n";
	int ret;
	char *s;

	stub_names_on();
	s = run_conns(FMT_NONE, proc, &ret);
	stub_names_off();
	ck_assert_ptr_nonnull(strstr(s,
		"TCP 00:10  ESTABLISHED 10.0.0.2:1024      web.example.com:http [v6-backend-ten.example.com]:http\n"));
	ck_assert_ptr_nonnull(strstr(s,
		"IP  05:00  NONE        10.0.0.2:0         web.example.com:0  10.0.0.3:0\n"));
	free(s);
}
END_TEST

/* Lines longer than 1.31's 255-byte buffer are read whole. */
START_TEST(conn_long_line)
{
	char pe[301], *proc, *s, *want;
	int ret;

	memset(pe, 'x', 300);
	pe[300] = '\0';
	ck_assert_int_ge(asprintf(&proc, HEADER
		"UDP 2001:0db8:0000:0000:0000:0000:0000:0099 13C4 2001:0db8:0000:0000:0000:0000:0000:0001 13C4 "
		"2001:0db8:0000:0000:0000:0000:0000:0010 13C4 UDP             120 sip %s\n"
		"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP             299\n", pe), 0);
	ck_assert_int_gt(strlen(proc), 256 + strlen(HEADER));
	s = run_conns(FMT_NUMERIC | FMT_PERSISTENTCONN, proc, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_int_ge(asprintf(&want,
		"UDP 02:00  UDP         [2001:db8::99]:5060 [2001:db8::1]:5060 [2001:db8::10]:5060 sip                %s\n"
		"UDP 04:59  UDP         192.168.1.102:5060 10.0.0.6:5060      192.168.1.50:5060\n", pe), 0);
	ck_assert_ptr_nonnull(strstr(s, want));
	/* exactly two rows: header lines + 2 */
	ck_assert_ptr_eq(strstr(s, want) + strlen(want), s + strlen(s));
	free(want);
	free(s);
	free(proc);
}
END_TEST

START_TEST(conn_bad_input)
{
	int ret;
	char *s = run_conns(FMT_NONE, "", &ret);

	ck_assert_int_eq(ret, RENDER_CONN_BAD_INPUT);
	ck_assert_str_eq(s, "");
	free(s);
	/* A header alone is an empty listing. */
	s = run_conns(FMT_NONE, HEADER, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(s, "IPVS connection entries\n"
		"pro expire state       source             virtual            destination\n");
	free(s);
}
END_TEST

/* 1.31 exits 1 silently at a blank line, after the rows before it. */
START_TEST(conn_blank_line)
{
	static const char proc[] = HEADER
		"TCP C0A80164 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n"
		"  \n"
		"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP             299\n";
	int ret;
	char *s = run_conns(FMT_NUMERIC, proc, &ret);

	ck_assert_int_eq(ret, RENDER_CONN_BLANK_LINE);
	ck_assert_ptr_nonnull(strstr(s, "TCP 14:59"));
	ck_assert_ptr_null(strstr(s, "UDP 04:59"));
	free(s);
}
END_TEST

/* A last line without its newline still counts. */
START_TEST(conn_no_final_newline)
{
	static const char proc[] = HEADER
		"TCP C0A80164 D431 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899";
	int ret;
	char *s = run_conns(FMT_NUMERIC, proc, &ret);

	ck_assert_int_eq(ret, 0);
	ck_assert_ptr_nonnull(strstr(s, "TCP 14:59  ESTABLISHED 192.168.1.100:54321 10.0.0.1:80        192.168.1.10:8080\n"));
	free(s);
}
END_TEST

Suite *render_conn_suite(void)
{
	Suite *s = suite_create("render-conn");
	TCase *tc = tcase_create("conn");

	tcase_add_test(tc, conn_sample);
	tcase_add_test(tc, conn_names);
	tcase_add_test(tc, conn_pe_columns);
	tcase_add_test(tc, conn_expiry);
	tcase_add_test(tc, conn_mixed_family);
	tcase_add_test(tc, conn_long_line);
	tcase_add_test(tc, conn_bad_input);
	tcase_add_test(tc, conn_blank_line);
	tcase_add_test(tc, conn_no_final_newline);
	suite_add_tcase(s, tc);
	return s;
}
