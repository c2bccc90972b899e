/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Virtual services against the real kernel: add, get, list, update, del,
 * every scheduler, flags, persistence, PE, and the errors. */
#include "config.h"
#include "ktest.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>

static struct ipvs_handle *h;

static void setup(void)
{
	h = kt_open();
}

static void teardown(void)
{
	ipvs_flush(h);
	ipvs_close(h);
}

START_TEST(v4_add_get_list_del)
{
	struct ipvs_service s, out, *list = NULL;
	size_t n = 99;

	kt_svc(&s, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
	KT_OK(ipvs_service_list(h, &list, &n));
	ck_assert_uint_eq(n, 1);
	kt_svc_check(&list[0], &s, "service_list");
	ck_assert_uint_eq(list[0].stats.conns, 0);
	ck_assert_uint_eq(list[0].stats.inbytes, 0);
	free(list);
	KT_OK(ipvs_service_del(h, &s));
	KT_RC(ipvs_service_get(h, &s, &out), -ESRCH);
	ck_assert_uint_eq(kt_svc_count(h), 0);
}
END_TEST

START_TEST(protocols_are_distinct)
{
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP };
	struct ipvs_service s[3], out;

	for (int i = 0; i < 3; i++) {
		kt_svc(&s[i], protos[i], "10.0.0.2", 53, "wlc");
		KT_OK(ipvs_service_add(h, &s[i]));
	}
	ck_assert_uint_eq(kt_svc_count(h), 3);
	for (int i = 0; i < 3; i++)
		kt_svc_readback(h, &s[i]);
	KT_OK(ipvs_service_del(h, &s[1]));
	KT_RC(ipvs_service_get(h, &s[1], &out), -ESRCH);
	kt_svc_readback(h, &s[0]);
	kt_svc_readback(h, &s[2]);
}
END_TEST

START_TEST(ipv6_service)
{
	struct ipvs_service s, got;

	kt_svc(&s, IPPROTO_TCP, "2001:db8::1", 443, "wlc");
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
	memset(&got, 0, sizeof(got));
	KT_OK(ipvs_service_get(h, &s, &got));
	ck_assert_uint_eq(got.af, AF_INET6);
	ck_assert_uint_eq(got.port, 443);
	KT_OK(ipvs_service_del(h, &s));
	ck_assert_uint_eq(kt_svc_count(h), 0);
}
END_TEST

START_TEST(fwmark_v4_and_v6)
{
	struct ipvs_service a, b, key;

	kt_svc_fwm(&a, AF_INET, 5, "wrr");
	kt_svc_fwm(&b, AF_INET6, 5, "lc");
	KT_OK(ipvs_service_add(h, &a));
	KT_OK(ipvs_service_add(h, &b));
	KT_RC(ipvs_service_add(h, &a), -EEXIST);
	ck_assert_uint_eq(kt_svc_count(h), 2);
	kt_svc_readback(h, &a);
	kt_svc_readback(h, &b);
	/* Identity is af + mark: protocol, address and port do not matter. */
	key = a;
	key.protocol = IPPROTO_UDP;
	key.port = 1234;
	kt_addr(&key.addr, "192.0.2.1");
	kt_svc_readback(h, &key);
	KT_OK(ipvs_service_del(h, &b));
	KT_RC(ipvs_service_get(h, &b, &key), -ESRCH);
	kt_svc_readback(h, &a);
}
END_TEST

static const char *const scheds[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh",
};
#define N_SCHEDS (sizeof(scheds) / sizeof(scheds[0]))

START_TEST(every_scheduler)
{
	struct ipvs_service s;

	for (size_t i = 0; i < N_SCHEDS; i++) {
		kt_svc(&s, IPPROTO_TCP, "10.0.1.1", 1000 + i, scheds[i]);
		KT_OK(ipvs_service_add(h, &s));
		kt_svc_readback(h, &s);
		kt_svc_fwm(&s, AF_INET6, 100 + i, scheds[i]);
		KT_OK(ipvs_service_add(h, &s));
		kt_svc_readback(h, &s);
	}
	ck_assert_uint_eq(kt_svc_count(h), 2 * N_SCHEDS);
	/* Debian's UML 6.1 is built without twos (CONFIG_IP_VS_TWOS unset). */
	kt_svc(&s, IPPROTO_TCP, "10.0.1.1", 2000, "twos");
	KT_RC(ipvs_service_add(h, &s), -ENOENT);
	ck_assert_uint_eq(kt_svc_count(h), 2 * N_SCHEDS);
}
END_TEST

START_TEST(change_scheduler)
{
	struct ipvs_service s;

	kt_svc(&s, IPPROTO_TCP, "10.0.1.2", 80, "rr");
	KT_OK(ipvs_service_add(h, &s));
	for (size_t i = 0; i < N_SCHEDS; i++) {
		snprintf(s.sched_name, sizeof(s.sched_name), "%s", scheds[i]);
		KT_OK(ipvs_service_update(h, &s));
		kt_svc_readback(h, &s);
	}
}
END_TEST

