/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The handle's one netlink socket: opening it (optionally inside another
 * network namespace), sizing it, and one request/answer exchange.  libnl
 * creates the socket and resolves the family; messages then go through the
 * file descriptor directly, received in bulk into buffers owned by the
 * handle, so reading a reply allocates nothing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif
#ifndef NLM_F_ACK_TLVS
#define NLM_F_ACK_TLVS 0x200
#endif
#define EXTACK_MSG 1	/* NLMSGERR_ATTR_MSG */

/* Socket buffers: big enough for a batch chunk and its acks. */
#define SNDBUF_BYTES	(1 << 20)
#define RCVBUF_BYTES	(4 << 20)

void handle_set_errmsg(struct ipvs_handle *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
}

void handle_hdr(struct ipvs_handle *h, struct codec_hdr *hdr, uint16_t flags)
{
	nlbuf_reset(&h->req);
	hdr->family = h->family;
	hdr->flags = flags;
	hdr->seq = handle_next_seq(h);
}

IPVS_EXPORT const char *ipvs_errmsg(const struct ipvs_handle *h)
{
	return h ? h->errmsg : "";
}

IPVS_EXPORT unsigned int ipvs_dump_parts(const struct ipvs_handle *h)
{
	return h ? h->parts : 0;
}

int transport_bufsize(struct ipvs_handle *h, int opt, int bytes)
{
	int force = opt == SO_RCVBUF ? SO_RCVBUFFORCE : SO_SNDBUFFORCE;
	socklen_t len = sizeof(bytes);
	int have = 0;

	if (getsockopt(h->fd, SOL_SOCKET, opt, &have, &len) == 0 && have >= bytes)
		return have;
	if (setsockopt(h->fd, SOL_SOCKET, force, &bytes, sizeof(bytes)) < 0)
		setsockopt(h->fd, SOL_SOCKET, opt, &bytes, sizeof(bytes));
	len = sizeof(have);
	if (getsockopt(h->fd, SOL_SOCKET, opt, &have, &len) < 0)
		return 0;
	return have;
}

/*
 * Only what every exchange wants: error acks carry the kernel's text and not
 * a copy of the request.  Buffer sizes wait for bulk use (they cost six
 * system calls that a one-shot command does not need).
 */
static void transport_tune(struct ipvs_handle *h)
{
	int one = 1;

	setsockopt(h->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(h->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

void transport_size_for_bulk(struct ipvs_handle *h)
{
	if (h->rcvbuf)
		return;
	transport_bufsize(h, SO_SNDBUF, SNDBUF_BYTES);
	h->rcvbuf = transport_bufsize(h, SO_RCVBUF, RCVBUF_BYTES);
	if (!h->rcvbuf)
		h->rcvbuf = 1;	/* unknown: don't ask again */
}

/* Create and connect the socket in the calling thread's namespace. */
static int transport_connect(struct ipvs_handle *h)
{
	h->sk = nl_socket_alloc();
	if (!h->sk)
		return -ENOMEM;
	/* libnl's own reads (the family lookup) then offer 32 KiB, which
	 * tells the kernel to build dump datagrams that big from the start. */
	nl_socket_set_msg_buf_size(h->sk, IPVS_RX_SLOT_SIZE);
	if (genl_connect(h->sk) < 0)
		return errno ? -errno : -ECONNREFUSED;
	h->fd = nl_socket_get_fd(h->sk);
	return 0;
}

static int transport_resolve(struct ipvs_handle *h)
{
	/* Resolving the name makes the kernel load ip_vs if needed. */
	int id = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);

	if (id < 0) {
		handle_set_errmsg(h, "the IPVS netlink family is not available "
				  "(is the ip_vs module loaded?)");
		return -ENOPROTOOPT;
	}
	h->family = (uint16_t)id;
	return 0;
}

/* Run transport_connect() with the thread inside the namespace at path. */
static int transport_connect_netns(struct ipvs_handle *h, const char *netns)
{
	char path[4096];
	int target, self, err;

	if (strchr(netns, '/'))
		snprintf(path, sizeof(path), "%s", netns);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", netns);
	target = open(path, O_RDONLY | O_CLOEXEC);
	if (target < 0) {
		err = -errno;
		handle_set_errmsg(h, "cannot open network namespace %s: %s", path, strerror(-err));
		return err;
	}
	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0) {
		err = -errno;
		close(target);
		handle_set_errmsg(h, "cannot open the current network namespace: %s",
				  strerror(-err));
		return err;
	}
	if (setns(target, CLONE_NEWNET) < 0) {
		err = -errno;
		handle_set_errmsg(h, "cannot enter network namespace %s: %s", path, strerror(-err));
	} else {
		err = transport_connect(h);
		if (setns(self, CLONE_NEWNET) < 0) {
			/* The thread is stuck in the other namespace; say so. */
			err = -errno;
			handle_set_errmsg(h, "cannot return to the original network namespace: %s",
					  strerror(-err));
		}
	}
	close(self);
	close(target);
	return err;
}

static int handle_new(struct ipvs_handle **hp)
{
	struct ipvs_handle *h = calloc(1, sizeof(*h));

	*hp = h;
	if (!h)
		return -ENOMEM;
	h->fd = -1;
	nlbuf_init(&h->req);
	h->seq = (uint32_t)time(NULL);
	return 0;
}

static int handle_open(struct ipvs_handle **hp, const char *netns)
{
	struct ipvs_handle *h;
	int err;

	if (!hp)
		return -EINVAL;
	err = handle_new(&h);
	if (!err)
		err = netns ? transport_connect_netns(h, netns) : transport_connect(h);
	if (!err)
		err = transport_resolve(h);
	if (err) {
		ipvs_close(h);
		*hp = NULL;
		return err;
	}
	transport_tune(h);
	*hp = h;
	return 0;
}

IPVS_EXPORT int ipvs_open(struct ipvs_handle **hp)
{
	return handle_open(hp, NULL);
}

IPVS_EXPORT int ipvs_open_netns(struct ipvs_handle **hp, const char *netns)
{
	if (!netns || !*netns)
		return -EINVAL;
	return handle_open(hp, netns);
}

IPVS_EXPORT void ipvs_close(struct ipvs_handle *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	nlbuf_free(&h->req);
	rx_ring_free(&h->rx);
	free(h);
}

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

int rx_ring_setup(struct rx_ring *r, unsigned int slots, size_t slot_size)
{
	struct rx_ring n = { .slots = slots, .slot_size = slot_size };

	if (r->buf)
		return 0;
	n.buf = malloc(slots * slot_size);
	n.v = calloc(slots, sizeof(*n.v));
	n.io = calloc(slots, sizeof(*n.io));
	if (!n.buf || !n.v || !n.io) {
		rx_ring_free(&n);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < slots; i++) {
		n.io[i].iov_base = n.buf + (size_t)i * slot_size;
		n.io[i].iov_len = slot_size;
		n.v[i].msg_hdr.msg_iov = &n.io[i];
		n.v[i].msg_hdr.msg_iovlen = 1;
	}
	*r = n;
	return 0;
}

void rx_ring_free(struct rx_ring *r)
{
	free(r->buf);
	free(r->v);
	free(r->io);
	memset(r, 0, sizeof(*r));
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
