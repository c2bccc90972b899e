/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A program outside the library that uses libipvs the way any consumer
 * would: the installed header and pkg-config.  It creates a service with two
 * real servers, lists them with their counters, and removes everything.
 *
 *   cc ipvs-example.c $(pkg-config --cflags --libs libipvs)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ipvs/ipvs.h>

static int fail(struct ipvs_handle *h, enum ipvs_op op, const char *what, int rc)
{
	fprintf(stderr, "%s: %s (%s)\n", what, ipvs_strerror(op, rc),
		h ? ipvs_errmsg(h) : "");
	return 1;
}

static void show(const struct ipvs_service *s, const struct ipvs_dest *d, size_t n)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(s->af, &s->addr, a, sizeof(a));
	printf("service %s:%u %s conns=%llu\n", a, s->port, s->sched_name,
	       (unsigned long long)s->stats.conns);
	for (size_t i = 0; i < n; i++) {
		inet_ntop(d[i].af, &d[i].addr, a, sizeof(a));
		printf("  dest %s:%u weight=%d conns=%llu\n", a, d[i].port, d[i].weight,
		       (unsigned long long)d[i].stats.conns);
	}
}

int main(void)
{
	struct ipvs_handle *h = NULL;
	struct ipvs_service svc, got;
	struct ipvs_dest dest, *dests = NULL;
	size_t n = 0;
	int rc;

	rc = ipvs_open(&h);
	if (rc)
		return fail(NULL, IPVS_OP_OPEN, "open", rc);

	memset(&svc, 0, sizeof(svc));
	svc.af = AF_INET;
	svc.protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "192.0.2.10", &svc.addr.in);
	svc.port = 80;
	strcpy(svc.sched_name, "wrr");
	svc.netmask = 0xffffffff;
	rc = ipvs_service_add(h, &svc);
	if (rc)
		return fail(h, IPVS_OP_SERVICE_ADD, "add service", rc);

	for (int i = 0; i < 2; i++) {
		memset(&dest, 0, sizeof(dest));
		dest.af = AF_INET;
		inet_pton(AF_INET, i ? "198.51.100.2" : "198.51.100.1", &dest.addr.in);
		dest.port = 8080;
		dest.fwd = IPVS_FWD_MASQ;
		dest.weight = 10 * (i + 1);
		rc = ipvs_dest_add(h, &svc, &dest);
		if (rc)
			return fail(h, IPVS_OP_DEST_ADD, "add destination", rc);
	}

	rc = ipvs_service_get(h, &svc, &got);
	if (rc)
		return fail(h, IPVS_OP_SERVICE_GET, "get service", rc);
	rc = ipvs_dest_list(h, &svc, &dests, &n);
	if (rc)
		return fail(h, IPVS_OP_DEST_LIST, "list destinations", rc);
	show(&got, dests, n);

	for (size_t i = 0; i < n; i++) {
		rc = ipvs_dest_del(h, &svc, &dests[i]);
		if (rc)
			return fail(h, IPVS_OP_DEST_DEL, "delete destination", rc);
	}
	free(dests);
	rc = ipvs_service_del(h, &svc);
	if (rc)
		return fail(h, IPVS_OP_SERVICE_DEL, "delete service", rc);
	ipvs_close(h);
	puts("done");
	return 0;
}
