/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The consistent listing (ipvs_list_*) and the whole-table read built on it.
 *
 * The kernel has no snapshot: a dump comes in parts (datagrams), each
 * filled under the kernel's lock, and is resumed by position, so an entry
 * removed between two parts hides a later one and one added shows an entry
 * twice.  A session therefore:
 *
 *  - reads the services, and when they came in several parts reads them
 *    again until two reads agree (a true picture of one moment);
 *  - reads each service's destinations when asked; a dump showing one
 *    destination twice, or one of several parts that a second read does
 *    not confirm, is read again -- only that service's; an empty one is
 *    checked against the service still being there;
 *  - at the end dumps the services once more: every service of the
 *    listing must still be there, in the same order, with the same
 *    settings.  Services added meanwhile are allowed (the listing is the
 *    table before they came); one removed or changed is not (its
 *    destinations may have been read after it went).  Then the caller
 *    goes over the services again, which the session has re-read.
 *
 * Retries back off, and the whole is bounded in time (not in tries): long
 * enough for several passes over a big table.  Counters are never
 * compared: they move.  Destinations changed between the dumps of two
 * different services are not detected: each service's list is true for
 * the moment it was read.
 *
 * A session keeps each service in a compact record holding only the
 * counters asked for, so a listing of many services holds little.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "codec.h"
#include "dump.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "mem.h"

/* The least time a session keeps trying, and how many first passes' worth
 * it allows beyond that on a big table. */
#define LIST_MIN_NS		(5 * 1000000000LL)
#define LIST_PASSES		4
/* Back-off between two reads of something that tore. */
#define LIST_BACKOFF_MIN_NS	(1000000LL)
#define LIST_BACKOFF_MAX_NS	(64 * 1000000LL)

#define CHANGING_MSG		"the IPVS table kept changing while it was read"

/* A service without its counters, as a session keeps it. */
struct svc_rec {
	union ipvs_addr	addr;
	uint32_t	fwmark;
	uint32_t	flags;
	uint32_t	timeout;
	uint32_t	netmask;
	uint16_t	af;
	uint16_t	protocol;
	uint16_t	port;
	char		sched_name[IPVS_SCHED_NAME_MAX];
	char		pe_name[IPVS_PE_NAME_MAX];
};

#define STATS_HALF	5	/* counters in the totals, and in the rates */

/* Records: a struct svc_rec, then the counters kept (totals, rates). */
struct rec_vec {
	uint8_t	*base;
	size_t	n;
	size_t	cap;		/* bytes */
	size_t	stride;
	unsigned int flags;	/* IPVS_LIST_TOTALS, IPVS_LIST_RATES */
};

struct ipvs_list {
	struct ipvs_handle	*h;
	unsigned int		flags;
	bool			one;		/* a single service: key */
	struct ipvs_service	key;
	struct rec_vec		svcs;		/* the listing's services */
	struct dest_vec		dests;		/* one service's, kernel order */
	struct dest_vec		sorted;		/* the same, sorted by identity */
	struct dest_vec		check;		/* a second read, sorted */
	long long		start;
	long long		deadline;
	bool			passed;		/* a first pass ended */
	bool			extended;	/* the first pass's bound moved */
	bool			vanished;	/* a service was gone when its
						 * destinations were read */
};

_Static_assert(sizeof(struct svc_rec) % 8 == 0, "counters after a record stay aligned");

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Sleep before try number `tries` (1 = the first retry); false once the
 * session's time is up. */
static bool list_backoff(const struct ipvs_list *l, unsigned int tries)
{
	long long ns = LIST_BACKOFF_MIN_NS << (tries < 7 ? tries - 1 : 6);
	long long left = l->deadline - now_ns();
	struct timespec ts;

	if (ns > LIST_BACKOFF_MAX_NS)
		ns = LIST_BACKOFF_MAX_NS;
	if (left <= 0)
		return false;
	if (ns > left)
		ns = left;
	ts.tv_sec = ns / 1000000000LL;
	ts.tv_nsec = ns % 1000000000LL;
	nanosleep(&ts, NULL);
	return true;
}

