/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Service requests and NEW_SERVICE replies. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/genetlink.h>
#include <string.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

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

int codec_service_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		      const struct ipvs_service *svc, bool full)
{
	size_t off = nlbuf_msg_begin(b, hdr->family, NLM_F_REQUEST | hdr->flags,
				     hdr->seq, cmd);

	codec_put_service(b, svc, full);
	return nlbuf_msg_end(b, off);
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

static const uint8_t svc_minlen[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = 2,
	[IPVS_SVC_ATTR_PROTOCOL] = 2,
	[IPVS_SVC_ATTR_ADDR] = 4,
	[IPVS_SVC_ATTR_PORT] = 2,
	[IPVS_SVC_ATTR_FWMARK] = 4,
	[IPVS_SVC_ATTR_FLAGS] = sizeof(struct ipvs_genl_flags),
	[IPVS_SVC_ATTR_TIMEOUT] = 4,
	[IPVS_SVC_ATTR_NETMASK] = 4,
};

/* Find the nest `type` at the top level of a reply whose command is `want`. */
const struct nlattr *codec_top_nest(const struct nlmsghdr *nh, uint8_t want, int type)
{
	const struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1], *a;
	size_t len;
	uint8_t cmd;

	a = codec_attrs(nh, &cmd, &len);
	if (!a || cmd != want)
		return NULL;
	if (attr_parse(tb, IPVS_CMD_ATTR_MAX, cmd_minlen, a, len) < 0)
		return NULL;
	return tb[type];
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

int codec_service_parse(const struct nlmsghdr *nh, struct ipvs_service *svc)
{
	const struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	const struct nlattr *nest = codec_top_nest(nh, IPVS_CMD_NEW_SERVICE,
						   IPVS_CMD_ATTR_SERVICE);
	struct ipvs_genl_flags fl;

	memset(svc, 0, sizeof(*svc));
	if (!nest || attr_parse_nested(tb, IPVS_SVC_ATTR_MAX, svc_minlen, nest) < 0)
		return -EBADMSG;
	if (!tb[IPVS_SVC_ATTR_AF])
		return -EBADMSG;
	svc->af = attr_u16(tb[IPVS_SVC_ATTR_AF]);
	if (tb[IPVS_SVC_ATTR_FWMARK] && attr_u32(tb[IPVS_SVC_ATTR_FWMARK])) {
		svc->fwmark = attr_u32(tb[IPVS_SVC_ATTR_FWMARK]);
		/* Kernels report fwmark services as TCP internally; keep the
		 * protocol only if they chose to send it. */
		if (tb[IPVS_SVC_ATTR_PROTOCOL])
			svc->protocol = attr_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
	} else {
		if (!tb[IPVS_SVC_ATTR_PROTOCOL] || !tb[IPVS_SVC_ATTR_ADDR] ||
		    !tb[IPVS_SVC_ATTR_PORT])
			return -EBADMSG;
		svc->protocol = attr_u16(tb[IPVS_SVC_ATTR_PROTOCOL]);
		if (codec_get_addr(&svc->addr, svc->af, tb[IPVS_SVC_ATTR_ADDR]) < 0)
			return -EBADMSG;
		svc->port = attr_be16(tb[IPVS_SVC_ATTR_PORT]);
	}
	if (tb[IPVS_SVC_ATTR_SCHED_NAME] &&
	    attr_strcpy(svc->sched_name, sizeof(svc->sched_name),
			tb[IPVS_SVC_ATTR_SCHED_NAME]) < 0)
		return -EBADMSG;
	if (tb[IPVS_SVC_ATTR_PE_NAME] &&
	    attr_strcpy(svc->pe_name, sizeof(svc->pe_name), tb[IPVS_SVC_ATTR_PE_NAME]) < 0)
		return -EBADMSG;
	if (tb[IPVS_SVC_ATTR_FLAGS]) {
		memcpy(&fl, attr_data(tb[IPVS_SVC_ATTR_FLAGS]), sizeof(fl));
		/* HASHED is the kernel's bookkeeping, not a setting. */
		svc->flags = fl.flags & ~(uint32_t)IPVS_SVC_F_HASHED;
	}
	if (tb[IPVS_SVC_ATTR_TIMEOUT])
		svc->timeout = attr_u32(tb[IPVS_SVC_ATTR_TIMEOUT]);
	if (tb[IPVS_SVC_ATTR_NETMASK])
		svc->netmask = attr_u32(tb[IPVS_SVC_ATTR_NETMASK]);
	return codec_stats_parse(tb[IPVS_SVC_ATTR_STATS], tb[IPVS_SVC_ATTR_STATS64],
				 &svc->stats);
}
