/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm's command line: the input is the arguments, each ended by a NUL
 * byte (the last one need not be), given to the parser and the checks.
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
	int argc = 1;
	struct diag d;
	struct cmd c;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (size_t i = 0; i < size && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	if (cmd_parse(&c, argc, argv, &d) == 0) {
		cmd_validate(&c, &d);
		cmd_release(&c);
	}
	free(buf);
	return 0;
}
