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
