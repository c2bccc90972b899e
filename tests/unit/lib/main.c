/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Runner and helpers for the libipvs unit tests. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const struct nlattr *t_find(const void *data, size_t len, int type)
{
	const uint8_t *p = data;
	const struct nlattr *found = NULL;

	while (len > 0) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t step;

		ck_assert_uint_ge(len, NLA_HDRLEN);
		ck_assert_uint_ge(a->nla_len, NLA_HDRLEN);
		ck_assert_uint_le(a->nla_len, len);
		if ((a->nla_type & NLA_TYPE_MASK) == type && !found)
			found = a;
		step = NLA_ALIGN(a->nla_len);
		if (step > len)
			step = len;
		p += step;
		len -= step;
	}
	return found;
}

const struct nlattr *t_top(const struct nlmsghdr *nh, int type)
{
	size_t len;
	const struct nlattr *a = codec_attrs(nh, NULL, &len);

	ck_assert_ptr_nonnull(a);
	return t_find(a, len, type);
}

const struct nlattr *t_in(const struct nlattr *nest, int type)
{
	ck_assert_ptr_nonnull(nest);
	return t_find((const uint8_t *)nest + NLA_HDRLEN, nest->nla_len - NLA_HDRLEN, type);
}

int t_types(const struct nlattr *nest, int *types, int max)
{
	const uint8_t *p = (const uint8_t *)nest + NLA_HDRLEN;
	size_t len = nest->nla_len - NLA_HDRLEN;
	int n = 0;

	while (len >= NLA_HDRLEN && n < max) {
		const struct nlattr *a = (const struct nlattr *)p;
		size_t step = NLA_ALIGN(a->nla_len);

		types[n++] = a->nla_type & NLA_TYPE_MASK;
		if (step > len)
			break;
		p += step;
		len -= step;
	}
	return n;
}

void t_bytes(const struct nlattr *a, const void *want, size_t len)
{
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(a->nla_len - NLA_HDRLEN, len);
	ck_assert_mem_eq((const uint8_t *)a + NLA_HDRLEN, want, len);
}

int main(void)
{
	SRunner *sr = srunner_create(lib_codec_suite());
	int failed;

	srunner_add_suite(sr, lib_parse_suite());
	srunner_add_suite(sr, lib_validate_suite());
	srunner_add_suite(sr, lib_diff_suite());
	srunner_add_suite(sr, lib_want_suite());
	srunner_add_suite(sr, lib_strerror_suite());
	srunner_add_suite(sr, lib_batch_suite());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
