/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers for the ipvsadm front-end unit tests. */
#ifndef FRONT_UTIL_H
#define FRONT_UTIL_H

#include <check.h>
#include <string.h>
#include "front.h"

#define MAX_ARGS 64

/* Split a space-separated command line (no quoting; "''" is an empty
 * argument) into argv with argv[0] = "ipvsadm".  Uses static storage. */
static inline int split_args(const char *line, const char **argv)
{
	static char buf[4096];
	int argc = 0;
	char *save = NULL, *tok;

	strncpy(buf, line, sizeof(buf) - 1);
	argv[argc++] = "ipvsadm";
	for (tok = strtok_r(buf, " ", &save); tok && argc < MAX_ARGS - 1;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = strcmp(tok, "''") ? tok : "";
	argv[argc] = NULL;
	return argc;
}

/* Parse and validate argv, as main() does, with or without the plain
 * reader (see cmd_is_plain). */
static inline int run_argv(int argc, const char **argv, struct cmd *c, struct diag *d,
			   bool plain_ok)
{
	int r = cmd_parse_with(c, argc, argv, d, plain_ok);

	return r ? r : cmd_validate(c, d);
}

/* Both readers give the same command, status and message for argv. */
static inline void ck_readers_agree(int argc, const char **argv, const char *what)
{
	struct cmd a, b;
	struct diag da, db;
	int ra = run_argv(argc, argv, &a, &da, false);
	int rb = run_argv(argc, argv, &b, &db, true);

	ck_assert_msg(ra == rb && da.status == db.status && !strcmp(da.msg, db.msg),
		      "%s: popt %d '%s', plain reader %d '%s'", what, ra, da.msg, rb, db.msg);
	if (ra)
		return;
	ck_assert_msg(!a.apply_file == !b.apply_file &&
		      (!a.apply_file || !strcmp(a.apply_file, b.apply_file)), "%s: apply file", what);
	cmd_release(&a);
	cmd_release(&b);
	ck_assert_msg(!memcmp(&a, &b, sizeof(a)), "%s: the commands differ", what);
}

/* What main() does before touching the kernel: parse, then validate.  Every
 * line goes through popt too, and both readers must agree. */
static inline int run_line(const char *line, struct cmd *c, struct diag *d)
{
	const char *argv[MAX_ARGS];
	int argc = split_args(line, argv);

	ck_readers_agree(argc, argv, line);
	return run_argv(argc, argv, c, d, true);
}

/* Expect an error with this exit status and exact message. */
#define ck_error(line, st, text) do {					\
	struct cmd c_; struct diag d_;					\
	int r_ = run_line(line, &c_, &d_);				\
	ck_assert_msg(r_ == (st), "%s: status %d, want %d (%s)",	\
		      line, r_, st, d_.msg);				\
	ck_assert_msg(d_.status == (st), "%s: diag status", line);	\
	ck_assert_msg(!strcmp(d_.msg, text), "%s:\n  got  '%s'\n  want '%s'", \
		      line, d_.msg, text);				\
} while (0)

/* Expect success; leaves the command in *c. */
#define ck_ok(line, c) do {						\
	struct diag d_;							\
	int r_ = run_line(line, c, &d_);				\
	ck_assert_msg(r_ == 0, "%s: failed with %d: %s", line, r_, d_.msg); \
} while (0)

#endif /* FRONT_UTIL_H */
