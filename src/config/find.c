/*
 * find.c — where cordboard's files are found: the configuration by the
 * documented search order, keymaps and themes in the user's directory,
 * then the source tree (when run uninstalled) or the installed data.
 */
#define _GNU_SOURCE 1   /* dladdr */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build_config.h"

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* Formats a path into out; ENAMETOOLONG rather than a cut path. */
static int path_format(char *out, size_t outsz, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int path_format(char *out, size_t outsz, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, outsz, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= outsz) {
		if (outsz)
			out[0] = '\0';
		return ENAMETOOLONG;
	}
	return 0;
}

/* $XDG_CONFIG_HOME, or ~/.config when it is unset or not absolute. */
static int config_home(char *out, size_t outsz)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/')
		return path_format(out, outsz, "%s", xdg);
	if (home && home[0])
		return path_format(out, outsz, "%s/.config", home);
	return ENOENT;
}

int config_find(char *out, size_t outsz, const char *explicit_path)
{
	char home[PATH_MAX];

	if (explicit_path)
		return path_format(out, outsz, "%s", explicit_path);

	if (!config_home(home, sizeof(home)) &&
	    !path_format(out, outsz, "%s/cordboard/cordboard.conf", home) &&
	    file_exists(out))
		return 0;

	if (!path_format(out, outsz, "%s", "/etc/cordboard/cordboard.conf") &&
	    file_exists(out))
		return 0;

	if (outsz)
		out[0] = '\0';
	return ENOENT;
}

static bool in_build_tree(const char *path)
{
	char real[PATH_MAX], root[PATH_MAX];
	size_t len;

	if (!realpath(path, real) || !realpath(CORDBOARD_BUILD_ROOT, root))
		return false;
	len = strlen(root);
	return !strncmp(real, root, len) && real[len] == '/';
}

/* True when the running code is the one in the build tree — the
 * launcher, or cordboard.so inside /usr/bin/baresip: then the source
 * tree's keymaps and themes are the ones that belong to it. */
static bool running_uninstalled(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	Dl_info so;

	if (n > 0) {
		exe[n] = '\0';
		if (in_build_tree(exe))
			return true;
	}
	return dladdr((void *)running_uninstalled, &so) && so.dli_fname &&
		so.dli_fname[0] == '/' && in_build_tree(so.dli_fname);
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return b && !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev
	       && sa.st_ino == sb.st_ino;
}

int config_find_data(char *out, size_t outsz, const char *dir,
		     const char *name, const char *ext)
{
	return config_find_data_except(out, outsz, dir, name, ext, NULL);
}

int config_find_data_except(char *out, size_t outsz, const char *dir,
			    const char *name, const char *ext,
			    const char *except)
{
	const char *roots[3] = { NULL, NULL, CORDBOARD_DATADIR };
	char home[PATH_MAX], mine[PATH_MAX], file[NAME_MAX + 1];
	size_t i;

	if (!name || !name[0])
		return EINVAL;
	if (strchr(name, '/'))
		return path_format(out, outsz, "%s", name);
	if (path_format(file, sizeof(file), "%s.%s", name, ext))
		return ENAMETOOLONG;

	if (!config_home(home, sizeof(home)) &&
	    !path_format(mine, sizeof(mine), "%s/cordboard", home))
		roots[0] = mine;
	if (running_uninstalled())
		roots[1] = CORDBOARD_SOURCE_ROOT;

	for (i = 0; i < 3; i++) {
		if (!roots[i])
			continue;
		if (!path_format(out, outsz, "%s/%s/%s", roots[i], dir, file) &&
		    file_exists(out) && !same_file(out, except))
			return 0;
	}
	if (outsz)
		out[0] = '\0';
	return ENOENT;
}
