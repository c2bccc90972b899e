/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixtures for the render tests; see render-util.h. */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "names.h"
#include "render.h"
#include "render-util.h"

FILE *cap_open(struct cap *c)
{
	memset(c, 0, sizeof(*c));
	c->fp = open_memstream(&c->buf, &c->len);
	ck_assert_ptr_nonnull(c->fp);
	return c->fp;
}

const char *cap_text(struct cap *c)
{
	if (c->fp) {
		fclose(c->fp);
		c->fp = NULL;
	}
	return c->buf;
}

void cap_free(struct cap *c)
{
	cap_text(c);
	free(c->buf);
	c->buf = NULL;
}

static char *golden_path(const char *name)
{
	const char *top = getenv("TOP_SRCDIR");
	char *p;

	if (!top || !*top)
		top = TOP_SRCDIR_FALLBACK;
	ck_assert_int_ge(asprintf(&p, "%s/tests/unit/ipvsadm/golden/%s", top, name), 0);
	return p;
}

char *golden_read(const char *name)
{
	char *path = golden_path(name), *buf = NULL;
	size_t len = 0;
	FILE *f = fopen(path, "r");
	FILE *m;
	int ch;

	ck_assert_msg(f != NULL, "cannot open golden file %s", path);
	m = open_memstream(&buf, &len);
	while ((ch = fgetc(f)) != EOF)
		fputc(ch, m);
	fclose(m);
	fclose(f);
	free(path);
	return buf;
}

