/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The compact desired table (ipvs_want_*): what goes in comes out in its
 * plans, whatever the values and the order things are added in. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct ipvs_service w_svc(const char *addr, uint16_t port, uint64_t cookie)
{
	struct ipvs_service s;

	memset(&s, 0, sizeof(s));
	s.af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	s.protocol = IPPROTO_TCP;
	ck_assert_int_eq(inet_pton(s.af, addr, &s.addr), 1);
	s.port = port;
	strcpy(s.sched_name, "rr");
	s.netmask = s.af == AF_INET ? 0xffffffff : 128;
	s.cookie = cookie;
	return s;
}

static struct ipvs_dest w_dest(const char *addr, uint16_t port, int32_t weight, uint64_t cookie)
{
	struct ipvs_dest d;

	memset(&d, 0, sizeof(d));
	d.af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	ck_assert_int_eq(inet_pton(d.af, addr, &d.addr), 1);
	d.port = port;
	d.fwd = IPVS_FWD_ROUTE;
	d.weight = weight;
	d.cookie = cookie;
	return d;
}

/* The plan from an empty table: every service and destination added, so
 * each comes back as it is held. */
static struct ipvs_plan *w_plan(const struct ipvs_want *w)
{
	struct ipvs_table empty = { 0 };
	struct ipvs_plan *p = NULL;

	ck_assert_int_eq(ipvs_want_diff_table(&empty, w, NULL, &p), 0);
	ck_assert_ptr_nonnull(p);
	return p;
}

/* Values at their extremes come back exactly. */
START_TEST(every_value_kept)
{
	struct ipvs_service s = w_svc("2001:db8::1", 443, UINT64_MAX), f;
	struct ipvs_dest d[5];
	struct ipvs_want *w;
	struct ipvs_plan *p;

	memcpy(s.sched_name, "0123456789abcdef", IPVS_SCHED_NAME_MAX);	/* no NUL */
	strcpy(s.pe_name, "sip");
	s.flags = IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_ONEPACKET | IPVS_SVC_F_SCHED3;
	s.timeout = UINT32_MAX;
	s.netmask = 64;
	memset(&f, 0, sizeof(f));
	f.af = AF_INET6;
	f.protocol = IPPROTO_TCP;
	f.fwmark = UINT32_MAX;
	f.port = 7;
	f.netmask = 0;
	strcpy(f.sched_name, "wlc");
	f.cookie = 0;
	d[0] = w_dest("2001:db8::10", 443, INT32_MAX, 0);
	d[0].u_threshold = UINT32_MAX;
	d[0].l_threshold = 1;
	d[1] = w_dest("10.1.0.7", 6080, 0, UINT64_MAX);
	d[1].fwd = IPVS_FWD_TUNNEL;
	d[1].tun_type = IPVS_TUN_GUE;
	d[1].tun_port = 65535;
	d[1].tun_flags = IPVS_TUN_F_REMCSUM;
	d[2] = w_dest("10.1.0.8", 443, 1, 5);	/* the cookie goes down and up */
	d[2].fwd = IPVS_FWD_MASQ;
	d[2].af = 0;				/* the service's family */
	d[3] = w_dest("10.1.0.9", 0, 3, 1ULL << 40);
	d[3].fwd = 1000;			/* kept, even if no kernel takes it */
	d[4] = w_dest("10.1.0.9", 443, 2, 6);	/* fwmark: the port is its own */

	ck_assert_int_eq(ipvs_want_new(&w), 0);
	ck_assert_int_eq(ipvs_want_service_add(w, &s), 0);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(ipvs_want_dest_add(w, &s, &d[i]), 0);
	ck_assert_int_eq(ipvs_want_service_add(w, &f), 0);
	ck_assert_int_eq(ipvs_want_dest_add(w, &f, &d[4]), 0);
	ck_assert_uint_eq(ipvs_want_count(w), 2);
	p = w_plan(w);
	ck_assert_uint_eq(p->n_changes, 7);
	ck_assert_int_eq(p->changes[0].kind, IPVS_CHANGE_SERVICE_ADD);
	ck_assert(!memcmp(&p->changes[0].svc, &s, sizeof(s)));
	ck_assert(!memcmp(&p->changes[1].svc, &f, sizeof(f)));
	for (int i = 0; i < 5; i++) {
		struct ipvs_dest want = d[i];

		if (!want.af)
			want.af = AF_INET6;	/* a plan's destination has one */
		ck_assert_int_eq(p->changes[2 + i].kind, IPVS_CHANGE_DEST_ADD);
		ck_assert_msg(!memcmp(&p->changes[2 + i].dest, &want, sizeof(want)), "dest %d", i);
		ck_assert_uint_eq(p->changes[2 + i].cookie, d[i].cookie);
	}
	ipvs_plan_free(p);
	ipvs_want_free(w);
}
END_TEST

/* Destinations before their service, and mixed between services, are
 * each service's in the order added. */
