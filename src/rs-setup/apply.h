/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Carry out a plan, recording each change first; undo recorded changes. */
#ifndef RS_SETUP_APPLY_H
#define RS_SETUP_APPLY_H

#include "io.h"
#include "record.h"

struct rs_apply_result {
	size_t changes;		/* changes made and kept */
	size_t rolled_back;	/* after a failure */
	size_t left;		/* after a failure: changes that could not be undone */
};

/*
 * Run every step of p.  On failure, undo this run's changes newest first
 * and return the error (d says what failed).  log gets one line per change
 * when ctx->verbose.
 */
int rs_apply_start(struct rs_ctx *ctx, const struct rs_config *c,
		   const struct rs_plan *p, struct rs_record *rec, FILE *log,
		   struct rs_apply_result *res, struct rs_diag *d);

/*
 * Undo recorded changes from index from (inclusive) up, newest first,
 * dropping each from the state file once undone.  Failures are reported on
 * log and kept in the file.  Returns the number of failures.
 */
size_t rs_undo(struct rs_ctx *ctx, struct rs_record *rec, size_t from, FILE *log);

/* Describe what undoing rec will do, for stop --dry-run. */
void rs_undo_describe(const struct rs_rec *rec, char *buf, size_t len);

#endif
