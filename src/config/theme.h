/*
 * theme — semantic screen elements and their styles, read from
 * themes/NAME.theme. Colours are plain numbers here (no curses):
 * -1 is the terminal default, 0-7 the ANSI colours, 8-255 the 256-colour
 * palette. Each style has an 8-colour pair and an optional 256 pair.
 */
#ifndef CORDBOARD_CONFIG_THEME_H
#define CORDBOARD_CONFIG_THEME_H

#include <stdbool.h>

#include "core/diag.h"

enum style_id {
	STYLE_NORMAL = 0,
	STYLE_BORDER,
	STYLE_TITLE,
	STYLE_SELECTED,
	STYLE_RINGING,        /* incoming call ringing at the console */
	STYLE_DIALING,        /* outgoing call, not answered yet */
	STYLE_TALKING,
	STYLE_HELD,
	STYLE_RECALL,         /* a failed transfer brought the caller back */
	STYLE_CONSULT,        /* the colleague's leg of a consult */
	STYLE_CONFERENCE,     /* a leg of a conference */
	STYLE_STATUS,
	STYLE_STATUS_ERROR,
	STYLE_PROMPT,
	STYLE_HELP,
	STYLE_LOG,
	STYLE_LOG_ERROR,
	STYLE_PRESENCE_AVAILABLE,
	STYLE_PRESENCE_AWAY,
	STYLE_PRESENCE_BUSY,
	STYLE_PRESENCE_DND,
	STYLE_PRESENCE_OFFLINE,
	STYLE_PRESENCE_UNKNOWN,
	STYLE_ALARM,          /* a caller waited too long (queue.h: alarm) */
	STYLE_COUNT
};

enum {
	ATTR_BOLD      = 1 << 0,
	ATTR_DIM       = 1 << 1,
	ATTR_UNDERLINE = 1 << 2,
	ATTR_REVERSE   = 1 << 3,
	ATTR_BLINK     = 1 << 4,
	ATTR_ITALIC    = 1 << 5,
};

#define COLOUR_DEFAULT (-1)
#define COLOUR_UNSET   (-2)

struct style {
	short fg, bg;          /* 8-colour values (or COLOUR_DEFAULT) */
	short fg256, bg256;    /* COLOUR_UNSET when not given */
	unsigned attrs;        /* ATTR_* */
	unsigned mono_attrs;   /* used when the terminal has no colour */
};

struct theme {
	char name[64];
	struct style styles[STYLE_COUNT];
};

/* The element's name in theme files, e.g. "presence-away". */
const char *style_name(enum style_id id);

/* Every element plain (default colours, no attributes, mono_attrs as a
 * sensible monochrome default, e.g. reverse for "selected"). */
void theme_defaults(struct theme *t);

/* Loads path over the defaults. Returns 0, or an errno value with the
 * errors ("FILE:LINE: unknown element 'x'", unknown colour or attribute)
 * in d; then t is the built-in plain theme. */
int theme_load(struct theme *t, const char *path, struct diag *d);

#endif
