/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Standard descriptors and streams; see stdio-guard.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio-guard.h"

static bool was_closed[3];
/* errno of a failed write that stdio did not see, per stream; 0 if none. */
static int out_err, err_err;

/*
 * Put something harmless on the lowest free descriptor, which is fd.
 * /dev/null is what a shell gives; where there is none (a bare chroot), an
 * O_PATH descriptor of / holds the number and fails every read and write
 * just as a closed descriptor would.  Not close-on-exec: children (the
 * modprobe ipvsadm runs) expect their standard descriptors.
 */
static void fill_slot(int fd)
{
	int got = open("/dev/null", fd ? O_WRONLY : O_RDONLY);

	if (got < 0)
		got = open("/", O_PATH | O_DIRECTORY);
	if (got != fd)
		_exit(2);	/* cannot happen; then no file we open is safe */
}

/*
 * Flush a stream: whether a write to it ever failed (seen by stdio or
 * noted here), and *why the errno, or 0 when that is no longer known (an
 * earlier write failed; stdio keeps only the flag).
 */
static bool stream_failed(FILE *fp, int noted, int *why)
{
	bool failed;

	errno = 0;
	failed = fflush(fp) == EOF || ferror(fp) || noted;
	*why = noted ? noted : errno;
	return failed;
}

static void check_at_exit(int status, void *arg)
{
	int why;
	bool out_failed = stream_failed(stdout, out_err, &why);
	bool err_failed;

	(void)arg;
	if (out_failed && why)
		fprintf(stderr, "%s: write error: %s\n", program_invocation_short_name,
			strerror(why));
	else if (out_failed)
		fprintf(stderr, "%s: write error\n", program_invocation_short_name);
	err_failed = stream_failed(stderr, err_err, &why);
	if ((out_failed || err_failed) && status == 0)
		_exit(STDIO_GUARD_WRITE_ERROR);
}

void stdio_guard_install(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		was_closed[fd] = true;
		fill_slot(fd);
	}
	on_exit(check_at_exit, NULL);
}

bool stdio_guard_was_closed(int fd)
{
	return fd >= 0 && fd < 3 && was_closed[fd];
}

void stdio_guard_write_failed(FILE *stream, int err)
{
	if (stream == stdout && !out_err)
		out_err = err;
	else if (stream == stderr && !err_err)
		err_err = err;
}
