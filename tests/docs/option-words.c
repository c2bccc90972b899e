/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The option words of ipvsadm's option table (src/ipvsadm/options.c), one
 * a line, for the docs check and the help test, so that they keep no list
 * of their own:
 *   option-words long           every long option (--add-service ...)
 *   option-words short          every short one (-A ...)
 *   option-words command NAME   the long options the command --NAME takes,
 *                               as opts_check_verb() decides (--sort and
 *                               --ipv6 are not in its rules: parse.c's)
 * A test helper, not installed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "front.h"

/* Print the long names of the popt entries whose val is in [lo, hi]. */
static void print_vals(int lo, int hi)
{
	for (const struct poptOption *o = opts_popt_table; o->longName || o->shortName; o++)
		if (o->longName && o->val >= lo && o->val <= hi)
			printf("--%s\n", o->longName);
}

static int verb_of(const char *name)
{
	for (const struct poptOption *o = opts_popt_table; o->longName || o->shortName; o++)
		if (o->longName && !strcmp(o->longName, name) &&
		    o->val >= PV_CMD && o->val < PV_CMD + VERB_COUNT)
			return o->val - PV_CMD;
	return -1;
}

static int opt_named(const char *msg)
{
	for (int o = 0; o < OPT_COUNT; o++) {
		char want[64];

		snprintf(want, sizeof(want), "'%s'", opts_name((enum opt)o));
		if (strstr(msg, want))
			return o;
	}
	return -1;
}

/* The command's options: first its required ones (each "You need to
 * supply" names one), then every option the check lets through with them. */
static int print_command(const char *name)
{
	int v = verb_of(name);
	uint64_t required = 0;
	struct diag d;

	if (v < 0)
		return 2;
	for (int n = 0; n < OPT_COUNT; n++) {
		int o;

		memset(&d, 0, sizeof(d));
		if (opts_check_verb((enum verb)v, required, &d) == 0)
			break;
		if (strncmp(d.msg, "You need to supply", 18) || (o = opt_named(d.msg)) < 0)
			return 1;
		required |= OPTBIT(o);
	}
	for (int o = 0; o < OPT_COUNT; o++) {
		memset(&d, 0, sizeof(d));
		if (opts_check_verb((enum verb)v, required | OPTBIT(o), &d) != 0)
			continue;
		if (o == OPT_SERVICE)
			print_vals(PV_TCP, PV_FWMARK);
		else if (o == OPT_FORWARD)
			print_vals(PV_GATE, PV_MASQ);
		else
			print_vals(PV_OPT + o, PV_OPT + o);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;

	if (argc == 2 && !strcmp(argv[1], "long")) {
		for (const struct poptOption *o = opts_popt_table; o->longName || o->shortName; o++)
			if (o->longName)
				printf("--%s\n", o->longName);
	} else if (argc == 2 && !strcmp(argv[1], "short")) {
		for (const struct poptOption *o = opts_popt_table; o->longName || o->shortName; o++)
			if (o->shortName)
				printf("-%c\n", o->shortName);
	} else if (argc == 3 && !strcmp(argv[1], "command")) {
		rc = print_command(argv[2]);
	} else {
		rc = 2;
	}
	if (rc == 2)
		fprintf(stderr, "usage: option-words long|short|command NAME\n");
	else if (rc)
		fprintf(stderr, "option-words: cannot tell the options of --%s\n", argv[2]);
	return rc ? rc : ferror(stdout) || fflush(stdout) ? 1 : 0;
}
