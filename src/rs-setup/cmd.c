/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start, stop, status and check: wire the layers together and report. */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "apply.h"
#include "cmd.h"
#include "status.h"

/* CAP_NET_ADMIN in the effective set: root without it (a container, setpriv)
 * could write some sysctls but not one link or address, so start would
 * change things half way and stop could not undo them. */
static bool have_net_admin(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &h, caps) < 0)
		return true;	/* cannot tell: the kernel will say */
	return caps[CAP_TO_INDEX(CAP_NET_ADMIN)].effective & CAP_TO_MASK(CAP_NET_ADMIN);
}

static int need_root(const struct rs_ctx *ctx, const char *verb)
{
	if (ctx->dry_run)
		return 0;
	if (geteuid() != 0) {
		fprintf(stderr, "rs-setup: %s must run as root (it changes network settings); "
			"nothing was changed\n", verb);
		return -EPERM;
	}
	if (!have_net_admin()) {
		fprintf(stderr, "rs-setup: %s needs the CAP_NET_ADMIN capability, which this "
			"process lacks (it changes network settings); nothing was changed\n",
			verb);
		return -EPERM;
	}
	return 0;
}

static void describe_self(const struct rs_ctx *ctx, char *buf, size_t len)
{
	rs_netns_describe(&ctx->netns, buf, len);
}

/* A version 1 file has no owner: the namespace that reads it first takes it. */
static int adopt(struct rs_record *rec, const struct rs_ctx *ctx, const char *was,
		 bool locked)
{
	struct rs_diag d = { "" };
	char self[RS_MSG_MAX];

	describe_self(ctx, self, sizeof(self));
	rs_record_set_owner(rec, &ctx->netns);
	if (!locked) {
		fprintf(stderr, "rs-setup: state file %s names no network namespace (an older "
			"rs-setup wrote it); read as this namespace's (%s)\n", was, self);
		return 0;
	}
	if (rs_record_save(rec, &d) < 0) {
		fprintf(stderr, "rs-setup: %s; nothing was changed\n", d.msg);
		return -EIO;
	}
	if (strcmp(was, rec->path) && unlink(was) < 0 && errno != ENOENT)
		fprintf(stderr, "rs-setup: cannot remove %s: %s\n", was, strerror(errno));
	fprintf(stderr, "rs-setup: state file %s names no network namespace (an older "
		"rs-setup wrote it); taken as this namespace's (%s)%s%s\n", was, self,
		strcmp(was, rec->path) ? " and moved to " : "",
		strcmp(was, rec->path) ? rec->path : "");
	return 0;
}

/* The file from before state files were per namespace, at the old default path. */
static int load_legacy(struct rs_record *rec, const struct rs_ctx *ctx, bool locked)
{
	struct rs_diag d = { "" };
	struct rs_record old;
	int lock = -1, ret;

	if (!ctx->legacy_path || access(ctx->legacy_path, F_OK) < 0)
		return -ENOENT;
	if (locked && (lock = rs_record_lock(ctx->legacy_path, &d)) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		return lock;
	}
	rs_record_init(&old, ctx->legacy_path);
	ret = rs_record_load(&old, &d);
	if (ret < 0 && ret != -ENOENT)
		fprintf(stderr, "rs-setup: %s\n", d.msg);
	if (ret == 0 && old.has_owner)
		ret = -ENOENT;		/* someone's explicit --state: not ours to take */
	if (ret == 0) {
		rs_record_free(rec);
		*rec = old;
		snprintf(rec->path, sizeof(rec->path), "%s",
			 locked ? ctx->state_path : ctx->legacy_path);
		ret = adopt(rec, ctx, ctx->legacy_path, locked);
	} else {
		rs_record_free(&old);
	}
	if (lock >= 0)
		close(lock);
	return ret;
}

/*
 * Load this namespace's state file into rec.  0: loaded, or -ENOENT: there
 * is none (rec is then empty); both leave rec owned by this namespace.
 * -EXDEV: the file belongs to another namespace; -ESTALE: to one that is
 * gone (its changes went with it); other -errno: unreadable.  Each is
 * explained on stderr but -ENOENT.  With locked, the caller holds the state
 * lock and rec may be rewritten (a version 1 file adopted and moved).
 */
