/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L and -S: fetch through libipvs (or /proc for -c), then render.  Every
 * failure here exits 1, as 1.31's listing functions do; --timeout and
 * --daemon fail silently, as there.
 *
 * The full listing holds as little as 1.31 does, or less: the services (only
 * the fields the view shows) and one service's destinations at a time.  It
 * is written to a spool (spool.h) and copied out only once the read is known
 * not to be torn; otherwise it is thrown away and the table read again, a
 * bounded number of times.  The kernel has no snapshot, so "not torn" means:
 *
 *  - the services dumped again after the last destination dump are the same
 *    ones, in the same order, with the same settings (identity, scheduler,
 *    flags, persistence, netmask, PE) -- this catches any service added,
 *    removed or edited during the read, including a service deleted while
 *    its destinations were read (that dump comes back empty);
 *  - no service's destination dump shows one destination twice, which is
 *    what a destination added while its dump was between two parts gives;
 *  - a service whose destinations came in several parts (a part is one
 *    datagram of up to 32 KiB, about a hundred destinations) shows the
 *    same ones when read again: one removed between two parts makes
 *    another go missing.  A service that fits one part was filled under
 *    the kernel's lock and needs no second read.
 *
 * Not detected: destinations changed between the dumps of two different
 * services (each service's list is right for the moment it was read, as
 * with 1.31).  Counters are not compared: they move.
 *
 * The spool is tmpfs (memfd): the kernel's memory, charged to the memory
 * cgroup but not to our RSS.  Without one, the listing is written straight
 * out after a single read, unchecked.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "render.h"
#include "sort.h"
#include "spool.h"

/* Reads of a changing table before giving up. */
#define LIST_ATTEMPTS	4
/* The first allocation for the services: big enough to be its own mapping,
 * which realloc then grows with mremap, never copying; untouched pages are
 * not resident. */
#define SVC_FIRST_CAP	(256 * 1024)
/* The same for one service's destinations: growing from small blocks would
 * leave each outgrown block resident in the heap. */
#define DEST_FIRST_CAP	(256 * 1024)

#define CONN_FILE	"/proc/net/ip_vs_conn"

static int list_conns(const struct cmd *c, const char *prefix)
{
	FILE *in = fopen(CONN_FILE, "r");
	int r;

	if (!in) {
		fprintf(stderr, "%scannot open file %s\n", prefix, CONN_FILE);
		return 1;
	}
	r = render_conns(stdout, c->fmt, in);
	fclose(in);
	if (r == RENDER_CONN_BAD_INPUT) {
		fprintf(stderr, "%sunexpected input from %s\n", prefix, CONN_FILE);
		return 1;
	}
	return r ? 1 : 0;
}

static int list_timeouts(struct ipvs_handle *h, const struct cmd *c)
{
	struct ipvs_timeouts t;

	if (ipvs_timeouts_get(h, &t))
		return 1;
	render_timeouts(stdout, c->fmt, &t);
	return 0;
}

static int list_daemons(struct ipvs_handle *h, const struct cmd *c)
{
	struct ipvs_daemon d[2];
	size_t n = 0;

	if (ipvs_daemon_list(h, d, &n))
		return 1;
	render_daemons(stdout, c->fmt, d, n);
	return 0;
}

static int fail_list(const char *prefix, enum ipvs_op op, int err)
{
	fprintf(stderr, "%s%s\n", prefix, ipvs_strerror(op, err));
	return 1;
}

/* Every read of the table was torn (see the top of this file). */
static int fail_changing(const char *prefix)
{
	fprintf(stderr, "%sthe IPVS table kept changing while it was read\n", prefix);
	return 1;
}

/* One service's destinations, in a buffer reused from service to service
 * (it grows to the largest service and stays). */
struct dest_buf {
	struct ipvs_dest	*d;
	size_t			n;
	size_t			cap;	/* elements */
	unsigned int		parts;	/* datagrams the dump took */
};

