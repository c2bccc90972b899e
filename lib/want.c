/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A desired table held compactly (ipvs_want_*, see ipvs.h), and its diff
 * against the kernel's table read service by service through a list
 * session: neither side is ever held whole.
 *
 * Services and destinations are variable-length records (numbers as
 * LEB128, an IPv4 address in 4 bytes) appended to one growing byte array,
 * a few bytes a destination.  Each service has a slot: where its record
 * is, how many destinations it has and where the last one is; each
 * destination record links back to the one before it of its service, so a
 * service's destinations, in the order added, are found wherever they lie
 * in the array.  A hash of service identities finds a destination's slot:
 * the first service added with that identity, or a waiting slot when the
 * destination comes before its service (the service takes it over).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "ipvs-private.h"
#include "mem.h"

#define NO_REC		UINT32_MAX
#define WAITING		0x80000000u	/* a hash entry naming a waiting slot */

/* Packed: there is one for every service. */
struct __attribute__((packed, aligned(4))) slot {
	uint32_t	rec;		/* its service record */
	uint32_t	last;		/* its last destination record, or NO_REC */
	uint32_t	n_dests;	/* waiting slots: 0 once taken over */
	uint64_t	last_cookie;	/* its last destination's */
};

struct slot_vec {
	struct slot	*v;
	size_t		n, cap;		/* cap in bytes */
};

struct ipvs_want {
	uint8_t		*rec;		/* the records */
	size_t		used, cap;	/* bytes */
	struct slot_vec	svc;		/* the services, in the order added */
	struct slot_vec	wait;		/* destinations' services not added yet */
	uint32_t	*hash;		/* slot index + 1 (| WAITING), 0 = free */
	size_t		hash_cap;	/* entries, a power of two */
	size_t		hashed;
	/* The service of the last destination added, and its hash entry:
	 * destinations mostly come in a row for one service. */
	struct ipvs_service last_key;
	uint32_t	last_entry;
};

/* ---- records ---- */

