/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R: read every line, parse and check them all, and change nothing if
 * any line is bad.  Then apply the commands in order, the changes as
 * pipelined batches, reporting each failure with its line number.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "front.h"

static bool is_sep(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static int push_arg(const char ***argv, size_t *cap, int argc, const char *tok)
{
	if ((size_t)argc + 2 > *cap) {
		size_t ncap = *cap ? *cap * 2 : 32;
		const char **n = realloc(*argv, ncap * sizeof(**argv));

		if (!n)
			return -ENOMEM;
		*argv = n;
		*cap = ncap;
	}
	(*argv)[argc] = tok;
	return 0;
}

int restore_tokenize(char *buf, size_t len, const char *prog,
		     int (*fn)(void *arg, const struct restore_line *l), void *arg)
{
	const char **argv = NULL;
	size_t cap = 0, i = 0;
	struct restore_line l = { .lineno = 0 };
	int r = 0;

	while (i < len && !r) {
		char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;

		buf[end] = '\0';	/* buf[len] is the caller's terminator */
		l.lineno++;
		l.argc = 1;
		while (i < end && !r) {
			size_t start;

			if (is_sep(buf[i])) {
				i++;
				continue;
			}
			if (buf[i] == '#')
				break;		/* a comment runs to the end of the line */
			start = i;
			while (i < end && !is_sep(buf[i]))
				i++;
			if (i < end)
				buf[i++] = '\0';	/* buf[end] already is */
			if (!strcmp(buf + start, "ipvsadm"))
				continue;	/* 1.31 drops it anywhere on the line */
			r = push_arg(&argv, &cap, l.argc++, buf + start);
		}
		i = end + 1;
		if (!r && l.argc > 1) {
			argv[0] = prog;
			argv[l.argc] = NULL;
			l.argv = argv;
			r = fn(arg, &l);
		}
	}
	free(argv);
	return r;
}

struct prepare_state {
	FILE			*err;
	struct restore_item	*items;
	size_t			n, cap;
	long			bad;
};

/* Commands that make no sense inside -R input. */
static const char *restore_refuse(const struct cmd *c)
{
	switch (c->verb) {
	case VERB_RESTORE: return "-R cannot be nested in -R input";
	case VERB_HELP: return "-h is not allowed in -R input";
	case VERB_VERSION: return "-v is not allowed in -R input";
	default: return NULL;
	}
}

static void print_line_error(FILE *err, unsigned long line, const char *msg)
{
	size_t n = strlen(msg);

	while (n && msg[n - 1] == '\n')
		n--;	/* "-6 used before -f\n" stays one line here */
	fprintf(err, "line %lu: %.*s\n", line, (int)n, msg);
}

static int prepare_line(void *arg, const struct restore_line *l)
{
	struct prepare_state *ps = arg;
	struct restore_item *it;
	const char *refused;
	struct diag d;

	if (ps->n == ps->cap) {
		size_t ncap = ps->cap ? ps->cap * 2 : 256;
		struct restore_item *n = realloc(ps->items, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		ps->items = n;
		ps->cap = ncap;
	}
	it = &ps->items[ps->n];
	it->line = l->lineno;
	if (cmd_parse(&it->cmd, l->argc, l->argv, &d) || cmd_validate(&it->cmd, &d)) {
		print_line_error(ps->err, l->lineno, d.msg);
		ps->bad++;
		return 0;
	}
	refused = restore_refuse(&it->cmd);
	if (refused) {
		print_line_error(ps->err, l->lineno, refused);
		ps->bad++;
		return 0;
	}
	ps->n++;
	return 0;
}

long restore_prepare(char *buf, size_t len, const char *prog, FILE *err,
		     struct restore_item **items, size_t *n)
{
	struct prepare_state ps = { .err = err };
	int r = restore_tokenize(buf, len, prog, prepare_line, &ps);

	if (r < 0) {
		free(ps.items);
		return r;
	}
	*items = ps.items;
	*n = ps.n;
	return ps.bad;
}

/* All of in, NUL-terminated (one spare byte), in one buffer. */
static char *read_all(FILE *in, size_t *len)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	int fd = fileno(in);

	while (buf) {
		ssize_t r;

		if (cap - n < 2) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (r == 0) {
			buf[n] = '\0';
			*len = n;
			return buf;
		}
		n += (size_t)r;
	}
	free(buf);
	return NULL;
}

static int apply(struct ipvs_handle *h, const struct restore_item *items, size_t n)
{
	struct exec_batch *b;
	size_t failed = 0;
	char prefix[32];
	int err;

	err = exec_batch_new(h, &b);
	if (err) {
		fprintf(stderr, "%s\n", ipvs_strerror(IPVS_OP_NONE, err));
		return 255;
	}
	for (size_t i = 0; i < n; i++) {
		const struct cmd *c = &items[i].cmd;

		if (exec_batchable(c)) {
			if (exec_batch_add(b, c, items[i].line))
				failed++;
			continue;
		}
		/* Listing: everything before it must be in the kernel first. */
		failed += exec_batch_commit(b);
		fflush(stderr);
		snprintf(prefix, sizeof(prefix), "line %lu: ", items[i].line);
		if (exec_run(h, c, prefix))
			failed++;
		fflush(stdout);
	}
	failed += exec_batch_commit(b);
	exec_batch_free(b);
	return failed ? 255 : 0;
}

int restore_main(const char *prog, FILE *in)
{
	struct restore_item *items = NULL;
	struct ipvs_handle *h;
	size_t len, n = 0;
	long bad;
	char *buf;
	int r;

	buf = read_all(in, &len);
	if (!buf) {
		fprintf(stderr, "%s: cannot read the input: %s\n", prog, strerror(errno));
		return 2;
	}
	bad = restore_prepare(buf, len, prog, stderr, &items, &n);
	free(buf);
	if (bad < 0) {
		fprintf(stderr, "%s: %s\n", prog, strerror((int)-bad));
		return 2;
	}
	if (bad > 0) {
		free(items);
		return 2;
	}
	r = exec_open(&h);
	if (!r) {
		r = apply(h, items, n);
		ipvs_close(h);
	}
	free(items);
	return r;
}
