/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Standard descriptors and streams, for both programs.  A program started
 * with 0, 1 or 2 closed would hand that number to the next file it opens,
 * and its messages would land in that file; and a write error on stdout
 * or stderr must not pass for success.
 */
#ifndef COMMON_STDIO_GUARD_H
#define COMMON_STDIO_GUARD_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Call first in main(), before anything opens a file: opens each of 0, 1
 * and 2 that is closed on /dev/null, and arranges that at exit a failed
 * write to stdout or stderr turns a zero exit status into
 * STDIO_GUARD_WRITE_ERROR (after a "PROG: write error: ..." on stderr when
 * stderr still works).  A non-zero status is kept.
 */
void stdio_guard_install(void);

/* Whether fd (0, 1 or 2) was closed when the program started. */
bool stdio_guard_was_closed(int fd);

/* A write to stream that bypassed its buffer (sendfile, write(2) on its
 * descriptor) failed with errno err: count it as the stream's error. */
void stdio_guard_write_failed(FILE *stream, int err);

/* As a failed listing in ipvsadm 1.31, and as coreutils on a write error. */
#define STDIO_GUARD_WRITE_ERROR	1

#endif /* COMMON_STDIO_GUARD_H */
