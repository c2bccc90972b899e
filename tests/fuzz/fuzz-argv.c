/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm's command line: the input is the arguments, each ended by a NUL
 * byte (the last one need not be), given to the parser and the checks.
 * The parser reads the plain form without popt (opt-reader.c): popt reads every
 * input as well, and any difference between the two is a finding.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "fuzz.h"

#define MAX_ARGS	64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *argv[MAX_ARGS + 2] = { "ipvsadm" };
	char *buf = malloc(size + 1);
	int argc = 1, r, pr;
	struct diag d, pd;
	struct cmd c, pc;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (size_t i = 0; i < size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	r = cmd_parse(&c, argc, argv, &d);
	pr = cmd_parse_with(&pc, argc, argv, &pd, false);
	if (r == 0)
		r = cmd_validate(&c, &d);
	if (pr == 0)
		pr = cmd_validate(&pc, &pd);
	if (r != pr || d.status != pd.status || strcmp(d.msg, pd.msg))
		abort();	/* the readers disagree */
	if (!c.apply_file != !pc.apply_file ||
	    (c.apply_file && strcmp(c.apply_file, pc.apply_file)))
		abort();
	cmd_release(&c);
	cmd_release(&pc);
	if (r == 0 && memcmp(&c, &pc, sizeof(c)))
		abort();
	free(buf);
	return 0;
}
