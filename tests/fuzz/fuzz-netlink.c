/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libipvs's reply parsers on arbitrary attribute blobs (nested, truncated,
 * wrong lengths).  Input: byte 0 is the genl command, byte 1 the high
 * byte of nlmsg_flags (NLM_F_CAPPED, NLM_F_ACK_TLVS), the rest the
 * attributes.  Every parser gets the message in a buffer of exactly its
 * length, so reading past it is caught; the same bytes also go through the
 * ack parser as the payload of an NLMSG_ERROR.
 */
#include "config.h"

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "codec.h"
#include "fuzz.h"
#include "ipvs-private.h"

/* The header, then body: in a block of exactly that size, or NULL. */
static struct nlmsghdr *message(uint16_t type, uint16_t flags, const void *hdr, size_t hlen,
				const uint8_t *body, size_t blen)
{
	size_t len = NLMSG_HDRLEN + hlen + blen;
	struct nlmsghdr *nh;

	if (len > UINT32_MAX || !(nh = malloc(len)))
		return NULL;
	nh->nlmsg_len = (uint32_t)len;
	nh->nlmsg_type = type;
	nh->nlmsg_flags = flags;
	nh->nlmsg_seq = 1;
	nh->nlmsg_pid = 0;
	if (hlen)
		memcpy((uint8_t *)nh + NLMSG_HDRLEN, hdr, hlen);
	if (blen)
		memcpy((uint8_t *)nh + NLMSG_HDRLEN + hlen, body, blen);
	return nh;
}

static volatile char touched;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct genlmsghdr g = { 0 };
	struct nlmsghdr *nh;
	struct ipvs_service svc;
	struct ipvs_dest dest;
	struct ipvs_daemon daemon;
	struct ipvs_timeouts t;
	struct ipvs_info info;
	const char *msg;
	size_t msglen;
	uint16_t flags;

	if (size < 2)
		return 0;
	g.cmd = data[0];
	g.version = 1;
	flags = (uint16_t)(NLM_F_MULTI | data[1] << 8);
	nh = message(0x1c, flags, &g, GENL_HDRLEN, data + 2, size - 2);
	if (!nh)
		return 0;
	codec_service_parse(nh, &svc);
	codec_dest_parse(nh, AF_INET, &dest);
	codec_dest_parse(nh, AF_INET6, &dest);
	codec_daemon_parse(nh, &daemon);
	codec_timeouts_parse(nh, &t);
	codec_info_parse(nh, &info);
	free(nh);

	nh = message(NLMSG_ERROR, flags, NULL, 0, data + 2, size - 2);
	if (!nh)
		return 0;
	transport_ack_parse(nh, nh->nlmsg_len, &msg, &msglen);
	for (size_t i = 0; msg && i < msglen; i++)
		touched = msg[i];	/* the text must lie in the buffer */
	free(nh);
	return 0;
}
