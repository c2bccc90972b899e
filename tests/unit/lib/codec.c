/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Requests, byte for byte, and back through the reply parsers. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

static struct nlbuf b;
static const struct codec_hdr hdr = { .family = T_FAMILY, .flags = NLM_F_ACK, .seq = 4242 };

static void setup(void)
{
	nlbuf_init(&b);
}

static void teardown(void)
{
	nlbuf_free(&b);
}

static struct ipvs_service svc4(void)
{
	struct ipvs_service s = { .af = AF_INET, .protocol = IPPROTO_TCP, .port = 80,
				  .netmask = 0xffffffff, .timeout = 0 };

	inet_pton(AF_INET, "10.0.0.1", &s.addr.in);
	strcpy(s.sched_name, "rr");
	return s;
}

static struct ipvs_service svc6(void)
{
	struct ipvs_service s = { .af = AF_INET6, .protocol = IPPROTO_UDP, .port = 5060,
				  .netmask = 64, .timeout = 300,
				  .flags = IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_ONEPACKET };

	inet_pton(AF_INET6, "2001:db8::1", &s.addr.in6);
	strcpy(s.sched_name, "wlc");
	strcpy(s.pe_name, "sip");
	return s;
}

START_TEST(service_header)
{
	const struct nlmsghdr *nh;
	const struct genlmsghdr *g;
	struct ipvs_service s = svc4();

	ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_NEW_SERVICE, &s, true), 0);
	nh = t_msg(&b);
	ck_assert_uint_eq(nh->nlmsg_len, b.len);
	ck_assert_uint_eq(nh->nlmsg_type, T_FAMILY);
	ck_assert_uint_eq(nh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	ck_assert_uint_eq(nh->nlmsg_seq, 4242);
	g = NLMSG_DATA(nh);
	ck_assert_uint_eq(g->cmd, IPVS_CMD_NEW_SERVICE);
	ck_assert_uint_eq(g->version, 1);
	/* Only the SERVICE nest at the top. */
	ck_assert_ptr_nonnull(t_top(nh, IPVS_CMD_ATTR_SERVICE));
	ck_assert_ptr_null(t_top(nh, IPVS_CMD_ATTR_DEST));
}
END_TEST

START_TEST(service_v4_full_bytes)
{
	struct ipvs_service s = svc4();
	const struct nlattr *n;
	static const uint8_t addr[16] = { 10, 0, 0, 1 };
	static const uint8_t port[2] = { 0x00, 0x50 };
	static const uint8_t mask[4] = { 0xff, 0xff, 0xff, 0xff };
	const struct ipvs_genl_flags fl = { .flags = 0, .mask = 0xffffffff };
	uint16_t af = AF_INET, proto = IPPROTO_TCP;
	uint32_t zero = 0;
	int types[16], want[] = { IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR,
				  IPVS_SVC_ATTR_PORT, IPVS_SVC_ATTR_SCHED_NAME, IPVS_SVC_ATTR_FLAGS,
				  IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK };

	ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_NEW_SERVICE, &s, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE);
	ck_assert_int_eq(t_types(n, types, 16), 8);
	ck_assert_mem_eq(types, want, sizeof(want));
	t_bytes(t_in(n, IPVS_SVC_ATTR_AF), &af, 2);
	t_bytes(t_in(n, IPVS_SVC_ATTR_PROTOCOL), &proto, 2);
	t_bytes(t_in(n, IPVS_SVC_ATTR_ADDR), addr, 16);
	t_bytes(t_in(n, IPVS_SVC_ATTR_PORT), port, 2);
	t_bytes(t_in(n, IPVS_SVC_ATTR_SCHED_NAME), "rr", 3);
	t_bytes(t_in(n, IPVS_SVC_ATTR_FLAGS), &fl, 8);
	t_bytes(t_in(n, IPVS_SVC_ATTR_TIMEOUT), &zero, 4);
	t_bytes(t_in(n, IPVS_SVC_ATTR_NETMASK), mask, 4);
	ck_assert_ptr_null(t_in(n, IPVS_SVC_ATTR_PE_NAME));
	ck_assert_ptr_null(t_in(n, IPVS_SVC_ATTR_FWMARK));
}
END_TEST

