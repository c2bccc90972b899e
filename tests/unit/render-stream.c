/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The streaming listing as exec-list.c drives it: services sorted through
 * an index, one service's destinations at a time, into a spool.  It must
 * give the bytes render_table gives for the whole table.
 */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"
#include "sort.h"
#include "spool.h"

static const struct ipvs_service *entry_svc(void *arg, uint32_t i)
{
	return &((struct ipvs_table *)arg)->services[i].svc;
}

/* Stream t (left in kernel order) the way exec-list.c does. */
static char *run_stream(unsigned int fmt, const struct ipvs_info *info, struct ipvs_table *t)
{
	bool sort = !(fmt & FMT_NOSORT) || (fmt & FMT_RULE);
	uint32_t order[16];
	struct render_list r;
	struct cap c;
	char *s;

	ck_assert_uint_le(t->n_services, 16);
	for (size_t i = 0; i < t->n_services; i++)
		order[i] = (uint32_t)i;
	if (sort)
		render_sort_services(order, t->n_services, entry_svc, t);
	render_list_begin(&r, cap_open(&c), fmt, info);
	for (size_t k = 0; k < t->n_services; k++) {
		struct ipvs_table_entry *e = &t->services[order[k]];
		struct ipvs_dest d[8];

		ck_assert_uint_le(e->n_dests, 8);
		memcpy(d, e->dests, e->n_dests * sizeof(*d));
		if (sort)
			render_sort_dests(d, e->n_dests, e->svc.af);
		render_list_service(&r, &e->svc, d, e->n_dests);
	}
	ck_assert_int_eq(render_list_end(&r), 0);
	s = strdup(cap_text(&c));
	cap_free(&c);
	return s;
}

START_TEST(stream_matches_table)
{
	static const unsigned int fmts[] = {
		FMT_NUMERIC, FMT_NONE, FMT_NUMERIC | FMT_NOSORT, FMT_NUMERIC | FMT_RULE,
		FMT_NUMERIC | FMT_STATS, FMT_NUMERIC | FMT_RATE | FMT_EXACT,
		FMT_NUMERIC | FMT_TUN_INFO, FMT_NUMERIC | FMT_THRESHOLDS,
		FMT_NUMERIC | FMT_PERSISTENTCONN, FMT_JSON, FMT_JSON | FMT_STATS | FMT_RATE,
		FMT_JSON | FMT_RULE, FMT_JSON | FMT_NOSORT,
	};
	const struct ipvs_info info = { 0x010201, 4096 };

	stub_names_on();
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		struct ipvs_table *kernel = tb_sample(), *whole = tb_sample();
		const struct ipvs_info *banner = (fmts[i] & FMT_RULE) ? NULL : &info;
		char *a = run_stream(fmts[i], banner, kernel);
		char *b = run_table(fmts[i], banner, whole);

		ck_assert_msg(!strcmp(a, b), "fmt %#x: streamed\n%s\nwhole\n%s", fmts[i], a, b);
		free(a);
		free(b);
		tb_free(kernel);
		tb_free(whole);
	}
	stub_names_off();
}
END_TEST

/* An empty table is still a whole document. */
START_TEST(stream_empty)
{
	struct ipvs_table *t = tb_new();
	char *s = run_stream(FMT_JSON, NULL, t);

	ck_assert_str_eq(s, "{\"services\":[]}\n");
	free(s);
	s = run_stream(FMT_RULE, NULL, t);
	ck_assert_str_eq(s, "");
	free(s);
	tb_free(t);
}
END_TEST

START_TEST(dests_dup)
{
	struct ipvs_table *t = tb_new();
	struct ipvs_table_entry *e;

	tb_svc(t, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	tb_dest(t, "10.1.0.1", 80, IPVS_FWD_MASQ, 1, 0, 0);
	tb_dest(t, "10.1.0.1", 81, IPVS_FWD_MASQ, 1, 0, 0);	/* other port */
	tb_dest(t, "::a01:1", 80, IPVS_FWD_MASQ, 1, 0, 0);	/* other family */
	tb_dest(t, "10.1.0.2", 80, IPVS_FWD_MASQ, 1, 0, 0);
	e = &t->services[0];
	render_sort_dests(e->dests, e->n_dests, e->svc.af);
	ck_assert(!sort_dests_dup(e->dests, e->n_dests, e->svc.af));
	/* Weight and counters are not identity: a torn dump repeats the
	 * destination as it was read in two parts. */
	tb_dest(t, "10.1.0.2", 80, IPVS_FWD_ROUTE, 5, 3, 0);
	e = &t->services[0];
	render_sort_dests(e->dests, e->n_dests, e->svc.af);
	ck_assert(sort_dests_dup(e->dests, e->n_dests, e->svc.af));
	ck_assert(!sort_dests_dup(e->dests, 1, e->svc.af));
	ck_assert(!sort_dests_dup(NULL, 0, e->svc.af));
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

	tcase_add_test(tc, stream_matches_table);
	tcase_add_test(tc, stream_empty);
	tcase_add_test(tc, dests_dup);
	tcase_add_test(tc, spool_sendfile);
	tcase_add_test(tc, spool_append);
	suite_add_tcase(s, tc);
	return s;
}