static void put_num(uint8_t **p, uint64_t v)
{
	while (v >= 0x80) {
		*(*p)++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*(*p)++ = (uint8_t)v;
}

static uint64_t get_num(const uint8_t **p)
{
	uint64_t v = 0;
	unsigned int shift = 0;
	uint8_t b;

	do {
		b = *(*p)++;
		v |= (uint64_t)(b & 0x7f) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

static size_t addr_bytes(uint16_t af)
{
	return af == AF_INET ? 4 : 16;
}

static void put_bytes(uint8_t **p, const void *v, size_t n)
{
	memcpy(*p, v, n);
	*p += n;
}

static void put_name(uint8_t **p, const char *name, size_t max)
{
	size_t n = strnlen(name, max);

	*(*p)++ = (uint8_t)n;
	put_bytes(p, name, n);
}

static void get_name(const uint8_t **p, char *name)
{
	size_t n = *(*p)++;

	memcpy(name, *p, n);
	*p += n;
}

/* The most a record can take: every number at its longest. */
#define NUM_MAX		10
#define SVC_REC_MAX	(8 * NUM_MAX + 16 + 2 + 2 + IPVS_SCHED_NAME_MAX + IPVS_PE_NAME_MAX)
#define DEST_REC_MAX	(9 * NUM_MAX + 1 + 16 + 2 + 2)

/* Room for one more record of at most max bytes.  0 or -ENOMEM. */
static int rec_room(struct ipvs_want *w, size_t max)
{
	if (w->used + max > NO_REC)
		return -ENOMEM;	/* offsets are 32-bit */
	return mem_grow((void **)&w->rec, &w->cap, w->used + max);
}

/* Kept as the difference from the usual one: one byte, mostly. */
static uint32_t default_mask(uint16_t af)
{
	return af == AF_INET6 ? 128 : 0xffffffff;
}

static void svc_put(uint8_t **p, const struct ipvs_service *s)
{
	put_num(p, s->af);
	put_num(p, s->protocol);
	put_bytes(p, &s->addr, addr_bytes(s->af));
	put_bytes(p, &s->port, sizeof(s->port));
	put_num(p, s->fwmark);
	put_name(p, s->sched_name, sizeof(s->sched_name));
	put_name(p, s->pe_name, sizeof(s->pe_name));
	put_num(p, s->flags);
	put_num(p, s->timeout);
	put_num(p, s->netmask ^ default_mask(s->af));
	put_num(p, s->cookie);
}

static void svc_get(const uint8_t *p, struct ipvs_service *s)
{
	memset(s, 0, sizeof(*s));
	s->af = (uint16_t)get_num(&p);
	s->protocol = (uint16_t)get_num(&p);
	memcpy(&s->addr, p, addr_bytes(s->af));
	p += addr_bytes(s->af);
	memcpy(&s->port, p, sizeof(s->port));
	p += sizeof(s->port);
	s->fwmark = (uint32_t)get_num(&p);
	get_name(&p, s->sched_name);
	get_name(&p, s->pe_name);
	s->flags = (uint32_t)get_num(&p);
	s->timeout = (uint32_t)get_num(&p);
	s->netmask = (uint32_t)get_num(&p) ^ default_mask(s->af);
	s->cookie = get_num(&p);
}

/* A destination: the distance back to the previous one of its service
 * (0: none), a byte of forwarding method, family, whether the port is the
 * service's and whether the rarer settings follow, the address and port,
 * the weight, the cookie as the difference from the previous one's, then
 * the rarer settings. */
#define D_FWD_MASK	0x07
#define D_FWD_MORE	0x07	/* the method follows as a number */
#define D_AF_SHIFT	3
#define D_AF_MASK	0x18	/* 0: none, 1: IPv4, 2: IPv6, 3: follows */
#define D_EXTRA		0x20
#define D_SVC_PORT	0x40	/* the port is the service's: left out */

static uint64_t zigzag(uint64_t d)
{
	return (d << 1) ^ (uint64_t)-(int64_t)(d >> 63);
}

static uint64_t unzigzag(uint64_t z)
{
	return (z >> 1) ^ (uint64_t)-(int64_t)(z & 1);
}

/* svc_port: the port of the service (of its identity), or -1 for a
 * fwmark service, whose port is not part of its identity. */
static void dest_put(uint8_t **p, const struct ipvs_dest *d, int svc_port, uint64_t back,
		     uint64_t prev_cookie)
{
	unsigned int af = d->af == 0 ? 0 : d->af == AF_INET ? 1 : d->af == AF_INET6 ? 2 : 3;
	bool extra = d->u_threshold || d->l_threshold || d->tun_type || d->tun_port ||
		     d->tun_flags;
	bool same_port = d->port == svc_port;

	put_num(p, back);
	*(*p)++ = (uint8_t)((d->fwd < D_FWD_MORE ? d->fwd : D_FWD_MORE) |
			    af << D_AF_SHIFT | (extra ? D_EXTRA : 0) |
			    (same_port ? D_SVC_PORT : 0));
	if (d->fwd >= D_FWD_MORE)
		put_num(p, d->fwd);
	if (af == 3)
		put_num(p, d->af);
	put_bytes(p, &d->addr, addr_bytes(d->af));
	if (!same_port)
		put_bytes(p, &d->port, sizeof(d->port));
	put_num(p, (uint32_t)d->weight);
	put_num(p, zigzag(d->cookie - prev_cookie));
	if (extra) {
		put_num(p, d->u_threshold);
		put_num(p, d->l_threshold);
		put_num(p, d->tun_type);
		put_num(p, d->tun_port);
		put_num(p, d->tun_flags);
	}
}

static void dest_get(const uint8_t *p, struct ipvs_dest *d, uint16_t svc_port,
		     uint64_t prev_cookie)
{
	unsigned int hdr, af;

	memset(d, 0, sizeof(*d));
	(void)get_num(&p);	/* the link back */
	hdr = *p++;
	d->fwd = hdr & D_FWD_MASK;
	if (d->fwd == D_FWD_MORE)
		d->fwd = (uint32_t)get_num(&p);
	af = (hdr & D_AF_MASK) >> D_AF_SHIFT;
	d->af = af == 0 ? 0 : af == 1 ? AF_INET : af == 2 ? AF_INET6 : (uint16_t)get_num(&p);
	memcpy(&d->addr, p, addr_bytes(d->af));
	p += addr_bytes(d->af);
	if (hdr & D_SVC_PORT) {
		d->port = svc_port;
	} else {
		memcpy(&d->port, p, sizeof(d->port));
		p += sizeof(d->port);
	}
	d->weight = (int32_t)(uint32_t)get_num(&p);
	d->cookie = prev_cookie + unzigzag(get_num(&p));
	if (hdr & D_EXTRA) {
		d->u_threshold = (uint32_t)get_num(&p);
		d->l_threshold = (uint32_t)get_num(&p);
		d->tun_type = (uint8_t)get_num(&p);
		d->tun_port = (uint16_t)get_num(&p);
		d->tun_flags = (uint16_t)get_num(&p);
	}
}

/* ---- slots and the identity hash ---- */

static int slot_push(struct slot_vec *v, uint32_t rec)
{
	int err = mem_grow((void **)&v->v, &v->cap, (v->n + 1) * sizeof(*v->v));

	if (err < 0)
		return err;
	v->v[v->n++] = (struct slot){ .rec = rec, .last = NO_REC };
	return 0;
}

static struct slot *slot_of(const struct ipvs_want *w, uint32_t entry)
{
	uint32_t i = (entry & ~WAITING) - 1;

	return entry & WAITING ? &w->wait.v[i] : &w->svc.v[i];
}

static uint32_t mix(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;	/* FNV-1a */
	return h;
}

/* A hash of what ipvs_service_cmp compares. */
static uint32_t svc_hash(const struct ipvs_service *s)
{
	uint32_t h = mix(2166136261u, &s->af, sizeof(s->af));

	h = mix(h, &s->fwmark, sizeof(s->fwmark));
	if (!s->fwmark) {
		h = mix(h, &s->protocol, sizeof(s->protocol));
		h = mix(h, &s->addr, addr_bytes(s->af) == 4 ? 4 : 16);
		h = mix(h, &s->port, sizeof(s->port));
	}
	return h;
}

/* The hash position for key's identity: its entry, or the free one where
 * it would go. */
static size_t hash_pos(const struct ipvs_want *w, const struct ipvs_service *key)
{
	size_t mask = w->hash_cap - 1, i = svc_hash(key) & mask;
	struct ipvs_service s;

	for (; w->hash[i]; i = (i + 1) & mask) {
		svc_get(w->rec + slot_of(w, w->hash[i])->rec, &s);
		if (!ipvs_service_cmp(&s, key))
			break;
	}
	return i;
}

/* Room for one more entry (kept at most three quarters full). */
static int hash_room(struct ipvs_want *w)
{
	uint32_t *old = w->hash;
	size_t old_cap = w->hash_cap;
	struct ipvs_service s;

	if (4 * (w->hashed + 1) <= 3 * w->hash_cap)
		return 0;
	w->hash_cap = old_cap ? 2 * old_cap : 64;
	w->hash = calloc(w->hash_cap, sizeof(*w->hash));
	if (!w->hash) {
		w->hash = old;
		w->hash_cap = old_cap;
		return -ENOMEM;
	}
	for (size_t i = 0; i < old_cap; i++)
		if (old[i]) {
			svc_get(w->rec + slot_of(w, old[i])->rec, &s);
			w->hash[hash_pos(w, &s)] = old[i];
		}
	free(old);
	return 0;
}

/* ---- building ---- */

IPVS_EXPORT int ipvs_want_new(struct ipvs_want **wp)
{
	if (!wp)
		return -EINVAL;
	*wp = calloc(1, sizeof(**wp));
	return *wp ? 0 : -ENOMEM;
}

IPVS_EXPORT void ipvs_want_free(struct ipvs_want *w)
{
	if (!w)
		return;
	mem_free(w->rec, w->cap);
	mem_free(w->svc.v, w->svc.cap);
	mem_free(w->wait.v, w->wait.cap);
	free(w->hash);
	free(w);
}

IPVS_EXPORT size_t ipvs_want_count(const struct ipvs_want *w)
{
	return w ? w->svc.n : 0;
}

/* Append a service record; its offset in *at. */
static int svc_rec_add(struct ipvs_want *w, const struct ipvs_service *svc, uint32_t *at)
{
	uint8_t *p;
	int err = rec_room(w, SVC_REC_MAX);

	if (err < 0)
		return err;
	p = w->rec + w->used;
	svc_put(&p, svc);
	*at = (uint32_t)w->used;
	w->used = (size_t)(p - w->rec);
	return 0;
}

IPVS_EXPORT int ipvs_want_service_add(struct ipvs_want *w, const struct ipvs_service *svc)
{
	uint32_t rec, entry;
	size_t pos;
	int err;

	if (!w || !svc)
		return -EINVAL;
	if (w->svc.n >= WAITING - 1)
		return -ENOMEM;
	if ((err = hash_room(w)) < 0 || (err = svc_rec_add(w, svc, &rec)) < 0 ||
	    (err = slot_push(&w->svc, rec)) < 0)
		return err;
	pos = hash_pos(w, svc);
	entry = w->hash[pos];
	if (!entry) {
		w->hash[pos] = (uint32_t)w->svc.n;
		w->hashed++;
	} else if (entry & WAITING) {
		/* Destinations came first: they are this service's. */
		struct slot *ws = slot_of(w, entry), *s = &w->svc.v[w->svc.n - 1];

		s->last = ws->last;
		s->n_dests = ws->n_dests;
		s->last_cookie = ws->last_cookie;
		ws->n_dests = 0;
		w->hash[pos] = (uint32_t)w->svc.n;
		w->last_entry = 0;	/* it named the waiting slot */
	}
	/* Else the same identity again: ipvs_want_check() reports it, and
	 * destinations stay with the first. */
	return 0;
}

/* The hash entry of the slot for a destination of svc's identity: the
 * service's, or a waiting one (made now if need be).  0 or -ENOMEM. */
static int dest_entry(struct ipvs_want *w, const struct ipvs_service *svc, uint32_t *entry)
{
	uint32_t rec;
	size_t pos;
	int err;

	if (w->last_entry && !ipvs_service_cmp(svc, &w->last_key)) {
		*entry = w->last_entry;
		return 0;
	}
	if ((err = hash_room(w)) < 0)
		return err;
	pos = hash_pos(w, svc);
	if (!w->hash[pos]) {
		if (w->wait.n >= WAITING - 1)
			return -ENOMEM;
		if ((err = svc_rec_add(w, svc, &rec)) < 0 || (err = slot_push(&w->wait, rec)) < 0)
			return err;
		w->hash[pos] = (uint32_t)w->wait.n | WAITING;
		w->hashed++;
	}
	*entry = w->last_entry = w->hash[pos];
	w->last_key = *svc;
	return 0;
}

IPVS_EXPORT int ipvs_want_dest_add(struct ipvs_want *w, const struct ipvs_service *svc,
				   const struct ipvs_dest *dest)
{
	struct slot *s;
	uint32_t entry;
	uint8_t *p;
	int err;

	if (!w || !svc || !dest)
		return -EINVAL;
	if ((err = dest_entry(w, svc, &entry)) < 0 || (err = rec_room(w, DEST_REC_MAX)) < 0)
		return err;
	s = slot_of(w, entry);
	p = w->rec + w->used;
	dest_put(&p, dest, svc->fwmark ? -1 : svc->port,
		 s->last == NO_REC ? 0 : w->used - s->last, s->last_cookie);
	s->last = (uint32_t)w->used;
	s->last_cookie = dest->cookie;
	s->n_dests++;
	w->used = (size_t)(p - w->rec);
	return entry & WAITING ? 1 : 0;
}

IPVS_EXPORT bool ipvs_want_has_service(const struct ipvs_want *w, const struct ipvs_service *svc)
{
	uint32_t entry;

	if (!w || !svc || !w->hash_cap)
		return false;
	entry = w->hash[hash_pos(w, svc)];
	return entry && !(entry & WAITING);
}

/* ---- reading: the desired table as a diff side ---- */

struct reader {
	const struct ipvs_want	*w;
	struct ipvs_dest	*d;	/* one service's destinations */
	size_t			cap;
};

static void reader_service(void *arg, size_t i, struct ipvs_service *svc)
{
	const struct reader *r = arg;

	svc_get(r->w->rec + r->w->svc.v[i].rec, svc);
}

/* A slot's destinations into r->d, in the order added: decoded last to
 * first along the links, each cookie then summed from the differences. */
static int reader_slot(struct reader *r, const struct slot *s)
{
	uint32_t at = s->last;
	struct ipvs_service svc;

	if (s->n_dests > r->cap) {
		void *v = realloc(r->d, s->n_dests * sizeof(*r->d));

		if (!v)
			return -ENOMEM;
		r->d = v;
		r->cap = s->n_dests;
	}
	svc_get(r->w->rec + s->rec, &svc);
	for (size_t k = s->n_dests; k-- > 0;) {
		const uint8_t *p = r->w->rec + at;

		dest_get(p, &r->d[k], svc.port, 0);
		at -= (uint32_t)get_num(&p);
	}
	for (size_t k = 1; k < s->n_dests; k++)
		r->d[k].cookie += r->d[k - 1].cookie;
	return 0;
}

static int reader_dests(void *arg, size_t i, const struct ipvs_dest **d, size_t *n)
{
	struct reader *r = arg;
	const struct slot *s = &r->w->svc.v[i];
	int err = reader_slot(r, s);

	*d = r->d;
	*n = err < 0 ? 0 : s->n_dests;
	return err;
}

static void reader_side(struct diff_side *side, struct reader *r, const struct ipvs_want *w)
{
	memset(r, 0, sizeof(*r));
	r->w = w;
	side->n = w->svc.n;
	side->service = reader_service;
	side->dests = reader_dests;
	side->arg = r;
}

/* ipvs_want_check with the reader given; a negative errno if memory ran out. */
static int want_check(struct reader *r, const struct diff_side *side,
		      const struct ipvs_scope *scope, uint64_t *cookie)
{
	const struct ipvs_dest *d;
	struct ipvs_service svc;
	size_t si, di, n;
	int p, err;

	*cookie = 0;
	for (size_t i = 0; i < r->w->wait.n; i++)
		if (r->w->wait.v[i].n_dests) {
			if ((err = reader_slot(r, &r->w->wait.v[i])) < 0)
				return err;
			*cookie = r->d[0].cookie;
			return IPVS_TABLE_NO_SERVICE;
		}
	p = diff_check(side, scope, &si, &di);
	if (p <= 0)
		return p;
	if (di == SIZE_MAX) {
		reader_service(r, si, &svc);
		*cookie = svc.cookie;
	} else {
		if ((err = reader_dests(r, si, &d, &n)) < 0)
			return err;
		*cookie = d[di].cookie;
	}
	return p;
}

IPVS_EXPORT enum ipvs_table_problem ipvs_want_check(const struct ipvs_want *w,
						    const struct ipvs_scope *scope,
						    uint64_t *cookie)
{
	struct diff_side side;
	struct reader r;
	uint64_t c;
	int p;

	if (!w)
		return IPVS_TABLE_OK;
	reader_side(&side, &r, w);
	p = want_check(&r, &side, scope, &c);
	free(r.d);
	if (cookie)
		*cookie = c;
	/* Only memory can fail here: what was found so far stands. */
	return p < 0 ? IPVS_TABLE_OK : (enum ipvs_table_problem)p;
}

IPVS_EXPORT int ipvs_want_diff_table(const struct ipvs_table *cur, const struct ipvs_want *w,
				     const struct ipvs_scope *scope, struct ipvs_plan **planp)
{
	struct diff_side c, side;
	struct reader r;
	uint64_t cookie;
	int p;

	if (!planp)
		return -EINVAL;
	*planp = NULL;
	if (!cur || !w)
		return -EINVAL;
	diff_side_table(&c, cur);
	reader_side(&side, &r, w);
	p = want_check(&r, &side, scope, &cookie);
	if (p == IPVS_TABLE_OK)
		p = diff_plan(&c, &side, scope, planp);
	else if (p > 0)
		p = -EINVAL;
	free(r.d);
	return p;
}

/* ---- the kernel's table, through a list session, as a diff side ---- */

static void list_service(void *arg, size_t i, struct ipvs_service *svc)
{
	ipvs_list_service(arg, i, svc);
}

static int list_dests(void *arg, size_t i, const struct ipvs_dest **d, size_t *n)
{
	struct ipvs_dest *v;
	int err = ipvs_list_dests(arg, i, &v, n);

	*d = v;
	return err;
}

IPVS_EXPORT int ipvs_want_diff(struct ipvs_handle *h, const struct ipvs_want *w,
			       const struct ipvs_scope *scope, struct ipvs_plan **planp)
{
	struct ipvs_list *l = NULL;
	struct diff_side c, side;
	struct reader r;
	uint64_t cookie;
	int err;

	if (!planp)
		return -EINVAL;
	*planp = NULL;
	if (!h || !w)
		return -EINVAL;
	reader_side(&side, &r, w);
	/* Bad input is refused before the kernel is asked anything. */
	err = want_check(&r, &side, scope, &cookie);
	if (err > 0)
		err = -EINVAL;
	if (!err)
		err = ipvs_list_begin(h, NULL, 0, &l);
	while (!err) {
		c.n = ipvs_list_count(l);
		c.service = list_service;
		c.dests = list_dests;
		c.arg = l;
		err = diff_plan(&c, &side, scope, planp);
		if (err || (err = ipvs_list_end(l)) != 1)
			break;
		/* The table changed under the pass: the session has read the
		 * services again; plan again. */
		ipvs_plan_free(*planp);
		*planp = NULL;
		err = 0;
	}
	ipvs_list_free(l);
	free(r.d);
	if (err < 0) {
		ipvs_plan_free(*planp);
		*planp = NULL;
		return err;
	}
	return 0;
}
