/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -R applies its changes as pipelined libipvs batches; the cookie of each
 * request is its input line, so every kernel error is reported as
 * "line N: <1.31's message>".
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include "front.h"

/* Commit well before the batch gets huge; ordering is unaffected. */
#define BATCH_MAX	4096

struct exec_batch {
	struct ipvs_batch	*b;
	unsigned long		first, last;	/* lines queued, for transport errors */
	size_t			failed;		/* failures reported by the last commit */
};

bool exec_batchable(const struct cmd *c)
{
	switch (c->verb) {
	case VERB_ADD_SERVICE: case VERB_EDIT_SERVICE: case VERB_DEL_SERVICE:
	case VERB_FLUSH: case VERB_ZERO:
	case VERB_ADD_DEST: case VERB_EDIT_DEST: case VERB_DEL_DEST:
	case VERB_SET: case VERB_START_DAEMON: case VERB_STOP_DAEMON:
		return true;
	default:
		return false;
	}
}

int exec_batch_new(struct ipvs_handle *h, struct exec_batch **bp)
{
	struct exec_batch *eb = calloc(1, sizeof(*eb));
	int err;

	if (!eb)
		return -ENOMEM;
	err = ipvs_batch_new(h, &eb->b);
	if (err) {
		free(eb);
		return err;
	}
	*bp = eb;
	return 0;
}

void exec_batch_free(struct exec_batch *eb)
{
	if (!eb)
		return;
	ipvs_batch_free(eb->b);
	free(eb);
}

static enum ipvs_op batch_op(enum verb v)
{
	static const enum ipvs_op ops[VERB_COUNT] = {
		[VERB_ADD_SERVICE] = IPVS_OP_SERVICE_ADD,
		[VERB_EDIT_SERVICE] = IPVS_OP_SERVICE_UPDATE,
		[VERB_DEL_SERVICE] = IPVS_OP_SERVICE_DEL,
		[VERB_FLUSH] = IPVS_OP_FLUSH,
		[VERB_ZERO] = IPVS_OP_ZERO,
		[VERB_ADD_DEST] = IPVS_OP_DEST_ADD,
		[VERB_EDIT_DEST] = IPVS_OP_DEST_UPDATE,
		[VERB_DEL_DEST] = IPVS_OP_DEST_DEL,
		[VERB_SET] = IPVS_OP_TIMEOUTS_SET,
		[VERB_START_DAEMON] = IPVS_OP_DAEMON_START,
		[VERB_STOP_DAEMON] = IPVS_OP_DAEMON_STOP,
	};

	return v < VERB_COUNT ? ops[v] : IPVS_OP_NONE;
}

static int batch_append(struct ipvs_batch *b, const struct cmd *c, uint64_t line)
{
	const struct ipvs_service *zsvc;

	switch (c->verb) {
	case VERB_ADD_SERVICE: return ipvs_batch_service_add(b, &c->svc, line);
	case VERB_EDIT_SERVICE: return ipvs_batch_service_update(b, &c->svc, line);
	case VERB_DEL_SERVICE: return ipvs_batch_service_del(b, &c->svc, line);
	case VERB_FLUSH: return ipvs_batch_flush(b, line);
	case VERB_ADD_DEST: return ipvs_batch_dest_add(b, &c->svc, &c->dest, line);
	case VERB_EDIT_DEST: return ipvs_batch_dest_update(b, &c->svc, &c->dest, line);
	case VERB_DEL_DEST: return ipvs_batch_dest_del(b, &c->svc, &c->dest, line);
	case VERB_SET: return ipvs_batch_timeouts_set(b, &c->timeouts, line);
	case VERB_START_DAEMON: return ipvs_batch_daemon_start(b, &c->daemon, line);
	case VERB_STOP_DAEMON: return ipvs_batch_daemon_stop(b, &c->daemon, line);
	case VERB_ZERO:
		zsvc = exec_zero_target(c);
		return ipvs_batch_zero(b, zsvc, line);
	default:
		return -EINVAL;
	}
}

int exec_batch_add(struct exec_batch *eb, const struct cmd *c, unsigned long line)
{
	int err;

	if (ipvs_batch_size(eb->b) >= BATCH_MAX)
		eb->failed += exec_batch_commit(eb);
	err = batch_append(eb->b, c, line);
	if (err) {
		/* Report the lines queued before this one first. */
		eb->failed += exec_batch_commit(eb);
		fprintf(stderr, "line %lu: %s\n", line, ipvs_strerror(batch_op(c->verb), err));
		return 255;
	}
	if (ipvs_batch_size(eb->b) == 1)
		eb->first = line;
	eb->last = line;
	return 0;
}

static void report(void *arg, uint64_t cookie, enum ipvs_op op, int status,
		   const char *msg)
{
	size_t *failed = arg;

	(void)msg;
	if (!status)
		return;
	(*failed)++;
	if (status == IPVS_BATCH_UNKNOWN)
		fprintf(stderr, "line %llu: no answer from the kernel; the outcome is unknown\n",
			(unsigned long long)cookie);
	else
		fprintf(stderr, "line %llu: %s\n", (unsigned long long)cookie,
			ipvs_strerror(op, status));
}

size_t exec_batch_commit(struct exec_batch *eb)
{
	size_t queued = ipvs_batch_size(eb->b), failed = eb->failed;
	int r;

	eb->failed = 0;
	if (!queued)
		return failed;
	r = ipvs_batch_commit(eb->b, report, &failed);
	if (r < 0) {
		/* Nothing was sent: every queued line failed. */
		fprintf(stderr, "lines %lu-%lu: %s\n", eb->first, eb->last,
			ipvs_strerror(IPVS_OP_NONE, r));
		failed += queued;
	}
	return failed;
}
