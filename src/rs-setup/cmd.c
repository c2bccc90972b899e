/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start, stop, status and check: wire the layers together and report. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "cmd.h"
#include "status.h"

static int need_root(const struct rs_ctx *ctx, const char *verb)
{
	if (ctx->dry_run || geteuid() == 0)
		return 0;
	fprintf(stderr, "rs-setup: %s must run as root (it changes network settings); "
		"nothing was changed\n", verb);
	return -EPERM;
}

static int load_record(struct rs_record *rec, const struct rs_ctx *ctx)
{
	struct rs_diag d = { "" };
	int ret;

	rs_record_init(rec, ctx->state_path);
	ret = rs_record_load(rec, &d);
	if (ret < 0 && ret != -ENOENT)
		fprintf(stderr, "rs-setup: %s\n", d.msg);
	return ret;
}

static void print_plan(const struct rs_plan *p)
{
	char line[RS_MSG_MAX];
	size_t changes = 0;

	printf("rs-setup: plan for start (dry run, nothing changed):\n");
	for (size_t i = 0; i < p->n; i++) {
		rs_step_describe(&p->steps[i], line, sizeof(line));
		printf("  %zu. %s\n", i + 1, line);
		changes += rs_step_changes(&p->steps[i]);
	}
	if (!changes)
		printf("  nothing to change: already set up\n");
}

int cmd_start(struct rs_ctx *ctx, struct rs_cli *cli)
{
	struct rs_apply_result res;
	struct rs_diag d = { "" };
	struct rs_record rec;
	struct rs_plan plan;
	struct rs_sys sys;
	int lock = -1, ret;

	if (need_root(ctx, "start") < 0)
		return RS_EXIT_FAIL;
	if (!ctx->dry_run && (lock = rs_record_lock(ctx->state_path, &d)) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		return RS_EXIT_FAIL;
	}
	ret = load_record(&rec, ctx);
	if (ret < 0 && ret != -ENOENT)
		goto out;
	ret = rs_probe(ctx, &sys, &d);
	if (ret < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		goto out;
	}
	ret = rs_plan_start(&cli->config, &sys, &plan, &d);
	rs_sys_free(&sys);
	if (ret < 0) {
		fprintf(stderr, "rs-setup: %s; nothing was changed\n", d.msg);
		goto out;
	}
	if (ctx->dry_run) {
		print_plan(&plan);
	} else {
		ret = rs_apply_start(ctx, &cli->config, &plan, &rec, stderr, &res, &d);
		if (ret < 0) {
			fprintf(stderr, "rs-setup: start failed: %s\n", d.msg);
			fprintf(stderr, "rs-setup: rolled back %zu change%s", res.rolled_back,
				res.rolled_back == 1 ? "" : "s");
			if (res.left)
				fprintf(stderr, "; %zu could not be undone and stay in %s",
					res.left, ctx->state_path);
			fprintf(stderr, "\n");
		} else if (res.changes == 0) {
			printf("rs-setup: already set up; nothing changed\n");
		} else {
			printf("rs-setup: started: %zu change%s recorded in %s\n", res.changes,
			       res.changes == 1 ? "" : "s", ctx->state_path);
		}
	}
	rs_plan_free(&plan);
out:
	rs_record_free(&rec);
	if (lock >= 0)
		close(lock);
	return ret < 0 ? RS_EXIT_FAIL : RS_EXIT_OK;
}

