/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The error every stage (parse, options, validate) hands back: a status
 * and the words 1.31 would print. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include "front.h"

int diag_set(struct diag *d, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	d->status = status;
	return status;
}
