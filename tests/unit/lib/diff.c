/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Table diffs: hand-built tables in, the plan's changes and their order out. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "util.h"

/* A handle that only encodes: appending to a batch needs no socket. */
static struct ipvs_handle *t_handle(void)
{
	struct ipvs_handle *h = calloc(1, sizeof(*h));

	ck_assert_ptr_nonnull(h);
	h->fd = -1;
	h->family = T_FAMILY;
	h->seq = 1;
	nlbuf_init(&h->req);
	return h;
}

static void t_handle_free(struct ipvs_handle *h)
{
	nlbuf_free(&h->req);
	free(h);
}

static int t_batch_cmd(const struct ipvs_batch *b, size_t i)
{
	const struct nlmsghdr *nh = (const struct nlmsghdr *)(b->buf.data + b->reqs[i].off);

	return ((const struct genlmsghdr *)NLMSG_DATA(nh))->cmd;
}

/* A small table builder: up to 8 services of up to 8 dests each. */
struct tt {
	struct ipvs_table t;
	struct ipvs_table_entry e[8];
	struct ipvs_dest d[8][8];
};

static void tt_init(struct tt *x)
{
	memset(x, 0, sizeof(*x));
	x->t.services = x->e;
	for (int i = 0; i < 8; i++)
		x->e[i].dests = x->d[i];
}

static struct ipvs_service *tt_svc(struct tt *x, const char *addr, uint16_t port,
				   const char *sched, uint64_t cookie)
{
	struct ipvs_table_entry *e = &x->e[x->t.n_services++];

	e->svc.af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	e->svc.protocol = IPPROTO_TCP;
	ck_assert_int_eq(inet_pton(e->svc.af, addr, &e->svc.addr), 1);
	e->svc.port = port;
	snprintf(e->svc.sched_name, sizeof(e->svc.sched_name), "%s", sched);
	e->svc.netmask = e->svc.af == AF_INET ? 0xffffffff : 128;
	e->svc.cookie = cookie;
	return &e->svc;
}

static struct ipvs_service *tt_fwm(struct tt *x, uint32_t mark, uint64_t cookie)
{
	struct ipvs_table_entry *e = &x->e[x->t.n_services++];

	e->svc.af = AF_INET;
	e->svc.fwmark = mark;
	strcpy(e->svc.sched_name, "wlc");
	e->svc.cookie = cookie;
	return &e->svc;
}

/* A dest of the last service added. */
static struct ipvs_dest *tt_dest(struct tt *x, const char *addr, uint16_t port, int weight,
				 uint64_t cookie)
{
	struct ipvs_table_entry *e = &x->e[x->t.n_services - 1];
	struct ipvs_dest *d = &e->dests[e->n_dests++];

	d->af = strchr(addr, ':') ? AF_INET6 : AF_INET;
	ck_assert_int_eq(inet_pton(d->af, addr, &d->addr), 1);
	d->port = port;
	d->fwd = IPVS_FWD_ROUTE;
	d->weight = weight;
	d->cookie = cookie;
	return d;
}

/* The desired table of t held compactly, as ipvs_want_diff takes it. */
static struct ipvs_want *want_of(const struct ipvs_table *t)
{
	struct ipvs_want *w;

	ck_assert_int_eq(ipvs_want_new(&w), 0);
	for (size_t i = 0; i < t->n_services; i++) {
		ck_assert_int_eq(ipvs_want_service_add(w, &t->services[i].svc), 0);
		for (size_t k = 0; k < t->services[i].n_dests; k++)
			ck_assert_int_eq(ipvs_want_dest_add(w, &t->services[i].svc,
							    &t->services[i].dests[k]), 0);
	}
	return w;
}

/* Every plan here is checked to be the same from the compact desired
 * table: change for change, byte for byte. */