static size_t rec_stride(unsigned int flags)
{
	size_t halves = !!(flags & IPVS_LIST_TOTALS) + !!(flags & IPVS_LIST_RATES);

	return sizeof(struct svc_rec) + halves * STATS_HALF * sizeof(uint64_t);
}

static void rec_store(uint8_t *p, unsigned int flags, const struct ipvs_service *s)
{
	const struct ipvs_stats *st = &s->stats;
	uint64_t *c = (uint64_t *)(p + sizeof(struct svc_rec));
	struct svc_rec r;

	memset(&r, 0, sizeof(r));	/* padding too: records compare bytewise */
	r.addr = s->addr;
	r.fwmark = s->fwmark;
	r.flags = s->flags;
	r.timeout = s->timeout;
	r.netmask = s->netmask;
	r.af = s->af;
	r.protocol = s->protocol;
	r.port = s->port;
	memcpy(r.sched_name, s->sched_name, sizeof(r.sched_name));
	memcpy(r.pe_name, s->pe_name, sizeof(r.pe_name));
	memcpy(p, &r, sizeof(r));
	if (flags & IPVS_LIST_TOTALS) {
		*c++ = st->conns, *c++ = st->inpkts, *c++ = st->outpkts;
		*c++ = st->inbytes, *c++ = st->outbytes;
	}
	if (flags & IPVS_LIST_RATES) {
		*c++ = st->cps, *c++ = st->inpps, *c++ = st->outpps;
		*c++ = st->inbps, *c = st->outbps;
	}
}

static void rec_load(const uint8_t *p, unsigned int flags, struct ipvs_service *s)
{
	const struct svc_rec *r = (const struct svc_rec *)p;
	const uint64_t *c = (const uint64_t *)(p + sizeof(*r));
	struct ipvs_stats *st = &s->stats;

	memset(s, 0, sizeof(*s));
	s->af = r->af;
	s->protocol = r->protocol;
	s->addr = r->addr;
	s->port = r->port;
	s->fwmark = r->fwmark;
	memcpy(s->sched_name, r->sched_name, sizeof(s->sched_name));
	memcpy(s->pe_name, r->pe_name, sizeof(s->pe_name));
	s->flags = r->flags;
	s->timeout = r->timeout;
	s->netmask = r->netmask;
	if (flags & IPVS_LIST_TOTALS) {
		st->conns = *c++, st->inpkts = *c++, st->outpkts = *c++;
		st->inbytes = *c++, st->outbytes = *c++;
	}
	if (flags & IPVS_LIST_RATES) {
		st->cps = *c++, st->inpps = *c++, st->outpps = *c++;
		st->inbps = *c++, st->outbps = *c;
	}
}

/* Same identity and settings: the record part, counters left out. */
static bool rec_same(const uint8_t *a, const uint8_t *b)
{
	return !memcmp(a, b, sizeof(struct svc_rec));
}

static int rec_push(struct rec_vec *v, const struct ipvs_service *svc)
{
	int err = vec_grow((void **)&v->base, &v->cap, v->n + 1, v->stride, true);

	if (err < 0)
		return err;
	rec_store(v->base + v->n * v->stride, v->flags, svc);
	v->n++;
	return 0;
}

static int rec_vec_cb(void *arg, const struct nlmsghdr *nh)
{
	struct ipvs_service svc;
	int err = codec_service_parse(nh, &svc);

	return err < 0 ? err : rec_push(arg, &svc);
}

/* Services into v (emptied first): the one of the key, or all of them;
 * *parts says in how many datagrams. */
