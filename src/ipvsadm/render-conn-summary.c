/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * `ipvsadm -L -c --summary`: how many connection entries each virtual
 * address and real server pair has, per state -- the question "what does
 * this real server still hold" without a line per connection.
 *
 * Text:
 *   IPVS connection entries by virtual and real server
 *   Pro  Virtual                Destination             Entries  States
 *   TCP  10.0.0.1:80            10.0.1.1:80                  15  ESTABLISHED=12 FIN_WAIT=3
 *   total 15 entries
 * JSON: {"connection_summary": {"entries": 15, "groups": [ {"protocol",
 * "virtual_address", "virtual_port", "dest_address", "dest_port",
 * "entries", "states": [ {"state": "ESTABLISHED", "entries": 12} ]} ]}}
 *
 * Rows are sorted by protocol, virtual address and port, then destination;
 * states by name.  Persistence templates count under their own state
 * (NONE or ASSURED) and client port 0.  Memory grows with the number of
 * pairs and states, not entries.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "names.h"
#include "common/emit.h"
#include "render.h"

/* The entries of one pair, per state (index into the state names). */
struct group {
	char		*protocol;
	uint16_t	proto, af, daf;
	union ipvs_addr	vaddr, daddr;
	uint16_t	vport, dport;
	uint64_t	entries;
	uint64_t	*per_state;	/* n_states of them */
	size_t		n_states;
};

struct summary {
	struct group	*groups;
	size_t		n, cap;
	size_t		*slots;		/* hash: group index + 1, 0 = free */
	size_t		n_slots;	/* a power of two, at least 2n */
	char		**states;
	size_t		n_states;
	uint64_t	entries;
};

static int group_key_cmp(const struct group *g, const struct ipvs_conn *c)
{
	int d = strcmp(g->protocol, c->protocol);

	if (d)
		return d;
	if (g->af != c->af || g->daf != c->daf)
		return g->af != c->af ? (int)g->af - (int)c->af : (int)g->daf - (int)c->daf;
	if ((d = memcmp(&g->vaddr, &c->vaddr, sizeof(g->vaddr))))
		return d;
	if (g->vport != c->vport)
		return (int)g->vport - (int)c->vport;
	if ((d = memcmp(&g->daddr, &c->daddr, sizeof(g->daddr))))
		return d;
	return (int)g->dport - (int)c->dport;
}

static size_t conn_hash(const struct ipvs_conn *c)
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a over the key */
	const uint8_t *parts[] = { c->vaddr.raw, c->daddr.raw };

	for (const char *p = c->protocol; *p; p++)
		h = (h ^ (uint8_t)*p) * 1099511628211u;
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < 16; i++)
			h = (h ^ parts[k][i]) * 1099511628211u;
	h = (h ^ c->vport) * 1099511628211u;
	h = (h ^ c->dport) * 1099511628211u;
	return (size_t)(h ^ (h >> 29));
}

static size_t *slot_of(struct summary *s, const struct ipvs_conn *c)
{
	size_t i = conn_hash(c) & (s->n_slots - 1);

	while (s->slots[i] && group_key_cmp(&s->groups[s->slots[i] - 1], c))
		i = (i + 1) & (s->n_slots - 1);
	return &s->slots[i];
}

static int rehash(struct summary *s)
{
	size_t n = s->n_slots ? s->n_slots * 2 : 256;
	size_t *slots = calloc(n, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	free(s->slots);
	s->slots = slots;
	s->n_slots = n;
	for (size_t g = 0; g < s->n; g++) {
		struct ipvs_conn key = {
			.protocol = s->groups[g].protocol, .af = s->groups[g].af,
			.daf = s->groups[g].daf, .vaddr = s->groups[g].vaddr,
			.daddr = s->groups[g].daddr, .vport = s->groups[g].vport,
			.dport = s->groups[g].dport,
		};

		*slot_of(s, &key) = g + 1;
	}
	return 0;
}

static struct group *group_get(struct summary *s, const struct ipvs_conn *c)
{
	size_t *slot;
	struct group *g;

	if ((s->n + 1) * 2 > s->n_slots && rehash(s))
		return NULL;
	slot = slot_of(s, c);
	if (*slot)
		return &s->groups[*slot - 1];
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct group *ng = realloc(s->groups, cap * sizeof(*ng));

		if (!ng)
			return NULL;
		s->groups = ng;
		s->cap = cap;
	}
	g = &s->groups[s->n];
	*g = (struct group){
		.protocol = strdup(c->protocol), .proto = c->proto, .af = c->af,
		.daf = c->daf, .vaddr = c->vaddr, .daddr = c->daddr,
		.vport = c->vport, .dport = c->dport,
	};
	if (!g->protocol)
		return NULL;
	*slot = ++s->n;
	return g;
}

/* The index of a state name, added when new (few distinct: a list). */
static int state_index(struct summary *s, const char *state, size_t *idx)
{
	char **ns;

	for (size_t i = 0; i < s->n_states; i++)
		if (!strcmp(s->states[i], state)) {
			*idx = i;
			return 0;
		}
	ns = realloc(s->states, (s->n_states + 1) * sizeof(*ns));
	if (!ns)
		return -ENOMEM;
	s->states = ns;
	if (!(ns[s->n_states] = strdup(state)))
		return -ENOMEM;
	*idx = s->n_states++;
	return 0;
}

