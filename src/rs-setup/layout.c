/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where things live: which tunnel device receives a VIP's traffic and which
 * devices hold the VIP.  Pure functions of the configuration.
 *
 * The tunnel device follows from the outer family (the real server's
 * address the director sends to) and the VIP's family:
 *   ipip/gue  outer IPv4, IPv4 VIP  -> tunl0   (ipip)
 *   ipip/gue  outer IPv4, IPv6 VIP  -> sit0    (sit, protocol 41)
 *   ipip/gue  outer IPv6            -> ip6tnl0 (ip6_tunnel)
 *   gre       outer IPv4            -> gre0    (ip_gre)
 *   gre       outer IPv6            -> ip6gre0 (ip6_gre)
 */
#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "rs.h"

static const struct rs_tunnel tunnels[] = {
	{ "tunl0", "ipip", RS_MOD_IPIP, AF_INET },
	{ "sit0", "sit", RS_MOD_SIT, AF_INET },
	{ "ip6tnl0", "ip6tnl", RS_MOD_IP6_TUNNEL, AF_INET6 },
	{ "gre0", "gre", RS_MOD_IP_GRE, AF_INET },
	{ "ip6gre0", "ip6gre", RS_MOD_IP6_GRE, AF_INET6 },
};

int rs_outer_family(const struct rs_config *c, const struct rs_addr *vip)
{
	return c->tun_outer != AF_UNSPEC ? c->tun_outer : vip->family;
}

const struct rs_tunnel *rs_tunnel_for(const struct rs_config *c,
				      const struct rs_addr *vip)
{
	int outer = rs_outer_family(c, vip);

	if (c->mode != RS_MODE_TUN)
		return NULL;
	if (c->tun_type == RS_TUN_GRE)
		return &tunnels[outer == AF_INET6 ? 4 : 3];
	if (outer == AF_INET6)
		return &tunnels[2];
	return &tunnels[vip->family == AF_INET6 ? 1 : 0];
}

const char *rs_vip_home(const struct rs_config *c, const struct rs_addr *vip)
{
	if (c->dummy[0])
		return c->dummy;
	if (c->mode == RS_MODE_TUN)
		return rs_tunnel_for(c, vip)->dev;
	return "lo";
}

/*
 * An IPv4 VIP also goes on its tunnel device: with loose rp_filter the
 * kernel drops packets arriving on a device without any IPv4 address.
 */
size_t rs_vip_targets(const struct rs_config *c, const struct rs_addr *vip,
		      const char *out[2])
{
	const char *home = rs_vip_home(c, vip);
	const struct rs_tunnel *t = rs_tunnel_for(c, vip);
	size_t n = 0;

	if (t && vip->family == AF_INET && strcmp(t->dev, home))
		out[n++] = t->dev;
	out[n++] = home;
	return n;
}

size_t rs_config_tunnels(const struct rs_config *c,
			 const struct rs_tunnel **out, size_t max)
{
	size_t n = 0, i, j;

	for (i = 0; i < c->n_vips; i++) {
		const struct rs_tunnel *t = rs_tunnel_for(c, &c->vips[i]);

		if (!t)
			continue;
		for (j = 0; j < n && out[j] != t; j++)
			;
		if (j == n && n < max)
			out[n++] = t;
	}
	return n;
}

/* Inner IPv4 packets meet IPv4 rp_filter on the tunnel device. */
bool rs_tunnel_gets_v4(const struct rs_config *c, const struct rs_tunnel *t)
{
	for (size_t i = 0; i < c->n_vips; i++)
		if (c->vips[i].family == AF_INET && rs_tunnel_for(c, &c->vips[i]) == t)
			return true;
	return false;
}

bool rs_config_has_v4(const struct rs_config *c)
{
	for (size_t i = 0; i < c->n_vips; i++)
		if (c->vips[i].family == AF_INET)
			return true;
	return false;
}