START_TEST(service_v6_prefix_and_pe)
{
	struct ipvs_service s = svc6();
	const struct nlattr *n;
	uint32_t prefix = 64, timeout = 300;
	static const uint8_t port[2] = { 0x13, 0xc4 };	/* 5060 */
	const struct ipvs_genl_flags fl = { .flags = 0x5, .mask = 0xffffffff };

	ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_SET_SERVICE, &s, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE);
	/* v6: NETMASK is a prefix length in host order, not a mask. */
	t_bytes(t_in(n, IPVS_SVC_ATTR_NETMASK), &prefix, 4);
	t_bytes(t_in(n, IPVS_SVC_ATTR_ADDR), &s.addr.in6, 16);
	t_bytes(t_in(n, IPVS_SVC_ATTR_PORT), port, 2);
	t_bytes(t_in(n, IPVS_SVC_ATTR_PE_NAME), "sip", 4);
	t_bytes(t_in(n, IPVS_SVC_ATTR_FLAGS), &fl, 8);
	t_bytes(t_in(n, IPVS_SVC_ATTR_TIMEOUT), &timeout, 4);
}
END_TEST

START_TEST(service_fwmark)
{
	struct ipvs_service s = svc4();
	const struct nlattr *n;
	uint32_t mark = 77;
	int types[16], want[] = { IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_FWMARK, IPVS_SVC_ATTR_SCHED_NAME,
				  IPVS_SVC_ATTR_FLAGS, IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK };

	s.fwmark = 77;
	ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_NEW_SERVICE, &s, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE);
	ck_assert_int_eq(t_types(n, types, 16), 6);
	ck_assert_mem_eq(types, want, sizeof(want));
	t_bytes(t_in(n, IPVS_SVC_ATTR_FWMARK), &mark, 4);
}
END_TEST

START_TEST(service_ident_only)
{
	struct ipvs_service s = svc6();
	const struct nlattr *n;
	int types[16], want[] = { IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR,
				  IPVS_SVC_ATTR_PORT };

	ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_DEL_SERVICE, &s, false), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE);
	ck_assert_int_eq(t_types(n, types, 16), 4);
	ck_assert_mem_eq(types, want, sizeof(want));
}
END_TEST

START_TEST(service_round_trip)
{
	struct ipvs_service in[3] = { svc4(), svc6(), svc4() }, out;

	in[2].fwmark = 9;
	in[2].addr.in.s_addr = 0;
	in[2].port = 0;
	in[2].protocol = 0;
	for (int i = 0; i < 3; i++) {
		nlbuf_reset(&b);
		ck_assert_int_eq(codec_service_msg(&b, &hdr, IPVS_CMD_NEW_SERVICE, &in[i], true), 0);
		ck_assert_int_eq(codec_service_parse(t_msg(&b), &out), 0);
		ck_assert_mem_eq(&out, &in[i], sizeof(out));
	}
}
END_TEST

static struct ipvs_dest dest4(void)
{
	struct ipvs_dest d = { .port = 8080, .fwd = IPVS_FWD_TUNNEL, .weight = 5,
			       .u_threshold = 1000, .l_threshold = 10,
			       .tun_type = IPVS_TUN_GUE, .tun_port = 6080,
			       .tun_flags = IPVS_TUN_F_REMCSUM };

	inet_pton(AF_INET, "192.168.1.10", &d.addr.in);
	return d;
}

