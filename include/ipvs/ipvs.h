/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libipvs: the Linux IPVS generic-netlink API as a small C library.
 *
 * Conventions
 *  - Every function that can fail returns 0 (or a count) on success and a
 *    negative errno on failure.  The library never prints and never exits.
 *  - A handle owns one netlink socket; the "IPVS" family id is resolved once
 *    when the handle is opened.  Handles are independent; one handle must be
 *    used by one thread at a time.  There is no global mutable state.
 *  - Ports and tunnel ports are in HOST byte order in these structs; the
 *    library converts to the network order the kernel wants.
 *  - Addresses are in network byte order (struct in_addr / in6_addr).
 *  - After a failure, ipvs_errmsg() tells what went wrong in words.
 */
#ifndef IPVS_IPVS_H
#define IPVS_IPVS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IPVS_SCHED_NAME_MAX	16	/* including the terminating NUL */
#define IPVS_PE_NAME_MAX	16
#define IPVS_IFNAME_MAX		16

/* Service flags (struct ipvs_service.flags). */
#define IPVS_SVC_F_PERSISTENT	0x0001
#define IPVS_SVC_F_HASHED	0x0002	/* kernel-internal; masked out on read */
#define IPVS_SVC_F_ONEPACKET	0x0004
#define IPVS_SVC_F_SCHED1	0x0008
#define IPVS_SVC_F_SCHED2	0x0010
#define IPVS_SVC_F_SCHED3	0x0020
#define IPVS_SVC_F_SCHED_SH_FALLBACK	IPVS_SVC_F_SCHED1
#define IPVS_SVC_F_SCHED_SH_PORT	IPVS_SVC_F_SCHED2
#define IPVS_SVC_F_SCHED_MH_FALLBACK	IPVS_SVC_F_SCHED1
#define IPVS_SVC_F_SCHED_MH_PORT	IPVS_SVC_F_SCHED2
/* Flags a caller may set; anything else is rejected with -EINVAL. */
#define IPVS_SVC_F_USER_MASK	(IPVS_SVC_F_PERSISTENT | IPVS_SVC_F_ONEPACKET | \
				 IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3)

/* Default persistence timeout in seconds (what ipvsadm -p uses). */
#define IPVS_SVC_PERSISTENT_TIMEOUT	360

/* Forwarding methods (struct ipvs_dest.fwd).  BYPASS is the kernel's mark
 * for traffic that matched no service; it is reported if read but refused
 * (-EINVAL) when adding or updating a destination. */
enum ipvs_fwd {
	IPVS_FWD_MASQ	= 0,
	IPVS_FWD_LOCAL	= 1,
	IPVS_FWD_TUNNEL	= 2,
	IPVS_FWD_ROUTE	= 3,
	IPVS_FWD_BYPASS	= 4,
};

/* Tunnel encapsulation for IPVS_FWD_TUNNEL destinations. */
enum ipvs_tun_type {
	IPVS_TUN_IPIP	= 0,
	IPVS_TUN_GUE	= 1,	/* needs tun_port (kernel 5.2+) */
	IPVS_TUN_GRE	= 2,	/* kernel 5.3+ */
};

/* Tunnel checksum flags (struct ipvs_dest.tun_flags); one value, not bits. */
enum ipvs_tun_flags {
	IPVS_TUN_F_NOCSUM	= 0,
	IPVS_TUN_F_CSUM		= 1,
	IPVS_TUN_F_REMCSUM	= 2,	/* GUE only */
};

/* Sync daemon roles (struct ipvs_daemon.state). */
enum ipvs_daemon_state {
	IPVS_DAEMON_NONE	= 0,
	IPVS_DAEMON_MASTER	= 1,
	IPVS_DAEMON_BACKUP	= 2,
};

union ipvs_addr {
	struct in_addr	in;
	struct in6_addr	in6;
	uint32_t	ip6[4];
	uint8_t		raw[16];
};

/* Counters since the last zero, and per-second rates.  Always 64-bit here:
 * the library prefers the kernel's STATS64 and falls back to STATS. */
struct ipvs_stats {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
};

