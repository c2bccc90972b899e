/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --apply input: a table in -S / -R syntax (-A and -a lines, comments and
 * blank lines), read with -R's parser into the desired table of a diff.
 * Each service and destination carries its input line as its cookie, so
 * every problem and every kernel error names the line that asked for it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "apply.h"

struct pending_dest {
	struct ipvs_service	svc;	/* the service it belongs to (identity) */
	struct ipvs_dest	dest;
};

struct collect {
	FILE			*err;
	long			bad;
	struct ipvs_table_entry	*svc;
	size_t			n_svc, cap_svc;
	struct pending_dest	*dst;
	size_t			n_dst, cap_dst;
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *p;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? 2 * *cap : 64;
	p = realloc(*v, ncap * size);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = ncap;
	return 0;
}

static void line_error(struct collect *cl, unsigned long line, const char *msg)
{
	size_t n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		n--;
	fprintf(cl->err, "line %lu: %.*s\n", line, (int)n, msg);
	cl->bad++;
}

static int collect_line(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct collect *cl = arg;

	if (!c) {
		line_error(cl, line, msg);
		return 0;
	}
	if (c->verb == VERB_ADD_SERVICE) {
		if (grow((void **)&cl->svc, &cl->cap_svc, cl->n_svc, sizeof(*cl->svc)))
			return -ENOMEM;
		memset(&cl->svc[cl->n_svc], 0, sizeof(*cl->svc));
		cl->svc[cl->n_svc].svc = c->svc;
		cl->svc[cl->n_svc].svc.cookie = line;
		cl->n_svc++;
	} else if (c->verb == VERB_ADD_DEST) {
		if (grow((void **)&cl->dst, &cl->cap_dst, cl->n_dst, sizeof(*cl->dst)))
			return -ENOMEM;
		cl->dst[cl->n_dst].svc = c->svc;
		cl->dst[cl->n_dst].dest = c->dest;
		cl->dst[cl->n_dst].dest.cookie = line;
		cl->n_dst++;
	} else {
		line_error(cl, line, "--apply takes a table: only -A and -a lines, "
			   "as ipvsadm -S writes them");
	}
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct ipvs_table_entry *const *x = a, *const *y = b;
	int c = ipvs_service_cmp(&(*x)->svc, &(*y)->svc);

	return c ? c : ((*x)->svc.cookie > (*y)->svc.cookie) - ((*x)->svc.cookie < (*y)->svc.cookie);
}

/* The service of an -a line: the first -A line with its identity. */
static struct ipvs_table_entry *owner(struct ipvs_table_entry **idx, size_t n,
				      const struct ipvs_service *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ipvs_service_cmp(&idx[mid]->svc, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !ipvs_service_cmp(&idx[lo]->svc, key) ? idx[lo] : NULL;
}

/* Hang each destination under its service, in input order. */
static int group_dests(struct collect *cl)
{
	struct ipvs_table_entry **idx = malloc((cl->n_svc + 1) * sizeof(*idx));
	struct ipvs_table_entry **of = malloc((cl->n_dst + 1) * sizeof(*of));
	struct ipvs_dest *all = malloc((cl->n_dst + 1) * sizeof(*all));
	size_t off = 0;

	if (!idx || !of || !all) {
		free(idx);
		free(of);
		free(all);
		return -ENOMEM;
	}
	for (size_t i = 0; i < cl->n_svc; i++)
		idx[i] = &cl->svc[i];
	qsort(idx, cl->n_svc, sizeof(*idx), entry_cmp);
	for (size_t i = 0; i < cl->n_dst; i++) {
		of[i] = owner(idx, cl->n_svc, &cl->dst[i].svc);
		if (!of[i])
			line_error(cl, (unsigned long)cl->dst[i].dest.cookie,
				   "no -A line for the service of this -a line");
		else
			of[i]->n_dests++;
	}
	/* One array for every destination, each service's a slice of it. */
	for (size_t i = 0; i < cl->n_svc; i++) {
		cl->svc[i].dests = all + off;
		off += cl->svc[i].n_dests;
		cl->svc[i].n_dests = 0;
	}
	for (size_t i = 0; i < cl->n_dst; i++)
		if (of[i])
			of[i]->dests[of[i]->n_dests++] = cl->dst[i].dest;
	free(idx);
	free(of);
	if (cl->n_svc == 0)
		free(all);
	return 0;
}

long apply_input_read(struct restore_input *ri, FILE *err, struct ipvs_table *want)
{
	struct collect cl = { .err = err };
	int r = restore_walk(ri, collect_line, &cl);

	if (r == 0)
		r = group_dests(&cl);
	free(cl.dst);
	memset(want, 0, sizeof(*want));
	if (r < 0) {
		free(cl.svc);
		return r;
	}
	want->services = cl.svc;
	want->n_services = cl.n_svc;
	return cl.bad;
}

void apply_input_free(struct ipvs_table *want)
{
	if (want->n_services)
		free(want->services[0].dests);
	free(want->services);
	memset(want, 0, sizeof(*want));
}
