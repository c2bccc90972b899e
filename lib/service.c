/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Virtual services: add, update, delete, look up, list, walk. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"
#include "dump.h"

static int service_write(struct ipvs_handle *h, enum ipvs_op op, uint8_t cmd,
			 const struct ipvs_service *svc, bool full)
{
	struct codec_hdr hdr;
	int err;

	if (!h)
		return -EINVAL;
	err = validate_service(svc, full, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_service_msg(&h->req, &hdr, cmd, svc, full);
	if (err < 0)
		return err;
	return transport_talk(h, op, false, NULL, NULL);
}

IPVS_EXPORT int ipvs_service_add(struct ipvs_handle *h, const struct ipvs_service *svc)
{
	return service_write(h, IPVS_OP_SERVICE_ADD, IPVS_CMD_NEW_SERVICE, svc, true);
}

IPVS_EXPORT int ipvs_service_update(struct ipvs_handle *h, const struct ipvs_service *svc)
{
	return service_write(h, IPVS_OP_SERVICE_UPDATE, IPVS_CMD_SET_SERVICE, svc, true);
}

IPVS_EXPORT int ipvs_service_del(struct ipvs_handle *h, const struct ipvs_service *svc)
{
	return service_write(h, IPVS_OP_SERVICE_DEL, IPVS_CMD_DEL_SERVICE, svc, false);
}

struct service_get {
	struct ipvs_service	*out;
	bool			found;
};

static int service_get_cb(void *arg, const struct nlmsghdr *nh)
{
	struct service_get *g = arg;
	int err = codec_service_parse(nh, g->out);

	if (!err)
		g->found = true;
	return err;
}

IPVS_EXPORT int ipvs_service_get(struct ipvs_handle *h, const struct ipvs_service *key,
				 struct ipvs_service *out)
{
	struct service_get g = { .out = out };
	struct codec_hdr hdr;
	int err;

	if (!h || !out)
		return -EINVAL;
	err = validate_service(key, false, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_service_msg(&h->req, &hdr, IPVS_CMD_GET_SERVICE, key, false);
	if (!err)
		err = transport_talk(h, IPVS_OP_SERVICE_GET, false, service_get_cb, &g);
	if (!err && !g.found) {
		handle_set_errmsg(h, "malformed reply from the kernel");
		err = -EBADMSG;
	}
	return err;
}

IPVS_EXPORT int ipvs_service_list(struct ipvs_handle *h, struct ipvs_service **svcs, size_t *n)
{
	struct svc_vec v = { 0 };
	int err;

	if (!h || !svcs || !n)
		return -EINVAL;
	err = dump_services(h, IPVS_OP_SERVICE_LIST, &v);
	if (err < 0) {
		free(v.base);
		return err;
	}
	*svcs = (struct ipvs_service *)v.base;
	*n = v.n;
	return 0;
}

/* ipvs_service_walk: the caller's callback, and what it returned. */
struct service_walk {
	ipvs_service_fn	fn;
	void		*arg;
	int		ret;
};

static int service_walk_cb(void *arg, const struct nlmsghdr *nh)
{
	struct service_walk *w = arg;
	struct ipvs_service svc;
	int err = codec_service_parse(nh, &svc);

	if (err < 0)
		return err;
	w->ret = w->fn(w->arg, &svc);
	/* Any error makes the transport drop the rest of the dump unread. */
	return w->ret ? -ECANCELED : 0;
}

IPVS_EXPORT int ipvs_service_walk(struct ipvs_handle *h, ipvs_service_fn fn, void *arg)
{
	struct service_walk w = { .fn = fn, .arg = arg };
	struct codec_hdr hdr;
	int err;

	if (!h || !fn)
		return -EINVAL;
	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&h->req, &hdr, IPVS_CMD_GET_SERVICE);
	if (err < 0)
		return err;
	err = transport_talk(h, IPVS_OP_SERVICE_LIST, true, service_walk_cb, &w);
	if (w.ret) {
		handle_set_errmsg(h, "the walk was stopped by its callback");
		return w.ret;
	}
	return err;
}
