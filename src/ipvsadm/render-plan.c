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
#include "common/emit.h"
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

static void summary_text(struct emit *o, const struct ipvs_plan *p, bool dry_run)
{
	size_t n[IPVS_CHANGE_SERVICE_DEL + 1] = { 0 };

	count(p, n);
	if (!p->n_changes) {
		emit_text(o, "nothing to change: the table already matches the input\n");
		return;
	}
	emit_text(o, "%s: services %zu added, %zu edited, %zu removed; "
		 "destinations %zu added, %zu edited, %zu quiesced, %zu removed%s\n",
		 dry_run ? "plan" : "applied",
		 n[IPVS_CHANGE_SERVICE_ADD], n[IPVS_CHANGE_SERVICE_EDIT],
		 n[IPVS_CHANGE_SERVICE_DEL], n[IPVS_CHANGE_DEST_ADD], n[IPVS_CHANGE_DEST_EDIT],
		 n[IPVS_CHANGE_DEST_QUIESCE], n[IPVS_CHANGE_DEST_DEL],
		 dry_run ? " (dry run: nothing changed)" : "");
}

static void summary_json(struct emit *o, const struct ipvs_plan *p)
{
	size_t n[IPVS_CHANGE_SERVICE_DEL + 1] = { 0 };

	count(p, n);
	emit_obj_open(o, "summary");
	emit_obj_open(o, "services");
	emit_juint(o, "add", n[IPVS_CHANGE_SERVICE_ADD]);
	emit_juint(o, "edit", n[IPVS_CHANGE_SERVICE_EDIT]);
	emit_juint(o, "remove", n[IPVS_CHANGE_SERVICE_DEL]);
	emit_obj_close(o);
	emit_obj_open(o, "destinations");
	emit_juint(o, "add", n[IPVS_CHANGE_DEST_ADD]);
	emit_juint(o, "edit", n[IPVS_CHANGE_DEST_EDIT]);
	emit_juint(o, "quiesce", n[IPVS_CHANGE_DEST_QUIESCE]);
	emit_juint(o, "remove", n[IPVS_CHANGE_DEST_DEL]);
	emit_obj_close(o);
	emit_obj_close(o);
}

int render_plan(FILE *fp, unsigned int fmt, const struct ipvs_plan *plan,
		const struct plan_result *res, bool dry_run)
{
	char rule[RENDER_RULE_MAX], was[RENDER_RULE_MAX];
	struct emit o;

	emit_begin(&o, fp, fmt & FMT_JSON, false);
	emit_obj_open(&o, NULL);
	emit_bool(&o, EMIT_JSON, "dry_run", NULL, dry_run);
	emit_arr_open(&o, "changes");
	for (size_t i = 0; i < plan->n_changes; i++) {
		const struct ipvs_change *c = &plan->changes[i];
		const struct kind_info *k = &kinds[c->kind];

		render_change_rule(rule, sizeof(rule), c);
		change_was(was, sizeof(was), c);
		emit_obj_open(&o, NULL);
		emit_jstr(&o, "action", k->action);
		emit_jstr(&o, "object", k->object);
		if (c->cookie)
			emit_juint(&o, "line", c->cookie);
		emit_text(&o, "%c ", k->sign);
		emit_str(&o, EMIT_ANY, "rule", "%s", rule);
		if (was[0])
			emit_str(&o, EMIT_ANY, "was", "  # was%s", was);
		if (c->kind == IPVS_CHANGE_DEST_QUIESCE)
			emit_text(&o, ", quiesced before its removal");
		if (res) {
			emit_jstr(&o, "status", status_word(&res[i]));
			if (res[i].msg)
				emit_jstr(&o, "error", res[i].msg);
		}
		emit_text(&o, "\n");
		emit_obj_close(&o);
	}
	emit_arr_close(&o);
	if (emit_is_json(&o))
		summary_json(&o, plan);
	else
		summary_text(&o, plan, dry_run);
	emit_obj_close(&o);
	return emit_end(&o);
}
