/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which network namespace this is.  Real servers built as namespaces on one
 * host share /run, so a state file says whose it is, and the default state
 * path is one per namespace.
 *
 * The identity is the device and inode of /proc/self/ns/net.  The kernel
 * reuses inode numbers once a namespace is gone, so the namespace cookie
 * (never reused while the host runs) tells a live namespace from a dead one
 * that had the same inode.
 */
#ifndef RS_SETUP_NETNS_H
#define RS_SETUP_NETNS_H

#include "rs.h"

#define RS_NETNS_NAMSIZ	64

struct rs_netns {
	unsigned int dev_major, dev_minor;
	uint64_t ino;
	uint64_t cookie;		/* 0: unknown (kernel without SO_NETNS_COOKIE) */
	char name[RS_NETNS_NAMSIZ];	/* its name in /run/netns, "" if none */
};

enum rs_netns_match {
	RS_NETNS_SAME,		/* the same namespace */
	RS_NETNS_OTHER,		/* another namespace */
	RS_NETNS_GONE,		/* its inode, but the namespace that had it is gone */
};

/* netns.c */
int rs_netns_self(struct rs_netns *ns, struct rs_diag *d);
/* Pure: how the namespace recorded in a file relates to this one. */
enum rs_netns_match rs_netns_compare(const struct rs_netns *recorded,
				     const struct rs_netns *self);
/* "net:[INODE]" as readlink(/proc/self/ns/net) and lsns show it, plus the name. */
void rs_netns_describe(const struct rs_netns *ns, char *buf, size_t len);
/* The default state file of a namespace. */
void rs_netns_state_path(const struct rs_netns *ns, char *buf, size_t len);
/* True for a name that can stand as one word in the state file. */
bool rs_netns_name_ok(const char *s);

#endif
