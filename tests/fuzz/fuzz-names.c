/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A name service of a few fixed entries, in place of the C library's (the
 * program's own definitions win over libc's): a fuzzer must not resolve
 * names through the network or the host's files.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"

static struct in_addr host_addr;
static char *host_addrs[] = { (char *)&host_addr, NULL };
static char host_name[] = "rs1.example";
static char *no_aliases[] = { NULL };
static struct hostent host = {
	host_name, no_aliases, AF_INET, sizeof(struct in_addr), host_addrs
};

struct hostent *gethostbyname(const char *name)
{
	if (strcmp(name, "rs1.example") && strcmp(name, "localhost"))
		return NULL;
	host_addr.s_addr = htonl(strcmp(name, "localhost") ? 0xc0000201 : 0x7f000001);
	return &host;
}

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type)
{
	if (type != AF_INET || len != 4 || memcmp(addr, "\xc0\x00\x02\x01", 4))
		return NULL;
	memcpy(&host_addr, addr, 4);
	return &host;
}

static char serv_name[] = "http";
static struct servent serv = { serv_name, no_aliases, 0, NULL };

struct servent *getservbyname(const char *name, const char *proto)
{
	if (strcmp(name, "http"))
		return NULL;
	serv.s_port = htons(80);
	serv.s_proto = (char *)proto;
	return &serv;
}

struct servent *getservbyport(int port, const char *proto)
{
	if (port != htons(80))
		return NULL;
	serv.s_port = port;
	serv.s_proto = (char *)proto;
	return &serv;
}

FILE *fuzz_stream(const uint8_t *data, size_t size)
{
	/* Read-only, so the cast is safe; fmemopen() may refuse size 0. */
	FILE *fp = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");

	if (!fp)
		abort();
	return fp;
}

FILE *fuzz_sink(void)
{
	static FILE *sink;

	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	return sink;
}