START_TEST(any_order_of_lines)
{
	struct ipvs_service a = w_svc("10.0.0.1", 80, 3), b = w_svc("10.0.0.2", 80, 5);
	struct ipvs_dest d1 = w_dest("10.1.0.1", 80, 1, 1), d2 = w_dest("10.1.0.2", 80, 1, 2);
	struct ipvs_dest d4 = w_dest("10.1.0.4", 80, 1, 4), d6 = w_dest("10.1.0.6", 80, 1, 6);
	struct ipvs_dest d7 = w_dest("10.1.0.7", 80, 1, 7);
	struct ipvs_want *w;
	struct ipvs_plan *p;
	char got[256] = "";
	size_t len = 0;

	ck_assert_int_eq(ipvs_want_new(&w), 0);
	ck_assert(!ipvs_want_has_service(w, &a));
	ck_assert_int_eq(ipvs_want_dest_add(w, &a, &d1), 1);	/* held */
	ck_assert_int_eq(ipvs_want_dest_add(w, &b, &d2), 1);
	ck_assert(!ipvs_want_has_service(w, &a));
	ck_assert_int_eq(ipvs_want_service_add(w, &a), 0);	/* takes d1 */
	ck_assert(ipvs_want_has_service(w, &a));
	ck_assert_int_eq(ipvs_want_dest_add(w, &a, &d4), 0);
	ck_assert_int_eq(ipvs_want_service_add(w, &b), 0);
	ck_assert_int_eq(ipvs_want_dest_add(w, &a, &d6), 0);
	ck_assert_int_eq(ipvs_want_dest_add(w, &b, &d7), 0);
	ck_assert_int_eq(ipvs_want_check(w, NULL, NULL), IPVS_TABLE_OK);
	p = w_plan(w);
	for (size_t i = 0; i < p->n_changes; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%llu/%u", i ? " " : "",
					(unsigned long long)p->changes[i].cookie,
					ntohl(p->changes[i].svc.addr.in.s_addr) & 0xff);
	ck_assert_str_eq(got, "3/1 5/2 1/1 4/1 6/1 2/2 7/2");
	ipvs_plan_free(p);
	ipvs_want_free(w);
}
END_TEST

/* A destination whose service never comes is refused, by its cookie. */
START_TEST(destination_without_service)
{
	struct ipvs_service a = w_svc("10.0.0.1", 80, 1), b = w_svc("10.0.0.2", 80, 0);
	struct ipvs_dest d = w_dest("10.1.0.1", 80, 1, 2), e = w_dest("10.1.0.2", 80, 1, 3);
	struct ipvs_table empty = { 0 };
	struct ipvs_plan *p = NULL;
	struct ipvs_want *w;
	uint64_t c;

	ck_assert_int_eq(ipvs_want_new(&w), 0);
	ck_assert_int_eq(ipvs_want_service_add(w, &a), 0);
	ck_assert_int_eq(ipvs_want_dest_add(w, &b, &d), 1);
	ck_assert_int_eq(ipvs_want_dest_add(w, &b, &e), 1);
	ck_assert_int_eq(ipvs_want_check(w, NULL, &c), IPVS_TABLE_NO_SERVICE);
	ck_assert_uint_eq(c, 2);
	ck_assert_int_eq(ipvs_want_diff_table(&empty, w, NULL, &p), -EINVAL);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(ipvs_want_diff(NULL, w, NULL, &p), -EINVAL);
	ipvs_want_free(w);
	ipvs_want_free(NULL);
}
END_TEST

/* A big table (the hash grows many times) plans as ipvs_table_diff does. */
START_TEST(big_table_same_plan)
{
	enum { NS = 3000, ND = 3 };
	struct ipvs_table cur, want;
	struct ipvs_table_entry *ce = calloc(NS, sizeof(*ce)), *we = calloc(NS, sizeof(*we));
	struct ipvs_dest *cd = calloc(NS * ND, sizeof(*cd)), *wd = calloc(NS * ND, sizeof(*wd));
	struct ipvs_plan *p = NULL, *q = NULL;
	struct ipvs_want *w;
	uint64_t line = 0;

	ck_assert(ce && we && cd && wd);
	for (int i = 0; i < NS; i++) {
		char a[32];

		snprintf(a, sizeof(a), "10.%d.%d.1", i / 250, i % 250);
		ce[i].svc = w_svc(a, 80, 0);
		we[i].svc = w_svc(a, i % 7 ? 80 : 81, ++line);	/* some services differ */
		ce[i].dests = &cd[i * ND];
		we[i].dests = &wd[i * ND];
		ce[i].n_dests = we[i].n_dests = ND;
		for (int k = 0; k < ND; k++) {
			snprintf(a, sizeof(a), "192.168.%d.%d", k, i % 250 + 1);
			cd[i * ND + k] = w_dest(a, 80, 1, 0);
			wd[i * ND + k] = w_dest(a, 80, i % 5 ? 1 : 2, ++line);
		}
	}
	cur.n_services = want.n_services = NS;
	cur.services = ce;
	want.services = we;
	ck_assert_int_eq(ipvs_want_new(&w), 0);
	for (int i = 0; i < NS; i++) {
		ck_assert_int_eq(ipvs_want_service_add(w, &we[i].svc), 0);
		for (int k = 0; k < ND; k++)
			ck_assert_int_eq(ipvs_want_dest_add(w, &we[i].svc, &wd[i * ND + k]), 0);
	}
	ck_assert_int_eq(ipvs_table_diff(&cur, &want, NULL, &p), 0);
	ck_assert_int_eq(ipvs_want_diff_table(&cur, w, NULL, &q), 0);
	ck_assert_uint_gt(p->n_changes, 1000);
	ck_assert_uint_eq(p->n_changes, q->n_changes);
	for (size_t i = 0; i < p->n_changes; i++)
		ck_assert(!memcmp(&p->changes[i], &q->changes[i], sizeof(p->changes[i])));
	ipvs_plan_free(p);
	ipvs_plan_free(q);
	ipvs_want_free(w);
	free(ce);
	free(we);
	free(cd);
	free(wd);
}
END_TEST

Suite *lib_want_suite(void)
{
	Suite *s = suite_create("lib-want");
	TCase *tc = tcase_create("want");

	tcase_add_test(tc, every_value_kept);
	tcase_add_test(tc, any_order_of_lines);
	tcase_add_test(tc, destination_without_service);
	tcase_add_test(tc, big_table_same_plan);
	suite_add_tcase(s, tc);
	return s;
}
