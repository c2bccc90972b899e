/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel floor for bulk IPVS work: the least a client can do.
 *
 *   floor restore < RULES   pipeline one request per "-A"/"-a" line over one
 *                           socket (~128 KiB per sendmsg, capped acks read
 *                           in bulk, many datagrams per recvmmsg, into one
 *                           preallocated buffer)
 *   floor dump              one service dump, then one dest dump per service
 *   floor conns SIZE        read /proc/net/ip_vs_conn in SIZE-byte reads,
 *                           nothing parsed (the cost of -L -c's input)
 *
 * It understands only the numeric IPv4 rules the benchmark generates
 * ("-A -t A:P -s S" and "-a -t A:P -r A:P -m|-g|-i -w N"), uses raw netlink
 * with no library, and prints nothing but errors and a count.  It exists to
 * measure how close ipvsadm gets to what the kernel allows.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* From <linux/ip_vs.h>; spelled out so the bench needs no kernel headers. */
enum { CMD_NEW_SERVICE = 1, CMD_GET_SERVICE = 4, CMD_NEW_DEST = 5, CMD_GET_DEST = 8 };
enum { A_SERVICE = 1, A_DEST = 2 };
enum { S_AF = 1, S_PROTO, S_ADDR, S_PORT, S_FWMARK, S_SCHED, S_FLAGS, S_TIMEOUT, S_NETMASK };
enum { D_ADDR = 1, D_PORT, D_FWD, D_WEIGHT, D_UTH, D_LTH };

#define CHUNK	(128 * 1024)
#define SLOT	(32 * 1024)	/* the largest dump datagram */
#define SLOTS	32
#define RBUF	(SLOT * SLOTS)
#ifndef NETLINK_CAP_ACK
#define NETLINK_CAP_ACK 10
#endif

static int fd;
static uint16_t family;
static uint32_t seq = 1;
static char *sbuf, *rbuf;
static size_t slen;
static struct mmsghdr rv[SLOTS];
static struct iovec rio[SLOTS];

static void *put(size_t *len, char *base, uint16_t type, const void *data, size_t n)
{
	struct nlattr *a = (struct nlattr *)(base + *len);

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + n;
	if (data)
		memcpy((char *)a + NLA_HDRLEN, data, n);
	*len += NLA_ALIGN(a->nla_len);
	return a;
}

static struct nlmsghdr *msg_begin(uint16_t flags, uint8_t cmd)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)(sbuf + slen);
	struct genlmsghdr *g = NLMSG_DATA(nh);

	nh->nlmsg_type = family;
	nh->nlmsg_flags = NLM_F_REQUEST | flags;
	nh->nlmsg_seq = seq++;
	nh->nlmsg_pid = 0;
	g->cmd = cmd;
	g->version = 1;
	g->reserved = 0;
	nh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	return nh;
}

static void service_attrs(struct nlmsghdr *nh, uint32_t addr, uint16_t port, const char *sched)
{
	size_t len = nh->nlmsg_len, start;
	char *base = (char *)nh;
	struct nlattr *nest = put(&len, base, A_SERVICE, NULL, 0);
	uint16_t af = AF_INET, proto = 6;
	uint32_t a16[4] = { addr, 0, 0, 0 }, flags[2] = { 0, ~0u }, zero = 0, mask = ~0u;

	start = len - NLA_HDRLEN;
	put(&len, base, S_AF, &af, 2);
	put(&len, base, S_PROTO, &proto, 2);
	put(&len, base, S_ADDR, a16, 16);
	put(&len, base, S_PORT, &port, 2);
	if (sched) {
		put(&len, base, S_SCHED, sched, strlen(sched) + 1);
		put(&len, base, S_FLAGS, flags, 8);
		put(&len, base, S_TIMEOUT, &zero, 4);
		put(&len, base, S_NETMASK, &mask, 4);
	}
	nest->nla_len = len - start;
	nh->nlmsg_len = len;
}

static void dest_attrs(struct nlmsghdr *nh, uint32_t addr, uint16_t port, uint32_t fwd, uint32_t w)
{
	size_t len = nh->nlmsg_len, start;
	char *base = (char *)nh;
	struct nlattr *nest = put(&len, base, A_DEST, NULL, 0);
	uint32_t a16[4] = { addr, 0, 0, 0 }, zero = 0;

	start = len - NLA_HDRLEN;
	put(&len, base, D_ADDR, a16, 16);
	put(&len, base, D_PORT, &port, 2);
	put(&len, base, D_FWD, &fwd, 4);
	put(&len, base, D_WEIGHT, &w, 4);
	put(&len, base, D_UTH, &zero, 4);
	put(&len, base, D_LTH, &zero, 4);
	nest->nla_len = len - start;
	nh->nlmsg_len = len;
}

