/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --apply FILE: make the kernel's table equal to FILE with the fewest
 * changes, make before break, only inside --scope; and --drain for one
 * real server.  The plan is libipvs's (ipvs_want_diff); here are the
 * guard, the batches, the drain between quiesce and delete, and the report.
 *
 * Exit status: 0 done (or nothing to do); 2 bad input, a plan the guard
 * refuses, or a drained server left at weight 0 by choice is not this;
 * 255 when the kernel refused a change; 3 (EXIT_DRAIN_TIMEOUT) when a
 * drain's time ran out.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"

#define NO_LIMIT	UINT32_MAX

struct run {
	const struct ipvs_plan	*plan;
	struct plan_result	*res;
	bool			quiet;		/* JSON: errors go into the document */
	size_t			failed;
};

static void change_done(void *arg, uint64_t cookie, enum ipvs_op op, int status,
			const char *msg)
{
	struct run *r = arg;
	const struct ipvs_change *c = &r->plan->changes[cookie];
	char rule[CHANGE_RULE_MAX];

	(void)op;
	r->res[cookie].done = true;
	r->res[cookie].status = status;
	if (!status)
		return;
	r->failed++;
	r->res[cookie].msg = strdup(msg ? msg : "failed");
	if (r->quiet)
		return;
	if (c->cookie) {
		fprintf(stderr, "line %llu: %s\n", (unsigned long long)c->cookie, msg);
	} else {
		render_change_rule(rule, sizeof(rule), c);
		fprintf(stderr, "%s: %s\n", rule, msg);
	}
}

static bool is_removal(enum ipvs_change_kind k)
{
	return k == IPVS_CHANGE_DEST_DEL || k == IPVS_CHANGE_SERVICE_DEL;
}

/* Send the changes that pass keep(); the batch cookie is the change's index. */
static int run_changes(struct ipvs_handle *h, struct run *r,
		       bool (*keep)(const struct ipvs_change *c, void *arg), void *arg)
{
	struct ipvs_batch *b;
	int err = ipvs_batch_new(h, &b);

	if (err)
		return err;
	for (size_t i = 0; i < r->plan->n_changes && !err; i++)
		if (keep(&r->plan->changes[i], arg))
			err = ipvs_batch_change(b, &r->plan->changes[i], i);
	if (!err) {
		err = ipvs_batch_commit(b, change_done, r);
		err = err > 0 ? 0 : err;
	}
	ipvs_batch_free(b);
	return err;
}

static bool keep_all(const struct ipvs_change *c, void *arg)
{
	(void)c;
	(void)arg;
	return true;
}

static bool keep_make(const struct ipvs_change *c, void *arg)
{
	(void)arg;
	return !is_removal(c->kind);
}

/* The second batch after a drain: removals whose destinations went idle
 * (all, with --on-timeout delete); a service only if all of its went. */
struct removal_filter {
	const struct drain_item	*items;
	size_t			n;
	bool			delete_busy;
};

static bool item_of(const struct drain_item *it, const struct ipvs_change *c)
{
	return !ipvs_service_cmp(&it->svc, &c->svc) && it->dest.port == c->dest.port &&
	       !memcmp(&it->dest.addr, &c->dest.addr, sizeof(c->dest.addr));
}

static bool keep_removal(const struct ipvs_change *c, void *arg)
{
	const struct removal_filter *f = arg;

	if (!is_removal(c->kind))
		return false;
	if (f->delete_busy)
		return true;
	for (size_t i = 0; i < f->n; i++) {
		const struct drain_item *it = &f->items[i];

		if (it->idle)
			continue;
		if (c->kind == IPVS_CHANGE_DEST_DEL ? item_of(it, c)
						    : !ipvs_service_cmp(&it->svc, &c->svc))
			return false;
	}
	return true;
}

