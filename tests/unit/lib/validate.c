/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Client-side validation: what is refused before sending, and what is not. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

static char msg[256];

static struct ipvs_service good_svc(void)
{
	struct ipvs_service s = { .af = AF_INET, .protocol = IPPROTO_TCP, .port = 80,
				  .netmask = 0xffffffff };

	strcpy(s.sched_name, "wlc");
	return s;
}

static struct ipvs_dest good_dest(void)
{
	struct ipvs_dest d = { .port = 80, .fwd = IPVS_FWD_ROUTE, .weight = 1 };

	inet_pton(AF_INET, "192.168.0.2", &d.addr.in);
	return d;
}

START_TEST(service_accepts_good)
{
	struct ipvs_service s = good_svc();

	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	s.protocol = IPPROTO_UDP;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	s.protocol = IPPROTO_SCTP;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	/* A fwmark service needs no protocol. */
	s.protocol = 0;
	s.fwmark = 5;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	s = good_svc();
	s.af = AF_INET6;
	s.netmask = 128;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	s.netmask = 1;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	/* Unknown scheduler names are the kernel's to refuse (ENOENT). */
	strcpy(s.sched_name, "nosuchsched");
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
	/* Every user flag. */
	s.flags = IPVS_SVC_F_USER_MASK;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), 0);
}
END_TEST

START_TEST(service_refuses_bad)
{
	struct ipvs_service s;

	ck_assert_int_eq(validate_service(NULL, true, msg, sizeof(msg)), -EINVAL);
	s = good_svc();
	s.af = AF_UNIX;
	ck_assert_int_eq(validate_service(&s, false, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "family"));
	s = good_svc();
	s.protocol = 200;
	ck_assert_int_eq(validate_service(&s, false, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "protocol"));
	s.protocol = 0;
	ck_assert_int_eq(validate_service(&s, false, msg, sizeof(msg)), -EINVAL);
	s = good_svc();
	memset(s.sched_name, 'x', sizeof(s.sched_name));
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	/* ... but a delete does not look at the scheduler. */
	ck_assert_int_eq(validate_service(&s, false, msg, sizeof(msg)), 0);
	s = good_svc();
	memset(s.pe_name, 'x', sizeof(s.pe_name));
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	s = good_svc();
	s.flags = IPVS_SVC_F_HASHED;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	s.flags = 0x40;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	s = good_svc();
	s.af = AF_INET6;
	s.netmask = 0;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "prefix"));
	s.netmask = 129;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
	s.netmask = 0xffffffff;
	ck_assert_int_eq(validate_service(&s, true, msg, sizeof(msg)), -EINVAL);
}
END_TEST

START_TEST(dest_accepts_good)
{
	struct ipvs_service s = good_svc();
	struct ipvs_dest d = good_dest();

	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	for (unsigned f = IPVS_FWD_MASQ; f <= IPVS_FWD_ROUTE; f++) {
		d.fwd = f;
		ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	}
	d.fwd = IPVS_FWD_TUNNEL;
	d.tun_type = IPVS_TUN_GUE;
	d.tun_port = 6080;
	d.tun_flags = IPVS_TUN_F_REMCSUM;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	d.tun_type = IPVS_TUN_GRE;
	d.tun_flags = IPVS_TUN_F_CSUM;
	d.tun_port = 0;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	/* Threshold order and address kind are the kernel's (ERANGE/EINVAL). */
	d = good_dest();
	d.u_threshold = 1;
	d.l_threshold = 5;
	d.addr.in.s_addr = htonl(0xe0000001);
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	d.weight = 0;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
	d.af = AF_INET6;	/* mixed families: the kernel decides */
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), 0);
}
END_TEST

START_TEST(dest_refuses_bad)
{
	struct ipvs_service s = good_svc();
	struct ipvs_dest d;

	ck_assert_int_eq(validate_dest(&s, NULL, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.fwd = IPVS_FWD_BYPASS;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "forwarding"));
	d.fwd = 7;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.weight = -1;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.tun_type = 3;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.tun_flags = 3;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.tun_type = IPVS_TUN_GRE;
	d.tun_flags = IPVS_TUN_F_REMCSUM;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	d = good_dest();
	d.tun_type = IPVS_TUN_GUE;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	ck_assert_ptr_nonnull(strstr(msg, "port"));
	d = good_dest();
	d.af = 3;
	ck_assert_int_eq(validate_dest(&s, &d, false, msg, sizeof(msg)), -EINVAL);
	/* The service identity is checked too. */
	d = good_dest();
	s.protocol = 0;
	ck_assert_int_eq(validate_dest(&s, &d, true, msg, sizeof(msg)), -EINVAL);
	/* A delete ignores the non-identity fields. */
	s = good_svc();
	d.fwd = 9;
	d.weight = -5;
	ck_assert_int_eq(validate_dest(&s, &d, false, msg, sizeof(msg)), 0);
}
END_TEST

START_TEST(daemon_checks)
{
	struct ipvs_daemon d = { .state = IPVS_DAEMON_MASTER, .syncid = 255 };

	strcpy(d.mcast_ifn, "eth0");
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), 0);
	d.state = IPVS_DAEMON_BACKUP;
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), 0);
	d.mcast_af = AF_INET6;
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), 0);
	d.mcast_af = 7;
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), -EINVAL);
	d.mcast_af = 0;
	d.syncid = 256;
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), -EINVAL);
	d.syncid = 0;
	memset(d.mcast_ifn, 'e', sizeof(d.mcast_ifn));
	ck_assert_int_eq(validate_daemon(&d, true, msg, sizeof(msg)), -EINVAL);
	ck_assert_int_eq(validate_daemon(&d, false, msg, sizeof(msg)), 0);
	d.state = IPVS_DAEMON_NONE;
	ck_assert_int_eq(validate_daemon(&d, false, msg, sizeof(msg)), -EINVAL);
	d.state = 3;
	ck_assert_int_eq(validate_daemon(&d, false, msg, sizeof(msg)), -EINVAL);
	ck_assert_int_eq(validate_daemon(NULL, false, msg, sizeof(msg)), -EINVAL);
}
END_TEST

Suite *lib_validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("validate");

	tcase_add_test(tc, service_accepts_good);
	tcase_add_test(tc, service_refuses_bad);
	tcase_add_test(tc, dest_accepts_good);
	tcase_add_test(tc, dest_refuses_bad);
	tcase_add_test(tc, daemon_checks);
	suite_add_tcase(s, tc);
	return s;
}
