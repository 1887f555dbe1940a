/*
 * action.c — what each action does. Handlers call the board for
 * switchboard work and change only the console's own input state.
 */
#include "action.h"
#include "action_int.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "core/absence.h"
#include "core/target.h"

/* The head of the queue, unless the operator moved onto a ringing
 * call by hand: a selection that merely stayed put is no choice. */
static int act_answer(struct console *c, const struct action_arg *a)
{
	line_id id = console_selected_line(c);
	const struct line *sel = board_line(c->board, id);
	bool chosen = sel && sel->state == LINE_OFFERED && id == c->chosen;

	c->chosen = 0;
	return board_answer(c->board, chosen ? id : 0);
}

/* A headset's one call button: it answers while a call rings and hangs
 * up the call the operator talks on otherwise. */
static int act_answer_or_hangup(struct console *c, const struct action_arg *a)
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

static int act_hold(struct console *c, const struct action_arg *a)
{
	return board_hold_toggle(c->board, console_selected_line(c));
}

static int act_hangup(struct console *c, const struct action_arg *a)
{
	return board_hangup(c->board, console_selected_line(c));
}

int target_action(struct console *c, const struct action_arg *a,
			 int (*run)(struct console *c, const char *target))
{
	if (!*a->text)
		return 0;
	return run(c, a->text);
}

/* Selects the extension TEXT names: its number, else the first match
 * of the same finder as the target prompts. */
static int find_run(struct console *c, const char *text)
{
	struct board *b = c->board;
	const struct extension *e = board_extension(b, text);
	size_t m[1];

	if (!e && console_extensions_matching(c, text, m, 1))
		e = &b->exts[m[0]];
	if (!e) {
		board_status(b, true, "No extension matches '%s'", text);
		return ENOENT;
	}
	console_select_extension(c, e->number);
	board_status(b, false, "%s (%s): %s dial, %s consult, %s transfer, "
		     "%s voicemail", e->name, e->number, board_key(b, "dial"),
		     board_key(b, "consult"), board_key(b, "transfer"),
		     board_key(b, "voicemail"));
	return 0;
}

static int act_find(struct console *c, const struct action_arg *a)
{
	if (!*a->text)
		return 0;
	return find_run(c, a->text);
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

static int act_dial(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, dial_run);
}

static int act_consult(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, consult_run);
}

static int act_transfer(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, blind_run);
}

/* Right after a transfer met an absent colleague, the voicemail key
 * alone sends the caller to theirs. */
static int act_voicemail(struct console *c, const struct action_arg *a)
{
	const char *absent = board_absence_offered(c->board);

	if (!*a->text && absent) {
		c->mode = MODE_NORMAL;
		c->redraw = true;
		return voicemail_run(c, absent);
	}
	return target_action(c, a, voicemail_run);
}

static int act_intercom(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, intercom_run);
}

static int act_park(struct console *c, const struct action_arg *a)
{
	return board_park(c->board, console_selected_line(c));
}

/* "pickup 3" takes slot 3 back; without a slot it asked for one. */
static int act_pickup(struct console *c, const struct action_arg *a)
{
	if (!*a->text)
		return 0;
	return board_pickup(c->board, (unsigned)a->num);
}

static int act_swap(struct console *c, const struct action_arg *a)
{
	return board_swap(c->board);
}

static int act_complete(struct console *c, const struct action_arg *a)
{
	return board_complete(c->board, console_selected_call(c));
}

static int act_merge(struct console *c, const struct action_arg *a)
{
	return board_merge(c->board, console_selected_line(c));
}

static int act_split(struct console *c, const struct action_arg *a)
{
	return board_split(c->board, console_selected_line(c));
}

static int act_leave(struct console *c, const struct action_arg *a)
{
	return board_leave(c->board);
}

/* Esc on a caller waiting for a colleague ends the wait; else it
 * cancels the consult, else it declines to wait for a busy colleague. */
static int act_cancel(struct console *c, const struct action_arg *a)
{
	line_id sel = console_selected_call(c);

	if (board_camped_on(c->board, sel))
		return board_camp_on_cancel(c->board, sel);
	if (board_consulting(c->board))
		return board_cancel_consult(c->board, sel);
	if (board_absence_decline(c->board))
		return 0;
	return board_camp_on_cancel(c->board, 0);
}

static int act_dtmf(struct console *c, const struct action_arg *a)
{
	return board_dtmf(c->board, a->text[0]);
}

static int act_mute(struct console *c, const struct action_arg *a)
{
	if (a->word < 0)
		return board_mute(c->board, -1);
	return board_mute(c->board, a->word == 0);
}