/*
 * A virtual service.  Identity is af + fwmark when fwmark != 0, otherwise
 * af + protocol + addr + port.
 */
struct ipvs_service {
	uint16_t	af;		/* AF_INET or AF_INET6 */
	uint16_t	protocol;	/* IPPROTO_TCP/UDP/SCTP; ignored for fwmark */
	union ipvs_addr	addr;
	uint16_t	port;		/* host order */
	uint32_t	fwmark;		/* 0 = not a fwmark service */
	char		sched_name[IPVS_SCHED_NAME_MAX];
	char		pe_name[IPVS_PE_NAME_MAX];	/* "" = none */
	uint32_t	flags;		/* IPVS_SVC_F_* */
	uint32_t	timeout;	/* persistence timeout, seconds */
	uint32_t	netmask;	/* IPv4: mask in network order (in_addr_t);
					 * IPv6: prefix length 1..128 */
	/* Filled in on read; ignored on write. */
	struct ipvs_stats stats;
	/* The caller's own tag (e.g. an input line): never sent to the kernel,
	 * 0 on read; table diffs carry it into their changes. */
	uint64_t	cookie;
	uint32_t	reserved[6];
};

/* A real server of a service. */
struct ipvs_dest {
	uint16_t	af;		/* 0 on write = the service's family */
	union ipvs_addr	addr;
	uint16_t	port;		/* host order */
	uint32_t	fwd;		/* enum ipvs_fwd */
	int32_t		weight;		/* >= 0; 0 = quiescent */
	uint32_t	u_threshold;	/* 0 = no limit */
	uint32_t	l_threshold;
	uint8_t		tun_type;	/* enum ipvs_tun_type */
	uint16_t	tun_port;	/* host order; GUE only */
	uint16_t	tun_flags;	/* enum ipvs_tun_flags */
	/* Filled in on read; ignored on write. */
	uint32_t	active_conns;
	uint32_t	inact_conns;
	uint32_t	persist_conns;
	struct ipvs_stats stats;
	uint64_t	cookie;		/* the caller's, as in struct ipvs_service */
	uint32_t	reserved[6];
};

/* Connection timeouts in seconds; 0 in a set request = leave unchanged. */
struct ipvs_timeouts {
	uint32_t tcp, tcp_fin, udp;
};

struct ipvs_info {
	uint32_t version;	/* e.g. 0x010201 for 1.2.1 */
	uint32_t conn_tab_size;
};

/* A connection synchronisation daemon.  On start, zero fields are left out
 * of the request and the kernel picks its defaults. */
struct ipvs_daemon {
	uint32_t	state;			/* enum ipvs_daemon_state */
	char		mcast_ifn[IPVS_IFNAME_MAX];
	uint32_t	syncid;			/* 0..255 */
	uint16_t	sync_maxlen;
	uint16_t	mcast_af;		/* 0 = kernel default group */
	union ipvs_addr	mcast_group;
	uint16_t	mcast_port;		/* host order */
	uint8_t		mcast_ttl;
	uint32_t	reserved[4];
};

/* A service with its destinations, as read by ipvs_table_read(). */
struct ipvs_table_entry {
	struct ipvs_service	svc;
	size_t			n_dests;
	struct ipvs_dest	*dests;		/* kernel order: newest first */
};

struct ipvs_table {
	size_t			n_services;
	struct ipvs_table_entry	*services;	/* kernel (hash) order */
};

/* Operations, for ipvs_strerror() and batch results. */
enum ipvs_op {
	IPVS_OP_NONE = 0,
	IPVS_OP_OPEN,
	IPVS_OP_INFO_GET,
	IPVS_OP_SERVICE_ADD,
	IPVS_OP_SERVICE_UPDATE,
	IPVS_OP_SERVICE_DEL,
	IPVS_OP_SERVICE_GET,
	IPVS_OP_SERVICE_LIST,
	IPVS_OP_DEST_ADD,
	IPVS_OP_DEST_UPDATE,
	IPVS_OP_DEST_DEL,
	IPVS_OP_DEST_LIST,
	IPVS_OP_ZERO,
	IPVS_OP_FLUSH,
	IPVS_OP_TIMEOUTS_GET,
	IPVS_OP_TIMEOUTS_SET,
	IPVS_OP_DAEMON_START,
	IPVS_OP_DAEMON_STOP,
	IPVS_OP_DAEMON_LIST,
	IPVS_OP_TABLE_READ,
};

