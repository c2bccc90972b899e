/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm -L -c: the /proc/net/ip_vs_conn text, parsed and rendered.
 * Byte 0 picks the format (numeric or names, JSON or text, entries or
 * the summary); the rest is the file, read through libipvs's reader.
 */
#include "config.h"

#include <unistd.h>

#include "cmd.h"
#include "common/anon-file.h"
#include "fuzz.h"
#include "render.h"

/* The input as a file the library's reader can read. */
static int input_fd(const uint8_t *data, size_t size)
{
	int fd = anon_file_open("fuzz-conn");

	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned int fmts[] = {
		FMT_NUMERIC, FMT_NONE, FMT_NUMERIC | FMT_JSON, FMT_JSON,
		FMT_NUMERIC | FMT_PERSISTENTCONN, FMT_NUMERIC | FMT_SUMMARY,
		FMT_SUMMARY | FMT_JSON,
	};
	unsigned int fmt;
	struct ipvs_conn_reader *r;
	int fd;

	if (size < 1)
		return 0;
	fmt = fmts[data[0] % (sizeof(fmts) / sizeof(fmts[0]))];
	fd = input_fd(data + 1, size - 1);
	if (fd < 0 || ipvs_conn_open(&r, fd))
		return 0;
	if (fmt & FMT_SUMMARY)
		render_conn_summary(fuzz_sink(), fmt, r, NULL);
	else
		render_conns(fuzz_sink(), fmt, r, NULL);
	ipvs_conn_close(r);
	return 0;
}
