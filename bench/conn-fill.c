/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fill a director's connection table for the benchmark:
 *
 *   conn-fill VIP PORT SRC N
 *
 * sends N UDP datagrams to VIP:PORT through a raw socket, each from its own
 * source address and port (SRC, SRC+1, ... with ports 1024-65535 each), so
 * a UDP virtual service makes one connection entry per datagram.  Batches
 * go out with sendmmsg().  Prints nothing but errors.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH	256
#define PORTS	(65536 - 1024)

struct packet {
	struct iphdr	ip;
	struct udphdr	udp;
	char		payload[4];
};

static uint16_t ip_checksum(const void *data, size_t len)
{
	const uint16_t *w = data;
	uint32_t sum = 0;

	for (; len > 1; len -= 2)
		sum += *w++;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void packet_fill(struct packet *p, uint32_t src, uint16_t sport,
			uint32_t dst, uint16_t dport)
{
	memset(p, 0, sizeof(*p));
	p->ip.version = 4;
	p->ip.ihl = 5;
	p->ip.ttl = 64;
	p->ip.protocol = IPPROTO_UDP;
	p->ip.tot_len = htons(sizeof(*p));
	p->ip.saddr = htonl(src);
	p->ip.daddr = dst;
	p->ip.check = ip_checksum(&p->ip, sizeof(p->ip));
	p->udp.source = htons(sport);
	p->udp.dest = dport;
	p->udp.len = htons(sizeof(p->udp) + sizeof(p->payload));
	memcpy(p->payload, "conn", 4);	/* UDP checksum 0: none */
}

int main(int argc, char **argv)
{
	static struct packet pkts[BATCH];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct in_addr src;
	unsigned long n, sent = 0;
	int fd;

	if (argc != 5 || inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[3], &src) != 1) {
		fprintf(stderr, "usage: conn-fill VIP PORT SRC N\n");
		return 2;
	}
	to.sin_port = htons((uint16_t)atoi(argv[2]));
	n = strtoul(argv[4], NULL, 10);
	fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0) {
		perror("conn-fill: raw socket");
		return 1;
	}
	while (sent < n) {
		unsigned int k, batch = n - sent < BATCH ? (unsigned int)(n - sent) : BATCH;
		int got;

		for (k = 0; k < batch; k++) {
			unsigned long i = sent + k;

			packet_fill(&pkts[k], ntohl(src.s_addr) + (uint32_t)(i / PORTS),
				    (uint16_t)(1024 + i % PORTS), to.sin_addr.s_addr, to.sin_port);
			iov[k] = (struct iovec){ &pkts[k], sizeof(pkts[k]) };
			msgs[k] = (struct mmsghdr){ .msg_hdr = {
				.msg_name = &to, .msg_namelen = sizeof(to),
				.msg_iov = &iov[k], .msg_iovlen = 1 } };
		}
		got = sendmmsg(fd, msgs, batch, 0);
		if (got <= 0) {
			perror("conn-fill: sendmmsg");
			return 1;
		}
		sent += (unsigned long)got;
	}
	close(fd);
	return 0;
}