struct ipvs_handle;

/* Open a handle in the caller's network namespace. */
int ipvs_open(struct ipvs_handle **hp);
/* Open a handle whose socket lives in another network namespace: netns is a
 * name under /run/netns or a path such as /proc/PID/ns/net.  The calling
 * thread's namespace is restored before returning. */
int ipvs_open_netns(struct ipvs_handle **hp, const char *netns);
void ipvs_close(struct ipvs_handle *h);

/* Words for the last failure on this handle ("" if none). */
const char *ipvs_errmsg(const struct ipvs_handle *h);

/* ipvsadm 1.31's text for an errno returned by an operation, e.g.
 * (IPVS_OP_SERVICE_ADD, -EEXIST) -> "Service already exists".  err may be
 * given negative or positive.  Falls back to strerror(). */
const char *ipvs_strerror(enum ipvs_op op, int err);

int ipvs_info_get(struct ipvs_handle *h, struct ipvs_info *info);

int ipvs_service_add(struct ipvs_handle *h, const struct ipvs_service *svc);
/* SET replaces the whole entry: every field of svc is sent. */
int ipvs_service_update(struct ipvs_handle *h, const struct ipvs_service *svc);
int ipvs_service_del(struct ipvs_handle *h, const struct ipvs_service *svc);
/* Look up one service by the identity in key. */
int ipvs_service_get(struct ipvs_handle *h, const struct ipvs_service *key,
		     struct ipvs_service *out);
/* All services, in kernel order; *svcs is malloc'ed, free() it. */
int ipvs_service_list(struct ipvs_handle *h, struct ipvs_service **svcs, size_t *n);
/*
 * Every service, in kernel order, handed to fn as the dump arrives; nothing
 * is allocated, so a caller can keep as little of each service as it needs.
 * svc is valid only during the call, and fn must not use the handle.  fn
 * returns 0 to go on; anything else stops the walk (the rest of the dump is
 * read and dropped) and is what ipvs_service_walk returns.  Otherwise 0 or
 * -errno.  Like a list, a walk is not a snapshot of the table.
 */
typedef int (*ipvs_service_fn)(void *arg, const struct ipvs_service *svc);
int ipvs_service_walk(struct ipvs_handle *h, ipvs_service_fn fn, void *arg);

int ipvs_dest_add(struct ipvs_handle *h, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest);
int ipvs_dest_update(struct ipvs_handle *h, const struct ipvs_service *svc,
		     const struct ipvs_dest *dest);
int ipvs_dest_del(struct ipvs_handle *h, const struct ipvs_service *svc,
		  const struct ipvs_dest *dest);
/* Destinations of one service; *dests is malloc'ed, free() it. */
int ipvs_dest_list(struct ipvs_handle *h, const struct ipvs_service *svc,
		   struct ipvs_dest **dests, size_t *n);
/* The destinations of one service handed to fn, in kernel order (newest
 * first), as ipvs_service_walk hands services: nothing allocated, d valid
 * only during the call, a non-zero return stops the walk and is returned.
 * An unknown service gives no call. */
typedef int (*ipvs_dest_fn)(void *arg, const struct ipvs_dest *d);
int ipvs_dest_walk(struct ipvs_handle *h, const struct ipvs_service *svc,
		   ipvs_dest_fn fn, void *arg);
/*
 * How many datagrams the entries of the handle's last reply came in.  The
 * kernel fills one datagram under its lock, so a list or walk that took one
 * part is a true picture of that moment.  Over several parts the kernel
 * resumes by position: an entry removed meanwhile makes a later one go
 * missing, one added shows an entry twice.  Deprecated: a list session
 * (ipvs_list_begin) does the reading again and comparing.
 */
unsigned int ipvs_dump_parts(const struct ipvs_handle *h);

