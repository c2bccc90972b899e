/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The listing spool; see spool.h. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "common/anon-file.h"
#include "common/stdio-guard.h"
#include "spool.h"

/* Four pages: a write per 16 KiB is cheap on tmpfs, and the buffer stays
 * small next to the rest of the resident set. */
#define SPOOL_BUF	(16 * 1024)
/* The read/write fallback's chunk, on the stack. */
#define COPY_CHUNK	(16 * 1024)

int spool_open(struct spool *s)
{
	int fd = anon_file_open("ipvsadm-list");

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (fd < 0)
		return fd;
	s->fp = fdopen(fd, "w+");
	s->buf = malloc(SPOOL_BUF);
	if (!s->fp || !s->buf) {
		if (s->fp)
			fclose(s->fp);
		else
			close(fd);
		free(s->buf);
		s->fp = NULL;
		s->buf = NULL;
		return -ENOMEM;
	}
	setvbuf(s->fp, s->buf, _IOFBF, SPOOL_BUF);
	s->fd = fd;
	return 0;
}

int spool_reset(struct spool *s)
{
	fflush(s->fp);
	clearerr(s->fp);
	if (ftruncate(s->fd, 0) < 0)
		return -errno;
	rewind(s->fp);
	return 0;
}

/* All of buf to fd, through short writes and signals. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int copy_rw(int in, off_t off, off_t end, int out)
{
	char chunk[COPY_CHUNK];

	while (off < end) {
		size_t want = end - off < COPY_CHUNK ? (size_t)(end - off) : COPY_CHUNK;
		ssize_t n = pread(in, chunk, want, off);
		int err;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		err = write_all(out, chunk, (size_t)n);
		if (err)
			return err;
		off += n;
	}
	return 0;
}

/* in[0..end) to outfd: sendfile where the kernel can, else read/write. */
static int copy_fd(int in, off_t end, int outfd)
{
	off_t off = 0;

	while (off < end) {
		ssize_t n = sendfile(outfd, in, &off, (size_t)(end - off));

		if (n > 0)
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		/* Outputs that cannot take sendfile (some ttys, O_APPEND files). */
		if (n < 0 && (errno == EINVAL || errno == ENOSYS))
			return copy_rw(in, off, end, outfd);
		return n < 0 ? -errno : -EIO;
	}
	return 0;
}

/* in[0..end) into a stream that has no descriptor (a memory stream). */
static int copy_stdio(int in, off_t end, FILE *out)
{
	char chunk[COPY_CHUNK];
	off_t off = 0;

	while (off < end) {
		size_t want = end - off < COPY_CHUNK ? (size_t)(end - off) : COPY_CHUNK;
		ssize_t n = pread(in, chunk, want, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		if (fwrite(chunk, 1, (size_t)n, out) != (size_t)n)
			return -EIO;
		off += n;
	}
	return 0;
}

int spool_copy(struct spool *s, FILE *out)
{
	off_t end;
	int err;

	if (fflush(s->fp) == EOF || ferror(s->fp))
		return -EIO;
	end = lseek(s->fd, 0, SEEK_END);
	if (end < 0)
		return -errno;
	if (fileno(out) < 0)
		return copy_stdio(s->fd, end, out);
	if (fflush(out) == EOF)
		return -errno;
	err = copy_fd(s->fd, end, fileno(out));
	/* The bytes bypassed out's buffer, so its error flag never saw this;
	 * the exit status must (out is left incomplete). */
	if (err)
		stdio_guard_write_failed(out, -err);
	return err;
}

void spool_close(struct spool *s)
{
	if (s->fp)
		fclose(s->fp);
	free(s->buf);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
