/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "config.h"
#include "ktest.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

const char *kt_errname(int rc)
{
	static char buf[32];

	switch (rc) {
	case 0: return "0";
	case -EPERM: return "EPERM";
	case -ENOENT: return "ENOENT";
	case -ESRCH: return "ESRCH";
	case -EINVAL: return "EINVAL";
	case -EEXIST: return "EEXIST";
	case -ERANGE: return "ERANGE";
	case -ENODEV: return "ENODEV";
	case -ENOBUFS: return "ENOBUFS";
	case -EAFNOSUPPORT: return "EAFNOSUPPORT";
	case -EOPNOTSUPP: return "EOPNOTSUPP";
	case -ENOMEM: return "ENOMEM";
	case -EAGAIN: return "EAGAIN";
	case -ENETUNREACH: return "ENETUNREACH";
	case IPVS_BATCH_UNKNOWN: return "UNKNOWN";
	}
	snprintf(buf, sizeof(buf), "%d", rc);
	return buf;
}

struct ipvs_handle *kt_open(void)
{
	struct ipvs_handle *h = NULL;

	KT_OK(ipvs_open(&h));
	ck_assert_ptr_nonnull(h);
	KT_OK(ipvs_flush(h));
	return h;
}

int kt_addr(union ipvs_addr *a, const char *text)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, text, &a->in) == 1)
		return AF_INET;
	KT_CHECK(inet_pton(AF_INET6, text, &a->in6) == 1, "bad address %s", text);
	return AF_INET6;
}

void kt_svc(struct ipvs_service *s, uint16_t proto, const char *addr,
	    uint16_t port, const char *sched)
{
	memset(s, 0, sizeof(*s));
	s->af = kt_addr(&s->addr, addr);
	s->protocol = proto;
	s->port = port;
	snprintf(s->sched_name, sizeof(s->sched_name), "%s", sched);
	s->netmask = s->af == AF_INET ? 0xffffffff : 128;
}

void kt_svc_fwm(struct ipvs_service *s, uint16_t af, uint32_t mark, const char *sched)
{
	memset(s, 0, sizeof(*s));
	s->af = af;
	s->fwmark = mark;
	snprintf(s->sched_name, sizeof(s->sched_name), "%s", sched);
	s->netmask = af == AF_INET ? 0xffffffff : 128;
}

void kt_dest(struct ipvs_dest *d, const char *addr, uint16_t port,
	     uint32_t fwd, int32_t weight)
{
	memset(d, 0, sizeof(*d));
	d->af = kt_addr(&d->addr, addr);
	d->port = port;
	d->fwd = fwd;
	d->weight = weight;
}

static int addr_eq(uint16_t af, const union ipvs_addr *a, const union ipvs_addr *b)
{
	return !memcmp(a, b, af == AF_INET ? 4 : 16);
}

int kt_svc_same_id(const struct ipvs_service *a, const struct ipvs_service *b)
{
	if (a->af != b->af || a->fwmark != b->fwmark)
		return 0;
	if (a->fwmark)
		return 1;
	return a->protocol == b->protocol && a->port == b->port &&
	       addr_eq(a->af, &a->addr, &b->addr);
}

int kt_dest_same_id(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	return a->af == b->af && a->port == b->port && addr_eq(a->af, &a->addr, &b->addr);
}

void kt_svc_check(const struct ipvs_service *got, const struct ipvs_service *want,
		  const char *what)
{
	static const union ipvs_addr zero;

	KT_CHECK(kt_svc_same_id(got, want), "%s: identity differs", what);
	if (got->fwmark) {
		/* A fwmark service has no address or port of its own. */
		KT_CHECK(!memcmp(&got->addr, &zero, sizeof(zero)) && got->port == 0,
			      "%s: fwmark service read back with an address/port", what);
	} else {
		KT_CHECK(got->af == AF_INET6 || !memcmp(got->addr.raw + 4, zero.raw, 12),
			      "%s: IPv4 address has junk after the first 4 bytes", what);
	}
	KT_CHECK(!strcmp(got->sched_name, want->sched_name), "%s: sched '%s' != '%s'",
		      what, got->sched_name, want->sched_name);
	KT_CHECK(!strcmp(got->pe_name, want->pe_name), "%s: pe '%s' != '%s'",
		      what, got->pe_name, want->pe_name);
	KT_CHECK(got->flags == want->flags, "%s: flags 0x%x != 0x%x",
		      what, got->flags, want->flags);
	KT_CHECK(got->timeout == want->timeout, "%s: timeout %u != %u",
		      what, got->timeout, want->timeout);
	KT_CHECK(got->netmask == want->netmask, "%s: netmask 0x%x != 0x%x",
		      what, got->netmask, want->netmask);
}

