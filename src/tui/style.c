/*
 * style.c — one colour pair per theme element; 256 colours when the
 * terminal has them, the 8-colour values otherwise, attributes only on a
 * monochrome terminal, with NO_COLOR or with --mono.
 */
#include "style.h"

static attr_t style_attrs[STYLE_COUNT];
static chtype style_fills[STYLE_COUNT];
static short style_bgs[STYLE_COUNT];   /* -2: no colour */
static bool normal_on_pair0;
static bool blink_forbidden;

void style_forbid_blink(bool on)
{
	blink_forbidden = on;
}

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
	/* blinking is what a reader and some users cannot bear */
	if ((a & ATTR_BLINK) && !blink_forbidden)
		r |= A_BLINK;
#ifdef A_ITALIC
	if (a & ATTR_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* The colour a style asks for on this terminal. "Terminal default" needs
 * use_default_colors; without it, white on black stands in. */
static short colour_pick(short c8, short c256, bool have_default,
			 short stand_in)
{
	short c = c8;

	if (COLORS >= 256 && c256 != COLOUR_UNSET)
		c = c256;
	if (c >= COLORS)
		c = c8;   /* a palette value on a smaller terminal */
	if (c == COLOUR_DEFAULT && !have_default)
		c = stand_in;
	return c;
}

void style_setup(const struct theme *th, bool colour)
{
	bool have_default = false;
	int i;

	normal_on_pair0 = false;
	colour = colour && has_colors() && start_color() == OK;
	if (colour)
		have_default = use_default_colors() == OK;
	for (i = 0; i < STYLE_COUNT; i++) {
		const struct style *s = &th->styles[i];
		short fg, bg;

		if (!colour) {
			style_attrs[i] = attrs_to_curses(s->mono_attrs);
			style_fills[i] = ' ';
			style_bgs[i] = -2;
			continue;
		}
		fg = colour_pick(s->fg, s->fg256, have_default, COLOR_WHITE);
		bg = colour_pick(s->bg, s->bg256, have_default, COLOR_BLACK);
		style_bgs[i] = bg;
		/* the normal style on pair 0 makes its blank the screen's
		 * own, which ncurses skips after a clear instead of erasing
		 * (ECH) and stepping over it; ncurses paints pair 0 right
		 * only with both colours the terminal's or both set */
		if (i == STYLE_NORMAL && have_default &&
		    (fg < 0) == (bg < 0) &&
		    assume_default_colors(fg, bg) == OK) {
			normal_on_pair0 = true;
			style_attrs[i] = attrs_to_curses(s->attrs);
			style_fills[i] = ' ';
			continue;
		}
		init_pair((short)(i + 1), fg, bg);
		style_attrs[i] = attrs_to_curses(s->attrs) |
			(attr_t)COLOR_PAIR(i + 1);
		style_fills[i] = ' ' | (chtype)COLOR_PAIR(i + 1);
	}
}

attr_t style_attr(enum style_id id)
{
	return style_attrs[id];
}

chtype style_fill(enum style_id id)
{
	return style_fills[id];
}

attr_t style_blank(attr_t a)
{
	short pair = (short)PAIR_NUMBER(a);

	/* on another pair the normal blank is no cheaper than the row's */
	if (!normal_on_pair0 || (a & (A_REVERSE | A_UNDERLINE | A_STANDOUT)))
		return a;
	if (pair < 0 || pair > STYLE_COUNT ||
	    (pair > 0 && style_bgs[pair - 1] != style_bgs[STYLE_NORMAL]))
		return a;
	return A_NORMAL;
}
