/*
 * extension.c — an extension's texts (each allocated to fit), names of
 * presence and line states, intercom methods and group strategies.
 */
#include "extension.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where each text is in struct extension, and how much of it is kept. */
static const struct text_field {
	size_t offset;
	size_t size;
} text_fields[] = {
	{ offsetof(struct extension, number), EXT_NUMBER_SIZE },
	{ offsetof(struct extension, name), EXT_NAME_SIZE },
	{ offsetof(struct extension, department), EXT_DEPARTMENT_SIZE },
	{ offsetof(struct extension, uri), EXT_URI_SIZE },
	{ offsetof(struct extension, voicemail), EXT_VOICEMAIL_SIZE },
	{ offsetof(struct extension, deputy), EXT_DEPUTY_SIZE },
	{ offsetof(struct extension, note), EXT_NOTE_SIZE },
	{ offsetof(struct extension, peer), EXT_PEER_SIZE },
	{ offsetof(struct extension, peer_number), EXT_PEER_NUMBER_SIZE },
	{ offsetof(struct extension, pickup), EXT_PICKUP_SIZE },
	{ offsetof(struct extension, aliases), EXT_ALIASES_SIZE },
	{ offsetof(struct extension, company), EXT_COMPANY_SIZE },
	{ offsetof(struct extension, email), EXT_EMAIL_SIZE },
	{ offsetof(struct extension, comment), EXT_COMMENT_SIZE },
};

#define N_TEXT_FIELDS (sizeof(text_fields) / sizeof(text_fields[0]))
/* in texts_owned, beside the texts' bits: the numbers' block */
#define OWNS_NUMBERS (1u << 31)

static const char **text_at(struct extension *e, size_t i)
{
	return (const char **)(void *)((char *)e + text_fields[i].offset);
}

void ext_init(struct extension *e)
{
	memset(e, 0, sizeof(*e));
	ext_texts_fill(e);
}

void ext_texts_fill(struct extension *e)
{
	size_t i;

	for (i = 0; i < N_TEXT_FIELDS; i++) {
		if (!*text_at(e, i))
			*text_at(e, i) = "";
	}
}

int ext_text_set(struct extension *e, const char **field,
		 const char *value)
{
	size_t i, len = 0;
	char *copy = NULL;
	int err = 0;

	for (i = 0; i < N_TEXT_FIELDS && text_at(e, i) != field; i++)
		;
	if (i == N_TEXT_FIELDS)
		return EINVAL;
	/* copied before the old text goes: VALUE may be it */
	if (value && value[0]) {
		len = strnlen(value, text_fields[i].size - 1);
		copy = malloc(len + 1);
		if (copy) {
			memcpy(copy, value, len);
			copy[len] = '\0';
		} else {
			err = ENOMEM;
		}
	}
	if (e->texts_owned & (1u << i))
		free((char *)*field);
	e->texts_owned &= ~(1u << i);
	*field = copy ? copy : "";
	if (copy)
		e->texts_owned |= 1u << i;
	return err;
}

void ext_texts_pack(struct extension *e)
{
	size_t i, total = 0, at = 0, len;
	char *block;

	if (e->texts_block)
		return;
	for (i = 0; i < N_TEXT_FIELDS; i++) {
		if (e->texts_owned & (1u << i))
			total += strlen(*text_at(e, i)) + 1;
	}
	if (!total || !(block = malloc(total)))
		return;   /* kept apart: as good, only larger */
	for (i = 0; i < N_TEXT_FIELDS; i++) {
		if (!(e->texts_owned & (1u << i)))
			continue;
		len = strlen(*text_at(e, i)) + 1;
		memcpy(block + at, *text_at(e, i), len);
		free((char *)*text_at(e, i));
		*text_at(e, i) = block + at;
		at += len;
		e->texts_owned &= ~(1u << i);
	}
	e->texts_block = block;
}

