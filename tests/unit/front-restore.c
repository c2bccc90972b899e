/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R input: the line tokenizer (comments, CRLF, the dropped "ipvsadm"
 * token) and the check-everything-first pass that reports every bad line.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include "front-util.h"

/* Collects the lines as "N:tok|tok|...;" for easy comparison. */
struct collect {
	char	out[1024];
	size_t	n;
};

static int collect_line(void *arg, const struct restore_line *l)
{
	struct collect *c = arg;

	ck_assert_str_eq(l->argv[0], "prog");
	ck_assert_ptr_null(l->argv[l->argc]);
	c->n += snprintf(c->out + c->n, sizeof(c->out) - c->n, "%lu:", l->lineno);
	for (int i = 1; i < l->argc; i++)
		c->n += snprintf(c->out + c->n, sizeof(c->out) - c->n, "%s%s",
				 l->argv[i], i + 1 < l->argc ? "|" : "");
	c->n += snprintf(c->out + c->n, sizeof(c->out) - c->n, ";");
	return 0;
}

static const char *tokenize(const char *text)
{
	static struct collect c;
	size_t len = strlen(text);
	char *buf = malloc(len + 1);

	memcpy(buf, text, len + 1);
	c.n = 0;
	c.out[0] = '\0';
	ck_assert_int_eq(restore_tokenize(buf, len, "prog", collect_line, &c), 0);
	free(buf);
	return c.out;
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

/* restore_prepare on text; returns the bad-line count, *err the report. */
static long prepare(const char *text, char **err, struct restore_item **items, size_t *n)
{
	size_t len = strlen(text), errlen;
	char *buf = malloc(len + 1);
	FILE *f = open_memstream(err, &errlen);
	long bad;

	memcpy(buf, text, len + 1);
	bad = restore_prepare(buf, len, "ipvsadm", f, items, n);
	fclose(f);
	free(buf);
	return bad;
}

START_TEST(test_prepare_ok)
{
	struct restore_item *items;
	char *err;
	size_t n;

	ck_assert_int_eq(prepare("# rules\n-C\n-A -t 10.0.0.1:80 -s rr # web\n\n"
				 "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 3\r\n-L -n\n",
				 &err, &items, &n), 0);
	ck_assert_str_eq(err, "");
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(items[0].line, 2);
	ck_assert_int_eq(items[0].cmd.verb, VERB_FLUSH);
	ck_assert_uint_eq(items[1].line, 3);
	ck_assert_str_eq(items[1].cmd.svc.sched_name, "rr");
	ck_assert_uint_eq(items[2].line, 5);
	ck_assert_int_eq(items[2].cmd.dest.port, 8080);
	ck_assert_int_eq(items[2].cmd.dest.weight, 3);
	ck_assert_uint_eq(items[3].line, 6);
	ck_assert_int_eq(items[3].cmd.verb, VERB_LIST);
	ck_assert(!exec_batchable(&items[3].cmd));
	ck_assert(exec_batchable(&items[0].cmd));
	free(items);
	free(err);
}
END_TEST

/* Every bad line is reported, with its number, and nothing is returned. */
START_TEST(test_prepare_collects_errors)
{
	struct restore_item *items = NULL;
	char *err;
	size_t n;

	ck_assert_int_eq(prepare("-A -t 10.0.0.1:80\n"
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
				 "-D -t 10.0.0.1:80\n",
				 &err, &items, &n), 10);
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
		"");
	free(items);
	free(err);
}
END_TEST

Suite *front_restore_suite(void);

Suite *front_restore_suite(void)
{
	Suite *s = suite_create("front-restore");
	TCase *tc = tcase_create("restore");

	tcase_add_test(tc, test_tokenize);
	tcase_add_test(tc, test_tokenize_many_tokens);
	tcase_add_test(tc, test_prepare_ok);
	tcase_add_test(tc, test_prepare_collects_errors);
	suite_add_tcase(s, tc);
	return s;
}
