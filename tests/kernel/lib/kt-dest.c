/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Real servers against the real kernel: every forwarding method, tunnels,
 * thresholds, mixed families, full-replacement updates and the errors. */
#include "config.h"
#include "ktest.h"

#include <stdio.h>
#include <stdlib.h>

static struct ipvs_handle *h;
static struct ipvs_service v4, v6, fwm4, fwm6;

static void setup(void)
{
	h = kt_open();
	kt_svc(&v4, IPPROTO_TCP, "10.0.0.1", 80, "wrr");
	kt_svc(&v6, IPPROTO_TCP, "2001:db8::1", 80, "wlc");
	kt_svc_fwm(&fwm4, AF_INET, 1, "rr");
	kt_svc_fwm(&fwm6, AF_INET6, 1, "rr");
	KT_OK(ipvs_service_add(h, &v4));
	KT_OK(ipvs_service_add(h, &v6));
	KT_OK(ipvs_service_add(h, &fwm4));
	KT_OK(ipvs_service_add(h, &fwm6));
}

static void teardown(void)
{
	ipvs_flush(h);
	ipvs_close(h);
}

START_TEST(every_forwarding_method)
{
	static const uint32_t fwds[] = {
		IPVS_FWD_MASQ, IPVS_FWD_LOCAL, IPVS_FWD_TUNNEL, IPVS_FWD_ROUTE,
	};
	struct ipvs_dest d;
	char addr[32];

	for (int i = 0; i < 4; i++) {
		snprintf(addr, sizeof(addr), "10.1.0.%d", i + 1);
		kt_dest(&d, addr, 8080 + i, fwds[i], i + 1);
		ck_assert_msg(ipvs_dest_add(h, &v4, &d) == 0, "fwd %u: %s", fwds[i], ipvs_errmsg(h));
		kt_dest_readback(h, &v4, &d);
		snprintf(addr, sizeof(addr), "2001:db8:1::%d", i + 1);
		kt_dest(&d, addr, 8080 + i, fwds[i], i + 1);
		ck_assert_msg(ipvs_dest_add(h, &v6, &d) == 0, "fwd %u: %s", fwds[i], ipvs_errmsg(h));
		kt_dest_readback(h, &v6, &d);
	}
	ck_assert_uint_eq(kt_dest_count(h, &v4), 4);
	ck_assert_uint_eq(kt_dest_count(h, &v6), 4);

	/* The kernel would store "bypass" (4) too, but it is its own marker
	 * for cache-bypass connections, not a way to reach a real server, and
	 * ipvsadm cannot show it: the library refuses it. */
	kt_dest(&d, "10.1.0.9", 80, IPVS_FWD_BYPASS, 1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 4);
}
END_TEST

