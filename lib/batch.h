/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Batch internals shared with the unit tests (encoding and ack matching
 * are tested without a kernel). */
#ifndef IPVS_BATCH_H
#define IPVS_BATCH_H

#include <stdint.h>

#include "ipvs-private.h"

/* One appended request: where its message starts in the buffer (it ends
 * where the next one starts).  Kept small: a batch may hold 100,000. */
struct batch_req {
	uint64_t	cookie;
	uint32_t	off;
	uint8_t		op;		/* enum ipvs_op */
};

/* Estimated receive-buffer cost of one ack (skb overhead included). */
#define BATCH_ACK_TRUESIZE	1024
/* Bytes handed to one sendmsg(). */
#define BATCH_CHUNK_BYTES	(128 * 1024)
#define BATCH_ACK_SLOTS		512
#define BATCH_ACK_SLOT_SIZE	256
/* Status of a request whose ack has not been seen (yet). */
#define BATCH_PENDING		(-1000000)

struct ipvs_batch {
	struct ipvs_handle	*h;
	struct nlbuf		buf;		/* the encoded requests, back to back */
	struct batch_req	*reqs;		/* a mem.h mapping */
	size_t			n;
	size_t			cap;		/* bytes */
	uint32_t		seq_base;	/* seq of reqs[0] */
	size_t			window;		/* most requests per chunk (0 = derive) */
	/* Commit-time buffers, kept for reuse.  status[] and msg[] hold the
	 * results of the chunk in flight, indexed from its first request;
	 * msg[] is an offset+1 into arena (0 = no text). */
	int			*status;
	uint32_t		*msg;
	size_t			res_cap;	/* entries in status[] and msg[] */
	struct rx_ring		acks;	/* BATCH_ACK_SLOTS of BATCH_ACK_SLOT_SIZE */
	char			*arena;
	size_t			arena_len;
	size_t			arena_cap;
};

static inline size_t batch_req_len(const struct ipvs_batch *b, size_t i)
{
	return (i + 1 < b->n ? b->reqs[i + 1].off : b->buf.len) - b->reqs[i].off;
}

/*
 * Match the acks in one received datagram (len bytes, possibly truncated)
 * against the requests [first, end) of b; returns how many requests got
 * their status from it, and sets *fenced when the ack of fence_seq is there.
 */
size_t batch_take_acks(struct ipvs_batch *b, size_t first, size_t end,
		       const uint8_t *data, size_t len, bool truncated,
		       uint32_t fence_seq, bool *fenced);

/* The requests one chunk starting at first may hold. */
size_t batch_chunk_end(const struct ipvs_batch *b, size_t first, size_t window);

#endif /* IPVS_BATCH_H */
