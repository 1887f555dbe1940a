/*
 * action.c — what each action does. Handlers call the board for
 * switchboard work and change only the console's own input state.
 */
#include "action.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "core/target.h"

static int act_answer(struct console *c, const char *arg)
{
	const struct line *sel = board_line(c->board, console_selected_line(c));

	/* a selected call that does not ring: the oldest ringing one */
	return board_answer(c->board, sel && sel->state == LINE_OFFERED ?
			    sel->id : 0);
}

/* A headset's one call button: it answers while a call rings and hangs
 * up the call the operator talks on otherwise. */
static int act_answer_or_hangup(struct console *c, const char *arg)
{
	size_t i;

	for (i = 0; i < c->board->nlines; i++) {
		if (c->board->lines[i].state == LINE_OFFERED)
			return board_answer(c->board, c->board->lines[i].id);
	}
	if (!board_talking_line(c->board)) {
		board_status(c->board, true, "No call to answer or hang up");
		return ENOENT;
	}
	return board_hangup(c->board, board_talking_line(c->board)->id);
}

static int act_hold(struct console *c, const char *arg)
{
	return board_hold_toggle(c->board, console_selected_line(c));
}

static int act_hangup(struct console *c, const char *arg)
{
	return board_hangup(c->board, console_selected_line(c));
}

static void prompt_open(struct console *c, const char *label,
			const char *action)
{
	c->mode = MODE_PROMPT;
	c->prompt_targets = true;
	c->prompt_command = false;
	c->prompt_pick = 0;
	board_touch(c->board, DIRTY_EXTS);
	snprintf(c->prompt_label, sizeof(c->prompt_label), "%s", label);
	snprintf(c->prompt_action, sizeof(c->prompt_action), "%s", action);
	c->prompt_text[0] = '\0';
	c->redraw = true;
}

/* A target action: runs with the target given, or opens the target
 * prompt whose Enter comes back here with it. With an extension
 * selected, the prompt starts with its number: Enter sends there. */
static int target_action(struct console *c, const char *arg,
			 const char *label, const char *action,
			 int (*run)(struct console *c, const char *target))
{
	const struct extension *sel;

	if (!*arg) {
		prompt_open(c, label, action);
		sel = console_selected_extension(c);
		if (sel)
			snprintf(c->prompt_text, sizeof(c->prompt_text), "%s",
				 sel->number);
		return 0;
	}
	return run(c, arg);
}

/* Selects the extension TEXT names: its number, else the first match
 * of the same finder as the target prompts. */
static int find_run(struct console *c, const char *text)
{
	struct board *b = c->board;
	const struct extension *e = board_extension(b, text);
	size_t m[1];

	if (!e && target_matches(text, b->exts, b->nexts, m, 1))
		e = &b->exts[m[0]];
	if (!e) {
		board_status(b, true, "No extension matches '%s'", text);
		return ENOENT;
	}
	console_select_extension(c, e->number);
	board_status(b, false, "%s (%s): d dial, c consult, t transfer, "
		     "v voicemail", e->name, e->number);
	return 0;
}

static int act_find(struct console *c, const char *arg)
{
	if (!*arg) {
		prompt_open(c, "Find", "find");
		return 0;
	}
	return find_run(c, arg);
}

static int dial_run(struct console *c, const char *target)
{
	return board_dial(c->board, target);
}

static int consult_run(struct console *c, const char *target)
{
	return board_consult(c->board, console_selected_line(c), target);
}

static int blind_run(struct console *c, const char *target)
{
	return board_blind(c->board, console_selected_line(c), target);
}

static int voicemail_run(struct console *c, const char *target)
{
	return board_voicemail(c->board, console_selected_line(c), target);
}

static int intercom_run(struct console *c, const char *target)
{
	return board_intercom(c->board, console_selected_line(c), target);
}

static int act_dial(struct console *c, const char *arg)
{
	return target_action(c, arg, "Dial", "dial", dial_run);
}

static int act_consult(struct console *c, const char *arg)
{
	return target_action(c, arg, "Consult", "consult", consult_run);
}

static int act_transfer(struct console *c, const char *arg)
{
	return target_action(c, arg, "Transfer to", "transfer", blind_run);
}

