/* SPDX-License-Identifier: GPL-2.0-or-later */
/* status: where each VIP lives, the effective knobs, tunnels, and a verdict. */
#include "config.h"

#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include "status.h"

#define MAX_TUNNELS 8

const char *rs_verdict(const struct rs_status_in *in)
{
	const struct rs_config *c = in->config;
	const struct rs_ifaddr *f[1];
	bool any = false;

	if (c->n_vips == 0)
		return "unconfigured";
	if (in->problems->n == 0)
		return "ready";
	for (size_t i = 0; i < c->n_vips; i++)
		any |= rs_sys_find_addr(in->sys, &c->vips[i], f, 1) > 0;
	return any || in->changes_recorded > 0 ? "degraded" : "inactive";
}

static void render_vips(struct rs_out *o, const struct rs_config *c, const struct rs_sys *s)
{
	const struct rs_ifaddr *f[16];
	char a[INET6_ADDRSTRLEN];

	out_arr_open(o, "vips");
	for (size_t i = 0; i < c->n_vips; i++) {
		size_t n = rs_sys_find_addr(s, &c->vips[i], f, 16);

		out_obj_open(o, NULL);
		out_str(o, "address", "vip %s:", rs_addr_str(&c->vips[i], a, sizeof(a)));
		out_str(o, "family", NULL, c->vips[i].family == AF_INET6 ? "ipv6" : "ipv4");
		out_str(o, "home", NULL, rs_vip_home(c, &c->vips[i]));
		out_bool(o, "present", NULL, n > 0);
		if (n == 0)
			out_text(o, " missing");
		out_arr_open(o, "devices");
		for (size_t j = 0; j < n && j < 16; j++) {
			const struct rs_link *l = rs_sys_link_by_index(s, f[j]->ifindex);

			out_obj_open(o, NULL);
			out_str(o, "name", " %s", l ? l->name : "?");
			out_int(o, "prefixlen", "/%ld", f[j]->addr.prefixlen);
			out_obj_close(o);
		}
		out_arr_close(o);
		out_text(o, "\n");
		out_obj_close(o);
	}
	out_arr_close(o);
}

/* " arp_ignore 1 (all 1, eth0 0)": effective, then its two sources. */
static void knob(struct rs_out *o, const struct rs_sys *s, const char *dev, enum rs_knob k)
{
	char key[40];
	const char *name = rs_knob_name(k);

	out_text(o, " %s", name);
	out_int(o, name, " %ld", rs_sys_effective(s, dev, k));
	snprintf(key, sizeof(key), "all_%s", name);
	out_int(o, key, " (all %ld", rs_sys_knob(s, "all", k));
	snprintf(key, sizeof(key), "conf_%s", name);
	out_text(o, ", %s", dev);
	out_int(o, key, " %ld)", rs_sys_knob(s, dev, k));
}

static void render_arp(struct rs_out *o, const struct rs_config *c, const struct rs_sys *s)
{
	out_obj_open(o, "arp");
	out_str(o, "scope", "arp scope: %s\n", c->n_arp_ifaces ? "interfaces" : "all");
	out_arr_open(o, "interfaces");
	for (size_t i = 0; i < s->n_links; i++) {
		const char *dev = s->links[i].name;
		bool listed = c->n_arp_ifaces == 0 && rs_link_arps(&s->links[i]);

		for (size_t j = 0; j < c->n_arp_ifaces; j++)
			listed |= !strcmp(c->arp_ifaces[j], dev);
		if (!listed)
			continue;
		out_obj_open(o, NULL);
		out_str(o, "name", "  %s:", dev);
		knob(o, s, dev, RS_ARP_IGNORE);
		out_text(o, ",");
		knob(o, s, dev, RS_ARP_ANNOUNCE);
		out_bool(o, "ok", NULL,
			 rs_arp_ignore_ok(rs_sys_effective(s, dev, RS_ARP_IGNORE)) &&
			 rs_arp_announce_ok(rs_sys_effective(s, dev, RS_ARP_ANNOUNCE)));
		out_text(o, "\n");
		out_obj_close(o);
	}
	out_arr_close(o);
	out_obj_close(o);
}

