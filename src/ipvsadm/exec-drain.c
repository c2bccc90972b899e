/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Waiting for quiesced destinations to go idle: weight 0 sends them no new
 * connections, and the ones they have end in their own time.  A
 * destination is idle once it has no active connection and no persistence
 * template (a template would send its client back to it).  Its inactive
 * connections count too, except under a TCP or SCTP service: there they
 * are closing or closed (TIME_WAIT lingers for minutes) and carry nothing,
 * while a UDP flow or a mark's mixed traffic is only ever "inactive".
 * Progress: one line per destination, rewritten in place on a terminal,
 * otherwise a new line whenever a destination's counts change.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"

#define DRAIN_POLL_MS	250

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool same_dest(const struct ipvs_dest *a, const struct ipvs_dest *b, uint16_t svc_af)
{
	uint16_t af = a->af ? a->af : svc_af;

	return (b->af ? b->af : svc_af) == af && a->port == b->port &&
	       !memcmp(&a->addr, &b->addr, af == AF_INET6 ? 16 : 4);
}

static bool stream_service(const struct ipvs_service *s)
{
	return !s->fwmark && (s->protocol == IPPROTO_TCP || s->protocol == IPPROTO_SCTP);
}

/* Read the counters of every item not yet idle. */
static int drain_poll(struct ipvs_handle *h, struct drain_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct drain_item *it = &items[i];
		struct ipvs_dest *d = NULL;
		size_t nd = 0;
		int err;

		if (it->idle)
			continue;
		err = ipvs_dest_list(h, &it->svc, &d, &nd);
		if (err == -ESRCH || err == -ENOENT) {
			it->gone = it->idle = true;	/* someone else removed it */
			continue;
		}
		if (err)
			return err;
		it->gone = true;
		for (size_t k = 0; k < nd; k++) {
			if (!same_dest(&it->dest, &d[k], it->svc.af))
				continue;
			it->gone = false;
			it->active = d[k].active_conns;
			it->inactive = d[k].inact_conns;
			it->persistent = d[k].persist_conns;
		}
		free(d);
		it->idle = it->gone || !(it->active + it->persistent +
					 (stream_service(&it->svc) ? 0 : it->inactive));
	}
	return 0;
}

static void item_line(FILE *err, const struct drain_item *it, double left, bool limited)
{
	char rule[CHANGE_RULE_MAX];

	render_dest_rule(rule, sizeof(rule), &it->svc, &it->dest);
	if (it->gone)
		fprintf(err, "drained: %s: no longer in the table", rule);
	else if (it->idle)
		fprintf(err, "drained: %s: no connections left", rule);
	else if (limited)
		fprintf(err, "draining: %s: %u active, %u inactive, %u persistent, %.0f s left",
			rule, it->active, it->inactive, it->persistent, left < 0 ? 0 : left);
	else
		fprintf(err, "draining: %s: %u active, %u inactive, %u persistent", rule,
			it->active, it->inactive, it->persistent);
}

struct progress {
	FILE		*err;
	bool		tty;
	bool		shown;
	uint32_t	*last;		/* per item: a digest of what was shown */
};

static uint32_t digest(const struct drain_item *it)
{
	return it->idle ? 0xffffffffu : it->active * 2654435761u ^ it->inactive * 40503u ^
	       it->persistent;
}

static void progress_show(struct progress *p, const struct drain_item *items, size_t n,
			  double left, bool limited, bool final)
{
	if (p->tty) {
		if (p->shown && n)
			fprintf(p->err, "\033[%zuA", n);
		for (size_t i = 0; i < n; i++) {
			fputs("\r\033[K", p->err);
			item_line(p->err, &items[i], left, limited);
			fputc('\n', p->err);
		}
		p->shown = true;
	} else {
		for (size_t i = 0; i < n; i++) {
			uint32_t dg = digest(&items[i]);

			if (p->shown && p->last[i] == dg && !(final && !items[i].idle))
				continue;
			p->last[i] = dg;
			item_line(p->err, &items[i], left, limited);
			fputc('\n', p->err);
		}
		p->shown = true;
	}
	fflush(p->err);
}

int drain_wait(struct ipvs_handle *h, struct drain_item *items, size_t n,
	       uint32_t wait_s, FILE *err)
{
	struct progress p = { .err = err, .tty = isatty(fileno(err)) == 1 };
	bool limited = wait_s != UINT32_MAX;
	double end = now_s() + (limited ? wait_s : 0);
	double last_tty = 0;
	int ret;

	p.last = calloc(n + 1, sizeof(*p.last));
	if (!p.last)
		return -ENOMEM;
	for (;;) {
		size_t busy = 0;
		double t;

		ret = drain_poll(h, items, n);
		if (ret < 0)
			break;
		for (size_t i = 0; i < n; i++)
			busy += !items[i].idle;
		t = now_s();
		if (!busy || (limited && t >= end)) {
			progress_show(&p, items, n, end - t, limited, true);
			ret = busy ? 1 : 0;
			break;
		}
		/* On a terminal the seconds left tick; elsewhere only changes print. */
		if (!p.tty || t - last_tty >= 1 || !p.shown) {
			progress_show(&p, items, n, end - t, limited, false);
			last_tty = t;
		}
		poll(NULL, 0, DRAIN_POLL_MS);
	}
	free(p.last);
	return ret;
}
