/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Address and port text; see names.h. */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>

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

void names_set_resolver(const struct names_resolver *r)
{
	resolver = r ? r : &sys_resolver;
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
		host = resolver->host ? resolver->host(af, addr) : NULL;
		serv = resolver->service ? resolver->service(port, proto) : NULL;
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
