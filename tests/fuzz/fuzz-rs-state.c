/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rs-setup's state file, through rs_record_parse(); what parses is written
 * out again and must parse again (stop trusts what start wrote).
 */
#include "config.h"

#include <stdlib.h>
#include "fuzz.h"
#include "record.h"

/* Write r and parse the text back; aborts (a finding) if it does not. */
static void round_trip(const struct rs_record *r)
{
	struct rs_diag d = { "" };
	struct rs_record again;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len), *in;

	if (!out)
		return;
	rs_record_write(r, out);
	fclose(out);
	in = fuzz_stream((const uint8_t *)text, len);
	rs_record_init(&again, "/nonexistent/state");
	if (rs_record_parse(&again, in, &d) != 0) {
		fprintf(stderr, "written state does not parse: %s\n---\n%s---\n", d.msg, text);
		abort();
	}
	rs_record_free(&again);
	fclose(in);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rs_diag d = { "" };
	struct rs_record r;
	FILE *in = fuzz_stream(data, size);

	rs_record_init(&r, "/nonexistent/state");
	if (rs_record_parse(&r, in, &d) == 0)
		round_trip(&r);
	rs_record_free(&r);
	fclose(in);
	return 0;
}
