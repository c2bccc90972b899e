/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Batches without a kernel: encoding at append time, ack matching, and whole
 * commits against a fake kernel on the other end of a socketpair, which
 * answers the way netlink does (one ack datagram per request, some errors,
 * some acks missing).  The same fake checks the single-request path.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "batch.h"
#include "util.h"

#define SWALLOW	1	/* fake verdict: send no ack at all */

struct fake {
	int		fd;
	pthread_t	thread;
	int		datagrams;	/* sendmsg() calls seen */
	int		requests;	/* non-NOOP messages seen */
	uint32_t	first_seq;
	int		(*verdict)(struct fake *f, const struct nlmsghdr *nh, int index);
};

static struct ipvs_handle *h;
static struct ipvs_batch *b;
static struct fake fk;

static void fake_send(int fd, const void *p, size_t len)
{
	ck_assert_int_eq(send(fd, p, len, 0), (ssize_t)len);
}

/* An ack as netlink sends it with NETLINK_CAP_ACK (and EXT_ACK text). */
static void fake_ack(int fd, const struct nlmsghdr *req, int err, const char *text)
{
	uint8_t buf[512] = { 0 };
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nh);
	size_t len = NLMSG_HDRLEN + sizeof(*e);

	nh->nlmsg_type = NLMSG_ERROR;
	nh->nlmsg_flags = err ? 0x100 : 0;	/* NLM_F_CAPPED */
	nh->nlmsg_seq = req->nlmsg_seq;
	e->error = err;
	e->msg = *req;
	if (text) {
		struct nlattr *a = (struct nlattr *)(buf + len);

		nh->nlmsg_flags |= 0x200;	/* NLM_F_ACK_TLVS */
		a->nla_type = 1;
		a->nla_len = NLA_HDRLEN + strlen(text) + 1;
		memcpy(a + 1, text, strlen(text) + 1);
		len += NLA_ALIGN(a->nla_len);
	}
	nh->nlmsg_len = len;
	fake_send(fd, buf, len);
}

/* For GET_SERVICE: a NEW_SERVICE reply naming fwmark 99. */
static void fake_service_reply(int fd, const struct nlmsghdr *req)
{
	struct ipvs_service s = { .af = AF_INET, .fwmark = 99, .netmask = ~0u };
	const struct codec_hdr hdr = { T_FAMILY, 0, req->nlmsg_seq };
	struct nlbuf out;

	strcpy(s.sched_name, "rr");
	nlbuf_init(&out);
	ck_assert_int_eq(codec_service_msg(&out, &hdr, IPVS_CMD_NEW_SERVICE, &s, true), 0);
	fake_send(fd, out.data, out.len);
	nlbuf_free(&out);
}

static void *fake_run(void *arg)
{
	struct fake *f = arg;
	size_t cap = 1 << 20;
	uint8_t *buf = malloc(cap);

	for (;;) {
		ssize_t n = recv(f->fd, buf, cap, 0);
		int rem = (int)n;

		if (n <= 0)
			break;
		f->datagrams++;
		for (struct nlmsghdr *nh = (void *)buf; NLMSG_OK(nh, rem); nh = NLMSG_NEXT(nh, rem)) {
			const struct genlmsghdr *g = NLMSG_DATA(nh);
			int v;

			if (nh->nlmsg_type == NLMSG_NOOP) {
				fake_ack(f->fd, nh, 0, NULL);
				continue;
			}
			v = f->verdict(f, nh, f->requests++);
			if (v == SWALLOW)
				continue;
			if (g->cmd == IPVS_CMD_GET_SERVICE && v == 0)
				fake_service_reply(f->fd, nh);
			fake_ack(f->fd, nh, v, v == -EEXIST ? "already there" : NULL);
		}
	}
	free(buf);
	return NULL;
}

static int verdict_ok(struct fake *f, const struct nlmsghdr *nh, int i)
{
	return 0;
}

/* Every 10th request from the 4th fails, request 17 is never acked. */
static int verdict_mixed(struct fake *f, const struct nlmsghdr *nh, int i)
{
	if (i == 17)
		return SWALLOW;
	return i % 10 == 3 ? -EEXIST : 0;
}

