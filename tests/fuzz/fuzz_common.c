/*
 * fuzz_common.c — scratch files and terminal-safety checks for the
 * fuzz targets. The UTF-8 check is written here on purpose, apart from
 * src/core/sanitize.c, so a bug there cannot hide itself.
 */
#define _GNU_SOURCE
#include "fuzz_common.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"

static char dir[256];

static void remove_dir(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char path[512];

	if (!dp)
		return;
	while ((de = readdir(dp))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
}

const char *fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");

	if (dir[0])
		return dir;
	snprintf(dir, sizeof(dir), "%s/cordboard-fuzz-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		abort();
	}
	atexit(remove_dir);
	return dir;
}

const char *fuzz_write(const char *name, const void *data, size_t size)
{
	static char path[512];
	const char *p = data;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (size > 0) {
		ssize_t n = write(fd, p, size);

		if (n <= 0) {
			perror(path);
			abort();
		}
		p += n;
		size -= (size_t)n;
	}
	close(fd);
	return path;
}

static void fail(const char *what, const char *s, size_t at, const char *why)
{
	size_t i;

	fprintf(stderr, "fuzz: %s: %s at byte %zu of:", what, why, at);
	for (i = 0; s[i]; i++)
		fprintf(stderr, " %02x", (unsigned char)s[i]);
	fprintf(stderr, "\n");
	abort();
}

void fuzz_check_terminal_safe(const char *what, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (s[i]) {
		unsigned long c;
		size_t n, k;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				fail(what, str, i, "control character");
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			n = 2; c = s[i] & 0x1f;
		}
		else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 3; c = s[i] & 0x0f;
		}
		else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 4; c = s[i] & 0x07;
		}
		else {
			fail(what, str, i, "invalid UTF-8 lead byte");
			return;
		}
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				fail(what, str, i, "truncated UTF-8");
			c = (c << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			fail(what, str, i, "overlong, surrogate or out of range");
		if (c >= 0x80 && c < 0xa0)
			fail(what, str, i, "C1 control character");
		i += n;
	}
}

void fuzz_check_refusal_explained(const char *what, int err,
				  const struct diag *d)
{
	if (err && d->count == 0) {
		fprintf(stderr, "%s: error %d without a message\n", what, err);
		abort();
	}
}
