/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * GUE receive ports through the generic netlink "fou" family, the same
 * requests "ip fou add port N gue" sends.  Resolving the family autoloads
 * fou.ko, so listing only happens when the module is already there.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/fou.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "io.h"

static int fou_open(struct rs_ctx *ctx, struct rs_diag *d)
{
	int err;

	if (ctx->fou_family > 0)
		return 0;
	if (!ctx->genl) {
		ctx->genl = nl_socket_alloc();
		if (!ctx->genl)
			return -ENOMEM;
		err = genl_connect(ctx->genl);
		if (err < 0) {
			rs_diag_set(d, "cannot open a generic netlink socket: %s",
				    nl_geterror(err));
			nl_socket_free(ctx->genl);
			ctx->genl = NULL;
			return -EPROTO;
		}
	}
	err = genl_ctrl_resolve(ctx->genl, FOU_GENL_NAME);
	if (err < 0) {
		rs_diag_set(d, "generic netlink family \"fou\" not available (module fou "
			    "missing?): %s", nl_geterror(err));
		return -ENOENT;
	}
	ctx->fou_family = err;
	return 0;
}

static struct nl_msg *fou_msg(struct rs_ctx *ctx, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ctx->fou_family, 0,
				flags, cmd, FOU_GENL_VERSION)) {
		nlmsg_free(msg);
		msg = NULL;
	}
	return msg;
}

static int fou_send(struct rs_ctx *ctx, uint8_t cmd, uint16_t port, int family,
		    int ipproto, struct rs_diag *d)
{
	struct nl_msg *msg;
	int err = fou_open(ctx, d);

	if (err < 0)
		return err;
	msg = fou_msg(ctx, cmd, 0);
	if (!msg)
		return -ENOMEM;
	/* The kernel reads the port as big endian. */
	if (nla_put_u16(msg, FOU_ATTR_PORT, htons(port)) < 0 ||
	    nla_put_u8(msg, FOU_ATTR_AF, (uint8_t)family) < 0 ||
	    (ipproto >= 0 && nla_put_u8(msg, FOU_ATTR_IPPROTO, (uint8_t)ipproto) < 0) ||
	    (cmd == FOU_CMD_ADD && nla_put_u8(msg, FOU_ATTR_TYPE, FOU_ENCAP_GUE) < 0)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = nl_send_sync(ctx->genl, msg);	/* frees msg, waits for the ack */
	if (err < 0) {
		rs_diag_set(d, "cannot %s GUE port %u: %s", cmd == FOU_CMD_ADD ? "add" : "remove",
			    port, nl_geterror(err));
		if (err == -NLE_EXIST)
			return -EEXIST;
		if (err == -NLE_INVAL || err == -NLE_OBJ_NOTFOUND || err == -NLE_NOADDR)
			return -ENOENT;
		return -EIO;
	}
	return 0;
}

int rs_fou_add(struct rs_ctx *ctx, uint16_t port, int family, uint8_t ipproto,
	       struct rs_diag *d)
{
	return fou_send(ctx, FOU_CMD_ADD, port, family, ipproto, d);
}

int rs_fou_del(struct rs_ctx *ctx, uint16_t port, int family, struct rs_diag *d)
{
	return fou_send(ctx, FOU_CMD_DEL, port, family, -1, d);
}

static int on_port(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[FOU_ATTR_MAX + 1];
	struct rs_sys *s = arg;
	struct rs_fou *v;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, FOU_ATTR_MAX, NULL) < 0 ||
	    !tb[FOU_ATTR_PORT] || !tb[FOU_ATTR_AF])
		return NL_SKIP;
	v = realloc(s->fous, (s->n_fous + 1) * sizeof(*v));
	if (!v)
		return NL_STOP;
	s->fous = v;
	v[s->n_fous].port = ntohs(nla_get_u16(tb[FOU_ATTR_PORT]));
	v[s->n_fous].family = nla_get_u8(tb[FOU_ATTR_AF]);
	s->n_fous++;
	return NL_OK;
}

int rs_probe_fou(struct rs_ctx *ctx, struct rs_sys *s, struct rs_diag *d)
{
	struct nl_msg *msg;
	int err;

	if (!rs_module_loaded(ctx, "fou"))
		return 0;
	err = fou_open(ctx, d);
	if (err < 0)
		return err;
	msg = fou_msg(ctx, FOU_CMD_GET, NLM_F_DUMP);
	if (!msg)
		return -ENOMEM;
	err = nl_send_auto(ctx->genl, msg);
	nlmsg_free(msg);
	if (err >= 0) {
		nl_socket_modify_cb(ctx->genl, NL_CB_VALID, NL_CB_CUSTOM, on_port, s);
		err = nl_recvmsgs_default(ctx->genl);
		/* s is the caller's: do not leave it behind in the socket */
		nl_socket_modify_cb(ctx->genl, NL_CB_VALID, NL_CB_DEFAULT, NULL, NULL);
	}
	if (err < 0) {
		rs_diag_set(d, "cannot list GUE ports: %s", nl_geterror(err));
		return -EIO;
	}
	return 0;
}
