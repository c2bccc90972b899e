/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by every layer: diagnostics and addresses. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "rs.h"

void rs_diag_set(struct rs_diag *d, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
}

/* fgets() cannot tell a NUL byte from the end of the line: read bytewise. */
enum rs_line rs_line_read(FILE *fp, char *buf, size_t size)
{
	bool nul = false;
	size_t n = 0;
	int ch;

	while ((ch = getc(fp)) != EOF && ch != '\n') {
		if (ch == '\0')
			nul = true;
		if (n + 1 >= size) {
			buf[n] = '\0';
			return nul ? RS_LINE_NUL : RS_LINE_LONG;
		}
		buf[n++] = (char)ch;
	}
	buf[n] = '\0';
	if (ch == EOF && ferror(fp))
		return RS_LINE_ERROR;
	if (nul)
		return RS_LINE_NUL;
	if (ch == EOF)
		return n ? RS_LINE_UNTERMINATED : RS_LINE_EOF;
	return RS_LINE_OK;
}

/* "ADDR" or "ADDR/PREFIX"; no prefix means a host address. */
int rs_addr_parse(const char *s, struct rs_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	int plen = -1;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash) {
		*slash++ = '\0';
		/* Digits only: strtol would also take " 32", "+32" and "0032". */
		if (!*slash || strlen(slash) > 3 || strspn(slash, "0123456789") != strlen(slash) ||
		    (slash[0] == '0' && slash[1]))
			return -EINVAL;
		plen = atoi(slash);
	}
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, buf, &a->u.v4) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, &a->u.v6) == 1)
		a->family = AF_INET6;
	else
		return -EINVAL;
	if (plen > rs_addr_hostlen(a->family))
		return -EINVAL;
	a->prefixlen = plen < 0 ? rs_addr_hostlen(a->family) : (uint8_t)plen;
	return 0;
}

const char *rs_addr_str(const struct rs_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, &a->u, buf, len))
		snprintf(buf, len, "?");
	return buf;
}

bool rs_addr_equal(const struct rs_addr *a, const struct rs_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->u.v4.s_addr == b->u.v4.s_addr;
	return memcmp(&a->u.v6, &b->u.v6, sizeof(a->u.v6)) == 0;
}
