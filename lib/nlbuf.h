/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A growable buffer of netlink messages, built in place.  Positions are
 * kept as offsets, never pointers, because the buffer may move when it
 * grows.  Running out of memory is sticky: the puts after a failed growth do
 * nothing and nlbuf_msg_end() reports -ENOMEM, so callers check once.
 */
#ifndef IPVS_NLBUF_H
#define IPVS_NLBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nlbuf {
	uint8_t	*data;
	size_t	len;
	size_t	cap;
	bool	oom;
};

void nlbuf_init(struct nlbuf *b);
void nlbuf_free(struct nlbuf *b);
/* Drop the contents, keep the memory. */
void nlbuf_reset(struct nlbuf *b);
/* Make room for n more bytes; 0 or -ENOMEM. */
int nlbuf_reserve(struct nlbuf *b, size_t n);

/* Start a generic-netlink message; returns its offset. */
size_t nlbuf_msg_begin(struct nlbuf *b, uint16_t family, uint16_t flags,
		       uint32_t seq, uint8_t cmd);
/* Finish the message started at off: 0, or -ENOMEM (and the message is
 * removed from the buffer). */
int nlbuf_msg_end(struct nlbuf *b, size_t off);

size_t nlbuf_nest_begin(struct nlbuf *b, uint16_t type);
void nlbuf_nest_end(struct nlbuf *b, size_t off);

void nlbuf_put(struct nlbuf *b, uint16_t type, const void *data, size_t len);
void nlbuf_put_u8(struct nlbuf *b, uint16_t type, uint8_t v);
void nlbuf_put_u16(struct nlbuf *b, uint16_t type, uint16_t v);
void nlbuf_put_u32(struct nlbuf *b, uint16_t type, uint32_t v);
/* v in host order, written in network order. */
void nlbuf_put_be16(struct nlbuf *b, uint16_t type, uint16_t v);
/* Writes the string with its NUL. */
void nlbuf_put_str(struct nlbuf *b, uint16_t type, const char *s);

#endif /* IPVS_NLBUF_H */