static int verdict_swallow(struct fake *f, const struct nlmsghdr *nh, int i)
{
	return SWALLOW;
}

static void setup(void)
{
	int sv[2], big = 4 << 20;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	for (int i = 0; i < 2; i++) {
		setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
		setsockopt(sv[i], SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	}
	h = calloc(1, sizeof(*h));
	h->fd = sv[0];
	h->family = T_FAMILY;
	h->seq = 5000;
	h->rcvbuf = 8 << 20;
	nlbuf_init(&h->req);
	memset(&fk, 0, sizeof(fk));
	fk.fd = sv[1];
	fk.verdict = verdict_ok;
	ck_assert_int_eq(ipvs_batch_new(h, &b), 0);
}

static void fake_start(int (*verdict)(struct fake *, const struct nlmsghdr *, int))
{
	fk.verdict = verdict;
	ck_assert_int_eq(pthread_create(&fk.thread, NULL, fake_run, &fk), 0);
}

static void teardown(void)
{
	ipvs_batch_free(b);
	if (fk.thread) {
		shutdown(fk.fd, SHUT_RDWR);
		shutdown(h->fd, SHUT_RDWR);
		pthread_join(fk.thread, NULL);
	}
	close(fk.fd);
	close(h->fd);
	nlbuf_free(&h->req);
	rx_ring_free(&h->rx);
	free(h);
}

static struct ipvs_service svc(int i)
{
	struct ipvs_service s = { .af = AF_INET, .protocol = IPPROTO_TCP, .port = 1000 + i,
				  .netmask = ~0u };

	s.addr.in.s_addr = htonl(0x0a000001);
	strcpy(s.sched_name, "rr");
	return s;
}

static struct ipvs_dest dest(int i)
{
	struct ipvs_dest d = { .port = 80, .fwd = IPVS_FWD_MASQ, .weight = 1 };

	d.addr.in.s_addr = htonl(0xc0a80000 + i);
	return d;
}

/* Append n requests: service adds and dest adds alternating. */
static void append(int n)
{
	for (int i = 0; i < n; i++) {
		struct ipvs_service s = svc(i / 2);
		struct ipvs_dest d = dest(i);

		if (i % 2 == 0)
			ck_assert_int_eq(ipvs_batch_service_add(b, &s, 100 + i), 0);
		else
			ck_assert_int_eq(ipvs_batch_dest_add(b, &s, &d, 100 + i), 0);
	}
}

START_TEST(encoding_at_append)
{
	struct ipvs_service s = svc(0);
	struct ipvs_dest d = dest(0);
	struct ipvs_timeouts t = { 1, 2, 3 };
	struct ipvs_daemon dm = { .state = IPVS_DAEMON_BACKUP };
	static const uint8_t cmds[] = { IPVS_CMD_NEW_SERVICE, IPVS_CMD_SET_SERVICE,
					IPVS_CMD_DEL_SERVICE, IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST,
					IPVS_CMD_DEL_DEST, IPVS_CMD_ZERO, IPVS_CMD_FLUSH,
					IPVS_CMD_SET_CONFIG, IPVS_CMD_NEW_DAEMON,
					IPVS_CMD_DEL_DAEMON };
	size_t off = 0;

	strcpy(dm.mcast_ifn, "eth1");
	ck_assert_int_eq(ipvs_batch_service_add(b, &s, 10), 0);
	ck_assert_int_eq(ipvs_batch_service_update(b, &s, 11), 0);
	ck_assert_int_eq(ipvs_batch_service_del(b, &s, 12), 0);
	ck_assert_int_eq(ipvs_batch_dest_add(b, &s, &d, 13), 0);
	ck_assert_int_eq(ipvs_batch_dest_update(b, &s, &d, 14), 0);
	ck_assert_int_eq(ipvs_batch_dest_del(b, &s, &d, 15), 0);
	ck_assert_int_eq(ipvs_batch_zero(b, NULL, 16), 0);
	ck_assert_int_eq(ipvs_batch_flush(b, 17), 0);
	ck_assert_int_eq(ipvs_batch_timeouts_set(b, &t, 18), 0);
	ck_assert_int_eq(ipvs_batch_daemon_start(b, &dm, 19), 0);
	ck_assert_int_eq(ipvs_batch_daemon_stop(b, &dm, 20), 0);
	ck_assert_uint_eq(ipvs_batch_size(b), 11);
	ck_assert_uint_eq(b->seq_base, 5001);
	/* Single requests made now cannot reuse the batch's numbers. */
	ck_assert_uint_ge(h->seq, 5011);
	for (size_t i = 0; i < 11; i++) {
		const struct nlmsghdr *nh = (const struct nlmsghdr *)(b->buf.data + off);

		ck_assert_uint_eq(b->reqs[i].off, off);
		ck_assert_uint_eq(b->reqs[i].cookie, 10 + i);
		ck_assert_uint_eq(nh->nlmsg_seq, 5001 + i);
		ck_assert_uint_eq(nh->nlmsg_type, T_FAMILY);
		ck_assert_uint_eq(nh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
		ck_assert_uint_eq(((const struct genlmsghdr *)NLMSG_DATA(nh))->cmd, cmds[i]);
		ck_assert_uint_eq(NLMSG_ALIGN(nh->nlmsg_len), batch_req_len(b, i));
		off += batch_req_len(b, i);
	}
	ck_assert_uint_eq(off, b->buf.len);
	ck_assert_int_eq(b->reqs[0].op, IPVS_OP_SERVICE_ADD);
	ck_assert_int_eq(b->reqs[10].op, IPVS_OP_DAEMON_STOP);
}
END_TEST

START_TEST(bad_append_queues_nothing)
{
	struct ipvs_service s = svc(0), bad = svc(1);
	struct ipvs_dest d = dest(0);
	struct ipvs_daemon dm = { .state = 0 };
	size_t len;

	ck_assert_int_eq(ipvs_batch_service_add(b, &s, 1), 0);
	len = b->buf.len;
	bad.protocol = 99;
	ck_assert_int_eq(ipvs_batch_service_add(b, &bad, 2), -EINVAL);
	ck_assert_ptr_nonnull(strstr(ipvs_errmsg(h), "protocol"));
	d.fwd = 6;
	ck_assert_int_eq(ipvs_batch_dest_add(b, &s, &d, 3), -EINVAL);
	ck_assert_int_eq(ipvs_batch_daemon_stop(b, &dm, 4), -EINVAL);
	ck_assert_int_eq(ipvs_batch_timeouts_set(b, NULL, 5), -EINVAL);
	ck_assert_int_eq(ipvs_batch_service_add(NULL, &s, 6), -EINVAL);
	ck_assert_uint_eq(ipvs_batch_size(b), 1);
	ck_assert_uint_eq(b->buf.len, len);
}
END_TEST

START_TEST(chunks_bounded_by_window_and_bytes)
{
	size_t end, total = 0;

	append(3000);
	ck_assert_uint_eq(batch_chunk_end(b, 0, 7), 7);
	ck_assert_uint_eq(batch_chunk_end(b, 2995, 7), 3000);
	for (size_t first = 0; first < 3000; first = end) {
		end = batch_chunk_end(b, first, 100000);
		ck_assert_uint_le(b->reqs[end - 1].off + batch_req_len(b, end - 1) -
				  b->reqs[first].off, BATCH_CHUNK_BYTES);
		/* Full chunks: at least 40 requests each. */
		if (end < 3000)
			ck_assert_uint_ge(end - first, 40);
		total += end - first;
	}
	ck_assert_uint_eq(total, 3000);
}
END_TEST

START_TEST(acks_matched_by_seq)
{
	uint8_t dg[512] = { 0 };
	struct nlmsghdr *nh = (struct nlmsghdr *)dg;
	struct nlmsgerr *e;
	bool fenced = false;

	append(5);
	b->status = calloc(5, sizeof(*b->status));
	b->msg = calloc(5, sizeof(*b->msg));
	b->res_cap = 5;
	for (int i = 0; i < 5; i++)
		b->status[i] = BATCH_PENDING;
	/* Two acks in one datagram, the second for request 3 with an error. */
	for (int k = 0; k < 2; k++) {
		nh = (struct nlmsghdr *)(dg + k * NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(*e)));
		e = NLMSG_DATA(nh);
		nh->nlmsg_len = NLMSG_HDRLEN + sizeof(*e);
		nh->nlmsg_type = NLMSG_ERROR;
		nh->nlmsg_seq = b->seq_base + (k ? 3 : 0);
		e->error = k ? -ENOENT : 0;
	}
	ck_assert_uint_eq(batch_take_acks(b, 0, 5, dg, 2 * NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(*e)),
					  false, 1, &fenced), 2);
	ck_assert_int_eq(b->status[0], 0);
	ck_assert_int_eq(b->status[3], -ENOENT);
	ck_assert_int_eq(b->status[1], BATCH_PENDING);
	ck_assert(!fenced);
	/* A repeated ack, or one outside the chunk, changes nothing. */
	ck_assert_uint_eq(batch_take_acks(b, 0, 5, dg, NLMSG_HDRLEN + sizeof(*e), false, 1,
					  &fenced), 0);
	ck_assert_uint_eq(batch_take_acks(b, 4, 5, dg + NLMSG_ALIGN(NLMSG_HDRLEN + sizeof(*e)),
					  NLMSG_HDRLEN + sizeof(*e), false, 1, &fenced), 0);
	/* A truncated ack still yields its error code; the fence is seen. */
	nh = (struct nlmsghdr *)dg;
	e = NLMSG_DATA(nh);
	nh->nlmsg_seq = b->seq_base + 1;
	nh->nlmsg_len = 300;
	e->error = -EEXIST;
	ck_assert_uint_eq(batch_take_acks(b, 0, 5, dg, NLMSG_HDRLEN + 8, true, 1, &fenced), 1);
	ck_assert_int_eq(b->status[1], -EEXIST);
	nh->nlmsg_len = NLMSG_HDRLEN + sizeof(*e);
	nh->nlmsg_seq = 777;
	ck_assert_uint_eq(batch_take_acks(b, 0, 5, dg, nh->nlmsg_len, false, 777, &fenced), 0);
	ck_assert(fenced);
}
END_TEST

