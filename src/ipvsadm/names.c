/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Address and port text; see names.h. */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ipvs/ipvs.h>

#include "names.h"

static const char *sys_host(int af, const void *addr)
{
	struct hostent *h;
	socklen_t len = af == AF_INET6 ? sizeof(struct in6_addr) : sizeof(struct in_addr);

	h = gethostbyaddr(addr, len, af);
	return h ? h->h_name : NULL;
}

/* The protocols a service can have, with their names. */
static const struct {
	uint16_t	proto;
	const char	*shown;		/* in listings and /proc/net/ip_vs_conn */
	const char	*services;	/* in the services database */
	const char	*option;	/* -S's service option */
} protos[] = {
	{ IPPROTO_TCP,  "TCP",  "tcp",  "-t" },
	{ IPPROTO_UDP,  "UDP",  "udp",  "-u" },
	{ IPPROTO_SCTP, "SCTP", "sctp", "--sctp-service" },
};
#define N_PROTOS	(sizeof(protos) / sizeof(protos[0]))

static int proto_index(uint16_t proto)
{
	for (size_t i = 0; i < N_PROTOS; i++)
		if (protos[i].proto == proto)
			return (int)i;
	return -1;
}

const char *names_proto_services(uint16_t proto)
{
	int i = proto_index(proto);

	return i < 0 ? NULL : protos[i].services;
}

uint16_t names_proto_number(const char *shown)
{
	for (size_t i = 0; i < N_PROTOS; i++)
		if (!strcmp(shown, protos[i].shown))
			return protos[i].proto;
	return 0;
}

static const char *sys_service(uint16_t port, uint16_t proto)
{
	const char *pname = names_proto_services(proto);
	struct servent *s;

	if (!pname)
		return NULL;
	s = getservbyport(htons(port), pname);
	return s ? s->s_name : NULL;
}

static const struct names_resolver sys_resolver = { sys_host, sys_service };
static const struct names_resolver *resolver = &sys_resolver;

/*
 * Names looked up once per distinct key, not once per line: a connection
 * listing repeats a few addresses and ports thousands of times, and each
 * lookup may be a DNS query.  Open addressing, kept at most half full; a
 * failed lookup is remembered too (name NULL).
 */
struct name_slot {
	bool		used;
	uint8_t		key[20];	/* family or protocol, then address or port */
	char		*name;
};

struct name_cache {
	struct name_slot *slots;
	size_t		cap, used;	/* cap: 0 or a power of two */
};

static struct name_cache host_cache, service_cache;

static void cache_clear(struct name_cache *nc)
{
	for (size_t i = 0; i < nc->cap; i++)
		free(nc->slots[i].name);
	free(nc->slots);
	*nc = (struct name_cache){ 0 };
}

static size_t key_hash(const uint8_t key[20])
{
	uint64_t h = 1469598103934665603u;	/* FNV-1a */

	for (int i = 0; i < 20; i++)
		h = (h ^ key[i]) * 1099511628211u;
	return (size_t)h;
}

static struct name_slot *cache_slot(struct name_slot *slots, size_t cap, const uint8_t key[20])
{
	size_t i = key_hash(key) & (cap - 1);