/* Messages of one datagram: 1 when the wait is over. */
static int take(char *p, ssize_t n, long *want, int *errors, int (*on_msg)(struct nlmsghdr *))
{
	for (struct nlmsghdr *nh = (void *)p; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
		if (nh->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr *e = NLMSG_DATA(nh);

			if (e->error) {
				++*errors;
				if (*errors < 5)
					fprintf(stderr, "seq %u: %s\n", nh->nlmsg_seq, strerror(-e->error));
			}
			if (*want && --*want == 0)
				return 1;
			if (!*want && e->error)
				return 1;
		} else if (nh->nlmsg_type == NLMSG_DONE) {
			if (!*want)
				return 1;
		} else if (on_msg) {
			on_msg(nh);
		}
	}
	return 0;
}

/* Read until `want` acks (or one dump's DONE when want == 0) have arrived. */
static int drain(long want, int (*on_msg)(struct nlmsghdr *))
{
	int errors = 0;

	for (;;) {
		int k = recvmmsg(fd, rv, SLOTS, MSG_WAITFORONE, NULL);

		if (k < 0) {
			perror("recvmmsg");
			exit(1);
		}
		for (int i = 0; i < k; i++)
			if (take(rbuf + (size_t)i * SLOT, rv[i].msg_len, &want, &errors, on_msg))
				return errors;
	}
}

static void flush_send(long *pending)
{
	if (!slen)
		return;
	if (send(fd, sbuf, slen, 0) != (ssize_t)slen) {
		perror("send");
		exit(1);
	}
	slen = 0;
	/* Keep at most two chunks of acks in flight. */
	if (*pending > 2000) {
		drain(*pending, NULL);
		*pending = 0;
	}
}

static uint16_t family_id(void)
{
	struct nlmsghdr *nh;
	size_t len;
	uint16_t id = 0;
	ssize_t n;

	slen = 0;
	nh = msg_begin(NLM_F_ACK, CTRL_CMD_GETFAMILY);
	nh->nlmsg_type = GENL_ID_CTRL;
	len = nh->nlmsg_len;
	put(&len, (char *)nh, CTRL_ATTR_FAMILY_NAME, "IPVS", 5);
	nh->nlmsg_len = len;
	send(fd, sbuf, len, 0);
	slen = 0;
	n = recv(fd, rbuf, RBUF, 0);
	for (nh = (void *)rbuf; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n)) {
		struct nlattr *a = (void *)((char *)NLMSG_DATA(nh) + GENL_HDRLEN);
		int rem = nh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

		if (nh->nlmsg_type != GENL_ID_CTRL)
			continue;
		for (; rem >= NLA_HDRLEN; rem -= NLA_ALIGN(a->nla_len),
		     a = (void *)((char *)a + NLA_ALIGN(a->nla_len)))
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				memcpy(&id, (char *)a + NLA_HDRLEN, 2);
	}
	if (!id) {
		fprintf(stderr, "floor: no IPVS family\n");
		exit(1);
	}
	return id;
}

static int parse_ap(const char *s, uint32_t *addr, uint16_t *port)
{
	char host[64];
	const char *c = strrchr(s, ':');

	if (!c || (size_t)(c - s) >= sizeof(host))
		return -1;
	memcpy(host, s, c - s);
	host[c - s] = 0;
	*port = htons(atoi(c + 1));
	return inet_pton(AF_INET, host, addr) == 1 ? 0 : -1;
}

static int restore(void)
{
	char line[512];
	long pending = 0, lines = 0;
	int errors = 0;

	while (fgets(line, sizeof(line), stdin)) {
		char *tok[16];
		int n = 0;
		uint32_t va, ra;
		uint16_t vp, rp;
		struct nlmsghdr *nh;

		for (char *t = strtok(line, " \t\r\n"); t && n < 16; t = strtok(NULL, " \t\r\n"))
			tok[n++] = t;
		if (n < 4 || parse_ap(tok[2], &va, &vp))
			continue;
		if (!strcmp(tok[0], "-A")) {
			nh = msg_begin(NLM_F_ACK, CMD_NEW_SERVICE);
			service_attrs(nh, va, vp, n >= 5 ? tok[4] : "wlc");
		} else if (!strcmp(tok[0], "-a") && n >= 8 && !parse_ap(tok[4], &ra, &rp)) {
			uint32_t fwd = !strcmp(tok[5], "-m") ? 0 : !strcmp(tok[5], "-i") ? 2 : 3;

			nh = msg_begin(NLM_F_ACK, CMD_NEW_DEST);
			service_attrs(nh, va, vp, NULL);
			dest_attrs(nh, ra, rp, fwd, atoi(tok[7]));
		} else {
			continue;
		}
		slen += NLMSG_ALIGN(nh->nlmsg_len);
		pending++;
		lines++;
		if (slen > CHUNK - 512)
			flush_send(&pending);
	}
	flush_send(&pending);
	if (pending)
		errors += drain(pending, NULL);
	printf("floor: %ld requests, %d errors\n", lines, errors);
	return errors ? 1 : 0;
}

