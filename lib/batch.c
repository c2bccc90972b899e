/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Building a batch: every request is checked and encoded when it is
 * appended, into one contiguous buffer, with NLM_F_ACK and seq = base +
 * index, so committing is only sending and matching acks.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "codec.h"
#include "mem.h"
#include "ipvs-genl.h"
#include "dump.h"

IPVS_EXPORT int ipvs_batch_new(struct ipvs_handle *h, struct ipvs_batch **bp)
{
	struct ipvs_batch *b;

	if (!h || !bp)
		return -EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->h = h;
	nlbuf_init(&b->buf);
	*bp = b;
	return 0;
}

IPVS_EXPORT void ipvs_batch_free(struct ipvs_batch *b)
{
	if (!b)
		return;
	nlbuf_free(&b->buf);
	mem_free(b->reqs, b->cap);
	free(b->status);
	free(b->msg);
	rx_ring_free(&b->acks);
	free(b->arena);
	free(b);
}

IPVS_EXPORT size_t ipvs_batch_size(const struct ipvs_batch *b)
{
	return b ? b->n : 0;
}

/* The kinds of request, so one append path serves them all. */
enum batch_kind { BK_SERVICE, BK_DEST, BK_ZERO, BK_FLUSH, BK_TIMEOUTS, BK_DAEMON };

struct batch_item {
	enum batch_kind			kind;
	enum ipvs_op			op;
	uint8_t				cmd;
	bool				full;
	const struct ipvs_service	*svc;
	const struct ipvs_dest		*dest;
	const struct ipvs_timeouts	*t;
	const struct ipvs_daemon	*d;
};

static int batch_check(struct ipvs_batch *b, const struct batch_item *it)
{
	char *msg = b->h->errmsg;
	size_t size = sizeof(b->h->errmsg);

	switch (it->kind) {
	case BK_SERVICE:
		return validate_service(it->svc, it->full, msg, size);
	case BK_DEST:
		return validate_dest(it->svc, it->dest, it->full, msg, size);
	case BK_ZERO:
		return it->svc ? validate_service(it->svc, false, msg, size) : 0;
	case BK_TIMEOUTS:
		return it->t ? 0 : -EINVAL;
	case BK_DAEMON:
		return validate_daemon(it->d, it->cmd == IPVS_CMD_NEW_DAEMON, msg, size);
	case BK_FLUSH:
		return 0;
	}
	return -EINVAL;
}

static int batch_encode(struct ipvs_batch *b, const struct batch_item *it,
			const struct codec_hdr *hdr)
{
	switch (it->kind) {
	case BK_SERVICE:
		return codec_service_msg(&b->buf, hdr, it->cmd, it->svc, it->full);
	case BK_DEST:
		return codec_dest_msg(&b->buf, hdr, it->cmd, it->svc, it->dest, it->full);
	case BK_ZERO:
		return codec_zero_msg(&b->buf, hdr, it->svc);
	case BK_TIMEOUTS:
		return codec_timeouts_msg(&b->buf, hdr, it->t);
	case BK_DAEMON:
		return codec_daemon_msg(&b->buf, hdr, it->cmd, it->d);
	case BK_FLUSH:
		return codec_simple_msg(&b->buf, hdr, IPVS_CMD_FLUSH);
	}
	return -EINVAL;
}

static int batch_append(struct ipvs_batch *b, const struct batch_item *it, uint64_t cookie)
{
	struct codec_hdr hdr;
	struct batch_req *r;
	size_t off;
	int err;

	if (!b)
		return -EINVAL;
	err = batch_check(b, it);
	if (err < 0)
		return err;
	if (b->n >= UINT32_MAX / 2 || b->buf.len >= UINT32_MAX / 2)
		return -E2BIG;
	err = mem_grow((void **)&b->reqs, &b->cap, (b->n + 1) * sizeof(*b->reqs));
	if (err < 0)
		return err;
	if (b->n == 0) {
		nlbuf_reset(&b->buf);
		b->seq_base = b->h->seq + 1;
	}
	hdr.family = b->h->family;
	hdr.flags = NLM_F_ACK;
	hdr.seq = b->seq_base + (uint32_t)b->n;
	off = b->buf.len;
	err = batch_encode(b, it, &hdr);
	if (err < 0) {
		b->buf.len = off;
		b->buf.oom = false;
		return err;
	}
	/* Single requests made meanwhile must not reuse the batch's numbers. */
	b->h->seq = hdr.seq;
	r = &b->reqs[b->n++];
	r->off = (uint32_t)off;
	r->cookie = cookie;
	r->op = (uint8_t)it->op;
	return 0;
}

