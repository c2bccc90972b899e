/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Addresses and ports as ipvsadm 1.31 writes them: "10.0.0.1:80",
 * "[2001:db8::1]:443", or with names ("web.example.com:http") unless
 * numeric.  Name lookups go through a resolver that tests can replace,
 * once per distinct address and per distinct port and protocol (the
 * answers are kept until the resolver is replaced).
 */
#ifndef IPVSADM_NAMES_H
#define IPVSADM_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 1.31's buffer for "addr:port": names longer than 59 bytes are cut. */
#define NAMES_ADDRPORT_LEN	60

struct names_resolver {
	/* Host name for addr (AF_INET: 4 bytes, AF_INET6: 16), or NULL. */
	const char *(*host)(int af, const void *addr);
	/* Service name for a host-order port of an IPPROTO_*, or NULL. */
	const char *(*service)(uint16_t port, uint16_t proto);
};

/* Replace the resolver (tests); NULL restores the system one
 * (gethostbyaddr and getservbyport, as 1.31 uses). */
void names_set_resolver(const struct names_resolver *r);

/* The names below come from one table each (names.c). */

/* "TCP", "UDP", "SCTP", or "?". */
const char *names_proto(uint16_t proto);
/* The -S service option: "-t", "-u", "--sctp-service", or NULL. */
const char *names_proto_option(uint16_t proto);
/* The services database's "tcp", "udp", "sctp", or NULL. */
const char *names_proto_services(uint16_t proto);
/* IPPROTO_* for "TCP", "UDP" or "SCTP"; 0 for anything else. */
uint16_t names_proto_number(const char *shown);

/* "ipip", "gue", "gre" for an enum ipvs_tun_type; NULL past them. */
const char *names_tun_type(unsigned int type);

/* Scheduler flags as -b spells them: the IPVS_SVC_F_SCHED* bit, and the
 * scheduler a name is for (NULL: any other).  Ends with a NULL name. */
struct names_sched_flag {
	const char	*name;
	uint32_t	flag;
	const char	*sched;
};
extern const struct names_sched_flag names_sched_flags[];
/* The name of flag for scheduler sched, or NULL when it shows none (sh
 * and mh have names for their first two flags only). */
const char *names_sched_flag(const char *sched, uint32_t flag);

/* inet_ntop into buf (>= 46 bytes); "(null)" for an unknown family. */
const char *names_addr(int af, const void *addr, char *buf, size_t len);

/*
 * "addr:port" into buf[NAMES_ADDRPORT_LEN], brackets around anything that
 * is not AF_INET.  numeric: the address and the decimal port; otherwise the
 * host name (else the address) and the service name of port for proto
 * (else the decimal port).  Returns false when the text did not fit and
 * was cut, as 1.31 cuts it.
 */
bool names_addrport(char *buf, int af, const void *addr, uint16_t port,
		    uint16_t proto, bool numeric);

#endif /* IPVSADM_NAMES_H */
