/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Shared helpers for the libipvs unit tests (no kernel needed). */
#ifndef UNIT_LIB_UTIL_H
#define UNIT_LIB_UTIL_H

#include <check.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "nlbuf.h"

#define T_FAMILY	0x1c	/* a made-up IPVS family id */

/* The first message of a buffer. */
static inline const struct nlmsghdr *t_msg(const struct nlbuf *b)
{
	return (const struct nlmsghdr *)b->data;
}

/* The n-th attribute of type `type` (n from 0) in [data, data+len), or NULL;
 * the test fails if the area is not well formed. */
const struct nlattr *t_find(const void *data, size_t len, int type);
/* Attributes of a message (after the genl header) / of a nest. */
const struct nlattr *t_top(const struct nlmsghdr *nh, int type);
const struct nlattr *t_in(const struct nlattr *nest, int type);
/* The attribute types of an area, in order, into types[max]; returns count. */
int t_types(const struct nlattr *nest, int *types, int max);
/* Check an attribute's payload byte for byte. */
void t_bytes(const struct nlattr *a, const void *want, size_t len);

Suite *lib_codec_suite(void);
Suite *lib_parse_suite(void);
Suite *lib_validate_suite(void);
Suite *lib_strerror_suite(void);
Suite *lib_want_suite(void);
Suite *lib_batch_suite(void);
Suite *lib_diff_suite(void);

#endif /* UNIT_LIB_UTIL_H */
