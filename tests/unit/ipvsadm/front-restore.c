/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R input: the line tokenizer (comments, CRLF, the dropped "ipvsadm"
 * token) and the check-everything-first pass that reports every bad line.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include "front-util.h"

/* An input stream over text (fmemopen cannot open an empty buffer). */
static FILE *text_stream(const char *text)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	rewind(f);
	return f;
}

/* Every line with words as "N:tok|tok|...;", read through restore_input. */
static const char *tokenize(const char *text)
{
	static char out[1024];
	struct restore_input ri;
	struct restore_line l;
	FILE *f = text_stream(text);
	size_t n = 0;
	int r;

	out[0] = '\0';
	ck_assert_int_eq(restore_input_open(&ri, f, "prog"), 0);
	while ((r = restore_input_next(&ri, &l)) > 0) {
		ck_assert_str_eq(l.argv[0], "prog");
		ck_assert_ptr_null(l.argv[l.argc]);
		n += snprintf(out + n, sizeof(out) - n, "%lu:", l.lineno);
		for (int i = 1; i < l.argc; i++)
			n += snprintf(out + n, sizeof(out) - n, "%s%s",
				      l.argv[i], i + 1 < l.argc ? "|" : "");
		n += snprintf(out + n, sizeof(out) - n, ";");
	}
	ck_assert_int_eq(r, 0);
	restore_input_close(&ri);
	fclose(f);
	return out;
}

START_TEST(test_tokenize)
{
	ck_assert_str_eq(tokenize(""), "");
	ck_assert_str_eq(tokenize("\n\n   \n\t\r\n"), "");
	ck_assert_str_eq(tokenize("-A -t 1.2.3.4:80\n"), "1:-A|-t|1.2.3.4:80;");
	/* No final newline; CRLF; tabs and runs of blanks. */
	ck_assert_str_eq(tokenize("-C\r\n\t-A  -t\t1.2.3.4:80 \r\n-L"),
			 "1:-C;2:-A|-t|1.2.3.4:80;3:-L;");
	/* Line numbers count blank and comment lines. */
	ck_assert_str_eq(tokenize("# saved table\n\n-C\n  # indented\n-Z\n"), "3:-C;5:-Z;");
	/* A token starting with '#' ends the line; '#' inside a token does not. */
	ck_assert_str_eq(tokenize("-A -t 1.2.3.4:80 # web\n-A -s#x #\n-A #-t x\n"),
			 "1:-A|-t|1.2.3.4:80;2:-A|-s#x;3:-A;");
	/* "ipvsadm" is dropped anywhere, as 1.31 does; "ipvsadm2" is not. */
	ck_assert_str_eq(tokenize("ipvsadm -A ipvsadm -t x\nipvsadm\nipvsadm2 -C\n"),
			 "1:-A|-t|x;3:ipvsadm2|-C;");
	/* Two trailing blanks at EOF do not lose the line (1.31 did). */
	ck_assert_str_eq(tokenize("-C  "), "1:-C;");
	ck_assert_str_eq(tokenize("-C\n-Z \t"), "1:-C;2:-Z;");
	/* No quoting. */
	ck_assert_str_eq(tokenize("-A -s \"rr\"\n"), "1:-A|-s|\"rr\";");
}
END_TEST

START_TEST(test_tokenize_many_tokens)
{
	char line[4096] = "-L";

	for (int i = 0; i < 200; i++)
		strcat(line, " -n");
	ck_assert_int_eq(strlen(tokenize(line)), strlen("1:-L;") + 200 * 3);
}
END_TEST

/* The checked commands of a walk, with their lines. */
struct collected {
	unsigned long	line[16];
	struct cmd	cmd[16];
	size_t		n;
	long		bad;
};

static int collect_cmd(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct collected *co = arg;

	if (!c) {
		ck_assert_ptr_nonnull(msg);
		co->bad++;
		return 0;
	}
	ck_assert_ptr_null(msg);
	ck_assert_uint_lt(co->n, 16);
	co->line[co->n] = line;
	co->cmd[co->n++] = *c;
	return 0;
}

