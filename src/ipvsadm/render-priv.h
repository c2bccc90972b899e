/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pieces shared by the render-*.c files. */
#ifndef IPVSADM_RENDER_PRIV_H
#define IPVSADM_RENDER_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <ipvs/ipvs.h>

#define SCHED_FLAGS_ANY	(IPVS_SVC_F_SCHED1 | IPVS_SVC_F_SCHED2 | IPVS_SVC_F_SCHED3)

/* The names of the scheduler flags set on s, in 1.31's fixed order:
 * sh-*, mh-* for those schedulers, flag-N otherwise.  Returns the count. */
size_t render_sched_flags(const struct ipvs_service *s, const char *names[3]);
/* The same, comma-joined into buf. */
const char *render_sched_flags_text(const struct ipvs_service *s, char *buf, size_t len);

/* 1.31's forwarding column ("Masq" ...) and -S switch ("-m" ...); for an
 * unknown method both are "(null)", what glibc printed for 1.31's NULL. */
const char *render_fwd_name(uint32_t fwd);
const char *render_fwd_switch(uint32_t fwd);

/* The kernel's forwarding method mask (IP_VS_CONN_F_FWD_MASK). */
#define FWD_MASK	7

/* The destination's family (0 = the service's). */
static inline int render_dest_af(const struct ipvs_dest *d, const struct ipvs_service *s)
{
	return d->af ? d->af : s->af;
}

/* One rule in -S syntax, no newline: verb 'A' or 'E' with the service's
 * settings, 'D' without; with d, 'a' or 'e' with the destination's
 * settings, 'd' without.  Never cut short below RENDER_RULE_MAX bytes. */
#define RENDER_RULE_MAX	512	/* = CHANGE_RULE_MAX (apply.h) */
void render_rule_text(char *buf, size_t len, unsigned int fmt, char verb,
		      const struct ipvs_service *s, const struct ipvs_dest *d);
/* The settings part alone (" -s rr -p 300", " -g -w 1").  FMT_THRESHOLDS
 * in fmt adds a destination's -x and -y, which -S leaves out. */
void render_rule_settings(char *buf, size_t len, unsigned int fmt,
			  const struct ipvs_service *s, const struct ipvs_dest *d);

/* -S for one service: its -A rule, then an -a rule per destination, in
 * the order given.  Write errors show in ferror(fp). */
void render_rule_service(FILE *fp, unsigned int fmt, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n);

/* The listing as Prometheus metrics (render-prometheus.c): begin gives
 * NULL when no spool can be had; end joins the families, 0 or -errno. */
struct render_prom *render_prom_begin(FILE *out);
void render_prom_service(struct render_prom *p, const struct ipvs_service *svc,
			 const struct ipvs_dest *dests, size_t n);
int render_prom_end(struct render_prom *p);

#endif /* IPVSADM_RENDER_PRIV_H */
