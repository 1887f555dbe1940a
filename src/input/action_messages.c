/*
 * action_messages.c — messages for colleagues: the short form the
 * message action opens (from, number, text, one prompt after another,
 * pre-filled from the selected call) and the list of messages. Their
 * rows are in action.c's table.
 */
#include "action_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "core/contacts.h"
#include "core/messages.h"
#include "core/target.h"

enum form_step { FORM_FROM, FORM_NUMBER, FORM_TEXT };

/* The message being written: one console, one form at a time. */
static struct message_form {
	char target[32];          /* the colleague's number */
	char name[128];           /* ...and name, for the prompt */
	char from[256];           /* as long as a line's caller name */
	char number[128];
	char company[64];
	enum form_step step;
} form;

static void form_prompt(struct console *c, const char *label,
			const char *text)
{
	c->mode = MODE_PROMPT;
	c->prompt_targets = false;
	c->prompt_command = false;
	c->prompt_pick = 0;
	snprintf(c->prompt_label, sizeof(c->prompt_label), "%s", label);
	snprintf(c->prompt_action, sizeof(c->prompt_action), "message-form");
	snprintf(c->prompt_text, sizeof(c->prompt_text), "%s", text);
	c->redraw = true;
}

/* The selected call's caller fills the form: name, number, and the
 * company the directory knows the number by. */
static void form_prefill(struct console *c)
{
	struct board *b = c->board;
	const struct line *l = board_line(b, console_selected_call(c));
	const struct extension *who;

	if (!l)
		return;
	snprintf(form.from, sizeof(form.from), "%s", l->name);
	snprintf(form.number, sizeof(form.number), "%s", l->number);
	who = contact_lookup(b->exts, b->nexts, l->number, NULL);
	if (who) {
		snprintf(form.company, sizeof(form.company), "%s",
			 who->company);
		if (!form.from[0])
			snprintf(form.from, sizeof(form.from), "%s",
				 who->name);
	}
}

static int message_start(struct console *c, const char *target)
{
	struct board *b = c->board;
	const struct extension *ext;
	char uri[256], why[160];

	if (target_resolve(target, b->exts, b->nexts, b->default_domain, uri,
			   sizeof(uri), &ext, why, sizeof(why)) != TARGET_OK) {
		board_status(b, true, "Cannot take a message: %s", why);
		return ENOENT;
	}
	if (!ext || ext_is_group(ext)) {
		board_status(b, true, "Cannot take a message for %s: only for "
			     "a colleague in the directory", target);
		return ENOENT;
	}
	memset(&form, 0, sizeof(form));
	snprintf(form.target, sizeof(form.target), "%s", ext->number);
	snprintf(form.name, sizeof(form.name), "%s",
		 ext->name[0] ? ext->name : ext->number);
	form_prefill(c);
	form_prompt(c, "Message from", form.from);
	return 0;
}

int act_message(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, message_start);
}

/* A typed field that does not fit is refused, and its prompt opens
 * again with what was typed. */
static bool form_field_fits(struct console *c, const char *label,
			    size_t sz, const char *text)
{
	if (strlen(text) < sz)
		return true;
	board_status(c->board, true, "Too long: at most %zu characters",
		     sz - 1);
	form_prompt(c, label, text);
	return false;
}

/* Enter in one of the form's prompts: the next field, or the message
 * taken after its text. */
int act_message_form(struct console *c, const struct action_arg *a)
{
	char label[sizeof(form.name) + 8], target[sizeof(form.target)];

	if (!form.target[0]) {
		board_status(c->board, true, "No message is being written (%s "
			     "starts one)", board_key(c->board, "message"));
		return ENOENT;
	}
	switch (form.step) {
	case FORM_FROM:
		if (!form_field_fits(c, "Message from", sizeof(form.from),
				     a->text))
			return EINVAL;
		snprintf(form.from, sizeof(form.from), "%s", a->text);
		form.step = FORM_NUMBER;
		form_prompt(c, "Their number", form.number);
		return 0;
	case FORM_NUMBER:
		if (!form_field_fits(c, "Their number", sizeof(form.number),
				     a->text))
			return EINVAL;
		snprintf(form.number, sizeof(form.number), "%s", a->text);
		form.step = FORM_TEXT;
		snprintf(label, sizeof(label), "For %s", form.name);
		form_prompt(c, label, "");
		return 0;
	case FORM_TEXT:
		break;
	}
	if (message_text_refusal(a->text)) {
		board_status(c->board, true, "%s: edit it or %s to cancel",
			     message_text_refusal(a->text),
			     board_key(c->board, "prompt-cancel"));
		snprintf(label, sizeof(label), "For %s", form.name);
		form_prompt(c, label, a->text);
		return EINVAL;
	}
	snprintf(target, sizeof(target), "%s", form.target);
	form.target[0] = '\0';
	return board_message_take(c->board, target, form.from, form.number,
				  form.company, a->text);
}

/* The messages, newest first, over the board until a key closes it. */
int act_messages(struct console *c, const struct action_arg *a)
{
	if (!board_messages_count(c->board)) {
		board_status(c->board, false, "No messages taken yet (%s takes "
			     "one)", board_key(c->board, "message"));
		return 0;
	}
	c->mode = MODE_HELP;
	c->help_messages = true;
	c->redraw = true;
	return 0;
}
