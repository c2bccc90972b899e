/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Handle-level operations against the real kernel: info, timeouts, zero
 * (with real traffic), flush, error texts, two handles, capabilities. */
#include "config.h"
#include "ktest.h"

#include <arpa/inet.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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

START_TEST(info_get)
{
	struct ipvs_info info = { 0, 0 };

	KT_OK(ipvs_info_get(h, &info));
	ck_assert_uint_eq(info.version, 0x010201);
	/* CONFIG_IP_VS_TAB_BITS=12 in Debian's kernels. */
	ck_assert_uint_eq(info.conn_tab_size, 4096);
}
END_TEST

static void timeouts_expect(unsigned tcp, unsigned fin, unsigned udp)
{
	struct ipvs_timeouts t = { 1, 1, 1 };
	char *out;
	char want[128];

	KT_OK(ipvs_timeouts_get(h, &t));
	ck_assert_uint_eq(t.tcp, tcp);
	ck_assert_uint_eq(t.tcp_fin, fin);
	ck_assert_uint_eq(t.udp, udp);
	/* Debian's ipvsadm sees the same values. */
	out = kt_sh_out("\"$ORACLE\" -L --timeout");
	snprintf(want, sizeof(want), "Timeout (tcp tcpfin udp): %u %u %u\n", tcp, fin, udp);
	ck_assert_str_eq(out, want);
	free(out);
}