static int list_read_services(struct ipvs_list *l, struct rec_vec *v, unsigned int *parts)
{
	struct codec_hdr hdr;
	int err;

	v->n = 0;
	*parts = 1;
	if (l->one) {
		struct ipvs_service svc;

		err = ipvs_service_get(l->h, &l->key, &svc);
		return err < 0 ? err : rec_push(v, &svc);
	}
	handle_hdr(l->h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&l->h->req, &hdr, IPVS_CMD_GET_SERVICE);
	if (!err)
		err = transport_talk(l->h, IPVS_OP_SERVICE_LIST, true, rec_vec_cb, v);
	*parts = l->h->parts;
	return err;
}

/* A second read of the services, held against the listed ones as it
 * arrives (nothing is kept): how many of them it showed in order, and
 * whether it showed anything else between or after them. */
struct recs_check {
	const struct rec_vec	*listed;
	size_t			matched;
	bool			others;
};

static void recs_check_one(struct recs_check *c, const struct ipvs_service *svc)
{
	const struct rec_vec *l = c->listed;
	struct svc_rec rec;

	rec_store((uint8_t *)&rec, 0, svc);
	if (c->matched < l->n && rec_same((const uint8_t *)&rec, l->base + c->matched * l->stride))
		c->matched++;
	else
		c->others = true;
}

static int recs_check_cb(void *arg, const struct nlmsghdr *nh)
{
	struct ipvs_service svc;
	int err = codec_service_parse(nh, &svc);

	if (err < 0)
		return err;
	recs_check_one(arg, &svc);
	return 0;
}

/* Read the services again against the listed ones: *c says how they
 * compare, *parts in how many datagrams they came. */
static int list_check_services(struct ipvs_list *l, struct recs_check *c, unsigned int *parts)
{
	struct codec_hdr hdr;
	int err;

	*c = (struct recs_check){ .listed = &l->svcs };
	*parts = 1;
	if (l->one) {
		struct ipvs_service svc;

		err = ipvs_service_get(l->h, &l->key, &svc);
		if (!err)
			recs_check_one(c, &svc);
		return err;
	}
	handle_hdr(l->h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&l->h->req, &hdr, IPVS_CMD_GET_SERVICE);
	if (!err)
		err = transport_talk(l->h, IPVS_OP_SERVICE_LIST, true, recs_check_cb, c);
	*parts = l->h->parts;
	return err;
}

/* The services as they are at one moment: a dump of several parts is read
 * until two reads agree.  0, -EAGAIN when time ran out, or -errno. */
static int list_settle_services(struct ipvs_list *l)
{
	struct recs_check c;
	unsigned int parts, again;
	int err = list_read_services(l, &l->svcs, &parts);

	for (unsigned int tries = 1; !err && parts > 1; tries++) {
		err = list_check_services(l, &c, &again);
		if (err || (c.matched == l->svcs.n && !c.others))
			break;
		if (!list_backoff(l, tries))
			return -EAGAIN;
		err = list_read_services(l, &l->svcs, &parts);
	}
	return err;
}

static int fail_changing(struct ipvs_list *l)
{
	handle_set_errmsg(l->h, CHANGING_MSG);
	return -EAGAIN;
}

IPVS_EXPORT int ipvs_list_begin(struct ipvs_handle *h, const struct ipvs_service *only,
				unsigned int flags, struct ipvs_list **lp)
{
	struct ipvs_list *l;
	int err;

	if (!h || !lp || (flags & ~(IPVS_LIST_TOTALS | IPVS_LIST_RATES)))
		return -EINVAL;
	*lp = NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->h = h;
	l->flags = flags;
	l->one = only != NULL;
	if (only)
		l->key = *only;
	l->svcs.flags = flags;
	l->svcs.stride = rec_stride(flags);
	l->dests.mapped = l->sorted.mapped = l->check.mapped = true;
	l->start = now_ns();
	l->deadline = l->start + LIST_MIN_NS;
	err = list_settle_services(l);
	if (err < 0) {
		if (err == -EAGAIN)
			fail_changing(l);
		ipvs_list_free(l);
		return err;
	}
	*lp = l;
	return 0;
}

