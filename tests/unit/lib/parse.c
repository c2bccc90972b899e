/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Hand-built kernel replies: quirks handled, malformed input refused. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util.h"

static struct nlbuf b;

static void setup(void)
{
	nlbuf_init(&b);
}

static void teardown(void)
{
	nlbuf_free(&b);
}

/* A NEW_SERVICE reply as the kernel writes it: v4 TCP 10.0.0.1:80, "wrr",
 * flags PERSISTENT|HASHED, and the stats nests asked for. */
static size_t reply_service(bool stats32, bool stats64, bool hashed)
{
	size_t off = nlbuf_msg_begin(&b, T_FAMILY, NLM_F_MULTI, 1, IPVS_CMD_NEW_SERVICE);
	size_t nest = nlbuf_nest_begin(&b, IPVS_CMD_ATTR_SERVICE), st;
	uint8_t addr[16] = { 10, 0, 0, 1 };
	struct ipvs_genl_flags fl = { IPVS_SVC_F_PERSISTENT | (hashed ? IPVS_SVC_F_HASHED : 0),
				      0xffffffff };

	nlbuf_put_u16(&b, IPVS_SVC_ATTR_AF, AF_INET);
	nlbuf_put_u16(&b, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
	nlbuf_put(&b, IPVS_SVC_ATTR_ADDR, addr, 16);
	nlbuf_put_be16(&b, IPVS_SVC_ATTR_PORT, 80);
	nlbuf_put_str(&b, IPVS_SVC_ATTR_SCHED_NAME, "wrr");
	nlbuf_put(&b, IPVS_SVC_ATTR_FLAGS, &fl, sizeof(fl));
	nlbuf_put_u32(&b, IPVS_SVC_ATTR_TIMEOUT, 360);
	nlbuf_put_u32(&b, IPVS_SVC_ATTR_NETMASK, 0xffffffff);
	if (stats32) {
		uint64_t bytes = 5000000000ull;

		st = nlbuf_nest_begin(&b, IPVS_SVC_ATTR_STATS);
		nlbuf_put_u32(&b, IPVS_STATS_ATTR_CONNS, 11);
		nlbuf_put_u32(&b, IPVS_STATS_ATTR_INPKTS, 22);
		nlbuf_put(&b, IPVS_STATS_ATTR_INBYTES, &bytes, 8);
		nlbuf_put_u32(&b, IPVS_STATS_ATTR_CPS, 3);
		nlbuf_put_u32(&b, IPVS_STATS_ATTR_OUTBPS, 44);
		nlbuf_nest_end(&b, st);
	}
	if (stats64) {
		uint64_t conns = 5000000001ull, bps = 7000000000ull;

		st = nlbuf_nest_begin(&b, IPVS_SVC_ATTR_STATS64);
		nlbuf_put(&b, IPVS_STATS_ATTR_CONNS, &conns, 8);
		nlbuf_put(&b, IPVS_STATS_ATTR_OUTBPS, &bps, 8);
		nlbuf_nest_end(&b, st);
	}
	nlbuf_nest_end(&b, nest);
	ck_assert_int_eq(nlbuf_msg_end(&b, off), 0);
	return nest;
}

START_TEST(service_hashed_masked)
{
	struct ipvs_service s;

	reply_service(false, false, true);
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), 0);
	ck_assert_uint_eq(s.flags, IPVS_SVC_F_PERSISTENT);
	ck_assert_uint_eq(s.port, 80);
	ck_assert_uint_eq(s.timeout, 360);
	ck_assert_str_eq(s.sched_name, "wrr");
	ck_assert_str_eq(s.pe_name, "");
	ck_assert_uint_eq(s.addr.in.s_addr, htonl(0x0a000001));
}
END_TEST

START_TEST(service_stats64_preferred)
{
	struct ipvs_service s;

	reply_service(true, true, false);
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), 0);
	ck_assert_uint_eq(s.stats.conns, 5000000001ull);
	ck_assert_uint_eq(s.stats.outbps, 7000000000ull);
	ck_assert_uint_eq(s.stats.inpkts, 0);	/* not in STATS64: not mixed in */
}
END_TEST

START_TEST(service_stats32_fallback)
{
	struct ipvs_service s;

	reply_service(true, false, false);
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), 0);
	ck_assert_uint_eq(s.stats.conns, 11);
	ck_assert_uint_eq(s.stats.inpkts, 22);
	ck_assert_uint_eq(s.stats.inbytes, 5000000000ull);
	ck_assert_uint_eq(s.stats.cps, 3);
	ck_assert_uint_eq(s.stats.outbps, 44);
}
END_TEST

