/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fixtures for the render tests: tables built by hand, output captured in
 * memory, golden files, and a stub name resolver. */
#ifndef RENDER_UTIL_H
#define RENDER_UTIL_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <ipvs/ipvs.h>

#include "render.h"

/* Output captured in memory. */
struct cap {
	FILE	*fp;
	char	*buf;
	size_t	len;
};
FILE *cap_open(struct cap *c);
/* Close and return the text (owned by c; cap_free it). */
const char *cap_text(struct cap *c);
void cap_free(struct cap *c);

/* Compare text with tests/unit/ipvsadm/golden/<name>; on a mismatch the actual
 * text is written to <name>.actual in the current directory and the test
 * fails naming the first differing line. */
void golden_check(const char *name, const char *text);
#define ck_golden(name, text)	golden_check(name, text)
/* The contents of a golden file, malloc'ed. */
char *golden_read(const char *name);

/* Table building: addresses are text, IPv6 when they contain ':'. */
struct ipvs_table *tb_new(void);
void tb_free(struct ipvs_table *t);
struct ipvs_service *tb_svc(struct ipvs_table *t, uint16_t proto, const char *addr,
			    uint16_t port, const char *sched);
struct ipvs_service *tb_fwm(struct ipvs_table *t, int af, uint32_t mark, const char *sched);
void tb_persist(struct ipvs_service *s, uint32_t timeout, const char *mask);
/* Adds to the last service. */
struct ipvs_dest *tb_dest(struct ipvs_table *t, const char *addr, uint16_t port,
			  uint32_t fwd, int weight, uint32_t active, uint32_t inact);
void tb_addr(union ipvs_addr *a, uint16_t *af, const char *text);

/* The table of the reference's samples (§8.7). */
struct ipvs_table *tb_sample(void);

/* A resolver with a fixed table of names (see render-util.c); installed
 * by stub_names_on(), removed by stub_names_off(). */
void stub_names_on(void);
void stub_names_off(void);

/* t as a listing's source (render_listing), and t put in listing order
 * the way a listing orders it (render_sort_services, render_sort_dests). */
void tb_source(struct render_source *src, struct ipvs_table *t);
void tb_sort(struct ipvs_table *t);

/* Render helpers returning captured text (caller frees); run_table goes
 * through render_listing. */
char *run_table(unsigned int fmt, const struct ipvs_info *info, struct ipvs_table *t);
char *run_conns(unsigned int fmt, const char *proc, int *ret);
/* The same through a filter (NULL: all); FMT_SUMMARY: the summary. */
char *run_conns_filtered(unsigned int fmt, const char *proc,
			 const struct conn_filter *f, int *ret);

/* Suites. */
Suite *render_list_suite(void);
Suite *render_stats_suite(void);
Suite *render_rule_suite(void);
Suite *render_conn_suite(void);
Suite *render_misc_suite(void);
Suite *render_sort_suite(void);
Suite *render_json_suite(void);
Suite *render_stream_suite(void);

#endif /* RENDER_UTIL_H */