int cmd_stop(struct rs_ctx *ctx, struct rs_cli *cli)
{
	struct rs_diag d = { "" };
	struct rs_record rec;
	char line[RS_MSG_MAX];
	size_t before, failed;
	int lock = -1, ret;

	(void)cli;
	if (need_root(ctx, "stop") < 0)
		return RS_EXIT_FAIL;
	if (!ctx->dry_run && access(ctx->state_path, F_OK) == 0 &&
	    (lock = rs_record_lock(ctx->state_path, &d)) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		return RS_EXIT_FAIL;
	}
	ret = load_record(&rec, ctx);
	if (ret == -ENOENT) {
		printf("rs-setup: no state file at %s; nothing to undo, nothing changed\n",
		       ctx->state_path);
		ret = 0;
	} else if (ret == 0 && ctx->dry_run) {
		printf("rs-setup: plan for stop (dry run, nothing changed):\n");
		for (size_t i = rec.n, k = 1; i-- > 0; k++) {
			rs_undo_describe(&rec.recs[i], line, sizeof(line));
			printf("  %zu. %s\n", k, line);
		}
	} else if (ret == 0) {
		before = rec.n;
		failed = rs_undo(ctx, &rec, 0, stderr);
		if (failed) {
			fprintf(stderr, "rs-setup: %zu change%s could not be undone; kept in %s\n",
				failed, failed == 1 ? "" : "s", ctx->state_path);
			ret = -EIO;
		} else {
			printf("rs-setup: stopped: %zu change%s undone\n", before,
			       before == 1 ? "" : "s");
		}
	}
	rs_record_free(&rec);
	if (lock >= 0)
		close(lock);
	return ret < 0 ? RS_EXIT_FAIL : RS_EXIT_OK;
}

/* status and check look at the given settings, else at those of the last start. */
static int gather(struct rs_ctx *ctx, struct rs_cli *cli, struct rs_record *rec,
		  struct rs_sys *sys, const struct rs_config **cfg)
{
	struct rs_diag d = { "" };
	int ret = load_record(rec, ctx);

	if (ret < 0 && ret != -ENOENT && ret != -EACCES)
		return ret;
	*cfg = &cli->config;
	if (cli->config.n_vips == 0 && rec->has_config)
		*cfg = &rec->config;
	ret = rs_probe(ctx, sys, &d);
	if (ret < 0)
		fprintf(stderr, "rs-setup: %s\n", d.msg);
	return ret;
}

int cmd_status(struct rs_ctx *ctx, struct rs_cli *cli)
{
	struct rs_problems pr = { 0 };
	const struct rs_config *cfg;
	struct rs_status_in in;
	struct rs_record rec;
	struct rs_sys sys;
	struct rs_out o;
	int ret = gather(ctx, cli, &rec, &sys, &cfg);

	if (ret < 0) {
		rs_record_free(&rec);
		return RS_EXIT_FAIL;
	}
	rs_check(cfg, &sys, &pr);
	in.config = cfg;
	in.sys = &sys;
	in.problems = &pr;
	in.state_path = ctx->state_path;
	in.changes_recorded = access(ctx->state_path, F_OK) == 0 ? (long)rec.n : -1;
	out_init(&o, stdout, ctx->json);
	rs_render_status(&o, &in);
	rs_problems_free(&pr);
	rs_sys_free(&sys);
	rs_record_free(&rec);
	return RS_EXIT_OK;
}

int cmd_check(struct rs_ctx *ctx, struct rs_cli *cli)
{
	struct rs_problems pr = { 0 };
	const struct rs_config *cfg;
	struct rs_record rec;
	struct rs_sys sys;
	struct rs_out o;
	int ret = gather(ctx, cli, &rec, &sys, &cfg);

	if (ret < 0) {
		rs_record_free(&rec);
		return RS_EXIT_FAIL;
	}
	if (cfg->n_vips == 0) {
		fprintf(stderr, "rs-setup: nothing to check: no VIP given (use --vip, a config "
			"file, or run start first)\n");
		rs_sys_free(&sys);
		rs_record_free(&rec);
		return RS_EXIT_USAGE;
	}
	rs_check(cfg, &sys, &pr);
	out_init(&o, stdout, ctx->json);
	rs_render_check(&o, &pr);
	ret = pr.n ? RS_EXIT_FAIL : RS_EXIT_OK;
	rs_problems_free(&pr);
	rs_sys_free(&sys);
	rs_record_free(&rec);
	return ret;
}
