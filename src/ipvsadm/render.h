/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Rendering: plain data in, bytes out.  No netlink here; every function is
 * testable with hand-made structs.  Text output is byte-identical to
 * ipvsadm 1.31 (except the documented differences); FMT_JSON selects JSON
 * from the same code path.
 */
#ifndef IPVSADM_RENDER_H
#define IPVSADM_RENDER_H

#include <stdio.h>
#include <ipvs/ipvs.h>

#include "common/emit.h"

/*
 * `-L` / `-S` written service by service, so that a caller never holds
 * more than one service's destinations (fmt has FMT_RULE for -S):
 *
 *   render_list_begin    banner (when info != NULL: -L without a service)
 *                        and title (not for -S); for JSON the top-level
 *                        object and the opening of "services"
 *   render_list_service  one service and its destinations, in the order
 *                        given (render_listing sorts them)
 *   render_list_end      closes the document and flushes: 0 or -errno on
 *                        an output error (errors are sticky)
 *
 * FMT_JSON wins over every other view, FMT_RULE included: one JSON
 * document (schema at the top of render-table.c); FMT_STATS and FMT_RATE
 * then add "stats" and "rates" objects.  The struct is the caller's
 * storage; its members are private to the render layer.
 */
struct render_prom;

struct render_list {
	struct emit	o;
	unsigned int	fmt;
	unsigned int	fields;		/* what this view shows */
	struct render_prom *prom;	/* FMT_PROMETHEUS (render-prometheus.c) */
	int		err;
};

void render_list_begin(struct render_list *r, FILE *out, unsigned int fmt,
		       const struct ipvs_info *info);
void render_list_service(struct render_list *r, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n);
int render_list_end(struct render_list *r);

/* Which counters the view of fmt shows (IPVS_LIST_TOTALS, IPVS_LIST_RATES):
 * what a listing must read with each service. */
unsigned int render_list_counters(unsigned int fmt);

/* Where a listing comes from: count() services, service(i), and the
 * destinations of service i (which the listing may reorder; 0 or -errno).
 * exec-list.c plugs in a libipvs list session. */
struct render_source {
	size_t	(*count)(void *arg);
	void	(*service)(void *arg, size_t i, struct ipvs_service *svc);
	int	(*dests)(void *arg, size_t i, struct ipvs_dest **d, size_t *n);
	void	*arg;
};

/* The whole -L / -S listing of src, as above: services sorted through an
 * index and each one's destinations sorted, unless FMT_NOSORT (always for
 * FMT_RULE).  0, or the first error of src->dests, -ENOMEM (the document
 * is closed all the same; output errors are not reported, as in 1.31). */
int render_listing(FILE *out, unsigned int fmt, const struct ipvs_info *info,
		   const struct render_source *src);

/* "Timeout (tcp tcpfin udp): %d %d %d\n".  0 or -errno. */
int render_timeouts(FILE *out, unsigned int fmt, const struct ipvs_timeouts *t);

/* One line per running daemon (state MASTER or BACKUP), in the given
 * order; nothing at all when none.  0 or -errno. */
int render_daemons(FILE *out, unsigned int fmt, const struct ipvs_daemon *d, size_t n);

/*
 * Which connection entries `-L -c` shows (conn-filter.c): those of svc
 * (NULL: any service) going to server (NULL: any; port 0: any port).  A
 * fwmark service's entries are found by its real servers, svc_dests.
 */
struct conn_filter {
	const struct ipvs_service	*svc;
	const struct ipvs_dest		*svc_dests;
	size_t				n_svc_dests;
	const struct ipvs_dest		*server;
};
bool conn_filter_match(const struct conn_filter *f, const struct ipvs_conn *c);

/*
 * `-L -c`: the entries of reader r that filter f (NULL: all) lets through,
 * as the connection listing; with FMT_SUMMARY (render_conn_summary) their
 * counts per virtual and real server and state instead.  Returns
 *   0                       done;
 *   RENDER_CONN_BAD_INPUT   the kernel's header line is missing; nothing
 *                           printed (the caller prints "unexpected input
 *                           from /proc/net/ip_vs_conn", exit 1);
 *   RENDER_CONN_BLANK_LINE  a blank (whitespace-only) line: the rows before
 *                           it were printed and the listing stops there; 1.31
 *                           exits 1 here without a message, and so should
 *                           the caller (in JSON the document is still closed);
 *   -errno                  reading or writing failed.
 */
#define RENDER_CONN_BAD_INPUT	1
#define RENDER_CONN_BLANK_LINE	2
int render_conns(FILE *out, unsigned int fmt, struct ipvs_conn_reader *r,
		 const struct conn_filter *f);
int render_conn_summary(FILE *out, unsigned int fmt, struct ipvs_conn_reader *r,
			const struct conn_filter *f);

/* Listing order (see sort.h): services by fwmark, af, protocol, address,
 * port; destinations by family (IPv4 first), address, port; all numeric
 * (1.31's comparators wrap). */
void render_sort_dests(struct ipvs_dest *d, size_t n, int svc_af);
/* Sort idx[0..n) (indexes of services) by the service each one names;
 * svc(arg, i, out) gives service i. */
void render_sort_services(uint32_t *idx, size_t n,
			  void (*svc)(void *arg, uint32_t i, struct ipvs_service *out),
			  void *arg);

#endif /* IPVSADM_RENDER_H */