START_TEST(scheduler_flags)
{
	struct ipvs_service sh, mh, r3;

	kt_svc(&sh, IPPROTO_TCP, "10.0.2.1", 80, "sh");
	sh.flags = IPVS_SVC_F_SCHED_SH_FALLBACK | IPVS_SVC_F_SCHED_SH_PORT;
	KT_OK(ipvs_service_add(h, &sh));
	kt_svc_readback(h, &sh);

	kt_svc(&mh, IPPROTO_UDP, "2001:db8::2", 80, "mh");
	mh.flags = IPVS_SVC_F_SCHED_MH_PORT;
	KT_OK(ipvs_service_add(h, &mh));
	kt_svc_readback(h, &mh);

	/* flag-3 means nothing to any scheduler but is stored as given. */
	kt_svc_fwm(&r3, AF_INET, 77, "rr");
	r3.flags = IPVS_SVC_F_SCHED3 | IPVS_SVC_F_SCHED1;
	KT_OK(ipvs_service_add(h, &r3));
	kt_svc_readback(h, &r3);
}
END_TEST

START_TEST(persistence_v4)
{
	struct ipvs_service s;

	kt_svc(&s, IPPROTO_TCP, "10.0.3.1", 443, "wlc");
	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = IPVS_SVC_PERSISTENT_TIMEOUT;
	s.netmask = htonl(0xffffff00);
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);

	kt_svc(&s, IPPROTO_UDP, "10.0.3.1", 443, "rr");
	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 2678400;
	s.netmask = htonl(0xffff0000);
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
}
END_TEST

START_TEST(persistence_v6_prefix)
{
	struct ipvs_service s;

	kt_svc(&s, IPPROTO_TCP, "2001:db8::3", 443, "wlc");
	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 60;
	s.netmask = 64;
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
	s.netmask = 1;
	KT_OK(ipvs_service_update(h, &s));
	kt_svc_readback(h, &s);

	/* The kernel takes 1..128 for an IPv6 service and nothing else. */
	kt_svc(&s, IPPROTO_TCP, "2001:db8::4", 443, "wlc");
	s.netmask = 0;
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	s.netmask = 129;
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	ck_assert_uint_eq(kt_svc_count(h), 1);
}
END_TEST

START_TEST(one_packet)
{
	struct ipvs_service s;

	kt_svc(&s, IPPROTO_UDP, "10.0.4.1", 53, "rr");
	s.flags = IPVS_SVC_F_ONEPACKET;
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
	kt_svc_fwm(&s, AF_INET, 9, "rr");
	s.flags = IPVS_SVC_F_ONEPACKET | IPVS_SVC_F_PERSISTENT;
	s.timeout = 30;
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
}
END_TEST

START_TEST(pe_sip)
{
	struct ipvs_service s;

	/* ip_vs_pe_sip and nf_conntrack_sip are in Debian's UML modules and
	 * autoload on first use, so "sip" must work here. */
	kt_svc(&s, IPPROTO_UDP, "10.0.5.1", 5060, "rr");
	s.flags = IPVS_SVC_F_PERSISTENT;
	s.timeout = 60;
	strcpy(s.pe_name, "sip");
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_readback(h, &s);
	/* An empty PE name in an update removes the engine. */
	s.pe_name[0] = '\0';
	KT_OK(ipvs_service_update(h, &s));
	kt_svc_readback(h, &s);
	strcpy(s.pe_name, "sip");
	KT_OK(ipvs_service_update(h, &s));
	kt_svc_readback(h, &s);

	kt_svc(&s, IPPROTO_UDP, "10.0.5.2", 5060, "rr");
	strcpy(s.pe_name, "nosuchpe");
	KT_RC(ipvs_service_add(h, &s), -ENOENT);
	ck_assert_uint_eq(kt_svc_count(h), 1);
}
END_TEST

START_TEST(update_is_full_replacement)
{
	struct ipvs_service s, plain;

	kt_svc(&s, IPPROTO_TCP, "10.0.6.1", 80, "rr");
	plain = s;
	KT_OK(ipvs_service_add(h, &s));

	s.flags = IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_SCHED_SH_PORT | IPVS_SVC_F_ONEPACKET;
	strcpy(s.sched_name, "sh");
	s.timeout = 1234;
	s.netmask = htonl(0xfffff000);
	strcpy(s.pe_name, "sip");
	KT_OK(ipvs_service_update(h, &s));
	kt_svc_readback(h, &s);

	/* Writing the plain entry again clears everything set above. */
	strcpy(plain.sched_name, "wlc");
	KT_OK(ipvs_service_update(h, &plain));
	kt_svc_readback(h, &plain);

	/* A failed update leaves the entry alone. */
	s = plain;
	strcpy(s.sched_name, "nosuch");
	s.timeout = 5;
	KT_RC(ipvs_service_update(h, &s), -ENOENT);
	kt_svc_readback(h, &plain);
}
END_TEST

