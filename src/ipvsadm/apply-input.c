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

/* An -a line that came before any -A line of its service: an error
 * unless one comes later (rare: ipvsadm -S writes each service first). */
struct waiting {
	unsigned long		line;
	struct ipvs_service	svc;
};

struct collect {
	FILE			*err;
	long			bad;
	struct ipvs_want	*want;
	struct waiting		*wait;
	size_t			n_wait, cap_wait;
};

static void line_error(struct collect *cl, unsigned long line, const char *msg)
{
	size_t n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		n--;
	fprintf(cl->err, "line %lu: %.*s\n", line, (int)n, msg);
	cl->bad++;
}

static int hold(struct collect *cl, unsigned long line, const struct ipvs_service *svc)
{
	if (cl->n_wait == cl->cap_wait) {
		size_t ncap = cl->cap_wait ? 2 * cl->cap_wait : 16;
		void *v = realloc(cl->wait, ncap * sizeof(*cl->wait));

		if (!v)
			return -ENOMEM;
		cl->wait = v;
		cl->cap_wait = ncap;
	}
	cl->wait[cl->n_wait].line = line;
	cl->wait[cl->n_wait].svc = *svc;
	cl->n_wait++;
	return 0;
}

/* Each line goes straight into the desired table: nothing of it is kept
 * here (each service and destination carries its line as its cookie). */
static int collect_line(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct collect *cl = arg;
	struct ipvs_service svc;
	struct ipvs_dest d;
	int r;

	if (!c) {
		line_error(cl, line, msg);
		return 0;
	}
	if (c->verb == VERB_ADD_SERVICE) {
		svc = c->svc;
		svc.cookie = line;
		return ipvs_want_service_add(cl->want, &svc);
	}
	if (c->verb == VERB_ADD_DEST) {
		d = c->dest;
		d.cookie = line;
		r = ipvs_want_dest_add(cl->want, &c->svc, &d);
		return r == 1 ? hold(cl, line, &c->svc) : r;
	}
	line_error(cl, line, "--apply takes a table: only -A and -a lines, "
		   "as ipvsadm -S writes them");
	return 0;
}

long apply_input_read(struct restore_input *ri, FILE *err, struct ipvs_want **want)
{
	struct collect cl = { .err = err };
	int r = ipvs_want_new(&cl.want);

	if (r == 0)
		r = restore_walk(ri, collect_line, &cl);
	/* After every line's own error, as the lines come. */
	for (size_t i = 0; r == 0 && i < cl.n_wait; i++)
		if (!ipvs_want_has_service(cl.want, &cl.wait[i].svc))
			line_error(&cl, cl.wait[i].line,
				   "no -A line for the service of this -a line");
	free(cl.wait);
	if (r < 0) {
		ipvs_want_free(cl.want);
		*want = NULL;
		return r;
	}
	*want = cl.want;
	return cl.bad;
}
