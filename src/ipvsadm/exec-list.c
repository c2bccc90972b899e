/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L and -S: fetch through libipvs (or /proc for -c), then render.  Every
 * failure here exits 1, as 1.31's listing functions do; --timeout and
 * --daemon fail silently, as there.
 */
#include "config.h"

#include <stdlib.h>
#include "front.h"
#include "render.h"

#define CONN_FILE	"/proc/net/ip_vs_conn"

static int list_conns(const struct cmd *c, const char *prefix)
{
	FILE *in = fopen(CONN_FILE, "r");
	int r;

	if (!in) {
		fprintf(stderr, "%scannot open file %s\n", prefix, CONN_FILE);
		return 1;
	}
	r = render_conns(stdout, c->fmt, in);
	fclose(in);
	if (r == RENDER_CONN_BAD_INPUT) {
		fprintf(stderr, "%sunexpected input from %s\n", prefix, CONN_FILE);
		return 1;
	}
	return r ? 1 : 0;
}

static int list_timeouts(struct ipvs_handle *h, const struct cmd *c)
{
	struct ipvs_timeouts t;

	if (ipvs_timeouts_get(h, &t))
		return 1;
	render_timeouts(stdout, c->fmt, &t);
	return 0;
}

static int list_daemons(struct ipvs_handle *h, const struct cmd *c)
{
	struct ipvs_daemon d[2];
	size_t n = 0;

	if (ipvs_daemon_list(h, d, &n))
		return 1;
	render_daemons(stdout, c->fmt, d, n);
	return 0;
}

static int fail_list(const char *prefix, enum ipvs_op op, int err)
{
	fprintf(stderr, "%s%s\n", prefix, ipvs_strerror(op, err));
	return 1;
}

/* -L with a service: that one service, no banner. */
static int list_one(struct ipvs_handle *h, const struct cmd *c, const char *prefix)
{
	struct ipvs_table_entry e = { 0 };
	struct ipvs_table t = { .n_services = 1, .services = &e };
	int err;

	err = ipvs_service_get(h, &c->svc, &e.svc);
	if (err)
		return fail_list(prefix, IPVS_OP_SERVICE_GET, err);
	err = ipvs_dest_list(h, &e.svc, &e.dests, &e.n_dests);
	if (err)
		return fail_list(prefix, IPVS_OP_DEST_LIST, err);
	render_table(stdout, c->fmt, NULL, &t);
	free(e.dests);
	return 0;
}

static int list_all(struct ipvs_handle *h, unsigned int fmt, const char *prefix)
{
	struct ipvs_info info, *banner = NULL;
	struct ipvs_table *t;
	int err;

	if (!(fmt & FMT_RULE)) {
		err = ipvs_info_get(h, &info);
		if (err)
			return fail_list(prefix, IPVS_OP_INFO_GET, err);
		banner = &info;
	}
	err = ipvs_table_read(h, &t);
	if (err)
		return fail_list(prefix, IPVS_OP_SERVICE_LIST, err);
	render_table(stdout, fmt, banner, t);
	ipvs_table_free(t);
	return 0;
}

int exec_list(struct ipvs_handle *h, const struct cmd *c, const char *prefix)
{
	if (c->verb == VERB_SAVE)
		return list_all(h, c->fmt | FMT_RULE, prefix);
	switch (c->list) {
	case LIST_CONNECTIONS:
		return list_conns(c, prefix);
	case LIST_TIMEOUTS:
		return list_timeouts(h, c);
	case LIST_DAEMONS:
		return list_daemons(h, c);
	case LIST_TABLE:
	default:
		if (c->options & OPTBIT(OPT_SERVICE))
			return list_one(h, c, prefix);
		return list_all(h, c->fmt, prefix);
	}
}
