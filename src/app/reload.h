/*
 * reload.h — the files users edit, read again while calls go on (the
 * reload action, SIGUSR1), and the theme action.
 */
#ifndef CORDBOARD_APP_RELOAD_H
#define CORDBOARD_APP_RELOAD_H

#include "launch.h"

struct sip_phone;
struct sip_subs;
struct tui;

/* The module's pieces a reload replaces or tells. */
struct reload_app {
	struct app_files *files;
	struct board *board;
	struct console *console;
	struct sip_phone **phone;
	struct sip_subs **subs;      /* NULL once the user agent stops */
	struct tui **tui;            /* NULL without a terminal */
	void (*changed)(void *arg);  /* something to draw */
};

/* Sets the console's reload and theme hooks and watches SIGUSR1 (the
 * handler only writes to a pipe; the main loop reloads). */
int  reload_start(const struct reload_app *app);
/* No reload after this (the console quits); SIGUSR1 is ignored. */
void reload_stop(void);

/* Reads cordboard.conf, the directory CSV, the keymap and the theme
 * into new structures. Any error: each FILE:LINE goes to the log pane,
 * the status line says the first, nothing changes, EINVAL. Otherwise
 * they replace the old ones at once, calls untouched; a setting that
 * needs a restart keeps its old value and is named on the status line
 * ("needs a restart: account.listen"). */
int reload_run(void);

#endif
