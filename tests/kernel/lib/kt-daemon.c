/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Sync daemons and handles opened in another network namespace, against
 * the real kernel. */
#include "config.h"
#include "ktest.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct ipvs_handle *h;

static void setup(void)
{
	struct ipvs_daemon d = { .state = IPVS_DAEMON_MASTER };

	h = kt_open();
	/* Leftovers of a failed test must not break the next one. */
	ipvs_daemon_stop(h, &d);
	d.state = IPVS_DAEMON_BACKUP;
	ipvs_daemon_stop(h, &d);
}

static void teardown(void)
{
	ipvs_flush(h);
	ipvs_close(h);
}

static void daemon_check(const struct ipvs_daemon *got, const struct ipvs_daemon *want)
{
	ck_assert_uint_eq(got->state, want->state);
	ck_assert_str_eq(got->mcast_ifn, want->mcast_ifn);
	ck_assert_uint_eq(got->syncid, want->syncid);
	ck_assert_uint_eq(got->sync_maxlen, want->sync_maxlen);
	ck_assert_uint_eq(got->mcast_af, want->mcast_af);
	ck_assert_msg(!memcmp(&got->mcast_group, &want->mcast_group,
			      want->mcast_af == AF_INET ? 4 : 16), "mcast group differs");
	ck_assert_uint_eq(got->mcast_port, want->mcast_port);
	ck_assert_uint_eq(got->mcast_ttl, want->mcast_ttl);
}

START_TEST(start_list_stop_every_attribute)
{
	struct ipvs_daemon m, b, out[2];
	size_t n = 9;
	char *text;

	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 0);

	memset(&m, 0, sizeof(m));
	m.state = IPVS_DAEMON_MASTER;
	strcpy(m.mcast_ifn, "ktd0");
	m.syncid = 7;
	m.sync_maxlen = 1000;
	m.mcast_af = kt_addr(&m.mcast_group, "239.1.2.3");
	m.mcast_port = 9000;
	m.mcast_ttl = 3;
	KT_OK(ipvs_daemon_start(h, &m));

	memset(&b, 0, sizeof(b));
	b.state = IPVS_DAEMON_BACKUP;
	strcpy(b.mcast_ifn, "ktd0");
	b.syncid = 255;
	b.sync_maxlen = 1400;
	b.mcast_af = kt_addr(&b.mcast_group, "ff15::1");
	b.mcast_port = 9001;
	b.mcast_ttl = 5;
	KT_OK(ipvs_daemon_start(h, &b));
	kt_daemon_settle();

	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 2);
	daemon_check(&out[0], &m);	/* master first */
	daemon_check(&out[1], &b);

	text = kt_sh_out("\"$ORACLE\" -L --daemon");
	ck_assert_str_eq(text,
		"master sync daemon (mcast=ktd0, syncid=7, maxlen=1000, group=239.1.2.3, port=9000, ttl=3)\n"
		"backup sync daemon (mcast=ktd0, syncid=255, maxlen=1400, group=ff15::1, port=9001, ttl=5)\n");
	free(text);

	KT_RC(ipvs_daemon_start(h, &m), -EEXIST);
	KT_RC(ipvs_daemon_start(h, &b), -EEXIST);

	KT_OK(ipvs_daemon_stop(h, &m));
	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 1);
	daemon_check(&out[0], &b);
	KT_RC(ipvs_daemon_stop(h, &m), -ESRCH);
	KT_OK(ipvs_daemon_stop(h, &b));
	KT_RC(ipvs_daemon_stop(h, &b), -ESRCH);
	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(kernel_defaults)
{
	struct ipvs_daemon d, want, out[2];
	size_t n = 0;

	/* Zero fields are left out; the kernel picks group 224.0.0.81, port
	 * 8848, ttl 1 and a payload that fits the interface MTU (1500 - 28). */
	memset(&d, 0, sizeof(d));
	d.state = IPVS_DAEMON_BACKUP;
	strcpy(d.mcast_ifn, "ktd0");
	KT_OK(ipvs_daemon_start(h, &d));
	kt_daemon_settle();
	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 1);
	want = d;
	want.sync_maxlen = 1472;
	want.mcast_af = kt_addr(&want.mcast_group, "224.0.0.81");
	want.mcast_port = 8848;
	want.mcast_ttl = 1;
	daemon_check(&out[0], &want);
	KT_OK(ipvs_daemon_stop(h, &d));
}
END_TEST

