/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm -L -c: the /proc/net/ip_vs_conn text, parsed and rendered.
 * Byte 0 picks the format (numeric or names, JSON or text); the rest is
 * the file.
 */
#include "config.h"

#include "cmd.h"
#include "fuzz.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int fmts[] = {
		FMT_NUMERIC, FMT_NONE, FMT_NUMERIC | FMT_JSON, FMT_JSON,
		FMT_NUMERIC | FMT_PERSISTENTCONN,
	};
	FILE *in;

	if (size < 1)
		return 0;
	in = fuzz_stream(data + 1, size - 1);
	render_conns(fuzz_sink(), fmts[data[0] % 5], in);
	fclose(in);
	return 0;
}
