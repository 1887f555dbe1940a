/*
 * extension.c — names of presence and line states, intercom methods
 * and group strategies.
 */
#include "extension.h"

#include <string.h>

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