START_TEST(local_address_keeps_its_method)
{
	struct ipvs_dest d;

	/* 6.1 no longer rewrites the method of a destination that is one of
	 * its own addresses (old kernels turned it into Local): what was
	 * written reads back. */
	kt_dest(&d, "127.0.0.1", 80, IPVS_FWD_ROUTE, 1);
	KT_OK(ipvs_dest_add(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);
	kt_dest(&d, "::1", 80, IPVS_FWD_MASQ, 1);
	KT_OK(ipvs_dest_add(h, &v6, &d));
	kt_dest_readback(h, &v6, &d);
}
END_TEST

START_TEST(dest_af_defaults_to_service)
{
	struct ipvs_dest d, want, *list = NULL;
	size_t n = 0;

	kt_dest(&d, "10.1.1.1", 80, IPVS_FWD_ROUTE, 1);
	want = d;
	d.af = 0;
	KT_OK(ipvs_dest_add(h, &v4, &d));
	KT_OK(ipvs_dest_list(h, &v4, &list, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(list[0].af, AF_INET);
	kt_dest_check(&list[0], &want, "dest with af 0");
	ck_assert_uint_eq(list[0].active_conns, 0);
	ck_assert_uint_eq(list[0].inact_conns, 0);
	ck_assert_uint_eq(list[0].persist_conns, 0);
	ck_assert_uint_eq(list[0].stats.conns, 0);
	free(list);
	/* Delete with af 0 too. */
	KT_OK(ipvs_dest_del(h, &v4, &d));
	ck_assert_uint_eq(kt_dest_count(h, &v4), 0);
}
END_TEST

START_TEST(weights_and_thresholds)
{
	struct ipvs_dest d;

	kt_dest(&d, "10.1.2.1", 80, IPVS_FWD_MASQ, 0);
	KT_OK(ipvs_dest_add(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	kt_dest(&d, "10.1.2.2", 80, IPVS_FWD_MASQ, 65535);
	d.u_threshold = 100;
	d.l_threshold = 50;
	KT_OK(ipvs_dest_add(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	kt_dest(&d, "10.1.2.3", 80, IPVS_FWD_MASQ, 1);
	d.u_threshold = 100;
	d.l_threshold = 101;
	KT_RC(ipvs_dest_add(h, &v4, &d), -ERANGE);
	/* u_threshold 0 is "no limit" but the kernel still compares. */
	d.u_threshold = 0;
	d.l_threshold = 5;
	KT_RC(ipvs_dest_add(h, &v4, &d), -ERANGE);

	/* The kernel would answer ERANGE to a negative weight; the library
	 * rejects it first as a bad argument. */
	kt_dest(&d, "10.1.2.3", 80, IPVS_FWD_MASQ, -1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	d.weight = INT32_MIN;
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 2);
}
END_TEST

START_TEST(tunnels_read_back_exactly)
{
	static const struct { uint8_t type; uint16_t port, flags; } tun[] = {
		{ IPVS_TUN_IPIP, 0, IPVS_TUN_F_NOCSUM },
		{ IPVS_TUN_GUE, 6080, IPVS_TUN_F_NOCSUM },
		{ IPVS_TUN_GUE, 6081, IPVS_TUN_F_CSUM },
		{ IPVS_TUN_GUE, 65535, IPVS_TUN_F_REMCSUM },
		{ IPVS_TUN_GRE, 0, IPVS_TUN_F_NOCSUM },
		{ IPVS_TUN_GRE, 0, IPVS_TUN_F_CSUM },
	};
	struct ipvs_dest d;
	char addr[32];

	for (size_t i = 0; i < sizeof(tun) / sizeof(tun[0]); i++) {
		snprintf(addr, sizeof(addr), "10.1.3.%zu", i + 1);
		kt_dest(&d, addr, 80, IPVS_FWD_TUNNEL, 1);
		d.tun_type = tun[i].type;
		d.tun_port = tun[i].port;
		d.tun_flags = tun[i].flags;
		KT_OK(ipvs_dest_add(h, &v4, &d));
		kt_dest_readback(h, &v4, &d);
		snprintf(addr, sizeof(addr), "2001:db8:3::%zu", i + 1);
		kt_dest(&d, addr, 80, IPVS_FWD_TUNNEL, 1);
		d.tun_type = tun[i].type;
		d.tun_port = tun[i].port;
		d.tun_flags = tun[i].flags;
		KT_OK(ipvs_dest_add(h, &v6, &d));
		kt_dest_readback(h, &v6, &d);
	}

	/* GUE needs a port: the kernel refuses 0. */
	kt_dest(&d, "10.1.3.100", 80, IPVS_FWD_TUNNEL, 1);
	d.tun_type = IPVS_TUN_GUE;
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	/* Unknown type and flag values never reach the kernel (it would take them). */
	d.tun_type = 9;
	d.tun_port = 6080;
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	d.tun_type = IPVS_TUN_GUE;
	d.tun_flags = 3;
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 6);
}
END_TEST

START_TEST(mixed_family_tunnels)
{
	struct ipvs_dest d;

	/* An IPv4 real server behind an IPv6 service and the other way round
	 * are allowed for tunnels only. */
	kt_dest(&d, "10.1.4.1", 80, IPVS_FWD_TUNNEL, 1);
	KT_OK(ipvs_dest_add(h, &v6, &d));
	kt_dest_readback(h, &v6, &d);
	kt_dest(&d, "2001:db8:4::1", 80, IPVS_FWD_TUNNEL, 1);
	d.tun_type = IPVS_TUN_GRE;
	d.tun_flags = IPVS_TUN_F_CSUM;
	KT_OK(ipvs_dest_add(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);
	kt_dest(&d, "10.1.4.2", 0, IPVS_FWD_TUNNEL, 1);
	KT_OK(ipvs_dest_add(h, &fwm6, &d));
	kt_dest_readback(h, &fwm6, &d);

	kt_dest(&d, "10.1.4.3", 80, IPVS_FWD_MASQ, 1);
	KT_RC(ipvs_dest_add(h, &v6, &d), -EINVAL);
	kt_dest(&d, "2001:db8:4::3", 80, IPVS_FWD_ROUTE, 1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	/* Turning a mixed tunnel into direct routing is refused as well. */
	kt_dest(&d, "10.1.4.1", 80, IPVS_FWD_ROUTE, 1);
	KT_RC(ipvs_dest_update(h, &v6, &d), -EINVAL);
	ck_assert_uint_eq(kt_dest_count(h, &v6), 1);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 1);

	kt_dest(&d, "10.1.4.1", 80, IPVS_FWD_TUNNEL, 1);
	KT_OK(ipvs_dest_del(h, &v6, &d));
	ck_assert_uint_eq(kt_dest_count(h, &v6), 0);
}
END_TEST

START_TEST(fwmark_dests)
{
	struct ipvs_dest d;

	kt_dest(&d, "10.1.5.1", 0, IPVS_FWD_ROUTE, 3);
	KT_OK(ipvs_dest_add(h, &fwm4, &d));
	kt_dest_readback(h, &fwm4, &d);
	kt_dest(&d, "10.1.5.2", 8080, IPVS_FWD_MASQ, 4);
	KT_OK(ipvs_dest_add(h, &fwm4, &d));
	kt_dest_readback(h, &fwm4, &d);
	kt_dest(&d, "2001:db8:5::1", 0, IPVS_FWD_ROUTE, 5);
	KT_OK(ipvs_dest_add(h, &fwm6, &d));
	kt_dest_readback(h, &fwm6, &d);
	ck_assert_uint_eq(kt_dest_count(h, &fwm4), 2);
	ck_assert_uint_eq(kt_dest_count(h, &fwm6), 1);
	/* Same address, different port: a different destination. */
	kt_dest(&d, "10.1.5.1", 1, IPVS_FWD_ROUTE, 3);
	KT_OK(ipvs_dest_add(h, &fwm4, &d));
	ck_assert_uint_eq(kt_dest_count(h, &fwm4), 3);
}
END_TEST

START_TEST(update_is_full_replacement)
{
	struct ipvs_dest d;

	kt_dest(&d, "10.1.6.1", 80, IPVS_FWD_TUNNEL, 5);
	d.tun_type = IPVS_TUN_GUE;
	d.tun_port = 7000;
	d.tun_flags = IPVS_TUN_F_REMCSUM;
	d.u_threshold = 1000;
	d.l_threshold = 10;
	KT_OK(ipvs_dest_add(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	/* Direct routing, nothing else: every tunnel field and threshold goes. */
	kt_dest(&d, "10.1.6.1", 80, IPVS_FWD_ROUTE, 7);
	KT_OK(ipvs_dest_update(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	d.fwd = IPVS_FWD_TUNNEL;
	d.tun_type = IPVS_TUN_GRE;
	d.tun_flags = IPVS_TUN_F_CSUM;
	d.weight = 0;
	d.u_threshold = 20;
	KT_OK(ipvs_dest_update(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	d.fwd = IPVS_FWD_MASQ;
	d.tun_type = 0;
	d.tun_flags = 0;
	d.u_threshold = 0;
	d.weight = 100;
	KT_OK(ipvs_dest_update(h, &v4, &d));
	kt_dest_readback(h, &v4, &d);

	/* A failed update changes nothing. */
	d.l_threshold = 9;
	d.u_threshold = 8;
	KT_RC(ipvs_dest_update(h, &v4, &d), -ERANGE);
	d.l_threshold = d.u_threshold = 0;
	kt_dest_readback(h, &v4, &d);
}
END_TEST

START_TEST(kernel_errors)
{
	struct ipvs_dest d, nod;
	struct ipvs_service missing;

	kt_dest(&d, "10.1.7.1", 80, IPVS_FWD_MASQ, 1);
	KT_OK(ipvs_dest_add(h, &v4, &d));
	KT_RC(ipvs_dest_add(h, &v4, &d), -EEXIST);
	ck_assert_str_ne(ipvs_errmsg(h), "");

	kt_dest(&nod, "10.1.7.2", 80, IPVS_FWD_MASQ, 1);
	KT_RC(ipvs_dest_update(h, &v4, &nod), -ENOENT);
	KT_RC(ipvs_dest_del(h, &v4, &nod), -ENOENT);
	nod = d;
	nod.port = 81;
	KT_RC(ipvs_dest_del(h, &v4, &nod), -ENOENT);

	kt_svc(&missing, IPPROTO_UDP, "10.0.0.1", 80, "wrr");
	KT_RC(ipvs_dest_add(h, &missing, &d), -ESRCH);
	KT_RC(ipvs_dest_update(h, &missing, &d), -ESRCH);
	KT_RC(ipvs_dest_del(h, &missing, &d), -ESRCH);
	kt_svc_fwm(&missing, AF_INET, 999, "rr");
	KT_RC(ipvs_dest_add(h, &missing, &d), -ESRCH);

	/* Only unicast or local addresses can be real servers. */
	kt_dest(&d, "224.0.0.1", 80, IPVS_FWD_ROUTE, 1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	kt_dest(&d, "0.0.0.0", 80, IPVS_FWD_ROUTE, 1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	kt_dest(&d, "ff02::1", 80, IPVS_FWD_ROUTE, 1);
	KT_RC(ipvs_dest_add(h, &v6, &d), -EINVAL);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 1);
	ck_assert_uint_eq(kt_dest_count(h, &v6), 0);
}
END_TEST

START_TEST(client_side_validation)
{
	struct ipvs_dest d;

	kt_dest(&d, "10.1.8.1", 80, 7, 1);
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	KT_RC(ipvs_dest_update(h, &v4, &d), -EINVAL);
	d.fwd = 5;
	KT_RC(ipvs_dest_add(h, &v4, &d), -EINVAL);
	kt_dest(&d, "10.1.8.1", 80, IPVS_FWD_MASQ, 1);
	d.af = AF_UNIX;
	ck_assert_int_lt(ipvs_dest_add(h, &v4, &d), 0);
	ck_assert_uint_eq(kt_dest_count(h, &v4), 0);
}
END_TEST

START_TEST(list_order_and_delete)
{
	struct ipvs_dest d[4], *list = NULL;
	size_t n = 0;
	char addr[32];

	for (int i = 0; i < 4; i++) {
		snprintf(addr, sizeof(addr), "10.1.9.%d", i + 1);
		kt_dest(&d[i], addr, 80, IPVS_FWD_ROUTE, i);
		KT_OK(ipvs_dest_add(h, &v4, &d[i]));
	}
	KT_OK(ipvs_dest_del(h, &v4, &d[1]));
	KT_OK(ipvs_dest_list(h, &v4, &list, &n));
	ck_assert_uint_eq(n, 3);
	/* The kernel lists the newest destination first. */
	kt_dest_check(&list[0], &d[3], "first");
	kt_dest_check(&list[1], &d[2], "second");
	kt_dest_check(&list[2], &d[0], "third");
	free(list);
	/* Deleting the service deletes its destinations. */
	KT_OK(ipvs_service_del(h, &v4));
	KT_OK(ipvs_service_add(h, &v4));
	ck_assert_uint_eq(kt_dest_count(h, &v4), 0);
}
END_TEST

START_TEST(list_of_missing_service)
{
	struct ipvs_service missing;
	struct ipvs_dest *list = NULL;
	size_t n = 5;

	/* The kernel answers an empty dump, not an error, and the library
	 * passes that on as an empty list. */
	kt_svc(&missing, IPPROTO_SCTP, "10.9.9.9", 9, "rr");
	KT_OK(ipvs_dest_list(h, &missing, &list, &n));
	ck_assert_uint_eq(n, 0);
	free(list);
}
END_TEST

START_TEST(many_dests_one_service)
{
	/* 300 destinations need several dump messages. */
	struct ipvs_dest d, *list = NULL;
	size_t n = 0;
	char addr[64];
	unsigned seen[300] = { 0 };

	for (int i = 0; i < 300; i++) {
		snprintf(addr, sizeof(addr), "2001:db8:a::%x", i + 1);
		kt_dest(&d, addr, 443, IPVS_FWD_MASQ, i);
		d.u_threshold = i + 10;
		d.l_threshold = i;
		KT_OK(ipvs_dest_add(h, &v6, &d));
	}
	KT_OK(ipvs_dest_list(h, &v6, &list, &n));
	ck_assert_uint_eq(n, 300);
	for (size_t i = 0; i < n; i++) {
		int k = list[i].weight;

		ck_assert_int_ge(k, 0);
		ck_assert_int_lt(k, 300);
		snprintf(addr, sizeof(addr), "2001:db8:a::%x", k + 1);
		kt_dest(&d, addr, 443, IPVS_FWD_MASQ, k);
		d.u_threshold = k + 10;
		d.l_threshold = k;
		kt_dest_check(&list[i], &d, "listed dest");
		seen[k]++;
	}
	for (int i = 0; i < 300; i++)
		ck_assert_uint_eq(seen[i], 1);
	free(list);
}
END_TEST

static Suite *dest_suite(void)
{
	Suite *s = suite_create("libipvs destinations");
	TCase *tc = tcase_create("dest");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_forwarding_method);
	tcase_add_test(tc, local_address_keeps_its_method);
	tcase_add_test(tc, dest_af_defaults_to_service);
	tcase_add_test(tc, weights_and_thresholds);
	tcase_add_test(tc, tunnels_read_back_exactly);
	tcase_add_test(tc, mixed_family_tunnels);
	tcase_add_test(tc, fwmark_dests);
	tcase_add_test(tc, update_is_full_replacement);
	tcase_add_test(tc, kernel_errors);
	tcase_add_test(tc, client_side_validation);
	tcase_add_test(tc, list_order_and_delete);
	tcase_add_test(tc, list_of_missing_service);
	tcase_add_test(tc, many_dests_one_service);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return kt_run(dest_suite());
}