static void render_tunnels(struct rs_out *o, const struct rs_config *c, const struct rs_sys *s)
{
	const struct rs_tunnel *t[MAX_TUNNELS];
	size_t nt = rs_config_tunnels(c, t, MAX_TUNNELS);

	out_arr_open(o, "tunnels");
	for (size_t i = 0; i < nt; i++) {
		const struct rs_link *l = rs_sys_link(s, t[i]->dev);
		bool up = l && (l->flags & IFF_UP);

		out_obj_open(o, NULL);
		out_str(o, "name", "tunnel %s:", t[i]->dev);
		out_bool(o, "exists", NULL, l != NULL);
		out_bool(o, "up", NULL, up);
		out_text(o, " %s;", !l ? "missing" : up ? "up" : "down");
		out_str(o, "module", " module %s", rs_module_name(t[i]->module));
		out_bool(o, "module_loaded", " loaded: %s;", rs_sys_module(s, t[i]->module));
		knob(o, s, t[i]->dev, RS_RP_FILTER);
		out_bool(o, "ipv4_address", "; ipv4 address: %s", rs_sys_has_v4(s, t[i]->dev));
		out_text(o, "\n");
		out_obj_close(o);
	}
	out_arr_close(o);
	if (c->mode != RS_MODE_TUN || c->tun_type != RS_TUN_GUE)
		return;
	out_arr_open(o, "gue_ports");
	for (int f = 0; f < 2; f++) {
		int fam = f ? AF_INET6 : AF_INET;
		bool used = false;

		for (size_t i = 0; i < nt; i++)
			used |= t[i]->outer == fam;
		if (!used)
			continue;
		out_obj_open(o, NULL);
		out_int(o, "port", "gue port %ld", c->tun_port);
		out_str(o, "family", " (%s):", f ? "ipv6" : "ipv4");
		out_bool(o, "present", NULL, rs_sys_has_fou(s, c->tun_port, fam));
		out_text(o, " %s\n", rs_sys_has_fou(s, c->tun_port, fam) ? "present" : "missing");
		out_obj_close(o);
	}
	out_arr_close(o);
}

void rs_render_status(struct rs_out *o, const struct rs_status_in *in)
{
	const struct rs_config *c = in->config;

	out_obj_open(o, NULL);
	out_str(o, "verdict", "verdict: %s\n", rs_verdict(in));
	out_str(o, "mode", "mode: %s", rs_mode_name(c->mode));
	if (c->mode == RS_MODE_TUN) {
		out_str(o, "tun_type", " (%s", rs_tun_type_name(c->tun_type));
		if (c->tun_type == RS_TUN_GUE)
			out_int(o, "tun_port", ", port %ld", c->tun_port);
		out_text(o, ")");
	}
	out_text(o, "\n");
	if (c->dummy[0])
		out_str(o, "dummy", "dummy: %s\n", c->dummy);
	if (c->n_vips == 0)
		out_text(o, "no VIPs configured (give --vip or a config file)\n");
	render_vips(o, c, in->sys);
	if (rs_config_has_v4(c) || c->n_vips == 0)
		render_arp(o, c, in->sys);
	render_tunnels(o, c, in->sys);
	out_str(o, "state_file", "state file: %s", in->state_path);
	out_int(o, "changes_recorded", NULL, in->changes_recorded < 0 ? 0 : in->changes_recorded);
	if (in->changes_recorded < 0)
		out_text(o, " (none)\n");
	else
		out_text(o, " (%ld changes recorded)\n", in->changes_recorded);
	if (in->netns) {
		out_int(o, "netns_inode", "network namespace: net:[%ld]", (long)in->netns->ino);
		if (in->netns->name[0])
			out_str(o, "netns_name", " '%s'", in->netns->name);
		out_text(o, "\n");
	}
	out_int(o, "problems", "problems: %ld", (long)in->problems->n);
	out_text(o, "%s\n", in->problems->n ? " (run rs-setup check)" : "");
	out_obj_close(o);
}

void rs_render_check(struct rs_out *o, const struct rs_problems *p)
{
	out_obj_open(o, NULL);
	out_arr_open(o, "problems");
	for (size_t i = 0; i < p->n; i++) {
		out_obj_open(o, NULL);
		out_str(o, "problem", "problem: %s\n", p->v[i].what);
		out_str(o, "fix", "  fix: %s\n", p->v[i].fix);
		out_obj_close(o);
	}
	out_arr_close(o);
	out_int(o, "count", NULL, (long)p->n);
	if (p->n)
		out_text(o, "%zu problem%s found\n", p->n, p->n == 1 ? "" : "s");
	else
		out_text(o, "no problems found\n");
	out_obj_close(o);
}