static int summary_add(struct summary *s, const struct ipvs_conn *c)
{
	struct group *g = group_get(s, c);
	size_t st;

	if (!g || state_index(s, c->state, &st))
		return -ENOMEM;
	if (st >= g->n_states) {
		uint64_t *np = realloc(g->per_state, (st + 1) * sizeof(*np));

		if (!np)
			return -ENOMEM;
		memset(np + g->n_states, 0, (st + 1 - g->n_states) * sizeof(*np));
		g->per_state = np;
		g->n_states = st + 1;
	}
	g->per_state[st]++;
	g->entries++;
	s->entries++;
	return 0;
}

static void summary_free(struct summary *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->groups[i].protocol);
		free(s->groups[i].per_state);
	}
	for (size_t i = 0; i < s->n_states; i++)
		free(s->states[i]);
	free(s->groups);
	free(s->slots);
	free(s->states);
}

static int group_cmp(const void *a, const void *b)
{
	const struct group *g = a, *h = b;
	struct ipvs_conn key = {
		.protocol = h->protocol, .af = h->af, .daf = h->daf,
		.vaddr = h->vaddr, .daddr = h->daddr, .vport = h->vport, .dport = h->dport,
	};

	return group_key_cmp(g, &key);
}

static int state_cmp(const void *a, const void *b, void *names)
{
	char **n = names;

	return strcmp(n[*(const size_t *)a], n[*(const size_t *)b]);
}

static void print_group(struct emit *o, const struct summary *s, const struct group *g,
			const size_t *order, unsigned int fmt)
{
	char v[NAMES_ADDRPORT_LEN], d[NAMES_ADDRPORT_LEN], abuf[INET6_ADDRSTRLEN];

	emit_obj_open(o, NULL);
	emit_str(o, EMIT_ANY, "protocol", "%-4s", g->protocol);
	if (!emit_is_json(o)) {
		names_addrport(v, g->af, &g->vaddr, g->vport, g->proto, fmt & FMT_NUMERIC);
		names_addrport(d, g->daf, &g->daddr, g->dport, g->proto, fmt & FMT_NUMERIC);
		emit_text(o, " %-22s %-22s", v, d);
	}
	emit_jstr(o, "virtual_address", names_addr(g->af, &g->vaddr, abuf, sizeof(abuf)));
	emit_juint(o, "virtual_port", g->vport);
	emit_jstr(o, "dest_address", names_addr(g->daf, &g->daddr, abuf, sizeof(abuf)));
	emit_juint(o, "dest_port", g->dport);
	emit_u64(o, EMIT_ANY, "entries", " %8llu ", (unsigned long long)g->entries);
	emit_arr_open(o, "states");
	for (size_t k = 0; k < s->n_states; k++) {
		size_t i = order[k];

		if (i >= g->n_states || !g->per_state[i])
			continue;
		emit_obj_open(o, NULL);
		emit_str(o, EMIT_ANY, "state", " %s", s->states[i]);
		emit_u64(o, EMIT_ANY, "entries", "=%llu", (unsigned long long)g->per_state[i]);
		emit_obj_close(o);
	}
	emit_arr_close(o);
	emit_text(o, "\n");
	emit_obj_close(o);
}

static int print_summary(FILE *fp, unsigned int fmt, struct summary *s)
{
	size_t *order = malloc((s->n_states + 1) * sizeof(*order));
	struct emit o;

	if (!order)
		return -ENOMEM;
	for (size_t i = 0; i < s->n_states; i++)
		order[i] = i;
	if (s->n_states)	/* qsort wants an array, even of none */
		qsort_r(order, s->n_states, sizeof(*order), state_cmp, s->states);
	if (s->n)
		qsort(s->groups, s->n, sizeof(*s->groups), group_cmp);

	emit_begin(&o, fp, fmt & FMT_JSON, false);
	emit_obj_open(&o, NULL);
	emit_obj_open(&o, "connection_summary");
	emit_text(&o, "IPVS connection entries by virtual and real server\n");
	emit_text(&o, "%-4s %-22s %-22s %8s  %s\n", "Pro", "Virtual", "Destination",
		  "Entries", "States");
	emit_arr_open(&o, "groups");
	for (size_t i = 0; i < s->n; i++)
		print_group(&o, s, &s->groups[i], order, fmt);
	emit_arr_close(&o);
	emit_u64(&o, EMIT_ANY, "entries", "total %llu entries\n", (unsigned long long)s->entries);
	emit_obj_close(&o);
	emit_obj_close(&o);
	free(order);
	return emit_end(&o);
}

int render_conn_summary(FILE *fp, unsigned int fmt, struct ipvs_conn_reader *r,
			const struct conn_filter *f)
{
	struct summary s = { 0 };
	struct ipvs_conn c;
	int got, err = 0;

	got = ipvs_conn_next(r, &c);
	if (got == -ENODATA)
		return RENDER_CONN_BAD_INPUT;
	for (; got > 0 && !err; got = ipvs_conn_next(r, &c))
		if (conn_filter_match(f, &c))
			err = summary_add(&s, &c);
	if (!err && got < 0 && got != -EBADMSG)
		err = got;
	if (!err)
		err = print_summary(fp, fmt, &s);
	summary_free(&s);
	if (!err && got == -EBADMSG)
		return RENDER_CONN_BLANK_LINE;
	return err;
}
