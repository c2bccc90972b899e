/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The state file (format in record.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "record.h"

#define STATE_VERSION 2

void rs_record_init(struct rs_record *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->path, sizeof(r->path), "%s", path);
	rs_config_init(&r->config);
}

void rs_record_free(struct rs_record *r)
{
	rs_config_free(&r->config);
	free(r->recs);
	r->recs = NULL;
	r->n = 0;
}

static int parse_int(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < -1 || v > 1000000)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

static int parse_family(const char *s, int *af)
{
	if (!strcmp(s, "ipv4"))
		*af = AF_INET;
	else if (!strcmp(s, "ipv6"))
		*af = AF_INET6;
	else
		return -EINVAL;
	return 0;
}

/* "netns MAJ:MIN INODE COOKIE [NAME]" */
static const char *parse_netns(char **w, int nw, struct rs_netns *ns)
{
	unsigned long long ino, cookie = 0;
	unsigned int maj, min;
	char end;

	memset(ns, 0, sizeof(*ns));
	if (nw < 4 || nw > 5 || sscanf(w[1], "%u:%u%c", &maj, &min, &end) != 2 ||
	    sscanf(w[2], "%llu%c", &ino, &end) != 1 || ino == 0 ||
	    (strcmp(w[3], "-") && (sscanf(w[3], "%llu%c", &cookie, &end) != 1 || !cookie)) ||
	    (nw == 5 && !rs_netns_name_ok(w[4])))
		return "expected 'netns MAJOR:MINOR INODE COOKIE [NAME]'";
	ns->dev_major = maj;
	ns->dev_minor = min;
	ns->ino = ino;
	ns->cookie = cookie;
	if (nw == 5)
		snprintf(ns->name, sizeof(ns->name), "%s", w[4]);
	return NULL;
}

static bool name_ok(const char *s)
{
	return s && rs_valid_ifname(s);
}

/* Parse the words of one record line; returns 0 or a message. */
static const char *parse_rec(char **w, int nw, struct rs_rec *rec)
{
	int port;

	memset(rec, 0, sizeof(*rec));
	if (!strcmp(w[0], "sysctl")) {
		rec->kind = RS_REC_SYSCTL;
		if (nw != 4 || strlen(w[1]) >= sizeof(rec->path) || strstr(w[1], "..") ||
		    w[1][0] == '/' || parse_int(w[2], &rec->old) || parse_int(w[3], &rec->new))
			return "expected 'sysctl PATH OLD NEW'";
		strcpy(rec->path, w[1]);
	} else if (!strcmp(w[0], "module")) {
		rec->kind = RS_REC_MODULE;
		if (nw != 2 || !name_ok(w[1]))
			return "expected 'module NAME'";
		strcpy(rec->name, w[1]);
	} else if (!strcmp(w[0], "link-up")) {
		rec->kind = RS_REC_LINK_UP;
		if (nw != 2 || !name_ok(w[1]))
			return "expected 'link-up DEVICE'";
		strcpy(rec->name, w[1]);
	} else if (!strcmp(w[0], "link-created")) {
		rec->kind = RS_REC_LINK_CREATED;
		if (nw != 3 || !name_ok(w[1]) || !name_ok(w[2]))
			return "expected 'link-created DEVICE KIND'";
		strcpy(rec->name, w[1]);
		strcpy(rec->link_kind, w[2]);
	} else if (!strcmp(w[0], "fou")) {
		rec->kind = RS_REC_FOU;
		if (nw != 3 || parse_int(w[1], &port) || port < 1 || port > 65535 ||
		    parse_family(w[2], &rec->family))
			return "expected 'fou PORT ipv4|ipv6'";
		rec->port = (uint16_t)port;
	} else if (!strcmp(w[0], "addr")) {
		rec->kind = RS_REC_ADDR;
		if (nw != 3 || !strchr(w[1], '/') || rs_addr_parse(w[1], &rec->addr) ||
		    !name_ok(w[2]))
			return "expected 'addr ADDRESS/PREFIX DEVICE'";
		strcpy(rec->name, w[2]);
	} else {
		return "unknown record";
	}
	return NULL;
}

