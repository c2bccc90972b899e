/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An --apply plan, as text or JSON.  Text: one line per change, the rule in
 * -S syntax behind "+ " (add), "- " (remove) or "~ " (edit), an edit's old
 * values after " # was", then a summary line.  Without the first two
 * characters every line is -R input (-R takes "#" comments).
 *
 * JSON:
 *   { "dry_run": true,
 *     "changes": [ { "action": "add"|"edit"|"quiesce"|"remove",
 *                    "object": "service"|"destination",
 *                    "line": 12,             the input line; absent for removals
 *                    "rule": "-a -t ...",    as in the text
 *                    "was": " -g -w 1",      edits and quiesces only
 *                    "status": "ok"|"failed"|"unknown"|"skipped",  after a run
 *                    "error": "..." } ],     when it failed
 *     "summary": { "services": {"add","edit","remove"},
 *                  "destinations": {"add","edit","quiesce","remove"} } }
 */
#include "config.h"

#include <string.h>

#include "apply.h"
#include "cmd.h"
#include "out.h"
#include "render-priv.h"

/* Numeric (a plan names what the kernel holds) and every setting. */
#define PLAN_FMT	(FMT_NUMERIC | FMT_THRESHOLDS)

struct kind_info {
	char		sign;		/* text prefix */
	char		verb;		/* -S verb of the rule */
	const char	*action, *object;
};

static const struct kind_info kinds[] = {
	[IPVS_CHANGE_SERVICE_ADD]  = { '+', 'A', "add", "service" },
	[IPVS_CHANGE_DEST_ADD]     = { '+', 'a', "add", "destination" },
	[IPVS_CHANGE_SERVICE_EDIT] = { '~', 'E', "edit", "service" },
	[IPVS_CHANGE_DEST_EDIT]    = { '~', 'e', "edit", "destination" },
	[IPVS_CHANGE_DEST_QUIESCE] = { '~', 'e', "quiesce", "destination" },
	[IPVS_CHANGE_DEST_DEL]     = { '-', 'd', "remove", "destination" },
	[IPVS_CHANGE_SERVICE_DEL]  = { '-', 'D', "remove", "service" },
};

static bool is_dest(enum ipvs_change_kind k)
{
	return k == IPVS_CHANGE_DEST_ADD || k == IPVS_CHANGE_DEST_EDIT ||
	       k == IPVS_CHANGE_DEST_QUIESCE || k == IPVS_CHANGE_DEST_DEL;
}

void render_change_rule(char *buf, size_t len, const struct ipvs_change *c)
{
	render_rule_text(buf, len, PLAN_FMT, kinds[c->kind].verb, &c->svc,
			 is_dest(c->kind) ? &c->dest : NULL);
}

void render_dest_rule(char *buf, size_t len, const struct ipvs_service *s,
		      const struct ipvs_dest *d)
{
	render_rule_text(buf, len, PLAN_FMT, 'a', s, d);
}

static void change_was(char *buf, size_t len, const struct ipvs_change *c)
{
	buf[0] = '\0';
	if (c->kind == IPVS_CHANGE_SERVICE_EDIT)
		render_rule_settings(buf, len, PLAN_FMT, &c->old_svc, NULL);
	else if (c->kind == IPVS_CHANGE_DEST_EDIT || c->kind == IPVS_CHANGE_DEST_QUIESCE)
		render_rule_settings(buf, len, PLAN_FMT, &c->svc, &c->old_dest);
}

static const char *status_word(const struct plan_result *r)
{
	if (!r->done)
		return "skipped";
	return r->status == 0 ? "ok" : r->status == IPVS_BATCH_UNKNOWN ? "unknown" : "failed";
}

/* Counts by kind, for the summary. */
static void count(const struct ipvs_plan *p, size_t n[])
{
	for (size_t i = 0; i < p->n_changes; i++)
		n[p->changes[i].kind]++;
}

static void summary_text(struct out *o, const struct ipvs_plan *p, bool dry_run)
{
	size_t n[IPVS_CHANGE_SERVICE_DEL + 1] = { 0 };

	count(p, n);
	if (!p->n_changes) {
		out_text(o, "nothing to change: the table already matches the input\n");
		return;
	}
	out_text(o, "%s: services %zu added, %zu edited, %zu removed; "
		 "destinations %zu added, %zu edited, %zu quiesced, %zu removed%s\n",
		 dry_run ? "plan" : "applied",
		 n[IPVS_CHANGE_SERVICE_ADD], n[IPVS_CHANGE_SERVICE_EDIT],
		 n[IPVS_CHANGE_SERVICE_DEL], n[IPVS_CHANGE_DEST_ADD], n[IPVS_CHANGE_DEST_EDIT],
		 n[IPVS_CHANGE_DEST_QUIESCE], n[IPVS_CHANGE_DEST_DEL],
		 dry_run ? " (dry run: nothing changed)" : "");
}

static void summary_json(struct out *o, const struct ipvs_plan *p)
{
	size_t n[IPVS_CHANGE_SERVICE_DEL + 1] = { 0 };

	count(p, n);
	out_obj_open(o, "summary");
	out_obj_open(o, "services");
	out_juint(o, "add", n[IPVS_CHANGE_SERVICE_ADD]);
	out_juint(o, "edit", n[IPVS_CHANGE_SERVICE_EDIT]);
	out_juint(o, "remove", n[IPVS_CHANGE_SERVICE_DEL]);
	out_obj_close(o);
	out_obj_open(o, "destinations");
	out_juint(o, "add", n[IPVS_CHANGE_DEST_ADD]);
	out_juint(o, "edit", n[IPVS_CHANGE_DEST_EDIT]);
	out_juint(o, "quiesce", n[IPVS_CHANGE_DEST_QUIESCE]);
	out_juint(o, "remove", n[IPVS_CHANGE_DEST_DEL]);
	out_obj_close(o);
	out_obj_close(o);
}

int render_plan(FILE *fp, unsigned int fmt, const struct ipvs_plan *plan,
		const struct plan_result *res, bool dry_run)
{
	char rule[RENDER_RULE_MAX], was[RENDER_RULE_MAX];
	struct out o;

	out_begin(&o, fp, fmt & FMT_JSON, false);
	out_obj_open(&o, NULL);
	out_bool(&o, OUT_JSON, "dry_run", NULL, dry_run);
	out_arr_open(&o, "changes");
	for (size_t i = 0; i < plan->n_changes; i++) {
		const struct ipvs_change *c = &plan->changes[i];
		const struct kind_info *k = &kinds[c->kind];

		render_change_rule(rule, sizeof(rule), c);
		change_was(was, sizeof(was), c);
		out_obj_open(&o, NULL);
		out_jstr(&o, "action", k->action);
		out_jstr(&o, "object", k->object);
		if (c->cookie)
			out_juint(&o, "line", c->cookie);
		out_text(&o, "%c ", k->sign);
		out_str(&o, OUT_ANY, "rule", "%s", rule);
		if (was[0])
			out_str(&o, OUT_ANY, "was", "  # was%s", was);
		if (c->kind == IPVS_CHANGE_DEST_QUIESCE)
			out_text(&o, ", quiesced before its removal");
		if (res) {
			out_jstr(&o, "status", status_word(&res[i]));
			if (res[i].msg)
				out_jstr(&o, "error", res[i].msg);
		}
		out_text(&o, "\n");
		out_obj_close(&o);
	}
	out_arr_close(&o);
	if (out_is_json(&o))
		summary_json(&o, plan);
	else
		summary_text(&o, plan, dry_run);
	out_obj_close(&o);
	return out_end(&o);
}
