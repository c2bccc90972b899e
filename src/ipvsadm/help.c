/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Usage text (our own words; the option set is ipvsadm 1.31's) and version.
 * The synopsis is written here; the option lines come from the option
 * table (options.c), one section after another.
 */
#include "config.h"

#include <string.h>
#include "front.h"

/* The sections in the help's order.  Each starts at the entry of that long
 * name and runs up to the next section's first entry (in the table's order,
 * which is not this one); its descriptions start at column col. */
static const struct help_section {
	const char	*title, *first;
	int		col;
} sections[] = {
	{ "The first option is the command:", "add-service", 27 },
	{ "A SERVICE is one of:", "tcp-service", 36 },
	{ "Options:", "ipv6", 30 },
	{ "List options:", "numeric", 30 },
	{ "Apply and drain options:", "dry-run", 30 },
};
#define N_SECTIONS	(sizeof(sections) / sizeof(sections[0]))

/* "  -L, -l, --list ARG": every letter of the entries of that long name. */
static int help_left(FILE *out, const struct poptOption *o)
{
	int n = fprintf(out, "  ");
	bool letter = false;

	for (const struct poptOption *p = opts_popt_table; p->longName || p->shortName; p++)
		if (p->shortName && !strcmp(p->longName, o->longName)) {
			n += fprintf(out, "-%c, ", p->shortName);
			letter = true;
		}
	if (!letter)
		n += fprintf(out, "    ");
	n += fprintf(out, "--%s", o->longName);
	if (o->argDescrip)
		n += fprintf(out, " %s", o->argDescrip);
	return n;
}

/* The description from column col, its later lines indented to it; a left
 * part that reaches the column is followed by two blanks. */
static void help_line(FILE *out, const struct poptOption *o, int col)
{
	int n = help_left(out, o);

	fprintf(out, "%*s", n < col ? col - n : 2, "");
	for (const char *d = o->descrip; *d; d++) {
		fputc(*d, out);
		if (*d == '\n')
			fprintf(out, "%*s", col, "");
	}
	fputc('\n', out);
}

static bool section_start(const struct poptOption *o)
{
	for (size_t i = 0; i < N_SECTIONS; i++)
		if (!strcmp(o->longName, sections[i].first))
			return true;
	return false;
}

static void help_options(FILE *out)
{
	for (size_t sec = 0; sec < N_SECTIONS; sec++) {
		const struct poptOption *o = opts_popt_table;

		while ((o->longName || o->shortName) && strcmp(o->longName, sections[sec].first))
			o++;
		fprintf(out, "%s%s\n", sec ? "\n" : "", sections[sec].title);
		do {
			if (o->descrip)
				help_line(out, o, sections[sec].col);
			o++;
		} while ((o->longName || o->shortName) && !section_start(o));
	}
}
void version_print(FILE *out)
{
	fprintf(out, "%s\n", IPVSADM_VERSION_STRING);
}

void help_print(FILE *out, const char *prog)
{
	fprintf(out,
"%s v1.31 compatible - manage the IP Virtual Server table of the kernel\n"
"\n"
"Synopsis:\n"
"  %s -A|-E SERVICE [-s SCHED] [-p [SECONDS]] [-M MASK] [--pe ENGINE] [-o] [-b FLAGS]\n"
"  %s -D SERVICE\n"
"  %s -C\n"
"  %s -R                 (commands, one per line, on standard input)\n"
"  %s -S [-n]            (write the table as commands for -R)\n"
"  %s -a|-e SERVICE -r SERVER[:PORT] [-g|-i|-m] [-w WEIGHT] [-x UPPER] [-y LOWER]\n"
"        [--tun-type ipip|gue|gre] [--tun-port PORT] [--tun-nocsum|--tun-csum|--tun-remcsum]\n"
"  %s -d SERVICE -r SERVER[:PORT]\n"
"  %s -L|-l [SERVICE | -c [SERVICE] [-r SERVER[:PORT]] [--summary] | --timeout | --daemon]\n"
"        [LIST-OPTIONS]\n"
"  %s -Z [SERVICE]\n"
"  %s --set TCP TCPFIN UDP\n"
"  %s --start-daemon master|backup [DAEMON-OPTIONS]\n"
"  %s --stop-daemon master|backup [--syncid ID]\n"
"  %s --apply [FILE] [--scope RULE]... [--wait SECONDS] [--dry-run] [--force] [--json]\n"
"  %s --drain SERVICE -r SERVER[:PORT] [--wait SECONDS] [--on-timeout keep|delete]\n"
"  %s -h\n"
"\n",
		prog, prog, prog, prog, prog, prog, prog, prog, prog, prog, prog,
		prog, prog, prog, prog, prog);
	help_options(out);
}
