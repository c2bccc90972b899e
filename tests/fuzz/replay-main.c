/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main() for a fuzz target built without libFuzzer (gcc, or no fuzzing):
 * runs each file named on the command line through the target once, as
 * libFuzzer does when given files.  So the corpora, findings included,
 * are regression tests in every build.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "fuzz.h"

static int replay(const char *path)
{
	FILE *fp = fopen(path, "rbe");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!fp) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *nb = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (!nb)
				abort();
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n);
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	/* An exact-size copy, so that reading past the input is caught. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (!exact)
			abort();
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++)
		if (replay(argv[i]) < 0)
			rc = 1;
	return rc;
}
