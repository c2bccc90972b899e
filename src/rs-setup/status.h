/* SPDX-License-Identifier: GPL-2.0-or-later */
/* status and check rendering: pure functions of config, snapshot, problems. */
#ifndef RS_SETUP_STATUS_H
#define RS_SETUP_STATUS_H

#include "netns.h"
#include "out.h"
#include "rs.h"

struct rs_status_in {
	const struct rs_config *config;
	const struct rs_sys *sys;
	const struct rs_problems *problems;
	const char *state_path;
	const struct rs_netns *netns;	/* the namespace looked at */
	long changes_recorded;		/* -1: no state file */
};

/* "ready", "degraded", "inactive" or "unconfigured". */
const char *rs_verdict(const struct rs_status_in *in);
void rs_render_status(struct rs_out *o, const struct rs_status_in *in);
void rs_render_check(struct rs_out *o, const struct rs_problems *p);

#endif
