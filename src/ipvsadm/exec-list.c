/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -L and -S: fetch through libipvs (or /proc for -c), then render.  Every
 * failure here exits 1, as 1.31's listing functions do; --timeout and
 * --daemon fail silently, as there.
 *
 * The table comes from a libipvs list session, which reads it service by
 * service and says whether what it handed out is a true picture (see
 * ipvs_list_begin in <ipvs/ipvs.h>); this file keeps only the output
 * side.  The listing is written to a spool (spool.h) and copied out once
 * the session says so; otherwise it is thrown away and written again from
 * the session's new read.  The spool is tmpfs (memfd): the kernel's
 * memory, charged to the memory cgroup but not to our RSS.  Without one,
 * the listing is written straight out after a single pass, unchecked.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include "front.h"
#include "render.h"
#include "spool.h"

#define CONN_FILE	"/proc/net/ip_vs_conn"

/* The filter of `-L -c SERVICE -r SERVER`; a fwmark service's real servers
 * come from the kernel (*dests, to free).  A service that is gone has none
 * left, but its entries may linger: then only its templates match. */
static void conn_filter_init(struct ipvs_handle *h, const struct cmd *c,
			     struct conn_filter *f, struct ipvs_dest *server,
			     struct ipvs_dest **dests)
{
	*f = (struct conn_filter){ 0 };
	*dests = NULL;
	if (c->options & OPTBIT(OPT_SERVICE)) {
		f->svc = &c->svc;
		if (c->svc.fwmark && ipvs_dest_list(h, &c->svc, dests, &f->n_svc_dests))
			f->n_svc_dests = 0;
		f->svc_dests = *dests;
	}
	if (c->options & OPTBIT(OPT_SERVER)) {
		*server = c->dest;
		if (!c->dest_port_given)
			server->port = 0;
		f->server = server;
	}
}

static int list_conns(struct ipvs_handle *h, const struct cmd *c, const char *prefix)
{
	struct ipvs_conn_reader *r;
	struct conn_filter f;
	struct ipvs_dest server, *dests;
	static char outbuf[64 * 1024];
	int ret;

	/* A listing of many entries: fewer, larger writes (nothing has been
	 * written to stdout yet, so its buffer can still be set).  glibc
	 * ignores the size unless it is also given the buffer. */
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if (ipvs_conn_open(&r, -1)) {
		fprintf(stderr, "%scannot open file %s\n", prefix, CONN_FILE);
		return 1;
	}
	conn_filter_init(h, c, &f, &server, &dests);
	if (c->fmt & FMT_SUMMARY)
		ret = render_conn_summary(stdout, c->fmt, r, &f);
	else
		ret = render_conns(stdout, c->fmt, r, &f);
	ipvs_conn_close(r);
	free(dests);
	if (ret == RENDER_CONN_BAD_INPUT) {
		fprintf(stderr, "%sunexpected input from %s\n", prefix, CONN_FILE);
		return 1;
	}
	return ret ? 1 : 0;
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

/* The session never settled. */
static int fail_changing(const char *prefix)
{
	fprintf(stderr, "%sthe IPVS table kept changing while it was read\n", prefix);
	return 1;
}

static size_t session_count(void *arg)
{
	return ipvs_list_count(arg);
}

static void session_service(void *arg, size_t i, struct ipvs_service *svc)
{
	ipvs_list_service(arg, i, svc);
}

static int session_dests(void *arg, size_t i, struct ipvs_dest **d, size_t *n)
{
	return ipvs_list_dests(arg, i, d, n);
}

/* The listing of every service, or of the one of only (no banner then). */
static int list_table(const struct exec_ctx *x, unsigned int fmt, const char *prefix,
		      const struct ipvs_service *only)
{
	struct ipvs_handle *h = x->h;
	enum ipvs_op svc_op = only ? IPVS_OP_SERVICE_GET : IPVS_OP_SERVICE_LIST;
	const struct ipvs_info *banner = NULL;
	struct render_source src = { session_count, session_service, session_dests, NULL };
	struct ipvs_list *l = NULL;
	enum ipvs_op op = svc_op;
	struct spool sp;
	bool spooled;
	int err;

	/* exec_open() asked already; the banner's figures don't change. */
	if (!only && !(fmt & FMT_RULE))
		banner = &x->info;
	err = ipvs_list_begin(h, only, render_list_counters(fmt), &l);
	if (err)
		return err == -EAGAIN ? fail_changing(prefix) : fail_list(prefix, svc_op, err);
	src.arg = l;
	spooled = spool_open(&sp) == 0;
	for (;;) {
		err = render_listing(spooled ? sp.fp : stdout, fmt, banner, &src);
		op = IPVS_OP_DEST_LIST;
		if (err || !spooled)
			break;
		err = ipvs_list_end(l);
		op = svc_op;
		if (err != 1)
			break;
		if (spool_reset(&sp) < 0) {
			err = -EAGAIN;
			break;
		}
	}
	if (spooled && !err)
		spool_copy(&sp, stdout);	/* a write error sets the exit status (stdio guard) */
	if (spooled)
		spool_close(&sp);
	ipvs_list_free(l);
	if (err == -EAGAIN)
		return fail_changing(prefix);
	return err ? fail_list(prefix, op, err) : 0;
}

int exec_list(const struct exec_ctx *x, const struct cmd *c, const char *prefix)
{
	struct ipvs_handle *h = x->h;

	if (c->verb == VERB_SAVE)
		return list_table(x, c->fmt | FMT_RULE, prefix, NULL);
	switch (c->list) {
	case LIST_CONNECTIONS:
		return list_conns(h, c, prefix);
	case LIST_TIMEOUTS:
		return list_timeouts(h, c);
	case LIST_DAEMONS:
		return list_daemons(h, c);
	case LIST_TABLE:
	default:
		return list_table(x, c->fmt, prefix,
				  (c->options & OPTBIT(OPT_SERVICE)) ? &c->svc : NULL);
	}
}
