/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm: parse -> validate -> open IPVS -> execute.  Unlike 1.31 the
 * command line is checked before IPVS is opened, so -h, -v and usage
 * errors work on a kernel without IPVS.
 */
#include "config.h"

#include <stdio.h>
#include "apply.h"
#include "common/stdio-guard.h"
#include "front.h"

int main(int argc, char **argv)
{
	/* No arguments means -L. */
	const char *list_argv[] = { argv[0], "-L", NULL };
	const char **av = argc > 1 ? (const char **)argv : list_argv;
	struct exec_ctx x;
	struct diag d;
	struct cmd c;
	int r;

	stdio_guard_install();
	r = cmd_parse(&c, argc > 1 ? argc : 2, av, &d);
	if (!r)
		r = cmd_validate(&c, &d);
	if (r) {
		fprintf(stderr, "%s\n", d.msg);
		return r;
	}
	switch (c.verb) {
	case VERB_HELP:
		help_print(stdout, argv[0]);
		return 0;
	case VERB_VERSION:
		version_print(stdout);
		return 0;
	case VERB_RESTORE:
		return restore_main(argv[0], stdin);
	case VERB_APPLY:
		r = apply_main(argv[0], &c);
		cmd_release(&c);
		return r;
	case VERB_DRAIN:
		return drain_main(&c);
	default:
		break;
	}
	r = exec_open(&x);
	if (r)
		return r;
	r = exec_run(&x, &c, "");
	exec_close(&x);
	return r;
}
