/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Real servers: add, update, delete, list, walk. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "dump.h"

static int dest_write(struct ipvs_handle *h, enum ipvs_op op, uint8_t cmd,
		      const struct ipvs_service *svc, const struct ipvs_dest *dest, bool full)
{
	struct codec_hdr hdr;
	int err;

	if (!h)
		return -EINVAL;
	err = validate_dest(svc, dest, full, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_dest_msg(&h->req, &hdr, cmd, svc, dest, full);
	if (err < 0)
		return err;
	return transport_talk(h, op, false, NULL, NULL);
}

IPVS_EXPORT int ipvs_dest_add(struct ipvs_handle *h, const struct ipvs_service *svc,
			      const struct ipvs_dest *dest)
{
	return dest_write(h, IPVS_OP_DEST_ADD, IPVS_CMD_NEW_DEST, svc, dest, true);
}

IPVS_EXPORT int ipvs_dest_update(struct ipvs_handle *h, const struct ipvs_service *svc,
				 const struct ipvs_dest *dest)
{
	return dest_write(h, IPVS_OP_DEST_UPDATE, IPVS_CMD_SET_DEST, svc, dest, true);
}

IPVS_EXPORT int ipvs_dest_del(struct ipvs_handle *h, const struct ipvs_service *svc,
			      const struct ipvs_dest *dest)
{
	return dest_write(h, IPVS_OP_DEST_DEL, IPVS_CMD_DEL_DEST, svc, dest, false);
}

/* An unknown service gives an empty list, as the kernel answers. */
IPVS_EXPORT int ipvs_dest_list(struct ipvs_handle *h, const struct ipvs_service *svc,
			       struct ipvs_dest **dests, size_t *n)
{
	struct dest_vec v = { 0 };
	int err;

	if (!h || !dests || !n)
		return -EINVAL;
	err = validate_service(svc, false, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	err = dump_dests(h, IPVS_OP_DEST_LIST, svc, &v);
	if (err < 0) {
		free(v.d);
		return err;
	}
	*dests = v.d;
	*n = v.n;
	return 0;
}

/* ipvs_dest_walk: the caller's callback, and what it returned. */
struct dest_walk {
	ipvs_dest_fn	fn;
	void		*arg;
	uint16_t	svc_af;
	int		ret;
};

static int dest_walk_cb(void *arg, const struct nlmsghdr *nh)
{
	struct dest_walk *w = arg;
	struct ipvs_dest d;
	int err = codec_dest_parse(nh, w->svc_af, &d);

	if (err < 0)
		return err;
	w->ret = w->fn(w->arg, &d);
	/* Any error makes the transport drop the rest of the dump unread. */
	return w->ret ? -ECANCELED : 0;
}

IPVS_EXPORT int ipvs_dest_walk(struct ipvs_handle *h, const struct ipvs_service *svc,
			       ipvs_dest_fn fn, void *arg)
{
	struct dest_walk w = { .fn = fn, .arg = arg };
	struct codec_hdr hdr;
	int err;

	if (!h || !fn)
		return -EINVAL;
	err = validate_service(svc, false, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	w.svc_af = svc->af;
	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_dest_msg(&h->req, &hdr, IPVS_CMD_GET_DEST, svc, NULL, false);
	if (err < 0)
		return err;
	err = transport_talk(h, IPVS_OP_DEST_LIST, true, dest_walk_cb, &w);
	if (w.ret) {
		handle_set_errmsg(h, "the walk was stopped by its callback");
		return w.ret;
	}
	return err;
}
