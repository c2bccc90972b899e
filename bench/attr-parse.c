/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host-side benchmark for the comment at the top of lib/codec.h: the reply
 * to a destination dump of SERVICESxDESTS (default 5000x10), synthesised
 * the way the kernel writes it, parsed into struct ipvs_dest by libipvs's
 * codec, its message and DEST nest split either by lib/attr.c or by
 * libnl's nla_parse() with an nla_policy (the same field reads after
 * either: codec_dest_attrs()).  Count it with
 *   valgrind --tool=callgrind --toggle-collect=parse_all bench/attr-parse hand
 *   valgrind --tool=callgrind --toggle-collect=parse_all bench/attr-parse libnl
 * so only the parsing is counted, not the synthesis.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

static void put_u64(struct nlbuf *b, uint16_t type, uint64_t v)
{
	nlbuf_put(b, type, &v, sizeof(v));
}

/* One NEW_DEST message as a kernel of 6.1 sends it in a dump. */
static void put_dest(struct nlbuf *b, uint32_t i)
{
	size_t msg = nlbuf_msg_begin(b, 0x20, NLM_F_MULTI, 1, IPVS_CMD_NEW_DEST);
	size_t nest = nlbuf_nest_begin(b, IPVS_CMD_ATTR_DEST), st;
	uint8_t addr[16] = { 192, 168, (uint8_t)(i >> 8), (uint8_t)i };

	nlbuf_put(b, IPVS_DEST_ATTR_ADDR, addr, sizeof(addr));
	nlbuf_put_be16(b, IPVS_DEST_ATTR_PORT, 80);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_FWD_METHOD, 0);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_WEIGHT, 1);
	nlbuf_put_u8(b, IPVS_DEST_ATTR_TUN_TYPE, 0);
	nlbuf_put_be16(b, IPVS_DEST_ATTR_TUN_PORT, 0);
	nlbuf_put_u16(b, IPVS_DEST_ATTR_TUN_FLAGS, 0);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_U_THRESH, 0);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_L_THRESH, 0);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_ACTIVE_CONNS, i % 7);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_INACT_CONNS, i % 5);
	nlbuf_put_u32(b, IPVS_DEST_ATTR_PERSIST_CONNS, 0);
	nlbuf_put_u16(b, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
	st = nlbuf_nest_begin(b, IPVS_DEST_ATTR_STATS);
	for (int t = IPVS_STATS_ATTR_CONNS; t <= IPVS_STATS_ATTR_OUTBPS; t++) {
		if (t == IPVS_STATS_ATTR_INBYTES || t == IPVS_STATS_ATTR_OUTBYTES)
			put_u64(b, (uint16_t)t, i * 100u);
		else
			nlbuf_put_u32(b, (uint16_t)t, i);
	}
	nlbuf_nest_end(b, st);
	st = nlbuf_nest_begin(b, IPVS_DEST_ATTR_STATS64);
	for (int t = IPVS_STATS_ATTR_CONNS; t <= IPVS_STATS_ATTR_OUTBPS; t++)
		put_u64(b, (uint16_t)t, i);
	nlbuf_nest_end(b, st);
	nlbuf_nest_end(b, nest);
	nlbuf_msg_end(b, msg);
}

/* The same lengths lib/codec-*.c require, as libnl policies. */
static struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_DEST] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};
static struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_STATS64] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
};
/* codec_dest_parse() with nla_parse() splitting the message and the DEST
 * nest instead of attr.c (the counters' nest is split by the codec in
 * both: codec_dest_attrs() does it). */
static int libnl_dest_parse(struct nlmsghdr *nh, struct ipvs_dest *d)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1], *dt[IPVS_DEST_ATTR_MAX + 1];
	struct genlmsghdr *g = NLMSG_DATA(nh);

	memset(d, 0, sizeof(*d));
	if (g->cmd != IPVS_CMD_NEW_DEST ||
	    nla_parse(tb, IPVS_CMD_ATTR_MAX, (struct nlattr *)((uint8_t *)g + GENL_HDRLEN),
		      (int)(nh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN), cmd_policy) < 0 ||
	    !tb[IPVS_CMD_ATTR_DEST] ||
	    nla_parse_nested(dt, IPVS_DEST_ATTR_MAX, tb[IPVS_CMD_ATTR_DEST], dest_policy) < 0)
		return -1;
	return codec_dest_attrs((const struct nlattr *const *)dt, AF_INET, d);
}

/* Every message of the dump through one parser; the sum of what was read
 * keeps the compiler from dropping any of it. */
__attribute__((noinline))
static int parse_all(const struct nlbuf *b, int libnl, uint64_t *sum)
{
	size_t off = 0;
	struct ipvs_dest d;

	while (off < b->len) {
		struct nlmsghdr *nh = (struct nlmsghdr *)(b->data + off);
		int rc = libnl ? libnl_dest_parse(nh, &d) : codec_dest_parse(nh, AF_INET, &d);

		if (rc < 0)
			return -1;
		*sum += d.addr.raw[3] + d.port + d.active_conns + d.stats.conns + d.stats.inbytes;
		off += NLMSG_ALIGN(nh->nlmsg_len);
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int svcs = 5000, dests = 10;
	struct nlbuf b;
	uint64_t sum = 0;
	int libnl;

	if (argc < 2 || (strcmp(argv[1], "hand") && strcmp(argv[1], "libnl")) ||
	    (argc > 2 && sscanf(argv[2], "%ux%u", &svcs, &dests) != 2)) {
		fprintf(stderr, "usage: attr-parse hand|libnl [SERVICESxDESTS]\n");
		return 2;
	}
	libnl = !strcmp(argv[1], "libnl");
	nlbuf_init(&b);
	for (uint32_t i = 0; i < svcs * dests; i++)
		put_dest(&b, i);
	if (b.oom || parse_all(&b, libnl, &sum) < 0) {
		fprintf(stderr, "attr-parse: a message did not parse\n");
		return 1;
	}
	printf("%s: %u messages, %zu bytes, sum %llu\n", argv[1], svcs * dests, b.len,
	       (unsigned long long)sum);
	nlbuf_free(&b);
	return 0;
}