/* A NEW_DEST reply; with_af false mimics kernels before 3.18. */
static void reply_dest(bool with_af, bool stats64, const void *addr, size_t alen)
{
	size_t off = nlbuf_msg_begin(&b, T_FAMILY, NLM_F_MULTI, 1, IPVS_CMD_NEW_DEST);
	size_t nest = nlbuf_nest_begin(&b, IPVS_CMD_ATTR_DEST), st;
	uint64_t big = 5000000000ull;

	nlbuf_put(&b, IPVS_DEST_ATTR_ADDR, addr, alen);
	nlbuf_put_be16(&b, IPVS_DEST_ATTR_PORT, 443);
	nlbuf_put_u32(&b, IPVS_DEST_ATTR_FWD_METHOD, IPVS_FWD_ROUTE);
	nlbuf_put_u32(&b, IPVS_DEST_ATTR_WEIGHT, 9);
	nlbuf_put_u32(&b, IPVS_DEST_ATTR_ACTIVE_CONNS, 12);
	nlbuf_put_u32(&b, IPVS_DEST_ATTR_INACT_CONNS, 34);
	nlbuf_put_u32(&b, IPVS_DEST_ATTR_PERSIST_CONNS, 56);
	if (with_af)
		nlbuf_put_u16(&b, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
	st = nlbuf_nest_begin(&b, IPVS_DEST_ATTR_STATS);
	nlbuf_put_u32(&b, IPVS_STATS_ATTR_CONNS, 705032704);
	nlbuf_nest_end(&b, st);
	if (stats64) {
		st = nlbuf_nest_begin(&b, IPVS_DEST_ATTR_STATS64);
		nlbuf_put(&b, IPVS_STATS_ATTR_CONNS, &big, 8);
		nlbuf_nest_end(&b, st);
	}
	nlbuf_nest_end(&b, nest);
	ck_assert_int_eq(nlbuf_msg_end(&b, off), 0);
}

START_TEST(dest_family_defaults_to_service)
{
	struct in6_addr a6;
	struct ipvs_dest d;

	inet_pton(AF_INET6, "2001:db8::5", &a6);
	reply_dest(false, false, &a6, 16);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET6, &d), 0);
	ck_assert_uint_eq(d.af, AF_INET6);
	ck_assert_mem_eq(&d.addr.in6, &a6, 16);
	ck_assert_uint_eq(d.port, 443);
	ck_assert_uint_eq(d.fwd, IPVS_FWD_ROUTE);
	ck_assert_int_eq(d.weight, 9);
	ck_assert_uint_eq(d.active_conns, 12);
	ck_assert_uint_eq(d.inact_conns, 34);
	ck_assert_uint_eq(d.persist_conns, 56);
	/* No tunnel attributes (kernel < 5.2): IPIP, port 0, no checksum. */
	ck_assert_uint_eq(d.tun_type, 0);
	ck_assert_uint_eq(d.tun_port, 0);
}
END_TEST

START_TEST(dest_stats64_not_truncated)
{
	uint8_t a4[16] = { 192, 168, 0, 1 };
	struct ipvs_dest d;

	/* ipvsadm 1.31 read the dest STATS64 with the u32 getter. */
	reply_dest(true, true, a4, 16);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET6, &d), 0);
	ck_assert_uint_eq(d.af, AF_INET);
	ck_assert_uint_eq(d.stats.conns, 5000000000ull);
	nlbuf_reset(&b);
	reply_dest(true, false, a4, 16);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET, &d), 0);
	ck_assert_uint_eq(d.stats.conns, 705032704);
}
END_TEST

START_TEST(dest_v4_short_addr_ok_v6_short_refused)
{
	uint8_t a4[4] = { 10, 1, 1, 1 };
	struct ipvs_dest d;

	reply_dest(true, false, a4, 4);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET, &d), 0);
	ck_assert_uint_eq(d.addr.ip6[1], 0);
	nlbuf_reset(&b);
	reply_dest(false, false, a4, 4);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET6, &d), -EBADMSG);
}
END_TEST

