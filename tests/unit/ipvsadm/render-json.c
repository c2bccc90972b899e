/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --json: documents parse (a small strict checker) and match goldens. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "render.h"
#include "render-util.h"

/* A strict RFC 8259 syntax check: returns the end of the value or NULL. */
static const char *j_value(const char *p, int depth);

static const char *j_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *j_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
				return NULL;
			}
		}
		p++;
	}
	return p + 1;
}

static const char *j_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (isdigit((unsigned char)*p))
			p++;
	else
		return NULL;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p;
}

static const char *j_container(const char *p, int depth, char close, bool keys)
{
	p = j_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			if (!(p = j_string(p)))
				return NULL;
			p = j_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		if (!(p = j_value(j_ws(p), depth + 1)))
			return NULL;
		p = j_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
		p = j_ws(p);
	}
}

static const char *j_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	switch (*p) {
	case '{': return j_container(p, depth, '}', true);
	case '[': return j_container(p, depth, ']', false);
	case '"': return j_string(p);
	case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
	default:  return j_number(p);
	}
}

static bool json_valid(const char *s)
{
	const char *end = j_value(j_ws(s), 0);

	return end && *j_ws(end) == '\0';
}

START_TEST(json_checker_rejects)
{
	ck_assert(json_valid("{\"a\":[1,2,{\"b\":null}],\"c\":\"x\\u00e9\"}\n"));
	ck_assert(!json_valid("{\"a\":1,}"));
	ck_assert(!json_valid("{\"a\" 1}"));
	ck_assert(!json_valid("[1 2]"));
	ck_assert(!json_valid("\"tab\there\""));
	ck_assert(!json_valid("{} {}"));
	ck_assert(!json_valid("[01]"));
}
END_TEST

static struct ipvs_table *json_table(void)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_service *s;
	struct ipvs_dest *d;

	s = tb_fwm(t, AF_INET6, 100, "rr");
	s->flags |= IPVS_SVC_F_ONEPACKET;
	s = tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "sh");
	s->flags |= IPVS_SVC_F_SCHED_SH_PORT;
	tb_persist(s, 300, "255.255.255.0");
	snprintf(s->pe_name, sizeof(s->pe_name), "sip");
	s->stats = (struct ipvs_stats){ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	d = tb_dest(t, "192.168.1.13", 80, IPVS_FWD_TUNNEL, 1, 2, 3);
	d->tun_type = IPVS_TUN_GUE;
	d->tun_port = 6080;
	d->tun_flags = IPVS_TUN_F_CSUM;
	d->persist_conns = 4;
	d->u_threshold = 5;
	d->l_threshold = 6;
	d->stats = (struct ipvs_stats){ .conns = 5000000000ULL, .outbytes = UINT64_MAX,
					.cps = 123456789012ULL };
	s = tb_svc(t, IPPROTO_UDP, "2001:db8::1", 53, "wlc");
	tb_persist(s, 60, "64");
	tb_dest(t, "2001:db8::10", 53, IPVS_FWD_ROUTE, 0, 0, 0);
	tb_dest(t, "10.0.0.9", 53, 7, 1, 0, 0);
	return t;
}

/* Name lookups are never made for JSON. */
static const char *no_host(int af, const void *a)
{
	ck_abort_msg("host lookup in JSON mode");
	return NULL;
}

static const char *no_service(uint16_t port, uint16_t proto)
{
	ck_abort_msg("service lookup in JSON mode");
	return NULL;
}

static const struct names_resolver no_lookups = { no_host, no_service };