static int append(struct rs_record *r, const struct rs_rec *rec)
{
	struct rs_rec *v = realloc(r->recs, (r->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	r->recs = v;
	r->recs[r->n++] = *rec;
	return 0;
}

int rs_record_parse(struct rs_record *r, FILE *fp, struct rs_diag *d)
{
	char line[512], *w[5], *p, *save;
	struct rs_diag inner;
	struct rs_rec rec;
	unsigned lineno = 0, version = 0;
	enum rs_line got;
	const char *err;
	int nw;

	while ((got = rs_line_read(fp, line, sizeof(line))) != RS_LINE_EOF) {
		lineno++;
		if (got != RS_LINE_OK) {
			if (got == RS_LINE_ERROR)
				rs_diag_set(d, "cannot read state file %s: %s", r->path,
					    strerror(errno));
			else
				rs_diag_set(d, "state file %s is corrupt at line %u: %s; fix or "
					    "remove it by hand (nothing was changed)", r->path,
					    lineno, got == RS_LINE_LONG ? "line too long" :
					    got == RS_LINE_NUL ? "NUL byte in the line" :
					    "line not terminated");
			return got == RS_LINE_ERROR ? -EIO : -EINVAL;
		}
		if (line[0] == '#' || line[0] == '\0')
			continue;
		nw = 0;
		for (p = strtok_r(line, " \t\n", &save); p && nw < 5;
		     p = strtok_r(NULL, " \t\n", &save))
			w[nw++] = p;
		if (nw == 0)
			continue;
		err = NULL;
		if (p) {
			err = "too many words";
		} else if (!version) {
			if (strcmp(w[0], "version") || nw != 2)
				err = "expected 'version 2' first";
			else if (!strcmp(w[1], "1") || !strcmp(w[1], "2"))
				version = (unsigned)(w[1][0] - '0');
			else
				err = "unsupported version";
		} else if (!strcmp(w[0], "netns")) {
			if (version < 2 || r->has_owner)
				err = "unexpected 'netns' line";
			else if (!(err = parse_netns(w, nw, &r->owner)))
				r->has_owner = true;
		} else if (version >= 2 && !r->has_owner) {
			err = "expected a 'netns' line after the version";
		} else if (!strcmp(w[0], "config")) {
			if (nw != 3 || rs_config_set(&r->config, w[1], w[2], &inner) < 0)
				err = "bad config line";
			r->has_config = true;
		} else if (!(err = parse_rec(w, nw, &rec))) {
			if (append(r, &rec) < 0) {
				rs_diag_set(d, "out of memory");
				return -ENOMEM;
			}
		}
		if (err) {
			rs_diag_set(d, "state file %s is corrupt at line %u: %s; fix or "
				    "remove it by hand (nothing was changed)", r->path, lineno, err);
			return -EINVAL;
		}
	}
	if (version >= 2 && !r->has_owner)
		err = "no 'netns' line";
	else
		err = NULL;
	if (err) {
		rs_diag_set(d, "state file %s is corrupt: %s; fix or remove it by hand "
			    "(nothing was changed)", r->path, err);
		return -EINVAL;
	}
	if (!version) {
		rs_diag_set(d, "state file %s is corrupt: it is empty (no 'version' line); "
			    "remove it by hand (nothing was changed)", r->path);
		return -EINVAL;
	}
	return 0;
}

int rs_record_load(struct rs_record *r, struct rs_diag *d)
{
	FILE *fp = fopen(r->path, "re");
	int ret;

	if (!fp) {
		ret = -errno;
		if (ret != -ENOENT)
			rs_diag_set(d, "cannot read state file %s: %s", r->path, strerror(errno));
		return ret;
	}
	ret = rs_record_parse(r, fp, d);
	fclose(fp);
	return ret;
}

void rs_rec_describe(const struct rs_rec *rec, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	switch (rec->kind) {
	case RS_REC_SYSCTL:
		snprintf(buf, len, "sysctl %s %d %d", rec->path, rec->old, rec->new);
		break;
	case RS_REC_MODULE:
		snprintf(buf, len, "module %s", rec->name);
		break;
	case RS_REC_LINK_UP:
		snprintf(buf, len, "link-up %s", rec->name);
		break;
	case RS_REC_LINK_CREATED:
		snprintf(buf, len, "link-created %s %s", rec->name, rec->link_kind);
		break;
	case RS_REC_FOU:
		snprintf(buf, len, "fou %u %s", rec->port,
			 rec->family == AF_INET6 ? "ipv6" : "ipv4");
		break;
	case RS_REC_ADDR:
		snprintf(buf, len, "addr %s/%u %s", rs_addr_str(&rec->addr, a, sizeof(a)),
			 rec->addr.prefixlen, rec->name);
		break;
	}
}

void rs_record_write(const struct rs_record *r, FILE *fp)
{
	char buf[RS_PATH_MAX + 64];

	fprintf(fp, "# rs-setup state: changes to undo with 'rs-setup stop', oldest first.\n"
		    "# Written by rs-setup; do not edit.\n"
		    "version %d\n", r->has_owner ? STATE_VERSION : 1);
	if (r->has_owner) {
		fprintf(fp, "netns %u:%u %llu ", r->owner.dev_major, r->owner.dev_minor,
			(unsigned long long)r->owner.ino);
		if (r->owner.cookie)
			fprintf(fp, "%llu", (unsigned long long)r->owner.cookie);
		else
			fputc('-', fp);
		if (r->owner.name[0])
			fprintf(fp, " %s", r->owner.name);
		fputc('\n', fp);
	}
	if (r->has_config)
		rs_config_write(&r->config, fp, "config ");
	for (size_t i = 0; i < r->n; i++) {
		rs_rec_describe(&r->recs[i], buf, sizeof(buf));
		fprintf(fp, "%s\n", buf);
	}
}

static int ensure_dir(const char *path, struct rs_diag *d)
{
	char copy[RS_PATH_MAX];
	const char *dir;

	snprintf(copy, sizeof(copy), "%s", path);
	dir = dirname(copy);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		int ret = -errno;

		rs_diag_set(d, "cannot create %s: %s", dir, strerror(errno));
		return ret;
	}
	return 0;
}

static int sync_dir(const char *path)
{
	char copy[RS_PATH_MAX];
	int fd;

	snprintf(copy, sizeof(copy), "%s", path);
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fsync(fd);
	close(fd);
	return 0;
}

int rs_record_save(const struct rs_record *r, struct rs_diag *d)
{
	char tmp[RS_PATH_MAX + 8];
	FILE *fp;
	int fd, ret;

	snprintf(tmp, sizeof(tmp), "%s.tmp", r->path);
	if (r->n == 0) {
		if (unlink(r->path) < 0 && errno != ENOENT) {
			ret = -errno;
			rs_diag_set(d, "cannot remove %s: %s", r->path, strerror(errno));
			return ret;
		}
		unlink(tmp);	/* a run killed before its rename left it */
		sync_dir(r->path);
		return 0;
	}
	ret = ensure_dir(r->path, d);
	if (ret < 0)
		return ret;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0 || fchmod(fd, 0600) < 0 || !(fp = fdopen(fd, "w"))) {
		ret = -errno;
		rs_diag_set(d, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ret;
	}
	rs_record_write(r, fp);
	if (fflush(fp) != 0 || fsync(fd) < 0) {
		ret = -errno;
		fclose(fp);
		unlink(tmp);
		rs_diag_set(d, "cannot write %s: %s", tmp, strerror(-ret));
		return ret;
	}
	fclose(fp);
	if (rename(tmp, r->path) < 0) {
		ret = -errno;
		unlink(tmp);
		rs_diag_set(d, "cannot rename %s to %s: %s", tmp, r->path, strerror(-ret));
		return ret;
	}
	sync_dir(r->path);
	return 0;
}

int rs_record_set_config(struct rs_record *r, const struct rs_config *c)
{
	struct rs_config copy;
	int ret = rs_config_copy(&copy, c);

	if (ret < 0)
		return ret;
	rs_config_free(&r->config);
	r->config = copy;
	r->has_config = true;
	return 0;
}

void rs_record_set_owner(struct rs_record *r, const struct rs_netns *ns)
{
	r->owner = *ns;
	r->has_owner = true;
}

int rs_record_push(struct rs_record *r, const struct rs_rec *rec, struct rs_diag *d)
{
	int ret = append(r, rec);

	if (ret < 0) {
		rs_diag_set(d, "out of memory");
		return ret;
	}
	ret = rs_record_save(r, d);
	if (ret < 0)
		r->n--;		/* not on disk, so the change must not be made */
	return ret;
}

int rs_record_pop(struct rs_record *r, struct rs_diag *d)
{
	if (r->n)
		r->n--;
	return rs_record_save(r, d);
}

int rs_record_lock(const char *path, struct rs_diag *d)
{
	char lock[RS_PATH_MAX + 8];
	int fd, ret;

	ret = ensure_dir(path, d);
	if (ret < 0)
		return ret;
	snprintf(lock, sizeof(lock), "%s.lock", path);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		ret = -errno;
		rs_diag_set(d, "cannot open %s: %s", lock, strerror(errno));
		return ret;
	}
	if (flock(fd, LOCK_EX) < 0) {
		ret = -errno;
		close(fd);
		rs_diag_set(d, "cannot lock %s: %s", lock, strerror(-ret));
		return ret;
	}
	return fd;
}
