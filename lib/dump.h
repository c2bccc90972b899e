/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Dumps shared by service.c, dest.c and list.c. */
#ifndef IPVS_DUMP_H
#define IPVS_DUMP_H

#include <stddef.h>
#include <stdint.h>

#include "ipvs-private.h"

/* Services parsed into a growing array whose elements are `stride` bytes
 * and start with a struct ipvs_service (plain services, or table entries). */
struct svc_vec {
	uint8_t	*base;
	size_t	n;
	size_t	cap;		/* bytes */
	size_t	stride;		/* 0 = sizeof(struct ipvs_service) */
	bool	mapped;		/* mem.h mapping, else malloc (caller frees) */
};

struct dest_vec {
	struct ipvs_dest *d;
	size_t		n;
	size_t		cap;	/* bytes */
	uint16_t	svc_af;
	bool		mapped;
};

/* Grow an array of `size`-byte elements to hold at least `need` of them
 * (doubling); with malloc, or as a mem.h mapping when mapped. */
int vec_grow(void **base, size_t *cap, size_t need, size_t size, bool mapped);

int dump_services(struct ipvs_handle *h, enum ipvs_op op, struct svc_vec *v);
/* Append the dests of svc to v. */
int dump_dests(struct ipvs_handle *h, enum ipvs_op op,
		     const struct ipvs_service *svc, struct dest_vec *v);

#endif /* IPVS_DUMP_H */
