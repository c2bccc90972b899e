/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers shared by the libipvs kernel tests.  These programs run as root
 * inside User-Mode Linux, each in a fresh network namespace, against the
 * real IPVS code of the kernel.
 */
#ifndef KTEST_H
#define KTEST_H

#include <check.h>
#include <errno.h>
#include <string.h>
#include <ipvs/ipvs.h>

/* Like ck_assert_msg, but silent on success: Check reports every passing
 * ck_assert to its parent through a pipe, and in UML that syscall is slow
 * enough to matter for the large comparisons. */
#define KT_CHECK(cond, ...) do { \
	if (!(cond)) \
		ck_abort_msg(__VA_ARGS__); \
} while (0)

/* Assert that an expression returns exactly want (0 or a negative errno). */
#define KT_RC(expr, want) do { \
	int kt_rc_ = (expr); \
	int kt_want_ = (want); \
	KT_CHECK(kt_rc_ == kt_want_, "%s returned %d (%s), expected %d (%s)", \
		      #expr, kt_rc_, kt_errname(kt_rc_), kt_want_, kt_errname(kt_want_)); \
} while (0)

#define KT_OK(expr) KT_RC(expr, 0)

/* A name such as "EEXIST" for -EEXIST, "0" for 0. */
const char *kt_errname(int rc);

/* Open a handle and flush the namespace so a test starts from nothing. */
struct ipvs_handle *kt_open(void);

/* Parse a textual address into *a; returns the family. */
int kt_addr(union ipvs_addr *a, const char *text);

/* Fill a service: af/addr from text, scheduler name, netmask defaults
 * that read back unchanged (255.255.255.255 or 128). */
void kt_svc(struct ipvs_service *s, uint16_t proto, const char *addr,
	    uint16_t port, const char *sched);
void kt_svc_fwm(struct ipvs_service *s, uint16_t af, uint32_t mark,
		const char *sched);
/* Fill a destination; the address family comes from the text. */
void kt_dest(struct ipvs_dest *d, const char *addr, uint16_t port,
	     uint32_t fwd, int32_t weight);

/* Assert that the configuration fields of two services (or dests) match;
 * what names the item in a failure message. */
void kt_svc_check(const struct ipvs_service *got, const struct ipvs_service *want,
		  const char *what);
void kt_dest_check(const struct ipvs_dest *got, const struct ipvs_dest *want,
		   const char *what);
/* Same comparison as a boolean, for searching. */
int kt_svc_same_id(const struct ipvs_service *a, const struct ipvs_service *b);
int kt_dest_same_id(const struct ipvs_dest *a, const struct ipvs_dest *b);

/* Read one service back and compare it with what was written. */
void kt_svc_readback(struct ipvs_handle *h, const struct ipvs_service *want);
/* Find dest want among the service's dests and compare. */
void kt_dest_readback(struct ipvs_handle *h, const struct ipvs_service *svc,
		      const struct ipvs_dest *want);
size_t kt_svc_count(struct ipvs_handle *h);
size_t kt_dest_count(struct ipvs_handle *h, const struct ipvs_service *svc);

/* Wait (at most 5 s) until the sync daemons just started have got going:
 * their kernel threads sleep in their wait loops.  On 6.1 a stop within a
 * few milliseconds of the start can leave the kernel's kthread_stop() (and
 * so our DEL_DAEMON) blocked for seconds. */
void kt_daemon_settle(void);

/* Run a shell command; returns its exit status (or -1). */
int kt_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a shell command and return its stdout (malloc'ed, NUL-terminated). */
char *kt_sh_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Run a suite verbosely (one line per test) and return the exit status. */
int kt_run(Suite *s);

#endif
