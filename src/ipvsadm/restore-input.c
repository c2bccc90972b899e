/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R input, read twice without being held in memory: pass 1 checks every
 * line, pass 2 applies them.  A regular file is simply read again from
 * where it started; anything else (a pipe, a terminal) is copied, while
 * pass 1 reads it, into an anonymous memory file that pass 2 reads.  The
 * copy lives in tmpfs pages, which are not part of our RSS.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/anon-file.h"
#include "common/stdio-guard.h"
#include "front.h"

/* Stream buffers: few read()s per pass, few pages touched. */
#define RESTORE_BUF_SIZE	(128 * 1024)
/* One pass that keeps what it reads: fewer pages, a few more read()s. */
#define RESTORE_ONCE_BUF_SIZE	(32 * 1024)

/* The caller's stream keeps this buffer until exit, so it is not ours to
 * free; static, it costs nothing until -R touches it.  So only one input
 * can be open at a time. */
static char restore_inbuf[RESTORE_BUF_SIZE];

static bool is_sep(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static FILE *spool_open(void)
{
	int fd = anon_file_open("ipvsadm-restore");
	FILE *f;

	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}

static int input_open(struct restore_input *ri, FILE *in, const char *prog, bool twice)
{
	struct stat st;
	int fd = fileno(in);

	memset(ri, 0, sizeof(*ri));
	ri->in = in;
	ri->f = in;
	ri->prog = prog;
	/* Only possible before the first read; harmless if it fails. */
	setvbuf(in, restore_inbuf, _IOFBF, twice ? RESTORE_BUF_SIZE : RESTORE_ONCE_BUF_SIZE);
	/* Input that was closed at start-up reads as /dev/null now: an error
	 * still, not an empty table. */
	if (stdio_guard_was_closed(fd))
		return -EBADF;
	if (!twice)
		return 0;
	if (fd >= 0) {
		if (fstat(fd, &st) < 0)
			return -errno;
		if (S_ISREG(st.st_mode) && (ri->start = ftello(in)) >= 0)
			return 0;
	}
	ri->spool = spool_open();
	if (!ri->spool)
		return -errno;
	ri->spoolbuf = malloc(RESTORE_BUF_SIZE);
	if (ri->spoolbuf)
		setvbuf(ri->spool, ri->spoolbuf, _IOFBF, RESTORE_BUF_SIZE);
	ri->copying = true;
	return 0;
}

int restore_input_open(struct restore_input *ri, FILE *in, const char *prog)
{
	return input_open(ri, in, prog, true);
}

int restore_input_open_once(struct restore_input *ri, FILE *in, const char *prog)
{
	return input_open(ri, in, prog, false);
}

int restore_input_rewind(struct restore_input *ri)
{
	ri->lineno = 0;
	if (!ri->spool)
		return fseeko(ri->in, ri->start, SEEK_SET) < 0 ? -errno : 0;
	ri->copying = false;
	ri->f = ri->spool;
	if (fflush(ri->spool) == EOF || fseeko(ri->spool, 0, SEEK_SET) < 0)
		return -errno;
	return 0;
}

void restore_input_close(struct restore_input *ri)
{
	if (ri->spool)
		fclose(ri->spool);
	free(ri->spoolbuf);
	free(ri->line);
	free(ri->argv);
	memset(ri, 0, sizeof(*ri));
}

static int push_arg(struct restore_input *ri, int argc, const char *tok)
{
	if ((size_t)argc + 2 > ri->argv_cap) {
		size_t ncap = ri->argv_cap ? ri->argv_cap * 2 : 32;
		const char **n = realloc(ri->argv, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		ri->argv = n;
		ri->argv_cap = ncap;
	}
	ri->argv[argc] = tok;
	return 0;
}

int restore_split(struct restore_input *ri, char *line, size_t len)
{
	size_t i = 0;
	int argc = 1;

	if (push_arg(ri, 0, ri->prog))
		return -ENOMEM;
	while (i < len) {
		size_t start;

		if (is_sep(line[i])) {
			i++;
			continue;
		}
		if (line[i] == '#')
			break;		/* a comment runs to the end of the line */
		start = i;
		while (i < len && !is_sep(line[i]))
			i++;
		line[i++] = '\0';	/* at len, the terminator getline left */
		if (!strcmp(line + start, "ipvsadm"))
			continue;	/* 1.31 drops it anywhere on the line */
		if (push_arg(ri, argc++, line + start))
			return -ENOMEM;
	}
	ri->argv[argc] = NULL;
	return argc;
}

int restore_input_next(struct restore_input *ri, struct restore_line *l)
{
	ssize_t n;
	int argc;

	for (;;) {
		errno = 0;
		n = getline(&ri->line, &ri->line_cap, ri->f);
		if (n < 0) {
			/* Not the end: a read error, or no memory for the line. */
			if (ferror(ri->f) || !feof(ri->f))
				return errno ? -errno : -EIO;
			if (ri->copying && fflush(ri->spool) == EOF)
				return -errno;
			return 0;
		}
		if (ri->copying && fwrite(ri->line, 1, (size_t)n, ri->spool) != (size_t)n)
			return errno ? -errno : -EIO;
		ri->lineno++;
		argc = restore_split(ri, ri->line, (size_t)n);
		if (argc < 0)
			return argc;
		if (argc > 1)
			break;
	}
	l->lineno = ri->lineno;
	l->argc = argc;
	l->argv = ri->argv;
	return 1;
}
