/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The shared JSON/text writer (src/common/emit.c), on its own. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/emit.h"

/* What a JSON document with one string member s looks like. */
static char *json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct emit o;

	ck_assert_ptr_nonnull(fp);
	emit_begin(&o, fp, true, false);
	emit_obj_open(&o, NULL);
	emit_jstr(&o, "s", s);
	emit_obj_close(&o);
	ck_assert_int_eq(emit_end(&o), 0);
	fclose(fp);
	return buf;
}

static void json_is(const char *in, const char *want)
{
	char *got = json_of(in);

	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(escapes)
{
	json_is("plain", "{\"s\":\"plain\"}\n");
	json_is("a\"b\\c", "{\"s\":\"a\\\"b\\\\c\"}\n");
	json_is("\x01\n\x1f", "{\"s\":\"\\u0001\\u000a\\u001f\"}\n");
	json_is("del\x7f", "{\"s\":\"del\\u007f\"}\n");
}
END_TEST

START_TEST(utf8)
{
	json_is("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "{\"s\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}\n");
	json_is("\xff", "{\"s\":\"\\ufffd\"}\n");			/* never UTF-8 */
	json_is("\xc3", "{\"s\":\"\\ufffd\"}\n");			/* cut short */
	json_is("\xc0\xaf", "{\"s\":\"\\ufffd\\ufffd\"}\n");		/* overlong */
	json_is("\xe0\x80\xaf", "{\"s\":\"\\ufffd\\ufffd\\ufffd\"}\n");	/* overlong */
	json_is("\xed\xa0\x80", "{\"s\":\"\\ufffd\\ufffd\\ufffd\"}\n");	/* surrogate */
	json_is("\xf4\x90\x80\x80", "{\"s\":\"\\ufffd\\ufffd\\ufffd\\ufffd\"}\n"); /* > U+10FFFF */
}
END_TEST

/* Members and containers get their commas; text mode prints only the
 * formats, JSON only the values. */
START_TEST(both_outputs)
{
	for (int json = 0; json < 2; json++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct emit o;

		emit_begin(&o, fp, json, false);
		emit_obj_open(&o, NULL);
		emit_str(&o, EMIT_ANY, "name", "name=%s", "x");
		emit_text(&o, "; ");
		emit_arr_open(&o, "list");
		emit_int(&o, EMIT_ANY, NULL, "%d", -1);
		emit_u32(&o, EMIT_JSON, NULL, "%u", 2u);
		emit_u64(&o, EMIT_FP, NULL, " %llu", 3ull);
		emit_arr_close(&o);
		emit_bool(&o, EMIT_ANY, "on", " on", true);
		emit_jstr(&o, "none", NULL);
		emit_obj_close(&o);
		ck_assert_int_eq(emit_end(&o), 0);
		fclose(fp);
		ck_assert_str_eq(buf, json ? "{\"name\":\"x\",\"list\":[-1,2],\"on\":true,\"none\":null}\n"
					   : "name=x; -1 3 on");
		free(buf);
	}
}
END_TEST

/* Nesting past the limit is a caller's bug, reported at the end. */
START_TEST(too_deep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct emit o;

	emit_begin(&o, fp, true, false);
	for (int i = 0; i < EMIT_MAX_DEPTH + 1; i++)
		emit_arr_open(&o, NULL);
	ck_assert_int_eq(emit_end(&o), -E2BIG);
	fclose(fp);
	free(buf);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common-emit");
	TCase *tc = tcase_create("emit");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, escapes);
	tcase_add_test(tc, utf8);
	tcase_add_test(tc, both_outputs);
	tcase_add_test(tc, too_deep);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
