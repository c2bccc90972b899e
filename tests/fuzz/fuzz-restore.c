/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm -R input: the line reader and tokenizer, then the parser and
 * the checks of every line, both passes (as restore_main runs them, up to
 * opening IPVS), the second from the spool pass 1 made.
 */
#include "config.h"

#include <stdlib.h>
#include "front.h"
#include "fuzz.h"

static int count_line(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	(void)line;
	(void)msg;
	if (c)
		++*(long *)arg;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct restore_input ri;
	FILE *in = fuzz_stream(data, size);
	long bad, good = 0;

	if (restore_input_open(&ri, in, "ipvsadm") == 0) {
		bad = restore_check(&ri, fuzz_sink());
		if (bad == 0 && restore_input_rewind(&ri) == 0)
			restore_walk(&ri, count_line, &good);
		restore_input_close(&ri);
	}
	fclose(in);
	return 0;
}
