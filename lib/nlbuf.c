/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Building netlink messages directly into one contiguous buffer. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "nlbuf.h"

void nlbuf_init(struct nlbuf *b)
{
	memset(b, 0, sizeof(*b));
}

void nlbuf_free(struct nlbuf *b)
{
	mem_free(b->data, b->cap);
	nlbuf_init(b);
}

void nlbuf_reset(struct nlbuf *b)
{
	b->len = 0;
	b->oom = false;
}

int nlbuf_reserve(struct nlbuf *b, size_t n)
{
	void *p = b->data;

	if (b->oom)
		return -ENOMEM;
	if (b->cap - b->len >= n)
		return 0;
	/* Grows in place (mremap): a long batch is never copied. */
	if (mem_grow(&p, &b->cap, b->len + n) < 0) {
		b->oom = true;
		return -ENOMEM;
	}
	b->data = p;
	return 0;
}

/* Append len zeroed-tail bytes; returns the offset or (size_t)-1. */
static size_t nlbuf_grab(struct nlbuf *b, size_t len)
{
	size_t off = b->len, alen = NLMSG_ALIGN(len);

	if (nlbuf_reserve(b, alen) < 0)
		return (size_t)-1;
	if (alen > len)
		memset(b->data + off + len, 0, alen - len);
	b->len += alen;
	return off;
}

size_t nlbuf_msg_begin(struct nlbuf *b, uint16_t family, uint16_t flags,
		       uint32_t seq, uint8_t cmd)
{
	size_t off = nlbuf_grab(b, NLMSG_HDRLEN + GENL_HDRLEN);
	struct nlmsghdr *nh;
	struct genlmsghdr *g;

	if (off == (size_t)-1)
		return b->len;
	nh = (struct nlmsghdr *)(b->data + off);
	nh->nlmsg_len = 0;
	nh->nlmsg_type = family;
	nh->nlmsg_flags = flags;
	nh->nlmsg_seq = seq;
	nh->nlmsg_pid = 0;
	g = NLMSG_DATA(nh);
	g->cmd = cmd;
	g->version = 1 /* IPVS_GENL_VERSION; ignored by the kernel */;
	g->reserved = 0;
	return off;
}

int nlbuf_msg_end(struct nlbuf *b, size_t off)
{
	if (b->oom) {
		if (off < b->len)
			b->len = off;
		return -ENOMEM;
	}
	((struct nlmsghdr *)(b->data + off))->nlmsg_len = b->len - off;
	return 0;
}

void nlbuf_put(struct nlbuf *b, uint16_t type, const void *data, size_t len)
{
	size_t off = nlbuf_grab(b, NLA_HDRLEN + len);
	struct nlattr *a;

	if (off == (size_t)-1)
		return;
	a = (struct nlattr *)(b->data + off);
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((uint8_t *)a + NLA_HDRLEN, data, len);
}

size_t nlbuf_nest_begin(struct nlbuf *b, uint16_t type)
{
	size_t off = b->len;

	nlbuf_put(b, type, NULL, 0);
	return off;
}

void nlbuf_nest_end(struct nlbuf *b, size_t off)
{
	if (!b->oom)
		((struct nlattr *)(b->data + off))->nla_len = b->len - off;
}

void nlbuf_put_u8(struct nlbuf *b, uint16_t type, uint8_t v)
{
	nlbuf_put(b, type, &v, sizeof(v));
}

void nlbuf_put_u16(struct nlbuf *b, uint16_t type, uint16_t v)
{
	nlbuf_put(b, type, &v, sizeof(v));
}

void nlbuf_put_u32(struct nlbuf *b, uint16_t type, uint32_t v)
{
	nlbuf_put(b, type, &v, sizeof(v));
}

void nlbuf_put_be16(struct nlbuf *b, uint16_t type, uint16_t v)
{
	nlbuf_put_u16(b, type, htons(v));
}

void nlbuf_put_str(struct nlbuf *b, uint16_t type, const char *s)
{
	nlbuf_put(b, type, s, strlen(s) + 1);
}
