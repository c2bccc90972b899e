/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Service requests and NEW_SERVICE replies. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

int codec_service_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		      const struct ipvs_service *svc, bool full)
{
	size_t off = codec_msg_begin(b, hdr, cmd);

	codec_put_service(b, svc, full);
	return nlbuf_msg_end(b, off);
}

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