/* Run a parser on an exact-size copy, so any overread is out of bounds. */
static int parse_copy(const void *msg, size_t len, int which)
{
	struct nlmsghdr *nh = malloc(len);
	struct ipvs_service s;
	struct ipvs_dest d;
	struct ipvs_daemon dm;
	int err;

	memcpy(nh, msg, len);
	if (len >= NLMSG_HDRLEN)
		nh->nlmsg_len = len;
	switch (which) {
	case 0:
		err = codec_service_parse(nh, &s);
		break;
	case 1:
		err = codec_dest_parse(nh, AF_INET, &d);
		break;
	default:
		err = codec_daemon_parse(nh, &dm);
		break;
	}
	free(nh);
	return err;
}

START_TEST(truncations_never_crash)
{
	uint8_t a4[16] = { 1, 2, 3, 4 };
	struct ipvs_daemon dm = { .state = 1, .mcast_af = AF_INET };
	const struct codec_hdr h = { T_FAMILY, 0, 1 };
	int ok_full;

	for (int which = 0; which < 3; which++) {
		nlbuf_reset(&b);
		if (which == 0)
			reply_service(true, true, true);
		else if (which == 1)
			reply_dest(true, true, a4, 16);
		else
			codec_daemon_msg(&b, &h, IPVS_CMD_NEW_DAEMON, &dm);
		ok_full = parse_copy(b.data, b.len, which);
		ck_assert_int_eq(ok_full, 0);
		/* The reply is one nest, so every cut lands inside it and
		 * must be refused (on an exact-size copy: no overread). */
		for (size_t len = NLMSG_HDRLEN; len < b.len; len++)
			ck_assert_int_eq(parse_copy(b.data, len, which), -EBADMSG);
	}
}
END_TEST

/* Corrupt one attribute header of a valid reply and expect a refusal. */
START_TEST(malformed_attributes_refused)
{
	struct ipvs_service s;
	size_t nest;
	struct nlattr *a;

	/* The nest claims more than the message holds. */
	nest = reply_service(false, false, false);
	((struct nlattr *)(b.data + nest))->nla_len += 8;
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);

	/* An attribute shorter than its type needs (a 1-byte port). */
	nlbuf_reset(&b);
	nest = reply_service(false, false, false);
	a = (struct nlattr *)t_in((const struct nlattr *)(b.data + nest), IPVS_SVC_ATTR_PORT);
	a->nla_len = NLA_HDRLEN + 1;
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);

	/* An attribute length below the header size. */
	nlbuf_reset(&b);
	nest = reply_service(false, false, false);
	a = (struct nlattr *)t_in((const struct nlattr *)(b.data + nest), IPVS_SVC_ATTR_AF);
	a->nla_len = 2;
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);

	/* A scheduler name that does not fit, with no NUL. */
	nlbuf_reset(&b);
	{
		size_t off = nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_NEW_SERVICE);
		size_t n = nlbuf_nest_begin(&b, IPVS_CMD_ATTR_SERVICE);

		nlbuf_put_u16(&b, IPVS_SVC_ATTR_AF, AF_INET);
		nlbuf_put_u32(&b, IPVS_SVC_ATTR_FWMARK, 1);
		nlbuf_put(&b, IPVS_SVC_ATTR_SCHED_NAME, "abcdefghijklmnopqrst", 20);
		nlbuf_nest_end(&b, n);
		nlbuf_msg_end(&b, off);
	}
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);
}
END_TEST

START_TEST(missing_identity_or_wrong_command_refused)
{
	struct ipvs_service s;
	struct ipvs_dest d;
	size_t off, n;

	/* No port: not a service the library can name. */
	off = nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_NEW_SERVICE);
	n = nlbuf_nest_begin(&b, IPVS_CMD_ATTR_SERVICE);
	nlbuf_put_u16(&b, IPVS_SVC_ATTR_AF, AF_INET);
	nlbuf_put_u16(&b, IPVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
	nlbuf_put(&b, IPVS_SVC_ATTR_ADDR, (uint8_t[16]){ 1 }, 16);
	nlbuf_nest_end(&b, n);
	nlbuf_msg_end(&b, off);
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);

	/* A service reply is not a dest reply, and the reverse. */
	nlbuf_reset(&b);
	reply_service(false, false, false);
	ck_assert_int_eq(codec_dest_parse(t_msg(&b), AF_INET, &d), -EBADMSG);
	nlbuf_reset(&b);
	reply_dest(true, false, (uint8_t[16]){ 1 }, 16);
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);

	/* No nest at all. */
	nlbuf_reset(&b);
	nlbuf_msg_end(&b, nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_NEW_SERVICE));
	ck_assert_int_eq(codec_service_parse(t_msg(&b), &s), -EBADMSG);
}
END_TEST