IPVS_EXPORT int ipvs_batch_service_add(struct ipvs_batch *b, const struct ipvs_service *svc,
				       uint64_t cookie)
{
	struct batch_item it = { BK_SERVICE, IPVS_OP_SERVICE_ADD, IPVS_CMD_NEW_SERVICE,
				 true, svc, NULL, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_service_update(struct ipvs_batch *b, const struct ipvs_service *svc,
					  uint64_t cookie)
{
	struct batch_item it = { BK_SERVICE, IPVS_OP_SERVICE_UPDATE, IPVS_CMD_SET_SERVICE,
				 true, svc, NULL, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_service_del(struct ipvs_batch *b, const struct ipvs_service *svc,
				       uint64_t cookie)
{
	struct batch_item it = { BK_SERVICE, IPVS_OP_SERVICE_DEL, IPVS_CMD_DEL_SERVICE,
				 false, svc, NULL, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_dest_add(struct ipvs_batch *b, const struct ipvs_service *svc,
				    const struct ipvs_dest *dest, uint64_t cookie)
{
	struct batch_item it = { BK_DEST, IPVS_OP_DEST_ADD, IPVS_CMD_NEW_DEST,
				 true, svc, dest, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_dest_update(struct ipvs_batch *b, const struct ipvs_service *svc,
				       const struct ipvs_dest *dest, uint64_t cookie)
{
	struct batch_item it = { BK_DEST, IPVS_OP_DEST_UPDATE, IPVS_CMD_SET_DEST,
				 true, svc, dest, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_dest_del(struct ipvs_batch *b, const struct ipvs_service *svc,
				    const struct ipvs_dest *dest, uint64_t cookie)
{
	struct batch_item it = { BK_DEST, IPVS_OP_DEST_DEL, IPVS_CMD_DEL_DEST,
				 false, svc, dest, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_zero(struct ipvs_batch *b, const struct ipvs_service *svc,
				uint64_t cookie)
{
	struct batch_item it = { BK_ZERO, IPVS_OP_ZERO, IPVS_CMD_ZERO,
				 false, svc, NULL, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_flush(struct ipvs_batch *b, uint64_t cookie)
{
	struct batch_item it = { BK_FLUSH, IPVS_OP_FLUSH, IPVS_CMD_FLUSH,
				 false, NULL, NULL, NULL, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_timeouts_set(struct ipvs_batch *b, const struct ipvs_timeouts *t,
					uint64_t cookie)
{
	struct batch_item it = { BK_TIMEOUTS, IPVS_OP_TIMEOUTS_SET, IPVS_CMD_SET_CONFIG,
				 false, NULL, NULL, t, NULL };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_daemon_start(struct ipvs_batch *b, const struct ipvs_daemon *d,
					uint64_t cookie)
{
	struct batch_item it = { BK_DAEMON, IPVS_OP_DAEMON_START, IPVS_CMD_NEW_DAEMON,
				 true, NULL, NULL, NULL, d };

	return batch_append(b, &it, cookie);
}

IPVS_EXPORT int ipvs_batch_daemon_stop(struct ipvs_batch *b, const struct ipvs_daemon *d,
				       uint64_t cookie)
{
	struct batch_item it = { BK_DAEMON, IPVS_OP_DAEMON_STOP, IPVS_CMD_DEL_DAEMON,
				 false, NULL, NULL, NULL, d };

	return batch_append(b, &it, cookie);
}