	while (slots[i].used && memcmp(slots[i].key, key, 20))
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static bool cache_grow(struct name_cache *nc)
{
	size_t cap = nc->cap ? nc->cap * 2 : 64;
	struct name_slot *slots = calloc(cap, sizeof(*slots));

	if (!slots)
		return false;
	for (size_t i = 0; i < nc->cap; i++)
		if (nc->slots[i].used)
			*cache_slot(slots, cap, nc->slots[i].key) = nc->slots[i];
	free(nc->slots);
	nc->slots = slots;
	nc->cap = cap;
	return true;
}

/* The cached name for key, else what lookup gives, kept.  Without memory
 * it still answers, uncached. */
static const char *cache_get(struct name_cache *nc, const uint8_t key[20],
			     const char *(*lookup)(const uint8_t key[20]))
{
	struct name_slot *slot;
	const char *name;

	if (nc->cap && (slot = cache_slot(nc->slots, nc->cap, key))->used)
		return slot->name;
	name = lookup(key);
	if ((nc->used + 1) * 2 > nc->cap && !cache_grow(nc))
		return name;
	slot = cache_slot(nc->slots, nc->cap, key);
	slot->used = true;
	memcpy(slot->key, key, 20);
	slot->name = name ? strdup(name) : NULL;
	nc->used++;
	return name ? slot->name : NULL;
}

static const char *lookup_host(const uint8_t key[20])
{
	uint16_t af;

	memcpy(&af, key, sizeof(af));
	return resolver->host ? resolver->host(af, key + 4) : NULL;
}

static const char *lookup_service(const uint8_t key[20])
{
	uint16_t port, proto;

	memcpy(&proto, key, sizeof(proto));
	memcpy(&port, key + 2, sizeof(port));
	return resolver->service ? resolver->service(port, proto) : NULL;
}

static const char *cached_host(int af, const void *addr)
{
	uint8_t key[20] = { 0 };
	uint16_t f = (uint16_t)af;

	memcpy(key, &f, sizeof(f));
	memcpy(key + 4, addr, af == AF_INET6 ? 16 : 4);
	return cache_get(&host_cache, key, lookup_host);
}

static const char *cached_service(uint16_t port, uint16_t proto)
{
	uint8_t key[20] = { 0 };

	memcpy(key, &proto, sizeof(proto));
	memcpy(key + 2, &port, sizeof(port));
	return cache_get(&service_cache, key, lookup_service);
}

void names_set_resolver(const struct names_resolver *r)
{
	resolver = r ? r : &sys_resolver;
	cache_clear(&host_cache);
	cache_clear(&service_cache);
}

const char *names_proto(uint16_t proto)
{
	int i = proto_index(proto);

	return i < 0 ? "?" : protos[i].shown;
}

const char *names_proto_option(uint16_t proto)
{
	int i = proto_index(proto);

	return i < 0 ? NULL : protos[i].option;
}

const char *names_tun_type(unsigned int type)
{
	static const char *const names[] = {
		[IPVS_TUN_IPIP] = "ipip", [IPVS_TUN_GUE] = "gue", [IPVS_TUN_GRE] = "gre",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}

const struct names_sched_flag names_sched_flags[] = {
	{ "flag-1", IPVS_SVC_F_SCHED1, NULL },
	{ "flag-2", IPVS_SVC_F_SCHED2, NULL },
	{ "flag-3", IPVS_SVC_F_SCHED3, NULL },
	{ "sh-fallback", IPVS_SVC_F_SCHED_SH_FALLBACK, "sh" },
	{ "sh-port", IPVS_SVC_F_SCHED_SH_PORT, "sh" },
	{ "mh-fallback", IPVS_SVC_F_SCHED_MH_FALLBACK, "mh" },
	{ "mh-port", IPVS_SVC_F_SCHED_MH_PORT, "mh" },
	{ NULL, 0, NULL },
};

const char *names_sched_flag(const char *sched, uint32_t flag)
{
	const char *generic = NULL;
	bool own = false;

	for (const struct names_sched_flag *f = names_sched_flags; f->name; f++) {
		if (!f->sched) {
			if (f->flag == flag)
				generic = f->name;
		} else if (!strcmp(f->sched, sched)) {
			own = true;
			if (f->flag == flag)
				return f->name;
		}
	}
	/* A scheduler with flags of its own shows no others. */
	return own ? NULL : generic;
}

const char *names_addr(int af, const void *addr, char *buf, size_t len)
{
	if (!inet_ntop(af, addr, buf, len))
		snprintf(buf, len, "(null)");	/* what glibc prints for 1.31's NULL */
	return buf;
}

bool names_addrport(char *buf, int af, const void *addr, uint16_t port,
		    uint16_t proto, bool numeric)
{
	const char *open = af == AF_INET ? "" : "[";
	const char *close = af == AF_INET ? "" : "]";
	char abuf[INET6_ADDRSTRLEN], pbuf[8];
	const char *host = NULL, *serv = NULL;
	int n;

	if (!numeric) {
		host = cached_host(af, addr);
		serv = cached_service(port, proto);
	}
	if (!host)
		host = names_addr(af, addr, abuf, sizeof(abuf));
	if (!serv) {
		snprintf(pbuf, sizeof(pbuf), "%u", port);
		serv = pbuf;
	}
	n = snprintf(buf, NAMES_ADDRPORT_LEN, "%s%s%s:%s", open, host, close, serv);
	return n >= 0 && n < NAMES_ADDRPORT_LEN;
}