START_TEST(dest_full_bytes)
{
	struct ipvs_service s = svc4();
	struct ipvs_dest d = dest4();
	const struct nlmsghdr *nh;
	const struct nlattr *n, *sn;
	static const uint8_t port[2] = { 0x1f, 0x90 }, tport[2] = { 0x17, 0xc0 };
	uint16_t af = AF_INET, tflags = 2;
	uint8_t ttype = 1;
	uint32_t fwd = 2, w = 5, u = 1000, l = 10;
	int types[16], want[] = { IPVS_DEST_ATTR_ADDR_FAMILY, IPVS_DEST_ATTR_ADDR,
				  IPVS_DEST_ATTR_PORT, IPVS_DEST_ATTR_FWD_METHOD,
				  IPVS_DEST_ATTR_WEIGHT, IPVS_DEST_ATTR_TUN_TYPE,
				  IPVS_DEST_ATTR_TUN_PORT, IPVS_DEST_ATTR_TUN_FLAGS,
				  IPVS_DEST_ATTR_U_THRESH, IPVS_DEST_ATTR_L_THRESH };

	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_SET_DEST, &s, &d, true), 0);
	nh = t_msg(&b);
	ck_assert_uint_eq(((const struct genlmsghdr *)NLMSG_DATA(nh))->cmd, IPVS_CMD_SET_DEST);
	/* The service goes as identity only. */
	sn = t_top(nh, IPVS_CMD_ATTR_SERVICE);
	ck_assert_int_eq(t_types(sn, types, 16), 4);
	n = t_top(nh, IPVS_CMD_ATTR_DEST);
	ck_assert_int_eq(t_types(n, types, 16), 10);
	ck_assert_mem_eq(types, want, sizeof(want));
	/* af 0 means the service's family. */
	t_bytes(t_in(n, IPVS_DEST_ATTR_ADDR_FAMILY), &af, 2);
	t_bytes(t_in(n, IPVS_DEST_ATTR_ADDR), (uint8_t[16]){ 192, 168, 1, 10 }, 16);
	t_bytes(t_in(n, IPVS_DEST_ATTR_PORT), port, 2);
	t_bytes(t_in(n, IPVS_DEST_ATTR_FWD_METHOD), &fwd, 4);
	t_bytes(t_in(n, IPVS_DEST_ATTR_WEIGHT), &w, 4);
	t_bytes(t_in(n, IPVS_DEST_ATTR_TUN_TYPE), &ttype, 1);
	t_bytes(t_in(n, IPVS_DEST_ATTR_TUN_PORT), tport, 2);
	t_bytes(t_in(n, IPVS_DEST_ATTR_TUN_FLAGS), &tflags, 2);
	t_bytes(t_in(n, IPVS_DEST_ATTR_U_THRESH), &u, 4);
	t_bytes(t_in(n, IPVS_DEST_ATTR_L_THRESH), &l, 4);
}
END_TEST

START_TEST(dest_add_without_tunnel)
{
	struct ipvs_service s = svc4();
	struct ipvs_dest d = dest4();
	const struct nlattr *n;
	int types[16];

	d.fwd = IPVS_FWD_MASQ;
	d.tun_type = 0;
	d.tun_port = 0;
	d.tun_flags = 0;
	/* NEW_DEST: all-zero tunnel fields are what the kernel assumes. */
	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_NEW_DEST, &s, &d, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DEST);
	ck_assert_int_eq(t_types(n, types, 16), 7);
	ck_assert_ptr_null(t_in(n, IPVS_DEST_ATTR_TUN_TYPE));
	/* SET_DEST replaces everything, so they always go. */
	nlbuf_reset(&b);
	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_SET_DEST, &s, &d, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DEST);
	ck_assert_int_eq(t_types(n, types, 16), 10);
	t_bytes(t_in(n, IPVS_DEST_ATTR_TUN_PORT), (uint8_t[2]){ 0, 0 }, 2);
	/* Any tunnel field set: all three go on NEW_DEST too. */
	nlbuf_reset(&b);
	d.tun_flags = IPVS_TUN_F_CSUM;
	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_NEW_DEST, &s, &d, true), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DEST);
	ck_assert_int_eq(t_types(n, types, 16), 10);
}
END_TEST

START_TEST(dest_mixed_family_and_ident)
{
	struct ipvs_service s = svc6();
	struct ipvs_dest d = dest4();
	const struct nlattr *n;
	uint16_t af = AF_INET;
	int types[16];

	d.af = AF_INET;
	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_DEL_DEST, &s, &d, false), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DEST);
	ck_assert_int_eq(t_types(n, types, 16), 3);
	t_bytes(t_in(n, IPVS_DEST_ATTR_ADDR_FAMILY), &af, 2);
	ck_assert_ptr_null(t_in(n, IPVS_DEST_ATTR_WEIGHT));
}
END_TEST

