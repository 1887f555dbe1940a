/*
 * console.c — one key at a time, in the current mode.
 */
#include "console.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "history_view.h"
#include "core/contact_find.h"
#include "core/target.h"

const char *input_mode_name(enum input_mode m)
{
	switch (m) {
	case MODE_NORMAL:  return "normal";
	case MODE_PROMPT:  return "prompt";
	case MODE_HELP:    return "help";
	case MODE_CONFIRM: return "confirm";
	case MODE_CONSULT: return "consult";
	case MODE_HISTORY: return "history";
	case MODE_COUNT:   break;
	}
	return "?";
}

static bool console_key_name(void *arg, const char *action, char *key,
			     size_t keysz)
{
	const struct console *c = arg;

	return keymap_key_name(c->km, action, key, keysz);
}

void console_init(struct console *c, struct board *b,
		  const struct keymap *km)
{
	memset(c, 0, sizeof(*c));
	c->board = b;
	c->km = km;
	c->mode = MODE_NORMAL;
	c->log_level = PANE_LOG_INFO;
	c->redraw = true;
	board_set_key_names(b, console_key_name, c);
}

line_id console_selected_line(const struct console *c)
{
	return c->sel.line ? c->sel.line(c->sel.arg) : 0;
}

line_id console_selected_call(const struct console *c)
{
	return c->sel.call ? c->sel.call(c->sel.arg) : 0;
}

const struct extension *console_selected_extension(const struct console *c)
{
	return c->sel.extension ? c->sel.extension(c->sel.arg) : NULL;
}

void console_select_move(struct console *c, int delta)
{
	if (c->sel.move)
		c->sel.move(c->sel.arg, delta);
}

void console_focus_next(struct console *c)
{
	if (c->sel.focus_next)
		c->sel.focus_next(c->sel.arg);
}

int console_select_extension(struct console *c, const char *number)
{
	return c->sel.select_extension ?
		c->sel.select_extension(c->sel.arg, number) : ENOENT;
}

void console_sort_toggle(struct console *c)
{
	if (c->sel.sort_toggle)
		c->sel.sort_toggle(c->sel.arg);
}

void console_close(struct console *c)
{
	contact_find_free(c->find);
	c->find = NULL;
}

void console_find_prepare(struct console *c)
{
	struct board *b = c->board;

	if (contact_find_for(c->find, b->exts, b->nexts))
		return;
	contact_find_free(c->find);
	c->find = contact_find_new(b->exts, b->nexts);
}

void console_directory_changed(struct console *c)
{
	contact_find_free(c->find);
	c->find = NULL;
	console_find_prepare(c);
}

size_t console_matches(struct console *c, size_t *out, size_t max)
{
	if (c->mode != MODE_PROMPT || !c->prompt_targets)
		return 0;
	return console_extensions_matching(c, c->prompt_text, out, max);
}

size_t console_extensions_matching(struct console *c, const char *text,
				   size_t *out, size_t max)
{
	const size_t *order = c->sel.extension_order ?
		c->sel.extension_order(c->sel.arg) : NULL;
	struct board *b = c->board;

	console_find_prepare(c);
	/* without memory for the folded words: every word folded now */
	if (!c->find)
		return target_matches_ordered(text, b->exts, b->nexts, order,
					      out, max);
	return contact_find_matches(c->find, text, order, out, max);
}

/* A missing argument asks for itself: the target prompt with matches
 * (starting at the selected extension where the action says so), or a
 * plain prompt for a number or the ':' command line. */
static void prompt_open(struct console *c, const struct action_def *def)
{
	const struct extension *sel;

	c->mode = MODE_PROMPT;
	c->prompt_targets = def->arg.kind == ARG_TARGET;
	c->prompt_command = def->arg.kind == ARG_LINE;
	c->prompt_pick = 0;
	board_touch(c->board, DIRTY_EXTS);
	snprintf(c->prompt_label, sizeof(c->prompt_label), "%s",
		 def->arg.prompt);
	snprintf(c->prompt_action, sizeof(c->prompt_action), "%s", def->name);
	c->prompt_text[0] = '\0';
	c->redraw = true;
	sel = def->arg.flags & ARGF_SELECTED ?
		console_selected_extension(c) : NULL;
	if (sel)
		snprintf(c->prompt_text, sizeof(c->prompt_text), "%s",
			 sel->number);
}

