/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SQUEEZE_RCVBUF_H
#define SQUEEZE_RCVBUF_H

/* The SO_RCVBUF the program last asked for on a squeezed netlink socket;
 * 0 when it never did. */
int squeeze_rcvbuf_asked(void);

#endif
