/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the library's files share; nothing here is exported. */
#ifndef IPVS_PRIVATE_H
#define IPVS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <ipvs/ipvs.h>
#include "nlbuf.h"

#define IPVS_EXPORT __attribute__((visibility("default")))

/*
 * Receive slots for recvmmsg().  A dump datagram is at most
 * SKB_WITH_OVERHEAD(32768) bytes, and the kernel only builds datagrams that
 * big once it has seen a reader offer that much.  Each recvmsg() of a dump
 * makes the kernel queue the next datagram, so several slots drain a long
 * dump in few system calls.  Four halve the calls of one or two; more
 * gain little and every slot a dump fills is resident memory.
 */
#define IPVS_RX_SLOT_SIZE	32768
#define IPVS_RX_SLOTS		2

struct nl_sock;

/* Receive slots for recvmmsg() over one buffer, made on first use; only the
 * slots a reply actually fills get touched (and faulted in). */
struct rx_ring {
	uint8_t		*buf;
	struct mmsghdr	*v;
	struct iovec	*io;
	unsigned int	slots;
	size_t		slot_size;
};

/* 0, or -ENOMEM (r unchanged); nothing to do when r is set up already. */
int rx_ring_setup(struct rx_ring *r, unsigned int slots, size_t slot_size);
void rx_ring_free(struct rx_ring *r);

static inline const uint8_t *rx_ring_slot(const struct rx_ring *r, unsigned int i)
{
	return r->buf + (size_t)i * r->slot_size;
}

struct ipvs_handle {
	struct nl_sock	*sk;
	int		fd;
	uint16_t	family;		/* resolved "IPVS" id */
	uint32_t	seq;		/* last sequence number used */
	int		rcvbuf;		/* effective SO_RCVBUF, 0 until sized */
	unsigned int	parts;		/* datagrams of the last reply's data */
	struct nlbuf	req;		/* the request being sent */
	struct rx_ring	rx;		/* IPVS_RX_SLOTS of IPVS_RX_SLOT_SIZE */
	char		errmsg[256];
};

/* Record the words for a failure (printf-style); returns nothing. */
__attribute__((format(printf, 2, 3)))
void handle_set_errmsg(struct ipvs_handle *h, const char *fmt, ...);

/* The next sequence number for a request. */
static inline uint32_t handle_next_seq(struct ipvs_handle *h)
{
	return ++h->seq;
}

/* Called for each data message of a reply; returns 0 or -errno (the first
 * error is kept, the rest of the reply is still read and dropped). */
typedef int (*transport_msg_cb)(void *arg, const struct nlmsghdr *nh);

/*
 * Send the one request in h->req and read its whole answer: for a dump up to
 * NLMSG_DONE, otherwise up to the ack (requests are sent with NLM_F_ACK).
 * Returns 0 or -errno; on failure h->errmsg says why, in terms of op.
 */
int transport_talk(struct ipvs_handle *h, enum ipvs_op op, bool dump,
		   transport_msg_cb cb, void *arg);

/* Send the pieces as one datagram; 0 or -errno. */
int transport_sendv(struct ipvs_handle *h, const struct iovec *iov, int iovcnt);

/* A NOOP request the netlink core acks after everything sent before it in
 * the same datagram: proof that the kernel is done with those. */
void transport_fence(struct nlmsghdr *nh, uint32_t seq);

/*
 * Read an NLMSG_ERROR message of len bytes: returns its (negative or zero)
 * error, or -EBADMSG if it is too short; msg and msglen get the extended-ack
 * text when the kernel sent one (else NULL/0).
 */
int transport_ack_parse(const struct nlmsghdr *nh, size_t len,
			const char **msg, size_t *msglen);

/* Raise a socket buffer (SO_RCVBUF / SO_SNDBUF), forcing past the sysctl
 * limit when allowed; returns the effective size. */
int transport_bufsize(struct ipvs_handle *h, int opt, int bytes);
/* Size the socket's buffers for bulk traffic (batches, dumps), once per
 * handle; sets h->rcvbuf. */
void transport_size_for_bulk(struct ipvs_handle *h);

/* Common shape of the one-request operations. */
struct codec_hdr;
void handle_hdr(struct ipvs_handle *h, struct codec_hdr *hdr, uint16_t flags);

#endif /* IPVS_PRIVATE_H */
