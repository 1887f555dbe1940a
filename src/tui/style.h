/*
 * style.h — theme styles as curses attributes.
 */
#ifndef CORDBOARD_TUI_STYLE_H
#define CORDBOARD_TUI_STYLE_H

#include <curses.h>

#include "config/theme.h"

/* Sets up colour pairs for every style (after start_color). */
void style_setup(const struct theme *th);

/* The attributes to draw an element with. */
attr_t style_attr(enum style_id id);

#endif