static int act_volume(struct console *c, const struct action_arg *a)
{
	if (a->word == 0)
		return board_volume_step(c->board, 1);
	if (a->word == 1)
		return board_volume_step(c->board, -1);
	return board_volume_set(c->board, (int)a->num);
}

static int act_select_up(struct console *c, const struct action_arg *a)
{
	console_select_move(c, -1);
	c->chosen = console_selected_line(c);
	return 0;
}

static int act_select_down(struct console *c, const struct action_arg *a)
{
	console_select_move(c, 1);
	c->chosen = console_selected_line(c);
	return 0;
}

static int act_focus_next(struct console *c, const struct action_arg *a)
{
	console_focus_next(c);
	return 0;
}

static int act_sort(struct console *c, const struct action_arg *a)
{
	console_sort_toggle(c);
	return 0;
}

static int act_help(struct console *c, const struct action_arg *a)
{
	c->mode = MODE_HELP;
	c->help_messages = false;
	c->help_top = 0;
	c->redraw = true;
	return 0;
}

static int act_back(struct console *c, const struct action_arg *a)
{
	c->mode = MODE_NORMAL;
	c->redraw = true;
	return 0;
}

static int act_redraw(struct console *c, const struct action_arg *a)
{
	c->full_redraw = true;
	return 0;
}

static int act_quit(struct console *c, const struct action_arg *a)
{
	size_t live = board_count_live(c->board);

	if (live == 0 || a->word == 0) {
		c->quit = true;
		return 0;
	}
	c->mode = MODE_CONFIRM;
	snprintf(c->confirm_text, sizeof(c->confirm_text),
		 "%zu call%s up: hang up and quit? (%s/%s)", live,
		 live == 1 ? " is" : "s are", board_key(c->board, "confirm-yes"),
		 board_key(c->board, "confirm-no"));
	snprintf(c->confirm_action, sizeof(c->confirm_action), "quit now");
	c->confirm_alt[0] = '\0';
	c->redraw = true;
	return 0;
}

static int act_confirm_yes(struct console *c, const struct action_arg *a)
{
	char action[320];

	snprintf(action, sizeof(action), "%s", c->confirm_action);
	c->mode = MODE_NORMAL;
	c->redraw = true;
	return console_run(c, action);
}

static int act_confirm_no(struct console *c, const struct action_arg *a)
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
	/* a contact found by their mobile is sent to the mobile */
	return target_picked(c->prompt_text,
			     &c->board->exts[m[c->prompt_pick]]);
}

/* Sending a caller to someone who is busy, in DND or offline is worth
 * one more key: go ahead, voicemail instead, or not at all. */
static bool target_unavailable(struct console *c, const char *action,
			       const char *target)
{
	const struct action_def *def = action_find(action);
	const struct extension *ext;
	char uri[256], msg[160];
	const char *why = NULL;

	if (!def || !(def->arg.flags & ARGF_ASK_AWAY))
		return false;
	if (target_resolve(target, c->board->exts, c->board->nexts,
			   c->board->default_domain, uri, sizeof(uri), &ext,
			   msg, sizeof(msg)) != TARGET_OK || !ext)
		return false;
	switch (ext->presence) {
	case PRESENCE_BUSY:
		/* on a call: core offers to camp on instead (campon.c) */
		if (ext->line_state == EXT_LINE_INCALL ||
		    ext->line_state == EXT_LINE_RINGING ||
		    ext->line_state == EXT_LINE_HELD)
			return false;
		why = "is busy";
		break;
	case PRESENCE_DND:     why = "does not want to be disturbed"; break;
	case PRESENCE_OFFLINE: why = "is offline"; break;
	default:               break;
	}
	if (!why)
		return false;
	snprintf(c->confirm_text, sizeof(c->confirm_text),
		 "%s %s: %s go ahead, %s voicemail, %s cancel", ext->name, why,
		 board_key(c->board, "confirm-yes"),
		 board_key(c->board, "confirm-alt"),
		 board_key(c->board, "confirm-no"));
	snprintf(c->confirm_action, sizeof(c->confirm_action), "%s %s",
		 action, ext->number);
	snprintf(c->confirm_alt, sizeof(c->confirm_alt), "voicemail %s",
		 ext->number);
	c->mode = MODE_CONFIRM;
	return true;
}

