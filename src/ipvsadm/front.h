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
#include <sys/types.h>
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

/* ---- diag.c: the error of a stage ---- */
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

/* ---- scope.c: --scope rules ---- */

/* "addr=CIDR,proto=tcp,port=N[-M],fwmark=N[-M],family=ipv4|ipv6" (any of
 * the keys, at least one) -> *r.  0, or -1 with why set. */
int scope_parse(const char *text, struct ipvs_scope_rule *r, char *why, size_t len);

/* ---- parse.c, opt-reader.c / validate.c ---- */

/* argv (argv[0] = program name) -> *c.  Returns 0, or the exit status
 * (2 or 255) with d->msg set.  Never prints, never exits. */
int cmd_parse(struct cmd *c, int argc, const char **argv, struct diag *d);
/* Whether argv is in the plain form that cmd_parse() reads without popt
 * (see opt-reader.c); cmd_parse_with() with plain_ok false lets popt read every
 * argv (for the tests that hold the plain reader to popt's results). */
bool cmd_is_plain(int argc, const char **argv);
int cmd_parse_with(struct cmd *c, int argc, const char **argv, struct diag *d, bool plain_ok);
/* Free what a successful cmd_parse() allocated (only --apply's file name;
 * after a failed one there is nothing, and calling this is harmless). */
void cmd_release(struct cmd *c);
/* The checks 1.31 does after parsing; fills in defaults.  0 or 2. */
int cmd_validate(struct cmd *c, struct diag *d);

/* ---- help.c ---- */
void help_print(FILE *out, const char *prog);
void version_print(FILE *out);

/* ---- exec.c: the only libipvs user ---- */
struct ipvs_handle;
/* What the executors of one run share: the handle, and the GET_INFO
 * answer exec_open() got (the -L banner needs no second request). */
struct exec_ctx {
	struct ipvs_handle	*h;
	struct ipvs_info	info;
};
/* Open and GET_INFO, as 1.31's ipvs_init (running `/sbin/modprobe --
 * ip_vs` once if the family is missing); on failure prints the "Can't
 * initialize ipvs" message.  0 or exit status 2. */
int exec_open(struct exec_ctx *x);
void exec_close(struct exec_ctx *x);
/* Run one command; prints output and errors (errors prefixed by prefix,
 * which may be ""); returns ipvsadm's exit status. */
int exec_run(const struct exec_ctx *x, const struct cmd *c, const char *prefix);
/* The service -Z acts on; NULL = all (also for an all-zero service). */
const struct ipvs_service *exec_zero_target(const struct cmd *c);
/* Listing commands (exec-list.c). */
int exec_list(const struct exec_ctx *x, const struct cmd *c, const char *prefix);

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

/* ---- restore-input.c, restore.c: -R ---- */

/* One -R input line with at least one word, as an argv. */
struct restore_line {
	unsigned long	lineno;		/* counting every line, from 1 */
	int		argc;		/* including argv[0] */
	const char	**argv;		/* valid until the next line is read */
};

/* The input of -R, read once per pass (see restore-input.c). */
struct restore_input {
	FILE		*in;		/* the caller's stream */
	FILE		*f;		/* the one being read: in, or spool */
	FILE		*spool;		/* copy of an input that cannot be re-read */
	char		*spoolbuf;
	bool		copying;	/* pass 1 of a spooled input */
	off_t		start;		/* where a regular file began */
	const char	*prog;		/* argv[0] of every line */
	char		*line;		/* getline()'s buffer, reused */
	size_t		line_cap;
	const char	**argv;		/* the words of the line, reused */
	size_t		argv_cap;
	unsigned long	lineno;
};

/* Prepare in for two passes (before anything reads it; one input at a
 * time: its stream buffer is static).  0 or -errno. */
int restore_input_open(struct restore_input *ri, FILE *in, const char *prog);
/* The same for one pass (--apply): nothing is copied, and a smaller stream
 * buffer (what is read is kept elsewhere, so every page counts). */
int restore_input_open_once(struct restore_input *ri, FILE *in, const char *prog);
/* Back to the first line, for pass 2.  0 or -errno. */
int restore_input_rewind(struct restore_input *ri);
void restore_input_close(struct restore_input *ri);
/* The next line that has words: 1, 0 at the end, or -errno.  Separators
 * are space, tab, CR and LF; a word starting with '#' ends the line; the
 * word "ipvsadm" is dropped. */
int restore_input_next(struct restore_input *ri, struct restore_line *l);
/* Split line[0..len) in place into ri->argv (line[len] must exist, and be
 * the end).  Returns argc (1 for no words) or -ENOMEM. */
int restore_split(struct restore_input *ri, char *line, size_t len);

/* Called for each line: with the checked command, or c NULL and msg the
 * line's error.  Non-zero stops the walk. */
typedef int (*restore_fn)(void *arg, unsigned long line, const struct cmd *c,
			  const char *msg);
/* Parse and check every remaining line.  0, fn's value, or -errno. */
int restore_walk(struct restore_input *ri, restore_fn fn, void *arg);
/* Pass 1: print every bad line to err as "line N: msg".  Returns how many
 * there were, or -errno when the input could not be read. */
long restore_check(struct restore_input *ri, FILE *err);
/* -R: check it all, then apply.  Returns the exit status. */
int restore_main(const char *prog, FILE *in);

#endif /* IPVSADM_FRONT_H */
