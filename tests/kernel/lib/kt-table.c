/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Full-table reads against the real kernel: 1,000 services x 10 dests
 * compared field by field, a cross-check with Debian's ipvsadm -Sn, reads
 * racing writers (ipvs_table_read and list sessions, with and without
 * counters), the counters a session keeps, and ipvs_want_diff against the
 * kernel's table. */
#include "config.h"
#include "ktest.h"

#include <arpa/inet.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NDEST 10

static struct ipvs_handle *h;

static void setup(void)
{
	h = kt_open();
}

static void teardown(void)
{
	ipvs_flush(h);
	ipvs_close(h);
}

static const char *const scheds[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh",
};

/* Service number i of the generated table: a mix of protocols, families,
 * fwmarks, schedulers, flags, persistence and PEs. */
static void spec_svc(struct ipvs_service *s, int i)
{
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_SCTP };
	const char *sched = scheds[i % 13];
	char addr[64];

	switch (i % 10) {
	case 6: case 7:
		snprintf(addr, sizeof(addr), "2001:db8:30::%x", i + 1);
		kt_svc(s, protos[i % 3], addr, 443, sched);
		break;
	case 8:
		kt_svc_fwm(s, AF_INET, 10000 + i, sched);
		break;
	case 9:
		kt_svc_fwm(s, AF_INET6, 10000 + i, sched);
		break;
	default:
		snprintf(addr, sizeof(addr), "10.30.%d.%d", i / 250, i % 250 + 1);
		kt_svc(s, protos[i % 3], addr, 80 + i % 7, sched);
	}
	if (i % 4 == 0) {
		s->flags |= IPVS_SVC_F_PERSISTENT;
		s->timeout = 100 + i;
		s->netmask = s->af == AF_INET ? htonl(0xffffff00) : 64;
	}
	if (i % 20 == 0)
		strcpy(s->pe_name, "sip");
	if (i % 7 == 0)
		s->flags |= IPVS_SVC_F_ONEPACKET;
	if (i % 13 == 7 || i % 13 == 12)	/* sh, mh */
		s->flags |= i % 2 ? IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 : IPVS_SVC_F_SCHED2;
	else if (i % 11 == 0)
		s->flags |= IPVS_SVC_F_SCHED3;
}

/* Destination j of service i. */
static void spec_dest(struct ipvs_dest *d, const struct ipvs_service *s, int i, int j)
{
	static const uint32_t fwds[] = {
		IPVS_FWD_MASQ, IPVS_FWD_LOCAL, IPVS_FWD_TUNNEL, IPVS_FWD_ROUTE,
	};
	uint32_t fwd = fwds[j % 4];
	int af = s->af;
	char addr[64];

	if (j == 3) {	/* a mixed-family tunnel */
		af = af == AF_INET ? AF_INET6 : AF_INET;
		fwd = IPVS_FWD_TUNNEL;
	}
	if (af == AF_INET)
		snprintf(addr, sizeof(addr), "172.16.%d.%d", j + 1, i % 250 + 1);
	else
		snprintf(addr, sizeof(addr), "2001:db8:40::%x:%x", i + 1, j + 1);
	kt_dest(d, addr, 8000 + j + i % 3, fwd, j * 3 + i % 5);
	if (j % 2 == 0) {
		d->u_threshold = 100 * (j + 1);
		d->l_threshold = 10 * j;
	}
	if (fwd == IPVS_FWD_TUNNEL) {
		d->tun_type = (i + j) % 3;
		if (d->tun_type == IPVS_TUN_GUE) {
			d->tun_port = 6000 + i;
			d->tun_flags = i % 3;
		} else if (d->tun_type == IPVS_TUN_GRE) {
			d->tun_flags = i % 2;
		}
	}
}

static void build_table(int nsvc, int ndest)
{
	struct ipvs_batch *b = NULL;
	struct ipvs_service s;
	struct ipvs_dest d;

	KT_OK(ipvs_batch_new(h, &b));
	for (int i = 0; i < nsvc; i++) {
		spec_svc(&s, i);
		KT_OK(ipvs_batch_service_add(b, &s, i));
		for (int j = 0; j < ndest; j++) {
			spec_dest(&d, &s, i, j);
			KT_OK(ipvs_batch_dest_add(b, &s, &d, (uint64_t)i << 8 | j));
		}
	}
	KT_RC(ipvs_batch_commit(b, NULL, NULL), 0);
	ipvs_batch_free(b);
}

