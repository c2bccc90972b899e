/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rs-setup: prepare an LVS real server for direct routing (DR) or tunnelling
 * (TUN) and undo exactly what was done.
 *
 * Layers:  config (what the user wants)  +  sys (what the kernel has now)
 *          -> plan (pure: ordered steps)  -> apply (netlink, sysctls) with
 *          record (the state file: every change is written down before it
 *          is made, so stop can undo it even after a crash).
 * check and status are pure functions of config + sys, rendered through one
 * text/JSON output context (out.h).
 */
#ifndef RS_SETUP_RS_H
#define RS_SETUP_RS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

#define RS_IFNAMSIZ	16
#define RS_PATH_MAX	128
#define RS_MSG_MAX	320

#define RS_DEFAULT_CONFIG	"/etc/rs-setup.conf"
/* State files: one per network namespace (netns.h); "state" is where rs-setup
 * kept the only one before it told namespaces apart. */
#define RS_STATE_DIR		"/run/rs-setup"
#define RS_LEGACY_STATE		RS_STATE_DIR "/state"
#define RS_DEFAULT_SYSCTL	"/proc/sys"
#define RS_DEFAULT_SYSFS	"/sys"

/* Exit codes (documented in rs-setup.8). */
enum { RS_EXIT_OK = 0, RS_EXIT_FAIL = 1, RS_EXIT_USAGE = 2 };

/* One error message, filled by whoever fails first. */
struct rs_diag {
	char msg[RS_MSG_MAX];
};
void rs_diag_set(struct rs_diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One line of a config or state file (util.c): rs_line_read() fills buf
 * without the newline and says what it found. */
enum rs_line {
	RS_LINE_OK,
	RS_LINE_EOF,		/* nothing left to read */
	RS_LINE_UNTERMINATED,	/* the last line, with no newline (buf holds it) */
	RS_LINE_LONG,		/* longer than buf: the rest of it is not read */
	RS_LINE_NUL,		/* a NUL byte: not a text file */
	RS_LINE_ERROR,		/* a read error (errno) */
};
enum rs_line rs_line_read(FILE *fp, char *buf, size_t size);

struct rs_addr {
	int family;			/* AF_INET or AF_INET6 */
	uint8_t prefixlen;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} u;
};
int rs_addr_parse(const char *s, struct rs_addr *a);	/* 0 or -EINVAL */
const char *rs_addr_str(const struct rs_addr *a, char *buf, size_t len);
bool rs_addr_equal(const struct rs_addr *a, const struct rs_addr *b); /* ignores prefix */
static inline uint8_t rs_addr_hostlen(int family)
{
	return family == AF_INET6 ? 128 : 32;
}

/* ---- configuration (config.c) ---- */

enum rs_mode { RS_MODE_DR, RS_MODE_TUN };
enum rs_tun_type { RS_TUN_IPIP, RS_TUN_GUE, RS_TUN_GRE };

/* Bits of struct rs_config.set: which scalars were given explicitly. */
enum {
	RS_SET_MODE = 1 << 0,
	RS_SET_TUN_TYPE = 1 << 1,
	RS_SET_TUN_PORT = 1 << 2,
	RS_SET_TUN_OUTER = 1 << 3,
	RS_SET_DUMMY = 1 << 4,
};

struct rs_config {
	enum rs_mode mode;
	enum rs_tun_type tun_type;
	uint16_t tun_port;		/* GUE only */
	int tun_outer;			/* AF_INET, AF_INET6, AF_UNSPEC = as the VIP */
	char dummy[RS_IFNAMSIZ];	/* "" = no dummy device */
	struct rs_addr *vips;
	size_t n_vips;
	char (*arp_ifaces)[RS_IFNAMSIZ];	/* none = scope "all" */
	size_t n_arp_ifaces;
	unsigned set;
};

void rs_config_init(struct rs_config *c);
void rs_config_free(struct rs_config *c);
int rs_config_copy(struct rs_config *dst, const struct rs_config *src);
/* One "key = value" setting; the same keys serve the file, the options and
 * the state file.  Repeatable keys (vip, arp-iface) append. */
int rs_config_set(struct rs_config *c, const char *key, const char *value,
		  struct rs_diag *d);
/* Parse a config file's text; errors name the file and line. */
int rs_config_parse(struct rs_config *c, FILE *fp, const char *name,
		    struct rs_diag *d);
int rs_config_load(struct rs_config *c, const char *path, bool must_exist,
		   struct rs_diag *d);
/* Cross-key rules (GUE needs a port, and so on). */
int rs_config_validate(const struct rs_config *c, struct rs_diag *d);
/* Write the settings as "key value" lines, each preceded by prefix. */
void rs_config_write(const struct rs_config *c, FILE *fp, const char *prefix);
const char *rs_mode_name(enum rs_mode m);
const char *rs_tun_type_name(enum rs_tun_type t);
bool rs_valid_ifname(const char *s);

/* ---- kernel snapshot (sys.c pure queries, probe.c gathers) ---- */

enum rs_module {
	RS_MOD_IPIP, RS_MOD_SIT, RS_MOD_IP6_TUNNEL, RS_MOD_IP_GRE,
	RS_MOD_IP6_GRE, RS_MOD_FOU, RS_MOD_DUMMY, RS_MOD_COUNT
};
const char *rs_module_name(enum rs_module m);

struct rs_link {
	int ifindex;
	char name[RS_IFNAMSIZ];
	unsigned flags;			/* IFF_* */
	char kind[RS_IFNAMSIZ];		/* rtnl kind, "" if none */
};

struct rs_ifaddr {
	int ifindex;
	struct rs_addr addr;
};