/*
 * A consistent listing, read service by service so that a caller holds
 * only what it needs: the services (with only the counters asked for) and
 * one service's destinations at a time.
 *
 *   ipvs_list_begin    reads the services: every one, or with only set the
 *                      one of that identity.  flags: IPVS_LIST_TOTALS and
 *                      IPVS_LIST_RATES keep those counters (else they read 0).
 *   ipvs_list_count    how many services the pass has (kernel order).
 *   ipvs_list_service  service i, with the counters kept.
 *   ipvs_list_dests    service i's destinations (kernel order, newest
 *                      first), read now and checked; *dests is the session's,
 *                      valid until the next ipvs_list_dests or ipvs_list_free,
 *                      and may be reordered.
 *   ipvs_list_end      0: what the pass handed out is a true picture;
 *                      1: it is not, and the session has read the services
 *                      again: go over them once more (count, service, dests)
 *                      and end again; -EAGAIN: the table kept changing for
 *                      the session's whole time bound; or -errno.
 *   ipvs_list_free     releases the session.
 *
 * Services added during a pass are not a change (the pass is the table
 * before them); any removed or altered is, and so is one that was gone
 * when its destinations were read.  Torn dumps are read again
 * right away (only what tore), backing off between reads; the whole is
 * bounded in time, at least several passes over the table.  Counters are
 * not compared.  The session uses the handle; nothing else may use it
 * between begin and free.
 */
#define IPVS_LIST_TOTALS	0x1	/* conns, inpkts, outpkts, inbytes, outbytes */
#define IPVS_LIST_RATES		0x2	/* cps, inpps, outpps, inbps, outbps */

struct ipvs_list;

int ipvs_list_begin(struct ipvs_handle *h, const struct ipvs_service *only,
		    unsigned int flags, struct ipvs_list **lp);
size_t ipvs_list_count(const struct ipvs_list *l);
int ipvs_list_service(const struct ipvs_list *l, size_t i, struct ipvs_service *svc);
int ipvs_list_dests(struct ipvs_list *l, size_t i, struct ipvs_dest **dests, size_t *n);
int ipvs_list_end(struct ipvs_list *l);
void ipvs_list_free(struct ipvs_list *l);

/* Zero the counters of one service, or of everything when svc is NULL. */
int ipvs_zero(struct ipvs_handle *h, const struct ipvs_service *svc);
/* Delete every service of the namespace. */
int ipvs_flush(struct ipvs_handle *h);

int ipvs_timeouts_get(struct ipvs_handle *h, struct ipvs_timeouts *t);
int ipvs_timeouts_set(struct ipvs_handle *h, const struct ipvs_timeouts *t);

int ipvs_daemon_start(struct ipvs_handle *h, const struct ipvs_daemon *d);
/* Only d->state is used. */
int ipvs_daemon_stop(struct ipvs_handle *h, const struct ipvs_daemon *d);
/* Running daemons, at most 2 (master first); *n is set to the count. */
int ipvs_daemon_list(struct ipvs_handle *h, struct ipvs_daemon out[2], size_t *n);

/*
 * Every service with its destinations, read on the handle's one socket
 * through a list session (see ipvs_list_begin), so with the same checks:
 * -EAGAIN if the table never settled.
 */
int ipvs_table_read(struct ipvs_handle *h, struct ipvs_table **tp);
/* The only way to release a table (its memory is not from malloc). */
void ipvs_table_free(struct ipvs_table *t);

/*
 * Batches: many requests sent pipelined, in as few sendmsg() calls as the
 * buffers allow.  A batch is NOT a transaction: the kernel applies each
 * request on its own, in order; a failing request does not stop the ones
 * after it and nothing is rolled back.
 *
 * Each request carries a caller cookie (e.g. an input line number) that comes
 * back with its result.  status is 0 on success, a negative errno from the
 * kernel, or IPVS_BATCH_UNKNOWN when the ack was lost (e.g. ENOBUFS on the
 * socket) and the outcome cannot be known.  Bad arguments are rejected when
 * the request is appended, not at commit.
 */
#define IPVS_BATCH_UNKNOWN	1

struct ipvs_batch;

