/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Address and port text; see names.h. */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>

#include "names.h"

static const char *sys_host(int af, const void *addr)
{
	struct hostent *h;
	socklen_t len = af == AF_INET6 ? sizeof(struct in6_addr) : sizeof(struct in_addr);

	h = gethostbyaddr(addr, len, af);
	return h ? h->h_name : NULL;
}

static const char *sys_service(uint16_t port, uint16_t proto)
{
	const char *pname;
	struct servent *s;

	switch (proto) {
	case IPPROTO_TCP:  pname = "tcp"; break;
	case IPPROTO_UDP:  pname = "udp"; break;
	case IPPROTO_SCTP: pname = "sctp"; break;
	default:	   return NULL;
	}
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
	switch (proto) {
	case IPPROTO_TCP:  return "TCP";
	case IPPROTO_UDP:  return "UDP";
	case IPPROTO_SCTP: return "SCTP";
	default:	   return "?";
	}
}

const char *names_proto_option(uint16_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:  return "-t";
	case IPPROTO_UDP:  return "-u";
	case IPPROTO_SCTP: return "--sctp-service";
	default:	   return NULL;
	}
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
