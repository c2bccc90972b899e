/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -L -c from /proc/net/ip_vs_conn text. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
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

/* As 1.31's sscanf: a number ends where its digits do and the next field
 * starts right after it; the first number that does not parse ends the
 * entry; a NUL ends the line.  (Outputs as 1.31's parse gives them.) */
START_TEST(conn_scanf_fields)
{
	static const char proc[] = HEADER
		"TCP C0A80164 2001:0db8 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n"
		"TCP C0A80164 zz 0A000001 0050 C0A8010A 1F90 ESTABLISHED     899\n"
		"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP x\n";
	static const char want[] =
		"TCP 00:00  1F90        192.168.1.100:8193 0.0.0.0:1          0.0.0.80:266\n"
		"TCP 00:00              192.168.1.100:0    0.0.0.0:0          0.0.0.0:0\n"
		"UDP 00:00  UDP         192.168.1.102:5060 10.0.0.6:5060      192.168.1.50:5060\n";
	char line[] = "TCP C0A80164 D431 0A000001 0050 C0A8010A 1F90 ESTAB\0LISHED 899";
	struct ipvs_conn c;
	int ret;
	char *s = run_conns(FMT_NUMERIC, proc, &ret);

	ck_assert_int_eq(ret, 0);
	ck_assert_ptr_nonnull(strstr(s, want));
	free(s);
	ck_assert_int_eq(ipvs_conn_parse(line, &c), 0);
	ck_assert_str_eq(c.state, "ESTAB");
	ck_assert_uint_eq(c.expires, 0);
	ck_assert_uint_eq(c.cport, 0xD431);
	ck_assert_uint_eq(c.proto, IPPROTO_TCP);
	ck_assert_ptr_null(c.pe_name);
	char blank[] = " \t ";
	ck_assert_int_eq(ipvs_conn_parse(blank, &c), -EBADMSG);
}
END_TEST

/* Entries of two services, a persistence template, a fwmark template and
 * an IPv6 one, for the filters and the summary. */
static const char filter_proc[] = HEADER
	"TCP 0A000064 D431 0A000001 0050 C0A8010A 0050 ESTABLISHED     899\n"
	"TCP 0A000065 D432 0A000001 0050 C0A8010B 0050 FIN_WAIT        100\n"
	"TCP 0A000066 D433 0A000001 0050 C0A8010A 0050 ESTABLISHED     800\n"
	"TCP 0A000064 0000 0A000001 0050 C0A8010A 0050 NONE            300\n"
	"UDP 0A000064 1000 0A000001 0035 C0A8010A 0035 UDP             200\n"
	"TCP 0A000067 D434 0A000002 01BB C0A8010A 01BB ESTABLISHED     500\n"
	"IP 0A000067 0000 00000007 0000 C0A8010C 0000 ASSURED         250\n"
	"TCP 2001:0db8:0000:0000:0000:0000:0000:0099 A000 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
	"2001:0db8:0000:0000:0000:0000:0000:0010 0050 SYN_RECV         59\n";

static void svc_tcp(struct ipvs_service *svc, const char *addr, uint16_t port)
{
	memset(svc, 0, sizeof(*svc));
	svc->protocol = IPPROTO_TCP;
	tb_addr(&svc->addr, &svc->af, addr);
	svc->port = port;
}

/* The rows (after the two heading lines) a filter keeps, by client port. */
static char *filtered(const struct conn_filter *f)
{
	int ret;
	char *s = run_conns_filtered(FMT_NUMERIC, filter_proc, f, &ret);

	ck_assert_int_eq(ret, 0);
	return s;
}

static int rows(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n - 2;
}

START_TEST(conn_filter_service)
{
	struct ipvs_service svc;
	struct conn_filter f = { .svc = &svc };
	char *s;

	svc_tcp(&svc, "10.0.0.1", 80);
	s = filtered(&f);
	/* the three connections and the template of TCP 10.0.0.1:80 */
	ck_assert_int_eq(rows(s), 4);
	ck_assert_ptr_nonnull(strstr(s, "10.0.0.100:54321"));
	ck_assert_ptr_nonnull(strstr(s, "10.0.0.101:54322"));
	ck_assert_ptr_nonnull(strstr(s, "10.0.0.102:54323"));
	ck_assert_ptr_nonnull(strstr(s, "NONE        10.0.0.100:0 "));
	ck_assert_ptr_null(strstr(s, "UDP"));
	free(s);
	/* a port-0 service takes every port of its address and protocol */
	svc_tcp(&svc, "10.0.0.1", 0);
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 4);
	free(s);
	svc.protocol = IPPROTO_UDP;
	svc.port = 53;
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 1);
	free(s);
	svc_tcp(&svc, "2001:db8::1", 80);
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 1);
	ck_assert_ptr_nonnull(strstr(s, "[2001:db8::99]:40960"));
	free(s);
	svc_tcp(&svc, "10.0.0.9", 80);
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 0);
	free(s);
}
END_TEST

START_TEST(conn_filter_server)
{
	struct ipvs_service svc;
	struct ipvs_dest rs = { 0 };
	struct conn_filter f = { .server = &rs };
	char *s;

	tb_addr(&rs.addr, &rs.af, "192.168.1.10");
	s = filtered(&f);	/* any port */
	ck_assert_int_eq(rows(s), 4 + 1);
	ck_assert_ptr_null(strstr(s, "192.168.1.11"));
	free(s);
	rs.port = 443;
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 1);
	ck_assert_ptr_nonnull(strstr(s, "10.0.0.103:54324"));
	free(s);
	/* service and server together */
	rs.port = 0;
	svc_tcp(&svc, "10.0.0.1", 80);
	f.svc = &svc;
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 3);
	ck_assert_ptr_null(strstr(s, "10.0.0.101"));
	free(s);
}
END_TEST

