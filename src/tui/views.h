/*
 * views.h — what the panes are drawn with (text, frames, an extension's
 * row), and the screen's other parts: log, status bar, matches, help.
 */
#ifndef CORDBOARD_TUI_VIEWS_H
#define CORDBOARD_TUI_VIEWS_H

#include <curses.h>
#include <stdint.h>

#include "core/board.h"
#include "input/console.h"

/* A box with a title; the title is highlighted when the pane has focus. */
void view_frame(WINDOW *w, const char *title, bool focused);
/* A window over the panes (help, history, messages): H x W at Y, X,
 * cleared, boxed, TITLE on its top edge; NULL without memory. */
WINDOW *view_overlay(int h, int w, int y, int x, const char *title);
/* "201  Alice Martin      W- back at 3" on ROW, INNER columns from 1;
 * view_contact_row shows NAME instead of theirs (what a find matched). */
void view_contact_row(WINDOW *w, int row, int inner, struct board *b,
		      const struct extension *e, const char *name, bool sel);
void view_extension_row(WINDOW *w, int row, int inner, struct board *b,
			const struct extension *e, bool sel);
/* While a target prompt is open: the extensions matching it, with the
 * one Enter would pick highlighted, instead of the extensions pane. */
bool view_showing_matches(const struct console *c);
void view_matches(WINDOW *w, struct board *b, struct console *c);
void view_log(WINDOW *w, struct board *b, const struct console *c);
void view_status(WINDOW *w, struct board *b, struct console *c,
		 const char *identity);
void view_help(int rows, int cols, const struct console *c);
/* The messages taken, newest first, in the help's place (messages). */
void view_messages(int rows, int cols, const struct console *c);
/* The history view over the panes while it is open (tui/history.c). */
void view_history(int rows, int cols, struct board *b,
		  const struct console *c);

/* Writes sanitised text at (y, x) in at most cols columns, padding with
 * spaces to exactly cols when pad is set. */
void view_text(WINDOW *w, int y, int x, const char *s, int cols, bool pad);

/* Draws every character outside ASCII as an ASCII stand-in, for a
 * terminal whose locale is not UTF-8 (LANG=C). */
void view_set_ascii(bool on);

/* The accessible mode's screen: no frames, a row is one sentence, no
 * mode in the status line (tui_set_accessible). */
void view_set_plain(bool on);
bool view_plain(void);

#endif