/* Which generated service is this?  -1 if none. */
static int spec_index(const struct ipvs_service *got, int nsvc)
{
	static struct ipvs_service *specs;
	static int nspecs;

	if (nspecs != nsvc) {
		free(specs);
		specs = calloc(nsvc, sizeof(*specs));
		for (int i = 0; i < nsvc; i++)
			spec_svc(&specs[i], i);
		nspecs = nsvc;
	}
	for (int i = 0; i < nsvc; i++)
		if (kt_svc_same_id(got, &specs[i]))
			return i;
	return -1;
}

static void check_table(const struct ipvs_table *t, int nsvc, int ndest)
{
	char *seen = calloc(nsvc, 1);
	struct ipvs_service s;
	struct ipvs_dest d;
	char what[64], a[INET6_ADDRSTRLEN];

	for (size_t k = 0; k < t->n_services; k++) {
		const struct ipvs_table_entry *e = &t->services[k];
		int i = spec_index(&e->svc, nsvc);

		inet_ntop(e->svc.af, &e->svc.addr, a, sizeof(a));
		KT_CHECK(i >= 0, "entry %zu (proto %u %s:%u fwmark %u) is not a service we added",
			      k, e->svc.protocol, a, e->svc.port, e->svc.fwmark);
		KT_CHECK(!seen[i], "service %d (%s:%u fwmark %u) read twice", i, a,
			      e->svc.port, e->svc.fwmark);
		seen[i] = 1;
		spec_svc(&s, i);
		snprintf(what, sizeof(what), "service %d", i);
		kt_svc_check(&e->svc, &s, what);
		KT_CHECK(e->n_dests == (size_t)ndest, "service %d has %zu dests", i, e->n_dests);
		/* Newest first: the kernel puts new destinations at the head. */
		for (int j = 0; j < ndest; j++) {
			spec_dest(&d, &s, i, ndest - 1 - j);
			snprintf(what, sizeof(what), "service %d dest %d", i, ndest - 1 - j);
			kt_dest_check(&e->dests[j], &d, what);
		}
	}
	for (int i = 0; i < nsvc; i++)
		KT_CHECK(seen[i], "service %d missing", i);
	ck_assert_uint_eq(t->n_services, nsvc);
	free(seen);
}

START_TEST(empty_table)
{
	struct ipvs_table *t = NULL;

	KT_OK(ipvs_table_read(h, &t));
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->n_services, 0);
	ipvs_table_free(t);
}
END_TEST

