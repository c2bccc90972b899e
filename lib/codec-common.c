/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What every object's codec shares: the request header, the SERVICE nest
 * (dest and zero requests name their service with it), the reply's command
 * attributes, addresses and counters.
 */
#include "config.h"

#include <errno.h>
#include <linux/genetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

size_t codec_msg_begin(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd)
{
	return nlbuf_msg_begin(b, hdr->family, NLM_F_REQUEST | hdr->flags, hdr->seq, cmd);
}

/* The identity goes first: AF, then FWMARK or PROTOCOL + ADDR + PORT.  A
 * fwmark service has no address on the wire (the kernel ignores it). */
static void service_put_ident(struct nlbuf *b, const struct ipvs_service *svc)
{
	nlbuf_put_u16(b, IPVS_SVC_ATTR_AF, svc->af);
	if (svc->fwmark) {
		nlbuf_put_u32(b, IPVS_SVC_ATTR_FWMARK, svc->fwmark);
		return;
	}
	nlbuf_put_u16(b, IPVS_SVC_ATTR_PROTOCOL, svc->protocol);
	nlbuf_put(b, IPVS_SVC_ATTR_ADDR, svc->addr.raw, sizeof(svc->addr.raw));
	nlbuf_put_be16(b, IPVS_SVC_ATTR_PORT, svc->port);
}

/* SET_SERVICE replaces the whole entry, so a full service carries every
 * field; PE_NAME only when set, as ipvsadm 1.31 does (an absent PE_NAME
 * clears the engine on SET all the same). */
static void service_put_full(struct nlbuf *b, const struct ipvs_service *svc)
{
	struct ipvs_genl_flags fl = { .flags = svc->flags, .mask = ~0u };

	nlbuf_put_str(b, IPVS_SVC_ATTR_SCHED_NAME, svc->sched_name);
	if (svc->pe_name[0])
		nlbuf_put_str(b, IPVS_SVC_ATTR_PE_NAME, svc->pe_name);
	nlbuf_put(b, IPVS_SVC_ATTR_FLAGS, &fl, sizeof(fl));
	nlbuf_put_u32(b, IPVS_SVC_ATTR_TIMEOUT, svc->timeout);
	/* v4: a network-order mask; v6: a prefix length.  Both go as is. */
	nlbuf_put_u32(b, IPVS_SVC_ATTR_NETMASK, svc->netmask);
}

/* Append the SERVICE nest (shared with the dest and zero builders). */
void codec_put_service(struct nlbuf *b, const struct ipvs_service *svc, bool full)
{
	size_t nest = nlbuf_nest_begin(b, IPVS_CMD_ATTR_SERVICE);

	service_put_ident(b, svc);
	if (full)
		service_put_full(b, svc);
	nlbuf_nest_end(b, nest);
}

const struct nlattr *codec_attrs(const struct nlmsghdr *nh, uint8_t *cmd, size_t *len)
{
	const struct genlmsghdr *g = NLMSG_DATA(nh);

	if (nh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return NULL;
	if (cmd)
		*cmd = g->cmd;
	*len = nh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	return (const struct nlattr *)((const uint8_t *)g + GENL_HDRLEN);
}

static const uint8_t cmd_minlen[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = 4,
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = 4,
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = 4,
};


int codec_top_attrs(const struct nlmsghdr *nh, uint8_t want,
		    const struct nlattr **tb)
{
	const struct nlattr *a;
	size_t len;
	uint8_t cmd;

	a = codec_attrs(nh, &cmd, &len);
	if (!a || cmd != want)
		return -EBADMSG;
	return attr_parse(tb, IPVS_CMD_ATTR_MAX, cmd_minlen, a, len) < 0 ? -EBADMSG : 0;
}

const struct nlattr *codec_top_nest(const struct nlmsghdr *nh, uint8_t want, int type)
{
	const struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	return codec_top_attrs(nh, want, tb) < 0 ? NULL : tb[type];
}

/* Copy an address attribute into a zeroed union; an AF_INET6 one must be
 * whole. */
int codec_get_addr(union ipvs_addr *addr, uint16_t af, const struct nlattr *a)
{
	size_t n = attr_len(a);

	memset(addr, 0, sizeof(*addr));
	if (af == AF_INET6 && n < sizeof(addr->in6))
		return -EBADMSG;
	memcpy(addr->raw, attr_data(a), n < sizeof(addr->raw) ? n : sizeof(addr->raw));
	return 0;
}

/* In STATS the counters and rates are u32 and only the byte counts u64. */
static const uint8_t stats32_minlen[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = 4, [IPVS_STATS_ATTR_INPKTS] = 4,
	[IPVS_STATS_ATTR_OUTPKTS] = 4, [IPVS_STATS_ATTR_INBYTES] = 8,
	[IPVS_STATS_ATTR_OUTBYTES] = 8, [IPVS_STATS_ATTR_CPS] = 4,
	[IPVS_STATS_ATTR_INPPS] = 4, [IPVS_STATS_ATTR_OUTPPS] = 4,
	[IPVS_STATS_ATTR_INBPS] = 4, [IPVS_STATS_ATTR_OUTBPS] = 4,
};
static const uint8_t stats64_minlen[IPVS_STATS_ATTR_MAX + 1] = {
	[IPVS_STATS_ATTR_CONNS] = 8, [IPVS_STATS_ATTR_INPKTS] = 8,
	[IPVS_STATS_ATTR_OUTPKTS] = 8, [IPVS_STATS_ATTR_INBYTES] = 8,
	[IPVS_STATS_ATTR_OUTBYTES] = 8, [IPVS_STATS_ATTR_CPS] = 8,
	[IPVS_STATS_ATTR_INPPS] = 8, [IPVS_STATS_ATTR_OUTPPS] = 8,
	[IPVS_STATS_ATTR_INBPS] = 8, [IPVS_STATS_ATTR_OUTBPS] = 8,
};

int codec_stats_parse(const struct nlattr *stats, const struct nlattr *stats64,
		      struct ipvs_stats *st)
{
	const struct nlattr *tb[IPVS_STATS_ATTR_MAX + 1];
	uint64_t *field[IPVS_STATS_ATTR_OUTBPS + 1] = {
		NULL, &st->conns, &st->inpkts, &st->outpkts, &st->inbytes, &st->outbytes,
		&st->cps, &st->inpps, &st->outpps, &st->inbps, &st->outbps,
	};
	bool wide = stats64 != NULL;

	memset(st, 0, sizeof(*st));
	if (!stats && !stats64)
		return 0;
	if (attr_parse_nested(tb, IPVS_STATS_ATTR_MAX, wide ? stats64_minlen : stats32_minlen,
			      wide ? stats64 : stats) < 0)
		return -EBADMSG;
	for (int i = IPVS_STATS_ATTR_CONNS; i <= IPVS_STATS_ATTR_OUTBPS; i++) {
		if (!tb[i])
			continue;
		if (wide || i == IPVS_STATS_ATTR_INBYTES || i == IPVS_STATS_ATTR_OUTBYTES)
			*field[i] = attr_u64(tb[i]);
		else
			*field[i] = attr_u32(tb[i]);
	}
	return 0;
}