static struct ipvs_plan *diff(const struct tt *cur, const struct tt *want,
			      const struct ipvs_scope *scope)
{
	struct ipvs_plan *p = NULL, *q = NULL;
	struct ipvs_want *w = want_of(&want->t);

	ck_assert_int_eq(ipvs_table_diff(&cur->t, &want->t, scope, &p), 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(ipvs_want_diff_table(&cur->t, w, scope, &q), 0);
	ck_assert_ptr_nonnull(q);
	ck_assert_uint_eq(q->n_changes, p->n_changes);
	for (size_t i = 0; i < p->n_changes; i++)
		ck_assert_msg(!memcmp(&p->changes[i], &q->changes[i], sizeof(p->changes[i])),
			      "change %zu differs", i);
	ck_assert_uint_eq(q->services, p->services);
	ck_assert_uint_eq(q->services_removed, p->services_removed);
	ck_assert_uint_eq(q->dests, p->dests);
	ck_assert_uint_eq(q->dests_removed, p->dests_removed);
	ipvs_plan_free(q);
	ipvs_want_free(w);
	return p;
}

/* ipvs_want_check finds what ipvs_table_check does, and names its cookie. */
static void want_check_is(const struct ipvs_table *t, const struct ipvs_scope *scope,
			  enum ipvs_table_problem pr, uint64_t cookie)
{
	struct ipvs_want *w = want_of(t);
	struct ipvs_plan *p = NULL;
	uint64_t c = 99;

	ck_assert_int_eq(ipvs_want_check(w, scope, &c), pr);
	ck_assert_uint_eq(c, pr == IPVS_TABLE_OK ? 0 : cookie);
	ck_assert_int_eq(ipvs_want_diff_table(t, w, scope, &p), pr == IPVS_TABLE_OK ? 0 : -EINVAL);
	ipvs_plan_free(p);
	ipvs_want_free(w);
}

/* "kind:cookie kind:cookie ..." */
static void expect(const struct ipvs_plan *p, const char *want)
{
	static const char *const names[] = {
		[IPVS_CHANGE_SERVICE_ADD] = "A", [IPVS_CHANGE_DEST_ADD] = "a",
		[IPVS_CHANGE_SERVICE_EDIT] = "E", [IPVS_CHANGE_DEST_EDIT] = "e",
		[IPVS_CHANGE_DEST_QUIESCE] = "q", [IPVS_CHANGE_DEST_DEL] = "d",
		[IPVS_CHANGE_SERVICE_DEL] = "D",
	};
	char got[512] = "";
	size_t len = 0;

	for (size_t i = 0; i < p->n_changes; i++)
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s:%llu",
					i ? " " : "", names[p->changes[i].kind],
					(unsigned long long)p->changes[i].cookie);
	ck_assert_str_eq(got, want);
}

START_TEST(same_table_is_empty_plan)
{
	struct tt a, b;

	tt_init(&a);
	tt_init(&b);
	tt_svc(&a, "10.0.0.1", 80, "rr", 0);
	tt_dest(&a, "10.1.0.1", 80, 1, 0);
	tt_dest(&a, "10.1.0.2", 80, 1, 0);
	tt_svc(&b, "10.0.0.1", 80, "rr", 1);
	tt_dest(&b, "10.1.0.2", 80, 1, 2);	/* another order: still the same */
	tt_dest(&b, "10.1.0.1", 80, 1, 3);
	struct ipvs_plan *p = diff(&a, &b, NULL);

	expect(p, "");
	ck_assert_uint_eq(p->services, 1);
	ck_assert_uint_eq(p->dests, 2);
	ck_assert_uint_eq(p->services_removed + p->dests_removed, 0);
	ipvs_plan_free(p);
}
END_TEST

/* Adds, then edits, then quiesce and delete: make before break. */
START_TEST(order_is_make_before_break)
{
	struct tt cur, want;

	tt_init(&cur);
	tt_init(&want);
	tt_svc(&cur, "10.0.0.1", 80, "rr", 0);
	tt_dest(&cur, "10.1.0.1", 80, 1, 0);
	tt_dest(&cur, "10.1.0.2", 80, 3, 0);	/* removed */
	tt_svc(&cur, "10.0.0.9", 80, "rr", 0);	/* removed with its dest */
	tt_dest(&cur, "10.1.0.9", 80, 0, 0);	/* already at weight 0: no quiesce */
	tt_dest(&cur, "10.1.0.8", 80, 2, 0);

	tt_svc(&want, "10.0.0.1", 80, "wrr", 10);	/* scheduler edited */
	tt_dest(&want, "10.1.0.1", 80, 5, 11);		/* weight edited */
	tt_dest(&want, "10.1.0.3", 80, 1, 12);		/* added */
	tt_svc(&want, "10.0.0.2", 443, "rr", 20);	/* added */
	tt_dest(&want, "10.1.0.4", 443, 1, 21);
	struct ipvs_plan *p = diff(&cur, &want, NULL);

	expect(p, "A:20 a:12 a:21 E:10 e:11 q:0 q:0 d:0 d:0 d:0 D:0");
	ck_assert_uint_eq(p->changes[3].differs, IPVS_DIFF_SCHED);
	ck_assert_str_eq(p->changes[3].old_svc.sched_name, "rr");
	ck_assert_uint_eq(p->changes[4].differs, IPVS_DIFF_WEIGHT);
	ck_assert_int_eq(p->changes[4].old_dest.weight, 1);
	ck_assert_int_eq(p->changes[4].dest.weight, 5);
	/* the quiesce keeps everything of the dest but its weight */
	ck_assert_int_eq(p->changes[5].dest.weight, 0);
	ck_assert_int_eq(p->changes[5].old_dest.weight, 3);
	ck_assert_uint_eq(p->changes[5].dest.fwd, IPVS_FWD_ROUTE);
	ck_assert_uint_eq(p->changes[6].dest.port, 80);
	ck_assert_uint_eq(ntohl(p->changes[10].svc.addr.in.s_addr), 0x0a000009);
	ck_assert_uint_eq(p->services, 2);
	ck_assert_uint_eq(p->services_removed, 1);
	ck_assert_uint_eq(p->dests, 4);
	ck_assert_uint_eq(p->dests_removed, 3);
	ipvs_plan_free(p);
}
END_TEST