START_TEST(thousand_services_ten_dests)
{
	struct ipvs_table *t = NULL;
	struct timespec a, b;

	build_table(1000, NDEST);
	clock_gettime(CLOCK_MONOTONIC, &a);
	KT_OK(ipvs_table_read(h, &t));
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("read 1000 services x %d dests in %.3f s\n", NDEST,
	       (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	check_table(t, 1000, NDEST);
	ipvs_table_free(t);
}
END_TEST

/* The line Debian's ipvsadm -Sn prints for a service ("-A -t ..."). */
static void svc_name(char *buf, size_t len, const struct ipvs_service *s)
{
	char a[INET6_ADDRSTRLEN];

	if (s->fwmark) {
		snprintf(buf, len, "-f %u%s", s->fwmark, s->af == AF_INET6 ? " -6" : "");
		return;
	}
	inet_ntop(s->af, &s->addr, a, sizeof(a));
	snprintf(buf, len, "%s %s%s%s:%u",
		 s->protocol == IPPROTO_TCP ? "-t" : s->protocol == IPPROTO_UDP ? "-u" :
		 "--sctp-service", s->af == AF_INET6 ? "[" : "", a,
		 s->af == AF_INET6 ? "]" : "", s->port);
}

static const char *sched_flag(const char *sched, int k)
{
	static const char *const plain[] = { "flag-1", "flag-2", "flag-3" };
	static const char *const sh[] = { "sh-fallback", "sh-port", "flag-3" };
	static const char *const mh[] = { "mh-fallback", "mh-port", "flag-3" };

	return !strcmp(sched, "sh") ? sh[k] : !strcmp(sched, "mh") ? mh[k] : plain[k];
}

static void print_svc(FILE *f, const struct ipvs_service *s)
{
	char name[128], a[INET_ADDRSTRLEN];
	const char *sep = " -b ";

	svc_name(name, sizeof(name), s);
	fprintf(f, "-A %s -s %s", name, s->sched_name);
	if (s->flags & IPVS_SVC_F_PERSISTENT) {
		fprintf(f, " -p %u", s->timeout);
		if (s->af == AF_INET && s->netmask != 0xffffffff)
			fprintf(f, " -M %s", inet_ntop(AF_INET, &s->netmask, a, sizeof(a)));
		else if (s->af == AF_INET6 && s->netmask != 128)
			fprintf(f, " -M %u", s->netmask);
	}
	if (s->pe_name[0])
		fprintf(f, " --pe %s", s->pe_name);
	if (s->flags & IPVS_SVC_F_ONEPACKET)
		fprintf(f, " -o");
	for (int k = 0; k < 3; k++) {
		if (s->flags & (IPVS_SVC_F_SCHED1 << k)) {
			fprintf(f, "%s%s", sep, sched_flag(s->sched_name, k));
			sep = ",";
		}
	}
	fputc('\n', f);
}

static void print_dest(FILE *f, const struct ipvs_service *s, const struct ipvs_dest *d)
{
	static const char *const sw[] = { "-m", "-g", "-i", "-g" };
	static const char *const csum[] = { "--tun-nocsum", "--tun-csum", "--tun-remcsum" };
	char name[128], a[INET6_ADDRSTRLEN];

	svc_name(name, sizeof(name), s);
	inet_ntop(d->af, &d->addr, a, sizeof(a));
	fprintf(f, "-a %s -r %s%s%s:%u %s -w %d", name, d->af == AF_INET6 ? "[" : "", a,
		d->af == AF_INET6 ? "]" : "", d->port, sw[d->fwd], d->weight);
	if (d->fwd == IPVS_FWD_TUNNEL) {
		if (d->tun_type == IPVS_TUN_IPIP)
			fprintf(f, " --tun-type ipip");
		else if (d->tun_type == IPVS_TUN_GUE)
			fprintf(f, " --tun-type gue --tun-port %u %s", d->tun_port,
				csum[d->tun_flags]);
		else
			fprintf(f, " --tun-type gre %s", csum[d->tun_flags]);
	}
	fputc('\n', f);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text (which is consumed) sorted, as a new string. */
static char *sort_lines(char *text)
{
	char **lines = NULL, *out = NULL, *save = NULL;
	size_t n = 0, len = 0;
	FILE *f;

	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		lines = realloc(lines, (n + 1) * sizeof(*lines));
		lines[n++] = l;
	}
	qsort(lines, n, sizeof(*lines), cmp_str);
	f = open_memstream(&out, &len);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
	fclose(f);
	free(lines);
	return out;
}

START_TEST(cross_check_with_ipvsadm)
{
	enum { NSVC = 80, ND = 4 };
	struct ipvs_table *t = NULL;
	char *want = NULL, *got, *ws, *gs;
	size_t len = 0;
	FILE *f;

	build_table(NSVC, ND);
	/* What we added, written the way ipvsadm -Sn writes it. */
	f = open_memstream(&want, &len);
	for (int i = 0; i < NSVC; i++) {
		struct ipvs_service s;
		struct ipvs_dest d;

		spec_svc(&s, i);
		print_svc(f, &s);
		for (int j = 0; j < ND; j++) {
			spec_dest(&d, &s, i, j);
			print_dest(f, &s, &d);
		}
	}
	fclose(f);
	got = kt_sh_out("\"$ORACLE\" -Sn");
	ws = sort_lines(want);
	gs = sort_lines(got);
	ck_assert_str_eq(gs, ws);
	/* And the library reads the same table back. */
	KT_OK(ipvs_table_read(h, &t));
	check_table(t, NSVC, ND);
	ipvs_table_free(t);
	free(want);
	free(got);
	free(ws);
	free(gs);
}
END_TEST

static void session_table_free(struct ipvs_table *t)
{
	for (size_t i = 0; i < t->n_services; i++)
		free(t->services[i].dests);
	free(t->services);
}

/* One list session read into a table (dests copied) for the checks: 0,
 * -EAGAIN or -errno; *passes counts the passes it took. */
static int session_read(unsigned int flags, struct ipvs_table *t, int *passes)
{
	struct ipvs_list *l = NULL;
	int rc = ipvs_list_begin(h, NULL, flags, &l);

	t->n_services = 0;
	t->services = NULL;
	*passes = 0;
	while (rc == 0) {
		size_t n = ipvs_list_count(l);

		(*passes)++;
		for (size_t i = 0; i < t->n_services; i++)
			free(t->services[i].dests);
		free(t->services);
		t->services = calloc(n ? n : 1, sizeof(*t->services));
		t->n_services = n;
		for (size_t i = 0; i < n && rc == 0; i++) {
			struct ipvs_table_entry *e = &t->services[i];
			struct ipvs_dest *d;

			KT_OK(ipvs_list_service(l, i, &e->svc));
			rc = ipvs_list_dests(l, i, &d, &e->n_dests);
			if (rc == 0 && e->n_dests) {
				e->dests = malloc(e->n_dests * sizeof(*d));
				memcpy(e->dests, d, e->n_dests * sizeof(*d));
			}
		}
		if (rc == 0 && (rc = ipvs_list_end(l)) == 1)
			rc = 0;
		else
			break;
	}
	ipvs_list_free(l);
	if (rc != 0) {		/* the caller keeps nothing of a failed read */
		session_table_free(t);
		t->services = NULL;
		t->n_services = 0;
	}
	return rc;
}

/* How a churn test reads: ipvs_table_read, or a list session with or
 * without counters. */
enum reader { READ_TABLE, READ_SESSION, READ_SESSION_COUNTERS };

/* One read by reader: 0 (*t filled), -EAGAIN or -errno. */
static int read_by(enum reader how, struct ipvs_table *t, int *passes)
{
	struct ipvs_table *rt = NULL;
	int rc;

	if (how != READ_TABLE)
		return session_read(how == READ_SESSION ? 0 : IPVS_LIST_TOTALS | IPVS_LIST_RATES,
				    t, passes);
	*passes = 1;
	rc = ipvs_table_read(h, &rt);
	if (rc == 0) {
		*t = *rt;
		t->services = calloc(rt->n_services ? rt->n_services : 1, sizeof(*t->services));
		for (size_t i = 0; i < rt->n_services; i++) {
			struct ipvs_table_entry *e = &t->services[i];

			*e = rt->services[i];
			e->dests = malloc((e->n_dests ? e->n_dests : 1) * sizeof(*e->dests));
			memcpy(e->dests, rt->services[i].dests, e->n_dests * sizeof(*e->dests));
		}
		ipvs_table_free(rt);
	}
	return rc;
}

/* Fork writers copies of writer(arg), which change the table until
 * killed, and read the table meanwhile: every read either gives up with
 * -EAGAIN or passes check(); at least min_ok in a hundred must pass, and
 * at least one: whether a read meets a change is luck, so past the planned
 * reads it goes on until one passes, for at most 60 s.  Returns the reads
 * that passed. */
static int reads_under_churn_by(enum reader how, void (*writer)(const void *),
				const void *arg, int writers, int reads, int min_ok,
				void (*check)(const struct ipvs_table *), const char *what)
{
	int ok = 0, again = 0, passes = 0;
	struct timespec start, now;
	pid_t pid[8];

	ck_assert_int_le(writers, 8);
	/* Under valgrind (tests/kernel/lib/memcheck) a read is many times slower
	 * while the writers are not, so it meets more changes and may run out of
	 * time more often; memory errors are what that run looks for. */
	if (getenv("KT_SLOWED"))
		min_ok = 1;
	for (int w = 0; w < writers; w++) {
		pid[w] = fork();
		ck_assert_int_ge(pid[w], 0);
		if (pid[w] == 0) {
			srand((unsigned)w + 1);
			writer(arg);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (int r = 0; r < reads || ok == 0; r++) {
		struct ipvs_table t;
		int p = 0, rc;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (r >= reads && now.tv_sec - start.tv_sec >= 60)
			break;
		rc = read_by(how, &t, &p);

		ck_assert_msg(rc == 0 || rc == -EAGAIN, "read gave %s", kt_errname(rc));
		if (rc == -EAGAIN) {
			again++;
			continue;
		}
		ok++;
		passes += p;
		check(&t);
		session_table_free(&t);
	}
	for (int w = 0; w < writers; w++) {
		kill(pid[w], SIGKILL);
		waitpid(pid[w], NULL, 0);
	}
	printf("%s: %d complete (%d passes), %d EAGAIN\n", what, ok, passes, again);
	ck_assert_int_gt(ok, 0);
	ck_assert_msg(ok * 100 >= min_ok * reads, "%s: only %d of %d reads complete", what,
		      ok, reads);
	return ok;
}

static void reads_under_churn(void (*writer)(const void *), const void *arg, int reads,
			      void (*check)(const struct ipvs_table *), const char *what)
{
	reads_under_churn_by(READ_TABLE, writer, arg, 1, reads, 1, check, what);
}

/* Writer: add and delete a churn service (with a dest). */
static void churn(const void *arg)
{
	struct ipvs_handle *g = NULL;
	struct ipvs_service s;
	struct ipvs_dest d;

	(void)arg;
	if (ipvs_open(&g) != 0)
		_exit(1);
	for (unsigned k = 0;; k++) {
		kt_svc(&s, IPPROTO_UDP, "10.99.0.1", 1 + k % 50, "rr");
		kt_dest(&d, "10.99.1.1", 53, IPVS_FWD_ROUTE, 1);
		ipvs_service_add(g, &s);
		ipvs_dest_add(g, &s, &d);
		ipvs_service_del(g, &s);
		usleep(200);
	}
}

enum { CHURN_NSVC = 200, CHURN_ND = 3 };

/* t without the services churned() picks must be the generated table,
 * complete and exact. */
static void check_but(const struct ipvs_table *t, bool (*churned)(const struct ipvs_service *))
{
	struct ipvs_table filtered;

	filtered.services = calloc(t->n_services ? t->n_services : 1,
				   sizeof(*filtered.services));
	filtered.n_services = 0;
	for (size_t k = 0; k < t->n_services; k++)
		if (!churned(&t->services[k].svc))
			filtered.services[filtered.n_services++] = t->services[k];
	check_table(&filtered, CHURN_NSVC, CHURN_ND);
	free(filtered.services);
}

static bool is_churn_service(const struct ipvs_service *s)
{
	return s->protocol == IPPROTO_UDP && s->addr.in.s_addr == inet_addr("10.99.0.1");
}

/* The stable part must be complete and exact; the churning service may or
 * may not be there. */
static void check_stable_part(const struct ipvs_table *t)
{
	check_but(t, is_churn_service);
}

START_TEST(read_while_writing)
{
	build_table(CHURN_NSVC, CHURN_ND);
	reads_under_churn(churn, NULL, 20, check_stable_part, "concurrent reads");
}
END_TEST

/* The same churn read by list sessions, without and with counters. */
START_TEST(session_while_writing)
{
	build_table(CHURN_NSVC, CHURN_ND);
	reads_under_churn_by(READ_SESSION, churn, NULL, 1, 20, 1, check_stable_part,
			     "sessions, no counters");
	reads_under_churn_by(READ_SESSION_COUNTERS, churn, NULL, 1, 20, 1, check_stable_part,
			     "sessions, counters");
}
END_TEST

/* Writer: add services one at a time, each with a destination, as a user
 * running one ipvsadm command after another would (a process start
 * between two). */
static void adder(const void *arg)
{
	struct ipvs_handle *g = NULL;
	struct ipvs_service s;
	struct ipvs_dest d;
	char addr[32];
	int me = rand() % 200;

	(void)arg;
	for (unsigned k = 0;; k++) {
		if (k == 1000)
			pause();	/* enough: the table must stay small */
		if (ipvs_open(&g) != 0)
			_exit(1);
		snprintf(addr, sizeof(addr), "10.98.%d.%u", me, k % 250 + 1);
		kt_svc(&s, IPPROTO_TCP, addr, 1000 + k / 250, "rr");
		ipvs_service_add(g, &s);
		ipvs_close(g);
		if (ipvs_open(&g) != 0)
			_exit(1);
		kt_dest(&d, "10.97.0.1", 80, IPVS_FWD_MASQ, 1);
		ipvs_dest_add(g, &s, &d);
		ipvs_close(g);
		usleep(10000);
	}
}

static bool is_added_service(const struct ipvs_service *s)
{
	return s->af == AF_INET && (ntohl(s->addr.in.s_addr) >> 16) == 0x0a62;
}

/* The stable part exact; the added services (10.98/16) any in number. */
static void check_added_part(const struct ipvs_table *t)
{
	check_but(t, is_added_service);
}

/* Four writers adding services: a listing must not give up (1.31 would
 * have printed one, and a table before the additions is a true one). */
START_TEST(sessions_while_services_added)
{
	build_table(CHURN_NSVC, CHURN_ND);
	reads_under_churn_by(READ_SESSION, adder, NULL, 4, 10, 100, check_added_part,
			     "sessions under 4 adders, no counters");
	reads_under_churn_by(READ_SESSION_COUNTERS, adder, NULL, 4, 10, 100, check_added_part,
			     "sessions under 4 adders, counters");
	reads_under_churn_by(READ_TABLE, adder, NULL, 4, 10, 100, check_added_part,
			     "table reads under 4 adders");
}
END_TEST

/* Every counter choice reads the whole table; a single-service session
 * has that one service; bad arguments are refused. */
START_TEST(session_counters_and_one)
{
	struct ipvs_list *l = NULL;
	struct ipvs_service s, key;
	struct ipvs_dest *d;
	size_t n;

	build_table(3, 2);
	for (unsigned int flags = 0; flags < 4; flags++) {
		KT_OK(ipvs_list_begin(h, NULL, flags, &l));
		ck_assert_uint_eq(ipvs_list_count(l), 3);
		for (size_t i = 0; i < 3; i++) {
			KT_OK(ipvs_list_service(l, i, &s));
			ck_assert_int_ge(spec_index(&s, 3), 0);
			KT_OK(ipvs_list_dests(l, i, &d, &n));
			ck_assert_uint_eq(n, 2);
		}
		KT_RC(ipvs_list_service(l, 3, &s), -EINVAL);
		KT_RC(ipvs_list_dests(l, 3, &d, &n), -EINVAL);
		KT_OK(ipvs_list_end(l));
		ipvs_list_free(l);
	}
	KT_RC(ipvs_list_begin(h, NULL, 4, &l), -EINVAL);
	KT_RC(ipvs_list_begin(NULL, NULL, 0, &l), -EINVAL);
	ck_assert_uint_eq(ipvs_list_count(NULL), 0);
	KT_RC(ipvs_list_end(NULL), -EINVAL);
	ipvs_list_free(NULL);

	spec_svc(&key, 1);
	KT_OK(ipvs_list_begin(h, &key, 0, &l));
	ck_assert_uint_eq(ipvs_list_count(l), 1);
	KT_OK(ipvs_list_service(l, 0, &s));
	ck_assert_int_eq(spec_index(&s, 3), 1);
	KT_OK(ipvs_list_dests(l, 0, &d, &n));
	ck_assert_uint_eq(n, 2);
	KT_OK(ipvs_list_end(l));
	ipvs_list_free(l);
	kt_svc(&key, IPPROTO_TCP, "10.123.0.1", 1, "rr");
	KT_RC(ipvs_list_begin(h, &key, 0, &l), -ESRCH);
	ck_assert_ptr_null(l);
}
END_TEST

/* Walks hand out what lists return, and can be stopped. */
struct walk_count {
	size_t	n;
	size_t	stop_at;	/* 0: never */
};

static int count_svc(void *arg, const struct ipvs_service *svc)
{
	struct walk_count *w = arg;

	(void)svc;
	return ++w->n == w->stop_at ? 42 : 0;
}

static int count_dest(void *arg, const struct ipvs_dest *d)
{
	struct walk_count *w = arg;

	(void)d;
	return ++w->n == w->stop_at ? 42 : 0;
}

static void add_dests(const struct ipvs_service *s, int n, const char *net)
{
	struct ipvs_batch *b = NULL;
	struct ipvs_dest d;
	char addr[32];

	KT_OK(ipvs_batch_new(h, &b));
	for (int j = 0; j < n; j++) {
		snprintf(addr, sizeof(addr), "%s.%d.%d", net, j / 250, j % 250 + 1);
		kt_dest(&d, addr, 80, IPVS_FWD_MASQ, 1);
		KT_OK(ipvs_batch_dest_add(b, s, &d, (uint64_t)j));
	}
	KT_RC(ipvs_batch_commit(b, NULL, NULL), 0);
	ipvs_batch_free(b);
}

START_TEST(walks_and_dump_parts)
{
	struct walk_count w = { 0 };
	struct ipvs_service big, svcs[1];
	struct ipvs_dest *dl = NULL;
	size_t n = 0;

	build_table(300, 3);
	KT_OK(ipvs_service_walk(h, count_svc, &w));
	ck_assert_uint_eq(w.n, 300);
	ck_assert_uint_gt(ipvs_dump_parts(h), 1);	/* 300 services: pages */
	w = (struct walk_count){ .stop_at = 7 };
	KT_RC(ipvs_service_walk(h, count_svc, &w), 42);
	ck_assert_uint_eq(w.n, 7);
	/* The handle is still usable after a stopped walk. */
	ck_assert_uint_eq(kt_svc_count(h), 300);

	spec_svc(&svcs[0], 0);
	w = (struct walk_count){ 0 };
	KT_OK(ipvs_dest_walk(h, &svcs[0], count_dest, &w));
	ck_assert_uint_eq(w.n, 3);
	ck_assert_uint_eq(ipvs_dump_parts(h), 1);

	kt_svc(&big, IPPROTO_TCP, "10.77.0.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &big));
	add_dests(&big, 600, "172.20");
	w = (struct walk_count){ 0 };
	KT_OK(ipvs_dest_walk(h, &big, count_dest, &w));
	ck_assert_uint_eq(w.n, 600);
	ck_assert_uint_gt(ipvs_dump_parts(h), 1);
	KT_OK(ipvs_dest_list(h, &big, &dl, &n));
	ck_assert_uint_eq(n, 600);
	free(dl);
	w = (struct walk_count){ .stop_at = 250 };
	KT_RC(ipvs_dest_walk(h, &big, count_dest, &w), 42);
	ck_assert_uint_eq(kt_dest_count(h, &big), 600);
	ck_assert_uint_eq(ipvs_dump_parts(NULL), 0);
}
END_TEST

/* Writer: add and remove destinations of the service arg. */
static void dest_churn(const void *arg)
{
	const struct ipvs_service *svc = arg;
	struct ipvs_handle *g = NULL;
	struct ipvs_dest d;
	char addr[32];

	if (ipvs_open(&g) != 0)
		_exit(1);
	for (unsigned k = 0;; k++) {
		snprintf(addr, sizeof(addr), "10.66.0.%u", k % 200 + 1);
		kt_dest(&d, addr, 80, IPVS_FWD_MASQ, 1);
		ipvs_dest_add(g, svc, &d);
		snprintf(addr, sizeof(addr), "10.66.0.%u", (k + 100) % 200 + 1);
		kt_dest(&d, addr, 80, IPVS_FWD_MASQ, 1);
		ipvs_dest_del(g, svc, &d);
		usleep(500);
	}
}

/* The 600 fixed dests (172.20/16) all there, none twice. */
static void check_fixed_dests(const struct ipvs_table *t)
{
	size_t fixed = 0, churned = 0, twice = 0;

	ck_assert_uint_eq(t->n_services, 1);
	/* Plain loops: every ck_assert costs a write to Check's pipe. */
	for (size_t k = 0; k < t->services[0].n_dests; k++) {
		const struct ipvs_dest *d = &t->services[0].dests[k];

		if ((ntohl(d->addr.in.s_addr) >> 16) == 0xac14)
			fixed++;
		else
			churned++;
		for (size_t m = 0; m < k; m++)
			twice += kt_dest_same_id(d, &t->services[0].dests[m]) != 0;
	}
	ck_assert_msg(twice == 0, "%zu destinations read twice", twice);
	ck_assert_uint_eq(fixed, 600);
	ck_assert_uint_le(churned, 200);
}

/* A service of several dump pages whose dests come and go: a table read
 * either settles with every fixed dest there once, or says -EAGAIN. */
START_TEST(read_while_dests_churn)
{
	struct ipvs_service big;

	kt_svc(&big, IPPROTO_TCP, "10.77.0.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &big));
	add_dests(&big, 600, "172.20");
	reads_under_churn(dest_churn, &big, 30, check_fixed_dests, "reads under dest churn");
	reads_under_churn_by(READ_SESSION, dest_churn, &big, 1, 30, 1, check_fixed_dests,
			     "sessions under dest churn");
}
END_TEST

/* The generated table, changed: services 5 and 77 gone, one added, every
 * tenth service's second destination reweighted, service 3's last
 * destination gone and service 8's scheduler changed.  Into *t (entries
 * and dests malloc'ed) and, the same, into w. */
static void changed_table(int nsvc, int ndest, struct ipvs_table *t, struct ipvs_want *w)
{
	struct ipvs_table_entry *e = calloc(nsvc + 1, sizeof(*e));
	struct ipvs_dest *pool = calloc((size_t)(nsvc + 1) * ndest, sizeof(*pool));
	size_t n = 0;
	uint64_t line = 0;

	ck_assert(e && pool);
	for (int i = 0; i <= nsvc; i++) {
		struct ipvs_table_entry *x = &e[n];

		if (i == 5 || i == 77)
			continue;
		if (i == nsvc)
			kt_svc(&x->svc, IPPROTO_TCP, "10.31.0.1", 80, "rr");
		else
			spec_svc(&x->svc, i);
		if (i == 8)
			strcpy(x->svc.sched_name, "wrr");
		x->svc.cookie = ++line;
		x->dests = &pool[n * ndest];
		KT_OK(ipvs_want_service_add(w, &x->svc));
		for (int j = 0; j < ndest; j++) {
			struct ipvs_dest *d = &x->dests[x->n_dests];

			if ((i == 3 && j == ndest - 1) || (i == nsvc && j > 0))
				continue;
			if (i == nsvc)
				kt_dest(d, "10.32.0.1", 80, IPVS_FWD_ROUTE, 1);
			else
				spec_dest(d, &x->svc, i, j);
			if (i % 10 == 0 && j == 1)
				d->weight += 5;
			d->cookie = ++line;
			KT_OK(ipvs_want_dest_add(w, &x->svc, d));
			x->n_dests++;
		}
		n++;
	}
	t->n_services = n;
	t->services = e;
}

/* ipvs_want_diff, reading the kernel's table service by service, plans
 * what ipvs_table_diff plans from a whole read; carried out, the next one
 * is empty.  A scope keeps its destinations from being read at all. */
START_TEST(want_diff_against_kernel)
{
	struct ipvs_table want, *cur = NULL;
	struct ipvs_plan *p = NULL, *q = NULL;
	struct ipvs_scope_rule rule = { .af = AF_INET, .fwmark_min = 1, .fwmark_max = 20000 };
	struct ipvs_scope marks = { 1, &rule };
	struct ipvs_batch *b = NULL;
	struct ipvs_want *w;

	build_table(1000, NDEST);
	KT_OK(ipvs_want_new(&w));
	changed_table(1000, NDEST, &want, w);
	KT_OK(ipvs_table_read(h, &cur));
	KT_OK(ipvs_table_diff(cur, &want, NULL, &p));
	KT_OK(ipvs_want_diff(h, w, NULL, &q));
	ck_assert_uint_eq(q->n_changes, p->n_changes);
	ck_assert_uint_ge(p->n_changes, 100 + 1 + 2 + 1 + 2 * NDEST + 2);
	for (size_t i = 0; i < p->n_changes; i++) {
		struct ipvs_change a = p->changes[i], c = q->changes[i];

		/* A whole read keeps the services' counters; a diff needs none. */
		memset(&a.svc.stats, 0, sizeof(a.svc.stats));
		memset(&a.old_svc.stats, 0, sizeof(a.old_svc.stats));
		KT_CHECK(!memcmp(&a, &c, sizeof(a)), "change %zu (kind %d, cookie %llu) differs",
			 i, a.kind, (unsigned long long)a.cookie);
	}
	ck_assert_uint_eq(q->services, 1000);
	ck_assert_uint_eq(q->dests, 1000 * NDEST);
	ck_assert_uint_eq(q->services_removed, 2);
	ck_assert_uint_eq(q->dests_removed, p->dests_removed);
	ipvs_plan_free(p);
	p = NULL;

	/* In scope only the IPv4 fwmark services, and want has them all:
	 * none to add or remove, only their own edits. */
	ipvs_plan_free(q);
	q = NULL;
	{
		struct ipvs_want *wm;
		struct ipvs_table only = { 0, calloc(want.n_services, sizeof(*want.services)) };

		KT_OK(ipvs_want_new(&wm));
		for (size_t i = 0; i < want.n_services; i++)
			if (ipvs_scope_match(&marks, &want.services[i].svc)) {
				only.services[only.n_services++] = want.services[i];
				KT_OK(ipvs_want_service_add(wm, &want.services[i].svc));
				for (size_t k = 0; k < want.services[i].n_dests; k++)
					KT_OK(ipvs_want_dest_add(wm, &want.services[i].svc,
								 &want.services[i].dests[k]));
			}
		ck_assert_uint_eq(only.n_services, 100);
		KT_OK(ipvs_table_diff(cur, &only, &marks, &p));
		KT_OK(ipvs_want_diff(h, wm, &marks, &q));
		ck_assert_uint_eq(q->n_changes, p->n_changes);
		ck_assert_uint_eq(q->services, 100);
		ck_assert_uint_eq(q->dests, 100 * NDEST);
		for (size_t i = 0; i < q->n_changes; i++)
			ck_assert(ipvs_scope_match(&marks, &q->changes[i].svc));
		ipvs_plan_free(p);
		ipvs_plan_free(q);
		p = q = NULL;
		ipvs_want_free(wm);
		free(only.services);
	}
	ipvs_table_free(cur);

	/* Carried out, the table is the desired one: nothing left to do. */
	KT_OK(ipvs_want_diff(h, w, NULL, &q));
	KT_OK(ipvs_batch_new(h, &b));
	KT_OK(ipvs_batch_plan(b, q));
	KT_RC(ipvs_batch_commit(b, NULL, NULL), 0);
	ipvs_batch_free(b);
	ipvs_plan_free(q);
	q = NULL;
	KT_OK(ipvs_want_diff(h, w, NULL, &q));
	ck_assert_uint_eq(q->n_changes, 0);
	ck_assert_uint_eq(q->services, 999);
	ipvs_plan_free(q);
	ipvs_want_free(w);
	free(want.services[0].dests);
	free(want.services);
}
END_TEST

static Suite *table_suite(void)
{
	Suite *s = suite_create("libipvs table read");
	TCase *tc = tcase_create("table");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, empty_table);
	tcase_add_test(tc, thousand_services_ten_dests);
	tcase_add_test(tc, cross_check_with_ipvsadm);
	tcase_add_test(tc, read_while_writing);
	tcase_add_test(tc, session_while_writing);
	tcase_add_test(tc, sessions_while_services_added);
	tcase_add_test(tc, session_counters_and_one);
	tcase_add_test(tc, walks_and_dump_parts);
	tcase_add_test(tc, read_while_dests_churn);
	tcase_add_test(tc, want_diff_against_kernel);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return kt_run(table_suite());
}
