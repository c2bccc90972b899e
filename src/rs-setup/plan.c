/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The plan: what start must change, in order, given the configuration and
 * a snapshot of the kernel.  Pure: no I/O, so it is tested without a kernel.
 *
 * Order matters.  ARP knobs come before any VIP so the real server never
 * answers ARP for it, and they are verified before going on.  For TUN the
 * module, device, fou port and rp_filter come next, then the VIPs, then a
 * final check that decapsulated packets get past rp_filter.
 */
#include "config.h"

#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

#define MAX_TUNNELS 8

static struct rs_step *push(struct rs_plan *p, enum rs_step_kind kind)
{
	struct rs_step *v = realloc(p->steps, (p->n + 1) * sizeof(*v));

	if (!v)
		return NULL;
	p->steps = v;
	memset(&v[p->n], 0, sizeof(v[p->n]));
	v[p->n].kind = kind;
	return &v[p->n++];
}

void rs_plan_free(struct rs_plan *p)
{
	free(p->steps);
	p->steps = NULL;
	p->n = 0;
}

static int plan_sysctl(struct rs_plan *p, const char *dev, enum rs_knob k,
		       int now, int value)
{
	struct rs_step *st = push(p, RS_STEP_SYSCTL);

	if (!st)
		return -ENOMEM;
	snprintf(st->path, sizeof(st->path), "net/ipv4/conf/%s/%s", dev, rs_knob_name(k));
	snprintf(st->ifname, sizeof(st->ifname), "%s", dev);
	st->now = now;
	st->value = value;
	return 0;
}

static int plan_arp_dev(struct rs_plan *p, const struct rs_sys *s, const char *dev)
{
	int ign = rs_sys_knob(s, dev, RS_ARP_IGNORE);
	int ann = rs_sys_knob(s, dev, RS_ARP_ANNOUNCE);

	if (!rs_arp_ignore_ok(ign) && plan_sysctl(p, dev, RS_ARP_IGNORE, ign, 1) < 0)
		return -ENOMEM;
	if (!rs_arp_announce_ok(ann) && plan_sysctl(p, dev, RS_ARP_ANNOUNCE, ann, 2) < 0)
		return -ENOMEM;
	return 0;
}

static int plan_arp(struct rs_plan *p, const struct rs_config *c,
		    const struct rs_sys *s, struct rs_diag *d)
{
	size_t i;

	if (!rs_config_has_v4(c))
		return 0;	/* IPv6 neighbour discovery answers only for the device's own addresses */
	if (c->n_arp_ifaces == 0) {
		if (plan_arp_dev(p, s, "all") < 0)
			return -ENOMEM;
	}
	for (i = 0; i < c->n_arp_ifaces; i++) {
		if (!rs_sys_link(s, c->arp_ifaces[i])) {
			rs_diag_set(d, "ARP interface %s does not exist", c->arp_ifaces[i]);
			return -ENODEV;
		}
		if (plan_arp_dev(p, s, c->arp_ifaces[i]) < 0)
			return -ENOMEM;
	}
	return push(p, RS_STEP_VERIFY_ARP) ? 0 : -ENOMEM;
}

static int plan_module(struct rs_plan *p, const struct rs_sys *s, enum rs_module m)
{
	struct rs_step *st;

	if (rs_sys_module(s, m))
		return 0;
	for (size_t i = 0; i < p->n; i++)
		if (p->steps[i].kind == RS_STEP_MODULE && p->steps[i].module == m)
			return 0;
	st = push(p, RS_STEP_MODULE);
	if (!st)
		return -ENOMEM;
	st->module = m;
	return 0;
}

static int plan_link(struct rs_plan *p, const struct rs_sys *s, const char *dev,
		     const char *kind)
{
	const struct rs_link *l = rs_sys_link(s, dev);
	struct rs_step *st;

	if (l && (l->flags & IFF_UP))
		return 0;
	st = push(p, RS_STEP_LINK);
	if (!st)
		return -ENOMEM;
	snprintf(st->ifname, sizeof(st->ifname), "%s", dev);
	snprintf(st->link_kind, sizeof(st->link_kind), "%s", kind);
	st->create = !l;
	return 0;
}

