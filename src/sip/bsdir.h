/*
 * bsdir — a private baresip configuration directory (mode 0700) and the
 * exec of /usr/bin/baresip on it. Used by the console launcher and the
 * office launcher, so that both run baresip the same way.
 *
 * This header declares no baresip API: the launchers may include it.
 */
#ifndef CORDBOARD_SIP_BSDIR_H
#define CORDBOARD_SIP_BSDIR_H

#include <stddef.h>

/* Creates $XDG_RUNTIME_DIR/cordboard-TAG-XXXXXX (or under /tmp), mode
 * 0700, and writes "config" and "accounts" (mode 0600) into it.
 * Returns 0 or an errno value; on error msg says what failed. */
int bsdir_create(char *dir, size_t dirsz, const char *tag,
		 const char *config_text, const char *accounts_text,
		 char *msg, size_t msgsz);

/* Removes what bsdir_create wrote (and the log), then the directory. */
void bsdir_remove(const char *dir);

/* Writes the module_app argument that reaches ABS_PATH from baresip's
 * module_path (baresip only accepts paths relative to it). */
int bsdir_module_path(char *buf, size_t sz, const char *module_dir,
		      const char *abs_path);

/* Finds NAME (e.g. "cordboard.so") next to the running executable, then
 * in $CORDBOARD_MODULE_DIR, then in FALLBACK_DIR. Returns 0 or ENOENT. */
int bsdir_find_module(char *out, size_t outsz, const char *name,
		      const char *fallback_dir);

/* Points stdout and stderr at LOGPATH (baresip prints banners and libre
 * debug lines there, never on the screen) and execs baresip -f DIR.
 * Returns only on failure, with an errno value. */
int bsdir_exec_baresip(const char *baresip, const char *dir,
		       const char *logpath);

#endif