static int act_voicemail(struct console *c, const char *arg)
{
	return target_action(c, arg, "Voicemail of", "voicemail",
			     voicemail_run);
}

static int act_intercom(struct console *c, const char *arg)
{
	return target_action(c, arg, "Page", "intercom", intercom_run);
}

static int act_park(struct console *c, const char *arg)
{
	return board_park(c->board, console_selected_line(c));
}

/* "pickup 3" takes slot 3 back; without a slot it asks for one. */
static int act_pickup(struct console *c, const char *arg)
{
	char *end;
	unsigned long slot;

	if (!*arg) {
		prompt_open(c, "Pick up slot", "pickup");
		c->prompt_targets = false;
		return 0;
	}
	slot = strtoul(arg, &end, 10);
	while (*end == ' ')
		end++;
	if (*end || arg[0] < '0' || arg[0] > '9' || slot > 1000) {
		board_status(c->board, true, "pickup takes a slot number, not "
			     "'%s'", arg);
		return EINVAL;
	}
	return board_pickup(c->board, (unsigned)slot);
}

static int act_swap(struct console *c, const char *arg)
{
	return board_swap(c->board);
}

static int act_complete(struct console *c, const char *arg)
{
	return board_complete(c->board, console_selected_call(c));
}

static int act_merge(struct console *c, const char *arg)
{
	return board_merge(c->board, console_selected_line(c));
}

static int act_split(struct console *c, const char *arg)
{
	return board_split(c->board, console_selected_line(c));
}

static int act_leave(struct console *c, const char *arg)
{
	return board_leave(c->board);
}

static int act_cancel(struct console *c, const char *arg)
{
	return board_cancel_consult(c->board, console_selected_call(c));
}

static int act_dtmf(struct console *c, const char *arg)
{
	if (strlen(arg) != 1 || !strchr("0123456789*#ABCD", arg[0])) {
		board_status(c->board, true, "dtmf: '%s' is not a DTMF digit",
			     arg);
		return EINVAL;
	}
	return board_dtmf(c->board, arg[0]);
}

static int act_mute(struct console *c, const char *arg)
{
	if (!*arg)
		return board_mute(c->board, -1);
	if (!strcmp(arg, "on") || !strcmp(arg, "off"))
		return board_mute(c->board, !strcmp(arg, "on"));
	board_status(c->board, true, "mute: '%s' is not on or off", arg);
	return EINVAL;
}

static int act_volume(struct console *c, const char *arg)
{
	char *end;
	long db;

	if (!strcmp(arg, "up"))
		return board_volume_step(c->board, 1);
	if (!strcmp(arg, "down"))
		return board_volume_step(c->board, -1);
	db = strtol(arg, &end, 10);
	if (end == arg || *end || db < BOARD_VOLUME_MIN_DB ||
	    db > BOARD_VOLUME_MAX_DB) {
		board_status(c->board, true, "volume: '%s' is not up, down or "
			     "%d..%d (dB)", arg, BOARD_VOLUME_MIN_DB,
			     BOARD_VOLUME_MAX_DB);
		return EINVAL;
	}
	return board_volume_set(c->board, (int)db);
}

static int act_select_up(struct console *c, const char *arg)
{
	console_select_move(c, -1);
	return 0;
}

static int act_select_down(struct console *c, const char *arg)
{
	console_select_move(c, 1);
	return 0;
}

static int act_focus_next(struct console *c, const char *arg)
{
	console_focus_next(c);
	return 0;
}

static int act_sort(struct console *c, const char *arg)
{
	console_sort_toggle(c);
	return 0;
}

static int act_help(struct console *c, const char *arg)
{
	c->mode = MODE_HELP;
	c->redraw = true;
	return 0;
}

static int act_back(struct console *c, const char *arg)
{
	c->mode = MODE_NORMAL;
	c->redraw = true;
	return 0;
}

static int act_redraw(struct console *c, const char *arg)
{
	c->full_redraw = true;
	return 0;
}

/* Runs one of the app's hooks, or says what this console cannot do
 * (unit tests and listings run without an app). */