IPVS_EXPORT size_t ipvs_list_count(const struct ipvs_list *l)
{
	return l ? l->svcs.n : 0;
}

IPVS_EXPORT int ipvs_list_service(const struct ipvs_list *l, size_t i, struct ipvs_service *svc)
{
	if (!l || !svc || i >= l->svcs.n)
		return -EINVAL;
	rec_load(l->svcs.base + i * l->svcs.stride, l->flags, svc);
	return 0;
}

static size_t addr_len(int af)
{
	return af == AF_INET6 ? 16 : 4;
}

/* Destination identity (family, address, port), as a total order. */
static int dest_cmp(const void *x, const void *y)
{
	const struct ipvs_dest *a = x, *b = y;
	int r;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	r = memcmp(a->addr.raw, b->addr.raw, addr_len(a->af));
	if (r)
		return r;
	return a->port < b->port ? -1 : a->port > b->port;
}

/* v's n entries sorted into out. */
static int dests_sorted_copy(const struct dest_vec *v, struct dest_vec *out)
{
	int err = vec_grow((void **)&out->d, &out->cap, v->n ? v->n : 1, sizeof(*v->d), true);

	if (err < 0)
		return err;
	memcpy(out->d, v->d, v->n * sizeof(*v->d));
	out->n = v->n;
	qsort(out->d, out->n, sizeof(*out->d), dest_cmp);
	return 0;
}

/*
 * Read svc's destinations into l->dests and say whether the read is torn:
 * 1 if so, 0 if not, or -errno.  A destination shown twice is one added
 * while the dump was between two parts; one removed then makes another go
 * missing, which only a second read shows, so a dump of several parts is
 * read again and compared.  One part was filled under the kernel's lock.
 */
static int list_read_dests(struct ipvs_list *l, const struct ipvs_service *svc)
{
	unsigned int parts;
	int err;

	l->dests.n = 0;
	err = dump_dests(l->h, IPVS_OP_DEST_LIST, svc, &l->dests);
	if (err < 0)
		return err;
	if (l->dests.n == 0) {
		/* The kernel answers a service that is gone with no
		 * destinations: say so, or the end could take it, re-added
		 * meanwhile, for the same one. */
		struct ipvs_service now;

		err = ipvs_service_get(l->h, svc, &now);
		if (err == -ESRCH || err == -ENOENT)
			l->vanished = true;
		return err == -ESRCH || err == -ENOENT ? 0 : err;
	}
	if (l->dests.n < 2)
		return 0;
	parts = l->h->parts;
	err = dests_sorted_copy(&l->dests, &l->sorted);
	if (err < 0)
		return err;
	for (size_t k = 1; k < l->sorted.n; k++)
		if (!dest_cmp(&l->sorted.d[k - 1], &l->sorted.d[k]))
			return 1;
	if (parts < 2)
		return 0;
	l->check.n = 0;
	err = dump_dests(l->h, IPVS_OP_DEST_LIST, svc, &l->check);
	if (err < 0)
		return err;
	if (l->check.n != l->sorted.n)
		return 1;
	qsort(l->check.d, l->check.n, sizeof(*l->check.d), dest_cmp);
	for (size_t k = 0; k < l->check.n; k++)
		if (dest_cmp(&l->check.d[k], &l->sorted.d[k]))
			return 1;
	return 0;
}

IPVS_EXPORT int ipvs_list_dests(struct ipvs_list *l, size_t i, struct ipvs_dest **dests,
				size_t *n)
{
	struct ipvs_service svc;
	int torn;

	if (!l || !dests || !n || i >= l->svcs.n)
		return -EINVAL;
	rec_load(l->svcs.base + i * l->svcs.stride, 0, &svc);
	torn = list_read_dests(l, &svc);
	if (torn > 0 && !l->passed && !l->extended) {
		/* A first pass longer than the least time (a big table) still
		 * gets that time for what tore. */
		long long at_least = now_ns() + LIST_MIN_NS;

		if (l->deadline < at_least)
			l->deadline = at_least;
		l->extended = true;
	}
	for (unsigned int tries = 1; torn > 0; tries++) {
		if (!list_backoff(l, tries))
			return fail_changing(l);
		torn = list_read_dests(l, &svc);
	}
	if (torn < 0)
		return torn;
	*dests = l->dests.n ? l->dests.d : NULL;
	*n = l->dests.n;
	return 0;
}