struct seen {
	int		n;
	int		failed;
	uint64_t	cookies[4096];
	int		status[4096];
	enum ipvs_op	ops[4096];
	char		msg17[128];
	char		msg3[128];
};

static void on_result(void *arg, uint64_t cookie, enum ipvs_op op, int status, const char *msg)
{
	struct seen *s = arg;

	if (status)
		ck_assert_ptr_nonnull(msg);
	else
		ck_assert_ptr_null(msg);
	if (s->n == 17)
		snprintf(s->msg17, sizeof(s->msg17), "%s", msg ? msg : "");
	if (s->n == 3)
		snprintf(s->msg3, sizeof(s->msg3), "%s", msg ? msg : "");
	s->cookies[s->n] = cookie;
	s->status[s->n] = status;
	s->ops[s->n] = op;
	s->failed += status != 0;
	s->n++;
}

START_TEST(commit_reports_every_request_in_order)
{
	static struct seen seen;
	int ret;

	memset(&seen, 0, sizeof(seen));
	fake_start(verdict_mixed);
	append(50);
	b->window = 7;
	ret = ipvs_batch_commit(b, on_result, &seen);
	ck_assert_int_eq(seen.n, 50);
	/* 5 errors (3, 13, 23, 33, 43) and one unknown (17). */
	ck_assert_int_eq(ret, 6);
	ck_assert_int_eq(seen.failed, 6);
	for (int i = 0; i < 50; i++) {
		ck_assert_uint_eq(seen.cookies[i], 100 + i);
		ck_assert_int_eq(seen.ops[i], i % 2 ? IPVS_OP_DEST_ADD : IPVS_OP_SERVICE_ADD);
		if (i == 17)
			ck_assert_int_eq(seen.status[i], IPVS_BATCH_UNKNOWN);
		else
			ck_assert_int_eq(seen.status[i], i % 10 == 3 ? -EEXIST : 0);
	}
	ck_assert_str_eq(seen.msg3, "already there");
	ck_assert_ptr_nonnull(strstr(seen.msg17, "unknown"));
	/* One sendmsg per window of 7 (each with its fence). */
	ck_assert_int_eq(fk.datagrams, 8);
	ck_assert_uint_eq(ipvs_batch_size(b), 0);
	/* The batch can be used again. */
	memset(&seen, 0, sizeof(seen));
	append(3);
	ck_assert_int_eq(ipvs_batch_commit(b, on_result, &seen), 0);
	ck_assert_int_eq(seen.n, 3);
}
END_TEST

