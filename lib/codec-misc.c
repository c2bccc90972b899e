/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Daemon, config (timeouts), info, zero and flush messages. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "attr.h"
#include "codec.h"
#include "ipvs-genl.h"

int codec_simple_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd)
{
	return nlbuf_msg_end(b, codec_msg_begin(b, hdr, cmd));
}

int codec_zero_msg(struct nlbuf *b, const struct codec_hdr *hdr,
		   const struct ipvs_service *svc)
{
	size_t off = codec_msg_begin(b, hdr, IPVS_CMD_ZERO);

	if (svc)
		codec_put_service(b, svc, false);
	return nlbuf_msg_end(b, off);
}

int codec_timeouts_msg(struct nlbuf *b, const struct codec_hdr *hdr,
		       const struct ipvs_timeouts *t)
{
	size_t off = codec_msg_begin(b, hdr, IPVS_CMD_SET_CONFIG);

	/* 0 means "leave unchanged" to the kernel, so all three always go. */
	nlbuf_put_u32(b, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp);
	nlbuf_put_u32(b, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin);
	nlbuf_put_u32(b, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp);
	return nlbuf_msg_end(b, off);
}

/* NEW_DAEMON: the three required fields, then only the optional ones that
 * are set, so the kernel applies its defaults to the rest.  MCAST_PORT is
 * host order on the wire, unlike the service ports. */
static void daemon_put_start(struct nlbuf *b, const struct ipvs_daemon *d)
{
	nlbuf_put_str(b, IPVS_DAEMON_ATTR_MCAST_IFN, d->mcast_ifn);
	nlbuf_put_u32(b, IPVS_DAEMON_ATTR_SYNC_ID, d->syncid);
	if (d->sync_maxlen)
		nlbuf_put_u16(b, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->sync_maxlen);
	if (d->mcast_port)
		nlbuf_put_u16(b, IPVS_DAEMON_ATTR_MCAST_PORT, d->mcast_port);
	if (d->mcast_ttl)
		nlbuf_put_u8(b, IPVS_DAEMON_ATTR_MCAST_TTL, d->mcast_ttl);
	if (d->mcast_af == AF_INET6)
		nlbuf_put(b, IPVS_DAEMON_ATTR_MCAST_GROUP6, d->mcast_group.raw, 16);
	else if (d->mcast_af == AF_INET)
		nlbuf_put(b, IPVS_DAEMON_ATTR_MCAST_GROUP, &d->mcast_group.in, 4);
}

int codec_daemon_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		     const struct ipvs_daemon *d)
{
	size_t off = codec_msg_begin(b, hdr, cmd), nest;

	nest = nlbuf_nest_begin(b, IPVS_CMD_ATTR_DAEMON);
	nlbuf_put_u32(b, IPVS_DAEMON_ATTR_STATE, d->state);
	if (cmd == IPVS_CMD_NEW_DAEMON)
		daemon_put_start(b, d);
	nlbuf_nest_end(b, nest);
	return nlbuf_msg_end(b, off);
}

static const uint8_t daemon_minlen[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = 4,
	[IPVS_DAEMON_ATTR_SYNC_ID] = 4,
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = 2,
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = 4,
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] = 16,
	[IPVS_DAEMON_ATTR_MCAST_PORT] = 2,
	[IPVS_DAEMON_ATTR_MCAST_TTL] = 1,
};

int codec_daemon_parse(const struct nlmsghdr *nh, struct ipvs_daemon *d)
{
	const struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	const struct nlattr *nest = codec_top_nest(nh, IPVS_CMD_NEW_DAEMON,
						   IPVS_CMD_ATTR_DAEMON);

	memset(d, 0, sizeof(*d));
	if (!nest || attr_parse_nested(tb, IPVS_DAEMON_ATTR_MAX, daemon_minlen, nest) < 0)
		return -EBADMSG;
	if (!tb[IPVS_DAEMON_ATTR_STATE] || !tb[IPVS_DAEMON_ATTR_MCAST_IFN] ||
	    !tb[IPVS_DAEMON_ATTR_SYNC_ID])
		return -EBADMSG;
	d->state = attr_u32(tb[IPVS_DAEMON_ATTR_STATE]);
	if (attr_strcpy(d->mcast_ifn, sizeof(d->mcast_ifn), tb[IPVS_DAEMON_ATTR_MCAST_IFN]) < 0)
		return -EBADMSG;
	d->syncid = attr_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		d->sync_maxlen = attr_u16(tb[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_PORT])
		d->mcast_port = attr_u16(tb[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_TTL])
		d->mcast_ttl = attr_u8(tb[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		d->mcast_af = AF_INET6;
		memcpy(d->mcast_group.raw, attr_data(tb[IPVS_DAEMON_ATTR_MCAST_GROUP6]), 16);
	} else if (tb[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		d->mcast_af = AF_INET;
		memcpy(&d->mcast_group.in, attr_data(tb[IPVS_DAEMON_ATTR_MCAST_GROUP]), 4);
	}
	return 0;
}

int codec_timeouts_parse(const struct nlmsghdr *nh, struct ipvs_timeouts *t)
{
	const struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	memset(t, 0, sizeof(*t));
	if (codec_top_attrs(nh, IPVS_CMD_SET_CONFIG, tb) < 0)
		return -EBADMSG;
	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP])
		t->tcp = attr_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN])
		t->tcp_fin = attr_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_UDP])
		t->udp = attr_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}

static const uint8_t info_minlen[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION] = 4,
	[IPVS_INFO_ATTR_CONN_TAB_SIZE] = 4,
};

int codec_info_parse(const struct nlmsghdr *nh, struct ipvs_info *info)
{
	const struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1], *a;
	size_t len;
	uint8_t cmd;

	memset(info, 0, sizeof(*info));
	a = codec_attrs(nh, &cmd, &len);
	if (!a || cmd != IPVS_CMD_SET_INFO ||
	    attr_parse(tb, IPVS_INFO_ATTR_MAX, info_minlen, a, len) < 0)
		return -EBADMSG;
	if (!tb[IPVS_INFO_ATTR_VERSION] || !tb[IPVS_INFO_ATTR_CONN_TAB_SIZE])
		return -EBADMSG;
	info->version = attr_u32(tb[IPVS_INFO_ATTR_VERSION]);
	info->conn_tab_size = attr_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}
