/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A listing held back until it is known to be whole: written to an
 * anonymous file (memfd, else an unlinked temporary file) through a stdio
 * stream, then copied to the real output in one go, or thrown away when
 * the table changed under the read.  The file's pages are the kernel's page
 * cache, never mapped here, so a big listing does not count in our RSS.
 */
#ifndef IPVSADM_SPOOL_H
#define IPVSADM_SPOOL_H

#include <stdio.h>

struct spool {
	FILE	*fp;		/* write the listing here */
	int	fd;
	char	*buf;		/* fp's buffer */
};

/* 0, or -errno when no anonymous file can be had (then write directly). */
int spool_open(struct spool *s);
/* Forget everything written so far.  0 or -errno. */
int spool_reset(struct spool *s);
/* Copy what was written to out (flushed first), by sendfile where the
 * kernel can, else read/write.  0 or -errno (of the write to out); a
 * failure also goes to stdio_guard_write_failed(), for the exit status. */
int spool_copy(struct spool *s, FILE *out);
void spool_close(struct spool *s);

#endif /* IPVSADM_SPOOL_H */
