/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rs-setup's config file: parsed, then the cross-key checks. */
#include "config.h"

#include "fuzz.h"
#include "rs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rs_diag d = { "" };
	struct rs_config c;
	FILE *in = fuzz_stream(data, size);

	rs_config_init(&c);
	if (rs_config_parse(&c, in, "fuzz.conf", &d) == 0)
		rs_config_validate(&c, &d);
	rs_config_free(&c);
	fclose(in);
	return 0;
}
