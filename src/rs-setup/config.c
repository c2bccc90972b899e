/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The configuration: one setter for every "key = value", shared by the
 * config file, the command-line options and the state file, so the three
 * can never disagree on syntax.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

void rs_config_init(struct rs_config *c)
{
	memset(c, 0, sizeof(*c));
	c->mode = RS_MODE_DR;
	c->tun_type = RS_TUN_IPIP;
	c->tun_outer = AF_UNSPEC;
}

void rs_config_free(struct rs_config *c)
{
	free(c->vips);
	free(c->arp_ifaces);
	rs_config_init(c);
}

int rs_config_copy(struct rs_config *dst, const struct rs_config *src)
{
	*dst = *src;
	dst->vips = NULL;
	dst->arp_ifaces = NULL;
	if (src->n_vips) {
		dst->vips = malloc(src->n_vips * sizeof(*dst->vips));
		if (!dst->vips)
			goto oom;
		memcpy(dst->vips, src->vips, src->n_vips * sizeof(*dst->vips));
	}
	if (src->n_arp_ifaces) {
		dst->arp_ifaces = malloc(src->n_arp_ifaces * sizeof(*dst->arp_ifaces));
		if (!dst->arp_ifaces)
			goto oom;
		memcpy(dst->arp_ifaces, src->arp_ifaces,
		       src->n_arp_ifaces * sizeof(*dst->arp_ifaces));
	}
	return 0;
oom:
	free(dst->vips);
	rs_config_init(dst);
	return -ENOMEM;
}

const char *rs_mode_name(enum rs_mode m)
{
	return m == RS_MODE_TUN ? "tun" : "dr";
}

const char *rs_tun_type_name(enum rs_tun_type t)
{
	switch (t) {
	case RS_TUN_GUE: return "gue";
	case RS_TUN_GRE: return "gre";
	default: return "ipip";
	}
}

/* What the kernel's dev_valid_name() accepts; its isspace() also takes
 * 0xa0 (no-break space in Latin-1), which the C locale's does not. */
bool rs_valid_ifname(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= RS_IFNAMSIZ || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s) ||
		    (unsigned char)*s == 0xa0)
			return false;
	return true;
}