int console_run(struct console *c, const char *line)
{
	const struct action_def *def;
	struct action_arg a;
	char name[64], why[160];
	const char *text = action_split(line, name, sizeof(name));

	def = action_find(name);
	if (!def) {
		board_status(c->board, true, "Unknown action '%s'", name);
		return ENOENT;
	}
	if (action_arg_parse(def, text, &a, why, sizeof(why))) {
		board_status(c->board, true, "%s %s", name, why);
		return EINVAL;
	}
	if (!action_need_met(def, c->board, text, why, sizeof(why))) {
		board_status(c->board, true, "%s", why);
		return ENOENT;
	}
	if (!*text && def->arg.prompt)
		prompt_open(c, def);
	return def->run(c, &a);
}

/* Typed characters go into the prompt; everything else is a binding. */
static bool prompt_insert(struct console *c, keycode k)
{
	uint32_t ch = keys_char(k);
	size_t len = strlen(c->prompt_text);
	char enc[5] = { 0 };

	if (!ch)
		return false;
	if (ch < 0x80)
		enc[0] = (char)ch;
	else if (ch < 0x800) {
		enc[0] = (char)(0xc0 | (ch >> 6));
		enc[1] = (char)(0x80 | (ch & 0x3f));
	}
	else if (ch < 0x10000) {
		enc[0] = (char)(0xe0 | (ch >> 12));
		enc[1] = (char)(0x80 | ((ch >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (ch & 0x3f));
	}
	else {
		enc[0] = (char)(0xf0 | (ch >> 18));
		enc[1] = (char)(0x80 | ((ch >> 12) & 0x3f));
		enc[2] = (char)(0x80 | ((ch >> 6) & 0x3f));
		enc[3] = (char)(0x80 | (ch & 0x3f));
	}
	/* what cannot be used whole is not taken: nothing is cut later */
	if (c->prompt_targets && len + strlen(enc) > TARGET_MAX) {
		board_status(c->board, true, TARGET_TOO_LONG_TEXT);
		return true;
	}
	if (len + strlen(enc) >= sizeof(c->prompt_text)) {
		board_status(c->board, true, "Too long: at most %zu bytes",
			     sizeof(c->prompt_text) - 1);
		return true;
	}
	memcpy(c->prompt_text + len, enc, strlen(enc) + 1);
	c->prompt_pick = 0;
	c->redraw = true;
	board_touch(c->board, DIRTY_EXTS);
	return true;
}

/* True while a consult waits for complete or cancel. */
static bool consulting(const struct console *c)
{
	return board_consulting(c->board);
}

enum input_mode console_shown_mode(const struct console *c)
{
	return c->mode == MODE_NORMAL && consulting(c) ? MODE_CONSULT :
		c->mode;
}

void console_key(struct console *c, keycode k)
{
	const struct binding *bnd = NULL;
	char name[32];

	/* the consult table overrides normal keys while a consult is up */
	if (c->mode == MODE_NORMAL && consulting(c))
		bnd = keymap_lookup(c->km, MODE_CONSULT, k);
	if (!bnd)
		bnd = keymap_lookup(c->km, c->mode, k);

	if (bnd) {
		console_run(c, bnd->action);
		return;
	}
	if (c->mode == MODE_PROMPT && prompt_insert(c, k))
		return;
	/* typing over the history view finds, like a target prompt */
	if (c->mode == MODE_HISTORY && prompt_insert(c, k)) {
		history_view_find(c);
		return;
	}
	if (c->mode == MODE_HELP) {
		c->mode = MODE_NORMAL;
		c->redraw = true;
		return;
	}
	keys_name(k, name, sizeof(name));
	board_status(c->board, true, "%s is not bound in %s mode (%s for "
		     "help)", name, input_mode_name(c->mode),
		     board_key(c->board, "help"));
}