/* msg is NULL on success; otherwise the kernel's extended-ack text if it
 * sent one, else ipvs_strerror(op, status) (for IPVS_BATCH_UNKNOWN, a note
 * that the outcome is unknown).  It is valid only during the call. */
typedef void (*ipvs_batch_cb)(void *arg, uint64_t cookie, enum ipvs_op op,
			      int status, const char *msg);

int ipvs_batch_new(struct ipvs_handle *h, struct ipvs_batch **bp);
void ipvs_batch_free(struct ipvs_batch *b);
/* Number of requests appended and not yet committed. */
size_t ipvs_batch_size(const struct ipvs_batch *b);

int ipvs_batch_service_add(struct ipvs_batch *b, const struct ipvs_service *svc, uint64_t cookie);
int ipvs_batch_service_update(struct ipvs_batch *b, const struct ipvs_service *svc, uint64_t cookie);
int ipvs_batch_service_del(struct ipvs_batch *b, const struct ipvs_service *svc, uint64_t cookie);
int ipvs_batch_dest_add(struct ipvs_batch *b, const struct ipvs_service *svc,
			const struct ipvs_dest *dest, uint64_t cookie);
int ipvs_batch_dest_update(struct ipvs_batch *b, const struct ipvs_service *svc,
			   const struct ipvs_dest *dest, uint64_t cookie);
int ipvs_batch_dest_del(struct ipvs_batch *b, const struct ipvs_service *svc,
			const struct ipvs_dest *dest, uint64_t cookie);
int ipvs_batch_zero(struct ipvs_batch *b, const struct ipvs_service *svc, uint64_t cookie);
int ipvs_batch_flush(struct ipvs_batch *b, uint64_t cookie);
int ipvs_batch_timeouts_set(struct ipvs_batch *b, const struct ipvs_timeouts *t, uint64_t cookie);
int ipvs_batch_daemon_start(struct ipvs_batch *b, const struct ipvs_daemon *d, uint64_t cookie);
int ipvs_batch_daemon_stop(struct ipvs_batch *b, const struct ipvs_daemon *d, uint64_t cookie);

/*
 * Send everything appended, in order, and report every request's result to
 * cb (which may be NULL).  Returns the number of requests that did not
 * succeed (failed or unknown), or a negative errno if the transport itself
 * failed before anything could be sent.  The batch is empty afterwards and
 * can be reused.
 */
int ipvs_batch_commit(struct ipvs_batch *b, ipvs_batch_cb cb, void *arg);

/*
 * Table diffs: the fewest changes that make the kernel's table equal to a
 * desired one, in an order that never breaks what stays (make before break):
 * services added, destinations added, edits, destinations quiesced (weight
 * 0), destinations removed, services removed.  Everything that already
 * matches is left alone, so its connections and counters carry on.
 */

/* One rule of a scope.  A rule with fwmark_max != 0 matches fwmark services
 * whose mark is in [fwmark_min, fwmark_max]; one with an address prefix, a
 * protocol or ports matches services that are not fwmark services and meet
 * each of them; one with neither matches every service (of af, if set). */
struct ipvs_scope_rule {
	uint16_t	af;			/* 0 = any family */
	uint16_t	protocol;		/* 0 = any */
	union ipvs_addr	addr;			/* with prefix_len, needs af */
	uint8_t		prefix_len;		/* 0 = any address */
	uint16_t	port_min, port_max;	/* 0, 0 = any port */
	uint32_t	fwmark_min, fwmark_max;
	uint32_t	reserved[4];
};

/* The services a plan may add, change or remove: those any rule matches.
 * No rules (n_rules 0, or a NULL scope) means the whole table. */
struct ipvs_scope {
	size_t				n_rules;
	const struct ipvs_scope_rule	*rules;
};

bool ipvs_scope_match(const struct ipvs_scope *scope, const struct ipvs_service *svc);
/* Order services by identity only (<0, 0, >0): 0 means the same service. */
int ipvs_service_cmp(const struct ipvs_service *a, const struct ipvs_service *b);