static size_t drain_items(const struct ipvs_plan *p, struct drain_item **out)
{
	struct drain_item *v = calloc(p->n_changes + 1, sizeof(*v));
	size_t n = 0;

	*out = v;
	if (!v)
		return 0;
	for (size_t i = 0; i < p->n_changes; i++)
		if (p->changes[i].kind == IPVS_CHANGE_DEST_DEL) {
			v[n].svc = p->changes[i].svc;
			v[n].dest = p->changes[i].dest;
			n++;
		}
	return n;
}

/* More than half of what is in scope would go: a typo or a truncated file
 * looks just like this, so it takes --force. */
static bool guard_refuses(const struct ipvs_plan *p, size_t wanted, bool force)
{
	bool too_many = p->services_removed * 2 > p->services ||
			p->dests_removed * 2 > p->dests;

	if (force || !too_many)
		return false;
	if (!wanted)
		fprintf(stderr, "--apply: the input has no services, so every one in scope "
			"(%zu) would be removed; nothing was changed (--force to do it)\n",
			p->services);
	else
		fprintf(stderr, "--apply: the plan removes %zu of %zu services and %zu of %zu "
			"destinations in scope, more than half; nothing was changed "
			"(--force to do it)\n", p->services_removed, p->services,
			p->dests_removed, p->dests);
	return true;
}

static int report_problem(enum ipvs_table_problem pr, uint64_t line)
{
	static const char *const what[] = {
		[IPVS_TABLE_DUP_SERVICE] = "this service is given twice",
		[IPVS_TABLE_DUP_DEST] = "this real server is given twice for its service",
		[IPVS_TABLE_OUT_OF_SCOPE] = "this service is outside --scope",
		[IPVS_TABLE_NO_SERVICE] = "no -A line for the service of this -a line",
	};

	if (pr == IPVS_TABLE_OK)
		return 0;
	fprintf(stderr, "line %llu: %s\n", (unsigned long long)line, what[pr]);
	return 2;
}

static int read_input(const char *prog, const struct cmd *c, struct ipvs_want **want)
{
	struct restore_input ri;
	FILE *in = stdin;
	long bad;
	int r;

	if (c->apply_file && strcmp(c->apply_file, "-")) {
		in = fopen(c->apply_file, "re");
		if (!in) {
			fprintf(stderr, "%s: cannot open %s: %s\n", prog, c->apply_file,
				strerror(errno));
			return 2;
		}
	}
	r = restore_input_open_once(&ri, in, prog);
	bad = r < 0 ? r : apply_input_read(&ri, stderr, want);
	restore_input_close(&ri);
	if (in != stdin)
		fclose(in);
	if (bad < 0) {
		fprintf(stderr, "%s: cannot read the input: %s\n", prog, strerror((int)-bad));
		return 2;
	}
	if (bad) {
		ipvs_want_free(*want);
		return 2;
	}
	return 0;
}

static void free_results(struct plan_result *res, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)res[i].msg);
	free(res);
}

static int execute(struct ipvs_handle *h, const struct cmd *c, const struct ipvs_plan *plan,
		   struct plan_result *res)
{
	struct run r = { plan, res, (c->fmt & FMT_JSON) != 0, 0 };
	bool waits = c->options & OPTBIT(OPT_WAIT);
	struct removal_filter f = { 0 };
	struct drain_item *items = NULL;
	int err, rc = 0;

	err = run_changes(h, &r, waits ? keep_make : keep_all, NULL);
	if (!err && waits) {
		f.n = drain_items(plan, &items);
		f.items = items;
		f.delete_busy = c->delete_on_timeout;
		if (!items)
			err = -ENOMEM;
		else if (f.n && (rc = drain_wait(h, items, f.n, c->wait, stderr)) < 0)
			err = rc;
		if (!err)
			err = run_changes(h, &r, keep_removal, &f);
	}
	free(items);
	if (err) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_NONE, err));
		return 255;
	}
	if (r.failed)
		return 255;
	return rc == 1 ? EXIT_DRAIN_TIMEOUT : 0;
}

