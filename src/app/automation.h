/*
 * automation.h — what runs the console besides its keys: the --script
 * file and the control socket. Both feed action lines through
 * console_run exactly as keys do.
 */
#ifndef CORDBOARD_APP_AUTOMATION_H
#define CORDBOARD_APP_AUTOMATION_H

#include <stdbool.h>

#include "input/console.h"

/* --script FILE and --script-exit, across the exec. */
#define ENV_SCRIPT      "CORDBOARD_SCRIPT"
#define ENV_SCRIPT_EXIT "CORDBOARD_SCRIPT_EXIT"

/* Opens the control socket and starts the script (both as the
 * environment says). quit() ends the console; changed() asks for a
 * redraw. A socket that cannot be opened is an error: msg says why. */
int  automation_start(struct console *c, void (*quit)(void),
		      void (*changed)(void *arg), char *msg, size_t msgsz);
/* Stops the script and closes the socket (removing it). */
void automation_stop(void);
/* With --script-exit: why the script failed ("Script F:3 stopped: ..."),
 * or NULL when it ran to its end (or none ran). */
const char *automation_failure(void);

#endif
