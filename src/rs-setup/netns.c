/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The network namespace rs-setup runs in (see netns.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "netns.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

#define NETNS_RUN_DIR "/run/netns"

static uint64_t netns_cookie(void)
{
	uint64_t cookie = 0;
	socklen_t len = sizeof(cookie);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, &cookie, &len) < 0 ||
	    len != sizeof(cookie))
		cookie = 0;
	close(fd);
	return cookie;
}

bool rs_netns_name_ok(const char *s)
{
	if (!*s || strlen(s) >= RS_NETNS_NAMSIZ)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s == 0x7f || *s == '/')
			return false;
	return true;
}

/* The name `ip netns add` gave it: the entry of /run/netns bound to it. */
static void netns_name(const struct stat *self, char *name, size_t len)
{
	char path[sizeof(NETNS_RUN_DIR) + 256];
	DIR *dir = opendir(NETNS_RUN_DIR);
	struct dirent *e;
	struct stat st;

	name[0] = '\0';
	if (!dir)
		return;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' || !rs_netns_name_ok(e->d_name))
			continue;
		snprintf(path, sizeof(path), NETNS_RUN_DIR "/%s", e->d_name);
		if (stat(path, &st) == 0 && st.st_dev == self->st_dev &&
		    st.st_ino == self->st_ino) {
			if (strlen(e->d_name) < len)
				strcpy(name, e->d_name);
			break;
		}
	}
	closedir(dir);
}

int rs_netns_self(struct rs_netns *ns, struct rs_diag *d)
{
	struct stat st;

	memset(ns, 0, sizeof(*ns));
	if (stat("/proc/self/ns/net", &st) < 0) {
		int ret = -errno;

		rs_diag_set(d, "cannot tell which network namespace this is "
			    "(/proc/self/ns/net: %s)", strerror(errno));
		return ret;
	}
	ns->dev_major = major(st.st_dev);
	ns->dev_minor = minor(st.st_dev);
	ns->ino = st.st_ino;
	ns->cookie = netns_cookie();
	netns_name(&st, ns->name, sizeof(ns->name));
	return 0;
}

enum rs_netns_match rs_netns_compare(const struct rs_netns *recorded,
				     const struct rs_netns *self)
{
	if (recorded->dev_major != self->dev_major || recorded->dev_minor != self->dev_minor ||
	    recorded->ino != self->ino)
		return RS_NETNS_OTHER;
	if (recorded->cookie && self->cookie && recorded->cookie != self->cookie)
		return RS_NETNS_GONE;
	return RS_NETNS_SAME;
}

void rs_netns_describe(const struct rs_netns *ns, char *buf, size_t len)
{
	if (ns->name[0])
		snprintf(buf, len, "net:[%llu] '%s'", (unsigned long long)ns->ino, ns->name);
	else
		snprintf(buf, len, "net:[%llu]", (unsigned long long)ns->ino);
}

void rs_netns_state_path(const struct rs_netns *ns, char *buf, size_t len)
{
	snprintf(buf, len, RS_STATE_DIR "/netns-%llu.state", (unsigned long long)ns->ino);
}