void golden_check(const char *name, const char *text)
{
	char *want = golden_read(name);
	const char *a = text, *b = want;
	int line = 1;
	char out[256];
	FILE *f;

	if (strcmp(text, want) == 0) {
		free(want);
		return;
	}
	while (*a && *a == *b) {
		if (*a == '\n')
			line++;
		a++;
		b++;
	}
	snprintf(out, sizeof(out), "%s.actual", name);
	f = fopen(out, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(want);
	ck_abort_msg("%s differs at line %d (actual output in %s)", name, line, out);
}

struct ipvs_table *tb_new(void)
{
	struct ipvs_table *t = calloc(1, sizeof(*t));

	ck_assert_ptr_nonnull(t);
	return t;
}

void tb_free(struct ipvs_table *t)
{
	size_t i;

	for (i = 0; i < t->n_services; i++)
		free(t->services[i].dests);
	free(t->services);
	free(t);
}

void tb_addr(union ipvs_addr *a, uint16_t *af, const char *text)
{
	memset(a, 0, sizeof(*a));
	*af = strchr(text, ':') ? AF_INET6 : AF_INET;
	ck_assert_int_eq(inet_pton(*af, text, a), 1);
}

static struct ipvs_service *tb_push(struct ipvs_table *t)
{
	struct ipvs_table_entry *e;

	t->services = realloc(t->services, (t->n_services + 1) * sizeof(*t->services));
	ck_assert_ptr_nonnull(t->services);
	e = &t->services[t->n_services++];
	memset(e, 0, sizeof(*e));
	return &e->svc;
}

struct ipvs_service *tb_svc(struct ipvs_table *t, uint16_t proto, const char *addr,
			    uint16_t port, const char *sched)
{
	struct ipvs_service *s = tb_push(t);

	tb_addr(&s->addr, &s->af, addr);
	s->protocol = proto;
	s->port = port;
	snprintf(s->sched_name, sizeof(s->sched_name), "%s", sched);
	s->netmask = s->af == AF_INET6 ? 128 : 0xffffffff;
	return s;
}

struct ipvs_service *tb_fwm(struct ipvs_table *t, int af, uint32_t mark, const char *sched)
{
	struct ipvs_service *s = tb_push(t);

	s->af = af;
	s->fwmark = mark;
	snprintf(s->sched_name, sizeof(s->sched_name), "%s", sched);
	s->netmask = af == AF_INET6 ? 128 : 0xffffffff;
	return s;
}

void tb_persist(struct ipvs_service *s, uint32_t timeout, const char *mask)
{
	struct in_addr m;

	s->flags |= IPVS_SVC_F_PERSISTENT;
	s->timeout = timeout;
	if (!mask)
		return;
	if (s->af == AF_INET6) {
		s->netmask = (uint32_t)atoi(mask);
	} else {
		ck_assert_int_eq(inet_pton(AF_INET, mask, &m), 1);
		s->netmask = m.s_addr;
	}
}

struct ipvs_dest *tb_dest(struct ipvs_table *t, const char *addr, uint16_t port,
			  uint32_t fwd, int weight, uint32_t active, uint32_t inact)
{
	struct ipvs_table_entry *e = &t->services[t->n_services - 1];
	struct ipvs_dest *d;

	e->dests = realloc(e->dests, (e->n_dests + 1) * sizeof(*e->dests));
	ck_assert_ptr_nonnull(e->dests);
	d = &e->dests[e->n_dests++];
	memset(d, 0, sizeof(*d));
	tb_addr(&d->addr, &d->af, addr);
	d->port = port;
	d->fwd = fwd;
	d->weight = weight;
	d->active_conns = active;
	d->inact_conns = inact;
	return d;
}

/* Services and destinations of the reference's sample listings, in a
 * scrambled (kernel-like) order so that sorting matters. */
struct ipvs_table *tb_sample(void)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_service *s;
	struct ipvs_dest *d;

	s = tb_fwm(t, AF_INET, 200, "lc");
	tb_persist(s, 30, NULL);
	snprintf(s->pe_name, sizeof(s->pe_name), "sip");
	s->flags |= IPVS_SVC_F_ONEPACKET;

	s = tb_svc(t, IPPROTO_UDP, "10.0.0.1", 53, "wlc");
	tb_persist(s, 600, "255.255.255.0");
	d = tb_dest(t, "192.168.1.40", 53, IPVS_FWD_MASQ, 1, 0, 0);
	d->u_threshold = 100;
	d->l_threshold = 10;

	s = tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	d = tb_dest(t, "192.168.1.13", 80, IPVS_FWD_TUNNEL, 1, 0, 0);
	d->tun_type = IPVS_TUN_GUE;
	d->tun_port = 6080;
	d->tun_flags = IPVS_TUN_F_CSUM;
	tb_dest(t, "192.168.1.11", 80, IPVS_FWD_ROUTE, 1, 100000, 2000000);
	d = tb_dest(t, "192.168.1.10", 8080, IPVS_FWD_MASQ, 3, 17, 4);
	d->persist_conns = 2;

	s = tb_fwm(t, AF_INET6, 100, "rr");
	tb_persist(s, 360, NULL);

	s = tb_svc(t, IPPROTO_TCP, "2001:db8::1", 443, "sh");
	s->flags |= IPVS_SVC_F_SCHED_SH_PORT;
	tb_dest(t, "2001:db8::10", 443, IPVS_FWD_MASQ, 0, 0, 0);
	return t;
}

/* The stub resolver's names. */
static const struct { const char *addr, *name; } hosts[] = {
	{ "10.0.0.1", "web.example.com" },
	{ "192.168.1.10", "realserver-number-ten.backend.example.com" },
	{ "192.168.1.11", "rs11.example.com" },
	{ "2001:db8::1", "v6-virtual-service-address.example.com" },
	{ "2001:db8::10", "v6-backend-ten.example.com" },
	{ "10.0.0.99", "an-extremely-long-hostname-for-the-virtual-service.example.com" },
	/* "<name>:http" is 59 bytes: fits 1.31's buffer exactly. */
	{ "10.0.0.98", "fifty-four-byte-name-aaaaaaaaaaaaaaaaaaaaa.example.com" },
	/* "<name>:http" is 60 bytes: one too many. */
	{ "10.0.0.97", "afifty-four-byte-name-aaaaaaaaaaaaaaaaaaaaa.example.com" },
};

