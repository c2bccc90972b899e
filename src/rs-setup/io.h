/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Everything that talks to the kernel: rtnetlink (links, addresses), the
 * generic netlink "fou" family, /proc/sys and module loading.  All return
 * 0 or -errno and fill a struct rs_diag; none prints.
 */
#ifndef RS_SETUP_IO_H
#define RS_SETUP_IO_H

#include "netns.h"
#include "rs.h"

struct nl_sock;

struct rs_ctx {
	const char *state_path;		/* --state, RS_SETUP_STATE, or this namespace's */
	const char *legacy_path;	/* with the default path: the file before namespaces */
	struct rs_netns netns;		/* the namespace rs-setup runs in */
	const char *sysctl_root;	/* RS_SETUP_SYSCTL_ROOT or --sysctl-root */
	const char *sysfs_root;		/* RS_SETUP_SYSFS_ROOT */
	bool dry_run, json, verbose;
	struct nl_sock *rt;		/* opened on first use */
	struct nl_sock *genl;
	int fou_family;			/* 0 = not resolved yet */
};

void rs_ctx_close(struct rs_ctx *ctx);

/* sysctl.c: path is relative to the sysctl root, e.g. net/ipv4/conf/all/rp_filter. */
int rs_sysctl_read(const struct rs_ctx *ctx, const char *path, int *value);
int rs_sysctl_write(const struct rs_ctx *ctx, const char *path, int value);

/* module.c */
bool rs_module_loaded(const struct rs_ctx *ctx, const char *name);
int rs_module_load(const struct rs_ctx *ctx, const char *name, struct rs_diag *d);

/* link.c */
int rs_nl_route(struct rs_ctx *ctx, struct rs_diag *d);
int rs_link_create(struct rs_ctx *ctx, const char *name, const char *kind,
		   struct rs_diag *d);
int rs_link_set_up(struct rs_ctx *ctx, const char *name, bool up, struct rs_diag *d);
/* Deletes name only if its kind is kind; -ENODEV if it is gone already. */
int rs_link_delete(struct rs_ctx *ctx, const char *name, const char *kind,
		   struct rs_diag *d);
int rs_addr_add(struct rs_ctx *ctx, const char *dev, const struct rs_addr *a,
		struct rs_diag *d);
/* -EADDRNOTAVAIL or -ENODEV when it is not there. */
int rs_addr_del(struct rs_ctx *ctx, const char *dev, const struct rs_addr *a,
		struct rs_diag *d);
int rs_probe_links(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d);

/* fou.c */
int rs_fou_add(struct rs_ctx *ctx, uint16_t port, int family, uint8_t ipproto,
	       struct rs_diag *d);
int rs_fou_del(struct rs_ctx *ctx, uint16_t port, int family, struct rs_diag *d);
/* Lists ports only when the fou module is loaded: probing never loads it. */
int rs_probe_fou(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d);

/* probe.c: the whole snapshot. */
int rs_probe(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d);

#endif
