/*
 * extension.c — names of presence and line states.
 */
#include "extension.h"

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
