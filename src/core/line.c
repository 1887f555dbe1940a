/*
 * line.c — names and durations of call legs.
 */
#include "line.h"

#include <stdio.h>
#include <string.h>

const char *line_state_name(enum line_state s)
{
	switch (s) {
	case LINE_OFFERED:     return "offered";
	case LINE_DIALING:     return "dialing";
	case LINE_RINGING_OUT: return "ringing";
	case LINE_TALKING:     return "talking";
	case LINE_HELD:        return "held";
	case LINE_CONFERENCE:  return "conference";
	case LINE_BRIDGED:     return "bridged";
	case LINE_HANDOVER:    return "handover";
	case LINE_ENDED:       return "ended";
	}
	return "?";
}

const char *line_state_tag(enum line_state s)
{
	switch (s) {
	case LINE_OFFERED:     return "RING";
	case LINE_DIALING:     return "DIAL";
	case LINE_RINGING_OUT: return "ALRT";
	case LINE_TALKING:     return "TALK";
	case LINE_HELD:        return "HOLD";
	case LINE_CONFERENCE:  return "CONF";
	case LINE_BRIDGED:     return "BRDG";
	case LINE_HANDOVER:    return "XFER";
	case LINE_ENDED:       return "END";
	}
	return "?";
}

int64_t line_duration_s(const struct line *l, int64_t now_ms)
{
	int64_t from = l->park_slot ? l->parked_ms :
		l->answered_ms ? l->answered_ms : l->created_ms;

	if (now_ms < from)
		return 0;
	return (now_ms - from) / 1000;
}

void line_number_from_uri(char *out, size_t outsz, const char *uri)
{
	const char *p = uri, *end;
	size_t n;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (!uri)
		return;
	if (!strncmp(p, "sips:", 5))
		p += 5;
	else if (!strncmp(p, "sip:", 4))
		p += 4;
	else if (!strncmp(p, "tel:", 4))
		p += 4;
	end = strpbrk(p, "@;>?");
	if (!end || *end != '@')
		end = p + strcspn(p, ";>?:");
	n = (size_t)(end - p);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}
