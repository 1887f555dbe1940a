/*
 * style.c — one colour pair per theme element; 256 colours when the
 * terminal has them, the 8-colour pair otherwise, attributes only on a
 * monochrome terminal or with NO_COLOR.
 */
#include "style.h"

#include <stdlib.h>

static attr_t style_attrs[STYLE_COUNT];

static attr_t attrs_to_curses(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & ATTR_BOLD)
		r |= A_BOLD;
	if (a & ATTR_DIM)
		r |= A_DIM;
	if (a & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ATTR_BLINK)
		r |= A_BLINK;
#ifdef A_ITALIC
	if (a & ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

void style_setup(const struct theme *th)
{
	const char *no_color = getenv("NO_COLOR");
	bool colour = has_colors() && !(no_color && *no_color);
	int i;

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < STYLE_COUNT; i++) {
		const struct style *s = &th->styles[i];
		short fg = s->fg, bg = s->bg;

		if (!colour) {
			style_attrs[i] = attrs_to_curses(s->mono_attrs);
			continue;
		}
		if (COLORS >= 256) {
			if (s->fg256 != COLOUR_UNSET)
				fg = s->fg256;
			if (s->bg256 != COLOUR_UNSET)
				bg = s->bg256;
		}
		init_pair((short)(i + 1), fg, bg);
		style_attrs[i] = attrs_to_curses(s->attrs) |
			(attr_t)COLOR_PAIR(i + 1);
	}
}

attr_t style_attr(enum style_id id)
{
	return style_attrs[id];
}
