/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Committing a batch.  The kernel handles every message of a sendmsg()
 * synchronously, inside that call, and queues one ack per message; so a
 * chunk is sent, then its acks are drained in bulk with recvmmsg() before
 * the next chunk goes.  Sending ahead would gain nothing (the work happens
 * in our own system call) and would only need a bigger receive buffer.  The
 * chunk size is bounded so its acks fit the receive buffer; if acks are lost
 * anyway (ENOBUFS), the requests without one are reported as unknown.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"

/* How long to wait for acks that should already be queued. */
#define BATCH_ACK_TIMEOUT_MS	10000

size_t batch_chunk_end(const struct ipvs_batch *b, size_t first, size_t window)
{
	uint32_t start = b->reqs[first].off;
	size_t end = first + 1;

	while (end < b->n && end - first < window &&
	       b->reqs[end].off + batch_req_len(b, end) - start <= BATCH_CHUNK_BYTES)
		end++;
	return end;
}

/* Keep an ack's text for the callback; returns its offset + 1, 0 if none. */
static uint32_t batch_keep_text(struct ipvs_batch *b, const char *s, size_t len)
{
	size_t need = b->arena_len + len + 1;
	uint32_t at;

	if (need > b->arena_cap) {
		size_t cap = b->arena_cap ? b->arena_cap * 2 : 4096;
		char *p;

		while (cap < need)
			cap *= 2;
		p = realloc(b->arena, cap);
		if (!p)
			return 0;
		b->arena = p;
		b->arena_cap = cap;
	}
	at = (uint32_t)b->arena_len;
	memcpy(b->arena + at, s, len);
	b->arena[at + len] = '\0';
	b->arena_len = need;
	return at + 1;
}

size_t batch_take_acks(struct ipvs_batch *b, size_t first, size_t end,
		       const uint8_t *data, size_t len, bool truncated,
		       uint32_t fence_seq, bool *fenced)
{
	size_t taken = 0;

	while (len >= NLMSG_HDRLEN) {
		const struct nlmsghdr *nh = (const struct nlmsghdr *)data;
		size_t mlen = nh->nlmsg_len, idx;
		const char *msg;
		size_t msglen;
		int err;

		if (mlen < NLMSG_HDRLEN)
			break;
		if (mlen > len) {
			if (!truncated)
				break;
			mlen = len;	/* the slot cut it: the error code is still there */
		}
		if (nh->nlmsg_type == NLMSG_ERROR && nh->nlmsg_seq == fence_seq)
			*fenced = true;
		idx = (uint32_t)(nh->nlmsg_seq - b->seq_base);
		if (nh->nlmsg_type == NLMSG_ERROR && mlen >= NLMSG_HDRLEN + sizeof(int) &&
		    idx >= first && idx < end && b->status[idx - first] == BATCH_PENDING) {
			err = transport_ack_parse(nh, mlen, &msg, &msglen);
			b->status[idx - first] = err > 0 ? -err : err;
			if (msg && msglen)
				b->msg[idx - first] = batch_keep_text(b, msg, msglen);
			taken++;
		}
		mlen = NLMSG_ALIGN(mlen);
		if (mlen >= len)
			break;
		data += mlen;
		len -= mlen;
	}
	return taken;
}

/* Results of a chunk of n requests, all pending. */
static int batch_results_reset(struct ipvs_batch *b, size_t n)
{
	if (n > b->res_cap) {
		int *st = realloc(b->status, n * sizeof(*st));
		uint32_t *msg;

		if (!st)
			return -ENOMEM;
		b->status = st;
		msg = realloc(b->msg, n * sizeof(*msg));
		if (!msg)
			return -ENOMEM;
		b->msg = msg;
		b->res_cap = n;
	}
	for (size_t i = 0; i < n; i++) {
		b->status[i] = BATCH_PENDING;
		b->msg[i] = 0;
	}
	return 0;
}

/*
 * Read the acks of requests [first, end), up to the chunk's fence.  A request
 * without an ack is unknown: its ack was lost (ENOBUFS), or the kernel sent
 * none (-EINTR, which for DEL_DAEMON still means the daemon stopped).
 */
