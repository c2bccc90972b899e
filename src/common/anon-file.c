/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Anonymous scratch files; see anon-file.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "anon-file.h"

/* A file in dir that no one else can open: O_TMPFILE, else a unique name
 * unlinked at once (file systems without O_TMPFILE). */
static int tmp_file_open(const char *dir)
{
	char path[PATH_MAX];
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd >= 0 ? fd : -errno;
	if (snprintf(path, sizeof(path), "%s/ipvs-tools.XXXXXX", dir) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	unlink(path);
	return fd;
}

int anon_file_open(const char *name)
{
	const char *dir = getenv("TMPDIR");
	int fd = memfd_create(name, MFD_CLOEXEC);

	/* Only where memfd is missing or refused; other errors (EMFILE) are real. */
	if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != EINVAL))
		return fd >= 0 ? fd : -errno;
	return tmp_file_open(dir && *dir ? dir : "/tmp");
}