/* IPv4 per-device knobs; -1 when unreadable. */
struct rs_conf {
	char name[RS_IFNAMSIZ];		/* "all", "default" or a device */
	int arp_ignore, arp_announce, rp_filter;
};

struct rs_fou {
	uint16_t port;			/* host order */
	int family;
};

struct rs_sys {
	struct rs_link *links;
	size_t n_links;
	struct rs_ifaddr *addrs;
	size_t n_addrs;
	struct rs_conf *confs;
	size_t n_confs;
	struct rs_fou *fous;
	size_t n_fous;
	unsigned modules;		/* 1 << enum rs_module when loaded */
};

enum rs_knob { RS_ARP_IGNORE, RS_ARP_ANNOUNCE, RS_RP_FILTER };
const char *rs_knob_name(enum rs_knob k);

void rs_sys_free(struct rs_sys *s);
const struct rs_link *rs_sys_link(const struct rs_sys *s, const char *name);
const struct rs_link *rs_sys_link_by_index(const struct rs_sys *s, int ifindex);
const struct rs_conf *rs_sys_conf(const struct rs_sys *s, const char *name);
/* The value a device's own knob has, or would have if created now. */
int rs_sys_knob(const struct rs_sys *s, const char *name, enum rs_knob k);
/* max(conf/all, conf/NAME): what the kernel actually uses. */
int rs_sys_effective(const struct rs_sys *s, const char *name, enum rs_knob k);
bool rs_sys_has_v4(const struct rs_sys *s, const char *name);
bool rs_sys_has_fou(const struct rs_sys *s, uint16_t port, int family);
bool rs_sys_module(const struct rs_sys *s, enum rs_module m);
/* Every address equal to a (any prefix); returns the count, fills up to max. */
size_t rs_sys_find_addr(const struct rs_sys *s, const struct rs_addr *a,
			const struct rs_ifaddr **out, size_t max);
/* Devices that are up and answer ARP, so their ARP knobs matter. */
bool rs_link_arps(const struct rs_link *l);

bool rs_arp_ignore_ok(int v);
bool rs_arp_announce_ok(int v);

/* ---- where things live (layout.c, pure) ---- */

struct rs_tunnel {
	const char *dev;		/* fallback device, e.g. "tunl0" */
	const char *kind;		/* rtnl kind to create it with */
	enum rs_module module;
	int outer;			/* outer family */
};

const struct rs_tunnel *rs_tunnel_for(const struct rs_config *c,
				      const struct rs_addr *vip);
int rs_outer_family(const struct rs_config *c, const struct rs_addr *vip);
/* The device that holds the VIP (lo, the dummy or the tunnel). */
const char *rs_vip_home(const struct rs_config *c, const struct rs_addr *vip);
/* Devices that get the VIP, in the order start adds it: the tunnel first
 * when it is not the home (so loose rp_filter works), then the home. */
size_t rs_vip_targets(const struct rs_config *c, const struct rs_addr *vip,
		      const char *out[2]);
/* Distinct tunnels the config needs, in VIP order. */
size_t rs_config_tunnels(const struct rs_config *c,
			 const struct rs_tunnel **out, size_t max);
bool rs_tunnel_gets_v4(const struct rs_config *c, const struct rs_tunnel *t);
bool rs_config_has_v4(const struct rs_config *c);

/* ---- plan (plan.c, pure) ---- */

enum rs_step_kind {
	RS_STEP_SYSCTL,		/* write value to path unless already there */
	RS_STEP_MODULE,		/* load a module */
	RS_STEP_LINK,		/* make sure a device exists and is up */
	RS_STEP_FOU,		/* add a GUE receive port */
	RS_STEP_ADDR,		/* add a host address */
	RS_STEP_VERIFY_ARP,	/* effective ARP knobs are right now */
	RS_STEP_VERIFY_RPF,	/* effective rp_filter lets tunnel packets in */
};

struct rs_step {
	enum rs_step_kind kind;
	char path[RS_PATH_MAX];		/* sysctl, relative to the sysctl root */
	int value, now;			/* sysctl: wanted and current */
	char ifname[RS_IFNAMSIZ];	/* link, addr, verify rpf */
	char link_kind[RS_IFNAMSIZ];	/* link: kind when it must be created */
	bool create;			/* link: missing now */
	enum rs_module module;
	struct rs_addr addr;		/* addr */
	uint16_t port;			/* fou */
	int family;			/* fou: outer family */
	uint8_t ipproto;		/* fou */
};

struct rs_plan {
	struct rs_step *steps;
	size_t n;
};

int rs_plan_start(const struct rs_config *c, const struct rs_sys *s,
		  struct rs_plan *p, struct rs_diag *d);
void rs_plan_free(struct rs_plan *p);
/* One line describing a step, for --dry-run and verbose output. */
void rs_step_describe(const struct rs_step *st, char *buf, size_t len);
/* True if the step changes something (verify steps do not). */
bool rs_step_changes(const struct rs_step *st);

/* ---- check (check.c, pure) ---- */

struct rs_problem {
	char what[RS_MSG_MAX];
	char fix[RS_MSG_MAX];
};

struct rs_problems {
	struct rs_problem *v;
	size_t n;
};

void rs_check(const struct rs_config *c, const struct rs_sys *s,
	      struct rs_problems *out);
void rs_problems_free(struct rs_problems *p);
/* Only the ARP part (used by start to verify what it wrote). */
void rs_check_arp(const struct rs_config *c, const struct rs_sys *s,
		  struct rs_problems *out);
void rs_check_rpf(const struct rs_config *c, const struct rs_sys *s,
		  const char *dev, struct rs_problems *out);

#endif
