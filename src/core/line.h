/*
 * line.h — one SIP call leg at the console, as the operator sees it.
 */
#ifndef CORDBOARD_CORE_LINE_H
#define CORDBOARD_CORE_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "phone.h"

enum line_state {
	LINE_OFFERED,      /* incoming, ringing at the console */
	LINE_DIALING,      /* outgoing, INVITE sent */
	LINE_RINGING_OUT,  /* outgoing, 180/183 received */
	LINE_TALKING,
	LINE_HELD,
	LINE_CONFERENCE,   /* mixed with the others and the operator */
	LINE_BRIDGED,      /* mixed with the others, the operator out */
	LINE_HANDOVER,     /* the console hands a caller over to this party
			    * (a park pick-up, a ring group member who
			    * answered): the operator is not in it */
	LINE_ENDED,
};

enum line_dir { LINE_INBOUND, LINE_OUTBOUND };

/* How a caller left the console, for the history ("transferred to X"). */
enum line_handover {
	HANDOVER_NONE = 0,
	HANDOVER_TRANSFER,    /* to a colleague, a group or a number */
	HANDOVER_VOICEMAIL,   /* to a colleague's voicemail */
	HANDOVER_PICKUP,      /* parked, then picked up */
	HANDOVER_CONFERENCE,  /* a conference handed over to its parties */
	HANDOVER_ELSEWHERE,   /* another operator answered it first */
};

struct line {
	line_id id;
	enum line_state state;
	enum line_dir dir;
	char name[256];       /* sanitised display name, may be empty */
	char number[128];     /* sanitised user part of the peer URI */
	char uri[256];        /* sanitised peer URI */
	int64_t created_ms;
	int64_t answered_ms;  /* 0 until established */
	bool recall;          /* came back from a failed transfer: flagged */
	bool transferred;     /* handed over: its close is no news */
	bool hung_up_here;    /* the operator hung it up (board_hangup) */
	bool page;            /* dialled as a page (auto-answer) */
	bool night_service;   /* taken by the night service, not offered */
	unsigned park_slot;   /* parked there (1..), 0 when not parked */
	int64_t parked_ms;    /* ...since then */
	line_id pickup_of;    /* a call to a park slot: the parked line */
	enum line_handover handover;
	char handed_to[300];  /* who got the caller: "Alice", "ACME -> Bob" */
};

const char *line_state_name(enum line_state s);   /* "offered", ... */
const char *line_state_tag(enum line_state s);    /* "RING", "TALK", ... */

/* Seconds to show: time parked while parked, talking time once
 * answered, else time since created. */
int64_t line_duration_s(const struct line *l, int64_t now_ms);

/* Fills number from a SIP URI's user part (or host when there is none). */
void line_number_from_uri(char *out, size_t outsz, const char *uri);

#endif
