/*
 * bsdir.c — the private baresip configuration directory.
 */
#include "bsdir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const bsdir_files[] = {
	"config", "accounts", "contacts", "baresip.log", "current_contact",
	"uuid", "why", "up", "office.log",
};

static int write_file(const char *dir, const char *name, const char *text,
		      char *msg, size_t msgsz)
{
	char path[PATH_MAX];
	int fd, err = 0;
	size_t len = strlen(text);

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = errno;
		snprintf(msg, msgsz, "%s: %s", path, strerror(err));
		return err;
	}
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			snprintf(msg, msgsz, "%s: %s", path, strerror(err));
			break;
		}
		text += n;
		len -= (size_t)n;
	}
	close(fd);
	return err;
}

int bsdir_create(char *dir, size_t dirsz, const char *tag,
		 const char *config_text, const char *accounts_text,
		 char *msg, size_t msgsz)
{
	const char *base = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	int err;

	if (!base || !*base || stat(base, &st) != 0 || !S_ISDIR(st.st_mode)
	    || access(base, W_OK) != 0)
		base = "/tmp";

	if ((size_t)snprintf(dir, dirsz, "%s/cordboard-%s-XXXXXX", base, tag)
	    >= dirsz) {
		snprintf(msg, msgsz, "runtime directory path too long");
		return ENAMETOOLONG;
	}
	if (!mkdtemp(dir)) {
		err = errno;
		snprintf(msg, msgsz, "%s: %s", dir, strerror(err));
		return err;
	}
	chmod(dir, 0700);

	err = write_file(dir, "config", config_text, msg, msgsz);
	if (!err)
		err = write_file(dir, "accounts", accounts_text, msg, msgsz);
	if (!err)
		err = write_file(dir, "contacts", "", msg, msgsz);
	if (err)
		bsdir_remove(dir);
	return err;
}

void bsdir_remove(const char *dir)
{
	char path[PATH_MAX];
	size_t i;

	if (!dir || !*dir)
		return;
	for (i = 0; i < sizeof(bsdir_files) / sizeof(bsdir_files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, bsdir_files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int bsdir_module_path(char *buf, size_t sz, const char *module_dir,
		      const char *abs_path)
{
	size_t depth = 0;
	const char *p;
	size_t used = 0;

	/* climb from module_dir to "/" and descend to the absolute path */
	for (p = module_dir; *p; p++) {
		if (*p == '/' && p[1] && p[1] != '/')
			depth++;
	}
	buf[0] = '\0';
	while (depth-- > 0) {
		if (used + 3 >= sz)
			return ENAMETOOLONG;
		memcpy(buf + used, "../", 4);
		used += 3;
	}
	while (*abs_path == '/')
		abs_path++;
	if (used + strlen(abs_path) + 1 > sz)
		return ENAMETOOLONG;
	strcpy(buf + used, abs_path);
	return 0;
}

int bsdir_find_module(char *out, size_t outsz, const char *name,
		      const char *fallback_dir)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	const char *env = getenv("CORDBOARD_MODULE_DIR");

	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, outsz, "%s/%s", exe, name);
			if (access(out, R_OK) == 0)
				return 0;
		}
	}
	if (env && *env) {
		snprintf(out, outsz, "%s/%s", env, name);
		if (access(out, R_OK) == 0)
			return 0;
	}
	snprintf(out, outsz, "%s/%s", fallback_dir, name);
	return access(out, R_OK) == 0 ? 0 : ENOENT;
}

int bsdir_exec_baresip(const char *baresip, const char *dir,
		       const char *logpath)
{
	int fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int saved_out, saved_err, err;
	char *argv[4];

	if (fd < 0)
		return errno;
	saved_out = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
	saved_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	fflush(stdout);
	fflush(stderr);
	if (dup2(fd, STDOUT_FILENO) < 0 || dup2(fd, STDERR_FILENO) < 0) {
		err = errno;
		close(fd);
		return err;
	}
	close(fd);

	argv[0] = (char *)baresip;
	argv[1] = (char *)"-f";
	argv[2] = (char *)dir;
	argv[3] = NULL;
	execv(baresip, argv);

	/* still here: give the caller its stderr back to report why */
	err = errno;
	if (saved_out >= 0) {
		dup2(saved_out, STDOUT_FILENO);
		close(saved_out);
	}
	if (saved_err >= 0) {
		dup2(saved_err, STDERR_FILENO);
		close(saved_err);
	}
	return err;
}