static void batch_drain(struct ipvs_batch *b, size_t first, size_t end, uint32_t fence_seq)
{
	int fd = b->h->fd;
	bool lost = false, fenced = false;

	while (!fenced) {
		int k = recvmmsg(fd, b->acks.v, b->acks.slots, MSG_DONTWAIT, NULL);

		if (k < 0) {
			int soerr = 0;
			socklen_t sl = sizeof(soerr);
			struct pollfd p = { .fd = fd, .events = POLLIN };

			if (errno == EINTR)
				continue;
			if (errno == ENOBUFS) {
				lost = true;	/* read what did arrive, then stop */
				continue;
			}
			if ((errno != EAGAIN && errno != EWOULDBLOCK) || lost)
				break;
			if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr) {
				lost = true;
				continue;
			}
			/* The kernel answers within sendmsg(), so this is only
			 * a safety net. */
			if (poll(&p, 1, BATCH_ACK_TIMEOUT_MS) <= 0)
				break;
			continue;
		}
		for (int i = 0; i < k; i++)
			batch_take_acks(b, first, end, rx_ring_slot(&b->acks, i),
					b->acks.v[i].msg_len,
					b->acks.v[i].msg_hdr.msg_flags & MSG_TRUNC,
					fence_seq, &fenced);
	}
	for (size_t i = first; i < end; i++) {
		int *st = &b->status[i - first];

		if (*st != BATCH_PENDING)
			continue;
		if (fenced && !lost && b->reqs[i].op == IPVS_OP_DAEMON_STOP)
			*st = 0;
		else
			*st = IPVS_BATCH_UNKNOWN;
	}
}

/* Hand [first, end) to the callback in order; returns how many failed. */
static int batch_report(struct ipvs_batch *b, size_t first, size_t end,
			ipvs_batch_cb cb, void *arg)
{
	int failed = 0;

	for (size_t i = first; i < end; i++) {
		const struct batch_req *r = &b->reqs[i];
		int status = b->status[i - first];
		const char *msg = NULL;

		if (status != 0) {
			failed++;
			if (b->msg[i - first])
				msg = b->arena + b->msg[i - first] - 1;
			else if (status == IPVS_BATCH_UNKNOWN)
				msg = "outcome unknown: the kernel's answer was lost";
			else
				msg = ipvs_strerror(r->op, status);
		}
		if (cb)
			cb(arg, r->cookie, r->op, status, msg);
	}
	b->arena_len = 0;
	return failed;
}

static void batch_empty(struct ipvs_batch *b)
{
	b->n = 0;
	nlbuf_reset(&b->buf);
	b->arena_len = 0;
}

IPVS_EXPORT int ipvs_batch_commit(struct ipvs_batch *b, ipvs_batch_cb cb, void *arg)
{
	size_t window, first, end;
	int failed = 0, err;

	if (!b)
		return -EINVAL;
	if (b->n == 0)
		return 0;
	err = rx_ring_setup(&b->acks, BATCH_ACK_SLOTS, BATCH_ACK_SLOT_SIZE);
	if (err < 0) {
		batch_empty(b);
		return err;
	}
	transport_size_for_bulk(b->h);
	window = b->window;
	if (!window) {
		/* Half the receive buffer for acks leaves room to spare. */
		window = (size_t)b->h->rcvbuf / 2 / BATCH_ACK_TRUESIZE;
		if (window < 1)
			window = 1;
	}
	for (first = 0; first < b->n; first = end) {
		const struct batch_req *r = &b->reqs[first];
		struct nlmsghdr fence;
		struct iovec iov[2];

		end = batch_chunk_end(b, first, window);
		if (batch_results_reset(b, end - first) < 0) {
			err = -ENOMEM;
			handle_set_errmsg(b->h, "out of memory");
			if (first == 0) {
				batch_empty(b);
				return err;
			}
			failed += (int)(b->n - first);
			break;
		}
		iov[0].iov_base = b->buf.data + r->off;
		iov[0].iov_len = b->reqs[end - 1].off + batch_req_len(b, end - 1) - r->off;
		iov[1].iov_base = &fence;
		iov[1].iov_len = sizeof(fence);
		transport_fence(&fence, handle_next_seq(b->h));
		err = transport_sendv(b->h, iov, 2);
		if (err < 0) {
			handle_set_errmsg(b->h, "cannot send to the kernel: %s", strerror(-err));
			if (first == 0) {
				batch_empty(b);
				return err;
			}
			/* Nothing from here on reached the kernel. */
			for (size_t i = first; i < end; i++)
				b->status[i - first] = err;
			failed += batch_report(b, first, end, cb, arg);
			for (first = end; first < b->n; first = end) {
				end = batch_chunk_end(b, first, window);
				if (batch_results_reset(b, end - first) < 0)
					break;
				for (size_t i = first; i < end; i++)
					b->status[i - first] = err;
				failed += batch_report(b, first, end, cb, arg);
			}
			break;
		}
		batch_drain(b, first, end, fence.nlmsg_seq);
		failed += batch_report(b, first, end, cb, arg);
	}
	if (failed)
		handle_set_errmsg(b->h, "%d of %zu requests did not succeed", failed, b->n);
	batch_empty(b);
	return failed;
}
