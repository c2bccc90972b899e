/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --apply and --drain: change a live table without dropping connections.
 *   apply-input.c   input (-S syntax) -> desired table        (parse)
 *   libipvs         kernel + desired + scope -> plan          (ipvs_want_diff)
 *   render-plan.c   plan -> text or JSON                      (render)
 *   exec-apply.c    plan -> batches, the guard, the drain      (execute)
 *   exec-drain.c    wait until quiesced destinations are idle, with progress
 */
#ifndef IPVSADM_APPLY_H
#define IPVSADM_APPLY_H

#include <stdio.h>
#include <ipvs/ipvs.h>

#include "front.h"

/* Exit status of a drain whose time ran out (documented in ipvsadm(8)). */
#define EXIT_DRAIN_TIMEOUT	3

/* Read every line; returns the number of bad lines (each printed to err as
 * "line N: ..."), or -errno.  Unless -errno, *want holds the services with
 * their destinations, cookies = input lines; ipvs_want_free() it. */
long apply_input_read(struct restore_input *ri, FILE *err, struct ipvs_want **want);

/* A change's result, for the JSON form after the plan ran. */
struct plan_result {
	int		status;		/* 0, -errno, or IPVS_BATCH_UNKNOWN */
	const char	*msg;		/* NULL when status is 0 */
	bool		done;		/* sent (a change left out by a drain is not) */
};

/* The plan, one line per change in -S syntax with +, - or ~ in front and
 * the old values of an edit after "#", then a summary; or a JSON document
 * (fmt FMT_JSON).  res may be NULL (dry run).  0 or -errno. */
int render_plan(FILE *fp, unsigned int fmt, const struct ipvs_plan *plan,
		const struct plan_result *res, bool dry_run);
/* "-a -t 10.0.0.1:80 -r 10.1.0.1:80 -g -w 1" and so on, for messages:
 * a change's rule, or a destination's (always numeric). */
#define CHANGE_RULE_MAX	512
void render_change_rule(char *buf, size_t len, const struct ipvs_change *c);
void render_dest_rule(char *buf, size_t len, const struct ipvs_service *s,
		      const struct ipvs_dest *d);

/* Destinations waiting to be idle before they are deleted. */
struct drain_item {
	struct ipvs_service	svc;
	struct ipvs_dest	dest;
	bool			idle;		/* no connection left (or gone) */
	bool			gone;		/* no longer in the table */
	uint32_t		active, inactive, persistent;
};

/* Poll until every item is idle or wait_s seconds pass (UINT32_MAX: no
 * limit), showing progress on err (in place on a terminal).  Returns 0
 * when all are idle, 1 when the time ran out, -errno if reading failed. */
int drain_wait(struct ipvs_handle *h, struct drain_item *items, size_t n,
	       uint32_t wait_s, FILE *err);

int apply_main(const char *prog, const struct cmd *c);
int drain_main(const struct cmd *c);

#endif
