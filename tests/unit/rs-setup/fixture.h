/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A fake kernel snapshot for rs-setup's pure layers (plan, check), and long
 * lines for its parsers (config, record). */
#ifndef UNIT_RS_FIXTURE_H
#define UNIT_RS_FIXTURE_H

#include <check.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "rs.h"

static inline void fx_link(struct rs_sys *s, const char *name, unsigned flags,
			   const char *kind)
{
	struct rs_link *l;

	s->links = realloc(s->links, (s->n_links + 1) * sizeof(*s->links));
	l = &s->links[s->n_links++];
	memset(l, 0, sizeof(*l));
	l->ifindex = (int)s->n_links;
	snprintf(l->name, sizeof(l->name), "%s", name);
	snprintf(l->kind, sizeof(l->kind), "%s", kind);
	l->flags = flags;
}

static inline void fx_conf(struct rs_sys *s, const char *name, int ign, int ann, int rpf)
{
	struct rs_conf *c;

	s->confs = realloc(s->confs, (s->n_confs + 1) * sizeof(*s->confs));
	c = &s->confs[s->n_confs++];
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->arp_ignore = ign;
	c->arp_announce = ann;
	c->rp_filter = rpf;
}

static inline void fx_addr(struct rs_sys *s, const char *dev, const char *addr)
{
	const struct rs_link *l = rs_sys_link(s, dev);
	struct rs_ifaddr *a;

	ck_assert_ptr_nonnull(l);
	s->addrs = realloc(s->addrs, (s->n_addrs + 1) * sizeof(*s->addrs));
	a = &s->addrs[s->n_addrs++];
	a->ifindex = l->ifindex;
	ck_assert_int_eq(rs_addr_parse(addr, &a->addr), 0);
}

/* A fresh real server: lo and eth0 up, kernel defaults everywhere. */
static inline void fx_basic(struct rs_sys *s)
{
	memset(s, 0, sizeof(*s));
	fx_link(s, "lo", IFF_UP | IFF_LOOPBACK, "");
	fx_link(s, "eth0", IFF_UP, "veth");
	fx_conf(s, "all", 0, 0, 0);
	fx_conf(s, "default", 0, 0, 0);
	fx_conf(s, "lo", 0, 0, 0);
	fx_conf(s, "eth0", 0, 0, 0);
	fx_addr(s, "lo", "127.0.0.1/8");
	fx_addr(s, "eth0", "192.0.2.10/24");
	s->modules = 1u << RS_MOD_DUMMY;
}

static inline void fx_set_conf(struct rs_sys *s, const char *name, enum rs_knob k, int v)
{
	for (size_t i = 0; i < s->n_confs; i++) {
		if (strcmp(s->confs[i].name, name))
			continue;
		if (k == RS_ARP_IGNORE)
			s->confs[i].arp_ignore = v;
		else if (k == RS_ARP_ANNOUNCE)
			s->confs[i].arp_announce = v;
		else
			s->confs[i].rp_filter = v;
		return;
	}
	ck_abort_msg("no conf %s", name);
}

static inline void fx_config(struct rs_config *c, const char *const *kv)
{
	struct rs_diag d;

	rs_config_init(c);
	for (; kv[0]; kv += 2)
		ck_assert_msg(rs_config_set(c, kv[0], kv[1], &d) == 0, "%s", d.msg);
	ck_assert_msg(rs_config_validate(c, &d) == 0, "%s", d.msg);
}

/* At AT, a line of LEN bytes (HEAD, then 'a's up to LEN), then END. */
static inline void fx_line(char *at, const char *head, size_t len, const char *end)
{
	size_t n = strlen(head);

	ck_assert_uint_le(n, len);
	memcpy(at, head, n);
	memset(at + n, 'a', len - n);
	strcpy(at + len, end);
}

#endif