START_TEST(json_table_golden)
{
	static const struct ipvs_info info = { 0x010201, 4096 };
	struct ipvs_table *t = json_table();
	char *s;

	names_set_resolver(&no_lookups);
	s = run_table(FMT_JSON | FMT_STATS | FMT_RATE, &info, t);
	names_set_resolver(NULL);
	ck_assert(json_valid(s));
	ck_golden("render-table.json", s);
	free(s);
	/* Plain --json: no stats, no rates, no banner keys without info;
	 * -S with --json gives the same document. */
	s = run_table(FMT_JSON | FMT_NUMERIC, NULL, t);
	ck_assert(json_valid(s));
	ck_assert_ptr_null(strstr(s, "\"stats\""));
	ck_assert_ptr_null(strstr(s, "\"rates\""));
	ck_assert_ptr_null(strstr(s, "\"version\""));
	ck_assert_ptr_nonnull(strstr(s, "\"prefix_len\":64"));
	ck_assert_ptr_nonnull(strstr(s, "\"forward\":\"unknown\""));
	{
		char *r = run_table(FMT_JSON | FMT_NUMERIC | FMT_RULE, NULL, t);

		ck_assert_str_eq(r, s);
		free(r);
	}
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(json_empty_table)
{
	struct ipvs_table *t = tb_new();
	char *s = run_table(FMT_JSON, NULL, t);

	ck_assert_str_eq(s, "{\"services\":[]}\n");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(json_sample_all_views_valid)
{
	static const unsigned int fmts[] = { 0, FMT_STATS, FMT_RATE, FMT_THRESHOLDS,
		FMT_PERSISTENTCONN, FMT_TUN_INFO, FMT_EXACT | FMT_STATS, FMT_NOSORT };
	size_t i;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct ipvs_table *t = tb_sample();
		char *s = run_table(FMT_JSON | fmts[i], &(struct ipvs_info){ 0x010201, 4096 }, t);

		ck_assert_msg(json_valid(s), "invalid JSON for fmt %#x: %s", fmts[i], s);
		free(s);
		tb_free(t);
	}
}
END_TEST

START_TEST(json_timeouts_daemons)
{
	struct ipvs_timeouts to = { 900, 120, 300 };
	struct ipvs_daemon d[2];
	struct cap c;

	ck_assert_int_eq(render_timeouts(cap_open(&c), FMT_JSON, &to), 0);
	ck_assert_str_eq(cap_text(&c), "{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}\n");
	cap_free(&c);

	memset(d, 0, sizeof(d));
	d[0].state = IPVS_DAEMON_MASTER;
	snprintf(d[0].mcast_ifn, sizeof(d[0].mcast_ifn), "eth0");
	d[0].sync_maxlen = 1472;
	tb_addr(&d[0].mcast_group, &d[0].mcast_af, "224.0.0.81");
	d[0].mcast_port = 8848;
	d[0].mcast_ttl = 1;
	d[1].state = IPVS_DAEMON_BACKUP;
	snprintf(d[1].mcast_ifn, sizeof(d[1].mcast_ifn), "lo");
	d[1].syncid = 5;
	ck_assert_int_eq(render_daemons(cap_open(&c), FMT_JSON, d, 2), 0);
	ck_assert_str_eq(cap_text(&c), "{\"daemons\":["
		"{\"state\":\"master\",\"mcast_ifn\":\"eth0\",\"syncid\":0,\"sync_maxlen\":1472,"
		"\"mcast_group\":\"224.0.0.81\",\"mcast_port\":8848,\"mcast_ttl\":1},"
		"{\"state\":\"backup\",\"mcast_ifn\":\"lo\",\"syncid\":5}]}\n");
	cap_free(&c);
	ck_assert_int_eq(render_daemons(cap_open(&c), FMT_JSON, d, 0), 0);
	ck_assert_str_eq(cap_text(&c), "{\"daemons\":[]}\n");
	cap_free(&c);
}
END_TEST

/* Connections; pe_data is escaped so that the document always parses. */
START_TEST(json_conns)
{
	static const char proc[] =
		"Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"
		"UDP C0A80166 13C4 0A000006 13C4 C0A80132 13C4 UDP             299 sip a\"b\\c\x01\xff\xc3\xa9\n"
		"TCP 2001:0db8:0000:0000:0000:0000:0000:0099 A000 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
		"0A000003 0050 SYN_RECV         59\n";
	int ret;
	char *s;

	names_set_resolver(&no_lookups);
	s = run_conns(FMT_JSON, proc, &ret);
	names_set_resolver(NULL);
	ck_assert_int_eq(ret, 0);
	ck_assert(json_valid(s));
	ck_assert_str_eq(s, "{\"connections\":["
		"{\"protocol\":\"UDP\",\"expire\":299,\"state\":\"UDP\","
		"\"client_address\":\"192.168.1.102\",\"client_port\":5060,"
		"\"virtual_address\":\"10.0.0.6\",\"virtual_port\":5060,"
		"\"dest_address\":\"192.168.1.50\",\"dest_port\":5060,"
		"\"pe_name\":\"sip\",\"pe_data\":\"a\\\"b\\\\c\\u0001\\ufffd\xc3\xa9\"},"
		"{\"protocol\":\"TCP\",\"expire\":59,\"state\":\"SYN_RECV\","
		"\"client_address\":\"2001:db8::99\",\"client_port\":40960,"
		"\"virtual_address\":\"2001:db8::1\",\"virtual_port\":80,"
		"\"dest_address\":\"10.0.0.3\",\"dest_port\":80}]}\n");
	free(s);
	/* A blank line stops the listing but the document is complete. */
	s = run_conns(FMT_JSON, "header\n\n", &ret);
	ck_assert_int_eq(ret, RENDER_CONN_BLANK_LINE);
	ck_assert_str_eq(s, "{\"connections\":[]}\n");
	free(s);
}
END_TEST

Suite *render_json_suite(void)
{
	Suite *s = suite_create("render-json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, json_checker_rejects);
	tcase_add_test(tc, json_table_golden);
	tcase_add_test(tc, json_empty_table);
	tcase_add_test(tc, json_sample_all_views_valid);
	tcase_add_test(tc, json_timeouts_daemons);
	tcase_add_test(tc, json_conns);
	suite_add_tcase(s, tc);
	return s;
}
