/*
 * places.c — where the running program's own files are (see places.h).
 */
#define _GNU_SOURCE 1   /* dladdr */
#include "config/places.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build_config.h"

#define SOURCE_ROOT_MARKER "cordboard-source-root"

static int copy_path(char *out, size_t outsz, const char *path)
{
	if (strlen(path) >= outsz) {
		if (outsz)
			out[0] = '\0';
		return ENAMETOOLONG;
	}
	strcpy(out, path);
	return 0;
}

static bool dir_of(const char *file, char *out, size_t outsz)
{
	const char *slash = strrchr(file, '/');
	size_t len;

	if (file[0] != '/' || !slash)
		return false;
	len = slash > file ? (size_t)(slash - file) : 1;
	if (len >= outsz)
		return false;
	memcpy(out, file, len);
	out[len] = '\0';
	return true;
}

/* The directory of the running code: the shared object this file is
 * linked into (cordboard.so inside baresip), else the executable. */
static bool running_dir(char *out, size_t outsz)
{
	char exe[PATH_MAX], so_real[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	Dl_info so;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	/* the main program's own dladdr name is argv[0], maybe relative */
	if (dladdr((void *)running_dir, &so) && so.dli_fname &&
	    so.dli_fname[0] == '/' && realpath(so.dli_fname, so_real) &&
	    strcmp(so_real, exe))
		return dir_of(so_real, out, outsz);
	return dir_of(exe, out, outsz);
}

/* The source root named by DIR's marker, when DIR is in a build tree. */
static bool source_root_of(const char *dir, char *out, size_t outsz)
{
	char marker[PATH_MAX];
	FILE *f;
	size_t len;
	bool ok;

	if ((size_t)snprintf(marker, sizeof(marker), "%s/%s", dir,
			     SOURCE_ROOT_MARKER) >= sizeof(marker))
		return false;
	f = fopen(marker, "re");
	if (!f)
		return false;
	ok = fgets(out, (int)outsz, f) != NULL;
	fclose(f);
	len = ok ? strcspn(out, "\n") : 0;
	out[len] = '\0';
	return len > 0 && out[0] == '/';
}

/* The prefix DIR was installed under, when DIR ends in /REL. */
static bool prefix_of(const char *dir, const char *rel, char *out,
		      size_t outsz)
{
	size_t dlen = strlen(dir), rlen = strlen(rel);

	if (!rlen || rel[0] == '/' || rlen >= dlen ||
	    strcmp(dir + dlen - rlen, rel) || dir[dlen - rlen - 1] != '/')
		return false;
	dlen -= rlen + 1;
	if (dlen >= outsz)
		return false;
	memcpy(out, dir, dlen);
	out[dlen] = '\0';
	return true;
}

/* The installed prefix of DIR, if its path says it. */
static bool running_prefix(const char *dir, char *out, size_t outsz)
{
	return prefix_of(dir, CORDBOARD_BINDIR_REL, out, outsz) ||
	       prefix_of(dir, CORDBOARD_MODULEDIR_REL, out, outsz);
}

static int place(char *out, size_t outsz, bool want_data)
{
	char dir[PATH_MAX], found[PATH_MAX];
	bool known = running_dir(dir, sizeof(dir));

	if (known && source_root_of(dir, found, sizeof(found)))
		return copy_path(out, outsz, want_data ? found : dir);
	if (known && running_prefix(dir, found, sizeof(found))) {
		const char *rel = want_data ? CORDBOARD_DATADIR_REL :
					      CORDBOARD_MODULEDIR_REL;
		int n = snprintf(out, outsz, "%s/%s", found, rel);

		if (n >= 0 && (size_t)n < outsz)
			return 0;
	}
	return copy_path(out, outsz,
			 want_data ? CORDBOARD_DATADIR : CORDBOARD_MODULEDIR);
}

int places_data_dir(char *out, size_t outsz)
{
	return place(out, outsz, true);
}

int places_module_dir(char *out, size_t outsz)
{
	return place(out, outsz, false);
}
