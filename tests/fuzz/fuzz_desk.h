/*
 * fuzz_desk.h — a console on a board with the recording fake phone of
 * the unit tests, for the targets that run action lines: the shipped
 * default keymap plus two macros, and a few extensions to aim at.
 */
#ifndef CORDBOARD_TESTS_FUZZ_DESK_H
#define CORDBOARD_TESTS_FUZZ_DESK_H

#include "../unit/fake_phone.h"
#include "input/console.h"

struct fuzz_desk {
	struct board b;
	struct fake_phone phone;
	struct console c;
};

/* Loads the keymap once (aborts when it cannot). */
void fuzz_desk_init(void);

/* A fresh board and console, no calls, the keymap kept. */
struct fuzz_desk *fuzz_desk_reset(void);

/* Runs one line as the console would from a key, the command line, a
 * script or the control socket. Lines starting with '!' are what the
 * network does instead (a call offered, answered, held, closed, a
 * REFER's result, a key pressed, time passing), so actions meet every
 * state of the board. */
void fuzz_desk_line(struct fuzz_desk *d, const char *line);

#endif
