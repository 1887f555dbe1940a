/*
 * tui — the ncurses screen over the core model: calls, extensions, log,
 * status bar, prompt line and help overlay. It reads the board and the
 * console's input state and never calls the phone.
 */
#ifndef CORDBOARD_TUI_TUI_H
#define CORDBOARD_TUI_TUI_H

#include <stdint.h>

#include "config/theme.h"
#include "core/board.h"
#include "input/console.h"

struct tui;
struct selection;

/* Opens the screen on tty_path (e.g. /dev/tty) in the theme's colours,
 * or its attributes alone when colour is false (NO_COLOR, --mono).
 * Returns 0 or errno. */
int tui_open(struct tui **tp, const char *tty_path, const struct theme *th,
	     bool colour);
/* The same on a terminal already open (cordboard --attach passes its
 * own); the screen owns FD from then on, even when this fails. */
int tui_open_fd(struct tui **tp, int fd, const struct theme *th,
		bool colour);
void tui_close(struct tui *t);
/* Whether the terminal hung up (ssh dropped, the window closed): the
 * key fd then reads nothing but end of file or EIO. */
bool tui_hung_up(const struct tui *t);
/* Closes the screen of a terminal that hung up without a byte to it:
 * curses says goodbye to /dev/null instead. */
void tui_close_lost(struct tui *t);

/* The fd to watch for key presses and the fd that becomes readable when
 * the terminal was resized. */
int tui_key_fd(const struct tui *t);
int tui_resize_fd(const struct tui *t);

/* Reads one key; returns 0 with *k set, or EAGAIN when none is left. */
int tui_read_key(struct tui *t, keycode *k);

/* Picks up the new terminal size (after the resize fd fired). */
void tui_resize(struct tui *t);

/* Draws whatever the dirty flags say changed, then one doupdate. */
void tui_draw(struct tui *t, struct board *b, struct console *c,
	      int64_t now_ms);

/* Forgets what is on the terminal so the next draw repaints it all. */
void tui_invalidate(struct tui *t);

/* Switches to another theme; the next draw repaints everything in it. */
void tui_restyle(struct tui *t, const struct theme *th);

/* What the operator points at, drawn as the focus and selected rows;
 * set by the app before the first draw. */
void tui_set_selection(struct tui *t, struct selection *sel);

/* The accessible mode (--accessible): panes stacked, rows in words, no
 * frames or blinking, an announcement line, the cursor on the focus. */
void tui_set_accessible(struct tui *t, bool on);

/* Listening/registration text for the status bar, set by the app. */
void tui_set_identity(struct tui *t, const char *text);

#endif
