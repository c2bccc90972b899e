/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Address, port and netmask syntax: the first byte picks the protocol the
 * port names are looked up for, the rest is the text (up to a NUL).
 */
#include "config.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP, 0 };
	struct ipvs_service svc;
	uint32_t mask;
	char *buf;

	if (size < 1)
		return 0;
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	addr_to_number(buf, 0, 65535);
	addr_to_number(buf, -1, 0x7fffffff);
	addr_parse_mask4(buf, &mask);
	memset(&svc, 0, sizeof(svc));
	svc.protocol = protos[data[0] % 4];
	addr_parse_service(buf, &svc);	/* modifies buf: last */
	free(buf);
	return 0;
}
