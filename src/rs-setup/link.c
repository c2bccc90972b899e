/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Links and addresses over rtnetlink (libnl-route-3). */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "io.h"

/* libnl reports its own codes; turn the ones we act on back into errno. */
static int nlerr(int err)
{
	switch (-err) {
	case NLE_EXIST: return -EEXIST;
	case NLE_NOADDR: return -EADDRNOTAVAIL;
	case NLE_OBJ_NOTFOUND: return -ENOENT;
	case NLE_NODEV: return -ENODEV;
	case NLE_PERM: return -EPERM;
	case NLE_NOACCESS: return -EACCES;
	case NLE_NOMEM: return -ENOMEM;
	case NLE_BUSY: return -EBUSY;
	case NLE_OPNOTSUPP: return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT: return -EAFNOSUPPORT;
	default: return -EINVAL;
	}
}

int rs_nl_route(struct rs_ctx *ctx, struct rs_diag *d)
{
	int err;

	if (ctx->rt)
		return 0;
	ctx->rt = nl_socket_alloc();
	if (!ctx->rt) {
		rs_diag_set(d, "out of memory");
		return -ENOMEM;
	}
	err = nl_connect(ctx->rt, NETLINK_ROUTE);
	if (err < 0) {
		rs_diag_set(d, "cannot open an rtnetlink socket: %s", nl_geterror(err));
		nl_socket_free(ctx->rt);
		ctx->rt = NULL;
		return nlerr(err);
	}
	return 0;
}

int rs_link_create(struct rs_ctx *ctx, const char *name, const char *kind,
		   struct rs_diag *d)
{
	struct rtnl_link *l;
	int err = rs_nl_route(ctx, d);

