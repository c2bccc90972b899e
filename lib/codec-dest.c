/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Destination requests and NEW_DEST replies. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

/*
 * SET_DEST replaces the whole entry (tunnel fields left out would reset to
 * IPIP/0/0), so a full dest carries everything, in ipvsadm 1.31's order.
 * NEW_DEST leaves out tunnel fields that are all zero, which is exactly what
 * the kernel assumes when they are absent: a big batch is a sixth smaller.
 */
static void dest_put(struct nlbuf *b, const struct ipvs_service *svc,
		     const struct ipvs_dest *d, bool full, bool tun)
{
	size_t nest = nlbuf_nest_begin(b, IPVS_CMD_ATTR_DEST);

	nlbuf_put_u16(b, IPVS_DEST_ATTR_ADDR_FAMILY, d->af ? d->af : svc->af);
	nlbuf_put(b, IPVS_DEST_ATTR_ADDR, d->addr.raw, sizeof(d->addr.raw));
	nlbuf_put_be16(b, IPVS_DEST_ATTR_PORT, d->port);
	if (full) {
		nlbuf_put_u32(b, IPVS_DEST_ATTR_FWD_METHOD, d->fwd);
		nlbuf_put_u32(b, IPVS_DEST_ATTR_WEIGHT, (uint32_t)d->weight);
		if (tun || d->tun_type || d->tun_port || d->tun_flags) {
			nlbuf_put_u8(b, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type);
			nlbuf_put_be16(b, IPVS_DEST_ATTR_TUN_PORT, d->tun_port);
			nlbuf_put_u16(b, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags);
		}
		nlbuf_put_u32(b, IPVS_DEST_ATTR_U_THRESH, d->u_threshold);
		nlbuf_put_u32(b, IPVS_DEST_ATTR_L_THRESH, d->l_threshold);
	}
	nlbuf_nest_end(b, nest);
}

int codec_dest_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		   const struct ipvs_service *svc, const struct ipvs_dest *dest,
		   bool full)
{
	size_t off = codec_msg_begin(b, hdr, cmd);

	codec_put_service(b, svc, false);
	if (dest)
		dest_put(b, svc, dest, full, cmd != IPVS_CMD_NEW_DEST);
	return nlbuf_msg_end(b, off);
}

static const uint8_t dest_minlen[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = 4,
	[IPVS_DEST_ATTR_PORT] = 2,
	[IPVS_DEST_ATTR_FWD_METHOD] = 4,
	[IPVS_DEST_ATTR_WEIGHT] = 4,
	[IPVS_DEST_ATTR_U_THRESH] = 4,
	[IPVS_DEST_ATTR_L_THRESH] = 4,
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = 4,
	[IPVS_DEST_ATTR_INACT_CONNS] = 4,
	[IPVS_DEST_ATTR_PERSIST_CONNS] = 4,
	[IPVS_DEST_ATTR_ADDR_FAMILY] = 2,
	[IPVS_DEST_ATTR_TUN_TYPE] = 1,
	[IPVS_DEST_ATTR_TUN_PORT] = 2,
	[IPVS_DEST_ATTR_TUN_FLAGS] = 2,
};

static uint32_t get_u32_or0(const struct nlattr *a)
{
	return a ? attr_u32(a) : 0;
}

int codec_dest_parse(const struct nlmsghdr *nh, uint16_t svc_af, struct ipvs_dest *d)
{
	const struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	const struct nlattr *nest = codec_top_nest(nh, IPVS_CMD_NEW_DEST, IPVS_CMD_ATTR_DEST);

	memset(d, 0, sizeof(*d));
	if (!nest || attr_parse_nested(tb, IPVS_DEST_ATTR_MAX, dest_minlen, nest) < 0)
		return -EBADMSG;
	return codec_dest_attrs(tb, svc_af, d);
}

int codec_dest_attrs(const struct nlattr *const *tb, uint16_t svc_af, struct ipvs_dest *d)
{
	if (!tb[IPVS_DEST_ATTR_ADDR] || !tb[IPVS_DEST_ATTR_PORT])
		return -EBADMSG;
	/* Before 3.18 a dest always had its service's family. */
	d->af = tb[IPVS_DEST_ATTR_ADDR_FAMILY] ? attr_u16(tb[IPVS_DEST_ATTR_ADDR_FAMILY]) : svc_af;
	if (codec_get_addr(&d->addr, d->af, tb[IPVS_DEST_ATTR_ADDR]) < 0)
		return -EBADMSG;
	d->port = attr_be16(tb[IPVS_DEST_ATTR_PORT]);
	d->fwd = get_u32_or0(tb[IPVS_DEST_ATTR_FWD_METHOD]) & IPVS_GENL_FWD_MASK;
	d->weight = (int32_t)get_u32_or0(tb[IPVS_DEST_ATTR_WEIGHT]);
	d->u_threshold = get_u32_or0(tb[IPVS_DEST_ATTR_U_THRESH]);
	d->l_threshold = get_u32_or0(tb[IPVS_DEST_ATTR_L_THRESH]);
	d->active_conns = get_u32_or0(tb[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	d->inact_conns = get_u32_or0(tb[IPVS_DEST_ATTR_INACT_CONNS]);
	d->persist_conns = get_u32_or0(tb[IPVS_DEST_ATTR_PERSIST_CONNS]);
	if (tb[IPVS_DEST_ATTR_TUN_TYPE])
		d->tun_type = attr_u8(tb[IPVS_DEST_ATTR_TUN_TYPE]);
	if (tb[IPVS_DEST_ATTR_TUN_PORT])
		d->tun_port = attr_be16(tb[IPVS_DEST_ATTR_TUN_PORT]);
	if (tb[IPVS_DEST_ATTR_TUN_FLAGS])
		d->tun_flags = attr_u16(tb[IPVS_DEST_ATTR_TUN_FLAGS]);
	return codec_stats_parse(tb[IPVS_DEST_ATTR_STATS], tb[IPVS_DEST_ATTR_STATS64],
				 &d->stats);
}
