/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Bounds-checked attribute parsing (see attr.h). */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "attr.h"

int attr_parse(const struct nlattr **tb, int max, const uint8_t *minlen,
	       const void *data, size_t len)
{
	const uint8_t *p = data;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (len > 0) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t alen;
		int type;

		if (len < NLA_HDRLEN)
			return -EBADMSG;
		alen = a->nla_len;
		if (alen < NLA_HDRLEN || alen > len)
			return -EBADMSG;
		type = a->nla_type & NLA_TYPE_MASK;
		if (type > 0 && type <= max) {
			if (alen - NLA_HDRLEN < minlen[type])
				return -EBADMSG;
			tb[type] = a;
		}
		/* The last attribute may come without its padding. */
		alen = NLA_ALIGN(alen);
		if (alen > len)
			alen = len;
		p += alen;
		len -= alen;
	}
	return 0;
}

int attr_parse_nested(const struct nlattr **tb, int max, const uint8_t *minlen,
		      const struct nlattr *nest)
{
	return attr_parse(tb, max, minlen, attr_data(nest), attr_len(nest));
}

uint8_t attr_u8(const struct nlattr *a)
{
	return *(const uint8_t *)attr_data(a);
}

uint16_t attr_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

uint32_t attr_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

uint64_t attr_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

uint16_t attr_be16(const struct nlattr *a)
{
	return ntohs(attr_u16(a));
}

int attr_strcpy(char *dst, size_t size, const struct nlattr *a)
{
	size_t n = strnlen(attr_data(a), attr_len(a));

	if (n >= size)
		return -EBADMSG;
	memcpy(dst, attr_data(a), n);
	dst[n] = '\0';
	return 0;
}
