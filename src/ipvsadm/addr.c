/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Address and port syntax, exactly as ipvsadm 1.31 accepts it, quirks
 * included (see the reference, section 7).  Literals are tried first so
 * that numeric input never touches the resolver.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "names.h"

long addr_to_number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < min || v > max)
		return -1;
	return v;
}

static bool all_digits(const char *s)
{
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;	/* also for "": 1.31 rejects both */
}

/* IPv4 only, like 1.31's host_to_addr(). */
static int resolve4(const char *name, struct in_addr *out)
{
	struct hostent *he = gethostbyname(name);

	if (!he || he->h_addrtype != AF_INET || he->h_length != sizeof(*out))
		return -1;
	memcpy(out, he->h_addr_list[0], sizeof(*out));
	return 0;
}

static long service_port(const char *name, uint16_t protocol)
{
	const char *proto;
	struct servent *se;
	long n;

	n = addr_to_number(name, 0, 65535);
	if (n != -1)
		return n;
	proto = names_proto_services(protocol);
	if (!proto)
		return -1;
	se = getservbyname(name, proto);
	return se ? ntohs((uint16_t)se->s_port) : -1;
}

int addr_parse_service(char *buf, struct ipvs_service *svc)
{
	char *colon = NULL;	/* the ':' before the port, if any */
	struct in6_addr a6;
	struct in_addr a4;
	long port;

	if (!buf || all_digits(buf))
		return 0;
	if (buf[0] == '[') {
		char *close;

		buf++;
		close = strchr(buf, ']');
		if (!close || close[1] != ':')
			return 0;
		*close = '\0';
		colon = close + 1;
	}
	if (inet_pton(AF_INET6, buf, &a6) > 0) {
		svc->af = AF_INET6;
		svc->addr.in6 = a6;
		svc->netmask = 128;
	} else {
		/* For "[1.2.3.4]:80" this finds no colon inside the brackets,
		 * and the port is dropped, as 1.31 does. */
		colon = strrchr(buf, ':');
		if (colon)
			*colon = '\0';
		if (inet_aton(buf, &a4) == 0 && resolve4(buf, &a4) != 0)
			return 0;
		svc->af = AF_INET;
		memset(&svc->addr, 0, sizeof(svc->addr));
		svc->addr.in = a4;
	}
	if (!colon)
		return ADDR_HAS_ADDR;
	port = service_port(colon + 1, svc->protocol);
	if (port < 0)
		return 0;
	svc->port = (uint16_t)port;
	return ADDR_HAS_ADDR | ADDR_HAS_PORT;
}

int addr_parse_mask4(const char *buf, uint32_t *mask)
{
	struct in_addr a;

	if (inet_aton(buf, &a) == 0 && resolve4(buf, &a) != 0)
		return -1;
	*mask = a.s_addr;
	return 0;
}