enum ipvs_change_kind {
	IPVS_CHANGE_SERVICE_ADD = 1,
	IPVS_CHANGE_DEST_ADD,
	IPVS_CHANGE_SERVICE_EDIT,
	IPVS_CHANGE_DEST_EDIT,
	IPVS_CHANGE_DEST_QUIESCE,	/* weight 0 before its removal */
	IPVS_CHANGE_DEST_DEL,
	IPVS_CHANGE_SERVICE_DEL,
};

/* What an edit changes (struct ipvs_change.differs). */
#define IPVS_DIFF_SCHED		0x0001u	/* scheduler */
#define IPVS_DIFF_FLAGS		0x0002u	/* persistence, one-packet, scheduler flags */
#define IPVS_DIFF_TIMEOUT	0x0004u	/* persistence timeout */
#define IPVS_DIFF_NETMASK	0x0008u
#define IPVS_DIFF_PE		0x0010u	/* persistence engine */
#define IPVS_DIFF_FWD		0x0100u	/* forwarding method */
#define IPVS_DIFF_WEIGHT	0x0200u
#define IPVS_DIFF_U_THRESHOLD	0x0400u
#define IPVS_DIFF_L_THRESHOLD	0x0800u
#define IPVS_DIFF_TUNNEL	0x1000u	/* tunnel type, port or checksum */

struct ipvs_change {
	enum ipvs_change_kind	kind;
	uint32_t		differs;	/* edits: IPVS_DIFF_* */
	uint64_t		cookie;		/* from the desired object; removals: the current one */
	struct ipvs_service	svc;		/* desired; for a removal, the current one */
	struct ipvs_dest	dest;		/* dest changes: desired, or current (quiesce: weight 0) */
	struct ipvs_service	old_svc;	/* SERVICE_EDIT: as it is now */
	struct ipvs_dest	old_dest;	/* DEST_EDIT, DEST_QUIESCE: as it is now */
};

struct ipvs_plan {
	size_t			n_changes;
	struct ipvs_change	*changes;
	/* In scope: what the current table has and what the plan removes. */
	size_t			services, services_removed;
	size_t			dests, dests_removed;
};

/* Why a desired table cannot be planned (ipvs_table_check). */
enum ipvs_table_problem {
	IPVS_TABLE_OK = 0,
	IPVS_TABLE_DUP_SERVICE,		/* the same service twice */
	IPVS_TABLE_DUP_DEST,		/* the same destination twice in a service */
	IPVS_TABLE_OUT_OF_SCOPE,	/* a service the scope does not cover */
	IPVS_TABLE_NO_SERVICE,		/* ipvs_want: a destination whose service
					 * was never added */
};

/* Check a desired table: IPVS_TABLE_OK, or the first problem with the
 * index of its service and destination (SIZE_MAX for a service problem). */
enum ipvs_table_problem ipvs_table_check(const struct ipvs_table *want,
					 const struct ipvs_scope *scope,
					 size_t *svc_index, size_t *dest_index);
/* Plan the changes from cur (as ipvs_table_read() gives it) to want.  Only
 * services in scope are looked at.  0 and *planp, -EINVAL when
 * ipvs_table_check() finds a problem, -ENOMEM. */
int ipvs_table_diff(const struct ipvs_table *cur, const struct ipvs_table *want,
		    const struct ipvs_scope *scope, struct ipvs_plan **planp);
void ipvs_plan_free(struct ipvs_plan *plan);
/*
 * A desired table held compactly: a few bytes a destination where a struct
 * ipvs_table holds a struct ipvs_dest, so that a big desired table can be
 * diffed against the kernel's without either being held whole.  What is
 * kept of a service or destination is what a diff compares and a change
 * sends, and the cookie (counters, connection counts and reserved fields
 * read back as 0; an IPv4 address keeps its 4 bytes).
 *
 *   ipvs_want_service_add  one more service, in the desired table's order
 *                          (plans add and edit in it).  The same identity
 *                          twice is kept, for ipvs_want_check to report.
 *   ipvs_want_dest_add     a destination of the service of svc's identity:
 *                          0; or 1 when no such service was added yet: it
 *                          is held for the first one added later.
 *   ipvs_want_has_service  whether a service of svc's identity was added.
 *   ipvs_want_count        how many services were added.
 *   ipvs_want_check        as ipvs_table_check, the cookie of the object at
 *                          fault (of the later one of two the same) in
 *                          *cookie; also IPVS_TABLE_NO_SERVICE.
 *   ipvs_want_diff         plans the changes from the kernel's table, read
 *                          through a list session one service at a time
 *                          (the services out of scope: their destinations
 *                          are not read), to the desired one: the same plan
 *                          ipvs_table_diff gives for the same two tables.
 *                          -EINVAL when ipvs_want_check finds a problem
 *                          (the kernel is not asked), -EAGAIN if the table
 *                          never settled, -ENOMEM, or the kernel's -errno.
 *   ipvs_want_diff_table   the same against a table in memory.
 */
