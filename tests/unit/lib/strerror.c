/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ipvs_strerror(): ipvsadm 1.31's texts, exactly. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "util.h"

static const struct {
	enum ipvs_op op;
	int err;
	const char *text;
} cases[] = {
	{ IPVS_OP_SERVICE_ADD, EEXIST, "Service already exists" },
	{ IPVS_OP_SERVICE_ADD, ENOENT, "Scheduler or persistence engine not found" },
	{ IPVS_OP_SERVICE_UPDATE, ENOENT, "Scheduler or persistence engine not found" },
	{ IPVS_OP_SERVICE_UPDATE, ESRCH, "No such service" },
	{ IPVS_OP_SERVICE_DEL, ESRCH, "No such service" },
	{ IPVS_OP_ZERO, ESRCH, "No such service" },
	{ IPVS_OP_SERVICE_GET, ESRCH, "No such service" },
	{ IPVS_OP_SERVICE_LIST, ESRCH, "No such service" },
	{ IPVS_OP_DEST_LIST, ESRCH, "No such service" },
	{ IPVS_OP_TABLE_READ, ESRCH, "No such service" },
	{ IPVS_OP_DEST_ADD, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_ADD, EEXIST, "Destination already exists" },
	{ IPVS_OP_DEST_UPDATE, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_UPDATE, ENOENT, "No such destination" },
	{ IPVS_OP_DEST_DEL, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_DEL, ENOENT, "No such destination" },
	{ IPVS_OP_DAEMON_START, EEXIST, "Daemon has already run" },
	{ IPVS_OP_DAEMON_STOP, ESRCH, "No daemon is running" },
	{ IPVS_OP_SERVICE_ADD, EPERM, "Permission denied (you must be root)" },
	{ IPVS_OP_FLUSH, EPERM, "Permission denied (you must be root)" },
	{ IPVS_OP_DEST_ADD, EINVAL,
	  "Invalid operation.  Possibly wrong module version, address not unicast, ..." },
	{ IPVS_OP_OPEN, ENOPROTOOPT, "Protocol not available" },
	{ IPVS_OP_SERVICE_ADD, ENOMEM, "Memory allocation problem" },
	{ IPVS_OP_SERVICE_LIST, EOPNOTSUPP, "Operation not supported with IPv6" },
	{ IPVS_OP_SERVICE_ADD, EAFNOSUPPORT,
	  "Operation not supported with specified address family" },
	{ IPVS_OP_SERVICE_GET, EMSGSIZE, "Module is wrong version" },
	/* Rows that belong to other operations do not apply... */
	{ IPVS_OP_SERVICE_ADD, ESRCH, "No such process" },
	{ IPVS_OP_DEST_ADD, ENOENT, "No such file or directory" },
	{ IPVS_OP_FLUSH, EEXIST, "File exists" },
	{ IPVS_OP_DAEMON_START, ESRCH, "No such process" },
	/* ...and anything unknown is strerror(). */
	{ IPVS_OP_DEST_ADD, ERANGE, "Numerical result out of range" },
	{ IPVS_OP_DAEMON_START, ENODEV, "No such device" },
};

START_TEST(texts)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_str_eq(ipvs_strerror(cases[i].op, cases[i].err), cases[i].text);
		/* Negative or positive errno alike. */
		ck_assert_str_eq(ipvs_strerror(cases[i].op, -cases[i].err), cases[i].text);
	}
}
END_TEST

START_TEST(texts_are_stable)
{
	/* Static strings: an earlier result stays valid after later calls. */
	const char *a = ipvs_strerror(IPVS_OP_SERVICE_ADD, -EEXIST);
	const char *b = ipvs_strerror(IPVS_OP_DEST_ADD, -EEXIST);

	ck_assert_str_eq(a, "Service already exists");
	ck_assert_str_eq(b, "Destination already exists");
}
END_TEST

Suite *lib_strerror_suite(void)
{
	Suite *s = suite_create("strerror");
	TCase *tc = tcase_create("strerror");

	tcase_add_test(tc, texts);
	tcase_add_test(tc, texts_are_stable);
	suite_add_tcase(s, tc);
	return s;
}