START_TEST(timeouts)
{
	struct ipvs_timeouts t;

	/* A fresh namespace has the kernel defaults. */
	timeouts_expect(900, 120, 300);
	t = (struct ipvs_timeouts){ 60, 0, 0 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(60, 120, 300);
	t = (struct ipvs_timeouts){ 0, 30, 0 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(60, 30, 300);
	t = (struct ipvs_timeouts){ 0, 0, 45 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(60, 30, 45);
	t = (struct ipvs_timeouts){ 0, 0, 0 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(60, 30, 45);
	t = (struct ipvs_timeouts){ 86400, 7200, 3600 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(86400, 7200, 3600);
	/* Larger than INT_MAX / HZ seconds: refused, nothing changes. */
	t = (struct ipvs_timeouts){ 0xffffffffu, 0, 0 };
	KT_RC(ipvs_timeouts_set(h, &t), -EINVAL);
	timeouts_expect(86400, 7200, 3600);
	t = (struct ipvs_timeouts){ 900, 120, 300 };
	KT_OK(ipvs_timeouts_set(h, &t));
	timeouts_expect(900, 120, 300);
}
END_TEST

/* Open n TCP connections to 10.9.9.9:port through IPVS and close them. */
static void make_traffic(int port, int n)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int l, one = 1;

	inet_pton(AF_INET, "10.9.9.9", &sa.sin_addr);
	l = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(l, 0);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	ck_assert_int_eq(bind(l, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(l, 16), 0);
	for (int i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0), a;

		ck_assert_msg(connect(c, (struct sockaddr *)&sa, sizeof(sa)) == 0,
			      "connect: %s", strerror(errno));
		a = accept(l, NULL, NULL);
		ck_assert_int_ge(a, 0);
		ck_assert_int_eq(write(c, "ping", 4), 4);
		close(a);
		close(c);
	}
	close(l);
}

static struct ipvs_stats svc_stats(const struct ipvs_service *s)
{
	struct ipvs_service got;

	KT_OK(ipvs_service_get(h, s, &got));
	return got.stats;
}

static struct ipvs_stats dest_stats(const struct ipvs_service *s)
{
	struct ipvs_dest *d = NULL;
	struct ipvs_stats st;
	size_t n = 0;

	KT_OK(ipvs_dest_list(h, s, &d, &n));
	ck_assert_uint_eq(n, 1);
	st = d[0].stats;
	free(d);
	return st;
}

/* Counters move only when the 2 s estimator runs: wait until they show the
 * connections, then until they stay unchanged across a full period. */
static void wait_counters_settle(const struct ipvs_service *s, uint64_t min_conns)
{
	struct ipvs_stats prev, cur = svc_stats(s);
	int tries;

	for (tries = 0; tries < 20 && cur.conns < min_conns; tries++) {
		usleep(500000);
		cur = svc_stats(s);
	}
	ck_assert_msg(cur.conns >= min_conns, "counters show %llu conns, want %llu",
		      (unsigned long long)cur.conns, (unsigned long long)min_conns);
	for (tries = 0; tries < 5; tries++) {
		prev = cur;
		usleep(2200000);
		cur = svc_stats(s);
		if (!memcmp(&prev, &cur, 5 * sizeof(uint64_t)))
			return;
	}
	ck_abort_msg("counters kept changing");
}

static void assert_zero(struct ipvs_stats st, const char *what)
{
	ck_assert_msg(st.conns == 0 && st.inpkts == 0 && st.outpkts == 0 &&
		      st.inbytes == 0 && st.outbytes == 0,
		      "%s not zero: conns %llu inpkts %llu inbytes %llu", what,
		      (unsigned long long)st.conns, (unsigned long long)st.inpkts,
		      (unsigned long long)st.inbytes);
}

START_TEST(zero_one_and_all)
{
	struct ipvs_service a, b;
	struct ipvs_dest d;
	struct ipvs_stats st;

	ck_assert_int_eq(kt_sh("ip addr add 10.9.9.9/32 dev lo"), 0);
	kt_svc(&a, IPPROTO_TCP, "10.9.9.9", 80, "rr");
	kt_svc(&b, IPPROTO_TCP, "10.9.9.9", 81, "rr");
	KT_OK(ipvs_service_add(h, &a));
	KT_OK(ipvs_service_add(h, &b));
	/* Locally originated connections to a local real server. */
	kt_dest(&d, "10.9.9.9", 80, IPVS_FWD_LOCAL, 1);
	KT_OK(ipvs_dest_add(h, &a, &d));
	d.port = 81;
	KT_OK(ipvs_dest_add(h, &b, &d));

	/* Zeroing succeeds on fresh entries too. */
	KT_OK(ipvs_zero(h, &a));
	KT_OK(ipvs_zero(h, NULL));

	make_traffic(80, 3);
	make_traffic(81, 2);
	wait_counters_settle(&a, 3);
	wait_counters_settle(&b, 2);
	st = svc_stats(&a);
	ck_assert_uint_eq(st.conns, 3);
	ck_assert_uint_gt(st.inpkts, 3);
	ck_assert_uint_gt(st.inbytes, 0);
	st = dest_stats(&a);
	ck_assert_uint_eq(st.conns, 3);
	st = svc_stats(&b);
	ck_assert_uint_eq(st.conns, 2);

	KT_OK(ipvs_zero(h, &a));
	assert_zero(svc_stats(&a), "service a after zeroing a");
	assert_zero(dest_stats(&a), "dest of a after zeroing a");
	st = svc_stats(&b);
	ck_assert_uint_eq(st.conns, 2);

	KT_OK(ipvs_zero(h, NULL));
	assert_zero(svc_stats(&a), "service a after zeroing all");
	assert_zero(svc_stats(&b), "service b after zeroing all");
	assert_zero(dest_stats(&b), "dest of b after zeroing all");
}
END_TEST

START_TEST(flush)
{
	struct ipvs_service s;
	struct ipvs_dest d;

	KT_OK(ipvs_flush(h));	/* empty table */
	kt_svc(&s, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &s));
	kt_dest(&d, "10.1.0.1", 80, IPVS_FWD_ROUTE, 1);
	KT_OK(ipvs_dest_add(h, &s, &d));
	kt_svc(&s, IPPROTO_UDP, "2001:db8::1", 53, "wlc");
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_fwm(&s, AF_INET, 3, "rr");
	KT_OK(ipvs_service_add(h, &s));
	kt_svc_fwm(&s, AF_INET6, 3, "rr");
	KT_OK(ipvs_service_add(h, &s));
	ck_assert_uint_eq(kt_svc_count(h), 4);
	KT_OK(ipvs_flush(h));
	ck_assert_uint_eq(kt_svc_count(h), 0);
	free(kt_sh_out("test -z \"$(\"$ORACLE\" -Sn)\""));
}
END_TEST

START_TEST(error_texts)
{
	struct ipvs_service s;

	ck_assert_str_eq(ipvs_strerror(IPVS_OP_SERVICE_ADD, -EEXIST), "Service already exists");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_SERVICE_ADD, EEXIST), "Service already exists");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_SERVICE_DEL, -ESRCH), "No such service");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_SERVICE_UPDATE, -ESRCH), "No such service");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_SERVICE_ADD, -ENOENT),
			 "Scheduler or persistence engine not found");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_DEST_ADD, -ESRCH), "Service not defined");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_DEST_ADD, -EEXIST), "Destination already exists");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_DEST_DEL, -ENOENT), "No such destination");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_DEST_UPDATE, -ENOENT), "No such destination");
	ck_assert_str_eq(ipvs_strerror(IPVS_OP_INFO_GET, -EACCES), strerror(EACCES));

	/* The handle explains its last failure in words. */
	kt_svc(&s, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	KT_RC(ipvs_service_del(h, &s), -ESRCH);
	ck_assert_str_ne(ipvs_errmsg(h), "");
}
END_TEST