START_TEST(daemon_errors)
{
	struct ipvs_daemon d;
	int rc;

	memset(&d, 0, sizeof(d));
	d.state = IPVS_DAEMON_MASTER;
	strcpy(d.mcast_ifn, "nosuchif0");
	/* 6.1 says EINVAL for an unknown interface, 6.12 ENODEV. */
	rc = ipvs_daemon_start(h, &d);
	ck_assert_msg(rc == -EINVAL || rc == -ENODEV, "unknown interface gave %s",
		      kt_errname(rc));

	strcpy(d.mcast_ifn, "ktd0");
	d.mcast_af = kt_addr(&d.mcast_group, "10.0.0.1");	/* not multicast */
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);
	d.mcast_af = kt_addr(&d.mcast_group, "2001:db8::1");
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);

	/* Caught by the library. */
	memset(&d, 0, sizeof(d));
	d.state = IPVS_DAEMON_MASTER;
	strcpy(d.mcast_ifn, "ktd0");
	d.syncid = 256;
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);
	d.syncid = 0;
	memset(d.mcast_ifn, 'i', sizeof(d.mcast_ifn));	/* no NUL */
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);
	strcpy(d.mcast_ifn, "ktd0");
	d.state = IPVS_DAEMON_NONE;
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);
	d.state = 3;
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);
	KT_RC(ipvs_daemon_stop(h, &d), -EINVAL);
	d.state = IPVS_DAEMON_MASTER;
	d.mcast_af = AF_UNIX;
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);

	size_t n = 5;
	struct ipvs_daemon out[2];

	KT_OK(ipvs_daemon_list(h, out, &n));
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(mixed_family_dests_block_sync)
{
	struct ipvs_service s;
	struct ipvs_dest mixed, same;
	struct ipvs_daemon d;

	kt_svc(&s, IPPROTO_TCP, "10.0.0.1", 80, "rr");
	KT_OK(ipvs_service_add(h, &s));
	kt_dest(&mixed, "2001:db8::10", 80, IPVS_FWD_TUNNEL, 1);
	KT_OK(ipvs_dest_add(h, &s, &mixed));

	memset(&d, 0, sizeof(d));
	d.state = IPVS_DAEMON_MASTER;
	strcpy(d.mcast_ifn, "ktd0");
	KT_RC(ipvs_daemon_start(h, &d), -EINVAL);

	KT_OK(ipvs_dest_del(h, &s, &mixed));
	KT_OK(ipvs_daemon_start(h, &d));
	kt_daemon_settle();
	/* While syncing, a mixed-family destination is refused... */
	KT_RC(ipvs_dest_add(h, &s, &mixed), -EINVAL);
	/* ...but a same-family one is fine. */
	kt_dest(&same, "10.1.0.1", 80, IPVS_FWD_TUNNEL, 1);
	KT_OK(ipvs_dest_add(h, &s, &same));
	KT_OK(ipvs_daemon_stop(h, &d));
	KT_OK(ipvs_dest_add(h, &s, &mixed));
	ck_assert_uint_eq(kt_dest_count(h, &s), 2);
}
END_TEST

static char *netns_id(void)
{
	char buf[128];
	ssize_t len = readlink("/proc/thread-self/ns/net", buf, sizeof(buf) - 1);

	ck_assert_int_gt(len, 0);
	buf[len] = '\0';
	return strdup(buf);
}

START_TEST(open_in_other_netns)
{
	struct ipvs_handle *g = NULL, *g2 = NULL;
	struct ipvs_service s, t;
	char name[64], path[128], *before, *after, *out;

	snprintf(name, sizeof(name), "ktns%d", (int)getpid());
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	ck_assert_int_eq(kt_sh("ip netns add %s", name), 0);

	before = netns_id();
	KT_OK(ipvs_open_netns(&g, name));
	after = netns_id();
	ck_assert_str_eq(before, after);	/* our thread came back */

	kt_svc(&s, IPPROTO_TCP, "10.7.7.7", 80, "rr");
	KT_OK(ipvs_service_add(g, &s));
	kt_svc_readback(g, &s);
	/* Not in our namespace... */
	ck_assert_uint_eq(kt_svc_count(h), 0);
	KT_RC(ipvs_service_get(h, &s, &t), -ESRCH);
	out = kt_sh_out("\"$ORACLE\" -Sn");
	ck_assert_str_eq(out, "");
	free(out);
	/* ...but there, as Debian's ipvsadm sees it. */
	out = kt_sh_out("ip netns exec %s \"$ORACLE\" -Sn", name);
	ck_assert_str_eq(out, "-A -t 10.7.7.7:80 -s rr\n");
	free(out);

	/* A path works as well as a name and reaches the same namespace. */
	KT_OK(ipvs_open_netns(&g2, path));
	kt_svc_readback(g2, &s);
	/* Our own namespace is independent of it. */
	kt_svc(&t, IPPROTO_TCP, "10.7.7.7", 80, "wlc");
	KT_OK(ipvs_service_add(h, &t));
	kt_svc_readback(g2, &s);
	kt_svc_readback(h, &t);
	KT_OK(ipvs_flush(g2));
	ck_assert_uint_eq(kt_svc_count(g), 0);
	ck_assert_uint_eq(kt_svc_count(h), 1);
	ipvs_close(g2);
	ipvs_close(g);

	g = NULL;
	KT_RC(ipvs_open_netns(&g, "kt-no-such-netns"), -ENOENT);
	free(after);
	after = netns_id();
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(kt_sh("ip netns del %s", name), 0);
	free(before);
	free(after);
}
END_TEST

static Suite *daemon_suite(void)
{
	Suite *s = suite_create("libipvs daemons and namespaces");
	TCase *tc = tcase_create("daemon");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, start_list_stop_every_attribute);
	tcase_add_test(tc, kernel_defaults);
	tcase_add_test(tc, daemon_errors);
	tcase_add_test(tc, mixed_family_dests_block_sync);
	tcase_add_test(tc, open_in_other_netns);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* The sync daemons need a multicast-capable interface that is up. */
	if (system("ip link add ktd0 type dummy && ip link set ktd0 up") != 0) {
		fprintf(stderr, "cannot create the dummy interface ktd0\n");
		return EXIT_FAILURE;
	}
	return kt_run(daemon_suite());
}
