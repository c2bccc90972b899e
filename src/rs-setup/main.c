/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * rs-setup VERB [options]: parse the command line, read the config file,
 * and run one verb from the table.  Verbs match exactly; none means status.
 */
#include "config.h"

#include <errno.h>
#include <netlink/netlink.h>
#include <popt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "common/stdio-guard.h"

struct verb {
	const char *name;
	int (*fn)(struct rs_ctx *ctx, struct rs_cli *cli);
	const char *help;
};

static const struct verb verbs[] = {
	{ "start", cmd_start, "set ARP knobs, prepare the tunnel, add the VIPs" },
	{ "stop", cmd_stop, "undo what start recorded in the state file, newest first" },
	{ "status", cmd_status, "show the VIPs, effective settings and a verdict (default)" },
	{ "check", cmd_check, "find common mistakes; print a fix for each" },
};

/* Options that are settings: the value goes through rs_config_set(key). */
enum { OPT_SETTING = 1000, OPT_HELP = 'h', OPT_VERSION = 'V' };
static const char *const setting_keys[] = {
	"vip", "mode", "tun-type", "tun-port", "tun-outer", "dummy", "arp-iface",
};

static const char *config_path;
static const char *state_path;
static const char *sysctl_root;
static int dry_run, json, verbose;

static const struct poptOption options[] = {
	{ "config", 'c', POPT_ARG_STRING, &config_path, 0,
	  "read settings from FILE (default " RS_DEFAULT_CONFIG ")", "FILE" },
	{ "vip", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 0,
	  "a virtual IP, IPv4 or IPv6 (repeatable)", "ADDR" },
	{ "mode", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 1,
	  "forwarding method of the director (default dr)", "dr|tun" },
	{ "tun-type", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 2,
	  "tunnel type for mode tun (default ipip)", "ipip|gue|gre" },
	{ "tun-port", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 3,
	  "UDP port for gue, the director's --tun-port", "PORT" },
	{ "tun-outer", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 4,
	  "family of the outer header (default: the VIP's)", "ipv4|ipv6" },
	{ "dummy", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 5,
	  "hold the VIPs on dummy device NAME (created if missing)", "NAME" },
	{ "arp-iface", 0, POPT_ARG_STRING, NULL, OPT_SETTING + 6,
	  "set ARP knobs on IFACE instead of all (repeatable)", "IFACE" },
	{ "dry-run", 'n', POPT_ARG_NONE, &dry_run, 0,
	  "start, stop: print the plan and change nothing", NULL },
	{ "json", 'j', POPT_ARG_NONE, &json, 0, "status, check: print JSON", NULL },
	{ "verbose", 'v', POPT_ARG_NONE, &verbose, 0, "print each change", NULL },
	{ "state", 0, POPT_ARG_STRING, &state_path, 0,
	  "state file (default: one per network namespace, " RS_STATE_DIR
	  "/netns-INODE.state; or $RS_SETUP_STATE)", "FILE" },
	{ "sysctl-root", 0, POPT_ARG_STRING, &sysctl_root, 0,
	  "where sysctls live (default /proc/sys, or $RS_SETUP_SYSCTL_ROOT)", "DIR" },
	{ "help", 'h', POPT_ARG_NONE, NULL, OPT_HELP, "show this help", NULL },
	{ "version", 'V', POPT_ARG_NONE, NULL, OPT_VERSION, "show the version", NULL },
	POPT_TABLEEND
};

static void usage(FILE *fp)
{
	char left[64];

	fprintf(fp, "Usage: rs-setup [start|stop|status|check] [options]\n\n"
		    "Prepare this host as an LVS real server (DR or TUN) and undo it.\n\n"
		    "Commands:\n");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(fp, "  %-22s %s\n", verbs[i].name, verbs[i].help);
	fprintf(fp, "\nOptions:\n");
	for (const struct poptOption *o = options; o->longName; o++) {
		if (o->shortName)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->shortName,
				 o->longName, o->argDescrip ? " " : "",
				 o->argDescrip ? o->argDescrip : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->longName,
				 o->argDescrip ? " " : "", o->argDescrip ? o->argDescrip : "");
		if (strlen(left) > 22)
			fprintf(fp, "  %s\n  %-22s %s\n", left, "", o->descrip);
		else
			fprintf(fp, "  %-22s %s\n", left, o->descrip);
	}
	fprintf(fp, "\nSee rs-setup(8) for the config file format and exit codes.\n");
}

struct pending {
	const char *key;
	char *value;
};