START_TEST(commit_large_batch_few_sendmsgs)
{
	static struct seen seen;

	memset(&seen, 0, sizeof(seen));
	fake_start(verdict_ok);
	append(4000);
	ck_assert_int_eq(ipvs_batch_commit(b, on_result, &seen), 0);
	ck_assert_int_eq(seen.n, 4000);
	ck_assert_int_le(fk.datagrams, 4000 / 40);
	ck_assert_int_eq(fk.requests, 4000);
}
END_TEST

START_TEST(commit_without_acks_is_unknown_not_success)
{
	static struct seen seen;
	struct ipvs_daemon dm = { .state = IPVS_DAEMON_MASTER };

	memset(&seen, 0, sizeof(seen));
	fake_start(verdict_swallow);
	append(4);
	/* DEL_DAEMON's missing ack is the kernel's -EINTR: the daemon stopped. */
	ck_assert_int_eq(ipvs_batch_daemon_stop(b, &dm, 999), 0);
	ck_assert_int_eq(ipvs_batch_commit(b, on_result, &seen), 4);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(seen.status[i], IPVS_BATCH_UNKNOWN);
	ck_assert_int_eq(seen.status[4], 0);
	ck_assert_uint_eq(seen.cookies[4], 999);
}
END_TEST

START_TEST(single_requests_through_the_fake)
{
	struct ipvs_service s = svc(1), out;
	struct ipvs_daemon dm = { .state = IPVS_DAEMON_BACKUP };

	fake_start(verdict_mixed);
	/* Requests 0..2 succeed; GET_SERVICE gets a reply before its ack. */
	ck_assert_int_eq(ipvs_service_add(h, &s), 0);
	ck_assert_int_eq(ipvs_service_get(h, &s, &out), 0);
	ck_assert_uint_eq(out.fwmark, 99);
	ck_assert_str_eq(out.sched_name, "rr");
	ck_assert_int_eq(ipvs_flush(h), 0);
	/* Request 3 fails with extended-ack text. */
	ck_assert_int_eq(ipvs_service_add(h, &s), -EEXIST);
	ck_assert_str_eq(ipvs_errmsg(h), "already there");
	/* Skip to request 17, which is never acked. */
	for (int i = 4; i < 17; i++)
		ipvs_flush(h);
	ck_assert_int_eq(fk.requests, 17);
	ck_assert_int_eq(ipvs_daemon_stop(h, &dm), 0);
	ck_assert_int_eq(fk.requests, 18);
	/* Validation failures never reach the kernel. */
	s.protocol = 0;
	ck_assert_int_eq(ipvs_service_add(h, &s), -EINVAL);
	ck_assert_int_eq(fk.requests, 18);
}
END_TEST

START_TEST(single_request_without_ack)
{
	struct ipvs_service s = svc(1);

	fake_start(verdict_swallow);
	ck_assert_int_eq(ipvs_service_add(h, &s), -EINTR);
	ck_assert_ptr_nonnull(strstr(ipvs_errmsg(h), "did not report"));
}
END_TEST

Suite *lib_batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("batch");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, encoding_at_append);
	tcase_add_test(tc, bad_append_queues_nothing);
	tcase_add_test(tc, chunks_bounded_by_window_and_bytes);
	tcase_add_test(tc, acks_matched_by_seq);
	tcase_add_test(tc, commit_reports_every_request_in_order);
	tcase_add_test(tc, commit_large_batch_few_sendmsgs);
	tcase_add_test(tc, commit_without_acks_is_unknown_not_success);
	tcase_add_test(tc, single_requests_through_the_fake);
	tcase_add_test(tc, single_request_without_ack);
	suite_add_tcase(s, tc);
	return s;
}
