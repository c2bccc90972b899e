/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * apply: each change is appended to the state file (saved atomically)
 * before it is made.  A crash after the save leaves a record of a change
 * that may not have happened, so every undo tolerates "already undone".
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "apply.h"

static void dotted(const char *path, char *buf, size_t len)
{
	size_t i;

	for (i = 0; path[i] && i + 1 < len; i++)
		buf[i] = path[i] == '/' ? '.' : path[i];
	buf[i] = '\0';
}

static int link_state(struct rs_ctx *ctx, const char *name, bool *exists, bool *up,
		      struct rs_diag *d)
{
	struct rs_sys s = { 0 };
	const struct rs_link *l;
	int ret = rs_probe_links(ctx, &s, d);

	if (ret < 0)
		return ret;
	l = rs_sys_link(&s, name);
	*exists = l != NULL;
	*up = l && (l->flags & IFF_UP);
	rs_sys_free(&s);
	return 0;
}

static int verify(struct rs_ctx *ctx, const struct rs_config *c, const struct rs_step *st,
		  struct rs_diag *d)
{
	struct rs_problems pr = { 0 };
	struct rs_sys s;
	int ret = rs_probe(ctx, &s, d);

	if (ret < 0)
		return ret;
	if (st->kind == RS_STEP_VERIFY_ARP)
		rs_check_arp(c, &s, &pr);
	else
		rs_check_rpf(c, &s, st->ifname, &pr);
	if (pr.n) {
		rs_diag_set(d, "%s; fix: %s", pr.v[0].what, pr.v[0].fix);
		ret = -EINVAL;
	}
	rs_problems_free(&pr);
	rs_sys_free(&s);
	return ret;
}

/* One step.  *made is set when a change was recorded and made. */
static int run_step(struct rs_ctx *ctx, const struct rs_config *c, const struct rs_step *st,
		    struct rs_record *r, bool *made, struct rs_diag *d)
{
	struct rs_rec rec = { 0 };
	bool exists, up;
	char name[RS_PATH_MAX];
	int cur, ret;

	*made = false;
	switch (st->kind) {
	case RS_STEP_SYSCTL:
		ret = rs_sysctl_read(ctx, st->path, &cur);
		if (ret < 0) {
			dotted(st->path, name, sizeof(name));
			rs_diag_set(d, "cannot read %s: %s", name, strerror(-ret));
			return ret;
		}
		if (cur == st->value)
			return 0;
		rec.kind = RS_REC_SYSCTL;
		snprintf(rec.path, sizeof(rec.path), "%s", st->path);
		rec.old = cur;
		rec.new = st->value;
		if ((ret = rs_record_push(r, &rec, d)) < 0)
			return ret;
		*made = true;
		ret = rs_sysctl_write(ctx, st->path, st->value);
		if (ret < 0) {
			dotted(st->path, name, sizeof(name));
			rs_diag_set(d, "cannot write %s: %s", name, strerror(-ret));
		}
		return ret;
	case RS_STEP_MODULE:
		if (rs_module_loaded(ctx, rs_module_name(st->module)))
			return 0;
		rec.kind = RS_REC_MODULE;
		snprintf(rec.name, sizeof(rec.name), "%s", rs_module_name(st->module));
		if ((ret = rs_record_push(r, &rec, d)) < 0)
			return ret;
		*made = true;
		return rs_module_load(ctx, rec.name, d);
	case RS_STEP_LINK:
		if ((ret = link_state(ctx, st->ifname, &exists, &up, d)) < 0)
			return ret;
		if (up)
			return 0;
		snprintf(rec.name, sizeof(rec.name), "%s", st->ifname);
		snprintf(rec.link_kind, sizeof(rec.link_kind), "%s", st->link_kind);
		rec.kind = exists ? RS_REC_LINK_UP : RS_REC_LINK_CREATED;
		if (!exists && !st->link_kind[0]) {
			rs_diag_set(d, "device %s does not exist", st->ifname);
			return -ENODEV;
		}
		if ((ret = rs_record_push(r, &rec, d)) < 0)
			return ret;
		*made = true;
		if (!exists && (ret = rs_link_create(ctx, st->ifname, st->link_kind, d)) < 0)
			return ret;
		return rs_link_set_up(ctx, st->ifname, true, d);
	case RS_STEP_FOU:
		rec.kind = RS_REC_FOU;
		rec.port = st->port;
		rec.family = st->family;
		if ((ret = rs_record_push(r, &rec, d)) < 0)
			return ret;
		*made = true;
		ret = rs_fou_add(ctx, st->port, st->family, st->ipproto, d);
		break;
	case RS_STEP_ADDR:
		rec.kind = RS_REC_ADDR;
		rec.addr = st->addr;
		snprintf(rec.name, sizeof(rec.name), "%s", st->ifname);
		if ((ret = rs_record_push(r, &rec, d)) < 0)
			return ret;
		*made = true;
		ret = rs_addr_add(ctx, st->ifname, &st->addr, d);
		break;
	default:
		return verify(ctx, c, st, d);
	}
	if (ret == -EEXIST) {
		/* It was there already (added since the snapshot): not ours to undo. */
		*made = false;
		return rs_record_pop(r, d);
	}
	return ret;
}