int apply_main(const char *prog, const struct cmd *c)
{
	const struct ipvs_scope scope = { c->n_scope, c->scope };
	struct ipvs_want *want;
	struct ipvs_plan *plan = NULL;
	struct plan_result *res = NULL;
	enum ipvs_table_problem pr;
	bool dry = c->options & OPTBIT(OPT_DRY_RUN);
	struct ipvs_handle *h;
	struct exec_ctx x;
	uint64_t line;
	int rc, err;

	rc = read_input(prog, c, &want);
	if (rc)
		return rc;
	pr = ipvs_want_check(want, &scope, &line);
	if (pr) {
		rc = report_problem(pr, line);
		ipvs_want_free(want);
		return rc;
	}
	rc = exec_open(&x);
	if (rc) {
		ipvs_want_free(want);
		return rc;
	}
	h = x.h;
	/* The kernel's side is read one service at a time, never whole. */
	err = ipvs_want_diff(h, want, &scope, &plan);
	if (err) {
		fprintf(stderr, "%s\n", err == -EAGAIN ?
			"the IPVS table kept changing while it was read" :
			ipvs_strerror(IPVS_OP_TABLE_READ, err));
		rc = err == -EAGAIN ? 1 : 255;
	} else if (guard_refuses(plan, ipvs_want_count(want), c->options & OPTBIT(OPT_FORCE))) {
		rc = 2;
	} else if (dry || !plan->n_changes) {
		rc = render_plan(stdout, c->fmt, plan, NULL, dry) ? 1 : 0;
	} else if (!(res = calloc(plan->n_changes, sizeof(*res)))) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_NONE, -ENOMEM));
		rc = 255;
	} else {
		rc = execute(h, c, plan, res);
		if (render_plan(stdout, c->fmt, plan, res, false) && !rc)
			rc = 1;
		free_results(res, plan->n_changes);
	}
	ipvs_plan_free(plan);
	ipvs_close(h);
	ipvs_want_free(want);
	return rc;
}

/* --drain -t SERVICE -r SERVER: weight 0, wait, delete. */
int drain_main(const struct cmd *c)
{
	struct drain_item it = { .svc = c->svc, .dest = c->dest };
	struct ipvs_dest *d = NULL, q;
	struct ipvs_handle *h;
	struct exec_ctx x;
	size_t n = 0;
	int rc, err;
	bool found = false;

	rc = exec_open(&x);
	if (rc)
		return rc;
	h = x.h;
	err = ipvs_dest_list(h, &c->svc, &d, &n);
	for (size_t i = 0; !err && i < n && !found; i++)
		if (!memcmp(&d[i].addr, &c->dest.addr, sizeof(d[i].addr)) &&
		    d[i].port == c->dest.port) {
			found = true;
			q = d[i];
		}
	free(d);
	if (!err && !found)
		err = -ENOENT;
	if (!err && q.weight != 0) {
		q.weight = 0;
		err = ipvs_dest_update(h, &c->svc, &q);
	}
	if (err) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_DEST_UPDATE, err));
		ipvs_close(h);
		return 255;
	}
	it.dest = q;
	rc = drain_wait(h, &it, 1, c->options & OPTBIT(OPT_WAIT) ? c->wait : NO_LIMIT, stderr);
	if (rc < 0) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_DEST_LIST, rc));
		rc = 255;
	} else if (it.gone) {
		rc = 0;
	} else if (rc == 0 || c->delete_on_timeout) {
		err = ipvs_dest_del(h, &c->svc, &q);
		if (err) {
			fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_DEST_DEL, err));
			rc = 255;
		} else if (rc == 1) {
			fprintf(stderr, "--drain: the time ran out; deleted with %u active, %u "
				"inactive and %u persistent connections left\n", it.active,
				it.inactive, it.persistent);
			rc = EXIT_DRAIN_TIMEOUT;
		}
	} else {
		fprintf(stderr, "--drain: the time ran out; left at weight 0 (run it again to "
			"go on waiting)\n");
		rc = EXIT_DRAIN_TIMEOUT;
	}
	ipvs_close(h);
	return rc;
}
