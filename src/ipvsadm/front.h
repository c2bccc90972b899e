/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipvsadm front end internals: option tables, parse, validate, execute,
 * restore, help.  Only exec*.c talk to libipvs.
 */
#ifndef IPVSADM_FRONT_H
#define IPVSADM_FRONT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <popt.h>
#include "cmd.h"

#define IPVSADM_VERSION_STRING \
	"ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)"

/* ---- options.c: names, popt table, command x option rules ---- */

/* popt "val" codes.  Commands first, then options. */
enum popt_val {
	PV_CMD = 0x100,			/* + enum verb */
	PV_OPT = 0x200,			/* + enum opt, for the plain ones */
	PV_TCP = 0x300, PV_UDP, PV_SCTP, PV_FWMARK,
	PV_GATE, PV_IPIP, PV_MASQ,
	PV_SORT, PV_IPV6,
};

extern const struct poptOption opts_popt_table[];

const char *opts_name(enum opt o);		/* "service-address" ... */
const char *opts_verb_name(enum verb v);	/* "add-service" ... */
bool opts_verb_known(enum verb v);

/* generic_opt_check: walks the bits in 1.31's order; 0 or 2 with d set. */
int opts_check_verb(enum verb v, uint64_t options, struct diag *d);
/* tunnel_opt_check for a tunnel destination of type tun_type. */
int opts_check_tunnel(unsigned int tun_type, uint64_t options, struct diag *d);

/* ---- diag helpers (parse.c) ---- */
int diag_set(struct diag *d, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* ---- addr.c: address/port syntax of ipvsadm 1.31 ---- */

#define ADDR_HAS_ADDR	0x1
#define ADDR_HAS_PORT	0x2
/* Parse host[:port] / [v6]:port into svc (af, addr, port; netmask = 128 for
 * IPv6).  buf is modified.  Service names use svc->protocol.  Returns the
 * ADDR_HAS_* bits, 0 when the text is not acceptable. */
int addr_parse_service(char *buf, struct ipvs_service *svc);
/* IPv4 dotted mask or host name; 0 on success, -1 if unusable. */
int addr_parse_mask4(const char *buf, uint32_t *mask);
/* strtol base 10, whole string, within [min, max]; -1 when not. */
long addr_to_number(const char *s, long min, long max);

/* ---- parse.c / validate.c ---- */

/* argv (argv[0] = program name) -> *c.  Returns 0, or the exit status
 * (2 or 255) with d->msg set.  Never prints, never exits. */
int cmd_parse(struct cmd *c, int argc, const char **argv, struct diag *d);
/* The checks 1.31 does after parsing; fills in defaults.  0 or 2. */
int cmd_validate(struct cmd *c, struct diag *d);

/* ---- help.c ---- */
void help_print(FILE *out, const char *prog);
void version_print(FILE *out);

/* ---- exec.c: the only libipvs user ---- */
struct ipvs_handle;
/* Open and GET_INFO, as 1.31's ipvs_init (running `/sbin/modprobe --
 * ip_vs` once if the family is missing); on failure prints the "Can't
 * initialize ipvs" message.  0 or exit status 2. */
int exec_open(struct ipvs_handle **hp);
/* The GET_INFO answer exec_open() got (NULL before): the -L banner needs
 * no second request. */
const struct ipvs_info *exec_info(void);
/* Run one command; prints output and errors (errors prefixed by prefix,
 * which may be ""); returns ipvsadm's exit status. */
int exec_run(struct ipvs_handle *h, const struct cmd *c, const char *prefix);
/* The service -Z acts on; NULL = all (also for an all-zero service). */
const struct ipvs_service *exec_zero_target(const struct cmd *c);
/* Listing commands (exec-list.c). */
int exec_list(struct ipvs_handle *h, const struct cmd *c, const char *prefix);

/* Batch support for -R (exec-batch.c). */
struct exec_batch;
bool exec_batchable(const struct cmd *c);
int exec_batch_new(struct ipvs_handle *h, struct exec_batch **bp);
void exec_batch_free(struct exec_batch *b);
/* Queue c for input line `line`.  Returns 0, or 255 after printing the
 * error for that line. */
int exec_batch_add(struct exec_batch *b, const struct cmd *c, unsigned long line);
/* Send what is queued; prints "line N: msg" for each failure.  Returns
 * the number of failed lines. */
size_t exec_batch_commit(struct exec_batch *b);

/* ---- restore.c ---- */

/* One tokenised -R input line. */
struct restore_line {
	unsigned long	lineno;
	int		argc;		/* including argv[0] */
	const char	**argv;		/* tokens point into the input buffer */
};

/* One checked -R command. */
struct restore_item {
	unsigned long	line;
	struct cmd	cmd;
};

/* Split buf[0..len) (modified in place) into lines of tokens: separators
 * are space, tab, CR and LF; a token starting with '#' ends the line; the
 * token "ipvsadm" is dropped.  Calls fn for every line with at least one
 * token.  Returns the first non-zero value fn returns, else 0. */
int restore_tokenize(char *buf, size_t len, const char *prog,
		     int (*fn)(void *arg, const struct restore_line *l), void *arg);
/* Parse and check every line; bad lines are printed to err as
 * "line N: msg".  On success *items holds the commands (free() it).
 * Returns the number of bad lines, or -errno. */
long restore_prepare(char *buf, size_t len, const char *prog, FILE *err,
		     struct restore_item **items, size_t *n);
/* -R: read in, check it all, then apply.  Returns the exit status. */
int restore_main(const char *prog, FILE *in);

#endif /* IPVSADM_FRONT_H */
