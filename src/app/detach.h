/*
 * detach.h — the module's side of a lost terminal (SIGHUP, the tty
 * hung up): the screen closes without a byte to the dead terminal, the
 * calls go on (core/detached.c) for detached_grace seconds, and
 * cordboard --attach brings a new terminal over the control socket.
 */
#ifndef CORDBOARD_APP_DETACH_H
#define CORDBOARD_APP_DETACH_H

#include <stdbool.h>

#include "core/board.h"

/* What the module does with its screen. */
struct detach_screen {
	/* Opens the screen on FD (its own from then on). */
	int  (*open)(int fd);
	/* Closes it; LOST: the terminal hung up, nothing is written. */
	void (*close)(bool lost);
	bool (*is_open)(void);
	/* Whether the screen's terminal hung up. */
	bool (*hung_up)(void);
	/* Ends the console (the grace is over, every call dealt with). */
	void (*quit)(void);
};

/* Watches SIGHUP and takes terminals from cordboard --attach. */
int  detach_start(struct board *b, const struct detach_screen *s,
		  int grace_s);
void detach_stop(void);
/* A reload's detached_grace: the next lost terminal waits that long. */
void detach_set_grace(int grace_s);
/* The screen's terminal failed (a read found it hung up). */
void detach_terminal_lost(void);

#endif
