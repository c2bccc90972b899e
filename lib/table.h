/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Dumps shared by service.c, dest.c and table.c. */
#ifndef IPVS_TABLE_H
#define IPVS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "ipvs-private.h"

/* Services parsed into a growing array whose elements are `stride` bytes
 * and start with a struct ipvs_service (plain services, or table entries). */
struct svc_vec {
	uint8_t	*base;
	size_t	n;
	size_t	cap;
	size_t	stride;		/* 0 = sizeof(struct ipvs_service) */
};

struct dest_vec {
	struct ipvs_dest *d;
	size_t		n;
	size_t		cap;
	uint16_t	svc_af;
};

/* Grow an array of `size`-byte elements to hold at least `need` (doubling). */
int vec_grow(void **base, size_t *cap, size_t need, size_t size);

int table_dump_services(struct ipvs_handle *h, enum ipvs_op op, struct svc_vec *v);
/* Append the dests of svc to v. */
int table_dump_dests(struct ipvs_handle *h, enum ipvs_op op,
		     const struct ipvs_service *svc, struct dest_vec *v);

#endif /* IPVS_TABLE_H */
