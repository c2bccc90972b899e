/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading the whole table: one service dump, then one dest dump per service
 * (the kernel has no "all dests" dump), all on the handle's socket.
 *
 * The kernel offers no snapshot: a dump is paged and the table may change
 * between pages or between the dumps.  So after the dests are read, the
 * services are dumped once more and compared (identity and settings) with
 * the first dump, and a service whose dests took several pages has them
 * read twice and compared (the kernel resumes a dump by position, so a dest
 * removed between pages hides another).  If anything differs the read
 * starts over, a bounded number of times, then gives up with -EAGAIN.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "mem.h"
#include "table.h"

#define TABLE_ATTEMPTS	4

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

int table_dump_services(struct ipvs_handle *h, enum ipvs_op op, struct svc_vec *v)
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

int table_dump_dests(struct ipvs_handle *h, enum ipvs_op op,
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

/* What ipvs_table_free() needs besides the public part. */
struct table_priv {
	struct ipvs_table	pub;
	size_t			services_cap;	/* bytes mapped for pub.services */
	struct ipvs_dest	*pool;		/* every entry's dests, back to back */
	size_t			pool_cap;
};

static bool svc_same(const struct ipvs_service *a, const struct ipvs_service *b)
{
	return a->af == b->af && a->protocol == b->protocol && a->port == b->port &&
	       a->fwmark == b->fwmark && a->flags == b->flags && a->timeout == b->timeout &&
	       a->netmask == b->netmask && !memcmp(&a->addr, &b->addr, sizeof(a->addr)) &&
	       !strcmp(a->sched_name, b->sched_name) && !strcmp(a->pe_name, b->pe_name);
}

/* The second service dump, compared on the fly with the first one. */
struct table_check {
	const struct svc_vec	*first;
	size_t			n;
	bool			changed;
};

static int table_check_cb(void *arg, const struct nlmsghdr *nh)
{
	struct table_check *c = arg;
	struct ipvs_service svc;
	int err = codec_service_parse(nh, &svc);

	if (err < 0)
		return err;
	if (c->n >= c->first->n ||
	    !svc_same(&svc, (const struct ipvs_service *)(c->first->base +
							  c->n * c->first->stride)))
		c->changed = true;
	c->n++;
	return 0;
}

static int table_unchanged(struct ipvs_handle *h, const struct svc_vec *first)
{
	struct table_check c = { .first = first };
	struct codec_hdr hdr;
	int err;

	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&h->req, &hdr, IPVS_CMD_GET_SERVICE);
	if (err < 0)
		return err;
	err = transport_talk(h, IPVS_OP_TABLE_READ, true, table_check_cb, &c);
	if (err < 0)
		return err;
	return !c.changed && c.n == first->n;
}

static bool dest_same(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	return a->af == b->af && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, sizeof(a->addr));
}

/*
 * The dests of svc were just read into dv from index from on, in several
 * pages: read them again after them and compare, in kernel order.  Returns
 * 1 when both reads agree (the second is dropped), 0 when not, or -errno.
 */
static int table_dests_settled(struct ipvs_handle *h, const struct ipvs_service *svc,
			       struct dest_vec *dv, size_t from)
{
	size_t n = dv->n - from;
	bool same;
	int err = table_dump_dests(h, IPVS_OP_TABLE_READ, svc, dv);

	if (err < 0)
		return err;
	same = dv->n - from - n == n;
	for (size_t k = 0; same && k < n; k++)
		same = dest_same(&dv->d[from + k], &dv->d[from + n + k]);
	dv->n = from + n;
	return same;
}

/* One attempt: services, then their dests into one pool. */
static int table_read_once(struct ipvs_handle *h, struct svc_vec *sv, struct dest_vec *dv)
{
	struct ipvs_table_entry *e;
	int err;

	sv->n = 0;
	dv->n = 0;
	err = table_dump_services(h, IPVS_OP_TABLE_READ, sv);
	if (err < 0)
		return err;
	for (size_t i = 0; i < sv->n; i++) {
		size_t before = dv->n;

		e = (struct ipvs_table_entry *)(sv->base + i * sv->stride);
		err = table_dump_dests(h, IPVS_OP_TABLE_READ, &e->svc, dv);
		if (err < 0)
			return err;
		if (h->parts > 1) {
			err = table_dests_settled(h, &e->svc, dv, before);
			if (err <= 0)
				return err;
		}
		e->n_dests = dv->n - before;
	}
	return table_unchanged(h, sv);
}

IPVS_EXPORT int ipvs_table_read(struct ipvs_handle *h, struct ipvs_table **tp)
{
	struct svc_vec sv = { .stride = sizeof(struct ipvs_table_entry), .mapped = true };
	struct dest_vec dv = { .mapped = true };
	struct table_priv *t;
	size_t at = 0;
	int ret = 0;

	if (!h || !tp)
		return -EINVAL;
	*tp = NULL;
	for (int attempt = 0; attempt < TABLE_ATTEMPTS; attempt++) {
		ret = table_read_once(h, &sv, &dv);
		if (ret != 0)
			break;
	}
	if (ret <= 0) {
		if (ret == 0) {
			ret = -EAGAIN;
			handle_set_errmsg(h, "the IPVS table kept changing while it was read");
		}
		mem_free(sv.base, sv.cap);
		mem_free(dv.d, dv.cap);
		return ret;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		mem_free(sv.base, sv.cap);
		mem_free(dv.d, dv.cap);
		return -ENOMEM;
	}
	t->pool = dv.d;
	t->pool_cap = dv.cap;
	t->services_cap = sv.cap;
	t->pub.n_services = sv.n;
	t->pub.services = (struct ipvs_table_entry *)sv.base;
	for (size_t i = 0; i < sv.n; i++) {
		struct ipvs_table_entry *e = &t->pub.services[i];

		e->dests = e->n_dests ? dv.d + at : NULL;
		at += e->n_dests;
	}
	*tp = &t->pub;
	return 0;
}

IPVS_EXPORT void ipvs_table_free(struct ipvs_table *tp)
{
	struct table_priv *t = (struct table_priv *)tp;

	if (!t)
		return;
	mem_free(t->pool, t->pool_cap);
	mem_free(t->pub.services, t->services_cap);
	free(t);
}