START_TEST(config_and_info_replies)
{
	struct ipvs_timeouts t;
	struct ipvs_info info;
	size_t off;

	off = nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_SET_CONFIG);
	nlbuf_put_u32(&b, IPVS_CMD_ATTR_TIMEOUT_TCP, 900);
	nlbuf_put_u32(&b, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, 120);
	nlbuf_put_u32(&b, IPVS_CMD_ATTR_TIMEOUT_UDP, 300);
	nlbuf_msg_end(&b, off);
	ck_assert_int_eq(codec_timeouts_parse(t_msg(&b), &t), 0);
	ck_assert_uint_eq(t.tcp, 900);
	ck_assert_uint_eq(t.tcp_fin, 120);
	ck_assert_uint_eq(t.udp, 300);
	ck_assert_int_eq(codec_info_parse(t_msg(&b), &info), -EBADMSG);

	nlbuf_reset(&b);
	off = nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_SET_INFO);
	nlbuf_put_u32(&b, IPVS_INFO_ATTR_VERSION, 0x010201);
	nlbuf_put_u32(&b, IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096);
	nlbuf_msg_end(&b, off);
	ck_assert_int_eq(codec_info_parse(t_msg(&b), &info), 0);
	ck_assert_uint_eq(info.version, 0x010201);
	ck_assert_uint_eq(info.conn_tab_size, 4096);

	/* A missing field of GET_INFO is refused. */
	nlbuf_reset(&b);
	off = nlbuf_msg_begin(&b, T_FAMILY, 0, 1, IPVS_CMD_SET_INFO);
	nlbuf_put_u32(&b, IPVS_INFO_ATTR_VERSION, 0x010201);
	nlbuf_msg_end(&b, off);
	ck_assert_int_eq(codec_info_parse(t_msg(&b), &info), -EBADMSG);
}
END_TEST

START_TEST(ack_with_extack_text)
{
	uint8_t buf[256] = { 0 };
	struct nlmsghdr *nh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nh);
	struct nlattr *a = (struct nlattr *)(buf + NLMSG_HDRLEN + sizeof(*e));
	const char *msg;
	size_t len;

	e->error = -EINVAL;
	e->msg.nlmsg_len = 200;	/* capped: the request body is not echoed */
	a->nla_type = 1;	/* NLMSGERR_ATTR_MSG */
	a->nla_len = NLA_HDRLEN + 11;
	memcpy(a + 1, "bad thing!", 11);
	nh->nlmsg_type = NLMSG_ERROR;
	nh->nlmsg_flags = 0x100 | 0x200;	/* CAPPED | ACK_TLVS */
	nh->nlmsg_len = NLMSG_HDRLEN + sizeof(*e) + NLA_ALIGN(a->nla_len);
	ck_assert_int_eq(transport_ack_parse(nh, nh->nlmsg_len, &msg, &len), -EINVAL);
	ck_assert_uint_eq(len, 10);
	ck_assert_mem_eq(msg, "bad thing!", 10);
	/* A TLV running past the end is ignored, not read. */
	a->nla_len = 200;
	ck_assert_int_eq(transport_ack_parse(nh, nh->nlmsg_len, &msg, &len), -EINVAL);
	ck_assert_ptr_null(msg);
	/* Too short to hold the error at all. */
	ck_assert_int_eq(transport_ack_parse(nh, NLMSG_HDRLEN + 2, &msg, &len), -EBADMSG);
}
END_TEST

Suite *lib_parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("replies");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, service_hashed_masked);
	tcase_add_test(tc, service_stats64_preferred);
	tcase_add_test(tc, service_stats32_fallback);
	tcase_add_test(tc, dest_family_defaults_to_service);
	tcase_add_test(tc, dest_stats64_not_truncated);
	tcase_add_test(tc, dest_v4_short_addr_ok_v6_short_refused);
	tcase_add_test(tc, truncations_never_crash);
	tcase_add_test(tc, malformed_attributes_refused);
	tcase_add_test(tc, missing_identity_or_wrong_command_refused);
	tcase_add_test(tc, config_and_info_replies);
	tcase_add_test(tc, ack_with_extack_text);
	suite_add_tcase(s, tc);
	return s;
}