/* What a record says was done (the plan may have predicted otherwise). */
static void describe_done(const struct rs_rec *rec, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], name[RS_PATH_MAX];

	switch (rec->kind) {
	case RS_REC_SYSCTL:
		dotted(rec->path, name, sizeof(name));
		snprintf(buf, len, "set %s = %d (was %d)", name, rec->new, rec->old);
		break;
	case RS_REC_MODULE:
		snprintf(buf, len, "loaded module %s", rec->name);
		break;
	case RS_REC_LINK_UP:
		snprintf(buf, len, "brought %s up", rec->name);
		break;
	case RS_REC_LINK_CREATED:
		snprintf(buf, len, "created %s device %s", rec->link_kind, rec->name);
		break;
	case RS_REC_FOU:
		snprintf(buf, len, "added GUE receive port %u (%s)", rec->port,
			 rec->family == AF_INET6 ? "ipv6" : "ipv4");
		break;
	case RS_REC_ADDR:
		snprintf(buf, len, "added %s/%u to %s", rs_addr_str(&rec->addr, a, sizeof(a)),
			 rec->addr.prefixlen, rec->name);
		break;
	}
}

int rs_apply_start(struct rs_ctx *ctx, const struct rs_config *c,
		   const struct rs_plan *p, struct rs_record *rec, FILE *log,
		   struct rs_apply_result *res, struct rs_diag *d)
{
	size_t first = rec->n, before;
	struct rs_config prev;
	bool had_config = rec->has_config;
	char line[RS_MSG_MAX];
	struct rs_diag sd;
	bool made;
	int ret = 0;

	memset(res, 0, sizeof(*res));
	/* Keep the earlier start's settings to put back if this one fails. */
	if (rs_config_copy(&prev, &rec->config) < 0 || rs_record_set_config(rec, c) < 0) {
		rs_diag_set(d, "out of memory");
		return -ENOMEM;
	}
	for (size_t i = 0; i < p->n; i++) {
		ret = run_step(ctx, c, &p->steps[i], rec, &made, d);
		if (ret < 0)
			break;
		if (made) {
			res->changes++;
			if (ctx->verbose) {
				describe_done(&rec->recs[rec->n - 1], line, sizeof(line));
				fprintf(log, "rs-setup: %s\n", line);
			}
		}
	}
	if (ret >= 0) {
		rs_config_free(&prev);
		return 0;
	}
	before = rec->n;
	res->left = rs_undo(ctx, rec, first, log);
	res->rolled_back = before - first - res->left;
	res->changes = 0;
	rs_config_free(&rec->config);
	rec->config = prev;
	rec->has_config = had_config;
	if (rs_record_save(rec, &sd) < 0)
		fprintf(log, "rs-setup: %s\n", sd.msg);
	return ret;
}

