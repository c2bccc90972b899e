/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Listing order.  ipvsadm 1.31 compares with int subtraction of unsigned
 * values, which wraps (a fwmark above INT_MAX, or addresses more than 2^31
 * apart, sort the wrong way).  We compare numerically instead: unsigned
 * fields by value, addresses bytewise in network order.
 */
#ifndef IPVSADM_SORT_H
#define IPVSADM_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include <ipvs/ipvs.h>

/* By fwmark, af, protocol, address, port. */
int sort_cmp_services(const struct ipvs_service *a, const struct ipvs_service *b);
/* By family (IPv4 first), address, port; af 0 means svc_af. */
int sort_cmp_dests(const struct ipvs_dest *a, const struct ipvs_dest *b, int svc_af);

#endif /* IPVSADM_SORT_H */