static int plan_fou(struct rs_plan *p, const struct rs_config *c,
		    const struct rs_sys *s, const struct rs_tunnel **t, size_t nt)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (size_t f = 0; f < 2; f++) {
		bool used = false, v4 = false;
		struct rs_step *st;

		for (size_t i = 0; i < nt; i++) {
			if (t[i]->outer != families[f])
				continue;
			used = true;
			v4 |= rs_tunnel_gets_v4(c, t[i]);
		}
		if (!used || rs_sys_has_fou(s, c->tun_port, families[f]))
			continue;
		st = push(p, RS_STEP_FOU);
		if (!st)
			return -ENOMEM;
		st->port = c->tun_port;
		st->family = families[f];
		st->ipproto = v4 ? IPPROTO_IPIP : IPPROTO_IPV6;
	}
	return 0;
}

/* Strict (1) always drops; loose (2) works once the device has an IPv4 address. */
static int plan_rpf(struct rs_plan *p, const struct rs_config *c,
		    const struct rs_sys *s, const struct rs_tunnel **t, size_t nt)
{
	bool any = false;
	int v;

	for (size_t i = 0; i < nt; i++)
		any |= rs_tunnel_gets_v4(c, t[i]);
	if (!any)
		return 0;
	v = rs_sys_knob(s, "all", RS_RP_FILTER);
	if (v == 1 && plan_sysctl(p, "all", RS_RP_FILTER, v, 2) < 0)
		return -ENOMEM;
	for (size_t i = 0; i < nt; i++) {
		if (!rs_tunnel_gets_v4(c, t[i]))
			continue;
		v = rs_sys_knob(s, t[i]->dev, RS_RP_FILTER);
		if (v == 1 && plan_sysctl(p, t[i]->dev, RS_RP_FILTER, v, 2) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int plan_tunnels(struct rs_plan *p, const struct rs_config *c,
			const struct rs_sys *s, const struct rs_tunnel **t, size_t nt)
{
	size_t i;

	for (i = 0; i < nt; i++)
		if (plan_module(p, s, t[i]->module) < 0)
			return -ENOMEM;
	if (c->tun_type == RS_TUN_GUE && plan_module(p, s, RS_MOD_FOU) < 0)
		return -ENOMEM;
	for (i = 0; i < nt; i++)
		if (plan_link(p, s, t[i]->dev, t[i]->kind) < 0)
			return -ENOMEM;
	if (c->tun_type == RS_TUN_GUE && plan_fou(p, c, s, t, nt) < 0)
		return -ENOMEM;
	return plan_rpf(p, c, s, t, nt);
}

/* Add vip to dev unless it is there already; refuse what start cannot own. */
static int plan_addr(struct rs_plan *p, const struct rs_config *c,
		     const struct rs_sys *s, const struct rs_addr *vip,
		     const char *dev, struct rs_diag *d)
{
	const struct rs_ifaddr *found[16];
	const char *targets[2];
	size_t n, nt, i, j;
	char buf[INET6_ADDRSTRLEN];
	const struct rs_link *l;
	struct rs_step *st;
	bool have = false;

	n = rs_sys_find_addr(s, vip, found, 16);
	nt = rs_vip_targets(c, vip, targets);
	for (i = 0; i < n && i < 16; i++) {
		l = rs_sys_link_by_index(s, found[i]->ifindex);
		if (!l)
			continue;
		for (j = 0; j < nt && strcmp(targets[j], l->name); j++)
			;
		if (j == nt) {
			rs_diag_set(d, "VIP %s is already configured on %s; remove it "
				    "there first (or run rs-setup stop)",
				    rs_addr_str(vip, buf, sizeof(buf)), l->name);
			return -EEXIST;
		}
		if (strcmp(l->name, dev))
			continue;
		if (found[i]->addr.prefixlen != vip->prefixlen) {
			rs_diag_set(d, "VIP %s is on %s as /%u, not /%u; remove it "
				    "first (see rs-setup check)",
				    rs_addr_str(vip, buf, sizeof(buf)), dev,
				    found[i]->addr.prefixlen, vip->prefixlen);
			return -EEXIST;
		}
		have = true;
	}
	if (have)
		return 0;
	st = push(p, RS_STEP_ADDR);
	if (!st)
		return -ENOMEM;
	st->addr = *vip;
	snprintf(st->ifname, sizeof(st->ifname), "%s", dev);
	return 0;
}

static int plan_vips(struct rs_plan *p, const struct rs_config *c,
		     const struct rs_sys *s, bool tunnel_side, struct rs_diag *d)
{
	const char *targets[2];
	size_t i, j, nt;
	int ret;

	for (i = 0; i < c->n_vips; i++) {
		const char *home = rs_vip_home(c, &c->vips[i]);

		nt = rs_vip_targets(c, &c->vips[i], targets);
		for (j = 0; j < nt; j++) {
			if (tunnel_side == !strcmp(targets[j], home))
				continue;
			ret = plan_addr(p, c, s, &c->vips[i], targets[j], d);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

int rs_plan_start(const struct rs_config *c, const struct rs_sys *s,
		  struct rs_plan *p, struct rs_diag *d)
{
	const struct rs_tunnel *t[MAX_TUNNELS];
	size_t nt = rs_config_tunnels(c, t, MAX_TUNNELS), i;
	int ret;

	memset(p, 0, sizeof(*p));
	if (c->n_vips == 0) {
		rs_diag_set(d, "no VIP given: use --vip or a vip line in the config file");
		return -EINVAL;
	}
	ret = plan_arp(p, c, s, d);
	if (!ret && c->mode == RS_MODE_TUN)
		ret = plan_tunnels(p, c, s, t, nt);
	if (!ret)
		ret = plan_vips(p, c, s, true, d);
	if (!ret && c->dummy[0]) {
		const struct rs_link *l = rs_sys_link(s, c->dummy);

		/* Any other kind may answer ARP for the VIPs, and stop must not delete it. */
		if (l && strcmp(l->kind, "dummy")) {
			rs_diag_set(d, "device %s exists and is not a dummy device (%s%s); "
				    "choose another --dummy name", c->dummy,
				    l->kind[0] ? "its kind is " : "it has no kind",
				    l->kind);
			ret = -EEXIST;
		} else if (!l) {
			ret = plan_module(p, s, RS_MOD_DUMMY);
		}
		if (!ret)
			ret = plan_link(p, s, c->dummy, "dummy");
	} else if (!ret && c->mode == RS_MODE_DR) {
		ret = plan_link(p, s, "lo", "");
	}
	if (!ret)
		ret = plan_vips(p, c, s, false, d);
	for (i = 0; !ret && i < nt; i++) {
		struct rs_step *st;

		if (!rs_tunnel_gets_v4(c, t[i]))
			continue;
		st = push(p, RS_STEP_VERIFY_RPF);
		if (!st)
			ret = -ENOMEM;
		else
			snprintf(st->ifname, sizeof(st->ifname), "%s", t[i]->dev);
	}
	if (ret == -ENOMEM)
		rs_diag_set(d, "out of memory");
	if (ret < 0)
		rs_plan_free(p);
	return ret;
}

bool rs_step_changes(const struct rs_step *st)
{
	return st->kind != RS_STEP_VERIFY_ARP && st->kind != RS_STEP_VERIFY_RPF;
}

static const char *family_name(int af)
{
	return af == AF_INET6 ? "ipv6" : "ipv4";
}

void rs_step_describe(const struct rs_step *st, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN], dotted[RS_PATH_MAX];
	size_t i;

	switch (st->kind) {
	case RS_STEP_SYSCTL:
		for (i = 0; st->path[i] && i + 1 < sizeof(dotted); i++)
			dotted[i] = st->path[i] == '/' ? '.' : st->path[i];
		dotted[i] = '\0';
		if (st->now < 0)
			snprintf(buf, len, "set %s = %d", dotted, st->value);
		else
			snprintf(buf, len, "set %s = %d (now %d)", dotted, st->value, st->now);
		break;
	case RS_STEP_MODULE:
		snprintf(buf, len, "load module %s", rs_module_name(st->module));
		break;
	case RS_STEP_LINK:
		if (st->create)
			snprintf(buf, len, "create %s device %s and bring it up",
				 st->link_kind, st->ifname);
		else
			snprintf(buf, len, "bring %s up", st->ifname);
		break;
	case RS_STEP_FOU:
		snprintf(buf, len, "add GUE receive port %u (%s)", st->port,
			 family_name(st->family));
		break;
	case RS_STEP_ADDR:
		snprintf(buf, len, "add %s/%u to %s", rs_addr_str(&st->addr, a, sizeof(a)),
			 st->addr.prefixlen, st->ifname);
		break;
	case RS_STEP_VERIFY_ARP:
		snprintf(buf, len, "verify effective arp_ignore and arp_announce");
		break;
	case RS_STEP_VERIFY_RPF:
		snprintf(buf, len, "verify effective rp_filter on %s", st->ifname);
		break;
	}
}