/* Services seen by the dump, kept as (addr, port) to ask for their dests. */
static uint32_t *svc_addr;
static uint16_t *svc_port;
static long nsvc, ndest, cap;

static void nested_find(struct nlattr *nest, uint32_t *addr, uint16_t *port)
{
	int rem = nest->nla_len - NLA_HDRLEN;

	for (struct nlattr *a = (void *)((char *)nest + NLA_HDRLEN); rem >= NLA_HDRLEN;
	     rem -= NLA_ALIGN(a->nla_len), a = (void *)((char *)a + NLA_ALIGN(a->nla_len))) {
		if (a->nla_type == S_ADDR)
			memcpy(addr, (char *)a + NLA_HDRLEN, 4);
		else if (a->nla_type == S_PORT)
			memcpy(port, (char *)a + NLA_HDRLEN, 2);
	}
}

static int on_service(struct nlmsghdr *nh)
{
	struct nlattr *a = (void *)((char *)NLMSG_DATA(nh) + GENL_HDRLEN);

	if (nsvc == cap) {
		cap = cap ? cap * 2 : 1024;
		svc_addr = realloc(svc_addr, cap * sizeof(*svc_addr));
		svc_port = realloc(svc_port, cap * sizeof(*svc_port));
	}
	nested_find(a, &svc_addr[nsvc], &svc_port[nsvc]);
	nsvc++;
	return 0;
}

static int on_dest(struct nlmsghdr *nh)
{
	ndest++;
	return 0;
}

static int dump(void)
{
	struct nlmsghdr *nh;

	slen = 0;
	nh = msg_begin(NLM_F_DUMP, CMD_GET_SERVICE);
	send(fd, sbuf, nh->nlmsg_len, 0);
	drain(0, on_service);
	for (long i = 0; i < nsvc; i++) {
		slen = 0;
		nh = msg_begin(NLM_F_DUMP, CMD_GET_DEST);
		service_attrs(nh, svc_addr[i], svc_port[i], NULL);
		send(fd, sbuf, nh->nlmsg_len, 0);
		drain(0, on_dest);
	}
	printf("floor: %ld services, %ld destinations\n", nsvc, ndest);
	return 0;
}

/* The kernel's connection text, read and thrown away. */
static int conns(const char *size_arg)
{
	size_t size = strtoul(size_arg, NULL, 0), total = 0, reads = 0;
	FILE *f = fopen("/proc/net/ip_vs_conn", "re");
	char *buf = malloc(size ? size : 1);
	ssize_t got;

	if (!f || !buf || !size) {
		perror("floor conns");
		return 1;
	}
	while ((got = read(fileno(f), buf, size)) > 0) {
		total += (size_t)got;
		reads++;
	}
	if (got < 0) {
		perror("read");
		return 1;
	}
	fprintf(stderr, "floor: %zu bytes in %zu reads\n", total, reads);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int size = 4 << 20, one = 1;

	if (argc == 3 && !strcmp(argv[1], "conns"))
		return conns(argv[2]);
	if (argc != 2) {
		fprintf(stderr, "usage: floor restore|dump|conns SIZE\n");
		return 2;
	}
	sbuf = malloc(CHUNK);
	rbuf = malloc(RBUF);
	for (int i = 0; i < SLOTS; i++) {
		rio[i].iov_base = rbuf + (size_t)i * SLOT;
		rio[i].iov_len = SLOT;
		rv[i].msg_hdr.msg_iov = &rio[i];
		rv[i].msg_hdr.msg_iovlen = 1;
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("netlink");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	family = family_id();
	if (!strcmp(argv[1], "restore"))
		return restore();
	if (!strcmp(argv[1], "dump"))
		return dump();
	fprintf(stderr, "usage: floor restore|dump|conns SIZE\n");
	return 2;
}
