/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading netlink attributes from untrusted bytes.  Every length is checked
 * before anything is read: a truncated or short attribute is -EBADMSG, never
 * an overread.
 */
#ifndef IPVS_ATTR_H
#define IPVS_ATTR_H

#include <linux/netlink.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Split [data, data + len) into tb[1..max] (NULL = absent; tb[0] unused).
 * minlen[type] is the least payload a known type must carry.  Types above
 * max are skipped; a repeated type keeps the last one, as the kernel does.
 */
int attr_parse(const struct nlattr **tb, int max, const uint8_t *minlen,
	       const void *data, size_t len);
/* The same for the attributes of a nest. */
int attr_parse_nested(const struct nlattr **tb, int max, const uint8_t *minlen,
		      const struct nlattr *nest);

static inline const void *attr_data(const struct nlattr *a)
{
	return (const uint8_t *)a + NLA_HDRLEN;
}

static inline size_t attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

uint8_t attr_u8(const struct nlattr *a);
uint16_t attr_u16(const struct nlattr *a);
uint32_t attr_u32(const struct nlattr *a);
uint64_t attr_u64(const struct nlattr *a);
/* A network-order u16, returned in host order. */
uint16_t attr_be16(const struct nlattr *a);
/* Copy a string attribute into dst[size] with its NUL; -EBADMSG if it does
 * not fit. */
int attr_strcpy(char *dst, size_t size, const struct nlattr *a);

#endif /* IPVS_ATTR_H */