IPVS_EXPORT int ipvs_list_end(struct ipvs_list *l)
{
	struct recs_check c;
	unsigned int parts;
	int err;

	if (!l)
		return -EINVAL;
	if (!l->passed) {
		long long pass = now_ns() - l->start;

		l->passed = true;
		if (l->start + LIST_PASSES * pass > l->deadline)
			l->deadline = l->start + LIST_PASSES * pass;
	}
	/* Every listed service still there, in order; others may be new. */
	err = list_check_services(l, &c, &parts);
	if (err < 0)
		return err;
	if (!l->vanished && c.matched == l->svcs.n)
		return 0;
	l->vanished = false;
	if (!list_backoff(l, 1))
		return fail_changing(l);
	err = list_settle_services(l);
	if (err == -EAGAIN)
		return fail_changing(l);
	return err < 0 ? err : 1;
}

IPVS_EXPORT void ipvs_list_free(struct ipvs_list *l)
{
	if (!l)
		return;
	mem_free(l->svcs.base, l->svcs.cap);
	mem_free(l->dests.d, l->dests.cap);
	mem_free(l->sorted.d, l->sorted.cap);
	mem_free(l->check.d, l->check.cap);
	free(l);
}

/* What ipvs_table_free() needs besides the public part. */
struct table_priv {
	struct ipvs_table	pub;
	size_t			services_cap;	/* bytes mapped for pub.services */
	struct ipvs_dest	*pool;		/* every entry's dests, back to back */
	size_t			pool_cap;	/* bytes */
};

/* One pass of a session into t: every service, its dests into the pool. */
static int table_fill(struct ipvs_list *l, struct table_priv *t)
{
	size_t n = ipvs_list_count(l), used = 0, at = 0;
	int err = vec_grow((void **)&t->pub.services, &t->services_cap, n ? n : 1,
			   sizeof(*t->pub.services), true);

	if (err < 0)
		return err;
	t->pub.n_services = n;
	for (size_t i = 0; i < n; i++) {
		struct ipvs_table_entry *e = &t->pub.services[i];
		struct ipvs_dest *d;
		size_t nd;

		ipvs_list_service(l, i, &e->svc);
		err = ipvs_list_dests(l, i, &d, &nd);
		if (!err)
			err = vec_grow((void **)&t->pool, &t->pool_cap, used + nd,
				       sizeof(*d), true);
		if (err < 0)
			return err;
		if (nd)
			memcpy(t->pool + used, d, nd * sizeof(*d));
		e->n_dests = nd;
		used += nd;
	}
	/* The pool may have moved while it grew: point into it now. */
	for (size_t i = 0; i < n; i++) {
		struct ipvs_table_entry *e = &t->pub.services[i];

		e->dests = e->n_dests ? t->pool + at : NULL;
		at += e->n_dests;
	}
	return 0;
}

IPVS_EXPORT int ipvs_table_read(struct ipvs_handle *h, struct ipvs_table **tp)
{
	struct ipvs_list *l = NULL;
	struct table_priv *t;
	int err;

	if (!h || !tp)
		return -EINVAL;
	*tp = NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	err = ipvs_list_begin(h, NULL, IPVS_LIST_TOTALS | IPVS_LIST_RATES, &l);
	if (!err) {
		do
			err = table_fill(l, t);
		while (!err && (err = ipvs_list_end(l)) == 1);
	}
	ipvs_list_free(l);
	if (err < 0) {
		ipvs_table_free(&t->pub);
		return err;
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