START_TEST(dest_list_request)
{
	struct ipvs_service s = svc4();
	const struct codec_hdr dump = { .family = T_FAMILY, .flags = NLM_F_DUMP, .seq = 1 };

	ck_assert_int_eq(codec_dest_msg(&b, &dump, IPVS_CMD_GET_DEST, &s, NULL, false), 0);
	ck_assert_uint_eq(t_msg(&b)->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	ck_assert_ptr_nonnull(t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE));
	ck_assert_ptr_null(t_top(t_msg(&b), IPVS_CMD_ATTR_DEST));
}
END_TEST

START_TEST(dest_round_trip)
{
	struct ipvs_service s = svc6();
	struct ipvs_dest in = dest4(), out;

	in.af = AF_INET;	/* a v4 dest of a v6 service (tunnel) */
	ck_assert_int_eq(codec_dest_msg(&b, &hdr, IPVS_CMD_NEW_DEST, &s, &in, true), 0);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET6, &out), 0);
	ck_assert_mem_eq(&out, &in, sizeof(out));
}
END_TEST

START_TEST(daemon_start_v4_group)
{
	struct ipvs_daemon d = { .state = IPVS_DAEMON_MASTER, .syncid = 7, .mcast_af = AF_INET,
				 .mcast_port = 8848, .mcast_ttl = 3 }, out;
	const struct nlattr *n;
	uint32_t state = 1, id = 7;
	uint16_t port = 8848;
	uint8_t ttl = 3;
	int types[16];

	strcpy(d.mcast_ifn, "eth0");
	inet_pton(AF_INET, "239.1.2.3", &d.mcast_group.in);
	ck_assert_int_eq(codec_daemon_msg(&b, &hdr, IPVS_CMD_NEW_DAEMON, &d), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DAEMON);
	/* sync_maxlen is 0: left out for the kernel's default. */
	ck_assert_int_eq(t_types(n, types, 16), 6);
	ck_assert_ptr_null(t_in(n, IPVS_DAEMON_ATTR_SYNC_MAXLEN));
	ck_assert_ptr_null(t_in(n, IPVS_DAEMON_ATTR_MCAST_GROUP6));
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_STATE), &state, 4);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_MCAST_IFN), "eth0", 5);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_SYNC_ID), &id, 4);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_MCAST_GROUP), (uint8_t[4]){ 239, 1, 2, 3 }, 4);
	/* The multicast port is host order, unlike service ports. */
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_MCAST_PORT), &port, 2);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_MCAST_TTL), &ttl, 1);
	ck_assert_int_eq(codec_daemon_parse(t_msg(&b), &out), 0);
	ck_assert_mem_eq(&out, &d, sizeof(out));
}
END_TEST

START_TEST(daemon_start_v6_group_and_stop)
{
	struct ipvs_daemon d = { .state = IPVS_DAEMON_BACKUP, .mcast_af = AF_INET6,
				 .sync_maxlen = 1400 }, out;
	const struct nlattr *n;
	uint16_t maxlen = 1400;
	int types[16];

	strcpy(d.mcast_ifn, "bond0");
	inet_pton(AF_INET6, "ff02::81", &d.mcast_group.in6);
	ck_assert_int_eq(codec_daemon_msg(&b, &hdr, IPVS_CMD_NEW_DAEMON, &d), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DAEMON);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_MCAST_GROUP6), &d.mcast_group.in6, 16);
	t_bytes(t_in(n, IPVS_DAEMON_ATTR_SYNC_MAXLEN), &maxlen, 2);
	ck_assert_ptr_null(t_in(n, IPVS_DAEMON_ATTR_MCAST_GROUP));
	ck_assert_ptr_null(t_in(n, IPVS_DAEMON_ATTR_MCAST_PORT));
	ck_assert_int_eq(codec_daemon_parse(t_msg(&b), &out), 0);
	ck_assert_mem_eq(&out, &d, sizeof(out));

	nlbuf_reset(&b);
	ck_assert_int_eq(codec_daemon_msg(&b, &hdr, IPVS_CMD_DEL_DAEMON, &d), 0);
	n = t_top(t_msg(&b), IPVS_CMD_ATTR_DAEMON);
	ck_assert_int_eq(t_types(n, types, 16), 1);
	ck_assert_int_eq(types[0], IPVS_DAEMON_ATTR_STATE);
}
END_TEST

