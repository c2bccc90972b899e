/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --timeout and --daemon lines. */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "render.h"
#include "render-util.h"

static char *timeouts(unsigned int fmt, uint32_t tcp, uint32_t fin, uint32_t udp)
{
	struct ipvs_timeouts t = { tcp, fin, udp };
	struct cap c;
	char *s;

	ck_assert_int_eq(render_timeouts(cap_open(&c), fmt, &t), 0);
	s = strdup(cap_text(&c));
	cap_free(&c);
	return s;
}

static char *daemons(unsigned int fmt, const struct ipvs_daemon *d, size_t n)
{
	struct cap c;
	char *s;

	ck_assert_int_eq(render_daemons(cap_open(&c), fmt, d, n), 0);
	s = strdup(cap_text(&c));
	cap_free(&c);
	return s;
}

START_TEST(timeout_line)
{
	char *s = timeouts(FMT_NONE, 900, 120, 300);

	ck_assert_str_eq(s, "Timeout (tcp tcpfin udp): 900 120 300\n");
	free(s);
	s = timeouts(FMT_NUMERIC, 0, 1, 2147483647);
	ck_assert_str_eq(s, "Timeout (tcp tcpfin udp): 0 1 2147483647\n");
	free(s);
}
END_TEST

static struct ipvs_daemon daemon_make(uint32_t state, const char *ifn, uint32_t syncid,
				      uint16_t maxlen, const char *group, uint16_t port,
				      uint8_t ttl)
{
	struct ipvs_daemon d;

	memset(&d, 0, sizeof(d));
	d.state = state;
	snprintf(d.mcast_ifn, sizeof(d.mcast_ifn), "%s", ifn);
	d.syncid = syncid;
	d.sync_maxlen = maxlen;
	if (group)
		tb_addr(&d.mcast_group, &d.mcast_af, group);
	d.mcast_port = port;
	d.mcast_ttl = ttl;
	return d;
}

START_TEST(daemon_lines)
{
	struct ipvs_daemon d[2] = {
		daemon_make(IPVS_DAEMON_MASTER, "eth0", 0, 1472, "224.0.0.81", 8848, 1),
		daemon_make(IPVS_DAEMON_BACKUP, "lo", 5, 9000, "ff02::1:81", 9000, 3),
	};
	char *s = daemons(FMT_NONE, d, 2);

	ck_assert_str_eq(s,
		"master sync daemon (mcast=eth0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"backup sync daemon (mcast=lo, syncid=5, maxlen=9000, group=ff02::1:81, port=9000, ttl=3)\n");
	free(s);
}
END_TEST

/* Old kernels send no maxlen/group/port/ttl; zero fields are left out. */
START_TEST(daemon_old_kernel)
{
	struct ipvs_daemon d[2] = {
		daemon_make(IPVS_DAEMON_BACKUP, "eth1", 255, 0, NULL, 0, 0),
		daemon_make(IPVS_DAEMON_MASTER, "eth0", 1, 0, NULL, 8848, 0),
	};
	char *s = daemons(FMT_NONE, d, 2);

	ck_assert_str_eq(s,
		"backup sync daemon (mcast=eth1, syncid=255)\n"
		"master sync daemon (mcast=eth0, syncid=1, port=8848)\n");
	free(s);
}
END_TEST

START_TEST(daemon_none)
{
	struct ipvs_daemon d = daemon_make(IPVS_DAEMON_NONE, "eth0", 0, 0, NULL, 0, 0);
	char *s = daemons(FMT_NONE, &d, 1);

	ck_assert_str_eq(s, "");
	free(s);
	s = daemons(FMT_NONE, NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* A full 16-byte interface name is not NUL-terminated in the struct. */
START_TEST(daemon_long_ifname)
{
	struct ipvs_daemon d = daemon_make(IPVS_DAEMON_MASTER, "", 0, 0, NULL, 0, 0);
	char *s;

	memcpy(d.mcast_ifn, "abcdefghijklmnop", 16);
	s = daemons(FMT_NONE, &d, 1);
	ck_assert_str_eq(s, "master sync daemon (mcast=abcdefghijklmnop, syncid=0)\n");
	free(s);
}
END_TEST

Suite *render_misc_suite(void)
{
	Suite *s = suite_create("render-misc");
	TCase *tc = tcase_create("misc");

	tcase_add_test(tc, timeout_line);
	tcase_add_test(tc, daemon_lines);
	tcase_add_test(tc, daemon_old_kernel);
	tcase_add_test(tc, daemon_none);
	tcase_add_test(tc, daemon_long_ifname);
	suite_add_tcase(s, tc);
	return s;
}