/* Every attribute of a service and a destination counts. */
START_TEST(every_attribute_compared)
{
	struct tt cur, want;
	struct ipvs_service *s;
	struct ipvs_dest *d;
	struct ipvs_plan *p;

	tt_init(&cur);
	tt_svc(&cur, "10.0.0.1", 80, "mh", 0);
	tt_dest(&cur, "10.1.0.1", 80, 1, 0);

	struct {
		uint32_t svc_diff, dest_diff;
	} cases[] = {
		{ IPVS_DIFF_SCHED, 0 }, { IPVS_DIFF_FLAGS, 0 },
		{ IPVS_DIFF_FLAGS | IPVS_DIFF_TIMEOUT, 0 }, { IPVS_DIFF_PE, 0 },
		{ 0, IPVS_DIFF_FWD }, { 0, IPVS_DIFF_WEIGHT }, { 0, IPVS_DIFF_U_THRESHOLD },
		{ 0, IPVS_DIFF_L_THRESHOLD }, { 0, IPVS_DIFF_TUNNEL }, { 0, IPVS_DIFF_TUNNEL },
		{ IPVS_DIFF_NETMASK, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tt_init(&want);
		s = tt_svc(&want, "10.0.0.1", 80, "mh", 1);
		d = tt_dest(&want, "10.1.0.1", 80, 1, 2);
		switch (i) {
		case 0: strcpy(s->sched_name, "sh"); break;
		case 1: s->flags = IPVS_SVC_F_SCHED_MH_PORT; break;
		case 2: s->flags = IPVS_SVC_F_PERSISTENT; s->timeout = 300; break;
		case 3: strcpy(s->pe_name, "sip"); break;
		case 4: d->fwd = IPVS_FWD_MASQ; break;
		case 5: d->weight = 7; break;
		case 6: d->u_threshold = 100; break;
		case 7: d->l_threshold = 10; break;
		case 8: case 9: break;		/* tunnels: below */
		case 10: break;			/* netmask: below */
		}
		if (i == 8 || i == 9) {
			struct tt c2;

			tt_init(&c2);
			tt_svc(&c2, "10.0.0.1", 80, "mh", 0);
			tt_dest(&c2, "10.1.0.1", 80, 1, 0)->fwd = IPVS_FWD_TUNNEL;
			d->fwd = IPVS_FWD_TUNNEL;
			if (i == 8) {
				d->tun_type = IPVS_TUN_GUE;
				d->tun_port = 6080;
			} else {
				d->tun_flags = IPVS_TUN_F_CSUM;
			}
			p = diff(&c2, &want, NULL);
		} else if (i == 10) {
			struct tt c2;

			tt_init(&c2);
			tt_svc(&c2, "10.0.0.1", 80, "mh", 0)->flags = IPVS_SVC_F_PERSISTENT;
			c2.e[0].svc.timeout = 300;
			tt_dest(&c2, "10.1.0.1", 80, 1, 0);
			s->flags = IPVS_SVC_F_PERSISTENT;
			s->timeout = 300;
			s->netmask = htonl(0xffffff00);
			p = diff(&c2, &want, NULL);
		} else {
			p = diff(&cur, &want, NULL);
		}
		ck_assert_msg(p->n_changes == 1, "case %zu: %zu changes", i, p->n_changes);
		if (cases[i].svc_diff) {
			ck_assert_int_eq(p->changes[0].kind, IPVS_CHANGE_SERVICE_EDIT);
			ck_assert_uint_eq(p->changes[0].differs, cases[i].svc_diff);
		} else {
			ck_assert_int_eq(p->changes[0].kind, IPVS_CHANGE_DEST_EDIT);
			ck_assert_uint_eq(p->changes[0].differs, cases[i].dest_diff);
		}
		ipvs_plan_free(p);
	}
}
END_TEST

/* What the kernel ignores or sets itself is no difference. */
START_TEST(normal_forms)
{
	struct tt cur, want;
	struct ipvs_plan *p;

	tt_init(&cur);
	tt_init(&want);
	tt_svc(&cur, "10.0.0.1", 80, "rr", 0)->flags = 0x0002;	/* the kernel's "hashed" */
	cur.e[0].svc.netmask = 0xffffffff;
	tt_dest(&cur, "10.1.0.1", 80, 1, 0)->fwd = IPVS_FWD_LOCAL;	/* a local address */
	tt_svc(&want, "10.0.0.1", 80, "rr", 1)->timeout = 100;	/* no persistence: moot */
	want.e[0].svc.netmask = 0;
	tt_dest(&want, "10.1.0.1", 80, 1, 2)->fwd = IPVS_FWD_MASQ;
	want.d[0][0].af = 0;					/* 0 = the service's family */
	want.d[0][0].tun_port = 99;				/* not a tunnel: moot */
	p = diff(&cur, &want, NULL);
	expect(p, "");
	ipvs_plan_free(p);
}
END_TEST

/* Only services in scope are added, changed or removed. */
START_TEST(scope_limits_the_plan)
{
	struct ipvs_scope_rule r[2] = { 0 };
	struct ipvs_scope sc = { 2, r };
	struct tt cur, want;
	struct ipvs_plan *p;
	size_t si, di;

	r[0].af = AF_INET;
	inet_pton(AF_INET, "10.0.0.0", &r[0].addr);
	r[0].prefix_len = 24;
	r[0].protocol = IPPROTO_TCP;
	r[0].port_min = 80;
	r[0].port_max = 90;
	r[1].fwmark_min = 10;
	r[1].fwmark_max = 20;

	tt_init(&cur);
	tt_init(&want);
	tt_svc(&cur, "10.0.0.1", 80, "rr", 0);		/* in: removed */
	tt_svc(&cur, "10.0.0.1", 443, "rr", 0);		/* out: port */
	tt_svc(&cur, "10.0.1.1", 80, "rr", 0);		/* out: address */
	tt_fwm(&cur, 15, 0);				/* in: removed */
	tt_fwm(&cur, 21, 0);				/* out: mark */
	tt_svc(&cur, "2001:db8::1", 80, "rr", 0);	/* out: family */
	tt_svc(&want, "10.0.0.200", 85, "rr", 1);	/* in: added */
	p = diff(&cur, &want, &sc);
	expect(p, "A:1 D:0 D:0");
	ck_assert_uint_eq(p->services, 2);
	ck_assert_uint_eq(p->changes[2].svc.fwmark, 15);
	ipvs_plan_free(p);

	ck_assert(ipvs_scope_match(NULL, &cur.e[1].svc));
	ck_assert(!ipvs_scope_match(&sc, &cur.e[1].svc));
	tt_svc(&want, "10.0.0.1", 443, "rr", 2);		/* outside: refused */
	ck_assert_int_eq(ipvs_table_check(&want.t, &sc, &si, &di), IPVS_TABLE_OUT_OF_SCOPE);
	ck_assert_uint_eq(si, 1);
	ck_assert_uint_eq(di, SIZE_MAX);
	want_check_is(&want.t, &sc, IPVS_TABLE_OUT_OF_SCOPE, 2);
	ck_assert_int_eq(ipvs_table_diff(&cur.t, &want.t, &sc, &p), -EINVAL);
	ck_assert_ptr_null(p);

	/* a rule with only a family covers fwmark services of that family too */
	memset(r, 0, sizeof(r));
	r[0].af = AF_INET6;
	sc.n_rules = 1;
	ck_assert(ipvs_scope_match(&sc, &cur.e[5].svc));
	ck_assert(!ipvs_scope_match(&sc, &cur.e[3].svc));
	r[0].af = AF_INET;
	ck_assert(ipvs_scope_match(&sc, &cur.e[3].svc));
	r[0].prefix_len = 1;					/* 0.0.0.0/1 */
	ck_assert(ipvs_scope_match(&sc, &cur.e[0].svc));
	ck_assert(!ipvs_scope_match(&sc, &cur.e[3].svc));	/* an address rule: no marks */
}
END_TEST

START_TEST(duplicates_refused)
{
	struct tt want;
	size_t si, di;

	tt_init(&want);
	tt_svc(&want, "10.0.0.1", 80, "rr", 1);
	tt_dest(&want, "10.1.0.1", 80, 1, 2);
	tt_svc(&want, "10.0.0.2", 80, "rr", 3);
	tt_dest(&want, "10.1.0.1", 80, 1, 4);
	tt_dest(&want, "10.1.0.2", 80, 1, 5);
	tt_dest(&want, "10.1.0.1", 80, 3, 6);
	ck_assert_int_eq(ipvs_table_check(&want.t, NULL, &si, &di), IPVS_TABLE_DUP_DEST);
	ck_assert_uint_eq(si, 1);
	ck_assert_uint_eq(di, 2);
	want_check_is(&want.t, NULL, IPVS_TABLE_DUP_DEST, 6);
	want.e[1].n_dests = 2;
	ck_assert_int_eq(ipvs_table_check(&want.t, NULL, &si, &di), IPVS_TABLE_OK);
	tt_svc(&want, "10.0.0.1", 80, "wlc", 7);
	ck_assert_int_eq(ipvs_table_check(&want.t, NULL, &si, &di), IPVS_TABLE_DUP_SERVICE);
	ck_assert_uint_eq(si, 2);
	want_check_is(&want.t, NULL, IPVS_TABLE_DUP_SERVICE, 7);
	/* the same address as UDP, or as a mark, is another service */
	want.e[2].svc.protocol = IPPROTO_UDP;
	ck_assert_int_eq(ipvs_table_check(&want.t, NULL, &si, &di), IPVS_TABLE_OK);
}
END_TEST

/* The plan goes into a batch as requests of the matching kind. */
START_TEST(plan_to_batch)
{
	struct ipvs_batch *b = NULL;
	struct ipvs_handle *h = t_handle();
	struct tt cur, want;
	struct ipvs_plan *p;

	tt_init(&cur);
	tt_init(&want);
	tt_svc(&cur, "10.0.0.1", 80, "rr", 0);
	tt_dest(&cur, "10.1.0.1", 80, 1, 0);
	tt_svc(&want, "10.0.0.2", 80, "rr", 1);
	tt_dest(&want, "10.1.0.1", 80, 1, 2);
	p = diff(&cur, &want, NULL);
	expect(p, "A:1 a:2 q:0 d:0 D:0");
	ck_assert_int_eq(ipvs_batch_new(h, &b), 0);
	ck_assert_int_eq(ipvs_batch_plan(b, p), 0);
	ck_assert_uint_eq(ipvs_batch_size(b), 5);
	ck_assert_int_eq(t_batch_cmd(b, 0), IPVS_CMD_NEW_SERVICE);
	ck_assert_int_eq(t_batch_cmd(b, 1), IPVS_CMD_NEW_DEST);
	ck_assert_int_eq(t_batch_cmd(b, 2), IPVS_CMD_SET_DEST);
	ck_assert_int_eq(t_batch_cmd(b, 3), IPVS_CMD_DEL_DEST);
	ck_assert_int_eq(t_batch_cmd(b, 4), IPVS_CMD_DEL_SERVICE);
	ipvs_batch_free(b);
	ipvs_plan_free(p);
	t_handle_free(h);
}
END_TEST

Suite *lib_diff_suite(void)
{
	Suite *s = suite_create("lib-diff");
	TCase *tc = tcase_create("table diff");

	tcase_add_test(tc, same_table_is_empty_plan);
	tcase_add_test(tc, order_is_make_before_break);
	tcase_add_test(tc, every_attribute_compared);
	tcase_add_test(tc, normal_forms);
	tcase_add_test(tc, scope_limits_the_plan);
	tcase_add_test(tc, duplicates_refused);
	tcase_add_test(tc, plan_to_batch);
	suite_add_tcase(s, tc);
	return s;
}