START_TEST(timeouts_zero_flush)
{
	struct ipvs_timeouts t = { 900, 0, 300 };
	struct ipvs_service s = svc4();
	const struct nlmsghdr *nh;
	uint32_t tcp = 900, fin = 0, udp = 300;
	size_t len;

	ck_assert_int_eq(codec_timeouts_msg(&b, &hdr, &t), 0);
	nh = t_msg(&b);
	ck_assert_uint_eq(((const struct genlmsghdr *)NLMSG_DATA(nh))->cmd, IPVS_CMD_SET_CONFIG);
	/* All three go, 0 meaning "unchanged" to the kernel. */
	t_bytes(t_top(nh, IPVS_CMD_ATTR_TIMEOUT_TCP), &tcp, 4);
	t_bytes(t_top(nh, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN), &fin, 4);
	t_bytes(t_top(nh, IPVS_CMD_ATTR_TIMEOUT_UDP), &udp, 4);

	nlbuf_reset(&b);
	ck_assert_int_eq(codec_zero_msg(&b, &hdr, NULL), 0);
	codec_attrs(t_msg(&b), NULL, &len);
	ck_assert_uint_eq(len, 0);
	nlbuf_reset(&b);
	ck_assert_int_eq(codec_zero_msg(&b, &hdr, &s), 0);
	ck_assert_ptr_nonnull(t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE));
	ck_assert_ptr_null(t_in(t_top(t_msg(&b), IPVS_CMD_ATTR_SERVICE), IPVS_SVC_ATTR_SCHED_NAME));

	nlbuf_reset(&b);
	ck_assert_int_eq(codec_simple_msg(&b, &hdr, IPVS_CMD_FLUSH), 0);
	ck_assert_uint_eq(t_msg(&b)->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
	ck_assert_uint_eq(((const struct genlmsghdr *)NLMSG_DATA(t_msg(&b)))->cmd, IPVS_CMD_FLUSH);
}
END_TEST

START_TEST(buffer_holds_many_messages)
{
	struct ipvs_service s = svc4();
	struct codec_hdr h = hdr;
	size_t off = 0;
	int n = 0;

	/* Growth keeps earlier messages intact and contiguous. */
	for (int i = 0; i < 2000; i++) {
		h.seq = 100 + i;
		s.port = i;
		ck_assert_int_eq(codec_service_msg(&b, &h, IPVS_CMD_NEW_SERVICE, &s, true), 0);
	}
	while (off < b.len) {
		const struct nlmsghdr *nh = (const struct nlmsghdr *)(b.data + off);
		struct ipvs_service out;

		ck_assert_uint_eq(nh->nlmsg_seq, 100 + n);
		ck_assert_int_eq(codec_service_parse(nh, &out), 0);
		ck_assert_uint_eq(out.port, n);
		off += NLMSG_ALIGN(nh->nlmsg_len);
		n++;
	}
	ck_assert_int_eq(n, 2000);
}
END_TEST

Suite *lib_codec_suite(void)
{
	Suite *s = suite_create("codec");
	TCase *tc = tcase_create("requests");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, service_header);
	tcase_add_test(tc, service_v4_full_bytes);
	tcase_add_test(tc, service_v6_prefix_and_pe);
	tcase_add_test(tc, service_fwmark);
	tcase_add_test(tc, service_ident_only);
	tcase_add_test(tc, service_round_trip);
	tcase_add_test(tc, dest_full_bytes);
	tcase_add_test(tc, dest_add_without_tunnel);
	tcase_add_test(tc, dest_mixed_family_and_ident);
	tcase_add_test(tc, dest_list_request);
	tcase_add_test(tc, dest_round_trip);
	tcase_add_test(tc, daemon_start_v4_group);
	tcase_add_test(tc, daemon_start_v6_group_and_stop);
	tcase_add_test(tc, timeouts_zero_flush);
	tcase_add_test(tc, buffer_holds_many_messages);
	suite_add_tcase(s, tc);
	return s;
}
