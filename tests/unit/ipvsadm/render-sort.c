/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Listing order: numeric comparisons (deliberate difference 6). */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"

static void svc_is(const struct ipvs_table *t, size_t i, const char *addr, uint16_t port)
{
	char buf[64];

	ck_assert_uint_lt(i, t->n_services);
	inet_ntop(t->services[i].svc.af, &t->services[i].svc.addr, buf, sizeof(buf));
	ck_assert_str_eq(buf, addr);
	ck_assert_uint_eq(t->services[i].svc.port, port);
}

static void dest_is(const struct ipvs_table_entry *e, size_t i, const char *addr, uint16_t port)
{
	char buf[64];
	int af = e->dests[i].af ? e->dests[i].af : e->svc.af;

	ck_assert_uint_lt(i, e->n_dests);
	inet_ntop(af, &e->dests[i].addr, buf, sizeof(buf));
	ck_assert_str_eq(buf, addr);
	ck_assert_uint_eq(e->dests[i].port, port);
}

/* 1.31 listed 200.0.0.1, 1.0.0.1, 10.0.0.1, 100.0.0.1 (wrapping int
 * subtraction); addresses more than 2^31 apart now sort numerically. */
START_TEST(sort_services_wide_addresses)
{
	struct ipvs_table *t = tb_new();

	tb_svc(t, IPPROTO_TCP, "100.0.0.1", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "200.0.0.1", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "1.0.0.1", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	tb_sort(t);
	svc_is(t, 0, "1.0.0.1", 80);
	svc_is(t, 1, "10.0.0.1", 80);
	svc_is(t, 2, "100.0.0.1", 80);
	svc_is(t, 3, "200.0.0.1", 80);
	tb_free(t);
}
END_TEST

START_TEST(sort_dests_wide_addresses)
{
	struct ipvs_table *t = tb_new();

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	tb_dest(t, "200.1.1.1", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "1.1.1.1", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "100.1.1.1", 80, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "100.1.1.1", 8, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "255.255.255.255", 65535, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_dest(t, "0.0.0.1", 1, IPVS_FWD_ROUTE, 1, 0, 0);
	tb_sort(t);
	dest_is(&t->services[0], 0, "0.0.0.1", 1);
	dest_is(&t->services[0], 1, "1.1.1.1", 80);
	dest_is(&t->services[0], 2, "100.1.1.1", 8);
	dest_is(&t->services[0], 3, "100.1.1.1", 80);
	dest_is(&t->services[0], 4, "200.1.1.1", 80);
	dest_is(&t->services[0], 5, "255.255.255.255", 65535);
	tb_free(t);
}
END_TEST

/* fwmark 0 first, then marks by value, even above INT_MAX (1.31 put
 * those first); then family, protocol, address, port. */
START_TEST(sort_service_keys)
{
	struct ipvs_table *t = tb_new();

	tb_fwm(t, AF_INET, 2882430849u, "rr");
	tb_fwm(t, AF_INET6, 5, "rr");
	tb_svc(t, IPPROTO_SCTP, "10.0.0.1", 80, "rr");
	tb_fwm(t, AF_INET, 5, "rr");
	tb_svc(t, IPPROTO_TCP, "2001:db8::1", 80, "rr");
	tb_svc(t, IPPROTO_UDP, "10.0.0.1", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 65535, "rr");
	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 1, "rr");
	tb_fwm(t, AF_INET, 100, "rr");
	tb_sort(t);
	svc_is(t, 0, "10.0.0.1", 1);
	svc_is(t, 1, "10.0.0.1", 65535);
	ck_assert_uint_eq(t->services[2].svc.protocol, IPPROTO_UDP);
	ck_assert_uint_eq(t->services[3].svc.protocol, IPPROTO_SCTP);
	svc_is(t, 4, "2001:db8::1", 80);
	ck_assert_uint_eq(t->services[5].svc.fwmark, 5);
	ck_assert_uint_eq(t->services[5].svc.af, AF_INET);
	ck_assert_uint_eq(t->services[6].svc.fwmark, 5);
	ck_assert_uint_eq(t->services[6].svc.af, AF_INET6);
	ck_assert_uint_eq(t->services[7].svc.fwmark, 100);
	ck_assert_uint_eq(t->services[8].svc.fwmark, 2882430849u);
	tb_free(t);
}
END_TEST

/* IPv6 addresses compare bytewise in network order, whatever the 32-bit
 * words' signs; mixed-family destinations put IPv4 first. */
START_TEST(sort_ipv6_and_mixed)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_dest *d;

	tb_svc(t, IPPROTO_TCP, "2001:db8::1", 80, "rr");
	tb_dest(t, "ffff::1", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	tb_dest(t, "2001:db8::1:0", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	tb_dest(t, "10.0.0.1", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d = tb_dest(t, "2001:db8::ffff", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->af = 0;	/* the service's family */
	tb_dest(t, "::1", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	tb_dest(t, "1.2.3.4", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	tb_sort(t);
	dest_is(&t->services[0], 0, "1.2.3.4", 80);
	dest_is(&t->services[0], 1, "10.0.0.1", 80);
	dest_is(&t->services[0], 2, "::1", 80);
	dest_is(&t->services[0], 3, "2001:db8::ffff", 80);
	dest_is(&t->services[0], 4, "2001:db8::1:0", 80);
	dest_is(&t->services[0], 5, "ffff::1", 80);
	tb_free(t);
}
END_TEST

/* A listing sorts unless FMT_NOSORT; with it, kernel order stays. */
START_TEST(sort_nosort)
{
	struct ipvs_table *t = tb_new();
	char *s;

	tb_svc(t, IPPROTO_UDP, "10.0.0.2", 53, "rr");
	tb_dest(t, "10.0.0.9", 53, IPVS_FWD_MASQ, 1, 0, 0);
	tb_dest(t, "10.0.0.8", 53, IPVS_FWD_MASQ, 1, 0, 0);
	tb_svc(t, IPPROTO_TCP, "10.0.0.2", 80, "rr");
	s = run_table(FMT_NUMERIC | FMT_NOSORT, NULL, t);
	ck_assert_ptr_nonnull(strstr(s,
		"UDP  10.0.0.2:53 rr\n"
		"  -> 10.0.0.9:53                  Masq    1      0          0         \n"
		"  -> 10.0.0.8:53                  Masq    1      0          0         \n"
		"TCP  10.0.0.2:80 rr\n"));
	free(s);
	s = run_table(FMT_NUMERIC, NULL, t);
	ck_assert_ptr_nonnull(strstr(s,
		"TCP  10.0.0.2:80 rr\n"
		"UDP  10.0.0.2:53 rr\n"
		"  -> 10.0.0.8:53                  Masq    1      0          0         \n"
		"  -> 10.0.0.9:53                  Masq    1      0          0         \n"));
	free(s);
	tb_free(t);
}
END_TEST

Suite *render_sort_suite(void)
{
	Suite *s = suite_create("render-sort");
	TCase *tc = tcase_create("sort");

	tcase_add_test(tc, sort_services_wide_addresses);
	tcase_add_test(tc, sort_dests_wide_addresses);
	tcase_add_test(tc, sort_service_keys);
	tcase_add_test(tc, sort_ipv6_and_mixed);
	tcase_add_test(tc, sort_nosort);
	suite_add_tcase(s, tc);
	return s;
}