START_TEST(kernel_errors)
{
	struct ipvs_service s, missing, out;

	kt_svc(&s, IPPROTO_TCP, "10.0.7.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &s));
	KT_RC(ipvs_service_add(h, &s), -EEXIST);
	ck_assert_str_ne(ipvs_errmsg(h), "");

	kt_svc(&missing, IPPROTO_TCP, "10.0.7.1", 81, "rr");
	KT_RC(ipvs_service_update(h, &missing), -ESRCH);
	KT_RC(ipvs_service_del(h, &missing), -ESRCH);
	KT_RC(ipvs_service_get(h, &missing, &out), -ESRCH);
	KT_RC(ipvs_zero(h, &missing), -ESRCH);
	kt_svc_fwm(&missing, AF_INET, 4242, "rr");
	KT_RC(ipvs_service_del(h, &missing), -ESRCH);
	KT_RC(ipvs_service_get(h, &missing, &out), -ESRCH);

	kt_svc(&missing, IPPROTO_TCP, "10.0.7.2", 80, "nosuchsched");
	KT_RC(ipvs_service_add(h, &missing), -ENOENT);
	ck_assert_uint_eq(kt_svc_count(h), 1);
}
END_TEST

START_TEST(client_side_validation)
{
	struct ipvs_service s;
	int rc;

	kt_svc(&s, 200, "10.0.8.1", 80, "rr");
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	kt_svc(&s, 0, "10.0.8.1", 80, "rr");
	KT_RC(ipvs_service_add(h, &s), -EINVAL);

	kt_svc(&s, IPPROTO_TCP, "10.0.8.1", 80, "rr");
	s.af = AF_UNIX;
	rc = ipvs_service_add(h, &s);
	ck_assert_msg(rc == -EINVAL || rc == -EAFNOSUPPORT, "bad af gave %s", kt_errname(rc));

	kt_svc(&s, IPPROTO_TCP, "10.0.8.1", 80, "rr");
	memset(s.sched_name, 'a', sizeof(s.sched_name));	/* no NUL */
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	KT_RC(ipvs_service_update(h, &s), -EINVAL);

	kt_svc(&s, IPPROTO_TCP, "10.0.8.1", 80, "rr");
	memset(s.pe_name, 'p', sizeof(s.pe_name));
	KT_RC(ipvs_service_add(h, &s), -EINVAL);

	kt_svc(&s, IPPROTO_TCP, "10.0.8.1", 80, "rr");
	s.flags = IPVS_SVC_F_HASHED;
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	s.flags = 0x40;
	KT_RC(ipvs_service_add(h, &s), -EINVAL);
	s.flags = IPVS_SVC_F_PERSISTENT | 0x80000000u;
	KT_RC(ipvs_service_add(h, &s), -EINVAL);

	/* Nothing reached the kernel. */
	ck_assert_uint_eq(kt_svc_count(h), 0);
}
END_TEST

START_TEST(list_empty)
{
	struct ipvs_service *list = NULL;
	size_t n = 7;

	KT_OK(ipvs_service_list(h, &list, &n));
	ck_assert_uint_eq(n, 0);
	free(list);
}
END_TEST

START_TEST(many_services_listed)
{
	/* Enough services to span several dump messages. */
	struct ipvs_service s, *list = NULL;
	size_t n = 0;
	char addr[32];
	unsigned seen[600] = { 0 };

	for (int i = 0; i < 600; i++) {
		snprintf(addr, sizeof(addr), "10.1.%d.%d", i / 250, i % 250 + 1);
		kt_svc(&s, IPPROTO_TCP, addr, 8000 + i, "rr");
		KT_OK(ipvs_service_add(h, &s));
	}
	KT_OK(ipvs_service_list(h, &list, &n));
	ck_assert_uint_eq(n, 600);
	for (size_t i = 0; i < n; i++) {
		int k = list[i].port - 8000;

		ck_assert_int_ge(k, 0);
		ck_assert_int_lt(k, 600);
		snprintf(addr, sizeof(addr), "10.1.%d.%d", k / 250, k % 250 + 1);
		kt_svc(&s, IPPROTO_TCP, addr, 8000 + k, "rr");
		kt_svc_check(&list[i], &s, "listed service");
		seen[k]++;
	}
	for (int i = 0; i < 600; i++)
		ck_assert_uint_eq(seen[i], 1);
	free(list);
}
END_TEST

static Suite *service_suite(void)
{
	Suite *s = suite_create("libipvs services");
	TCase *tc = tcase_create("service");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, v4_add_get_list_del);
	tcase_add_test(tc, protocols_are_distinct);
	tcase_add_test(tc, ipv6_service);
	tcase_add_test(tc, fwmark_v4_and_v6);
	tcase_add_test(tc, every_scheduler);
	tcase_add_test(tc, change_scheduler);
	tcase_add_test(tc, scheduler_flags);
	tcase_add_test(tc, persistence_v4);
	tcase_add_test(tc, persistence_v6_prefix);
	tcase_add_test(tc, one_packet);
	tcase_add_test(tc, pe_sip);
	tcase_add_test(tc, update_is_full_replacement);
	tcase_add_test(tc, kernel_errors);
	tcase_add_test(tc, client_side_validation);
	tcase_add_test(tc, list_empty);
	tcase_add_test(tc, many_services_listed);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return kt_run(service_suite());
}