static int load_record(struct rs_record *rec, const struct rs_ctx *ctx, bool locked)
{
	char self[RS_MSG_MAX], theirs[RS_MSG_MAX];
	struct rs_diag d = { "" };
	int ret;

	rs_record_init(rec, ctx->state_path);
	ret = rs_record_load(rec, &d);
	if (ret == -ENOENT)
		ret = load_legacy(rec, ctx, locked);
	if (ret == -ENOENT) {
		rs_record_set_owner(rec, &ctx->netns);
		return ret;
	}
	if (ret < 0) {
		if (d.msg[0])
			fprintf(stderr, "rs-setup: %s\n", d.msg);
		return ret;
	}
	if (!rec->has_owner)
		return adopt(rec, ctx, rec->path, locked);
	describe_self(ctx, self, sizeof(self));
	rs_netns_describe(&rec->owner, theirs, sizeof(theirs));
	switch (rs_netns_compare(&rec->owner, &ctx->netns)) {
	case RS_NETNS_SAME:
		return 0;
	case RS_NETNS_OTHER:
		fprintf(stderr, "rs-setup: state file %s belongs to network namespace %s, not "
			"to this one (%s); it is never applied here, nothing was changed\n",
			rec->path, theirs, self);
		return -EXDEV;
	case RS_NETNS_GONE:
		fprintf(stderr, "rs-setup: state file %s was written in network namespace %s, "
			"which no longer exists (the kernel has given its inode to this one, "
			"%s): its changes went with it\n", rec->path, theirs, self);
		return -ESTALE;
	}
	return -EINVAL;
}

/* A dead namespace's file: start afresh over it, stop removes it. */
static int drop_stale(struct rs_record *rec, const struct rs_ctx *ctx)
{
	struct rs_diag d = { "" };

	rs_record_free(rec);
	rs_record_init(rec, ctx->state_path);
	rs_record_set_owner(rec, &ctx->netns);
	if (rs_record_save(rec, &d) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		return -EIO;
	}
	fprintf(stderr, "rs-setup: removed %s\n", ctx->state_path);
	return 0;
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
	ret = load_record(&rec, ctx, lock >= 0);
	if (ret == -ESTALE)
		ret = ctx->dry_run ? 0 : drop_stale(&rec, ctx);
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
	char line[RS_MSG_MAX], tmp[RS_PATH_MAX + 8];
	struct rs_record rec;
	size_t before, failed;
	int lock = -1, ret;

	(void)cli;
	if (need_root(ctx, "stop") < 0)
		return RS_EXIT_FAIL;
	snprintf(tmp, sizeof(tmp), "%s.tmp", ctx->state_path);
	if (!ctx->dry_run && (access(ctx->state_path, F_OK) == 0 || access(tmp, F_OK) == 0 ||
			      (ctx->legacy_path && access(ctx->legacy_path, F_OK) == 0)) &&
	    (lock = rs_record_lock(ctx->state_path, &d)) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		return RS_EXIT_FAIL;
	}
	ret = load_record(&rec, ctx, lock >= 0);
	if (ret == -ESTALE) {
		ret = ctx->dry_run ? 0 : drop_stale(&rec, ctx);
		if (ret == 0)
			printf("rs-setup: nothing to undo in this namespace, nothing changed\n");
	} else if (ret == -ENOENT) {
		/* The next state file, from a start killed before it was in place. */
		if (lock >= 0)
			unlink(tmp);
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
		/* A file with no change in it (start killed before its first) goes too. */
		if (before == 0 && rs_record_save(&rec, &d) < 0) {
			fprintf(stderr, "rs-setup: %s\n", d.msg);
			failed++;
		}
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
		  struct rs_sys *sys, const struct rs_config **cfg, long *recorded)
{
	struct rs_diag d = { "" };
	int ret = load_record(rec, ctx, false);

	*recorded = ret == 0 ? (long)rec->n : -1;
	if (ret == -ESTALE) {
		rs_record_free(rec);
		rs_record_init(rec, ctx->state_path);
		ret = -ENOENT;
	}
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
	int ret = gather(ctx, cli, &rec, &sys, &cfg, &in.changes_recorded);

	if (ret < 0) {
		rs_record_free(&rec);
		return RS_EXIT_FAIL;
	}
	rs_check(cfg, &sys, &pr);
	in.config = cfg;
	in.sys = &sys;
	in.problems = &pr;
	in.state_path = rec.path;
	in.netns = &ctx->netns;
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
	long recorded;
	int ret = gather(ctx, cli, &rec, &sys, &cfg, &recorded);

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