static int act_prompt_submit(struct console *c, const struct action_arg *a)
{
	char line[sizeof(c->prompt_text) + 64], target[sizeof(c->prompt_text)];

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
static int act_command(struct console *c, const struct action_arg *a)
{
	char name[64];
	const char *rest;

	if (!*a->text)
		return 0;
	rest = action_split(a->text, name, sizeof(name));
	if (!strcmp(name, "command")) {
		board_status(c->board, true, "command cannot run command");
		return EINVAL;
	}
	if (*rest && target_unavailable(c, name, rest))
		return 0;
	return console_run(c, a->text);
}

static int act_confirm_alt(struct console *c, const struct action_arg *a)
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

/* The argument of an action that takes none. */
#define NO_ARG { .kind = ARG_NONE }

/* An action any state may run. */
#define ANY_STATE { NEED_NOTHING, NULL }

/* A target: completed from the directory, prompted with matches. */
#define TARGET_ARG(label, flg) { .kind = ARG_TARGET, .help = "TARGET", \
	.prompt = (label), .flags = (flg) }

static const struct action_def actions[] = {
	{ "answer", NO_ARG, { NEED_RINGING, "No ringing call to answer" },
	  "Answer the caller at the head of the queue (or the ringing call "
	  "you moved to)", act_answer },
	{ "answer-or-hangup", NO_ARG,
	  { NEED_CALL, "No call to answer or hang up" },
	  "Answer the oldest ringing call; with none ringing, hang up the "
	  "call you talk on (a headset's call button)", act_answer_or_hangup },
	{ "hold", NO_ARG, { NEED_CALL, "No call to hold" },
	  "Hold or retrieve the selected call", act_hold },
	{ "hangup", NO_ARG, { NEED_CALL, "No call selected to hang up" },
	  "Hang up (or reject) the selected call", act_hangup },
	{ "dial", TARGET_ARG("Dial", ARGF_SELECTED), ANY_STATE,
	  "Dial an extension, a name or a SIP URI (prompts without one)",
	  act_dial },
	{ "consult", TARGET_ARG("Consult", ARGF_SELECTED | ARGF_ASK_AWAY),
	  ANY_STATE,
	  "Hold the caller and call a colleague (prompts without a target)",
	  act_consult },
	{ "swap", NO_ARG, { NEED_CALL, "Nothing to swap" },
	  "Swap between the caller and the consulted colleague", act_swap },
	{ "find", { .kind = ARG_TARGET, .help = "TEXT", .prompt = "Find" },
	  ANY_STATE,
	  "Find an extension by name, number or department and select it",
	  act_find },
	{ "complete", NO_ARG, ANY_STATE,
	  "Complete the transfer: caller and colleague are connected",
	  act_complete },
	{ "cancel", NO_ARG, { NEED_CALL, "No consult to cancel" },
	  "Cancel the consult and go back to the caller (or end a "
	  "camp-on)", act_cancel },
	{ "merge", NO_ARG, ANY_STATE,
	  "Conference: join the consult, add the selected held call, "
	  "or rejoin", act_merge },
	{ "split", NO_ARG, { NEED_CONFERENCE, "No conference to split" },
	  "Split the conference: back to a consult, the others held",
	  act_split },
	{ "leave", NO_ARG, { NEED_CONFERENCE, "No conference to leave" },
	  "Leave the conference: the parties stay connected to each other",
	  act_leave },
	{ "transfer",
	  TARGET_ARG("Transfer to", ARGF_SELECTED | ARGF_ASK_AWAY), ANY_STATE,
	  "Blind transfer the caller (prompts without a target)",
	  act_transfer },
	{ "intercom", TARGET_ARG("Page", ARGF_SELECTED), ANY_STATE,
	  "Page a colleague (their phone answers by itself); the caller "
	  "waits on hold: complete connects them, hangup ends the page",
	  act_intercom },
	{ "park", NO_ARG,
	  { NEED_CALL, "Nothing to park: answer a call first" },
	  "Park the caller in the first free slot (extensions pick it up)",
	  act_park },
	{ "pickup", { .kind = ARG_NUMBER, .help = "SLOT",
		      .prompt = "Pick up slot", .min = 0, .max = 1000,
		      .what = "a slot number" }, ANY_STATE,
	  "Take a parked caller back (0: the one waiting longest)",
	  act_pickup },
	{ "take", { .kind = ARG_TARGET, .help = "OPERATOR",
		    .prompt = "Take the caller waiting at",
		    .flags = ARGF_SELECTED },
	  ANY_STATE,
	  "Take a caller another operator parked or holds (their console "
	  "hands it over)", act_take },
	{ "voicemail", { .kind = ARG_TARGET, .help = "EXTENSION",
			 .prompt = "Voicemail of", .flags = ARGF_SELECTED },
	  ANY_STATE,
	  "Send the caller to an extension's voicemail", act_voicemail },
	{ "mobile", { .kind = ARG_TARGET, .help = "TARGET", .optional = true },
	  { NEED_CALL, "No caller to send to a mobile" },
	  "Send the caller to a colleague's mobile (without TARGET: the "
	  "absent one a transfer just met)", act_mobile },
	{ "camp-on", { .kind = ARG_TARGET, .help = "TARGET",
		       .optional = true },
	  { NEED_CALL, "Nothing to camp on: answer a call first" },
	  "The caller waits on hold for a busy colleague and is offered "
	  "when they are free (without TARGET: the one just found busy)",
	  act_camp_on },
	{ "absent", { .kind = ARG_TEXT, .help = "EXTENSION [until HH:MM|"
		      "YYYY-MM-DD] [NOTE]",
		      .prompt = "Out (201 until 14:00 note)",
		      .flags = ARGF_SELECTED }, ANY_STATE,
	  "Mark a colleague out, until a time or day, with a note; "
	  "transfers to them offer voicemail or their deputy",
	  act_absent },
	{ "message", TARGET_ARG("Message for", ARGF_SELECTED), ANY_STATE,
	  "Take a message for a colleague (from the selected caller) and "
	  "send it to their phone", act_message },
	{ "message-form", { .kind = ARG_TEXT, .help = "TEXT" }, ANY_STATE,
	  "The message form's next field (Enter in its prompt)",
	  act_message_form },
	{ "messages", NO_ARG, ANY_STATE,
	  "List the messages taken, newest first, and whether delivered",
	  act_messages },
	{ "present", TARGET_ARG("Back", ARGF_SELECTED), ANY_STATE,
	  "Mark a colleague back (their absence ends)", act_present },
	{ "deputy", NO_ARG,
	  { NEED_CALL, "No caller to send to a deputy" },
	  "Send the caller to the deputy of the absent colleague a "
	  "transfer just met", act_deputy },
	{ "camp-on-cancel", NO_ARG,
	  { NEED_CALL, "No caller waits for a colleague here" },
	  "End the selected caller's camp-on: it stays on hold",
	  act_camp_on_cancel },
	{ "dtmf", { .kind = ARG_WORD, .help = "DIGIT",
		    .words = "0|1|2|3|4|5|6|7|8|9|*|#|A|B|C|D",
		    .what = "a DTMF digit" },
	  { NEED_TALKING, "No connected call for DTMF '%s'" },
	  "Send a DTMF digit to the connected call", act_dtmf },
	{ "mute", { .kind = ARG_WORD, .help = "on|off", .optional = true,
		    .words = "on|off", .what = "on or off" }, ANY_STATE,
	  "Mute or unmute your microphone (toggles without an argument)",
	  act_mute },
	{ "service", { .kind = ARG_WORD, .help = "day|night|auto",
		       .optional = true, .words = "day|night|auto",
		       .what = "day, night or auto" }, ANY_STATE,
	  "Day or night service: at night callers go to the night target "
	  "instead of ringing here (toggles without an argument; auto "
	  "follows the opening hours)", act_service },
	{ "away", { .kind = ARG_WORD, .help = "on|off", .optional = true,
		    .words = "on|off", .what = "on or off" }, ANY_STATE,
	  "Away from the desk or back (toggles without an argument): while "
	  "away the console does not ring and callers go to the overflow "
	  "target", act_away },
	{ "operator-away", { .kind = ARG_TEXT, .help = "[REASON]",
			     .optional = true }, ANY_STATE,
	  "Away from the desk (lunch, a break): no ringing, callers go to "
	  "the overflow target", act_operator_away },
	{ "operator-back", NO_ARG, ANY_STATE,
	  "Back at the desk: calls ring here again", act_operator_back },
	{ "volume", { .kind = ARG_NUMBER, .help = "up|down|DB",
		      .words = "up|down", .min = BOARD_VOLUME_MIN_DB,
		      .max = BOARD_VOLUME_MAX_DB,
		      .what = "up, down or a level in dB (-30..12)" },
	  ANY_STATE,
	  "Your headset volume: 3 dB louder, softer, or DB (-30..12)",
	  act_volume },
	{ "select-up", NO_ARG, ANY_STATE, "Select the previous entry",
	  act_select_up },
	{ "select-down", NO_ARG, ANY_STATE, "Select the next entry",
	  act_select_down },
	{ "focus-next", NO_ARG, ANY_STATE,
	  "Move between the calls and extensions panes", act_focus_next },
	{ "sort", NO_ARG, ANY_STATE,
	  "Order the extensions by number or by department", act_sort },
	{ "stats", NO_ARG, ANY_STATE,
	  "Today's figures: calls answered, callers who hung up while "
	  "waiting, average and longest wait, reminders", act_stats },
	{ "history", NO_ARG, ANY_STATE, "The calls of the history file, "
	  "newest first: type to find, call back, dismiss", act_history },
	{ "history-close", NO_ARG, ANY_STATE, "Close the history",
	  act_history_close },
	{ "history-up", NO_ARG, ANY_STATE, "Highlight the newer call",
	  act_history_up },
	{ "history-down", NO_ARG, ANY_STATE, "Highlight the older call",
	  act_history_down },
	{ "history-erase", NO_ARG, ANY_STATE, "Erase the last character "
	  "found", act_history_erase },
	{ "callback", NO_ARG, ANY_STATE, "Call the highlighted caller of the "
	  "history back (through the PBX when there is one)", act_callback },
	{ "dismiss", NO_ARG, ANY_STATE, "The highlighted missed caller needs "
	  "no call back", act_dismiss },
	{ "redial", NO_ARG, ANY_STATE, "Dial again what was dialled last",
	  act_redial },
	{ "help", NO_ARG, ANY_STATE, "Show the keys of this mode", act_help },
	{ "help-close", NO_ARG, ANY_STATE, "Close the help", act_back },
	{ "help-down", NO_ARG, ANY_STATE, "Scroll the help down", act_help_down },
	{ "help-up", NO_ARG, ANY_STATE, "Scroll the help up", act_help_up },
	{ "log-older", NO_ARG, ANY_STATE, "Scroll the log back to older "
	  "sentences", act_log_older },
	{ "log-newer", NO_ARG, ANY_STATE, "Scroll the log forward to the "
	  "newest sentence", act_log_newer },
	{ "repeat", NO_ARG, ANY_STATE, "Say the last announcement again",
	  act_repeat },
	{ "situation", NO_ARG, ANY_STATE, "Read every call, its state and "
	  "time, and the queue", act_situation },
	{ "redraw", NO_ARG, ANY_STATE, "Repaint the whole screen", act_redraw },
	{ "theme", { .kind = ARG_TEXT, .help = "NAME" }, ANY_STATE,
	  "Switch to themes/NAME.theme (default, light, high-contrast, mono)",
	  act_theme },
	{ "reload", NO_ARG, ANY_STATE, "Read cordboard.conf, the directory, "
	  "keymap and theme again; calls go on", act_reload },
	{ "quit", { .kind = ARG_WORD, .help = "now", .optional = true,
		    .words = "now", .what = "now" }, ANY_STATE,
	  "Quit (asks first while calls are up)", act_quit },
	{ "confirm-yes", NO_ARG, ANY_STATE, "Answer yes to the question",
	  act_confirm_yes },
	{ "confirm-alt", NO_ARG, ANY_STATE,
	  "Take the other offer of the question (voicemail)",
	  act_confirm_alt },
	{ "confirm-no", NO_ARG, ANY_STATE, "Answer no to the question",
	  act_confirm_no },
	{ "prompt-submit", NO_ARG, ANY_STATE, "Run what was typed",
	  act_prompt_submit },
	{ "prompt-cancel", NO_ARG, ANY_STATE, "Close the prompt",
	  act_prompt_cancel },
	{ "macro", { .kind = ARG_TEXT, .help = "NAME" }, ANY_STATE,
	  "Run a macro of the keymap (its steps, one after another)",
	  act_macro },
	{ "command", { .kind = ARG_LINE, .help = "LINE", .prompt = ":" },
	  ANY_STATE,
	  "Run any action by name with its arguments (opens ':' without)",
	  act_command },
	{ "prompt-complete", NO_ARG, ANY_STATE,
	  "Complete the action or target (command line), else next match",
	  act_prompt_complete },
	{ "prompt-next", NO_ARG, ANY_STATE, "Highlight the next match",
	  act_prompt_next },
	{ "prompt-prev", NO_ARG, ANY_STATE, "Highlight the previous match",
	  act_prompt_prev },
	{ "prompt-erase", NO_ARG, ANY_STATE, "Erase the last character",
	  act_prompt_erase },
	{ "prompt-clear", NO_ARG, ANY_STATE, "Erase the whole line",
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
