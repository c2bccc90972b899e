/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Lost acks: the IPVS_BATCH_UNKNOWN path of ipvs_batch_commit() against the
 * real kernel.
 *
 * The library sizes its batch chunks so that their acks fit the receive
 * buffer it reads back with getsockopt().  tests/kernel/squeeze-rcvbuf.c,
 * linked in, takes the place of libc's setsockopt() and getsockopt() for
 * libipvs and libnl (-export-dynamic in lib.mk): while SQUEEZE_RCVBUF is
 * set, a new handle's receive buffer is tiny but reported as the size that
 * was asked for.  The kernel then drops acks (ENOBUFS) although it applied
 * the requests, which is exactly the situation the library must report as
 * unknown.
 */
#include "config.h"
#include "ktest.h"
#include "squeeze-rcvbuf.h"

#include <stdio.h>
#include <stdlib.h>

struct tally {
	size_t calls, ok, unknown, other;
	uint64_t next_cookie;
	int in_order, msg_missing;
};

static void count(void *arg, uint64_t cookie, enum ipvs_op op, int status, const char *msg)
{
	struct tally *t = arg;

	if (cookie != t->next_cookie)
		t->in_order = 0;
	t->next_cookie = cookie + 1;
	t->calls++;
	if (status == 0)
		t->ok++;
	else if (status == IPVS_BATCH_UNKNOWN)
		t->unknown++;
	else
		t->other++;
	if (status != 0 && (!msg || !*msg))
		t->msg_missing++;
}

static void svc_n(struct ipvs_service *s, int i)
{
	char addr[32];

	snprintf(addr, sizeof(addr), "10.50.%d.%d", i / 250, i % 250 + 1);
	kt_svc(s, IPPROTO_TCP, addr, 80, "rr");
}

START_TEST(lost_acks_are_unknown)
{
	enum { N = 3000 };
	struct ipvs_handle *h = NULL, *plain;
	struct ipvs_batch *b = NULL;
	struct ipvs_service s, got;
	struct tally t = { .in_order = 1 };
	int rc;

	/* Set until the first commit: the library sizes its buffers then. */
	setenv("SQUEEZE_RCVBUF", "4096", 1);
	KT_OK(ipvs_open(&h));
	KT_OK(ipvs_flush(h));
	KT_OK(ipvs_batch_new(h, &b));
	for (int i = 0; i < N; i++) {
		svc_n(&s, i);
		KT_OK(ipvs_batch_service_add(b, &s, i));
	}
	rc = ipvs_batch_commit(b, count, &t);
	unsetenv("SQUEEZE_RCVBUF");
	ck_assert_int_gt(squeeze_rcvbuf_asked(), 0);	/* the library did ask */
	printf("%d requests: %zu ok, %zu unknown, %zu other; commit returned %d\n",
	       N, t.ok, t.unknown, t.other, rc);
	ck_assert_uint_eq(t.calls, N);
	ck_assert_msg(t.in_order, "callbacks out of order");
	ck_assert_uint_eq(t.other, 0);
	ck_assert_uint_eq(t.msg_missing, 0);
	ck_assert_int_eq(rc, (int)t.unknown);
	/* The squeeze worked: some acks were lost. */
	ck_assert_uint_gt(t.unknown, 0);

	/* The kernel applied every request, reported or not; read it on a
	 * handle with a normal buffer. */
	KT_OK(ipvs_open(&plain));
	ck_assert_uint_eq(kt_svc_count(plain), N);

	/* The squeezed handle is still in step: no stale ack is mistaken for
	 * the answer to a later request. */
	svc_n(&s, 17);
	KT_OK(ipvs_service_get(h, &s, &got));
	kt_svc_check(&got, &s, "after lost acks");
	KT_RC(ipvs_service_add(h, &s), -EEXIST);
	svc_n(&s, N + 1);
	KT_RC(ipvs_service_get(h, &s, &got), -ESRCH);
	KT_OK(ipvs_service_add(h, &s));
	KT_OK(ipvs_service_del(h, &s));
	KT_RC(ipvs_service_del(h, &s), -ESRCH);

	/* And a second batch on it still reports every request. */
	t = (struct tally){ .in_order = 1 };
	for (int i = 0; i < N; i++) {
		svc_n(&s, i);
		KT_OK(ipvs_batch_service_del(b, &s, i));
	}
	rc = ipvs_batch_commit(b, count, &t);
	ck_assert_uint_eq(t.calls, N);
	ck_assert_msg(t.in_order, "callbacks out of order");
	ck_assert_uint_eq(t.other, 0);
	ck_assert_int_eq(rc, (int)t.unknown);
	ck_assert_uint_eq(kt_svc_count(plain), 0);

	ipvs_batch_free(b);
	ipvs_close(h);
	ipvs_close(plain);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libipvs lost acks");
	TCase *tc = tcase_create("enobufs");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, lost_acks_are_unknown);
	suite_add_tcase(s, tc);
	return kt_run(s);
}