START_TEST(test_walk_ok)
{
	static struct collected co;
	struct restore_input ri;
	FILE *f = text_stream("# rules\n-C\n-A -t 10.0.0.1:80 -s rr # web\n\n"
			      "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 3\r\n-L -n\n");

	ck_assert_int_eq(restore_input_open(&ri, f, "ipvsadm"), 0);
	ck_assert_int_eq(restore_check(&ri, stderr), 0);
	ck_assert_int_eq(restore_input_rewind(&ri), 0);
	ck_assert_int_eq(restore_walk(&ri, collect_cmd, &co), 0);
	restore_input_close(&ri);
	fclose(f);
	ck_assert_int_eq(co.bad, 0);
	ck_assert_uint_eq(co.n, 4);
	ck_assert_uint_eq(co.line[0], 2);
	ck_assert_int_eq(co.cmd[0].verb, VERB_FLUSH);
	ck_assert_uint_eq(co.line[1], 3);
	ck_assert_str_eq(co.cmd[1].svc.sched_name, "rr");
	ck_assert_uint_eq(co.line[2], 5);
	ck_assert_int_eq(co.cmd[2].dest.port, 8080);
	ck_assert_int_eq(co.cmd[2].dest.weight, 3);
	ck_assert_uint_eq(co.line[3], 6);
	ck_assert_int_eq(co.cmd[3].verb, VERB_LIST);
	ck_assert(!exec_batchable(&co.cmd[3]));
	ck_assert(exec_batchable(&co.cmd[0]));
}
END_TEST

/* Pass 1 over text; returns the bad-line count, *err the report. */
static long check_text(const char *text, char **err)
{
	struct restore_input ri;
	FILE *f = text_stream(text);
	FILE *e;
	size_t errlen;
	long bad;

	e = open_memstream(err, &errlen);
	ck_assert_int_eq(restore_input_open(&ri, f, "ipvsadm"), 0);
	bad = restore_check(&ri, e);
	restore_input_close(&ri);
	fclose(e);
	fclose(f);
	return bad;
}

/* Every bad line is reported, with its number. */
START_TEST(test_check_collects_errors)
{
	char *err;

	ck_assert_int_eq(check_text("-A -t 10.0.0.1:80\n"
				    "-A -t 10.0.0.2\n"
				    "# fine\n"
				    "-a -t 10.0.0.1:80 -r 10.0.0.3 -w -1\n"
				    "bogus\n"
				    "-A -t 10.0.0.1:81 --foo\n"
				    "-A -6\n"
				    "-R\n"
				    "-h\n"
				    "-v\n"
				    "-L -c --stats\n"
				    "-A -t 10.0.0.1:82 -b ,\n"
				    "-D -t 10.0.0.1:80\n"
				    "-A -t 10.0.0.1:83 -b ''\n"
				    "-L --syncid 1\n"
				    "-A -t 10.0.0.1:84 -s rr#x\n",
				    &err), 11);
	ck_assert_str_eq(err,
		"line 2: Zero port specified for non-persistent service\n"
		"line 4: illegal weight specified\n"
		"line 5: Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"
		"line 6: --foo: unknown option\n"
		"line 7: -6 used before -f\n"
		"line 8: -R cannot be nested in -R input\n"
		"line 9: -h is not allowed in -R input\n"
		"line 10: -v is not allowed in -R input\n"
		"line 11: options conflicts in the list command\n"
		"line 12: invalid scheduler flag `'\n"
		"line 14: invalid scheduler flag `'''\n"	/* no quoting */
		"");
	free(err);
}
END_TEST
/* ---- big inputs: two passes, memory that does not grow ---- */

/* Makes up lines of a table (one -A, then ten -a) on the fly; line bad_at
 * (if any) is invalid. */
struct gen {
	unsigned long	n, i, bad_at;
	char		line[128];
	size_t		len, pos;
	unsigned long	eofs;		/* reads at the end */
};

static void gen_line(struct gen *g, unsigned long i)
{
	unsigned long svc = i / 11, rs = i % 11;
	int n;

	if (i == g->bad_at)
		n = snprintf(g->line, sizeof(g->line), "-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1\n");
	else if (rs == 1)
		n = snprintf(g->line, sizeof(g->line), "-A -t 10.%lu.%lu.%lu:80 -s rr\n",
			     svc >> 16 & 255, svc >> 8 & 255, svc & 255);
	else
		n = snprintf(g->line, sizeof(g->line),
			     "-a -t 10.%lu.%lu.%lu:80 -r 192.168.%lu.%lu:8080 -m -w 1 # rs\n",
			     svc >> 16 & 255, svc >> 8 & 255, svc & 255, rs, svc & 255);
	g->len = (size_t)n;
	g->pos = 0;
}

static ssize_t gen_read(void *cookie, char *buf, size_t size)
{
	struct gen *g = cookie;
	size_t done = 0;

	while (done < size) {
		size_t k;

		if (g->pos == g->len) {
			if (g->i == g->n)
				break;
			gen_line(g, ++g->i);
		}
		k = g->len - g->pos < size - done ? g->len - g->pos : size - done;
		memcpy(buf + done, g->line + g->pos, k);
		g->pos += k;
		done += k;
	}
	if (!done)
		g->eofs++;
	return (ssize_t)done;
}

