/*
 * style.h — theme styles as curses attributes.
 */
#ifndef CORDBOARD_TUI_STYLE_H
#define CORDBOARD_TUI_STYLE_H

#include <stdbool.h>

#include <curses.h>

#include "config/theme.h"

/* Sets up one colour pair per style on the current screen. With colour
 * false (NO_COLOR, --mono) or on a terminal without colours, every style
 * is its mono attributes alone and no colour is ever sent. Called again
 * to switch themes live; the caller repaints. */
void style_setup(const struct theme *th, bool colour);

/* The attributes to draw an element with. */
attr_t style_attr(enum style_id id);

/* The colours alone (no attributes) of an element, for the blank cells
 * of a window (wbkgd): a theme with its own background fills the panes. */
chtype style_fill(enum style_id id);

/* The attributes a blank cell drawn with A looks the same in: a blank
 * shows only its background, reverse and underline, so one on the
 * normal background is the screen's own blank (style_fill(STYLE_NORMAL)),
 * which ncurses skips after clearing instead of sending. */
attr_t style_blank(attr_t a);

/* The accessible mode: a theme's "blink" is drawn without blinking
 * (takes effect at the next style_setup). */
void style_forbid_blink(bool on);

#endif