	if (err < 0)
		return err;
	l = rtnl_link_alloc();
	if (!l)
		return -ENOMEM;
	rtnl_link_set_name(l, name);
	err = rtnl_link_set_type(l, kind);
	if (err >= 0)
		err = rtnl_link_add(ctx->rt, l, NLM_F_CREATE | NLM_F_EXCL);
	rtnl_link_put(l);
	if (err < 0) {
		rs_diag_set(d, "cannot create %s device %s: %s", kind, name, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

static int get_link(struct rs_ctx *ctx, const char *name, struct rtnl_link **out,
		    struct rs_diag *d)
{
	int err = rs_nl_route(ctx, d);

	if (err < 0)
		return err;
	err = rtnl_link_get_kernel(ctx->rt, 0, name, out);
	if (err < 0) {
		rs_diag_set(d, "device %s: %s", name, nl_geterror(err));
		return err == -NLE_OBJ_NOTFOUND ? -ENODEV : nlerr(err);
	}
	return 0;
}

int rs_link_set_up(struct rs_ctx *ctx, const char *name, bool up, struct rs_diag *d)
{
	struct rtnl_link *orig, *chg;
	int err = get_link(ctx, name, &orig, d);

	if (err < 0)
		return err;
	chg = rtnl_link_alloc();
	if (!chg) {
		rtnl_link_put(orig);
		return -ENOMEM;
	}
	if (up)
		rtnl_link_set_flags(chg, IFF_UP);
	else
		rtnl_link_unset_flags(chg, IFF_UP);
	err = rtnl_link_change(ctx->rt, orig, chg, 0);
	rtnl_link_put(chg);
	rtnl_link_put(orig);
	if (err < 0) {
		rs_diag_set(d, "cannot set %s %s: %s", name, up ? "up" : "down",
			    nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

int rs_link_delete(struct rs_ctx *ctx, const char *name, const char *kind,
		   struct rs_diag *d)
{
	struct rtnl_link *l;
	const char *have;
	int err = get_link(ctx, name, &l, d);

	if (err < 0)
		return err;
	have = rtnl_link_get_type(l);
	if (!have || strcmp(have, kind)) {
		rs_diag_set(d, "%s is now a %s device, not the %s device rs-setup created; "
			    "left in place", name, have ? have : "non-virtual", kind);
		rtnl_link_put(l);
		return -EEXIST;
	}
	err = rtnl_link_delete(ctx->rt, l);
	rtnl_link_put(l);
	if (err < 0) {
		rs_diag_set(d, "cannot delete %s: %s", name, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

static struct rtnl_addr *build_addr(const char *dev, const struct rs_addr *a, int *err)
{
	unsigned idx = if_nametoindex(dev);
	struct rtnl_addr *ra;
	struct nl_addr *local;

	if (!idx) {
		*err = -ENODEV;
		return NULL;
	}
	local = nl_addr_build(a->family, &a->u, a->family == AF_INET6 ? 16 : 4);
	ra = rtnl_addr_alloc();
	if (!local || !ra) {
		nl_addr_put(local);
		rtnl_addr_put(ra);
		*err = -ENOMEM;
		return NULL;
	}
	nl_addr_set_prefixlen(local, a->prefixlen);
	rtnl_addr_set_ifindex(ra, (int)idx);
	rtnl_addr_set_family(ra, a->family);
	*err = rtnl_addr_set_local(ra, local);
	nl_addr_put(local);
	rtnl_addr_set_prefixlen(ra, a->prefixlen);
	if (*err < 0) {
		rtnl_addr_put(ra);
		*err = nlerr(*err);
		return NULL;
	}
	return ra;
}

int rs_addr_add(struct rs_ctx *ctx, const char *dev, const struct rs_addr *a,
		struct rs_diag *d)
{
	char buf[INET6_ADDRSTRLEN];
	struct rtnl_addr *ra;
	int err = rs_nl_route(ctx, d);

	if (err < 0)
		return err;
	ra = build_addr(dev, a, &err);
	if (!ra) {
		rs_diag_set(d, "cannot add %s to %s: %s", rs_addr_str(a, buf, sizeof(buf)),
			    dev, strerror(-err));
		return err;
	}
	/* A VIP is on several hosts by design: duplicate detection must not run. */
	if (a->family == AF_INET6)
		rtnl_addr_set_flags(ra, IFA_F_NODAD);
	err = rtnl_addr_add(ctx->rt, ra, NLM_F_EXCL);
	rtnl_addr_put(ra);
	if (err < 0) {
		rs_diag_set(d, "cannot add %s/%u to %s: %s", rs_addr_str(a, buf, sizeof(buf)),
			    a->prefixlen, dev, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

int rs_addr_del(struct rs_ctx *ctx, const char *dev, const struct rs_addr *a,
		struct rs_diag *d)
{
	char buf[INET6_ADDRSTRLEN];
	struct rtnl_addr *ra;
	int err = rs_nl_route(ctx, d);

	if (err < 0)
		return err;
	ra = build_addr(dev, a, &err);
	if (!ra) {
		rs_diag_set(d, "cannot remove %s from %s: %s",
			    rs_addr_str(a, buf, sizeof(buf)), dev, strerror(-err));
		return err;
	}
	err = rtnl_addr_delete(ctx->rt, ra, 0);
	rtnl_addr_put(ra);
	if (err < 0) {
		rs_diag_set(d, "cannot remove %s/%u from %s: %s",
			    rs_addr_str(a, buf, sizeof(buf)), a->prefixlen, dev,
			    nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

static void add_link(struct nl_object *obj, void *arg)
{
	struct rtnl_link *l = (struct rtnl_link *)obj;
	struct rs_sys *s = arg;
	struct rs_link *v, *e;
	const char *kind = rtnl_link_get_type(l);

	v = realloc(s->links, (s->n_links + 1) * sizeof(*v));
	if (!v)
		return;
	s->links = v;
	e = &v[s->n_links++];
	memset(e, 0, sizeof(*e));
	e->ifindex = rtnl_link_get_ifindex(l);
	snprintf(e->name, sizeof(e->name), "%s", rtnl_link_get_name(l));
	snprintf(e->kind, sizeof(e->kind), "%s", kind ? kind : "");
	e->flags = rtnl_link_get_flags(l);
}

static void add_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *a = (struct rtnl_addr *)obj;
	struct nl_addr *local = rtnl_addr_get_local(a);
	struct rs_sys *s = arg;
	struct rs_ifaddr *v, *e;
	int family = rtnl_addr_get_family(a);
	unsigned len;

	if (!local || (family != AF_INET && family != AF_INET6))
		return;
	len = nl_addr_get_len(local);
	if (len != (family == AF_INET ? 4u : 16u))
		return;
	v = realloc(s->addrs, (s->n_addrs + 1) * sizeof(*v));
	if (!v)
		return;
	s->addrs = v;
	e = &v[s->n_addrs++];
	memset(e, 0, sizeof(*e));
	e->ifindex = rtnl_addr_get_ifindex(a);
	e->addr.family = family;
	e->addr.prefixlen = (uint8_t)rtnl_addr_get_prefixlen(a);
	memcpy(&e->addr.u, nl_addr_get_binary_addr(local), len);
}

/* One dump per object type, whatever the number of VIPs. */
int rs_probe_links(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d)
{
	struct nl_cache *links = NULL, *addrs = NULL;
	int err = rs_nl_route(ctx, d);

	if (err < 0)
		return err;
	err = rtnl_link_alloc_cache(ctx->rt, AF_UNSPEC, &links);
	if (err >= 0)
		err = rtnl_addr_alloc_cache(ctx->rt, &addrs);
	if (err < 0) {
		rs_diag_set(d, "cannot list links and addresses: %s", nl_geterror(err));
		nl_cache_free(links);
		return nlerr(err);
	}
	nl_cache_foreach(links, add_link, s);
	nl_cache_foreach(addrs, add_addr, s);
	nl_cache_free(links);
	nl_cache_free(addrs);
	return 0;
}
