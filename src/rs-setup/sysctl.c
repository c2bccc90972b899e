/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Integer sysctls through /proc/sys (or a test root). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"

static int open_knob(const struct rs_ctx *ctx, const char *path, int flags)
{
	char full[RS_PATH_MAX * 2];

	snprintf(full, sizeof(full), "%s/%s", ctx->sysctl_root, path);
	return open(full, flags | O_CLOEXEC);
}

int rs_sysctl_read(const struct rs_ctx *ctx, const char *path, int *value)
{
	char buf[32], *end;
	ssize_t n;
	long v;
	int fd = open_knob(ctx, path, O_RDONLY);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	v = strtol(buf, &end, 10);
	if (end == buf || (*end && *end != '\n'))
		return -EINVAL;
	*value = (int)v;
	return 0;
}

int rs_sysctl_write(const struct rs_ctx *ctx, const char *path, int value)
{
	char buf[32];
	int len = snprintf(buf, sizeof(buf), "%d\n", value);
	int fd = open_knob(ctx, path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, buf, (size_t)len);
	if (n < 0) {
		int ret = -errno;

		close(fd);
		return ret;
	}
	if (close(fd) < 0)
		return -errno;
	return n == len ? 0 : -EIO;
}
