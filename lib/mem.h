/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Big growing arrays as anonymous mappings grown with mremap(): growth never
 * copies, so each page is faulted in once.  Bulk reads and batches are
 * dominated by page faults where faults are dear (UML: ~0.6 ms a page).
 */
#ifndef IPVS_MEM_H
#define IPVS_MEM_H

#include <stddef.h>

/* Make *p hold at least need bytes (*cap is its size in bytes, 0 = none);
 * doubles, page-rounded.  0 or -ENOMEM (then *p is unchanged). */
int mem_grow(void **p, size_t *cap, size_t need);
void mem_free(void *p, size_t cap);

#endif /* IPVS_MEM_H */
