/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * LD_PRELOAD shim for tests/kernel/front/restore-enobufs: a netlink
 * socket's receive buffer is set to SQUEEZE_RCVBUF bytes whatever the
 * program asks for, while getsockopt(SO_RCVBUF) reports what it asked for.
 * libipvs sizes its batches so that their acks fit the buffer it believes
 * it has, so the kernel then overflows the real one and drops acks
 * (ENOBUFS) of requests it did apply: what a receiver starved by a busy
 * machine meets.  Test code only; ipvsadm itself has no such knob.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/socket.h>

static int asked;

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

	return real_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) == 0 &&
	       domain == AF_NETLINK;
}

int setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	int (*real)(int, int, int, const void *, socklen_t) =
		(int (*)(int, int, int, const void *, socklen_t))dlsym(RTLD_NEXT, "setsockopt");
	const char *env = getenv("SQUEEZE_RCVBUF");

	if (env && level == SOL_SOCKET && (opt == SO_RCVBUF || opt == SO_RCVBUFFORCE) &&
	    len == sizeof(int) && is_netlink(fd)) {
		int tiny = atoi(env);

		asked = *(const int *)val;
		return real(fd, level, SO_RCVBUFFORCE, &tiny, sizeof(tiny));
	}
	return real(fd, level, opt, val, len);
}

int getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	if (asked && level == SOL_SOCKET && opt == SO_RCVBUF && *len == sizeof(int) &&
	    is_netlink(fd)) {
		*(int *)val = 2 * asked;	/* what Linux reports for what was asked */
		return 0;
	}
	return real_getsockopt(fd, level, opt, val, len);
}
