/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Client-side checks.  The kernel's netlink path accepts nonsense (protocol
 * 200, forwarding method 7, tunnel type 9), so the library refuses it before
 * anything is sent.  What the kernel does report with the errno ipvsadm
 * expects (l_threshold > u_threshold is ERANGE, an unknown scheduler or PE
 * is ENOENT, a non-unicast address is EINVAL) is left for the kernel.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "codec.h"

#ifndef IPPROTO_SCTP
#define IPPROTO_SCTP 132
#endif

__attribute__((format(printf, 3, 4)))
static int reject(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (msg && size) {
		va_start(ap, fmt);
		vsnprintf(msg, size, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

static bool af_ok(unsigned af)
{
	return af == AF_INET || af == AF_INET6;
}

/* A fixed-size name field must hold its NUL. */
static bool name_ok(const char *s, size_t size)
{
	return strnlen(s, size) < size;
}

int validate_service(const struct ipvs_service *svc, bool full, char *msg, size_t size)
{
	if (!svc)
		return reject(msg, size, "no service given");
	if (!af_ok(svc->af))
		return reject(msg, size, "unsupported service address family %u", svc->af);
	if (!svc->fwmark && svc->protocol != IPPROTO_TCP && svc->protocol != IPPROTO_UDP &&
	    svc->protocol != IPPROTO_SCTP)
		return reject(msg, size, "unsupported service protocol %u", svc->protocol);
	if (!full)
		return 0;
	if (!name_ok(svc->sched_name, sizeof(svc->sched_name)))
		return reject(msg, size, "scheduler name too long");
	if (!name_ok(svc->pe_name, sizeof(svc->pe_name)))
		return reject(msg, size, "persistence engine name too long");
	if (svc->flags & ~(uint32_t)IPVS_SVC_F_USER_MASK)
		return reject(msg, size, "unknown service flags 0x%x",
			      svc->flags & ~(uint32_t)IPVS_SVC_F_USER_MASK);
	if (svc->af == AF_INET6 && (svc->netmask < 1 || svc->netmask > 128))
		return reject(msg, size, "IPv6 prefix length %u is not in 1..128", svc->netmask);
	return 0;
}

/*
 * Forwarding methods are MASQ, LOCAL, TUNNEL and ROUTE.  BYPASS is a kernel
 * connection flag for traffic that matched no service; the kernel would take
 * it for a destination, but it is not a way to reach a real server, so it is
 * refused here.
 */
int validate_dest(const struct ipvs_service *svc, const struct ipvs_dest *d,
		  bool full, char *msg, size_t size)
{
	int err = validate_service(svc, false, msg, size);

	if (err < 0)
		return err;
	if (!d)
		return reject(msg, size, "no destination given");
	if (d->af && !af_ok(d->af))
		return reject(msg, size, "unsupported destination address family %u", d->af);
	if (!full)
		return 0;
	if (d->fwd > IPVS_FWD_ROUTE)
		return reject(msg, size, "unsupported forwarding method %u", d->fwd);
	if (d->weight < 0)
		return reject(msg, size, "negative weight %d", d->weight);
	if (d->tun_type > IPVS_TUN_GRE)
		return reject(msg, size, "unknown tunnel type %u", d->tun_type);
	if (d->tun_flags > IPVS_TUN_F_REMCSUM)
		return reject(msg, size, "unknown tunnel checksum option %u", d->tun_flags);
	if (d->tun_flags == IPVS_TUN_F_REMCSUM && d->tun_type != IPVS_TUN_GUE)
		return reject(msg, size, "remote checksum offload needs a GUE tunnel");
	if (d->tun_type == IPVS_TUN_GUE && !d->tun_port)
		return reject(msg, size, "a GUE tunnel needs a tunnel port");
	return 0;
}

int validate_daemon(const struct ipvs_daemon *d, bool start, char *msg, size_t size)
{
	if (!d)
		return reject(msg, size, "no daemon given");
	if (d->state != IPVS_DAEMON_MASTER && d->state != IPVS_DAEMON_BACKUP)
		return reject(msg, size, "daemon state must be master or backup");
	if (!start)
		return 0;
	if (!name_ok(d->mcast_ifn, sizeof(d->mcast_ifn)))
		return reject(msg, size, "interface name too long");
	if (d->syncid > 255)
		return reject(msg, size, "sync id %u is not in 0..255", d->syncid);
	if (d->mcast_af && !af_ok(d->mcast_af))
		return reject(msg, size, "unsupported multicast address family %u", d->mcast_af);
	return 0;
}
