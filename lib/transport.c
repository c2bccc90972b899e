/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * One request/answer exchange on the handle's socket: send, then read the
 * reply in bulk into the handle's receive slots (sockbuf.c) up to its end,
 * handing each data message to a callback; acks and kernel errors.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"

#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#define EXTACK_MSG 1	/* NLMSGERR_ATTR_MSG */

int transport_sendv(struct ipvs_handle *h, const struct iovec *iov, int iovcnt)
{
	struct msghdr m = { .msg_iov = (struct iovec *)iov, .msg_iovlen = iovcnt };
	size_t len = 0;
	ssize_t n;

	for (int i = 0; i < iovcnt; i++)
		len += iov[i].iov_len;
	do
		n = sendmsg(h->fd, &m, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EMSGSIZE;
}

void transport_fence(struct nlmsghdr *nh, uint32_t seq)
{
	nh->nlmsg_len = NLMSG_HDRLEN;
	nh->nlmsg_type = NLMSG_NOOP;
	nh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nh->nlmsg_seq = seq;
	nh->nlmsg_pid = 0;
}

int transport_ack_parse(const struct nlmsghdr *nh, size_t len,
			const char **msg, size_t *msglen)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	size_t off;

	*msg = NULL;
	*msglen = 0;
	if (len < NLMSG_HDRLEN + sizeof(int))
		return -EBADMSG;
	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS) || len < NLMSG_HDRLEN + sizeof(*e))
		return e->error;
	/* The TLVs follow the echoed request, or just its header if capped. */
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	while (off + NLA_HDRLEN <= len) {
		const struct nlattr *a = (const struct nlattr *)((const uint8_t *)nh + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > len)
			break;
		if ((a->nla_type & NLA_TYPE_MASK) == EXTACK_MSG && a->nla_len > NLA_HDRLEN) {
			*msg = (const char *)a + NLA_HDRLEN;
			*msglen = strnlen(*msg, a->nla_len - NLA_HDRLEN);
		}
		off += NLA_ALIGN(a->nla_len);
	}
	return e->error;
}

/* The state of one exchange while its answer is read. */
struct talk {
	uint32_t	seq;
	uint32_t	fence_seq;	/* 0 for a dump */
	bool		answered;	/* the request's own ack came */
	bool		done;
	unsigned int	parts;		/* datagrams that carried data */
	int		err;		/* from the kernel */
	int		cb_err;		/* from parsing */
	transport_msg_cb cb;
	void		*arg;
};

static void talk_kernel_error(struct ipvs_handle *h, struct talk *t, enum ipvs_op op,
			      int err, const char *msg, size_t msglen)
{
	t->err = err;
	if (msg && msglen)
		handle_set_errmsg(h, "%.*s", (int)msglen, msg);
	else
		handle_set_errmsg(h, "%s", ipvs_strerror(op, err));
}

/*
 * The fence's ack came.  If the request's did not, the kernel swallowed its
 * result: netlink sends no ack for -EINTR (its "dump started" code), which
 * DEL_DAEMON returns when the sync thread was stopped before it ever ran --
 * the daemon is stopped all the same.
 */
static void talk_fenced(struct ipvs_handle *h, struct talk *t, enum ipvs_op op)
{
	t->done = true;
	if (t->answered || op == IPVS_OP_DAEMON_STOP)
		return;
	t->err = -EINTR;
	handle_set_errmsg(h, "the kernel did not report the outcome of the request");
}

/* Handle the messages of one datagram. */
static void talk_datagram(struct ipvs_handle *h, struct talk *t, enum ipvs_op op,
			  const uint8_t *p, size_t n)
{
	const struct nlmsghdr *nh = (const struct nlmsghdr *)p;
	bool data = false;
	int rem = (int)n;

	for (; NLMSG_OK(nh, rem) && !t->done; nh = NLMSG_NEXT(nh, rem)) {
		const char *msg;
		size_t msglen;
		int err;

		if (t->fence_seq && nh->nlmsg_seq == t->fence_seq &&
		    nh->nlmsg_type == NLMSG_ERROR) {
			talk_fenced(h, t, op);
			break;
		}
		if (nh->nlmsg_seq != t->seq || t->answered)
			continue;	/* left over from an earlier exchange */
		switch (nh->nlmsg_type) {
		case NLMSG_NOOP:
			break;
		case NLMSG_ERROR:
			err = transport_ack_parse(nh, nh->nlmsg_len, &msg, &msglen);
			if (err)
				talk_kernel_error(h, t, op, err, msg, msglen);
			t->answered = true;
			/* A doit's fence ack follows at once; a dump has none. */
			t->done = !t->fence_seq;
			break;
		case NLMSG_DONE:
			/* A dump that failed midway says so in DONE's payload. */
			if (nh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
				memcpy(&err, NLMSG_DATA(nh), sizeof(err));
				if (err < 0)
					talk_kernel_error(h, t, op, err, NULL, 0);
			}
			t->answered = true;
			t->done = true;
			break;
		default:
			data = true;
			if (t->cb && !t->cb_err)
				t->cb_err = t->cb(t->arg, nh);
			break;
		}
	}
	t->parts += data;
}

int transport_talk(struct ipvs_handle *h, enum ipvs_op op, bool dump,
		   transport_msg_cb cb, void *arg)
{
	const struct nlmsghdr *req = (const struct nlmsghdr *)h->req.data;
	struct talk t = { .seq = req->nlmsg_seq, .cb = cb, .arg = arg };
	struct nlmsghdr fence;
	struct iovec iov[2] = { { h->req.data, h->req.len }, { &fence, sizeof(fence) } };
	int err = rx_ring_setup(&h->rx, IPVS_RX_SLOTS, IPVS_RX_SLOT_SIZE);

	if (err < 0) {
		handle_set_errmsg(h, "out of memory");
		return err;
	}
	if (dump)
		transport_size_for_bulk(h);
	/* A doit is followed by a NOOP that the netlink core always acks, so
	 * the answer is known to be complete even when the kernel sends none. */
	if (!dump) {
		t.fence_seq = handle_next_seq(h);
		transport_fence(&fence, t.fence_seq);
	}
	err = transport_sendv(h, iov, dump ? 1 : 2);
	if (err < 0) {
		handle_set_errmsg(h, "cannot send to the kernel: %s", strerror(-err));
		return err;
	}
	while (!t.done) {
		int n = recvmmsg(h->fd, h->rx.v, h->rx.slots, MSG_WAITFORONE, NULL);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			handle_set_errmsg(h, "cannot read from the kernel: %s", strerror(-err));
			return err;
		}
		for (int i = 0; i < n && !t.done; i++) {
			if (h->rx.v[i].msg_hdr.msg_flags & MSG_TRUNC) {
				t.cb_err = t.cb_err ? t.cb_err : -EMSGSIZE;
				continue;
			}
			talk_datagram(h, &t, op, rx_ring_slot(&h->rx, i), h->rx.v[i].msg_len);
		}
	}
	h->parts = t.parts;
	if (t.err)
		return t.err;
	if (t.cb_err) {
		if (t.cb_err == -EBADMSG)
			handle_set_errmsg(h, "malformed reply from the kernel");
		else
			handle_set_errmsg(h, "%s", ipvs_strerror(op, t.cb_err));
		return t.cb_err;
	}
	return 0;
}
