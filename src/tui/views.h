/*
 * views.h — drawing each pane from the model.
 */
#ifndef CORDBOARD_TUI_VIEWS_H
#define CORDBOARD_TUI_VIEWS_H

#include <curses.h>
#include <stdint.h>

#include "core/board.h"
#include "input/console.h"
#include "selection.h"

void view_calls(WINDOW *w, struct board *b, struct selection *sel,
		int64_t now_ms);
/* The extension list, or while a target prompt is open the extensions
 * matching it with the one Enter would pick highlighted. */
void view_extensions(WINDOW *w, struct board *b, const struct console *c,
		     struct selection *sel);
/* Redraws only the rows of b->changed_exts that are on screen. */
void view_extension_rows(WINDOW *w, struct board *b,
			 const struct console *c, struct selection *sel);
void view_log(WINDOW *w, struct board *b);
void view_status(WINDOW *w, struct board *b, struct console *c,
		 const char *identity);
void view_help(int rows, int cols, const struct console *c);

/* Writes sanitised text at (y, x) in at most cols columns, padding with
 * spaces to exactly cols when pad is set. */
void view_text(WINDOW *w, int y, int x, const char *s, int cols, bool pad);

/* Draws every character outside ASCII as an ASCII stand-in, for a
 * terminal whose locale is not UTF-8 (LANG=C). */
void view_set_ascii(bool on);

#endif
