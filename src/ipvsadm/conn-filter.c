/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which connection entries `-L -c SERVICE -r SERVER` shows; see render.h.
 *
 * An entry names the packet's virtual address and port, not the service
 * that took it, so a service is matched by what its entries carry:
 *  - a TCP/UDP/SCTP service: same protocol and virtual address, and the
 *    service's port (a port-0 service takes any; persistence templates of
 *    port-0 and FTP services have virtual port 0);
 *  - a fwmark service: the entry has no mark, so its entries are those
 *    going to one of its real servers, and its persistence templates are
 *    the entries of protocol "IP" whose virtual address is the mark.
 */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "render.h"

static bool addr_eq(uint16_t af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	return !memcmp(a, b, af == AF_INET6 ? 16 : 4);
}

/* Templates carry no client port (their state is NONE or ASSURED). */
static bool is_template(const struct ipvs_conn *c)
{
	return c->cport == 0;
}

static bool goes_to(const struct ipvs_conn *c, const struct ipvs_dest *d, bool any_port)
{
	uint16_t af = d->af ? d->af : AF_INET;

	return c->daf == af && addr_eq(af, &c->daddr, &d->addr) &&
	       (any_port || c->dport == d->port);
}

static bool fwmark_template(const struct ipvs_conn *c, const struct ipvs_service *svc)
{
	union ipvs_addr mark = { 0 };

	mark.in.s_addr = htonl(svc->fwmark);
	return !strcmp(c->protocol, "IP") && c->af == svc->af &&
	       addr_eq(svc->af, &c->vaddr, &mark);
}

static bool of_service(const struct conn_filter *f, const struct ipvs_conn *c)
{
	const struct ipvs_service *svc = f->svc;

	if (svc->fwmark) {
		if (fwmark_template(c, svc))
			return true;
		for (size_t i = 0; i < f->n_svc_dests; i++)
			if (goes_to(c, &f->svc_dests[i], false))
				return true;
		return false;
	}
	if (c->proto != svc->protocol || c->af != svc->af ||
	    !addr_eq(svc->af, &c->vaddr, &svc->addr))
		return false;
	return !svc->port || c->vport == svc->port || (c->vport == 0 && is_template(c));
}

bool conn_filter_match(const struct conn_filter *f, const struct ipvs_conn *c)
{
	if (!f)
		return true;
	if (f->svc && !of_service(f, c))
		return false;
	return !f->server || goes_to(c, f->server, f->server->port == 0);
}
