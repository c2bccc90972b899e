/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option words of ipvsadm's popt table (src/ipvsadm/options.c), one a
 * line: "option-words long" every long option (--add-service ...),
 * "option-words short" every short one (-A ...).  The docs check and the
 * help test take their lists from here, so a new option in the table is
 * looked for in the man page, the completions and -h without a second
 * list to keep.  A test helper, not installed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "front.h"

int main(int argc, char **argv)
{
	const struct poptOption *o;
	int want_long;

	if (argc != 2 || (strcmp(argv[1], "long") && strcmp(argv[1], "short"))) {
		fprintf(stderr, "usage: option-words long|short\n");
		return 2;
	}
	want_long = !strcmp(argv[1], "long");
	for (o = opts_popt_table; o->longName || o->shortName; o++) {
		if (want_long && o->longName)
			printf("--%s\n", o->longName);
		else if (!want_long && o->shortName)
			printf("-%c\n", o->shortName);
	}
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
