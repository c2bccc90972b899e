/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Growable anonymous mappings (see mem.h). */
#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"

/* Past this size, reserve address space generously: untouched pages cost
 * nothing, and a mapping that never moves is never faulted in again. */
#define MEM_BIG		(1u << 20)
#define MEM_RESERVE	((size_t)256 << 20)

int mem_grow(void **p, size_t *cap, size_t need)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), ncap = *cap ? *cap : 4 * page;
	void *q;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if (sizeof(void *) >= 8 && ncap > MEM_BIG && ncap < MEM_RESERVE)
		ncap = MEM_RESERVE;
	ncap = (ncap + page - 1) & ~(page - 1);
	if (*p)
		q = mremap(*p, *cap, ncap, MREMAP_MAYMOVE);
	else
		q = mmap(NULL, ncap, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (q == MAP_FAILED)
		return -ENOMEM;
	*p = q;
	*cap = ncap;
	return 0;
}

void mem_free(void *p, size_t cap)
{
	if (p && cap)
		munmap(p, cap);
}
