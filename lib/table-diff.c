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

static int svc_ref_cmp(const void *a, const void *b)
{
	const struct ipvs_table_entry *x = *(const struct ipvs_table_entry *const *)a;
	const struct ipvs_table_entry *y = *(const struct ipvs_table_entry *const *)b;

	return svc_key_cmp(&x->svc, &y->svc);
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

/* ---- the desired table's sanity ---- */

struct index {
	const struct ipvs_table_entry **svc;	/* sorted by identity */
	size_t n;
};

static int index_build(struct index *ix, const struct ipvs_table *t,
		       const struct ipvs_scope *scope)
{
	ix->n = 0;
	ix->svc = malloc((t->n_services ? t->n_services : 1) * sizeof(*ix->svc));
	if (!ix->svc)
		return -ENOMEM;
	for (size_t i = 0; i < t->n_services; i++)
		if (ipvs_scope_match(scope, &t->services[i].svc))
			ix->svc[ix->n++] = &t->services[i];
	qsort(ix->svc, ix->n, sizeof(*ix->svc), svc_ref_cmp);
	return 0;
}

static const struct ipvs_table_entry *index_find(const struct index *ix,
						 const struct ipvs_service *key)
{
	struct ipvs_table_entry probe = { .svc = *key };
	const struct ipvs_table_entry *p = &probe, **hit;

	hit = bsearch(&p, ix->svc, ix->n, sizeof(*ix->svc), svc_ref_cmp);
	return hit ? *hit : NULL;
}

static struct dest_ref *dest_refs(const struct ipvs_table_entry *e)
{
	struct dest_ref *v = malloc((e->n_dests ? e->n_dests : 1) * sizeof(*v));

	if (!v)
		return NULL;
	for (size_t i = 0; i < e->n_dests; i++) {
		v[i].d = &e->dests[i];
		v[i].af = dest_af(&e->dests[i], &e->svc);
	}
	qsort(v, e->n_dests, sizeof(*v), dest_ref_cmp);
	return v;
}

static const struct ipvs_dest *dest_find(const struct dest_ref *v, size_t n,
					 const struct ipvs_dest *d, uint16_t af)
{
	struct dest_ref key = { d, af };
	const struct dest_ref *hit = bsearch(&key, v, n, sizeof(*v), dest_ref_cmp);

	return hit ? hit->d : NULL;
}

IPVS_EXPORT enum ipvs_table_problem ipvs_table_check(const struct ipvs_table *want,
						     const struct ipvs_scope *scope,
						     size_t *svc_index, size_t *dest_index)
{
	enum ipvs_table_problem p = IPVS_TABLE_OK;
	struct index ix;
	size_t si = SIZE_MAX, di = SIZE_MAX;

	for (size_t i = 0; i < want->n_services && !p; i++)
		if (!ipvs_scope_match(scope, &want->services[i].svc)) {
			p = IPVS_TABLE_OUT_OF_SCOPE;
			si = i;
		}
	if (!p && index_build(&ix, want, NULL) == 0) {
		for (size_t i = 1; i < ix.n && !p; i++)
			if (!svc_key_cmp(&ix.svc[i - 1]->svc, &ix.svc[i]->svc)) {
				size_t a = (size_t)(ix.svc[i - 1] - want->services);
				size_t b = (size_t)(ix.svc[i] - want->services);

				p = IPVS_TABLE_DUP_SERVICE;
				si = a > b ? a : b;	/* the later one, as a reader of input would */
			}
		free(ix.svc);
	}
	for (size_t i = 0; i < want->n_services && !p; i++) {
		const struct ipvs_table_entry *e = &want->services[i];
		struct dest_ref *v = dest_refs(e);

		for (size_t k = 1; v && k < e->n_dests && !p; k++)
			if (!dest_key_cmp(&v[k - 1], &v[k])) {
				p = IPVS_TABLE_DUP_DEST;
				si = i;
				di = (size_t)((v[k - 1].d > v[k].d ? v[k - 1].d : v[k].d) - e->dests);
			}
		free(v);
	}
	if (svc_index)
		*svc_index = si;
	if (dest_index)
		*dest_index = di;
	return p;
}

/* ---- planning ---- */

struct planner {
	struct ipvs_plan *plan;
	size_t cap;
	int err;
};

static struct ipvs_change *push(struct planner *pl, enum ipvs_change_kind kind,
				const struct ipvs_service *svc, uint64_t cookie)
{
	struct ipvs_plan *p = pl->plan;
	struct ipvs_change *c;

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
		pl->cap = ncap;
	}
	c = &p->changes[p->n_changes++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->svc = *svc;
	c->cookie = cookie;
	return c;
}

static void push_dest(struct planner *pl, enum ipvs_change_kind kind,
		      const struct ipvs_service *svc, const struct ipvs_dest *d,
		      const struct ipvs_dest *old, uint32_t differs)
{
	struct ipvs_change *c = push(pl, kind, svc, d->cookie);

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

/* Phases, in plan order: each walks the tables once. */
enum phase { ADD_SVC, ADD_DEST, EDIT, QUIESCE, DEL_DEST, DEL_SVC };

/* What happens to the desired table's services (adds and edits). */
static void plan_wanted(struct planner *pl, enum phase ph, const struct ipvs_table *want,
			const struct index *cur)
{
	for (size_t i = 0; i < want->n_services; i++) {
		const struct ipvs_table_entry *w = &want->services[i];
		const struct ipvs_table_entry *c = index_find(cur, &w->svc);
		struct dest_ref *v = NULL;
		uint32_t d;

		if (ph == ADD_SVC && !c)
			push(pl, IPVS_CHANGE_SERVICE_ADD, &w->svc, w->svc.cookie);
		if (ph == EDIT && c && (d = svc_differs(&w->svc, &c->svc))) {
			struct ipvs_change *x = push(pl, IPVS_CHANGE_SERVICE_EDIT, &w->svc,
						     w->svc.cookie);
			if (x) {
				x->old_svc = c->svc;
				x->differs = d;
			}
		}
		if (c && !(v = dest_refs(c))) {
			pl->err = -ENOMEM;
			return;
		}
		for (size_t k = 0; k < w->n_dests; k++) {
			const struct ipvs_dest *wd = &w->dests[k];
			const struct ipvs_dest *cd =
				c ? dest_find(v, c->n_dests, wd, dest_af(wd, &w->svc)) : NULL;

			if (ph == ADD_DEST && !cd)
				push_dest(pl, IPVS_CHANGE_DEST_ADD, &w->svc, wd, NULL, 0);
			if (ph == EDIT && cd && (d = dest_differs(wd, cd)))
				push_dest(pl, IPVS_CHANGE_DEST_EDIT, &w->svc, wd, cd, d);
		}
		free(v);
	}
}

/* What happens to the current table's services (removals), in identity
 * order so that a plan does not depend on the kernel's hash order. */
static void plan_current(struct planner *pl, enum phase ph, const struct index *cur,
			 const struct index *want)
{
	for (size_t i = 0; i < cur->n; i++) {
		const struct ipvs_table_entry *c = cur->svc[i];
		const struct ipvs_table_entry *w = index_find(want, &c->svc);
		struct dest_ref *v = NULL, *mine;

		if (ph == DEL_SVC) {
			if (!w)
				push(pl, IPVS_CHANGE_SERVICE_DEL, &c->svc, c->svc.cookie);
			continue;
		}
		if (w && !(v = dest_refs(w))) {
			pl->err = -ENOMEM;
			return;
		}
		if (!(mine = dest_refs(c))) {
			free(v);
			pl->err = -ENOMEM;
			return;
		}
		for (size_t k = 0; k < c->n_dests; k++) {
			const struct ipvs_dest *cd = mine[k].d;

			if (w && dest_find(v, w->n_dests, cd, mine[k].af))
				continue;
			if (ph == QUIESCE && cd->weight != 0)
				push_dest(pl, IPVS_CHANGE_DEST_QUIESCE, &c->svc, cd, cd, IPVS_DIFF_WEIGHT);
			if (ph == DEL_DEST)
				push_dest(pl, IPVS_CHANGE_DEST_DEL, &c->svc, cd, NULL, 0);
		}
		free(mine);
		free(v);
	}
}

static void count_scope(struct ipvs_plan *p, const struct ipvs_table *cur,
			const struct ipvs_scope *scope)
{
	for (size_t i = 0; i < cur->n_services; i++)
		if (ipvs_scope_match(scope, &cur->services[i].svc)) {
			p->services++;
			p->dests += cur->services[i].n_dests;
		}
	for (size_t i = 0; i < p->n_changes; i++) {
		if (p->changes[i].kind == IPVS_CHANGE_SERVICE_DEL)
			p->services_removed++;
		else if (p->changes[i].kind == IPVS_CHANGE_DEST_DEL)
			p->dests_removed++;
	}
}

IPVS_EXPORT int ipvs_table_diff(const struct ipvs_table *cur, const struct ipvs_table *want,
				const struct ipvs_scope *scope, struct ipvs_plan **planp)
{
	struct planner pl = { 0 };
	struct index icur, iwant;
	int ret;

	*planp = NULL;
	if (ipvs_table_check(want, scope, NULL, NULL) != IPVS_TABLE_OK)
		return -EINVAL;
	pl.plan = calloc(1, sizeof(*pl.plan));
	if (!pl.plan)
		return -ENOMEM;
	if ((ret = index_build(&icur, cur, scope)) < 0) {
		free(pl.plan);
		return ret;
	}
	if ((ret = index_build(&iwant, want, NULL)) < 0) {
		free(icur.svc);
		free(pl.plan);
		return ret;
	}
	plan_wanted(&pl, ADD_SVC, want, &icur);
	plan_wanted(&pl, ADD_DEST, want, &icur);
	plan_wanted(&pl, EDIT, want, &icur);
	plan_current(&pl, QUIESCE, &icur, &iwant);
	plan_current(&pl, DEL_DEST, &icur, &iwant);
	plan_current(&pl, DEL_SVC, &icur, &iwant);
	free(icur.svc);
	free(iwant.svc);
	if (pl.err) {
		ipvs_plan_free(pl.plan);
		return pl.err;
	}
	count_scope(pl.plan, cur, scope);
	*planp = pl.plan;
	return 0;
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
