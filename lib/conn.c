/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Connection entries (ipvs_conn_*): the kernel's /proc/net/ip_vs_conn,
 * read in large pieces and parsed in place, one line at a time.
 *
 * IPVS has no netlink dump of its connections, so the text is the
 * interface.  Each read of it restarts the kernel's walk of its hash table
 * from the first bucket (ip_vs_conn_seq_start), and a read returns at most
 * one seq_file buffer, so the reader asks for much more than that and the
 * kernel's own cost sets the pace.  Nothing of a line is kept after the
 * next one is parsed: memory stays flat in the number of entries.
 *
 * The fields are taken the way ipvsadm 1.31's sscanf() takes them: eleven
 * conversions, a number ending where its digits do, the line ending at a
 * NUL, stopping at the first number that does not parse; so a listing
 * built on this shows what 1.31 shows, for any input.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipvs-private.h"

#define CONN_FILE	"/proc/net/ip_vs_conn"
/* What one read asks for: more than any seq_file buffer hands out. */
#define CONN_READ_SIZE	(128 * 1024)

struct ipvs_conn_reader {
	int	fd;
	char	*buf;
	size_t	cap;		/* bytes of buf */
	size_t	start, end;	/* unparsed bytes are buf[start, end) */
	bool	eof, header_seen;
};

static bool is_space(char ch)
{
	return ch == ' ' || (ch >= '\t' && ch <= '\r');
}

/* %ms: the next run of non-space bytes at *p, NUL-terminated in place
 * (over the space after it, which the cursor then passes); NULL at the
 * end of the line. */
static char *scan_string(char **p)
{
	char *s = *p, *t;

	while (is_space(*s))
		s++;
	if (!*s)
		return NULL;
	for (t = s; *t && !is_space(*t); t++)
		;
	*p = *t ? t + 1 : t;
	*t = '\0';
	return s;
}

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;
	return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Exactly n hex digits and then the end of s or a space: the kernel's
 * ports and IPv4 addresses, taken without strtoul's generality. */
static bool hex_exact(const char *s, size_t n, uint32_t *v)
{
	uint32_t x = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int d = hex_digit(s[i]);

		if (d < 0)
			return false;
		x = x << 4 | (uint32_t)d;
	}
	if (s[n] && !is_space(s[n]))
		return false;
	*v = x;
	return true;
}

/* %hX: as scanf, the number ends where its digits do and the next field
 * starts right there; false when no number starts at *p. */
static bool scan_port(char **p, uint16_t *port)
{
	char *s = *p, *e;
	uint32_t v;

	while (is_space(*s))
		s++;
	if (hex_exact(s, 4, &v)) {
		*port = (uint16_t)v;
		*p = s + 4;
		return true;
	}
	v = (uint32_t)strtoul(s, &e, 16);
	if (e == s)
		return false;
	*port = (uint16_t)v;
	*p = e;
	return true;
}

/* %d, the same way. */
static bool scan_int(char **p, uint32_t *v)
{
	char *e;
	long x = strtol(*p, &e, 10);

	if (e == *p)
		return false;
	*v = (uint32_t)(int)x;
	*p = e;
	return true;
}

/* As 1.31: IPv6 text, else dotted IPv4, else the kernel's host-order hex. */
static uint16_t addr_decode(const char *s, union ipvs_addr *a)
{
	uint32_t v;

	if (hex_exact(s, 8, &v)) {	/* what the kernel writes for IPv4 */
		a->in.s_addr = htonl(v);
		return AF_INET;
	}
	if (inet_pton(AF_INET6, s, &a->in6) > 0)
		return AF_INET6;
	if (inet_pton(AF_INET, s, &a->in) <= 0)
		a->in.s_addr = htonl((uint32_t)strtoul(s, NULL, 16));
	return AF_INET;
}

static uint16_t proto_number(const char *s)
{
	if (!strcmp(s, "TCP"))
		return IPPROTO_TCP;
	if (!strcmp(s, "UDP"))
		return IPPROTO_UDP;
	if (!strcmp(s, "SCTP"))
		return IPPROTO_SCTP;
	return 0;
}

