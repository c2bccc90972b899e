/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The handle: its one netlink socket opened (optionally inside another
 * network namespace) and closed, and the words of its last failure.
 * libnl creates the socket and resolves the family; messages then go
 * through the file descriptor directly (transport.c).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

void handle_set_errmsg(struct ipvs_handle *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
}

void handle_hdr(struct ipvs_handle *h, struct codec_hdr *hdr, uint16_t flags)
{
	nlbuf_reset(&h->req);
	hdr->family = h->family;
	hdr->flags = flags;
	hdr->seq = handle_next_seq(h);
}

IPVS_EXPORT const char *ipvs_errmsg(const struct ipvs_handle *h)
{
	return h ? h->errmsg : "";
}

IPVS_EXPORT unsigned int ipvs_dump_parts(const struct ipvs_handle *h)
{
	return h ? h->parts : 0;
}

static void transport_tune(struct ipvs_handle *h)
{
	int one = 1;

	setsockopt(h->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(h->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

/* Create and connect the socket in the calling thread's namespace. */
static int transport_connect(struct ipvs_handle *h)
{
	h->sk = nl_socket_alloc();
	if (!h->sk)
		return -ENOMEM;
	/* libnl's own reads (the family lookup) then offer 32 KiB, which
	 * tells the kernel to build dump datagrams that big from the start. */
	nl_socket_set_msg_buf_size(h->sk, IPVS_RX_SLOT_SIZE);
	if (genl_connect(h->sk) < 0)
		return errno ? -errno : -ECONNREFUSED;
	h->fd = nl_socket_get_fd(h->sk);
	return 0;
}

static int transport_resolve(struct ipvs_handle *h)
{
	/* Resolving the name makes the kernel load ip_vs if needed. */
	int id = genl_ctrl_resolve(h->sk, IPVS_GENL_NAME);

	if (id < 0) {
		handle_set_errmsg(h, "the IPVS netlink family is not available "
				  "(is the ip_vs module loaded?)");
		return -ENOPROTOOPT;
	}
	h->family = (uint16_t)id;
	return 0;
}

/* Run transport_connect() with the thread inside the namespace at path. */
static int transport_connect_netns(struct ipvs_handle *h, const char *netns)
{
	char path[4096];
	int target, self, err;

	if (strchr(netns, '/'))
		snprintf(path, sizeof(path), "%s", netns);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", netns);
	target = open(path, O_RDONLY | O_CLOEXEC);
	if (target < 0) {
		err = -errno;
		handle_set_errmsg(h, "cannot open network namespace %s: %s", path, strerror(-err));
		return err;
	}
	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0) {
		err = -errno;
		close(target);
		handle_set_errmsg(h, "cannot open the current network namespace: %s",
				  strerror(-err));
		return err;
	}
	if (setns(target, CLONE_NEWNET) < 0) {
		err = -errno;
		handle_set_errmsg(h, "cannot enter network namespace %s: %s", path, strerror(-err));
	} else {
		err = transport_connect(h);
		if (setns(self, CLONE_NEWNET) < 0) {
			/* The thread is stuck in the other namespace; say so. */
			err = -errno;
			handle_set_errmsg(h, "cannot return to the original network namespace: %s",
					  strerror(-err));
		}
	}
	close(self);
	close(target);
	return err;
}

static int handle_new(struct ipvs_handle **hp)
{
	struct ipvs_handle *h = calloc(1, sizeof(*h));

	*hp = h;
	if (!h)
		return -ENOMEM;
	h->fd = -1;
	nlbuf_init(&h->req);
	h->seq = (uint32_t)time(NULL);
	return 0;
}

static int handle_open(struct ipvs_handle **hp, const char *netns)
{
	struct ipvs_handle *h;
	int err;

	if (!hp)
		return -EINVAL;
	err = handle_new(&h);
	if (!err)
		err = netns ? transport_connect_netns(h, netns) : transport_connect(h);
	if (!err)
		err = transport_resolve(h);
	if (err) {
		ipvs_close(h);
		*hp = NULL;
		return err;
	}
	transport_tune(h);
	*hp = h;
	return 0;
}

IPVS_EXPORT int ipvs_open(struct ipvs_handle **hp)
{
	return handle_open(hp, NULL);
}

IPVS_EXPORT int ipvs_open_netns(struct ipvs_handle **hp, const char *netns)
{
	if (!netns || !*netns)
		return -EINVAL;
	return handle_open(hp, netns);
}

IPVS_EXPORT void ipvs_close(struct ipvs_handle *h)
{
	if (!h)
		return;
	if (h->sk)
		nl_socket_free(h->sk);
	nlbuf_free(&h->req);
	rx_ring_free(&h->rx);
	free(h);
}
