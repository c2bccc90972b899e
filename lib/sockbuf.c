/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The handle's buffers: socket buffer sizes for bulk traffic, and the
 * receive slots replies are read into (allocated once, reused, so reading
 * a reply allocates nothing).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs-private.h"

/* Socket buffers: big enough for a batch chunk and its acks. */
#define SNDBUF_BYTES	(1 << 20)
#define RCVBUF_BYTES	(4 << 20)

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
void transport_size_for_bulk(struct ipvs_handle *h)
{
	if (h->rcvbuf)
		return;
	transport_bufsize(h, SO_SNDBUF, SNDBUF_BYTES);
	h->rcvbuf = transport_bufsize(h, SO_RCVBUF, RCVBUF_BYTES);
	if (!h->rcvbuf)
		h->rcvbuf = 1;	/* unknown: don't ask again */
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