static const char *stub_host(int af, const void *addr)
{
	union ipvs_addr a;
	uint16_t a_af;
	size_t i;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		tb_addr(&a, &a_af, hosts[i].addr);
		if (a_af == af && !memcmp(&a, addr, af == AF_INET6 ? 16 : 4))
			return hosts[i].name;
	}
	return NULL;
}

static const char *stub_service(uint16_t port, uint16_t proto)
{
	if (proto == IPPROTO_TCP && port == 80)
		return "http";
	if (proto == IPPROTO_TCP && port == 443)
		return "https";
	if ((proto == IPPROTO_UDP || proto == IPPROTO_TCP) && port == 53)
		return "domain";
	if (proto == IPPROTO_UDP && port == 5060)
		return "sip";
	return NULL;
}

static const struct names_resolver stub = { stub_host, stub_service };

void stub_names_on(void)
{
	names_set_resolver(&stub);
}

void stub_names_off(void)
{
	names_set_resolver(NULL);
}

static size_t table_count(void *arg)
{
	return ((struct ipvs_table *)arg)->n_services;
}

static void table_service(void *arg, size_t i, struct ipvs_service *svc)
{
	*svc = ((struct ipvs_table *)arg)->services[i].svc;
}

static int table_dests(void *arg, size_t i, struct ipvs_dest **d, size_t *n)
{
	struct ipvs_table_entry *e = &((struct ipvs_table *)arg)->services[i];

	*d = e->dests;
	*n = e->n_dests;
	return 0;
}

void tb_source(struct render_source *src, struct ipvs_table *t)
{
	*src = (struct render_source){ table_count, table_service, table_dests, t };
}

static void entry_svc(void *arg, uint32_t i, struct ipvs_service *out)
{
	*out = ((struct ipvs_table *)arg)->services[i].svc;
}

void tb_sort(struct ipvs_table *t)
{
	size_t n = t->n_services;
	uint32_t *order = calloc(n ? n : 1, sizeof(*order));
	struct ipvs_table_entry *e = calloc(n ? n : 1, sizeof(*e));

	ck_assert(order && e);
	for (size_t i = 0; i < n; i++)
		order[i] = (uint32_t)i;
	render_sort_services(order, n, entry_svc, t);
	for (size_t k = 0; k < n; k++)
		e[k] = t->services[order[k]];
	memcpy(t->services, e, n * sizeof(*e));
	for (size_t k = 0; k < n; k++)
		render_sort_dests(t->services[k].dests, t->services[k].n_dests,
				  t->services[k].svc.af);
	free(order);
	free(e);
}

char *run_table(unsigned int fmt, const struct ipvs_info *info, struct ipvs_table *t)
{
	struct render_source src;
	struct cap c;
	char *s;

	tb_source(&src, t);
	ck_assert_int_eq(render_listing(cap_open(&c), fmt, info, &src), 0);
	s = strdup(cap_text(&c));
	cap_free(&c);
	return s;
}

char *run_conns(unsigned int fmt, const char *proc, int *ret)
{
	return run_conns_filtered(fmt, proc, NULL, ret);
}

char *run_conns_filtered(unsigned int fmt, const char *proc,
			 const struct conn_filter *f, int *ret)
{
	FILE *in = tmpfile();
	struct ipvs_conn_reader *r;
	struct cap c;
	char *s;

	ck_assert_ptr_nonnull(in);
	fputs(proc, in);
	rewind(in);
	ck_assert_int_eq(ipvs_conn_open(&r, dup(fileno(in))), 0);
	fclose(in);
	if (fmt & FMT_SUMMARY)
		*ret = render_conn_summary(cap_open(&c), fmt, r, f);
	else
		*ret = render_conns(cap_open(&c), fmt, r, f);
	ipvs_conn_close(r);
	s = strdup(cap_text(&c));
	cap_free(&c);
	return s;
}
