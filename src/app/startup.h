/*
 * startup.h — why a console could not start, said on the terminal.
 *
 * The launcher forks: the child execs baresip (which loads the module),
 * the parent waits. A module_init step that fails writes one line, in
 * the admin's words, to STARTUP_WHY_FILE in the runtime directory; when
 * there is none, the parent reads baresip's own start-up lines in
 * baresip.log. Either way the parent prints the reason and the log it
 * keeps, and exits 1.
 */
#ifndef CORDBOARD_APP_STARTUP_H
#define CORDBOARD_APP_STARTUP_H

#include <stddef.h>

#define STARTUP_WHY_FILE "why"
#define STARTUP_UP_FILE  "up"

/* Module side: says why start-up stops, on stderr (baresip.log) and in
 * the runtime directory's why file (the first reason wins). */
void startup_why(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Module side: start-up went well (STARTUP_UP_FILE): baresip saying
 * "ready" without it means the module did not load. */
void startup_up(void);

/* Launcher side: the reason in baresip's log text, in the admin's words
 * (listen is the account's listen address). 0, or ENOENT when no known
 * line is there. */
int startup_reason_from_log(const char *log, const char *listen,
			    char *out, size_t sz);

/* Runs baresip -f RUNDIR as a child with its output in RUNDIR's
 * baresip.log, waits for it and returns the launcher's exit status:
 * 0, 1 (could not start: the reason and the kept log are printed on
 * stderr), or 128+N when a signal N ended it. */
int startup_run(const char *baresip, const char *rundir,
		const char *listen);

#endif
