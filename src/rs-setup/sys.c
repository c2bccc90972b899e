/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pure queries over a kernel snapshot (struct rs_sys); probe.c fills it. */
#include "config.h"

#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

static const char *const module_names[RS_MOD_COUNT] = {
	[RS_MOD_IPIP] = "ipip",
	[RS_MOD_SIT] = "sit",
	[RS_MOD_IP6_TUNNEL] = "ip6_tunnel",
	[RS_MOD_IP_GRE] = "ip_gre",
	[RS_MOD_IP6_GRE] = "ip6_gre",
	[RS_MOD_FOU] = "fou",
	[RS_MOD_DUMMY] = "dummy",
};

const char *rs_module_name(enum rs_module m)
{
	return m < RS_MOD_COUNT ? module_names[m] : "?";
}

const char *rs_knob_name(enum rs_knob k)
{
	switch (k) {
	case RS_ARP_IGNORE: return "arp_ignore";
	case RS_ARP_ANNOUNCE: return "arp_announce";
	default: return "rp_filter";
	}
}

void rs_sys_free(struct rs_sys *s)
{
	free(s->links);
	free(s->addrs);
	free(s->confs);
	free(s->fous);
	memset(s, 0, sizeof(*s));
}

const struct rs_link *rs_sys_link(const struct rs_sys *s, const char *name)
{
	for (size_t i = 0; i < s->n_links; i++)
		if (!strcmp(s->links[i].name, name))
			return &s->links[i];
	return NULL;
}

const struct rs_link *rs_sys_link_by_index(const struct rs_sys *s, int ifindex)
{
	for (size_t i = 0; i < s->n_links; i++)
		if (s->links[i].ifindex == ifindex)
			return &s->links[i];
	return NULL;
}

const struct rs_conf *rs_sys_conf(const struct rs_sys *s, const char *name)
{
	for (size_t i = 0; i < s->n_confs; i++)
		if (!strcmp(s->confs[i].name, name))
			return &s->confs[i];
	return NULL;
}

static int conf_knob(const struct rs_conf *c, enum rs_knob k)
{
	switch (k) {
	case RS_ARP_IGNORE: return c->arp_ignore;
	case RS_ARP_ANNOUNCE: return c->arp_announce;
	default: return c->rp_filter;
	}
}

/* A device created now copies conf/default, so that is its value to be. */
int rs_sys_knob(const struct rs_sys *s, const char *name, enum rs_knob k)
{
	const struct rs_conf *c = rs_sys_conf(s, name);

	if (!c)
		c = rs_sys_conf(s, "default");
	return c ? conf_knob(c, k) : -1;
}

int rs_sys_effective(const struct rs_sys *s, const char *name, enum rs_knob k)
{
	int all = rs_sys_knob(s, "all", k);
	int dev = rs_sys_knob(s, name, k);

	return all > dev ? all : dev;
}

bool rs_sys_has_v4(const struct rs_sys *s, const char *name)
{
	const struct rs_link *l = rs_sys_link(s, name);

	if (!l)
		return false;
	for (size_t i = 0; i < s->n_addrs; i++)
		if (s->addrs[i].ifindex == l->ifindex && s->addrs[i].addr.family == AF_INET)
			return true;
	return false;
}

bool rs_sys_has_fou(const struct rs_sys *s, uint16_t port, int family)
{
	for (size_t i = 0; i < s->n_fous; i++)
		if (s->fous[i].port == port && s->fous[i].family == family)
			return true;
	return false;
}

bool rs_sys_module(const struct rs_sys *s, enum rs_module m)
{
	return s->modules & (1u << m);
}

size_t rs_sys_find_addr(const struct rs_sys *s, const struct rs_addr *a,
			const struct rs_ifaddr **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n_addrs; i++) {
		if (!rs_addr_equal(&s->addrs[i].addr, a))
			continue;
		if (n < max)
			out[n] = &s->addrs[i];
		n++;
	}
	return n;
}

/* A device that is down answers nothing; check it again once it is up. */
bool rs_link_arps(const struct rs_link *l)
{
	return (l->flags & IFF_UP) && !(l->flags & (IFF_LOOPBACK | IFF_NOARP));
}

/*
 * arp_ignore 1 and 2 answer only for addresses on the receiving device and
 * 8 never answers; 0 and 3-7 would answer for a VIP held on lo or a dummy.
 */
bool rs_arp_ignore_ok(int v)
{
	return v == 1 || v == 2 || v == 8;
}

/* Only 2 keeps the VIP out of the sender address of our own requests. */
bool rs_arp_announce_ok(int v)
{
	return v == 2;
}