static int app_hook(struct console *c, int (*hook)(struct console *c,
						   const char *arg),
		    const char *arg, const char *cannot)
{
	if (!hook) {
		board_status(c->board, true, "%s", cannot);
		return ENOTSUP;
	}
	return hook(c, arg);
}

static int act_theme(struct console *c, const char *arg)
{
	return app_hook(c, c->set_theme, arg,
			"Themes cannot be changed here");
}

static int act_quit(struct console *c, const char *arg)
{
	size_t live = board_count_live(c->board);

	if (live == 0 || !strcmp(arg, "now")) {
		c->quit = true;
		return 0;
	}
	c->mode = MODE_CONFIRM;
	snprintf(c->confirm_text, sizeof(c->confirm_text),
		 "%zu call%s up: hang up and quit? (y/n)", live,
		 live == 1 ? " is" : "s are");
	snprintf(c->confirm_action, sizeof(c->confirm_action), "quit now");
	c->confirm_alt[0] = '\0';
	c->redraw = true;
	return 0;
}

static int act_confirm_yes(struct console *c, const char *arg)
{
	char action[320];

	snprintf(action, sizeof(action), "%s", c->confirm_action);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	return console_run(c, action);
}

static int act_confirm_no(struct console *c, const char *arg)
{
	c->mode = MODE_NORMAL;
	c->redraw = true;
	board_status(c->board, false, "Cancelled");
	return 0;
}

/* What a target prompt submits: a URI as typed, else the highlighted
 * match, else the text as typed (a number outside the list). */
static const char *prompt_target(struct console *c)
{
	size_t m[64], n;

	if (!c->prompt_targets || strpbrk(c->prompt_text, ":@"))
		return c->prompt_text;
	n = console_matches(c, m, 64);
	if (n == 0)
		return c->prompt_text;
	if (c->prompt_pick >= n || c->prompt_pick >= 64)
		c->prompt_pick = 0;
	return c->board->exts[m[c->prompt_pick]].number;
}

/* Sending a caller to someone who is busy, in DND or offline is worth
 * one more key: go ahead, voicemail instead, or not at all. */
static bool target_unavailable(struct console *c, const char *action,
			       const char *target)
{
	const struct extension *ext;
	char uri[256], msg[160];
	const char *why = NULL;

	if (strcmp(action, "consult") && strcmp(action, "transfer"))
		return false;
	if (target_resolve(target, c->board->exts, c->board->nexts,
			   c->board->default_domain, uri, sizeof(uri), &ext,
			   msg, sizeof(msg)) != TARGET_OK || !ext)
		return false;
	switch (ext->presence) {
	case PRESENCE_BUSY:    why = "is busy"; break;
	case PRESENCE_DND:     why = "does not want to be disturbed"; break;
	case PRESENCE_OFFLINE: why = "is offline"; break;
	default:               break;
	}
	if (!why)
		return false;
	snprintf(c->confirm_text, sizeof(c->confirm_text),
		 "%s %s: y go ahead, v voicemail, n cancel", ext->name, why);
	snprintf(c->confirm_action, sizeof(c->confirm_action), "%s %s",
		 action, ext->number);
	snprintf(c->confirm_alt, sizeof(c->confirm_alt), "voicemail %s",
		 ext->number);
	c->mode = MODE_CONFIRM;
	return true;
}

static int act_prompt_submit(struct console *c, const char *arg)
{
	char line[320], target[256];

	snprintf(target, sizeof(target), "%s", prompt_target(c));
	snprintf(line, sizeof(line), "%s %s", c->prompt_action, target);
	board_touch(c->board, DIRTY_EXTS);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	if (!c->prompt_text[0]) {
		board_status(c->board, false, "Cancelled");
		return 0;
	}
	if (target_unavailable(c, c->prompt_action, target))
		return 0;
	return console_run(c, line);
}

/* ':' — any action by name with its arguments, as a keymap would bind
 * it; a caller sent to someone busy is asked about as from a prompt. */
static int act_command(struct console *c, const char *arg)
{
	char name[64];
	const char *rest;

	if (!*arg) {
		prompt_open(c, ":", "command");
		c->prompt_targets = false;
		c->prompt_command = true;
		return 0;
	}
	rest = action_split(arg, name, sizeof(name));
	if (!strcmp(name, "command")) {
		board_status(c->board, true, "command cannot run command");
		return EINVAL;
	}
	if (*rest && target_unavailable(c, name, rest))
		return 0;
	return console_run(c, arg);
}