int ext_number_add(struct extension *e, const char *label,
		   const char *number)
{
	struct ext_number *num;

	if (e->nnumbers >= EXT_NUMBERS_MAX)
		return ENOSPC;
	/* most people have none: the block comes with the first */
	if (!(e->texts_owned & OWNS_NUMBERS)) {
		num = calloc(EXT_NUMBERS_MAX, sizeof(*num));
		if (!num)
			return ENOMEM;
		if (e->nnumbers)
			memcpy(num, e->numbers, e->nnumbers * sizeof(*num));
		e->numbers = num;
		e->texts_owned |= OWNS_NUMBERS;
	}
	num = &e->numbers[e->nnumbers++];
	snprintf(num->label, sizeof(num->label), "%s", label);
	snprintf(num->number, sizeof(num->number), "%s", number);
	return 0;
}

void ext_release(struct extension *e)
{
	size_t i;

	for (i = 0; i < N_TEXT_FIELDS; i++) {
		if (e->texts_owned & (1u << i))
			free((char *)*text_at(e, i));
	}
	if (e->texts_owned & OWNS_NUMBERS)
		free(e->numbers);
	free(e->texts_block);
	free(e->members);
	ext_init(e);
}

void ext_array_free(struct extension *v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		ext_release(&v[i]);
	free(v);
}

const char *presence_name(enum presence p)
{
	switch (p) {
	case PRESENCE_UNKNOWN:   return "unknown";
	case PRESENCE_AVAILABLE: return "available";
	case PRESENCE_AWAY:      return "away";
	case PRESENCE_BUSY:      return "busy";
	case PRESENCE_DND:       return "dnd";
	case PRESENCE_OFFLINE:   return "offline";
	}
	return "unknown";
}

const char *ext_line_state_name(enum ext_line_state s)
{
	switch (s) {
	case EXT_LINE_UNKNOWN: return "unknown";
	case EXT_LINE_IDLE:    return "idle";
	case EXT_LINE_RINGING: return "ringing";
	case EXT_LINE_INCALL:  return "in-call";
	case EXT_LINE_HELD:    return "held";
	}
	return "unknown";
}

char presence_letter(enum presence p)
{
	switch (p) {
	case PRESENCE_AVAILABLE: return 'A';
	case PRESENCE_AWAY:      return 'W';
	case PRESENCE_BUSY:      return 'B';
	case PRESENCE_DND:       return 'D';
	case PRESENCE_OFFLINE:   return 'O';
	case PRESENCE_UNKNOWN:   break;
	}
	return '?';
}

char ext_line_state_letter(enum ext_line_state s)
{
	switch (s) {
	case EXT_LINE_IDLE:    return '-';
	case EXT_LINE_RINGING: return 'R';
	case EXT_LINE_INCALL:  return 'C';
	case EXT_LINE_HELD:    return 'H';
	case EXT_LINE_UNKNOWN: break;
	}
	return '?';
}

static const char *const intercom_words[] = {
	[INTERCOM_DEFAULT] = "default",
	[INTERCOM_CALL_INFO] = "call-info",
	[INTERCOM_ALERT_INFO] = "alert-info",
	[INTERCOM_ANSWER_MODE] = "answer-mode",
	[INTERCOM_PARAM] = "intercom-param",
};

const char *intercom_method_name(enum intercom_method m)
{
	if ((size_t)m < sizeof(intercom_words) / sizeof(intercom_words[0]))
		return intercom_words[m];
	return "?";
}

int intercom_method_parse(const char *word)
{
	size_t i;

	for (i = 0; i < sizeof(intercom_words) / sizeof(intercom_words[0]);
	     i++) {
		if (!strcmp(word, intercom_words[i]))
			return (int)i;
	}
	return -1;
}

const char *group_strategy_name(enum group_strategy s)
{
	return s == GROUP_IN_ORDER ? "in-order" : "all";
}

bool ext_is_group(const struct extension *e)
{
	return e && e->kind != EXT_PERSON;
}
