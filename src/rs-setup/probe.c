/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Take a snapshot of everything rs-setup looks at; changes nothing. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"

static int add_conf(struct rs_ctx *ctx, struct rs_sys *s, const char *name)
{
	static const enum rs_knob knobs[] = { RS_ARP_IGNORE, RS_ARP_ANNOUNCE, RS_RP_FILTER };
	struct rs_conf *v, *c;
	char path[RS_PATH_MAX];
	int vals[3];

	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "net/ipv4/conf/%s/%s", name, rs_knob_name(knobs[i]));
		if (rs_sysctl_read(ctx, path, &vals[i]) < 0)
			vals[i] = -1;
	}
	if (vals[0] < 0 && vals[1] < 0 && vals[2] < 0)
		return 0;	/* no IPv4 settings for this device */
	v = realloc(s->confs, (s->n_confs + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	s->confs = v;
	c = &v[s->n_confs++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->arp_ignore = vals[0];
	c->arp_announce = vals[1];
	c->rp_filter = vals[2];
	return 0;
}

static const struct {
	const char *kind;
	enum rs_module module;
} kinds[] = {
	{ "ipip", RS_MOD_IPIP }, { "sit", RS_MOD_SIT }, { "ip6tnl", RS_MOD_IP6_TUNNEL },
	{ "gre", RS_MOD_IP_GRE }, { "ip6gre", RS_MOD_IP6_GRE }, { "dummy", RS_MOD_DUMMY },
};

int rs_probe(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d)
{
	int ret;

	memset(s, 0, sizeof(*s));
	ret = rs_probe_links(ctx, s, d);
	if (ret < 0)
		goto fail;
	ret = add_conf(ctx, s, "all");
	if (!ret)
		ret = add_conf(ctx, s, "default");
	for (size_t i = 0; !ret && i < s->n_links; i++)
		ret = add_conf(ctx, s, s->links[i].name);
	if (ret < 0) {
		rs_diag_set(d, "out of memory");
		goto fail;
	}
	for (int m = 0; m < RS_MOD_COUNT; m++)
		if (rs_module_loaded(ctx, rs_module_name(m)))
			s->modules |= 1u << m;
	/* Built-in drivers have no /sys/module entry, but their devices show. */
	for (size_t i = 0; i < s->n_links; i++)
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			if (!strcmp(s->links[i].kind, kinds[k].kind))
				s->modules |= 1u << kinds[k].module;
	ret = rs_probe_fou(ctx, s, d);
	if (ret < 0)
		goto fail;
	return 0;
fail:
	rs_sys_free(s);
	return ret;
}
