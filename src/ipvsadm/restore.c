/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: pass 1 parses and checks every line and changes nothing if any is
 * bad; pass 2 reads the input again, parses it again and applies it in
 * order, the changes as pipelined batches, reporting each failure with its
 * line number.  Nothing is kept per line, so memory stays the same
 * whatever the size of the input.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include "common/stdio-guard.h"
#include "front.h"

/* Commands that make no sense inside -R input. */
static const char *restore_refuse(const struct cmd *c)
{
	switch (c->verb) {
	case VERB_RESTORE: return "-R cannot be nested in -R input";
	case VERB_HELP: return "-h is not allowed in -R input";
	case VERB_VERSION: return "-v is not allowed in -R input";
	case VERB_APPLY: return "--apply is not allowed in -R input";
	case VERB_DRAIN: return "--drain is not allowed in -R input";
	default: return NULL;
	}
}

static void print_line_error(FILE *err, unsigned long line, const char *msg)
{
	size_t n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		n--;	/* "-6 used before -f\n" stays one line here */
	fprintf(err, "line %lu: %.*s\n", line, (int)n, msg);
}

int restore_walk(struct restore_input *ri, restore_fn fn, void *arg)
{
	struct restore_line l;
	const char *refused;
	struct diag d;
	struct cmd c;
	int r;

	while ((r = restore_input_next(ri, &l)) > 0) {
		if (cmd_parse(&c, l.argc, l.argv, &d) || cmd_validate(&c, &d)) {
			r = fn(arg, l.lineno, NULL, d.msg);
		} else if ((refused = restore_refuse(&c))) {
			r = fn(arg, l.lineno, NULL, refused);
		} else {
			r = fn(arg, l.lineno, &c, NULL);
		}
		cmd_release(&c);
		if (r)
			return r;
	}
	return r;
}

struct check_state {
	FILE	*err;
	long	bad;
};

static int check_line(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct check_state *cs = arg;

	if (!c) {
		print_line_error(cs->err, line, msg);
		cs->bad++;
	}
	return 0;
}

long restore_check(struct restore_input *ri, FILE *err)
{
	struct check_state cs = { .err = err };
	int r = restore_walk(ri, check_line, &cs);

	return r < 0 ? r : cs.bad;
}

struct apply_state {
	const struct exec_ctx	*x;
	struct exec_batch	*b;
	size_t			failed;
};

static int apply_line(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct apply_state *as = arg;
	char prefix[32];

	if (!c) {
		/* A regular file that changed since pass 1. */
		print_line_error(stderr, line, msg);
		as->failed++;
		return 0;
	}
	if (exec_batchable(c)) {
		if (exec_batch_add(as->b, c, line))
			as->failed++;
		return 0;
	}
	/* Listing: everything before it must be in the kernel first. */
	as->failed += exec_batch_commit(as->b);
	fflush(stderr);
	snprintf(prefix, sizeof(prefix), "line %lu: ", line);
	if (exec_run(as->x, c, prefix))
		as->failed++;
	/* stdio keeps only a flag; the reason is for the message at exit. */
	if (fflush(stdout) == EOF)
		stdio_guard_write_failed(stdout, errno);
	return 0;
}

/* Pass 2.  Returns the exit status. */
static int restore_apply(struct restore_input *ri, const struct exec_ctx *x)
{
	struct apply_state as = { .x = x };
	int err;

	err = exec_batch_new(x->h, &as.b);
	if (err) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_NONE, err));
		return 255;
	}
	err = restore_walk(ri, apply_line, &as);
	as.failed += exec_batch_commit(as.b);
	exec_batch_free(as.b);
	if (err < 0) {
		fprintf(stderr, "%s: cannot read the input: %s\n", ri->prog, strerror(-err));
		return 255;
	}
	return as.failed ? 255 : 0;
}

int restore_main(const char *prog, FILE *in)
{
	struct restore_input ri;
	struct exec_ctx x;
	long bad;
	int r;

	/* A reader of our output that went away must not stop the rules half
	 * applied: the write fails (EPIPE) and the exit status says so. */
	signal(SIGPIPE, SIG_IGN);
	r = restore_input_open(&ri, in, prog);
	if (r < 0) {
		fprintf(stderr, "%s: cannot read the input: %s\n", prog, strerror(-r));
		return 2;
	}
	bad = restore_check(&ri, stderr);
	if (!bad)
		bad = restore_input_rewind(&ri);
	if (bad < 0)
		fprintf(stderr, "%s: cannot read the input: %s\n", prog, strerror((int)-bad));
	if (bad) {
		restore_input_close(&ri);
		return 2;
	}
	r = exec_open(&x);
	if (!r) {
		r = restore_apply(&ri, &x);
		exec_close(&x);
	}
	restore_input_close(&ri);
	return r;
}
