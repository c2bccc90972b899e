/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A netlink receive buffer smaller than the program believes (test code
 * only): while SQUEEZE_RCVBUF is set in the environment, a netlink socket's
 * SO_RCVBUF is forced to that many bytes whatever the program asks for,
 * and getsockopt(SO_RCVBUF) on that socket reports what it asked for.
 * libipvs sizes its batches so that their acks fit the buffer it believes
 * it has, so the kernel overflows the real one and drops acks (ENOBUFS) of
 * requests it did apply: what a receiver starved by a busy machine meets.
 *
 * Two users: tests/kernel/front/restore-enobufs preloads it into ipvsadm
 * (built as squeeze-rcvbuf.so), and tests/kernel/lib/kt-enobufs links it
 * in and exports it (-export-dynamic), so that it takes the place of
 * libc's calls in libipvs and libnl, and sets the variable per handle.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "squeeze-rcvbuf.h"

/* What each squeezed socket asked for, by descriptor; 0 for the others.
 * Every netlink socket gets a SO_RCVBUF from libipvs or libnl when it is
 * opened, so a reused descriptor is cleared or set again then. */
static int asked[1024];
static int last_asked;

static int real_getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	int (*real)(int, int, int, void *, socklen_t *) =
		(int (*)(int, int, int, void *, socklen_t *))dlsym(RTLD_NEXT, "getsockopt");

	return real(fd, level, opt, val, len);
}

static int is_netlink(int fd)
{
	int domain = 0;
	socklen_t len = sizeof(domain);

	return fd >= 0 && (size_t)fd < sizeof(asked) / sizeof(asked[0]) &&
	       real_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 &&
	       domain == AF_NETLINK;
}

int squeeze_rcvbuf_asked(void)
{
	return last_asked;
}

int setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	int (*real)(int, int, int, const void *, socklen_t) =
		(int (*)(int, int, int, const void *, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
	const char *env = getenv("SQUEEZE_RCVBUF");

	if (level == SOL_SOCKET && (opt == SO_RCVBUF || opt == SO_RCVBUFFORCE) &&
	    len == sizeof(int) && is_netlink(fd)) {
		asked[fd] = 0;
		if (env && atoi(env) > 0) {
			int tiny = atoi(env);
			int rc = real(fd, level, SO_RCVBUFFORCE, &tiny, sizeof(tiny));

			if (rc == 0)
				asked[fd] = last_asked = *(const int *)val;
			return rc;
		}
	}
	return real(fd, level, opt, val, len);
}

int getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	if (level == SOL_SOCKET && opt == SO_RCVBUF && *len == sizeof(int) &&
	    fd >= 0 && (size_t)fd < sizeof(asked) / sizeof(asked[0]) && asked[fd] &&
	    is_netlink(fd)) {
		*(int *)val = 2 * asked[fd];	/* what Linux reports for what was asked */
		return 0;
	}
	return real_getsockopt(fd, level, opt, val, len);
}