void rs_undo_describe(const struct rs_rec *rec, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], name[RS_PATH_MAX];

	switch (rec->kind) {
	case RS_REC_SYSCTL:
		dotted(rec->path, name, sizeof(name));
		snprintf(buf, len, "restore %s = %d (if it is still %d)", name, rec->old, rec->new);
		break;
	case RS_REC_MODULE:
		snprintf(buf, len, "leave module %s loaded", rec->name);
		break;
	case RS_REC_LINK_UP:
		snprintf(buf, len, "set %s down", rec->name);
		break;
	case RS_REC_LINK_CREATED:
		snprintf(buf, len, "delete %s device %s", rec->link_kind, rec->name);
		break;
	case RS_REC_FOU:
		snprintf(buf, len, "remove GUE receive port %u (%s)", rec->port,
			 rec->family == AF_INET6 ? "ipv6" : "ipv4");
		break;
	case RS_REC_ADDR:
		snprintf(buf, len, "remove %s/%u from %s", rs_addr_str(&rec->addr, a, sizeof(a)),
			 rec->addr.prefixlen, rec->name);
		break;
	}
}

/* 0 when the record can go: undone, or found undone, or no longer ours. */
static int undo_one(struct rs_ctx *ctx, const struct rs_rec *rec, FILE *log,
		    struct rs_diag *d)
{
	char name[RS_PATH_MAX];
	int cur, ret;

	switch (rec->kind) {
	case RS_REC_SYSCTL:
		ret = rs_sysctl_read(ctx, rec->path, &cur);
		if (ret == -ENOENT)
			return 0;	/* its device is gone */
		dotted(rec->path, name, sizeof(name));
		if (ret < 0) {
			rs_diag_set(d, "cannot read %s: %s", name, strerror(-ret));
			return ret;
		}
		if (cur == rec->old)
			return 0;
		if (cur != rec->new) {
			fprintf(log, "rs-setup: %s is now %d, not the %d rs-setup set; left "
				"as is\n", name, cur, rec->new);
			return 0;
		}
		ret = rs_sysctl_write(ctx, rec->path, rec->old);
		if (ret < 0)
			rs_diag_set(d, "cannot write %s: %s", name, strerror(-ret));
		return ret;
	case RS_REC_MODULE:
		return 0;	/* other users may need it now; unloading is global */
	case RS_REC_LINK_UP:
		ret = rs_link_set_up(ctx, rec->name, false, d);
		return ret == -ENODEV ? 0 : ret;
	case RS_REC_LINK_CREATED:
		ret = rs_link_delete(ctx, rec->name, rec->link_kind, d);
		if (ret == -EEXIST) {
			fprintf(log, "rs-setup: %s\n", d->msg);
			return 0;
		}
		return ret == -ENODEV ? 0 : ret;
	case RS_REC_FOU:
		ret = rs_fou_del(ctx, rec->port, rec->family, d);
		return ret == -ENOENT ? 0 : ret;
	case RS_REC_ADDR:
		ret = rs_addr_del(ctx, rec->name, &rec->addr, d);
		return ret == -EADDRNOTAVAIL || ret == -ENODEV ? 0 : ret;
	}
	return 0;
}

static int remove_at(struct rs_record *rec, size_t i, struct rs_diag *d)
{
	memmove(&rec->recs[i], &rec->recs[i + 1], (rec->n - i - 1) * sizeof(rec->recs[0]));
	rec->n--;
	return rs_record_save(rec, d);
}

size_t rs_undo(struct rs_ctx *ctx, struct rs_record *rec, size_t from, FILE *log)
{
	char what[RS_MSG_MAX];
	struct rs_diag d;
	size_t failed = 0;

	for (size_t i = rec->n; i-- > from;) {
		rs_undo_describe(&rec->recs[i], what, sizeof(what));
		d.msg[0] = '\0';
		if (undo_one(ctx, &rec->recs[i], log, &d) < 0) {
			fprintf(log, "rs-setup: could not %s: %s\n", what, d.msg);
			failed++;
			continue;
		}
		if (ctx->verbose)
			fprintf(log, "rs-setup: %s\n", what);
		if (remove_at(rec, i, &d) < 0) {
			fprintf(log, "rs-setup: %s\n", d.msg);
			failed++;
		}
	}
	return failed;
}
