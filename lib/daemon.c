/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Connection synchronisation daemons. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "codec.h"
#include "ipvs-genl.h"
#include "ipvs-private.h"

static int daemon_write(struct ipvs_handle *h, enum ipvs_op op, uint8_t cmd,
			const struct ipvs_daemon *d)
{
	struct codec_hdr hdr;
	int err;

	if (!h)
		return -EINVAL;
	err = validate_daemon(d, cmd == IPVS_CMD_NEW_DAEMON, h->errmsg, sizeof(h->errmsg));
	if (err < 0)
		return err;
	handle_hdr(h, &hdr, NLM_F_ACK);
	err = codec_daemon_msg(&h->req, &hdr, cmd, d);
	if (err < 0)
		return err;
	return transport_talk(h, op, false, NULL, NULL);
}

IPVS_EXPORT int ipvs_daemon_start(struct ipvs_handle *h, const struct ipvs_daemon *d)
{
	return daemon_write(h, IPVS_OP_DAEMON_START, IPVS_CMD_NEW_DAEMON, d);
}

IPVS_EXPORT int ipvs_daemon_stop(struct ipvs_handle *h, const struct ipvs_daemon *d)
{
	return daemon_write(h, IPVS_OP_DAEMON_STOP, IPVS_CMD_DEL_DAEMON, d);
}

struct daemon_list {
	struct ipvs_daemon	*out;
	size_t			n;
};

static int daemon_list_cb(void *arg, const struct nlmsghdr *nh)
{
	struct daemon_list *l = arg;
	struct ipvs_daemon d;
	int err = codec_daemon_parse(nh, &d);

	if (err < 0)
		return err;
	if (l->n < 2)
		l->out[l->n++] = d;
	return 0;
}

IPVS_EXPORT int ipvs_daemon_list(struct ipvs_handle *h, struct ipvs_daemon out[2], size_t *n)
{
	struct daemon_list l = { .out = out };
	struct codec_hdr hdr;
	int err;

	if (!h || !out || !n)
		return -EINVAL;
	memset(out, 0, 2 * sizeof(*out));
	*n = 0;
	handle_hdr(h, &hdr, NLM_F_DUMP);
	err = codec_simple_msg(&h->req, &hdr, IPVS_CMD_GET_DAEMON);
	if (!err)
		err = transport_talk(h, IPVS_OP_DAEMON_LIST, true, daemon_list_cb, &l);
	if (err < 0)
		return err;
	/* Master first, whatever order the kernel used. */
	if (l.n == 2 && out[0].state == IPVS_DAEMON_BACKUP) {
		struct ipvs_daemon t = out[0];

		out[0] = out[1];
		out[1] = t;
	}
	*n = l.n;
	return 0;
}