IPVS_EXPORT int ipvs_conn_parse(char *line, struct ipvs_conn *c)
{
	/* 1.31's "%ms %ms %hX %ms %hX %ms %hX %ms %d %ms %ms". */
	static const char kind[] = "ssxsxsxsdss";
	uint16_t *ports[] = { &c->cport, &c->vport, &c->dport };
	char *tok[11] = { NULL };
	char *p = line;
	int n, nport = 0;

	memset(c, 0, sizeof(*c));
	for (n = 0; n < 11; n++) {
		bool ok;

		if (kind[n] == 's')
			ok = (tok[n] = scan_string(&p)) != NULL;
		else if (kind[n] == 'x')
			ok = scan_port(&p, ports[nport++]);
		else
			ok = scan_int(&p, &c->expires);
		if (!ok)
			break;
	}
	if (n == 0)
		return -EBADMSG;	/* only spaces: scanf's EOF */

	c->protocol = tok[0] ? tok[0] : "";
	c->proto = proto_number(c->protocol);
	/* The client's form decides how the virtual address is read. */
	c->af = addr_decode(tok[1] ? tok[1] : "", &c->caddr);
	if (c->af == AF_INET6)
		inet_pton(AF_INET6, tok[3] ? tok[3] : "", &c->vaddr.in6);
	else
		addr_decode(tok[3] ? tok[3] : "", &c->vaddr);
	c->daf = addr_decode(tok[5] ? tok[5] : "", &c->daddr);
	c->state = tok[7] ? tok[7] : "";
	c->pe_name = tok[9];
	c->pe_data = tok[10];
	return 0;
}

IPVS_EXPORT int ipvs_conn_open(struct ipvs_conn_reader **rp, int fd)
{
	struct ipvs_conn_reader *r;
	int err;

	*rp = NULL;
	if (fd < 0) {
		fd = open(CONN_FILE, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
	}
	r = calloc(1, sizeof(*r));
	if (r)
		r->buf = malloc(CONN_READ_SIZE + 1);
	if (!r || !r->buf) {
		err = -ENOMEM;
		free(r);
		close(fd);
		return err;
	}
	r->fd = fd;
	r->cap = CONN_READ_SIZE;
	*rp = r;
	return 0;
}

/* Make room for at least a read's worth after end: move the unparsed
 * bytes to the front, or grow when one line fills the buffer. */
static int reader_room(struct ipvs_conn_reader *r)
{
	size_t left = r->end - r->start;
	char *nb;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, left);
		r->start = 0;
		r->end = left;
	}
	if (r->cap - r->end >= CONN_READ_SIZE / 2)
		return 0;
	nb = realloc(r->buf, r->cap * 2 + 1);
	if (!nb)
		return -ENOMEM;
	r->buf = nb;
	r->cap *= 2;
	return 0;
}

static int reader_fill(struct ipvs_conn_reader *r)
{
	ssize_t got;
	int err = reader_room(r);

	if (err)
		return err;
	do
		got = read(r->fd, r->buf + r->end, r->cap - r->end);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return -errno;
	if (got == 0)
		r->eof = true;
	r->end += (size_t)got;
	return 0;
}

/* The next line (without its newline) in *line and *len; 0 at the end.
 * A last line without a newline counts. */
static int reader_line(struct ipvs_conn_reader *r, char **line, size_t *len)
{
	for (;;) {
		char *s = r->buf + r->start;
		char *nl = memchr(s, '\n', r->end - r->start);
		int err;

		if (nl || (r->eof && r->end > r->start)) {
			size_t n = nl ? (size_t)(nl - s) : r->end - r->start;

			*line = s;
			*len = n;
			r->start += nl ? n + 1 : n;
			return 1;
		}
		if (r->eof)
			return 0;
		err = reader_fill(r);
		if (err)
			return err;
	}
}

IPVS_EXPORT int ipvs_conn_next(struct ipvs_conn_reader *r, struct ipvs_conn *c)
{
	char *line;
	size_t len;
	int got;

	if (!r->header_seen) {
		got = reader_line(r, &line, &len);
		if (got <= 0)
			return got ? got : -ENODATA;
		r->header_seen = true;
	}
	got = reader_line(r, &line, &len);
	if (got <= 0)
		return got;
	line[len] = '\0';
	got = ipvs_conn_parse(line, c);
	return got ? got : 1;
}

IPVS_EXPORT void ipvs_conn_close(struct ipvs_conn_reader *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r->buf);
	free(r);
}
