/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The engine behind every table diff (table-diff.c): two sides, each read
 * service by service, so that a side can be a table in memory, a compact
 * desired table (want.c) or the kernel's table through a list session.
 */
#ifndef IPVS_DIFF_H
#define IPVS_DIFF_H

#include <stddef.h>

#include <ipvs/ipvs.h>

struct diff_side {
	size_t	n;		/* services */
	/* Service i, copied out (i < n: cannot fail). */
	void	(*service)(void *arg, size_t i, struct ipvs_service *svc);
	/* Service i's destinations; *d stays valid until the next call.
	 * 0 or -errno. */
	int	(*dests)(void *arg, size_t i, const struct ipvs_dest **d, size_t *n);
	void	*arg;
};

/* ipvs_table_check over a side: the first problem, with the index of its
 * service and destination (SIZE_MAX for a service problem); a negative
 * errno when the side could not be read. */
int diff_check(const struct diff_side *want, const struct ipvs_scope *scope,
	       size_t *svc_index, size_t *dest_index);
/* Plan cur -> want as ipvs_table_diff does (want already checked). */
int diff_plan(const struct diff_side *cur, const struct diff_side *want,
	      const struct ipvs_scope *scope, struct ipvs_plan **planp);
/* A struct ipvs_table as a side. */
void diff_side_table(struct diff_side *s, const struct ipvs_table *t);

#endif /* IPVS_DIFF_H */
