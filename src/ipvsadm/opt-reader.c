/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where cmd_parse() takes its options from: popt, or the plain form read
 * directly.
 *
 * The plain form is what -R input and scripts are made of: a command
 * letter, then letters each in a word of its own, each followed by its
 * value as the next word (-a -t 10.0.0.1:80 -r 10.1.0.1 -m -w 1).  popt
 * looks every "-x" up twice, first as a one-dash long option (a walk of the
 * whole table that always fails here), then as a letter; over 55,000 lines
 * that was almost half of -R's instructions.  The plain reader takes the
 * same table's entries by letter and hands out what popt would, value for
 * value.  A line that is anything more (long options, letters bundled or
 * with values attached, leftover words, a second command, a value with the
 * '!' that popt expands, a missing value) is popt's, so every message stays
 * popt's and 1.31's; tests/unit/ipvsadm/front-parse runs each of its cases
 * through both readers, and tests/fuzz/fuzz-argv fails where they differ.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include "front.h"
#include "opt-reader.h"

#define ARGV_MAX	256	/* words check_expansions() follows */

static bool is_command(const struct poptOption *o)
{
	return o->val >= PV_CMD && o->val < PV_OPT;
}

static bool takes_value(const struct poptOption *o)
{
	return (o->argInfo & POPT_ARG_MASK) != POPT_ARG_NONE;
}

/* The table's first entry for letter x, or NULL. */
static const struct poptOption *opt_by_letter(char x)
{
	static const struct poptOption *by[128];
	static bool built;

	if (!built) {
		for (const struct poptOption *o = opts_popt_table; o->longName || o->shortName; o++)
			if (o->shortName > 0 && !by[(unsigned char)o->shortName])
				by[(unsigned char)o->shortName] = o;
		built = true;
	}
	return x > 0 ? by[(unsigned char)x] : NULL;
}

/* A word that is a lone "-x": x's entry, or NULL. */
static const struct poptOption *plain_word(const char *w)
{
	return w[0] == '-' && w[1] && !w[2] ? opt_by_letter(w[1]) : NULL;
}

bool cmd_is_plain(int argc, const char **argv)
{
	const struct poptOption *o;

	if (argc < 2 || !(o = plain_word(argv[1])) || !is_command(o) || takes_value(o))
		return false;
	for (int i = 2; i < argc; i++) {
		if (!(o = plain_word(argv[i])) || is_command(o))
			return false;
		if (!takes_value(o))
			continue;
		if (o->argInfo & POPT_ARGFLAG_OPTIONAL) {
			/* popt takes the next word unless it starts like an option */
			if (i + 1 < argc && argv[i + 1][0] != '-' && strchr(argv[++i], '!'))
				return false;
			continue;
		}
		if (i + 1 >= argc || strchr(argv[++i], '!'))
			return false;	/* popt's "missing argument", or its expansion */
	}
	return true;
}

/* The next option's value (popt's val), -1 at the end, or a popt error. */
int reader_next(struct opt_reader *r)
{
	const struct poptOption *o;

	if (r->pc)
		return poptGetNextOpt(r->pc);
	if (r->next >= r->argc)
		return -1;
	o = plain_word(r->argv[r->next++]);
	r->arg = NULL;
	if (takes_value(o) && r->next < r->argc &&
	    (!(o->argInfo & POPT_ARGFLAG_OPTIONAL) || r->argv[r->next][0] != '-'))
		r->arg = r->argv[r->next++];
	return o->val;
}

/* The value of the option just read, as popt gives it: a copy to free. */
char *reader_arg(struct opt_reader *r, struct diag *d)
{
	char *copy;

	if (r->pc)
		return poptGetOptArg(r->pc);
	if (!r->arg)
		return NULL;
	if (!(copy = strdup(r->arg)))
		diag_set(d, 255, "out of memory");
	return copy;
}

/*
 * popt replaces "!#:+" in an option's value with the next word that does
 * not start with '-', and loops forever when there is a word after the
 * value but none of that kind (popt 1.19's findNextArg).  1.31 hangs there
 * too.  Such an argv is refused before popt sees it: each word that has
 * "!#:+" must find a word of its own later on, as popt would take them, or
 * be the last one.  (A word popt would not expand is held to it as well;
 * "!#:+" has no use in ipvsadm's arguments.)
 */
int check_expansions(int argc, const char **argv, struct diag *d)
{
	unsigned char taken[ARGV_MAX] = { 0 };

	for (int i = 1; i < argc; i++) {
		int j;

		if (!strchr(argv[i], '!') || !strstr(argv[i], "!#:+") || i == argc - 1)
			continue;
		if (argc > ARGV_MAX)
			return diag_set(d, 2, "`!#:+' in `%s' is not supported", argv[i]);
		for (j = i + 1; j < argc && (argv[j][0] == '-' || taken[j]); j++)
			;
		if (j == argc)
			return diag_set(d, 2, "cannot expand `!#:+' in `%s': no later word to take",
					argv[i]);
		taken[j] = 1;
	}
	return 0;
}
