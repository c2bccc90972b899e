/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Global settings and actions: info, timeouts, zero, flush. */
#include "config.h"

#include <errno.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"

static int info_cb(void *arg, const struct nlmsghdr *nh)
{
	return codec_info_parse(nh, arg);
}

static int timeouts_cb(void *arg, const struct nlmsghdr *nh)
{
	return codec_timeouts_parse(nh, arg);
}

/* A doit whose single reply is parsed by cb into out. */
static int config_get(struct ipvs_handle *h, enum ipvs_op op, uint8_t cmd,
		      transport_msg_cb cb, void *out)
{
	struct codec_hdr hdr;
	int err;

	if (!h || !out)
		return -EINVAL;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_simple_msg(&h->req, &hdr, cmd);
	if (err < 0)
		return err;
	return transport_talk(h, op, false, cb, out);
}

IPVS_EXPORT int ipvs_info_get(struct ipvs_handle *h, struct ipvs_info *info)
{
	return config_get(h, IPVS_OP_INFO_GET, IPVS_CMD_GET_INFO, info_cb, info);
}

IPVS_EXPORT int ipvs_timeouts_get(struct ipvs_handle *h, struct ipvs_timeouts *t)
{
	return config_get(h, IPVS_OP_TIMEOUTS_GET, IPVS_CMD_GET_CONFIG, timeouts_cb, t);
}

IPVS_EXPORT int ipvs_timeouts_set(struct ipvs_handle *h, const struct ipvs_timeouts *t)
{
	struct codec_hdr hdr;
	int err;

	if (!h || !t)
		return -EINVAL;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_timeouts_msg(&h->req, &hdr, t);
	if (err < 0)
		return err;
	return transport_talk(h, IPVS_OP_TIMEOUTS_SET, false, NULL, NULL);
}

IPVS_EXPORT int ipvs_zero(struct ipvs_handle *h, const struct ipvs_service *svc)
{
	struct codec_hdr hdr;
	int err;

	if (!h)
		return -EINVAL;
	if (svc) {
		err = validate_service(svc, false, h->errmsg, sizeof(h->errmsg));
		if (err < 0)
			return err;
	}
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_zero_msg(&h->req, &hdr, svc);
	if (err < 0)
		return err;
	return transport_talk(h, IPVS_OP_ZERO, false, NULL, NULL);
}

IPVS_EXPORT int ipvs_flush(struct ipvs_handle *h)
{
	struct codec_hdr hdr;
	int err;

	if (!h)
		return -EINVAL;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_simple_msg(&h->req, &hdr, IPVS_CMD_FLUSH);
	if (err < 0)
		return err;
	return transport_talk(h, IPVS_OP_FLUSH, false, NULL, NULL);
}
