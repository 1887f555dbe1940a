/*
 * action_arg.c — an action's argument read from its declaration: the
 * parsing and the refusals every caller (keys, ':' line, macros,
 * scripts, keymap and headset checks) shares.
 */
#include "action.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/board.h"
#include "core/target.h"

/* The index of WORD in "a|b|c", or -1. */
static int word_index(const char *words, const char *word)
{
	size_t len = strlen(word);
	int i = 0;

	while (words && *words) {
		const char *bar = strchr(words, '|');
		size_t n = bar ? (size_t)(bar - words) : strlen(words);

		if (n == len && !strncmp(words, word, n))
			return i;
		if (!bar)
			break;
		words = bar + 1;
		i++;
	}
	return -1;
}

static bool number_parse(const char *text, long *out)
{
	char *end;

	if (!*text)
		return false;
	*out = strtol(text, &end, 10);
	if (end == text)
		return false;
	while (*end == ' ')     /* "pickup 3 " from a hand-typed line */
		end++;
	return !*end;
}

int action_arg_parse(const struct action_def *def, const char *text,
		     struct action_arg *out, char *err, size_t errsz)
{
	const struct action_argdef *ad = &def->arg;

	out->text = text;
	out->num = 0;
	out->word = -1;
	if (ad->kind == ARG_NONE) {
		if (!*text)
			return 0;
		snprintf(err, errsz, "takes no argument");
		return EINVAL;
	}
	if (!*text) {
		if (ad->optional || ad->prompt)
			return 0;
		snprintf(err, errsz, "needs %s", ad->help);
		return EINVAL;
	}
	out->word = word_index(ad->words, text);
	switch (ad->kind) {
	case ARG_WORD:
		if (out->word >= 0)
			return 0;
		break;
	case ARG_NUMBER:
		if (out->word >= 0)
			return 0;
		if (isdigit((unsigned char)text[0]) ||
		    (text[0] == '-' && ad->min < 0)) {
			if (number_parse(text, &out->num) &&
			    out->num >= ad->min && out->num <= ad->max)
				return 0;
		}
		break;
	case ARG_TARGET:
		if (!target_too_long(text))
			return 0;
		/* refused whole: a URI is never dialled cut short */
		snprintf(err, errsz, "refused: a target has at most %d "
			 "characters", TARGET_MAX);
		return EINVAL;
	default:
		return 0;
	}
	snprintf(err, errsz, "takes %s, not '%s'", ad->what, text);
	return EINVAL;
}

int action_line_check(const char *line, char *err, size_t errsz)
{
	const struct action_def *def;
	struct action_arg a;
	char name[64], why[160];
	const char *text = action_split(line, name, sizeof(name));

	def = action_find(name);
	if (!def) {
		snprintf(err, errsz, "unknown action '%s'", name);
		return EINVAL;
	}
	if (action_arg_parse(def, text, &a, why, sizeof(why))) {
		snprintf(err, errsz, "%s %s", name, why);
		return EINVAL;
	}
	return 0;
}

static bool board_has(struct board *b, enum action_need need)
{
	size_t i;

	switch (need) {
	case NEED_NOTHING:
		return true;
	case NEED_CALL:
		return b->nlines > 0;
	case NEED_RINGING:
		for (i = 0; i < b->nlines; i++)
			if (b->lines[i].state == LINE_OFFERED)
				return true;
		return false;
	case NEED_TALKING:
		return board_talking_line(b) != NULL;
	case NEED_CONSULT:
		return board_consulting(b);
	case NEED_CONFERENCE:
		return b->conf.state != CONF_NONE;
	}
	return true;
}

bool action_need_met(const struct action_def *def, struct board *b,
		     const char *arg, char *err, size_t errsz)
{
	const char *fmt = def->needs.refusal ? def->needs.refusal : "";
	const char *at = strstr(fmt, "%s");

	if (board_has(b, def->needs.need))
		return true;
	if (at)
		snprintf(err, errsz, "%.*s%s%s", (int)(at - fmt), fmt, arg,
			 at + 2);
	else
		snprintf(err, errsz, "%s", fmt);
	return false;
}

const char *action_need_name(enum action_need need)
{
	switch (need) {
	case NEED_NOTHING:    return "";
	case NEED_CALL:       return "a call";
	case NEED_RINGING:    return "a ringing call";
	case NEED_TALKING:    return "a connected call";
	case NEED_CONSULT:    return "a consult";
	case NEED_CONFERENCE: return "a conference";
	}
	return "";
}

void action_usage(const struct action_def *def, char *buf, size_t sz)
{
	const struct action_argdef *ad = &def->arg;

	if (ad->kind == ARG_NONE)
		snprintf(buf, sz, "%s", def->name);
	else if (ad->optional || ad->prompt)
		snprintf(buf, sz, "%s [%s]", def->name, ad->help);
	else
		snprintf(buf, sz, "%s %s", def->name, ad->help);
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
