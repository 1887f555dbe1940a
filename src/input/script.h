/*
 * script.h — a file of actions run one after another (--script FILE):
 * one action per line in the grammar of console_run, blank lines and
 * '#' comments skipped, and "wait EVENT TIMEOUT" steps that pause until
 * the board reports the event. Single-threaded: the runner never runs a
 * line from inside an event; the app supplies the main-loop hooks.
 */
#ifndef CORDBOARD_INPUT_SCRIPT_H
#define CORDBOARD_INPUT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "wait.h"

#define SCRIPT_LINE_MAX 320
#define SCRIPT_MAX_LINES 1000

struct script_line {
	int lineno;
	char text[SCRIPT_LINE_MAX];
};

/* What the runner needs from the main loop and the app. */
struct script_hooks {
	/* runs one action line as a key would; 0 or an errno value, with
	 * the board's status line saying why */
	int  (*run)(void *arg, const char *line);
	/* script_timeout() in ms milliseconds; ms < 0 stops that timer */
	void (*arm)(void *arg, long ms);
	/* script_step() soon, on a later main-loop turn */
	void (*wake)(void *arg);
	/* the script ended: ok false when a line failed or a wait timed out */
	void (*done)(void *arg, bool ok);
	void *arg;
};

struct script {
	char path[4096];
	struct script_line *lines;
	size_t n;
	size_t next;              /* the line to run next */
	struct board *board;
	struct script_hooks hooks;
	struct wait_step wait;
	bool waiting;
	bool running;
	bool failed;
};

/* Reads and checks PATH: every line must name a known action with the
 * arguments it takes, or be a well-formed wait; errors are FILE:LINE in
 * d. Returns 0 or an errno value. */
int  script_load(struct script *s, const char *path, struct diag *d);
void script_free(struct script *s);

/* Checks one line as script_load does; 0, or EINVAL with why in err. */
int  script_check_line(const char *line, char *err, size_t errsz);

/* Starts running: the first lines run on the next script_step(). */
void script_start(struct script *s, struct board *b,
		  const struct script_hooks *hooks);

/* Runs lines until a wait that is not yet satisfied, a failure or the
 * end. */
void script_step(struct script *s);

/* A board observer: ends the current wait when its event comes. */
void script_observer(void *arg, const struct board_event *ev);

/* The armed timer fired: the wait failed. */
void script_timeout(struct script *s);

#endif
