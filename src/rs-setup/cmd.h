/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The verbs; main.c parses the command line and picks one. */
#ifndef RS_SETUP_CMD_H
#define RS_SETUP_CMD_H

#include "io.h"

struct rs_cli {
	struct rs_config config;	/* file settings, then the options on top */
	bool have_settings;		/* --vip etc. or a config file with VIPs */
};

int cmd_start(struct rs_ctx *ctx, struct rs_cli *cli);
int cmd_stop(struct rs_ctx *ctx, struct rs_cli *cli);
int cmd_status(struct rs_ctx *ctx, struct rs_cli *cli);
int cmd_check(struct rs_ctx *ctx, struct rs_cli *cli);

#endif