static int act_confirm_alt(struct console *c, const char *arg)
{
	char action[320];

	if (!c->confirm_alt[0]) {
		board_status(c->board, true, "Nothing else to offer here");
		return ENOENT;
	}
	snprintf(action, sizeof(action), "%s", c->confirm_alt);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	return console_run(c, action);
}

static int act_prompt_move(struct console *c, int delta)
{
	size_t m[64], n = console_matches(c, m, 64);

	if (n == 0)
		return 0;
	if (n > 64)
		n = 64;
	c->prompt_pick = (c->prompt_pick + n + (size_t)(long)delta) % n;
	board_touch(c->board, DIRTY_EXTS);
	return 0;
}

static int act_macro(struct console *c, const char *arg)
{
	return app_hook(c, c->run_macro, arg, "Macros cannot run here");
}

static int act_prompt_complete(struct console *c, const char *arg)
{
	if (c->prompt_command) {
		console_complete(c);
		return 0;
	}
	return act_prompt_move(c, 1);
}

static int act_prompt_next(struct console *c, const char *arg)
{
	return act_prompt_move(c, 1);
}

static int act_prompt_prev(struct console *c, const char *arg)
{
	return act_prompt_move(c, -1);
}

static int act_prompt_cancel(struct console *c, const char *arg)
{
	board_touch(c->board, DIRTY_EXTS);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	board_status(c->board, false, "Cancelled");
	return 0;
}

static int act_prompt_erase(struct console *c, const char *arg)
{
	size_t len = strlen(c->prompt_text);

	/* drop one whole UTF-8 character */
	while (len > 0) {
		unsigned char ch = (unsigned char)c->prompt_text[--len];
		if ((ch & 0xc0) != 0x80)
			break;
	}
	c->prompt_text[len] = '\0';
	c->prompt_pick = 0;
	c->redraw = true;
	board_touch(c->board, DIRTY_EXTS);
	return 0;
}

static int act_prompt_clear(struct console *c, const char *arg)
{
	c->prompt_text[0] = '\0';
	c->redraw = true;
	return 0;
}