START_TEST(fresh_handle_has_no_error)
{
	struct ipvs_handle *g = NULL;

	KT_OK(ipvs_open(&g));
	ck_assert_str_eq(ipvs_errmsg(g), "");
	ipvs_close(g);
}
END_TEST

START_TEST(two_handles)
{
	struct ipvs_handle *g = NULL;
	struct ipvs_service s, t, got;
	struct ipvs_dest d;

	KT_OK(ipvs_open(&g));
	kt_svc(&s, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	kt_svc(&t, IPPROTO_TCP, "10.0.0.2", 80, "wlc");
	/* Interleave requests on the two sockets. */
	KT_OK(ipvs_service_add(h, &s));
	KT_OK(ipvs_service_add(g, &t));
	KT_OK(ipvs_service_get(g, &s, &got));
	kt_svc_check(&got, &s, "via second handle");
	KT_OK(ipvs_service_get(h, &t, &got));
	kt_svc_check(&got, &t, "via first handle");
	kt_dest(&d, "10.1.0.1", 80, IPVS_FWD_ROUTE, 1);
	KT_OK(ipvs_dest_add(g, &s, &d));
	KT_RC(ipvs_dest_add(h, &s, &d), -EEXIST);
	/* An error on one handle leaves the other's message alone. */
	ck_assert_str_ne(ipvs_errmsg(h), "");
	ck_assert_str_eq(ipvs_errmsg(g), "");
	KT_OK(ipvs_service_del(g, &s));
	KT_RC(ipvs_service_get(h, &s, &got), -ESRCH);
	ipvs_close(g);
	/* Closing one does not disturb the other. */
	kt_svc_readback(h, &t);
	ck_assert_uint_eq(kt_svc_count(h), 1);
}
END_TEST

static void drop_all_caps(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capset, &hdr, data) != 0)
		_exit(90);
}

/* In a child without CAP_NET_ADMIN: every IPVS operation is refused. */
static int eperm_child(int open_first)
{
	struct ipvs_handle *g = NULL;
	struct ipvs_service s, *list = NULL;
	struct ipvs_info info;
	size_t n;
	int rc;

	if (open_first && ipvs_open(&g) != 0)
		return 91;
	drop_all_caps();
	if (!open_first) {
		/* Resolving the family needs no privilege; either answer is fine. */
		rc = ipvs_open(&g);
		if (rc == -EPERM)
			return 0;
		if (rc != 0)
			return 92;
	}
	kt_svc(&s, IPPROTO_TCP, "10.0.0.9", 80, "rr");
	if (ipvs_service_add(g, &s) != -EPERM)
		return 93;
	if (ipvs_service_list(g, &list, &n) != -EPERM)
		return 94;
	if (ipvs_info_get(g, &info) != -EPERM)
		return 95;
	if (ipvs_flush(g) != -EPERM)
		return 96;
	ipvs_close(g);
	return 0;
}

START_TEST(eperm_without_cap_net_admin)
{
	for (int open_first = 0; open_first < 2; open_first++) {
		int st;
		pid_t pid = fork();

		ck_assert_int_ge(pid, 0);
		if (pid == 0)
			_exit(eperm_child(open_first));
		ck_assert_int_eq(waitpid(pid, &st, 0), pid);
		ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0,
			      "child (open_first=%d) failed with status %d", open_first,
			      WEXITSTATUS(st));
	}
	/* And nothing was added by the children. */
	ck_assert_uint_eq(kt_svc_count(h), 0);
}
END_TEST

static Suite *admin_suite(void)
{
	Suite *s = suite_create("libipvs admin");
	TCase *tc = tcase_create("admin");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, info_get);
	tcase_add_test(tc, timeouts);
	tcase_add_test(tc, zero_one_and_all);
	tcase_add_test(tc, flush);
	tcase_add_test(tc, error_texts);
	tcase_add_test(tc, fresh_handle_has_no_error);
	tcase_add_test(tc, two_handles);
	tcase_add_test(tc, eperm_without_cap_net_admin);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return kt_run(admin_suite());
}
