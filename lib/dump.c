/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Dumps into growing arrays: every service, or one service's destinations
 * (the kernel has no "all destinations" dump).  The lists and the
 * consistent listing (list.c) are built on them.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "mem.h"
#include "dump.h"

int vec_grow(void **base, size_t *cap, size_t need, size_t size, bool mapped)
{
	size_t ncap = *cap ? *cap : 64 * size;
	void *p;

	if (need * size <= *cap)
		return 0;
	if (mapped)
		return mem_grow(base, cap, need * size);
	while (ncap < need * size)
		ncap *= 2;
	p = realloc(*base, ncap);
	if (!p)
		return -ENOMEM;
	*base = p;
	*cap = ncap;
	return 0;
}

static int svc_vec_cb(void *arg, const struct nlmsghdr *nh)
{
	struct svc_vec *v = arg;
	int err = vec_grow((void **)&v->base, &v->cap, v->n + 1, v->stride, v->mapped);

	if (err < 0)
		return err;
	err = codec_service_parse(nh, (struct ipvs_service *)(v->base + v->n * v->stride));
	if (err < 0)
		return err;
	v->n++;
	return 0;
}

int dump_services(struct ipvs_handle *h, enum ipvs_op op, struct svc_vec *v)
{
	struct codec_hdr hdr;
	int err;

	if (!v->stride)
		v->stride = sizeof(struct ipvs_service);
	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&h->req, &hdr, IPVS_CMD_GET_SERVICE);
	if (err < 0)
		return err;
	return transport_talk(h, op, true, svc_vec_cb, v);
}

static int dest_vec_cb(void *arg, const struct nlmsghdr *nh)
{
	struct dest_vec *v = arg;
	int err = vec_grow((void **)&v->d, &v->cap, v->n + 1, sizeof(*v->d), v->mapped);

	if (err < 0)
		return err;
	err = codec_dest_parse(nh, v->svc_af, &v->d[v->n]);
	if (err < 0)
		return err;
	v->n++;
	return 0;
}

int dump_dests(struct ipvs_handle *h, enum ipvs_op op,
		     const struct ipvs_service *svc, struct dest_vec *v)
{
	struct codec_hdr hdr;
	int err;

	v->svc_af = svc->af;
	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_dest_msg(&h->req, &hdr, IPVS_CMD_GET_DEST, svc, NULL, false);
	if (err < 0)
		return err;
	return transport_talk(h, op, true, dest_vec_cb, v);
}