/* A fwmark service: its template by the mark, the rest by its servers. */
START_TEST(conn_filter_fwmark)
{
	struct ipvs_service svc = { .af = AF_INET, .fwmark = 7 };
	struct ipvs_dest rs[1] = { { 0 } };
	struct conn_filter f = { .svc = &svc };
	char *s;

	s = filtered(&f);
	ck_assert_int_eq(rows(s), 1);
	ck_assert_ptr_nonnull(strstr(s, "IP  04:10  ASSURED     10.0.0.103:0       0.0.0.7:0"));
	free(s);
	tb_addr(&rs[0].addr, &rs[0].af, "192.168.1.11");
	rs[0].port = 80;
	f.svc_dests = rs;
	f.n_svc_dests = 1;
	s = filtered(&f);
	ck_assert_int_eq(rows(s), 2);
	ck_assert_ptr_nonnull(strstr(s, "10.0.0.101:54322"));
	free(s);
}
END_TEST

START_TEST(conn_summary)
{
	struct ipvs_service svc;
	struct conn_filter f = { .svc = &svc };
	int ret;
	char *s = run_conns_filtered(FMT_NUMERIC | FMT_SUMMARY, filter_proc, NULL, &ret);

	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(s,
		"IPVS connection entries by virtual and real server\n"
		"Pro  Virtual                Destination             Entries  States\n"
		"IP   0.0.0.7:0              192.168.1.12:0                1  ASSURED=1\n"
		"TCP  10.0.0.1:80            192.168.1.10:80               3  ESTABLISHED=2 NONE=1\n"
		"TCP  10.0.0.1:80            192.168.1.11:80               1  FIN_WAIT=1\n"
		"TCP  10.0.0.2:443           192.168.1.10:443              1  ESTABLISHED=1\n"
		"TCP  [2001:db8::1]:80       [2001:db8::10]:80             1  SYN_RECV=1\n"
		"UDP  10.0.0.1:53            192.168.1.10:53               1  UDP=1\n"
		"total 8 entries\n");
	free(s);
	svc_tcp(&svc, "10.0.0.1", 80);
	s = run_conns_filtered(FMT_NUMERIC | FMT_SUMMARY | FMT_JSON, filter_proc, &f, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_str_eq(s,
		"{\"connection_summary\":{\"groups\":["
		"{\"protocol\":\"TCP\",\"virtual_address\":\"10.0.0.1\",\"virtual_port\":80,"
		"\"dest_address\":\"192.168.1.10\",\"dest_port\":80,\"entries\":3,\"states\":["
		"{\"state\":\"ESTABLISHED\",\"entries\":2},{\"state\":\"NONE\",\"entries\":1}]},"
		"{\"protocol\":\"TCP\",\"virtual_address\":\"10.0.0.1\",\"virtual_port\":80,"
		"\"dest_address\":\"192.168.1.11\",\"dest_port\":80,\"entries\":1,\"states\":["
		"{\"state\":\"FIN_WAIT\",\"entries\":1}]}],\"entries\":4}}\n");
	free(s);
	/* an empty table, and a missing header */
	s = run_conns_filtered(FMT_NUMERIC | FMT_SUMMARY, HEADER, NULL, &ret);
	ck_assert_int_eq(ret, 0);
	ck_assert_ptr_nonnull(strstr(s, "States\ntotal 0 entries\n"));
	free(s);
	s = run_conns_filtered(FMT_NUMERIC | FMT_SUMMARY, "", NULL, &ret);
	ck_assert_int_eq(ret, RENDER_CONN_BAD_INPUT);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* Names are looked up once per distinct address and port, not per line. */
static int host_lookups, service_lookups;

static const char *counting_host(int af, const void *addr)
{
	(void)af;
	(void)addr;
	host_lookups++;
	return NULL;
}

static const char *counting_service(uint16_t port, uint16_t proto)
{
	(void)proto;
	service_lookups++;
	return port == 80 ? "http" : NULL;
}

START_TEST(conn_names_cached)
{
	static const struct names_resolver counting = { counting_host, counting_service };
	int ret;
	char *s;

	names_set_resolver(&counting);
	host_lookups = service_lookups = 0;
	s = run_conns(FMT_NONE, filter_proc, &ret);
	ck_assert_int_eq(ret, 0);
	free(s);
	/* 10.0.0.100-103, 10.0.0.1-2, 0.0.0.7, 192.168.1.10-12, 3 IPv6 */
	ck_assert_int_eq(host_lookups, 13);
	/* (port, protocol) pairs: 8 client ports (0 for TCP and IP), 80, 53,
	 * 443 (TCP), 4096 (UDP) -- each once */
	ck_assert_int_le(service_lookups, 14);
	s = run_conns(FMT_NONE, filter_proc, &ret);
	free(s);
	ck_assert_int_eq(host_lookups, 13);	/* all answered from the cache */
	names_set_resolver(NULL);
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
	tcase_add_test(tc, conn_scanf_fields);
	tcase_add_test(tc, conn_filter_service);
	tcase_add_test(tc, conn_filter_server);
	tcase_add_test(tc, conn_filter_fwmark);
	tcase_add_test(tc, conn_summary);
	tcase_add_test(tc, conn_names_cached);
	suite_add_tcase(s, tc);
	return s;
}