void kt_dest_check(const struct ipvs_dest *got, const struct ipvs_dest *want,
		   const char *what)
{
	KT_CHECK(kt_dest_same_id(got, want), "%s: identity differs", what);
	KT_CHECK(got->fwd == want->fwd, "%s: fwd %u != %u", what, got->fwd, want->fwd);
	KT_CHECK(got->weight == want->weight, "%s: weight %d != %d",
		      what, got->weight, want->weight);
	KT_CHECK(got->u_threshold == want->u_threshold, "%s: u_thresh %u != %u",
		      what, got->u_threshold, want->u_threshold);
	KT_CHECK(got->l_threshold == want->l_threshold, "%s: l_thresh %u != %u",
		      what, got->l_threshold, want->l_threshold);
	KT_CHECK(got->tun_type == want->tun_type, "%s: tun_type %u != %u",
		      what, got->tun_type, want->tun_type);
	KT_CHECK(got->tun_port == want->tun_port, "%s: tun_port %u != %u",
		      what, got->tun_port, want->tun_port);
	KT_CHECK(got->tun_flags == want->tun_flags, "%s: tun_flags %u != %u",
		      what, got->tun_flags, want->tun_flags);
}

void kt_svc_readback(struct ipvs_handle *h, const struct ipvs_service *want)
{
	struct ipvs_service got;

	memset(&got, 0xa5, sizeof(got));
	KT_OK(ipvs_service_get(h, want, &got));
	kt_svc_check(&got, want, "service_get");
}

void kt_dest_readback(struct ipvs_handle *h, const struct ipvs_service *svc,
		      const struct ipvs_dest *want)
{
	struct ipvs_dest *d = NULL;
	size_t n = 0, i;

	KT_OK(ipvs_dest_list(h, svc, &d, &n));
	for (i = 0; i < n; i++)
		if (kt_dest_same_id(&d[i], want))
			break;
	KT_CHECK(i < n, "destination not found among %zu", n);
	kt_dest_check(&d[i], want, "dest_list");
	free(d);
}

size_t kt_svc_count(struct ipvs_handle *h)
{
	struct ipvs_service *s = NULL;
	size_t n = 12345;

	KT_OK(ipvs_service_list(h, &s, &n));
	free(s);
	return n;
}

size_t kt_dest_count(struct ipvs_handle *h, const struct ipvs_service *svc)
{
	struct ipvs_dest *d = NULL;
	size_t n = 12345;

	KT_OK(ipvs_dest_list(h, svc, &d, &n));
	free(d);
	return n;
}

/* 1 when the kernel has IPVS sync threads ("ipvs-m:..." masters,
 * "ipvs-b:..." backups) and every one of them sleeps (state S), i.e. has
 * reached its wait loop; 0 while one is still starting or there is none. */
static int sync_threads_waiting(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *e;
	int seen = 0, busy = 0;

	KT_CHECK(proc != NULL, "/proc: %s", strerror(errno));
	while ((e = readdir(proc))) {
		char path[300], line[256], *open, *close;
		FILE *f;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;	/* gone meanwhile */
		open = fgets(line, sizeof(line), f) ? strchr(line, '(') : NULL;
		fclose(f);
		close = open ? strrchr(open, ')') : NULL;
		if (!close || close[1] != ' ')
			continue;
		*close = '\0';
		if (strncmp(open + 1, "ipvs-m:", 7) && strncmp(open + 1, "ipvs-b:", 7))
			continue;
		seen++;
		if (close[2] != 'S')
			busy++;
	}
	closedir(proc);
	return seen > 0 && busy == 0;
}

void kt_daemon_settle(void)
{
	for (int i = 0; i < 500; i++) {
		if (sync_threads_waiting())
			return;
		usleep(10000);
	}
	ck_abort_msg("the sync daemon threads did not reach their wait loop within 5 s");
}

static char *vformat(const char *fmt, va_list ap)
{
	char *cmd = NULL;

	ck_assert_int_ge(vasprintf(&cmd, fmt, ap), 0);
	return cmd;
}

int kt_sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

char *kt_sh_out(const char *fmt, ...)
{
	va_list ap;
	char *cmd, *out = NULL;
	size_t len = 0;
	FILE *p, *mem;
	int c;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	ck_assert_msg(p != NULL, "popen %s", cmd);
	mem = open_memstream(&out, &len);
	while ((c = fgetc(p)) != EOF)
		fputc(c, mem);
	fclose(mem);
	ck_assert_msg(pclose(p) == 0, "command failed: %s\n%s", cmd, out);
	free(cmd);
	return out;
}

int kt_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_VERBOSE);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
