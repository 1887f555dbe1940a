/*
 * find.c — where cordboard's files are found: the configuration by the
 * documented search order, keymaps and themes in the user's directory,
 * then the shipped ones (config/places.h), then the compiled-in data dir.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build_config.h"
#include "config/places.h"

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
	char home[PATH_MAX], mine[PATH_MAX], shipped[PATH_MAX];
	char file[NAME_MAX + 1];
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
	if (!places_data_dir(shipped, sizeof(shipped)))
		roots[1] = shipped;

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
