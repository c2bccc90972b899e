/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Execute one checked command through libipvs.  Kernel errors are
 * reported with ipvsadm 1.31's texts (ipvs_strerror) and its exit codes.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "front.h"

/* 1.31 runs `/sbin/modprobe -- ip_vs` once when IPVS cannot be opened;
 * modprobe's own messages go to our stderr. */
static int modprobe_ipvs(void)
{
	char *const argv[] = { "/sbin/modprobe", "--", "ip_vs", NULL };
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);	/* -R ignores it; exec would keep that */
		execv(argv[0], argv);
		_exit(1);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return 0;
}

/*
 * As 1.31: its ipvs_init finds the family and asks GET_INFO, which is what
 * fails without privileges; when either fails it runs modprobe once and
 * tries again (so modprobe's own complaints, in a container without
 * modules, come first in both).  The answer is kept for the -L banner.
 */
int exec_open(struct exec_ctx *x)
{
	bool probed = false;
	enum ipvs_op op;
	int err;

	for (;;) {
		op = IPVS_OP_OPEN;
		err = ipvs_open(&x->h);
		if (!err) {
			op = IPVS_OP_INFO_GET;
			err = ipvs_info_get(x->h, &x->info);
			if (!err)
				return 0;
			ipvs_close(x->h);
			x->h = NULL;
		}
		if (probed || modprobe_ipvs() != 0)
			break;
		probed = true;
	}
	fprintf(stderr, "Can't initialize ipvs: %s\n"
		"Are you sure that IP Virtual Server is built in the kernel or as module?\n",
		ipvs_strerror(op, err));
	return 2;
}

void exec_close(struct exec_ctx *x)
{
	ipvs_close(x->h);
	x->h = NULL;
}

/* 1.31 zeroes everything when the service is all zeros (e.g. no -t). */
const struct ipvs_service *exec_zero_target(const struct cmd *c)
{
	static const union ipvs_addr any;

	if (!(c->options & OPTBIT(OPT_SERVICE)))
		return NULL;
	if (!c->svc.fwmark && !c->svc.port && !memcmp(&c->svc.addr, &any, sizeof(any)))
		return NULL;
	return &c->svc;
}

int exec_run(const struct exec_ctx *x, const struct cmd *c, const char *prefix)
{
	struct ipvs_handle *h = x->h;
	enum ipvs_op op;
	int err;

	switch (c->verb) {
	case VERB_LIST:
	case VERB_SAVE:
		return exec_list(x, c, prefix);
	case VERB_ADD_SERVICE:
		op = IPVS_OP_SERVICE_ADD;
		err = ipvs_service_add(h, &c->svc);
		break;
	case VERB_EDIT_SERVICE:
		op = IPVS_OP_SERVICE_UPDATE;
		err = ipvs_service_update(h, &c->svc);
		break;
	case VERB_DEL_SERVICE:
		op = IPVS_OP_SERVICE_DEL;
		err = ipvs_service_del(h, &c->svc);
		break;
	case VERB_FLUSH:
		op = IPVS_OP_FLUSH;
		err = ipvs_flush(h);
		break;
	case VERB_ZERO:
		op = IPVS_OP_ZERO;
		err = ipvs_zero(h, exec_zero_target(c));
		break;
	case VERB_ADD_DEST:
		op = IPVS_OP_DEST_ADD;
		err = ipvs_dest_add(h, &c->svc, &c->dest);
		break;
	case VERB_EDIT_DEST:
		op = IPVS_OP_DEST_UPDATE;
		err = ipvs_dest_update(h, &c->svc, &c->dest);
		break;
	case VERB_DEL_DEST:
		op = IPVS_OP_DEST_DEL;
		err = ipvs_dest_del(h, &c->svc, &c->dest);
		break;
	case VERB_SET:
		op = IPVS_OP_TIMEOUTS_SET;
		err = ipvs_timeouts_set(h, &c->timeouts);
		break;
	case VERB_START_DAEMON:
		op = IPVS_OP_DAEMON_START;
		err = ipvs_daemon_start(h, &c->daemon);
		break;
	case VERB_STOP_DAEMON:
		op = IPVS_OP_DAEMON_STOP;
		err = ipvs_daemon_stop(h, &c->daemon);
		break;
	default:
		return 0;	/* -R, -h and -v are handled by the caller */
	}
	if (!err)
		return 0;
	fprintf(stderr, "%s%s\n", prefix, ipvs_strerror(op, err));
	return 255;
}
