/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Kernel modules: is one loaded, and load one with the kernel's own modprobe. */
#include "config.h"

#include <errno.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"

extern char **environ;

bool rs_module_loaded(const struct rs_ctx *ctx, const char *name)
{
	char path[RS_PATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/module/%s", ctx->sysfs_root, name);
	return stat(path, &st) == 0;
}

/* The helper the kernel itself runs for autoloading (kernel.modprobe). */
static void modprobe_path(const struct rs_ctx *ctx, char *buf, size_t len)
{
	char full[RS_PATH_MAX * 2];
	FILE *fp;

	snprintf(buf, len, "/sbin/modprobe");
	snprintf(full, sizeof(full), "%s/kernel/modprobe", ctx->sysctl_root);
	fp = fopen(full, "re");
	if (!fp)
		return;
	if (fgets(buf, (int)len, fp))
		buf[strcspn(buf, "\n")] = '\0';
	if (buf[0] != '/')
		snprintf(buf, len, "/sbin/modprobe");
	fclose(fp);
}

int rs_module_load(const struct rs_ctx *ctx, const char *name, struct rs_diag *d)
{
	char prog[RS_PATH_MAX];
	char *argv[] = { prog, "-q", "--", (char *)name, NULL };
	pid_t pid;
	int status, ret;

	modprobe_path(ctx, prog, sizeof(prog));
	ret = posix_spawn(&pid, prog, NULL, NULL, argv, environ);
	if (ret) {
		rs_diag_set(d, "cannot run %s: %s", prog, strerror(ret));
		return -ret;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		rs_diag_set(d, "%s %s failed (module %s missing from this kernel?)",
			    prog, name, name);
		return -ENOENT;
	}
	return 0;
}
