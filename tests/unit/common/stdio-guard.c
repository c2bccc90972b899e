/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * src/common: the start-up guard of the standard descriptors, the exit
 * status on a failed write, and the anonymous scratch file.  Each case
 * runs the guard in a child of its own (it changes the process for good)
 * and looks at what the child did.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/anon-file.h"
#include "common/stdio-guard.h"

/* Child bodies return the exit status they want checked by the parent. */
typedef int (*child_fn)(void);

/* Run fn in a child with stdout and stderr on the given files (NULL:
 * closed; "-": inherited); its exit status. */
static int run_child(child_fn fn, const char *out, const char *errpath)
{
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (!out)
			close(1);
		else if (strcmp(out, "-"))
			ck_assert_ptr_nonnull(freopen(out, "w", stdout));
		if (!errpath)
			close(2);
		else if (strcmp(errpath, "-"))
			ck_assert_ptr_nonnull(freopen(errpath, "w", stderr));
		exit(fn());
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static bool same_file(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino && a.st_rdev == b.st_rdev;
}

static int closed_all_body(void)
{
	int fd;

	close(0);
	stdio_guard_install();
	for (int i = 0; i < 3; i++)
		if (!same_file(i, "/dev/null") || !stdio_guard_was_closed(i))
			return 10 + i;
	/* The standard descriptors stay open across exec (modprobe). */
	for (int i = 0; i < 3; i++)
		if (fcntl(i, F_GETFD) & FD_CLOEXEC)
			return 20 + i;
	fd = anon_file_open("test");
	if (fd < 3)
		return 30;
	printf("to /dev/null\n");
	fprintf(stderr, "to /dev/null\n");
	return 0;
}

START_TEST(closed_descriptors_get_dev_null)
{
	ck_assert_int_eq(run_child(closed_all_body, NULL, NULL), 0);
}
END_TEST

static int open_kept_body(void)
{
	stdio_guard_install();
	if (stdio_guard_was_closed(0) || stdio_guard_was_closed(1) || stdio_guard_was_closed(2))
		return 10;
	if (!same_file(1, "/dev/zero"))
		return 11;
	return 0;
}

START_TEST(open_descriptors_are_left_alone)
{
	ck_assert_int_eq(run_child(open_kept_body, "/dev/zero", "-"), 0);
}
END_TEST

static int print_ok_body(void)
{
	stdio_guard_install();
	printf("listing\n");
	return 0;
}

static int print_fail_body(void)
{
	stdio_guard_install();
	printf("listing\n");
	return 255;
}

static int stderr_body(void)
{
	stdio_guard_install();
	fprintf(stderr, "line 2: Service already exists\n");
	return 0;
}

static int bypass_body(void)
{
	stdio_guard_install();
	stdio_guard_write_failed(stdout, ENOSPC);
	return 0;
}

static char *slurp(const char *path)
{
	static char buf[512];
	FILE *fp = fopen(path, "r");
	size_t n;

	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* An empty file for a child's stderr. */
static void make_tmp(char *path)
{
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
}

START_TEST(full_stdout_fails_the_exit_status)
{
	char err[] = "/tmp/stdio-guard.XXXXXX";

	make_tmp(err);
	ck_assert_int_eq(run_child(print_ok_body, "/dev/full", err), STDIO_GUARD_WRITE_ERROR);
	ck_assert_str_eq(slurp(err), "stdio-guard: write error: No space left on device\n");
	/* A status that already says failure is kept. */
	ck_assert_int_eq(run_child(print_fail_body, "/dev/full", err), 255);
	/* Output that works changes nothing. */
	ck_assert_int_eq(run_child(print_ok_body, "/dev/null", err), 0);
	ck_assert_str_eq(slurp(err), "");
	unlink(err);
}
END_TEST

START_TEST(full_stderr_fails_the_exit_status)
{
	ck_assert_int_eq(run_child(stderr_body, "/dev/null", "/dev/full"), STDIO_GUARD_WRITE_ERROR);
	ck_assert_int_eq(run_child(stderr_body, "/dev/null", "/dev/null"), 0);
}
END_TEST

START_TEST(a_noted_bypass_write_fails_the_exit_status)
{
	char err[] = "/tmp/stdio-guard.XXXXXX";

	make_tmp(err);
	ck_assert_int_eq(run_child(bypass_body, "/dev/null", err), STDIO_GUARD_WRITE_ERROR);
	ck_assert_str_eq(slurp(err), "stdio-guard: write error: No space left on device\n");
	unlink(err);
}
END_TEST

START_TEST(anon_file_is_cloexec_and_read_write)
{
	char buf[4] = "";
	int fd = anon_file_open("test");

	ck_assert_int_ge(fd, 0);
	ck_assert(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_int_eq(write(fd, "abc", 3), 3);
	ck_assert_int_eq(pread(fd, buf, 3, 0), 3);
	ck_assert_str_eq(buf, "abc");
	close(fd);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("common");
	TCase *tc = tcase_create("stdio-guard");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, closed_descriptors_get_dev_null);
	tcase_add_test(tc, open_descriptors_are_left_alone);
	tcase_add_test(tc, full_stdout_fails_the_exit_status);
	tcase_add_test(tc, full_stderr_fails_the_exit_status);
	tcase_add_test(tc, a_noted_bypass_write_fails_the_exit_status);
	tcase_add_test(tc, anon_file_is_cloexec_and_read_write);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
