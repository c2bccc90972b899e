/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Listing order; see sort.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "render.h"
#include "sort.h"

#define CMP(x, y)	((x) < (y) ? -1 : (x) > (y))

static size_t addr_len(int af)
{
	return af == AF_INET6 ? 16 : 4;
}

/* IPv4 before IPv6, anything else after both. */
static int af_rank(int af)
{
	return af == AF_INET ? 0 : af == AF_INET6 ? 1 : 2;
}

int sort_cmp_services(const struct ipvs_service *a, const struct ipvs_service *b)
{
	int r;

	if ((r = CMP(a->fwmark, b->fwmark)))
		return r;
	if ((r = CMP(af_rank(a->af), af_rank(b->af))) || (r = CMP(a->af, b->af)))
		return r;
	if ((r = CMP(a->protocol, b->protocol)))
		return r;
	if ((r = memcmp(a->addr.raw, b->addr.raw, addr_len(a->af))))
		return r < 0 ? -1 : 1;
	return CMP(a->port, b->port);
}

int sort_cmp_dests(const struct ipvs_dest *a, const struct ipvs_dest *b, int svc_af)
{
	int af_a = a->af ? a->af : svc_af;
	int af_b = b->af ? b->af : svc_af;
	int r;

	if ((r = CMP(af_rank(af_a), af_rank(af_b))) || (r = CMP(af_a, af_b)))
		return r;
	if ((r = memcmp(a->addr.raw, b->addr.raw, addr_len(af_a))))
		return r < 0 ? -1 : 1;
	return CMP(a->port, b->port);
}

static int cmp_dests_r(const void *x, const void *y, void *arg)
{
	return sort_cmp_dests(x, y, *(const int *)arg);
}

void render_sort_dests(struct ipvs_dest *d, size_t n, int svc_af)
{
	if (n > 1)
		qsort_r(d, n, sizeof(*d), cmp_dests_r, &svc_af);
}

struct svc_source {
	void (*svc)(void *arg, uint32_t i, struct ipvs_service *out);
	void *arg;
};

static int cmp_index_r(const void *x, const void *y, void *arg)
{
	const struct svc_source *src = arg;
	struct ipvs_service a, b;

	src->svc(src->arg, *(const uint32_t *)x, &a);
	src->svc(src->arg, *(const uint32_t *)y, &b);
	return sort_cmp_services(&a, &b);
}

void render_sort_services(uint32_t *idx, size_t n,
			  void (*svc)(void *arg, uint32_t i, struct ipvs_service *out),
			  void *arg)
{
	struct svc_source src = { svc, arg };

	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), cmp_index_r, &src);
}
