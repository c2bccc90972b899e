/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd_parse()'s source of options: popt, or the plain form (opt-reader.c). */
#ifndef IPVSADM_OPT_READER_H
#define IPVSADM_OPT_READER_H

#include <popt.h>
#include "front.h"

struct opt_reader {
	poptContext	pc;		/* NULL: the plain form */
	const char	**argv;		/* the plain form's words */
	int		argc;
	int		next;
	const char	*arg;		/* the value of the option just read */
};

/* The next option's value (popt's val), -1 at the end, or a popt error. */
int reader_next(struct opt_reader *r);
/* The value of the option just read, as popt gives it: a copy to free
 * (NULL with d set when it cannot be copied). */
char *reader_arg(struct opt_reader *r, struct diag *d);
/* 0, or 2 with d set when popt would loop forever expanding "!#:+". */
int check_expansions(int argc, const char **argv, struct diag *d);

#endif
