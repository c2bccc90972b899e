/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The state file: what start changed, oldest first, so stop can undo it
 * newest first.  Every change is appended and the whole file rewritten
 * atomically (temporary file, fsync, rename) before the change is made.
 *
 * Format (one record per line, '#' comments):
 *   version 2
 *   netns MAJ:MIN INODE COOKIE [NAME]   whose it is (netns.h); COOKIE '-' if unknown
 *   config KEY VALUE          the settings of the last start (status, check)
 *   sysctl PATH OLD NEW       PATH relative to the sysctl root
 *   module NAME               loaded by start; stop leaves it loaded
 *   link-up DEV               was down; stop sets it down
 *   link-created DEV KIND     stop deletes it
 *   fou PORT ipv4|ipv6        stop removes the GUE port
 *   addr ADDR/PLEN DEV        stop removes the address
 * Version 1 files (before namespaces were told apart) have no netns line.
 */
#ifndef RS_SETUP_RECORD_H
#define RS_SETUP_RECORD_H

#include "netns.h"
#include "rs.h"

enum rs_rec_kind {
	RS_REC_SYSCTL, RS_REC_MODULE, RS_REC_LINK_UP, RS_REC_LINK_CREATED,
	RS_REC_FOU, RS_REC_ADDR,
};

struct rs_rec {
	enum rs_rec_kind kind;
	char path[RS_PATH_MAX];		/* sysctl */
	int old, new;			/* sysctl */
	char name[RS_IFNAMSIZ];		/* module, link, addr device */
	char link_kind[RS_IFNAMSIZ];	/* link-created */
	uint16_t port;			/* fou */
	int family;			/* fou */
	struct rs_addr addr;		/* addr */
};

struct rs_record {
	char path[RS_PATH_MAX];		/* the state file */
	struct rs_config config;	/* from the config lines */
	bool has_config;
	struct rs_netns owner;		/* the namespace it belongs to */
	bool has_owner;			/* false: a version 1 file, or a new record */
	struct rs_rec *recs;
	size_t n;
};

void rs_record_init(struct rs_record *r, const char *path);
void rs_record_free(struct rs_record *r);
/* 0 and loads it; -ENOENT if there is no state file; other -errno with d set. */
int rs_record_load(struct rs_record *r, struct rs_diag *d);
int rs_record_parse(struct rs_record *r, FILE *fp, struct rs_diag *d);
/* Writes atomically; an empty record with no config removes the file. */
int rs_record_save(const struct rs_record *r, struct rs_diag *d);
void rs_record_write(const struct rs_record *r, FILE *fp);
int rs_record_set_config(struct rs_record *r, const struct rs_config *c);
void rs_record_set_owner(struct rs_record *r, const struct rs_netns *ns);
/* Append and save: the caller makes the change only if this returns 0. */
int rs_record_push(struct rs_record *r, const struct rs_rec *rec, struct rs_diag *d);
/* Drop the newest record and save. */
int rs_record_pop(struct rs_record *r, struct rs_diag *d);
void rs_rec_describe(const struct rs_rec *rec, char *buf, size_t len);
/* Take the state file's lock (a file next to it); returns an fd or -errno. */
int rs_record_lock(const char *path, struct rs_diag *d);

#endif
