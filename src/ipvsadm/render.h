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
 * error.
 */
int render_table(FILE *out, unsigned int fmt, const struct ipvs_info *info,
		 struct ipvs_table *t);

/* "Timeout (tcp tcpfin udp): %d %d %d\n" */
int render_timeouts(FILE *out, unsigned int fmt, const struct ipvs_timeouts *t);

/* One line per running daemon, master first. */
int render_daemons(FILE *out, unsigned int fmt, const struct ipvs_daemon *d, size_t n);

/*
 * `-L -c`: read the kernel's /proc/net/ip_vs_conn text from `in` and print
 * the connection listing.  Returns 0, or RENDER_CONN_BAD_INPUT when the
 * first line is missing (the caller prints ipvsadm's message, exit 1).
 */
#define RENDER_CONN_BAD_INPUT	1
int render_conns(FILE *out, unsigned int fmt, FILE *in);

/* Sorting used by render_table (exposed for tests). */
void render_sort_table(struct ipvs_table *t);

#endif /* IPVSADM_RENDER_H */