/* Under AddressSanitizer (--enable-sanitizers) freed blocks wait in a
 * quarantine and every mapping has shadow pages: the peak RSS says nothing
 * about this code there, so only the other checks run. */
#if defined(__SANITIZE_ADDRESS__)
#define RSS_MEANINGFUL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RSS_MEANINGFUL 0
#endif
#endif
#ifndef RSS_MEANINGFUL
#define RSS_MEANINGFUL 1
#endif

static long maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

struct counted {
	unsigned long	good, bad, last;
};

static int count_cmd(void *arg, unsigned long line, const struct cmd *c, const char *msg)
{
	struct counted *co = arg;

	(void)msg;
	if (c)
		co->good++;
	else
		co->bad++;
	ck_assert_uint_gt(line, co->last);
	co->last = line;
	return 0;
}

/* Both passes over a stream: pass 1's report, and pass 2's count. */
static void two_passes(FILE *f, unsigned long n, unsigned long bad_at, char **err)
{
	struct restore_input ri;
	struct counted co = { 0 };
	size_t errlen;
	FILE *e = open_memstream(err, &errlen);

	ck_assert_int_eq(restore_input_open(&ri, f, "ipvsadm"), 0);
	ck_assert_int_eq(restore_check(&ri, e), bad_at ? 1 : 0);
	fclose(e);
	ck_assert_int_eq(restore_input_rewind(&ri), 0);
	ck_assert_int_eq(restore_walk(&ri, count_cmd, &co), 0);
	restore_input_close(&ri);
	ck_assert_uint_eq(co.good, bad_at ? n - 1 : n);
	ck_assert_uint_eq(co.bad, bad_at ? 1 : 0);
	ck_assert_uint_eq(co.last, n);
}

#define BIG_LINES	100000UL	/* about 5 MB */

/* A stream that cannot be re-read (like a pipe) is spooled, once. */
START_TEST(test_big_spooled)
{
	static struct gen g = { .n = BIG_LINES, .bad_at = BIG_LINES - 7 };
	cookie_io_functions_t io = { .read = gen_read };
	long before = maxrss_kb();
	char *err;
	FILE *f = fopencookie(&g, "r", io);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_lt(fileno(f), 0);
	two_passes(f, BIG_LINES, g.bad_at, &err);
	ck_assert_str_eq(err, "line 99993: illegal weight specified\n");
	free(err);
	/* Generated once: pass 2 read the copy. */
	ck_assert_uint_eq(g.i, BIG_LINES);
	ck_assert_uint_eq(g.eofs, 1);
	fclose(f);
	/* Nothing per line is kept: the input is five times this. */
	if (RSS_MEANINGFUL)
		ck_assert_int_lt(maxrss_kb() - before, 1024);
}
END_TEST

/* A regular file is read twice, from where it stood. */
START_TEST(test_big_regular_file)
{
	static struct gen g = { .n = BIG_LINES };
	char buf[4096];
	FILE *f = tmpfile();
	long before;
	size_t k;
	char *err;

	ck_assert_ptr_nonnull(f);
	fputs("-A -t bogus:80\n", f);	/* before the start: not read */
	while ((k = (size_t)gen_read(&g, buf, sizeof(buf))) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, k, f), k);
	ck_assert_int_eq(fflush(f), 0);
	ck_assert_int_eq(fseek(f, 15, SEEK_SET), 0);
	before = maxrss_kb();
	two_passes(f, BIG_LINES, 0, &err);
	ck_assert_str_eq(err, "");
	free(err);
	if (RSS_MEANINGFUL)
		ck_assert_int_lt(maxrss_kb() - before, 1024);
	fclose(f);
}
END_TEST

Suite *front_restore_suite(void);

Suite *front_restore_suite(void)
{
	Suite *s = suite_create("front-restore");
	TCase *tc = tcase_create("restore");

	/* The big inputs take about a second each; Check's default limit of
	 * 4 s is too close on a busy machine. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_tokenize);
	tcase_add_test(tc, test_tokenize_many_tokens);
	tcase_add_test(tc, test_walk_ok);
	tcase_add_test(tc, test_check_collects_errors);
	tcase_add_test(tc, test_big_spooled);
	tcase_add_test(tc, test_big_regular_file);
	suite_add_tcase(s, tc);
	return s;
}
