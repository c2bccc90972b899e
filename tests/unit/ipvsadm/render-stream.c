/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * render_listing, the loop exec-list.c runs over a libipvs list session,
 * here over a table in memory: services ordered through an index (the
 * source is never reordered), each one's destinations sorted as handed
 * out, the first error of the source stops the listing and the document
 * is still closed.  Then the spool the listing is written to.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"
#include "spool.h"

/* Every view: the listing of the table as the kernel hands it out equals
 * the listing of the same table put in order first, with no sorting. */
START_TEST(listing_sorts_through_index)
{
	static const unsigned int fmts[] = {
		FMT_NUMERIC, FMT_NONE, FMT_NUMERIC | FMT_RULE,
		FMT_NUMERIC | FMT_STATS, FMT_NUMERIC | FMT_RATE | FMT_EXACT,
		FMT_NUMERIC | FMT_TUN_INFO, FMT_NUMERIC | FMT_THRESHOLDS,
		FMT_NUMERIC | FMT_PERSISTENTCONN, FMT_JSON, FMT_JSON | FMT_STATS | FMT_RATE,
		FMT_JSON | FMT_RULE,
	};
	const struct ipvs_info info = { 0x010201, 4096 };

	stub_names_on();
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct ipvs_table *kernel = tb_sample(), *sorted = tb_sample();
		const struct ipvs_info *banner = (fmts[i] & FMT_RULE) ? NULL : &info;
		struct ipvs_service first = kernel->services[0].svc;
		char *a = run_table(fmts[i], banner, kernel);
		char *b;

		tb_sort(sorted);
		b = run_table((fmts[i] & FMT_RULE) ? fmts[i] : fmts[i] | FMT_NOSORT, banner,
			      sorted);
		if (fmts[i] & FMT_RULE) {
			/* -S always sorts: compare with the sorted table's. */
			ck_assert_str_eq(a, b);
		} else {
			ck_assert_msg(!strcmp(a, b), "fmt %#x: kernel order\n%s\nsorted\n%s",
				      fmts[i], a, b);
		}
		ck_assert(!memcmp(&kernel->services[0].svc, &first, sizeof(first)));
		free(a);
		free(b);
		tb_free(kernel);
		tb_free(sorted);
	}
	stub_names_off();
}
END_TEST

/* An empty table is still a whole document. */
START_TEST(listing_empty)
{
	struct ipvs_table *t = tb_new();
	char *s = run_table(FMT_JSON, NULL, t);

	ck_assert_str_eq(s, "{\"services\":[]}\n");
	free(s);
	s = run_table(FMT_RULE, NULL, t);
	ck_assert_str_eq(s, "");
	free(s);
	tb_free(t);
}
END_TEST

/* A source whose destinations fail at service fail_at. */
struct failing {
	struct render_source	table;
	size_t			fail_at;
	size_t			asked;
};

static size_t failing_count(void *arg)
{
	struct failing *f = arg;

	return f->table.count(f->table.arg);
}

static void failing_service(void *arg, size_t i, struct ipvs_service *svc)
{
	struct failing *f = arg;

	f->table.service(f->table.arg, i, svc);
}

static int failing_dests(void *arg, size_t i, struct ipvs_dest **d, size_t *n)
{
	struct failing *f = arg;

	if (f->asked++ == f->fail_at)
		return -EAGAIN;
	return f->table.dests(f->table.arg, i, d, n);
}

START_TEST(listing_stops_at_error)
{
	struct ipvs_table *t = tb_new();
	struct failing f = { .fail_at = 1 };
	struct render_source src = { failing_count, failing_service, failing_dests, &f };
	struct cap c;

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "10.0.0.2", 80, "rr");
	tb_svc(t, IPPROTO_TCP, "10.0.0.3", 80, "rr");
	tb_source(&f.table, t);
	ck_assert_int_eq(render_listing(cap_open(&c), FMT_JSON | FMT_NUMERIC, NULL, &src),
			 -EAGAIN);
	ck_assert_uint_eq(f.asked, 2);
	ck_assert_ptr_nonnull(strstr(cap_text(&c), "\"10.0.0.1\""));
	ck_assert_ptr_null(strstr(cap_text(&c), "\"10.0.0.2\""));
	ck_assert_ptr_null(strstr(cap_text(&c), "\"10.0.0.3\""));
	ck_assert_str_eq(cap_text(&c) + strlen(cap_text(&c)) - 3, "]}\n");
	cap_free(&c);
	tb_free(t);
}
END_TEST

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* What was reset never comes out; what came after does, in full, through
 * sendfile (a plain file) or the read/write fallback (O_APPEND refuses
 * sendfile). */
static void spool_roundtrip(const char *mode)
{
	char path[] = "/tmp/render-spool-XXXXXX";
	int fd = mkstemp(path);
	struct spool sp;
	FILE *out;
	char *got;

	ck_assert_int_ge(fd, 0);
	close(fd);
	out = fopen(path, mode);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(spool_open(&sp), 0);
	for (int i = 0; i < 30000; i++)		/* more than what follows */
		fputs("torn table\n", sp.fp);
	ck_assert_int_eq(spool_reset(&sp), 0);
	for (int i = 0; i < 20000; i++)		/* past the stdio buffer */
		fprintf(sp.fp, "line %05d\n", i);
	fputs("before\n", out);
	ck_assert_int_eq(spool_copy(&sp, out), 0);
	spool_close(&sp);
	fclose(out);
	got = read_all(path);
	unlink(path);
	ck_assert_uint_eq(strlen(got), 7 + 20000 * 11);
	ck_assert(!strncmp(got, "before\nline 00000\n", 18));
	ck_assert_str_eq(got + strlen(got) - 11, "line 19999\n");
	ck_assert_ptr_null(strstr(got, "torn"));
	free(got);
}

START_TEST(spool_sendfile)
{
	spool_roundtrip("w");
}
END_TEST

START_TEST(spool_append)
{
	spool_roundtrip("a");
}
END_TEST

Suite *render_stream_suite(void)
{
	Suite *s = suite_create("render-stream");
	TCase *tc = tcase_create("stream");

	tcase_add_test(tc, listing_sorts_through_index);
	tcase_add_test(tc, listing_empty);
	tcase_add_test(tc, listing_stops_at_error);
	tcase_add_test(tc, spool_sendfile);
	tcase_add_test(tc, spool_append);
	suite_add_tcase(s, tc);
	return s;
}