static const char *env_or(const char *opt, const char *env, const char *def)
{
	const char *v = getenv(env);

	return opt ? opt : (v && *v ? v : def);
}

/* The file first, then the options on top of it. */
static int build_config(struct rs_cli *cli, struct pending *p, size_t np)
{
	struct rs_diag d = { "" };
	int ret;

	rs_config_init(&cli->config);
	ret = rs_config_load(&cli->config, config_path ? config_path : RS_DEFAULT_CONFIG,
			     config_path != NULL, &d);
	for (size_t i = 0; ret == 0 && i < np; i++)
		ret = rs_config_set(&cli->config, p[i].key, p[i].value, &d);
	if (ret == 0)
		ret = rs_config_validate(&cli->config, &d);
	if (ret < 0)
		fprintf(stderr, "rs-setup: %s\n", d.msg);
	return ret;
}

int main(int argc, const char **argv)
{
	poptContext con = poptGetContext("rs-setup", argc, argv, options, 0);
	struct rs_ctx ctx = { 0 };
	char default_state[RS_PATH_MAX];
	struct rs_diag d = { "" };
	struct pending *pend = NULL;
	const struct verb *verb = &verbs[2];
	struct rs_cli cli = { 0 };
	const char **args;
	size_t np = 0;
	int rc, exit_code = RS_EXIT_USAGE;

	stdio_guard_install();	/* popt only allocated: no file is open yet */
	while ((rc = poptGetNextOpt(con)) > 0) {
		if (rc == OPT_HELP) {
			usage(stdout);
			exit_code = RS_EXIT_OK;
			goto out;
		}
		if (rc == OPT_VERSION) {
			printf("rs-setup (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			exit_code = RS_EXIT_OK;
			goto out;
		}
		pend = realloc(pend, (np + 1) * sizeof(*pend));
		pend[np].key = setting_keys[rc - OPT_SETTING];
		pend[np++].value = poptGetOptArg(con);
	}
	if (rc < -1) {
		fprintf(stderr, "rs-setup: %s: %s\n", poptBadOption(con, 0), poptStrerror(rc));
		fprintf(stderr, "Try 'rs-setup --help'.\n");
		goto out;
	}
	args = poptGetArgs(con);
	if (args && args[0]) {
		verb = NULL;
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
			if (!strcmp(args[0], verbs[i].name))
				verb = &verbs[i];
		if (!verb || args[1]) {
			fprintf(stderr, "rs-setup: %s '%s'\nTry 'rs-setup --help'.\n",
				verb ? "unexpected argument" : "unknown command",
				verb ? args[1] : args[0]);
			goto out;
		}
	}
	if (dry_run && strcmp(verb->name, "start") && strcmp(verb->name, "stop")) {
		fprintf(stderr, "rs-setup: --dry-run is for start and stop\n");
		goto out;
	}
	if (build_config(&cli, pend, np) < 0)
		goto out;
	if (rs_netns_self(&ctx.netns, &d) < 0) {
		fprintf(stderr, "rs-setup: %s\n", d.msg);
		goto out;
	}
	ctx.state_path = env_or(state_path, "RS_SETUP_STATE", NULL);
	if (!ctx.state_path) {
		rs_netns_state_path(&ctx.netns, default_state, sizeof(default_state));
		ctx.state_path = default_state;
		ctx.legacy_path = RS_LEGACY_STATE;
	}
	ctx.sysctl_root = env_or(sysctl_root, "RS_SETUP_SYSCTL_ROOT", RS_DEFAULT_SYSCTL);
	ctx.sysfs_root = env_or(NULL, "RS_SETUP_SYSFS_ROOT", RS_DEFAULT_SYSFS);
	if (strlen(ctx.state_path) + 8 >= RS_PATH_MAX || ctx.state_path[0] != '/') {
		fprintf(stderr, "rs-setup: the state file must be an absolute path under %d "
			"characters\n", RS_PATH_MAX - 8);
		goto out;
	}
	ctx.dry_run = dry_run;
	ctx.json = json;
	ctx.verbose = verbose;
	exit_code = verb->fn(&ctx, &cli);
	rs_ctx_close(&ctx);
out:
	rs_config_free(&cli.config);
	for (size_t i = 0; i < np; i++)
		free(pend[i].value);
	free(pend);
	poptFreeContext(con);
	return exit_code;
}

void rs_ctx_close(struct rs_ctx *ctx)
{
	nl_socket_free(ctx->rt);
	nl_socket_free(ctx->genl);
	ctx->rt = ctx->genl = NULL;
}
