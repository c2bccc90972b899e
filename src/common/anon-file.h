/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An anonymous read-write file for scratch data (a spool): a memfd, else
 * an unlinked file in $TMPDIR (or /tmp).  Close-on-exec either way.
 */
#ifndef COMMON_ANON_FILE_H
#define COMMON_ANON_FILE_H

/* The descriptor, or -errno.  name only labels a memfd (/proc/PID/fd). */
int anon_file_open(const char *name);

#endif /* COMMON_ANON_FILE_H */