static const struct action_def actions[] = {
	{ "answer", ARG_NONE, NULL,
	  "Answer the selected call, or the oldest ringing one", act_answer },
	{ "answer-or-hangup", ARG_NONE, NULL,
	  "Answer the oldest ringing call; with none ringing, hang up the "
	  "call you talk on (a headset's call button)", act_answer_or_hangup },
	{ "hold", ARG_NONE, NULL,
	  "Hold or retrieve the selected call", act_hold },
	{ "hangup", ARG_NONE, NULL,
	  "Hang up (or reject) the selected call", act_hangup },
	{ "dial", ARG_OPTIONAL, "TARGET",
	  "Dial an extension, a name or a SIP URI (prompts without one)",
	  act_dial },
	{ "consult", ARG_OPTIONAL, "TARGET",
	  "Hold the caller and call a colleague (prompts without a target)",
	  act_consult },
	{ "swap", ARG_NONE, NULL,
	  "Swap between the caller and the consulted colleague", act_swap },
	{ "find", ARG_OPTIONAL, "TEXT",
	  "Find an extension by name, number or department and select it",
	  act_find },
	{ "complete", ARG_NONE, NULL,
	  "Complete the transfer: caller and colleague are connected",
	  act_complete },
	{ "cancel", ARG_NONE, NULL,
	  "Cancel the consult and go back to the caller", act_cancel },
	{ "merge", ARG_NONE, NULL,
	  "Conference: join the consult, add the selected held call, "
	  "or rejoin", act_merge },
	{ "split", ARG_NONE, NULL,
	  "Split the conference: back to a consult, the others held",
	  act_split },
	{ "leave", ARG_NONE, NULL,
	  "Leave the conference: the parties stay connected to each other",
	  act_leave },
	{ "transfer", ARG_OPTIONAL, "TARGET",
	  "Blind transfer the caller (prompts without a target)",
	  act_transfer },
	{ "intercom", ARG_OPTIONAL, "TARGET",
	  "Page a colleague (their phone answers by itself); the caller "
	  "waits on hold: T completes, x ends the page", act_intercom },
	{ "park", ARG_NONE, NULL,
	  "Park the caller in the first free slot (extensions pick it up)",
	  act_park },
	{ "pickup", ARG_OPTIONAL, "SLOT",
	  "Take a parked caller back (0: the one waiting longest)",
	  act_pickup },
	{ "voicemail", ARG_OPTIONAL, "EXTENSION",
	  "Send the caller to an extension's voicemail", act_voicemail },
	{ "dtmf", ARG_REQUIRED, "DIGIT",
	  "Send a DTMF digit to the connected call", act_dtmf },
	{ "mute", ARG_OPTIONAL, "on|off",
	  "Mute or unmute your microphone (toggles without an argument)",
	  act_mute },
	{ "volume", ARG_REQUIRED, "up|down|DB",
	  "Your headset volume: 3 dB louder, softer, or DB (-30..12)",
	  act_volume },
	{ "select-up", ARG_NONE, NULL, "Select the previous entry",
	  act_select_up },
	{ "select-down", ARG_NONE, NULL, "Select the next entry",
	  act_select_down },
	{ "focus-next", ARG_NONE, NULL,
	  "Move between the calls and extensions panes", act_focus_next },
	{ "sort", ARG_NONE, NULL,
	  "Order the extensions by number or by department", act_sort },
	{ "help", ARG_NONE, NULL, "Show the keys of this mode", act_help },
	{ "help-close", ARG_NONE, NULL, "Close the help", act_back },
	{ "redraw", ARG_NONE, NULL, "Repaint the whole screen", act_redraw },
	{ "theme", ARG_REQUIRED, "NAME",
	  "Switch to themes/NAME.theme (default, light, high-contrast, mono)",
	  act_theme },
	{ "quit", ARG_OPTIONAL, "now",
	  "Quit (asks first while calls are up)", act_quit },
	{ "confirm-yes", ARG_NONE, NULL, "Answer yes to the question",
	  act_confirm_yes },
	{ "confirm-alt", ARG_NONE, NULL,
	  "Take the other offer of the question (voicemail)",
	  act_confirm_alt },
	{ "confirm-no", ARG_NONE, NULL, "Answer no to the question",
	  act_confirm_no },
	{ "prompt-submit", ARG_NONE, NULL, "Run what was typed",
	  act_prompt_submit },
	{ "prompt-cancel", ARG_NONE, NULL, "Close the prompt",
	  act_prompt_cancel },
	{ "macro", ARG_REQUIRED, "NAME",
	  "Run a macro of the keymap (its steps, one after another)",
	  act_macro },
	{ "command", ARG_OPTIONAL, "LINE",
	  "Run any action by name with its arguments (opens ':' without)",
	  act_command },
	{ "prompt-complete", ARG_NONE, NULL,
	  "Complete the action or target (command line), else next match",
	  act_prompt_complete },
	{ "prompt-next", ARG_NONE, NULL, "Highlight the next match",
	  act_prompt_next },
	{ "prompt-prev", ARG_NONE, NULL, "Highlight the previous match",
	  act_prompt_prev },
	{ "prompt-erase", ARG_NONE, NULL, "Erase the last character",
	  act_prompt_erase },
	{ "prompt-clear", ARG_NONE, NULL, "Erase the whole line",
	  act_prompt_clear },
};

const struct action_def *action_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		if (!strcmp(actions[i].name, name))
			return &actions[i];
	}
	return NULL;
}

const struct action_def *action_at(size_t i)
{
	if (i >= sizeof(actions) / sizeof(actions[0]))
		return NULL;
	return &actions[i];
}

const char *action_split(const char *line, char *name, size_t namesz)
{
	size_t n = 0;

	while (isspace((unsigned char)*line))
		line++;
	while (*line && !isspace((unsigned char)*line)) {
		if (n + 1 < namesz)
			name[n++] = *line;
		line++;
	}
	name[n] = '\0';
	while (isspace((unsigned char)*line))
		line++;
	return line;
}
