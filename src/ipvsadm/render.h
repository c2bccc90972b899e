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

/*
 * The whole listing for `-L` / `-S` (fmt has FMT_RULE for -S):
 * banner (when info != NULL; -L without a service), title (not for -S),
 * then each service and its destinations.  Sorts t in place unless
 * FMT_NOSORT (and always for FMT_RULE).  Returns 0, or -errno on an output
 * error.  FMT_JSON wins over every other view, FMT_RULE included: one JSON
 * document (schema at the top of render-table.c); FMT_STATS and FMT_RATE
 * then add "stats" and "rates" objects.
 */
int render_table(FILE *out, unsigned int fmt, const struct ipvs_info *info,
		 struct ipvs_table *t);

/* "Timeout (tcp tcpfin udp): %d %d %d\n".  0 or -errno. */
int render_timeouts(FILE *out, unsigned int fmt, const struct ipvs_timeouts *t);

/* One line per running daemon (state MASTER or BACKUP), in the given
 * order; nothing at all when none.  0 or -errno. */
int render_daemons(FILE *out, unsigned int fmt, const struct ipvs_daemon *d, size_t n);

/*
 * `-L -c`: read the kernel's /proc/net/ip_vs_conn text from `in` and print
 * the connection listing.  Lines may be of any length.  Returns
 *   0                       done;
 *   RENDER_CONN_BAD_INPUT   the first line is missing; nothing printed (the
 *                           caller prints "unexpected input from
 *                           /proc/net/ip_vs_conn", exit 1);
 *   RENDER_CONN_BLANK_LINE  a blank (whitespace-only) line: the rows before
 *                           it were printed and the listing stops there; 1.31
 *                           exits 1 here without a message, and so should
 *                           the caller (in JSON the document is still closed);
 *   -errno                  reading `in` (-EIO) or writing failed.
 */
#define RENDER_CONN_BAD_INPUT	1
#define RENDER_CONN_BLANK_LINE	2
int render_conns(FILE *out, unsigned int fmt, FILE *in);

/* Sorting used by render_table (exposed for tests): services by fwmark,
 * af, protocol, address, port; destinations by family (IPv4 first),
 * address, port; all numeric (1.31's comparators wrap; see sort.h). */
void render_sort_table(struct ipvs_table *t);

#endif /* IPVSADM_RENDER_H */