struct ipvs_want;

int ipvs_want_new(struct ipvs_want **wp);
void ipvs_want_free(struct ipvs_want *w);
int ipvs_want_service_add(struct ipvs_want *w, const struct ipvs_service *svc);
int ipvs_want_dest_add(struct ipvs_want *w, const struct ipvs_service *svc,
		       const struct ipvs_dest *dest);
bool ipvs_want_has_service(const struct ipvs_want *w, const struct ipvs_service *svc);
size_t ipvs_want_count(const struct ipvs_want *w);
enum ipvs_table_problem ipvs_want_check(const struct ipvs_want *w,
					const struct ipvs_scope *scope, uint64_t *cookie);
int ipvs_want_diff(struct ipvs_handle *h, const struct ipvs_want *w,
		   const struct ipvs_scope *scope, struct ipvs_plan **planp);
int ipvs_want_diff_table(const struct ipvs_table *cur, const struct ipvs_want *w,
			 const struct ipvs_scope *scope, struct ipvs_plan **planp);

/* Append one change to a batch with the given cookie, or every change of a
 * plan with its own. */
int ipvs_batch_change(struct ipvs_batch *b, const struct ipvs_change *c, uint64_t cookie);
int ipvs_batch_plan(struct ipvs_batch *b, const struct ipvs_plan *plan);

/*
 * Connection entries, as the kernel lists them in /proc/net/ip_vs_conn
 * (IPVS has no netlink dump of them), streamed with a bounded buffer: a
 * table of any size costs the same memory.
 *
 *   ipvs_conn_open   fd >= 0: read that descriptor, which the reader then
 *                    owns; fd < 0: open /proc/net/ip_vs_conn of the calling
 *                    thread's network namespace.  0 or -errno.
 *   ipvs_conn_next   1 and the next entry in *c, whose strings point into
 *                    the reader until the next call; 0 at the end;
 *                    -ENODATA when even the header line is missing;
 *                    -EBADMSG at a line with no fields (the kernel writes
 *                    none); -errno when a read fails.
 *   ipvs_conn_parse  one NUL-terminated line (changed in place), as
 *                    ipvs_conn_next parses it: 0, or -EBADMSG when blank.
 *
 * Fields are read as ipvsadm 1.31 reads them: the first number that does
 * not parse ends the entry, and what follows is left empty ("" or 0).
 */
struct ipvs_conn {
	const char	*protocol;	/* "TCP", "UDP", "SCTP"; "IP" for fwmark templates */
	uint16_t	proto;		/* IPPROTO_* of protocol, 0 for others */
	uint16_t	af;		/* of the client and virtual addresses */
	uint16_t	daf;		/* of the destination */
	union ipvs_addr	caddr, vaddr, daddr;
	uint16_t	cport, vport, dport;	/* host order */
	const char	*state;		/* "ESTABLISHED", "NONE" (templates), ... */
	uint32_t	expires;	/* seconds left */
	const char	*pe_name;	/* NULL: the line has none */
	const char	*pe_data;	/* NULL: the line has none */
};

struct ipvs_conn_reader;

int ipvs_conn_open(struct ipvs_conn_reader **rp, int fd);
int ipvs_conn_next(struct ipvs_conn_reader *r, struct ipvs_conn *c);
void ipvs_conn_close(struct ipvs_conn_reader *r);
int ipvs_conn_parse(char *line, struct ipvs_conn *c);

#ifdef __cplusplus
}
#endif

#endif /* IPVS_IPVS_H */
