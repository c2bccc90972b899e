/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Pure message building and parsing for the IPVS family: no sockets here,
 * so all of it is tested without a kernel.
 *
 * Builders append one complete request to a buffer and return 0 or -ENOMEM;
 * their inputs must have passed validate.c.  Parsers read one complete
 * message (the caller has checked nlmsg_len against the datagram) and return
 * 0 or -EBADMSG for a malformed or unexpected message.
 *
 * Received attributes are split by attr.c, not by libnl's nla_parse() with
 * an nla_policy: on a 5000x10 destination dump, bench/attr-parse counted
 * (callgrind) 62.7 million instructions with attr.c splitting each message
 * and its DEST nest, 123.2 million with nla_parse() (the same field reads
 * after both): 60 million more, about 9% of a whole -Ln of that table.
 * And nla_parse() passes over a truncated attribute, which attr.c refuses.
 */
#ifndef IPVS_CODEC_H
#define IPVS_CODEC_H

#include <linux/netlink.h>
#include <stdbool.h>
#include <stdint.h>

#include <ipvs/ipvs.h>
#include "nlbuf.h"

/* The netlink header fields every request needs. */
struct codec_hdr {
	uint16_t family;	/* the resolved IPVS family id */
	uint16_t flags;		/* NLM_F_*; NLM_F_REQUEST is added */
	uint32_t seq;
};

/* NEW/SET_SERVICE (full = every field), DEL/GET_SERVICE (identity only). */
int codec_service_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		      const struct ipvs_service *svc, bool full);
/* NEW/SET_DEST (full), DEL_DEST (identity); dest NULL = service only, as
 * GET_DEST wants. */
int codec_dest_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		   const struct ipvs_service *svc, const struct ipvs_dest *dest,
		   bool full);
/* NEW_DAEMON carries the whole daemon, DEL_DAEMON only its state. */
int codec_daemon_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd,
		     const struct ipvs_daemon *d);
int codec_timeouts_msg(struct nlbuf *b, const struct codec_hdr *hdr,
		       const struct ipvs_timeouts *t);
/* ZERO of one service, or of everything when svc is NULL. */
int codec_zero_msg(struct nlbuf *b, const struct codec_hdr *hdr,
		   const struct ipvs_service *svc);
/* A request without attributes: FLUSH, GET_INFO, GET_CONFIG, dumps. */
int codec_simple_msg(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd);

/* Replies. */
int codec_service_parse(const struct nlmsghdr *nh, struct ipvs_service *svc);
/* svc_af is the family of the dest's service, used when the kernel leaves
 * out ADDR_FAMILY (before 3.18). */
int codec_dest_parse(const struct nlmsghdr *nh, uint16_t svc_af, struct ipvs_dest *d);
/* Its second half: the fields from the DEST nest's attributes, split (by
 * attr.c, or by anything that checks the same lengths) into tb[]; d zeroed. */
int codec_dest_attrs(const struct nlattr *const *tb, uint16_t svc_af, struct ipvs_dest *d);
int codec_daemon_parse(const struct nlmsghdr *nh, struct ipvs_daemon *d);
int codec_timeouts_parse(const struct nlmsghdr *nh, struct ipvs_timeouts *t);
int codec_info_parse(const struct nlmsghdr *nh, struct ipvs_info *info);
/* STATS64 when present, else the 32-bit STATS; either may be NULL. */
int codec_stats_parse(const struct nlattr *stats, const struct nlattr *stats64,
		      struct ipvs_stats *st);

/* The genl command and attribute area of a message (NULL if too short). */
const struct nlattr *codec_attrs(const struct nlmsghdr *nh, uint8_t *cmd, size_t *len);

/* Shared by the codec files (codec-common.c): the start of a request; the
 * SERVICE nest of a request; the top-level attributes of a reply whose
 * command must be `want` into tb[IPVS_CMD_ATTR_MAX + 1] (0 or -EBADMSG),
 * or just its nest `type`; an
 * address attribute copied into a zeroed union (AF_INET6 ones must be
 * whole). */
size_t codec_msg_begin(struct nlbuf *b, const struct codec_hdr *hdr, uint8_t cmd);
void codec_put_service(struct nlbuf *b, const struct ipvs_service *svc, bool full);
int codec_top_attrs(const struct nlmsghdr *nh, uint8_t want,
		    const struct nlattr **tb);
const struct nlattr *codec_top_nest(const struct nlmsghdr *nh, uint8_t want, int type);
int codec_get_addr(union ipvs_addr *addr, uint16_t af, const struct nlattr *a);

/* Client-side checks, so nothing malformed is sent.  On failure they return
 * -EINVAL and describe the problem in msg[size]. */
int validate_service(const struct ipvs_service *svc, bool full, char *msg, size_t size);
int validate_dest(const struct ipvs_service *svc, const struct ipvs_dest *dest,
		  bool full, char *msg, size_t size);
int validate_daemon(const struct ipvs_daemon *d, bool start, char *msg, size_t size);

#endif /* IPVS_CODEC_H */
