/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The classic real-server mistakes, each with a fix.  Pure: a function of
 * the configuration and a kernel snapshot.  start uses the ARP and
 * rp_filter parts to verify what it wrote.
 */
#include "config.h"

#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

#define MAX_TUNNELS 8

static void add(struct rs_problems *p, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void add(struct rs_problems *p, const char *fix, const char *fmt, ...)
{
	struct rs_problem *v = realloc(p->v, (p->n + 1) * sizeof(*v));
	va_list ap;

	if (!v)
		return;
	p->v = v;
	va_start(ap, fmt);
	vsnprintf(v[p->n].what, sizeof(v[p->n].what), fmt, ap);
	va_end(ap);
	snprintf(v[p->n].fix, sizeof(v[p->n].fix), "%s", fix);
	p->n++;
}

void rs_problems_free(struct rs_problems *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

static void check_arp_dev(const struct rs_sys *s, const char *dev, bool *bad,
			  struct rs_problems *out)
{
	static const enum rs_knob knobs[] = { RS_ARP_IGNORE, RS_ARP_ANNOUNCE };
	char fix[RS_MSG_MAX];

	for (size_t i = 0; i < 2; i++) {
		enum rs_knob k = knobs[i];
		int all = rs_sys_knob(s, "all", k), own = rs_sys_knob(s, dev, k);
		int eff = rs_sys_effective(s, dev, k);
		int want = k == RS_ARP_IGNORE ? 1 : 2;
		bool ok = k == RS_ARP_IGNORE ? rs_arp_ignore_ok(eff) : rs_arp_announce_ok(eff);

		if (ok)
			continue;
		*bad = true;
		/* The max rule: a device value above all's is the one to lower. */
		if (own > all)
			snprintf(fix, sizeof(fix), "sysctl -w net.ipv4.conf.%s.%s=%d "
				 "(the effective value is the larger of all and %s)",
				 dev, rs_knob_name(k), want, dev);
		else
			snprintf(fix, sizeof(fix), "sysctl -w net.ipv4.conf.all.%s=%d, or "
				 "run rs-setup start", rs_knob_name(k), want);
		add(out, fix, "effective %s on %s is %d (all %d, %s %d); it must be %s",
		    rs_knob_name(k), dev, eff, all, dev, own,
		    k == RS_ARP_IGNORE ? "1, 2 or 8 so the VIP is not announced by ARP"
				       : "2 so the VIP is never an ARP source");
	}
}

void rs_check_arp(const struct rs_config *c, const struct rs_sys *s,
		  struct rs_problems *out)
{
	bool bad = false;
	int lo_ign, lo_ann;
	size_t i;

	if (!rs_config_has_v4(c))
		return;
	if (c->n_arp_ifaces) {
		for (i = 0; i < c->n_arp_ifaces; i++) {
			if (!rs_sys_link(s, c->arp_ifaces[i]))
				add(out, "fix arp-iface in the configuration",
				    "ARP interface %s does not exist", c->arp_ifaces[i]);
			else
				check_arp_dev(s, c->arp_ifaces[i], &bad, out);
		}
	} else {
		for (i = 0; i < s->n_links; i++)
			if (rs_link_arps(&s->links[i]))
				check_arp_dev(s, s->links[i].name, &bad, out);
	}
	lo_ign = rs_sys_knob(s, "lo", RS_ARP_IGNORE);
	lo_ann = rs_sys_knob(s, "lo", RS_ARP_ANNOUNCE);
	if (bad && (rs_arp_ignore_ok(lo_ign) || rs_arp_announce_ok(lo_ann)))
		add(out, "set them on all (or on the interfaces facing the clients): "
		    "sysctl -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2",
		    "ARP knobs are set on lo (arp_ignore %d, arp_announce %d), which never "
		    "receives ARP requests; that has no effect", lo_ign, lo_ann);
}

void rs_check_rpf(const struct rs_config *c, const struct rs_sys *s,
		  const char *dev, struct rs_problems *out)
{
	int eff = rs_sys_effective(s, dev, RS_RP_FILTER);
	char fix[RS_MSG_MAX];

	(void)c;
	if (!rs_sys_link(s, dev))
		return;		/* reported as a missing device */
	if (eff == 1) {
		snprintf(fix, sizeof(fix), "set net.ipv4.conf.all.rp_filter and "
			 "net.ipv4.conf.%s.rp_filter to 2 and keep an IPv4 address on %s, "
			 "or both to 0; rs-setup start does the former", dev, dev);
		add(out, fix, "strict rp_filter on %s (effective 1: all %d, %s %d) drops "
		    "decapsulated packets", dev, rs_sys_knob(s, "all", RS_RP_FILTER), dev,
		    rs_sys_knob(s, dev, RS_RP_FILTER));
	} else if (eff != 0 && !rs_sys_has_v4(s, dev)) {
		snprintf(fix, sizeof(fix), "add the VIP to %s (rs-setup start does), or set "
			 "net.ipv4.conf.all.rp_filter and net.ipv4.conf.%s.rp_filter to 0",
			 dev, dev);
		add(out, fix, "loose rp_filter on %s (effective %d), which has no IPv4 "
		    "address, drops decapsulated packets", dev, eff);
	}
}

static void check_tunnels(const struct rs_config *c, const struct rs_sys *s,
			  struct rs_problems *out)
{
	const struct rs_tunnel *t[MAX_TUNNELS];
	size_t nt = rs_config_tunnels(c, t, MAX_TUNNELS);
	char fix[RS_MSG_MAX];
	bool outer[2] = { false, false };

	for (size_t i = 0; i < nt; i++) {
		const struct rs_link *l = rs_sys_link(s, t[i]->dev);
		const char *mod = rs_module_name(t[i]->module);

		outer[t[i]->outer == AF_INET6] = true;
		if (!rs_sys_module(s, t[i]->module)) {
			snprintf(fix, sizeof(fix), "modprobe %s (rs-setup start does); to load "
				 "it at boot, list it in /etc/modules-load.d/", mod);
			add(out, fix, "module %s is not loaded", mod);
		}
		if (!l) {
			snprintf(fix, sizeof(fix), "rs-setup start (it creates %s if loading "
				 "%s did not)", t[i]->dev, mod);
			add(out, fix, "tunnel device %s does not exist", t[i]->dev);
		} else if (!(l->flags & IFF_UP)) {
			snprintf(fix, sizeof(fix), "ip link set %s up, or rs-setup start",
				 t[i]->dev);
			add(out, fix, "tunnel device %s is down", t[i]->dev);
		}
		if (rs_tunnel_gets_v4(c, t[i]))
			rs_check_rpf(c, s, t[i]->dev, out);
	}
	if (c->mode != RS_MODE_TUN || c->tun_type != RS_TUN_GUE)
		return;
	if (!rs_sys_module(s, RS_MOD_FOU))
		add(out, "modprobe fou (rs-setup start does)", "module fou is not loaded");
	for (int f = 0; f < 2; f++) {
		if (!outer[f] || rs_sys_has_fou(s, c->tun_port, f ? AF_INET6 : AF_INET))
			continue;
		snprintf(fix, sizeof(fix), "ip fou add port %u gue%s, or rs-setup start",
			 c->tun_port, f ? " -6" : "");
		add(out, fix, "no GUE receive port %u (%s): the kernel drops the director's "
		    "UDP packets", c->tun_port, f ? "ipv6" : "ipv4");
	}
}

static void check_vips(const struct rs_config *c, const struct rs_sys *s,
		       struct rs_problems *out)
{
	const struct rs_ifaddr *found[16];
	char a[INET6_ADDRSTRLEN], fix[RS_MSG_MAX];

	for (size_t i = 0; i < c->n_vips; i++) {
		const struct rs_addr *v = &c->vips[i];
		size_t n = rs_sys_find_addr(s, v, found, 16);

		rs_addr_str(v, a, sizeof(a));
		if (n == 0) {
			snprintf(fix, sizeof(fix), "rs-setup start (adds %s/%u to %s)", a,
				 v->prefixlen, rs_vip_home(c, v));
			add(out, fix, "VIP %s is not configured on any device", a);
		}
		for (size_t j = 0; j < n && j < 16; j++) {
			const struct rs_link *l = rs_sys_link_by_index(s, found[j]->ifindex);
			const char *dev = l ? l->name : "?";

			if (found[j]->addr.prefixlen < v->prefixlen) {
				snprintf(fix, sizeof(fix), "ip addr del %s/%u dev %s; then "
					 "rs-setup start adds it as /%u", a,
					 found[j]->addr.prefixlen, dev, v->prefixlen);
				add(out, fix, "VIP %s is on %s as /%u: the whole prefix "
				    "becomes local", a, dev, found[j]->addr.prefixlen);
			}
			if (v->family == AF_INET && l && rs_link_arps(l)) {
				snprintf(fix, sizeof(fix), "ip addr del %s/%u dev %s; keep the "
					 "VIP on lo, a dummy or the tunnel device", a,
					 found[j]->addr.prefixlen, dev);
				add(out, fix, "VIP %s is on %s, which answers ARP for it", a, dev);
			}
		}
	}
}

void rs_check(const struct rs_config *c, const struct rs_sys *s,
	      struct rs_problems *out)
{
	check_vips(c, s, out);
	rs_check_arp(c, s, out);
	if (c->mode == RS_MODE_TUN)
		check_tunnels(c, s, out);
}