static int dest_buf_fit(struct dest_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : DEST_FIRST_CAP / sizeof(*b->d);
	struct ipvs_dest *p;

	if (need <= b->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	p = realloc(b->d, cap * sizeof(*p));
	if (!p)
		return -ENOMEM;
	b->d = p;
	b->cap = cap;
	return 0;
}

static int dest_keep(void *arg, const struct ipvs_dest *d)
{
	struct dest_buf *b = arg;
	int err = dest_buf_fit(b, b->n + 1);

	if (err)
		return err;
	b->d[b->n++] = *d;
	return 0;
}

static int dests_read(struct ipvs_handle *h, const struct ipvs_service *svc,
		      struct dest_buf *b)
{
	int err;

	b->n = 0;
	err = ipvs_dest_walk(h, svc, dest_keep, b);
	b->parts = ipvs_dump_parts(h);
	return err;
}

/* A second dump, held against the first one's sorted s[0..n): every
 * destination found there once, and none left over. */
struct dest_recheck {
	const struct ipvs_dest	*s;
	size_t			n;
	size_t			seen;
	int			af;
	unsigned char		*hit;	/* one flag per s[i] */
};

static int dest_recheck_one(void *arg, const struct ipvs_dest *d)
{
	struct dest_recheck *c = arg;
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = sort_cmp_dests(d, &c->s[mid], c->af);

		if (r == 0) {
			if (c->hit[mid])
				return 1;
			c->hit[mid] = 1;
			c->seen++;
			return 0;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 1;
}

/* 1 if svc's destinations differ from the sorted s[0..n), else 0 or -errno. */
static int dests_changed(struct ipvs_handle *h, const struct ipvs_service *svc,
			 const struct ipvs_dest *s, size_t n)
{
	struct dest_recheck c = { .s = s, .n = n, .af = svc->af };
	int r;

	c.hit = calloc(n ? n : 1, 1);
	if (!c.hit)
		return -ENOMEM;
	r = ipvs_dest_walk(h, svc, dest_recheck_one, &c);
	free(c.hit);
	if (r)
		return r;
	return c.seen != n;
}

/*
 * Whether b, as the kernel gave it, is torn: 1 if so, else 0 or -errno.
 * Sorts b when sort is set, else looks at a sorted copy in scratch.  A
 * destination shown twice is one added while the dump was between two
 * parts; one removed then makes another go missing, which only a second
 * read shows, so a dump of several parts is read again.
 */
static int dests_torn(struct ipvs_handle *h, const struct ipvs_service *svc,
		      struct dest_buf *b, bool sort, struct dest_buf *scratch)
{
	const struct ipvs_dest *s = b->d;
	int err;

	if (b->n < 2)
		return 0;
	if (sort) {
		render_sort_dests(b->d, b->n, svc->af);
	} else {
		err = dest_buf_fit(scratch, b->n);
		if (err)
			return err;
		memcpy(scratch->d, b->d, b->n * sizeof(*b->d));
		render_sort_dests(scratch->d, b->n, svc->af);
		s = scratch->d;
	}
	if (sort_dests_dup(s, b->n, svc->af))
		return 1;
	return b->parts > 1 ? dests_changed(h, svc, s, b->n) : 0;
}

/* -L with a service: that one service, no banner.  Its destinations come
 * in one dump; one that shows a destination twice is read again. */
static int list_one(struct ipvs_handle *h, const struct cmd *c, const char *prefix)
{
	bool sort = !(c->fmt & FMT_NOSORT);
	struct dest_buf b = { 0 }, scratch = { 0 };
	struct ipvs_service svc;
	struct render_list r;
	int err = 0, torn = 1;

	for (int attempt = 0; torn > 0 && attempt < LIST_ATTEMPTS; attempt++) {
		err = ipvs_service_get(h, &c->svc, &svc);
		if (err) {
			err = fail_list(prefix, IPVS_OP_SERVICE_GET, err);
			goto out;
		}
		err = dests_read(h, &svc, &b);
		if (err) {
			err = fail_list(prefix, IPVS_OP_DEST_LIST, err);
			goto out;
		}
		torn = dests_torn(h, &svc, &b, sort, &scratch);
	}
	if (torn) {
		err = torn < 0 ? fail_list(prefix, IPVS_OP_DEST_LIST, torn) : fail_changing(prefix);
		goto out;
	}
	render_list_begin(&r, stdout, c->fmt, NULL);
	render_list_service(&r, &svc, b.d, b.n);
	render_list_end(&r);
out:
	free(b.d);
	free(scratch.d);
	return err;
}

/*
 * The services of one read, in kernel order.  Each record is the head of a
 * struct ipvs_service -- everything before the counters -- so sorting and
 * comparing can use it as one, followed by the part of the counters that
 * the view shows (none, the totals, the rates, or both).
 */
#define SVC_HEAD	offsetof(struct ipvs_service, stats)
#define STATS_RATES	offsetof(struct ipvs_stats, cps)

struct svc_set {
	unsigned char	*base;
	size_t		n;
	size_t		cap;		/* bytes */
	size_t		stride;		/* SVC_HEAD + stats_len */
	size_t		stats_off;	/* the counters kept: this part */
	size_t		stats_len;	/* of struct ipvs_stats */
};

_Static_assert(offsetof(struct ipvs_service, cookie) ==
	       SVC_HEAD + sizeof(struct ipvs_stats),
	       "the counters, then the caller's fields, come last in struct ipvs_service");
_Static_assert(SVC_HEAD % 8 == 0 && STATS_RATES % 8 == 0,
	       "records stay aligned for struct ipvs_service");

/* Which counters the view shows: the precedence is render-table.c's. */
static void svc_set_init(struct svc_set *set, unsigned int fmt)
{
	bool totals = fmt & FMT_STATS, rates = fmt & FMT_RATE;

	if (!(fmt & FMT_JSON) && totals)
		rates = false;		/* text: --stats wins over --rate */
	if ((fmt & FMT_RULE) && !(fmt & FMT_JSON))
		totals = rates = false;
	set->stats_off = totals ? 0 : STATS_RATES;
	set->stats_len = (totals ? STATS_RATES : 0) +
			 (rates ? sizeof(struct ipvs_stats) - STATS_RATES : 0);
	set->stride = SVC_HEAD + set->stats_len;
}

/* Record i as a whole service (counters not kept are 0). */
static void svc_load(const struct svc_set *set, uint32_t i, struct ipvs_service *svc)
{
	const unsigned char *rec = set->base + (size_t)i * set->stride;

	memset(svc, 0, sizeof(*svc));
	memcpy(svc, rec, SVC_HEAD);
	memcpy((unsigned char *)&svc->stats + set->stats_off, rec + SVC_HEAD, set->stats_len);
}

static const struct ipvs_service *svc_at(void *arg, uint32_t i)
{
	const struct svc_set *set = arg;

	return (const struct ipvs_service *)(set->base + (size_t)i * set->stride);
}

static int svc_keep(void *arg, const struct ipvs_service *svc)
{
	struct svc_set *set = arg;

	if ((set->n + 1) * set->stride > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : SVC_FIRST_CAP;
		unsigned char *p = realloc(set->base, cap);

		if (!p)
			return -ENOMEM;
		set->base = p;
		set->cap = cap;
	}
	memcpy(set->base + set->n * set->stride, svc, SVC_HEAD);
	memcpy(set->base + set->n * set->stride + SVC_HEAD,
	       (const unsigned char *)&svc->stats + set->stats_off, set->stats_len);
	set->n++;
	return 0;
}

/* Same identity and settings (counters left out: they move). */
static bool svc_same(const struct ipvs_service *a, const struct ipvs_service *b)
{
	return a->af == b->af && a->protocol == b->protocol && a->port == b->port &&
	       a->fwmark == b->fwmark && a->flags == b->flags && a->timeout == b->timeout &&
	       a->netmask == b->netmask && !memcmp(&a->addr, &b->addr, sizeof(a->addr)) &&
	       !strcmp(a->sched_name, b->sched_name) && !strcmp(a->pe_name, b->pe_name);
}

/* The second service dump, compared on the fly with the records. */
struct svc_check {
	struct svc_set	*set;
	size_t		i;
};

static int svc_check(void *arg, const struct ipvs_service *svc)
{
	struct svc_check *c = arg;

	if (c->i >= c->set->n || !svc_same(svc, svc_at(c->set, (uint32_t)c->i)))
		return 1;	/* changed: stop here */
	c->i++;
	return 0;
}

/* 1 if the services differ from the records, else 0 or -errno. */
static int svc_changed(struct ipvs_handle *h, struct svc_set *set)
{
	struct svc_check c = { set, 0 };
	int r = ipvs_service_walk(h, svc_check, &c);

	if (r)
		return r;
	return c.i != set->n;
}

/* What one pass over the table needs besides the output. */
struct list_pass {
	struct ipvs_handle	*h;
	unsigned int		fmt;
	const struct ipvs_info	*banner;
	struct svc_set		set;
	uint32_t		*order;
	struct dest_buf		dests;
	struct dest_buf		scratch;
	enum ipvs_op		op;	/* of a failure */
};

/* Render every service and its destinations to out.  0 when done, 1 when
 * the table changed during the read, -errno on a failure (p->op says of
 * what). */
static int list_service_blocks(struct list_pass *p, FILE *out)
{
	bool sort = !(p->fmt & FMT_NOSORT) || (p->fmt & FMT_RULE);
	struct render_list r;
	int ret = 0;

	p->op = IPVS_OP_DEST_LIST;
	render_list_begin(&r, out, p->fmt, p->banner);
	for (size_t k = 0; k < p->set.n && !ret; k++) {
		struct ipvs_service svc;

		svc_load(&p->set, p->order[k], &svc);
		ret = dests_read(p->h, &svc, &p->dests);
		if (!ret)
			ret = dests_torn(p->h, &svc, &p->dests, sort, &p->scratch);
		if (!ret)
			render_list_service(&r, &svc, p->dests.d, p->dests.n);
	}
	/* As 1.31, a listing that cannot be written is not an error. */
	render_list_end(&r);
	return ret;
}

/* One read of the whole table into out: 0, 1 (changed) or -errno. */
static int list_pass_run(struct list_pass *p, FILE *out)
{
	uint32_t *order;
	int ret;

	p->op = IPVS_OP_SERVICE_LIST;
	p->set.n = 0;
	ret = ipvs_service_walk(p->h, svc_keep, &p->set);
	if (ret)
		return ret;
	order = realloc(p->order, (p->set.n ? p->set.n : 1) * sizeof(*order));
	if (!order)
		return -ENOMEM;
	p->order = order;
	for (size_t i = 0; i < p->set.n; i++)
		order[i] = (uint32_t)i;
	if (!(p->fmt & FMT_NOSORT) || (p->fmt & FMT_RULE))
		render_sort_services(order, p->set.n, svc_at, &p->set);
	ret = list_service_blocks(p, out);
	if (ret)
		return ret;
	p->op = IPVS_OP_SERVICE_LIST;
	return svc_changed(p->h, &p->set);
}

static int list_all(struct ipvs_handle *h, unsigned int fmt, const char *prefix)
{
	struct list_pass p = { .h = h, .fmt = fmt };
	struct ipvs_info info;
	struct spool sp;
	bool spooled;
	int ret = 1;

	if (!(fmt & FMT_RULE)) {
		/* exec_open() asked already; the banner's figures don't change. */
		p.banner = exec_info();
		if (!p.banner) {
			ret = ipvs_info_get(h, &info);
			if (ret)
				return fail_list(prefix, IPVS_OP_INFO_GET, ret);
			p.banner = &info;
		}
	}
	svc_set_init(&p.set, fmt);
	/* Without a spool the listing goes straight out, read once. */
	spooled = spool_open(&sp) == 0;
	for (int attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
		if (attempt && spool_reset(&sp) < 0)
			break;
		ret = list_pass_run(&p, spooled ? sp.fp : stdout);
		if (ret <= 0 || !spooled)
			break;
	}
	if (spooled && ret == 0)
		spool_copy(&sp, stdout);	/* errors ignored, as 1.31 does */
	if (spooled)
		spool_close(&sp);
	free(p.set.base);
	free(p.order);
	free(p.dests.d);
	free(p.scratch.d);
	if (ret < 0)
		return fail_list(prefix, p.op, ret);
	if (ret > 0 && spooled)
		return fail_changing(prefix);
	return 0;
}

int exec_list(struct ipvs_handle *h, const struct cmd *c, const char *prefix)
{
	if (c->verb == VERB_SAVE)
		return list_all(h, c->fmt | FMT_RULE, prefix);
	switch (c->list) {
	case LIST_CONNECTIONS:
		return list_conns(c, prefix);
	case LIST_TIMEOUTS:
		return list_timeouts(h, c);
	case LIST_DAEMONS:
		return list_daemons(h, c);
	case LIST_TABLE:
	default:
		if (c->options & OPTBIT(OPT_SERVICE))
			return list_one(h, c, prefix);
		return list_all(h, c->fmt, prefix);
	}
}
