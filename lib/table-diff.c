/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Table diffs (ipvs.h): pure functions from two tables to an ordered plan.
 *
 * Services and destinations are matched by identity (a service: family and
 * mark, or family, protocol, address and port; a destination: family,
 * address and port within its service) through sorted indexes, then their
 * settings are compared after both sides are brought to one normal form:
 * what the kernel ignores or rewrites on its own must not count as a
 * difference, or a second apply of the same table would change things.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "ipvs-private.h"

/* ---- identity ---- */

static size_t addr_len(uint16_t af)
{
	return af == AF_INET6 ? 16 : 4;
}

static int num_cmp(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int svc_key_cmp(const struct ipvs_service *a, const struct ipvs_service *b)
{
	int c = num_cmp(a->af, b->af);

	if (!c)
		c = num_cmp(a->fwmark, b->fwmark);
	if (c || a->fwmark)
		return c;
	if (!(c = num_cmp(a->protocol, b->protocol)) &&
	    !(c = memcmp(&a->addr, &b->addr, addr_len(a->af))))
		c = num_cmp(a->port, b->port);
	return c;
}

static uint16_t dest_af(const struct ipvs_dest *d, const struct ipvs_service *svc)
{
	return d->af ? d->af : svc->af;
}

/* Destinations are compared within one service, each with its family. */
struct dest_ref {
	const struct ipvs_dest *d;
	uint16_t af;
};

static int dest_key_cmp(const struct dest_ref *a, const struct dest_ref *b)
{
	int c = num_cmp(a->af, b->af);

	if (!c && !(c = memcmp(&a->d->addr, &b->d->addr, addr_len(a->af))))
		c = num_cmp(a->d->port, b->d->port);
	return c;
}

IPVS_EXPORT int ipvs_service_cmp(const struct ipvs_service *a, const struct ipvs_service *b)
{
	return svc_key_cmp(a, b);
}

static int dest_ref_cmp(const void *a, const void *b)
{
	return dest_key_cmp(a, b);
}

/* ---- scope ---- */

static bool prefix_match(const union ipvs_addr *a, const union ipvs_addr *net,
			 unsigned int bits)
{
	unsigned int bytes = bits / 8, rest = bits % 8;

	if (memcmp(a->raw, net->raw, bytes))
		return false;
	if (!rest)
		return true;
	return ((a->raw[bytes] ^ net->raw[bytes]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static bool rule_match(const struct ipvs_scope_rule *r, const struct ipvs_service *svc)
{
	bool by_mark = r->fwmark_max != 0;
	bool by_addr = r->prefix_len || r->protocol || r->port_min || r->port_max;

	if (r->af && r->af != svc->af)
		return false;
	if (by_mark)
		return svc->fwmark >= r->fwmark_min && svc->fwmark <= r->fwmark_max;
	if (!by_addr)
		return true;
	if (svc->fwmark)
		return false;
	if (r->protocol && r->protocol != svc->protocol)
		return false;
	if ((r->port_min || r->port_max) && (svc->port < r->port_min || svc->port > r->port_max))
		return false;
	return !r->prefix_len || prefix_match(&svc->addr, &r->addr, r->prefix_len);
}

IPVS_EXPORT bool ipvs_scope_match(const struct ipvs_scope *scope,
				  const struct ipvs_service *svc)
{
	if (!scope || !scope->n_rules)
		return true;
	for (size_t i = 0; i < scope->n_rules; i++)
		if (rule_match(&scope->rules[i], svc))
			return true;
	return false;
}

/* ---- normal forms ---- */

static void svc_norm(struct ipvs_service *s)
{
	s->flags &= IPVS_SVC_F_USER_MASK;
	/* timeout and netmask mean something only with persistence */
	if (!(s->flags & IPVS_SVC_F_PERSISTENT))
		s->timeout = s->netmask = 0;
	if (s->netmask == 0)
		s->netmask = s->af == AF_INET6 ? 128 : 0xffffffff;
}

static uint32_t svc_differs(const struct ipvs_service *want, const struct ipvs_service *cur)
{
	struct ipvs_service a = *want, b = *cur;
	uint32_t d = 0;

	svc_norm(&a);
	svc_norm(&b);
	if (strncmp(a.sched_name, b.sched_name, sizeof(a.sched_name)))
		d |= IPVS_DIFF_SCHED;
	if (a.flags != b.flags)
		d |= IPVS_DIFF_FLAGS;
	if (a.timeout != b.timeout)
		d |= IPVS_DIFF_TIMEOUT;
	if (a.netmask != b.netmask)
		d |= IPVS_DIFF_NETMASK;
	if (strncmp(a.pe_name, b.pe_name, sizeof(a.pe_name)))
		d |= IPVS_DIFF_PE;
	return d;
}

static uint32_t dest_differs(const struct ipvs_dest *want, const struct ipvs_dest *cur)
{
	uint32_t d = 0;

	/* The kernel forwards to a local address itself, whatever was asked. */
	if (cur->fwd != IPVS_FWD_LOCAL && want->fwd != cur->fwd)
		d |= IPVS_DIFF_FWD;
	if (want->weight != cur->weight)
		d |= IPVS_DIFF_WEIGHT;
	if (want->u_threshold != cur->u_threshold)
		d |= IPVS_DIFF_U_THRESHOLD;
	if (want->l_threshold != cur->l_threshold)
		d |= IPVS_DIFF_L_THRESHOLD;
	if (want->fwd == IPVS_FWD_TUNNEL && cur->fwd == IPVS_FWD_TUNNEL &&
	    (want->tun_type != cur->tun_type || want->tun_flags != cur->tun_flags ||
	     (want->tun_type == IPVS_TUN_GUE && want->tun_port != cur->tun_port)))
		d |= IPVS_DIFF_TUNNEL;
	return d;
}

/* ---- a side's services in identity order ---- */

/* Sides hand out copies, so an index holds positions only: little memory
 * for a big table, a copy per comparison. */
struct order {
	const struct diff_side	*side;
	uint32_t		*v;	/* service positions, by identity, then position */
	size_t			n;
};

static int order_cmp(const void *a, const void *b, void *arg)
{
	const struct diff_side *s = arg;
	size_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	struct ipvs_service x, y;
	int c;

	s->service(s->arg, i, &x);
	s->service(s->arg, j, &y);
	c = svc_key_cmp(&x, &y);
	return c ? c : num_cmp(i, j);
}

/* The services of s that scope covers, sorted. */
static int order_build(struct order *o, const struct diff_side *s,
		       const struct ipvs_scope *scope)
{
	struct ipvs_service svc;

	o->side = s;
	o->n = 0;
	o->v = NULL;
	if (s->n > UINT32_MAX)
		return -ENOMEM;
	o->v = malloc((s->n ? s->n : 1) * sizeof(*o->v));
	if (!o->v)
		return -ENOMEM;
	for (size_t i = 0; i < s->n; i++) {
		s->service(s->arg, i, &svc);
		if (ipvs_scope_match(scope, &svc))
			o->v[o->n++] = (uint32_t)i;
	}
	qsort_r(o->v, o->n, sizeof(*o->v), order_cmp, (void *)s);
	return 0;
}

/* The rank in o of the service of key's identity, or SIZE_MAX. */
static size_t order_find(const struct order *o, const struct ipvs_service *key)
{
	size_t lo = 0, hi = o->n;
	struct ipvs_service x;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c;

		o->side->service(o->side->arg, o->v[mid], &x);
		c = svc_key_cmp(&x, key);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* ---- one service's destinations in identity order ---- */

struct refs {
	struct dest_ref	*v;
	size_t		n, cap;
};

static int dest_ref_order(const void *a, const void *b)
{
	const struct dest_ref *x = a, *y = b;
	int c = dest_key_cmp(x, y);

	return c ? c : (x->d > y->d) - (x->d < y->d);
}

static int refs_build(struct refs *r, const struct ipvs_dest *d, size_t n,
		      const struct ipvs_service *svc)
{
	if (n > r->cap) {
		void *v = realloc(r->v, n * sizeof(*r->v));

		if (!v)
			return -ENOMEM;
		r->v = v;
		r->cap = n;
	}
	for (size_t i = 0; i < n; i++) {
		r->v[i].d = &d[i];
		r->v[i].af = dest_af(&d[i], svc);
	}
	r->n = n;
	if (n > 16) {
		qsort(r->v, n, sizeof(*r->v), dest_ref_order);
		return 0;
	}
	/* The usual few: an insertion sort, no calls through a pointer. */
	for (size_t i = 1; i < n; i++) {
		struct dest_ref x = r->v[i];
		size_t k = i;

		for (; k > 0 && dest_ref_order(&r->v[k - 1], &x) > 0; k--)
			r->v[k] = r->v[k - 1];
		r->v[k] = x;
	}
	return 0;
}

static const struct ipvs_dest *refs_find(const struct refs *r, const struct ipvs_dest *d,
					 uint16_t af)
{
	struct dest_ref key = { d, af };
	const struct dest_ref *hit = bsearch(&key, r->v, r->n, sizeof(*r->v), dest_ref_cmp);

	return hit ? hit->d : NULL;
}

/* ---- the desired table's sanity ---- */

int diff_check(const struct diff_side *want, const struct ipvs_scope *scope,
	       size_t *svc_index, size_t *dest_index)
{
	enum ipvs_table_problem p = IPVS_TABLE_OK;
	struct ipvs_service a, b;
	struct refs r = { 0 };
	struct order o;
	size_t si = SIZE_MAX, di = SIZE_MAX;
	int err = 0;

	for (size_t i = 0; i < want->n && !p; i++) {
		want->service(want->arg, i, &a);
		if (!ipvs_scope_match(scope, &a)) {
			p = IPVS_TABLE_OUT_OF_SCOPE;
			si = i;
		}
	}
	if (!p && (err = order_build(&o, want, NULL)) == 0) {
		for (size_t k = 1; k < o.n && !p; k++) {
			want->service(want->arg, o.v[k - 1], &a);
			want->service(want->arg, o.v[k], &b);
			if (!svc_key_cmp(&a, &b)) {
				p = IPVS_TABLE_DUP_SERVICE;
				si = o.v[k];	/* the later one, as a reader of input would */
			}
		}
		free(o.v);
	}
	for (size_t i = 0; i < want->n && !p && !err; i++) {
		const struct ipvs_dest *d;
		size_t n;

		want->service(want->arg, i, &a);
		if ((err = want->dests(want->arg, i, &d, &n)) < 0 ||
		    (err = refs_build(&r, d, n, &a)) < 0)
			break;
		for (size_t k = 1; k < r.n && !p; k++)
			if (!dest_key_cmp(&r.v[k - 1], &r.v[k])) {
				p = IPVS_TABLE_DUP_DEST;
				si = i;
				di = (size_t)(r.v[k].d - d);
			}
	}
	free(r.v);
	if (svc_index)
		*svc_index = si;
	if (dest_index)
		*dest_index = di;
	return err < 0 ? err : (int)p;
}

/* ---- planning ---- */

/*
 * One walk over the desired services, in their order, meets each current
 * service it matches; the current services left over are walked after.
 * Changes are pushed as they are found, each with a tag, and put in plan
 * order at the end: by phase; adds and edits in the desired table's order
 * (the order they were found in), removals in the current services'
 * identity order, so that a plan does not depend on the kernel's hash
 * order (within a service, destinations by identity).
 */
struct tag {
	unsigned int	phase;
	size_t		rank;	/* removals: the current service's rank */
	size_t		seq;	/* order found: the change's first index */
};

struct planner {
	struct ipvs_plan	*plan;
	size_t			cap;
	struct tag		*tags;
	int			err;
};

static unsigned int phase_of(enum ipvs_change_kind k)
{
	return k == IPVS_CHANGE_DEST_EDIT ? IPVS_CHANGE_SERVICE_EDIT : k;
}

static struct ipvs_change *push(struct planner *pl, enum ipvs_change_kind kind,
				const struct ipvs_service *svc, uint64_t cookie, size_t rank)
{
	struct ipvs_plan *p = pl->plan;
	struct ipvs_change *c;
	struct tag *t;

	if (pl->err)
		return NULL;
	if (p->n_changes == pl->cap) {
		size_t ncap = pl->cap ? 2 * pl->cap : 16;
		void *v = realloc(p->changes, ncap * sizeof(*p->changes));

		if (!v) {
			pl->err = -ENOMEM;
			return NULL;
		}
		p->changes = v;
		v = realloc(pl->tags, ncap * sizeof(*pl->tags));
		if (!v) {
			pl->err = -ENOMEM;
			return NULL;
		}
		pl->tags = v;
		pl->cap = ncap;
	}
	t = &pl->tags[p->n_changes];
	t->phase = phase_of(kind);
	t->rank = rank;
	t->seq = p->n_changes;
	c = &p->changes[p->n_changes++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->svc = *svc;
	c->cookie = cookie;
	return c;
}

static void push_dest(struct planner *pl, enum ipvs_change_kind kind,
		      const struct ipvs_service *svc, const struct ipvs_dest *d,
		      const struct ipvs_dest *old, uint32_t differs, size_t rank)
{
	struct ipvs_change *c = push(pl, kind, svc, d->cookie, rank);

	if (!c)
		return;
	c->dest = *d;
	if (!c->dest.af)
		c->dest.af = svc->af;
	if (old)
		c->old_dest = *old;
	c->differs = differs;
	if (kind == IPVS_CHANGE_DEST_QUIESCE)
		c->dest.weight = 0;
}

/* Quiesce and remove the current destinations (sorted in mine) that the
 * desired service (sorted in theirs, NULL: none) does not have. */
static void plan_removals(struct planner *pl, const struct ipvs_service *cs,
			  const struct refs *mine, const struct refs *theirs, size_t rank)
{
	for (size_t k = 0; k < mine->n; k++) {
		const struct ipvs_dest *cd = mine->v[k].d;

		if (theirs && refs_find(theirs, cd, mine->v[k].af))
			continue;
		if (cd->weight != 0)
			push_dest(pl, IPVS_CHANGE_DEST_QUIESCE, cs, cd, cd, IPVS_DIFF_WEIGHT, rank);
		push_dest(pl, IPVS_CHANGE_DEST_DEL, cs, cd, NULL, 0, rank);
	}
}

/* One desired service against its current one (rank in icur, or SIZE_MAX
 * for none). */
static int plan_service(struct planner *pl, const struct diff_side *cur,
			const struct order *icur, size_t rank,
			const struct ipvs_service *ws, const struct ipvs_dest *wd, size_t nwd,
			struct refs *rc, struct refs *rw)
{
	struct ipvs_service cs;
	const struct ipvs_dest *cd;
	size_t ncd;
	uint32_t d;
	int err;

	if (rank == SIZE_MAX) {
		push(pl, IPVS_CHANGE_SERVICE_ADD, ws, ws->cookie, 0);
		for (size_t k = 0; k < nwd; k++)
			push_dest(pl, IPVS_CHANGE_DEST_ADD, ws, &wd[k], NULL, 0, 0);
		return 0;
	}
	cur->service(cur->arg, icur->v[rank], &cs);
	if ((err = cur->dests(cur->arg, icur->v[rank], &cd, &ncd)) < 0 ||
	    (err = refs_build(rc, cd, ncd, &cs)) < 0 ||
	    (err = refs_build(rw, wd, nwd, ws)) < 0)
		return err;
	pl->plan->services++;
	pl->plan->dests += ncd;
	if ((d = svc_differs(ws, &cs))) {
		struct ipvs_change *x = push(pl, IPVS_CHANGE_SERVICE_EDIT, ws, ws->cookie, 0);

		if (x) {
			x->old_svc = cs;
			x->differs = d;
		}
	}
	for (size_t k = 0; k < nwd; k++) {
		const struct ipvs_dest *c = refs_find(rc, &wd[k], dest_af(&wd[k], ws));

		if (!c)
			push_dest(pl, IPVS_CHANGE_DEST_ADD, ws, &wd[k], NULL, 0, 0);
		else if ((d = dest_differs(&wd[k], c)))
			push_dest(pl, IPVS_CHANGE_DEST_EDIT, ws, &wd[k], c, d, 0);
	}
	plan_removals(pl, &cs, rc, rw, rank);
	return 0;
}

/* A current service the desired table does not have: all of it goes. */
static int plan_leftover(struct planner *pl, const struct diff_side *cur,
			 const struct order *icur, size_t rank, struct refs *rc)
{
	struct ipvs_service cs;
	const struct ipvs_dest *cd;
	size_t ncd;
	int err;

	cur->service(cur->arg, icur->v[rank], &cs);
	if ((err = cur->dests(cur->arg, icur->v[rank], &cd, &ncd)) < 0 ||
	    (err = refs_build(rc, cd, ncd, &cs)) < 0)
		return err;
	pl->plan->services++;
	pl->plan->dests += ncd;
	plan_removals(pl, &cs, rc, NULL, rank);
	push(pl, IPVS_CHANGE_SERVICE_DEL, &cs, cs.cookie, rank);
	return 0;
}

static int tag_cmp(const void *a, const void *b)
{
	const struct tag *x = a, *y = b;

	if (x->phase != y->phase)
		return x->phase < y->phase ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Changes into plan order, in place: position k takes the change found
 * tags[k].seq-th (cycles of the permutation, one change held aside). */
static void plan_order(struct planner *pl)
{
	struct ipvs_change *v = pl->plan->changes, tmp;
	size_t n = pl->plan->n_changes;

	if (n)	/* no changes: no tags array to sort */
		qsort(pl->tags, n, sizeof(*pl->tags), tag_cmp);
	for (size_t s = 0; s < n; s++) {
		size_t k = s;

		if (pl->tags[s].seq == SIZE_MAX)
			continue;
		tmp = v[s];
		while (pl->tags[k].seq != s) {
			size_t next = pl->tags[k].seq;

			v[k] = v[next];
			pl->tags[k].seq = SIZE_MAX;
			k = next;
		}
		v[k] = tmp;
		pl->tags[k].seq = SIZE_MAX;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == IPVS_CHANGE_SERVICE_DEL)
			pl->plan->services_removed++;
		else if (v[i].kind == IPVS_CHANGE_DEST_DEL)
			pl->plan->dests_removed++;
	}
}

int diff_plan(const struct diff_side *cur, const struct diff_side *want,
	      const struct ipvs_scope *scope, struct ipvs_plan **planp)
{
	struct planner pl = { 0 };
	struct refs rc = { 0 }, rw = { 0 };
	struct order icur;
	bool *matched = NULL;
	int err;

	*planp = NULL;
	pl.plan = calloc(1, sizeof(*pl.plan));
	if (!pl.plan)
		return -ENOMEM;
	err = order_build(&icur, cur, scope);
	if (!err && !(matched = calloc(icur.n ? icur.n : 1, sizeof(*matched))))
		err = -ENOMEM;
	for (size_t i = 0; !err && i < want->n; i++) {
		struct ipvs_service ws;
		const struct ipvs_dest *wd;
		size_t nwd, rank;

		want->service(want->arg, i, &ws);
		if ((err = want->dests(want->arg, i, &wd, &nwd)) < 0)
			break;
		rank = order_find(&icur, &ws);
		if (rank != SIZE_MAX)
			matched[rank] = true;
		err = plan_service(&pl, cur, &icur, rank, &ws, wd, nwd, &rc, &rw);
	}
	for (size_t r = 0; !err && r < icur.n; r++)
		if (!matched[r])
			err = plan_leftover(&pl, cur, &icur, r, &rc);
	if (!err)
		err = pl.err;
	if (!err)
		plan_order(&pl);
	free(icur.v);
	free(matched);
	free(rc.v);
	free(rw.v);
	free(pl.tags);
	if (err) {
		ipvs_plan_free(pl.plan);
		return err;
	}
	*planp = pl.plan;
	return 0;
}

/* ---- struct ipvs_table as a side ---- */

static void table_service(void *arg, size_t i, struct ipvs_service *svc)
{
	const struct ipvs_table *t = arg;

	*svc = t->services[i].svc;
}

static int table_dests(void *arg, size_t i, const struct ipvs_dest **d, size_t *n)
{
	const struct ipvs_table *t = arg;

	*d = t->services[i].dests;
	*n = t->services[i].n_dests;
	return 0;
}

void diff_side_table(struct diff_side *s, const struct ipvs_table *t)
{
	s->n = t->n_services;
	s->service = table_service;
	s->dests = table_dests;
	s->arg = (void *)t;
}

IPVS_EXPORT enum ipvs_table_problem ipvs_table_check(const struct ipvs_table *want,
						     const struct ipvs_scope *scope,
						     size_t *svc_index, size_t *dest_index)
{
	struct diff_side s;
	int p;

	diff_side_table(&s, want);
	p = diff_check(&s, scope, svc_index, dest_index);
	/* Only memory can fail here: what was found so far stands. */
	return p < 0 ? IPVS_TABLE_OK : (enum ipvs_table_problem)p;
}

IPVS_EXPORT int ipvs_table_diff(const struct ipvs_table *cur, const struct ipvs_table *want,
				const struct ipvs_scope *scope, struct ipvs_plan **planp)
{
	struct diff_side c, w;
	int p;

	*planp = NULL;
	diff_side_table(&c, cur);
	diff_side_table(&w, want);
	p = diff_check(&w, scope, NULL, NULL);
	if (p < 0)
		return p;
	if (p != IPVS_TABLE_OK)
		return -EINVAL;
	return diff_plan(&c, &w, scope, planp);
}

IPVS_EXPORT void ipvs_plan_free(struct ipvs_plan *plan)
{
	if (!plan)
		return;
	free(plan->changes);
	free(plan);
}

IPVS_EXPORT int ipvs_batch_change(struct ipvs_batch *b, const struct ipvs_change *c,
				  uint64_t cookie)
{
	switch (c->kind) {
	case IPVS_CHANGE_SERVICE_ADD:
		return ipvs_batch_service_add(b, &c->svc, cookie);
	case IPVS_CHANGE_SERVICE_EDIT:
		return ipvs_batch_service_update(b, &c->svc, cookie);
	case IPVS_CHANGE_SERVICE_DEL:
		return ipvs_batch_service_del(b, &c->svc, cookie);
	case IPVS_CHANGE_DEST_ADD:
		return ipvs_batch_dest_add(b, &c->svc, &c->dest, cookie);
	case IPVS_CHANGE_DEST_EDIT:
	case IPVS_CHANGE_DEST_QUIESCE:
		return ipvs_batch_dest_update(b, &c->svc, &c->dest, cookie);
	case IPVS_CHANGE_DEST_DEL:
		return ipvs_batch_dest_del(b, &c->svc, &c->dest, cookie);
	}
	return -EINVAL;
}

IPVS_EXPORT int ipvs_batch_plan(struct ipvs_batch *b, const struct ipvs_plan *plan)
{
	for (size_t i = 0; i < plan->n_changes; i++) {
		int ret = ipvs_batch_change(b, &plan->changes[i], plan->changes[i].cookie);

		if (ret < 0)
			return ret;
	}
	return 0;
}