static int add_vip(struct rs_config *c, const char *value, struct rs_diag *d)
{
	struct rs_addr a, *v;
	size_t i;

	if (rs_addr_parse(value, &a) < 0) {
		rs_diag_set(d, "invalid VIP '%s': expected an IPv4 or IPv6 address", value);
		return -EINVAL;
	}
	if (a.prefixlen != rs_addr_hostlen(a.family)) {
		rs_diag_set(d, "VIP '%s': a VIP must be a host address (/%u); a wider "
			    "prefix would make the whole range local", value,
			    rs_addr_hostlen(a.family));
		return -EINVAL;
	}
	for (i = 0; i < c->n_vips; i++)
		if (rs_addr_equal(&c->vips[i], &a))
			return 0;	/* the file and the options may both name it */
	v = realloc(c->vips, (c->n_vips + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->vips = v;
	c->vips[c->n_vips++] = a;
	return 0;
}

static int add_arp_iface(struct rs_config *c, const char *value, struct rs_diag *d)
{
	char (*v)[RS_IFNAMSIZ];
	size_t i;

	if (!rs_valid_ifname(value)) {
		rs_diag_set(d, "invalid interface name '%s'", value);
		return -EINVAL;
	}
	for (i = 0; i < c->n_arp_ifaces; i++)
		if (!strcmp(c->arp_ifaces[i], value))
			return 0;
	v = realloc(c->arp_ifaces, (c->n_arp_ifaces + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	c->arp_ifaces = v;
	snprintf(v[c->n_arp_ifaces++], RS_IFNAMSIZ, "%s", value);
	return 0;
}

static int set_port(struct rs_config *c, const char *value, struct rs_diag *d)
{
	char *end;
	long p;

	errno = 0;
	p = strtol(value, &end, 10);
	if (!*value || *end || errno || p < 1 || p > 65535) {
		rs_diag_set(d, "invalid tun-port '%s': expected 1-65535", value);
		return -EINVAL;
	}
	c->tun_port = (uint16_t)p;
	return 0;
}

int rs_config_set(struct rs_config *c, const char *key, const char *value,
		  struct rs_diag *d)
{
	if (!strcmp(key, "vip"))
		return add_vip(c, value, d);
	if (!strcmp(key, "arp-iface"))
		return add_arp_iface(c, value, d);
	if (!strcmp(key, "mode")) {
		if (!strcmp(value, "dr"))
			c->mode = RS_MODE_DR;
		else if (!strcmp(value, "tun"))
			c->mode = RS_MODE_TUN;
		else
			goto bad;
		c->set |= RS_SET_MODE;
		return 0;
	}
	if (!strcmp(key, "tun-type")) {
		if (!strcmp(value, "ipip"))
			c->tun_type = RS_TUN_IPIP;
		else if (!strcmp(value, "gue"))
			c->tun_type = RS_TUN_GUE;
		else if (!strcmp(value, "gre"))
			c->tun_type = RS_TUN_GRE;
		else
			goto bad;
		c->set |= RS_SET_TUN_TYPE;
		return 0;
	}
	if (!strcmp(key, "tun-port")) {
		c->set |= RS_SET_TUN_PORT;
		return set_port(c, value, d);
	}
	if (!strcmp(key, "tun-outer")) {
		if (!strcmp(value, "ipv4"))
			c->tun_outer = AF_INET;
		else if (!strcmp(value, "ipv6"))
			c->tun_outer = AF_INET6;
		else
			goto bad;
		c->set |= RS_SET_TUN_OUTER;
		return 0;
	}
	if (!strcmp(key, "dummy")) {
		if (!rs_valid_ifname(value) || !strcmp(value, "lo")) {
			rs_diag_set(d, "invalid dummy device name '%s'", value);
			return -EINVAL;
		}
		snprintf(c->dummy, sizeof(c->dummy), "%s", value);
		c->set |= RS_SET_DUMMY;
		return 0;
	}
	rs_diag_set(d, "unknown setting '%s'", key);
	return -EINVAL;
bad:
	rs_diag_set(d, "invalid %s '%s'", key, value);
	return -EINVAL;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* The bit of a key that may be set once in a file; 0 for vip and arp-iface. */
static unsigned single_key_bit(const char *key)
{
	static const struct { const char *key; unsigned bit; } keys[] = {
		{ "mode", RS_SET_MODE }, { "tun-type", RS_SET_TUN_TYPE },
		{ "tun-port", RS_SET_TUN_PORT }, { "tun-outer", RS_SET_TUN_OUTER },
		{ "dummy", RS_SET_DUMMY },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(key, keys[i].key))
			return keys[i].bit;
	return 0;
}

int rs_config_parse(struct rs_config *c, FILE *fp, const char *name,
		    struct rs_diag *d)
{
	char line[512], *p, *eq, *key, *value;
	unsigned lineno = 0, seen = 0, bit, first[32] = { 0 };
	struct rs_diag inner;
	enum rs_line got;
	int ret;

	while ((got = rs_line_read(fp, line, sizeof(line))) != RS_LINE_EOF) {
		lineno++;
		switch (got) {
		case RS_LINE_LONG:
			rs_diag_set(d, "%s:%u: line too long", name, lineno);
			return -EINVAL;
		case RS_LINE_NUL:
			rs_diag_set(d, "%s:%u: NUL byte in the line (not a text file?)", name,
				    lineno);
			return -EINVAL;
		case RS_LINE_ERROR:
			rs_diag_set(d, "%s: read error: %s", name, strerror(errno));
			return -EIO;
		default:
			break;
		}
		p = strchr(line, '#');
		if (p)
			*p = '\0';
		p = trim(line);
		if (!*p)
			continue;
		eq = strchr(p, '=');
		if (!eq) {
			rs_diag_set(d, "%s:%u: expected 'key = value'", name, lineno);
			return -EINVAL;
		}
		*eq = '\0';
		key = trim(p);
		value = trim(eq + 1);
		if (!*key || !*value) {
			rs_diag_set(d, "%s:%u: expected 'key = value'", name, lineno);
			return -EINVAL;
		}
		/* Twice in one file is a mistake either way: which one was meant? */
		bit = single_key_bit(key);
		if (bit & seen) {
			rs_diag_set(d, "%s:%u: '%s' is set twice (first on line %u)", name,
				    lineno, key, first[__builtin_ctz(bit)]);
			return -EINVAL;
		}
		ret = rs_config_set(c, key, value, &inner);
		if (ret < 0) {
			rs_diag_set(d, "%s:%u: %s", name, lineno, inner.msg);
			return ret;
		}
		if (bit) {
			seen |= bit;
			first[__builtin_ctz(bit)] = lineno;
		}
	}
	return 0;
}

int rs_config_load(struct rs_config *c, const char *path, bool must_exist,
		   struct rs_diag *d)
{
	FILE *fp = fopen(path, "re");
	int ret;

	if (!fp) {
		if (errno == ENOENT && !must_exist)
			return 0;
		ret = -errno;
		rs_diag_set(d, "cannot open %s: %s", path, strerror(errno));
		return ret;
	}
	ret = rs_config_parse(c, fp, path, d);
	fclose(fp);
	return ret;
}

int rs_config_validate(const struct rs_config *c, struct rs_diag *d)
{
	if (c->mode == RS_MODE_DR &&
	    (c->set & (RS_SET_TUN_TYPE | RS_SET_TUN_PORT | RS_SET_TUN_OUTER))) {
		rs_diag_set(d, "tun-type, tun-port and tun-outer need mode tun");
		return -EINVAL;
	}
	if (c->mode == RS_MODE_TUN && c->tun_type == RS_TUN_GUE && !c->tun_port) {
		rs_diag_set(d, "tun-type gue needs tun-port (the director's --tun-port)");
		return -EINVAL;
	}
	if (c->tun_port && c->tun_type != RS_TUN_GUE) {
		rs_diag_set(d, "tun-port is only meaningful with tun-type gue");
		return -EINVAL;
	}
	return 0;
}

void rs_config_write(const struct rs_config *c, FILE *fp, const char *prefix)
{
	char buf[INET6_ADDRSTRLEN];
	size_t i;

	fprintf(fp, "%smode %s\n", prefix, rs_mode_name(c->mode));
	if (c->mode == RS_MODE_TUN) {
		fprintf(fp, "%stun-type %s\n", prefix, rs_tun_type_name(c->tun_type));
		if (c->tun_port)
			fprintf(fp, "%stun-port %u\n", prefix, c->tun_port);
		if (c->tun_outer != AF_UNSPEC)
			fprintf(fp, "%stun-outer %s\n", prefix,
				c->tun_outer == AF_INET6 ? "ipv6" : "ipv4");
	}
	if (c->dummy[0])
		fprintf(fp, "%sdummy %s\n", prefix, c->dummy);
	for (i = 0; i < c->n_arp_ifaces; i++)
		fprintf(fp, "%sarp-iface %s\n", prefix, c->arp_ifaces[i]);
	for (i = 0; i < c->n_vips; i++)
		fprintf(fp, "%svip %s\n", prefix, rs_addr_str(&c->vips[i], buf, sizeof(buf)));
}
