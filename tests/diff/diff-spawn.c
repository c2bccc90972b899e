/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Process launcher for the differential runner (runner.sh), used as a
 * bash coprocess.  Under User-Mode Linux a fork of the runner's bash
 * costs more than the program it starts; posix_spawn from this small
 * process (vfork-style, no copy of the address space) halves that.
 *
 * Requests on stdin, one field per line:
 *   PATH  STDIN-FILE  STDOUT-FILE  STDERR-FILE
 *   N  then N lines NAME=VALUE (added to the environment)
 *   M  then M lines of argv (argv[0] first)
 * Reply on stdout: the exit status as bash reports it ($?: the code, or
 * 128+signal), or 127 if the program could not be started.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

/* One request field; NULL at end of input. */
static char *field(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);

	if (n < 0) {
		free(line);
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return line;
}

static long count(void)
{
	char *f = field();
	long n;

	if (!f)
		return -1;
	n = strtol(f, NULL, 10);
	free(f);
	return n;
}

/* environ plus the request's NAME=VALUE lines (which win). */
static char **make_env(char **add, long nadd)
{
	long n = 0, i, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = calloc(n + nadd + 1, sizeof(*env));
	if (!env)
		return NULL;
	for (i = 0; i < n; i++) {
		long j;
		size_t len = strcspn(environ[i], "=");

		for (j = 0; j < nadd; j++)
			if (!strncmp(add[j], environ[i], len) && add[j][len] == '=')
				break;
		if (j == nadd)
			env[k++] = environ[i];
	}
	for (i = 0; i < nadd; i++)
		env[k++] = add[i];
	return env;
}

static int run_one(char *path, char *in, char *out, char *err, char **env, char **argv)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, r;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in, O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	r = strchr(path, '/') ? posix_spawn(&pid, path, &fa, NULL, argv, env)
			      : posix_spawnp(&pid, path, &fa, NULL, argv, env);
	posix_spawn_file_actions_destroy(&fa);
	if (r) {
		fprintf(stderr, "diff-spawn: %s: %s\n", path, strerror(r));
		return 127;
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int main(void)
{
	for (;;) {
		char *path, *in, *out, *err, **add, **argv, **env;
		long nadd, argc, i;
		int rc;

		path = field();
		if (!path)
			return 0;
		in = field();
		out = field();
		err = field();
		nadd = count();
		if (!in || !out || !err || nadd < 0)
			return 1;
		add = calloc(nadd + 1, sizeof(*add));
		for (i = 0; i < nadd; i++)
			add[i] = field();
		argc = count();
		if (argc < 1)
			return 1;
		argv = calloc(argc + 1, sizeof(*argv));
		for (i = 0; i < argc; i++)
			argv[i] = field();
		env = make_env(add, nadd);
		rc = env ? run_one(path, in, out, err, env, argv) : 127;
		printf("%d\n", rc);
		fflush(stdout);
		for (i = 0; i < argc; i++)
			free(argv[i]);
		for (i = 0; i < nadd; i++)
			free(add[i]);
		free(argv);
		free(add);
		free(env);
		free(path);
		free(in);
		free(out);
		free(err);
	}
}
