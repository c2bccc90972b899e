/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Check runner for the ipvsadm render tests. */
#include "config.h"

#include <stdlib.h>

#include "render-util.h"

int main(void)
{
	SRunner *sr = srunner_create(render_list_suite());
	int failed;

	srunner_add_suite(sr, render_stats_suite());
	srunner_add_suite(sr, render_rule_suite());
	srunner_add_suite(sr, render_conn_suite());
	srunner_add_suite(sr, render_misc_suite());
	srunner_add_suite(sr, render_sort_suite());
	srunner_add_suite(sr, render_json_suite());
	srunner_add_suite(sr, render_stream_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
