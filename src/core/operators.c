/*
 * operators.c — several operators on one reception line. The SIP server
 * rings every console; the first to answer gets the caller and the
 * server cancels the others with a Reason saying so (RFC 3326). Here
 * such a call is shown and recorded as answered by another operator:
 * not missed, not abandoned, owed no call back. Who took it is read
 * from the board: the extension (another operator's console, which
 * publishes its calls) whose line state says it talks to that caller,
 * now or as soon as its state arrives.
 */
#include "operators.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board_int.h"
#include "operation.h"
#include "sanitize.h"

/* Callers another operator took before the board knew who; kept until
 * an extension's line state names that operator (newest replace the
 * oldest). */
#define ELSEWHERE_UNNAMED 8

struct operators_state {
	struct {
		char number[128];
		char label[256];
	} unnamed[ELSEWHERE_UNNAMED];
	size_t next;
	char line[256];          /* account.aor, "" when not told */
};

const struct op_kind op_operators;

/* The extension in a call with NUMBER, or NULL. */
static const struct extension *talking_with(struct board *b,
					    const char *number)
{
	size_t i;

	if (!number[0])
		return NULL;
	for (i = 0; i < b->nexts; i++) {
		const struct extension *e = &b->exts[i];

		if ((e->line_state == EXT_LINE_INCALL ||
		     e->line_state == EXT_LINE_HELD) &&
		    !strcmp(e->peer_number, number))
			return e;
	}
	return NULL;
}

/* Skips blanks, as the header grammar allows around ';' and '='. */
static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

bool operators_reason_elsewhere(const char *reason)
{
	const char *p, *semi;

	if (!reason)
		return false;
	p = skip_blanks(reason);
	if (strncasecmp(p, "SIP", 3))
		return false;
	p = skip_blanks(p + 3);
	/* the parameters, in any order: cause=200 is the one that says it */
	while (*p == ';') {
		p = skip_blanks(p + 1);
		semi = strchr(p, ';');
		if (!strncasecmp(p, "cause", 5)) {
			const char *v = skip_blanks(p + 5);
			char *end;
			long cause;

			if (*v != '=')
				return false;
			v = skip_blanks(v + 1);
			cause = strtol(v, &end, 10);
			return end != v && cause == 200;
		}
		if (!semi)
			break;
		p = semi;
	}
	return false;
}

void operators_answered_elsewhere(struct board *b, line_id id,
				  const char *by)
{
	struct line *l = board_line(b, id);

	if (!l || l->dir != LINE_INBOUND || l->answered_ms)
		return;

	const struct extension *e;

	l->handover = HANDOVER_ELSEWHERE;
	if (!by || !*by) {
		e = talking_with(b, l->number);
		by = e ? e->name : NULL;
	}
	sanitize_text(l->handed_to, sizeof(l->handed_to), by ? by : "",
		      by ? strlen(by) : 0);
}

int board_take(struct board *b, const char *number)
{
	const struct extension *e = number ? board_extension(b, number) : NULL;
	char peer[EXT_PEER_SIZE], name[EXT_NAME_SIZE];
	struct line *l;
	int err;

	if (!e) {
		board_status(b, true, "Nobody to take a caller from: '%s' is "
			     "not on the board", number ? number : "");
		return ENOENT;
	}
	if (!e->pickup[0]) {
		board_status(b, true, "%s has no caller parked or on hold",
			     e->name);
		return ENOENT;
	}
	snprintf(peer, sizeof(peer), "%s", e->peer);
	snprintf(name, sizeof(name), "%s", e->name);
	err = board_dial(b, e->pickup);
	if (err)
		return err;
	/* the new leg is the caller's, once the slot hands them over */
	l = b->nlines ? &b->lines[b->nlines - 1] : NULL;
	if (l && l->dir == LINE_OUTBOUND && peer[0])
		snprintf(l->name, sizeof(l->name), "%s", peer);
	board_status(b, false, "Taking %s from %s",
		     peer[0] ? peer : "the waiting caller", name);
	return 0;
}

void operators_set_line(struct board *b, const char *aor)
{
	struct operators_state *st = op_state(b, &op_operators);

	if (st)
		snprintf(st->line, sizeof(st->line), "%s", aor ? aor : "");
}

/* "sip:Reception@Host" and "reception@host" name the same line. */
static const char *without_scheme(const char *uri)
{
	return strncasecmp(uri, "sip:", 4) ? uri : uri + 4;
}

bool operators_is_line(struct board *b, const char *uri)
{
	struct operators_state *st = op_state(b, &op_operators);

	return st && st->line[0] && uri &&
	       !strcasecmp(without_scheme(st->line), without_scheme(uri));
}

/* Says who took the caller, instead of a missed call or a hang-up. */
static bool operators_closed(struct board *b, struct line *l, int status,
			     const char *reason)
{
	struct operators_state *st;

	(void)status;
	(void)reason;
	if (l->handover != HANDOVER_ELSEWHERE)
		return false;
	board_status(b, false, "%s answered by %s", board_line_label(l),
		     l->handed_to[0] ? l->handed_to : "another operator");
	st = op_state(b, &op_operators);
	if (st && !l->handed_to[0] && l->number[0]) {
		snprintf(st->unnamed[st->next].number,
			 sizeof(st->unnamed[0].number), "%s", l->number);
		snprintf(st->unnamed[st->next].label,
			 sizeof(st->unnamed[0].label), "%s",
			 board_line_label(l));
		st->next = (st->next + 1) % ELSEWHERE_UNNAMED;
	}
	return true;
}

/* An operator's line state arrived after the CANCEL: name them now. */
static void operators_event(struct board *b, const struct board_event *ev)
{
	struct operators_state *st;
	const struct extension *e;
	size_t i;

	if (ev->type != EV_LINE_STATE || !ev->text)
		return;
	st = op_state(b, &op_operators);
	e = board_extension(b, ev->text);
	if (!st || !e || (e->line_state != EXT_LINE_INCALL &&
			  e->line_state != EXT_LINE_HELD))
		return;
	for (i = 0; i < ELSEWHERE_UNNAMED; i++) {
		char said[sizeof(b->status)];

		if (!st->unnamed[i].number[0] ||
		    strcmp(st->unnamed[i].number, e->peer_number))
			continue;
		st->unnamed[i].number[0] = '\0';
		/* only while the status still says it: never over news */
		snprintf(said, sizeof(said), "%s answered by another operator",
			 st->unnamed[i].label);
		if (!strcmp(b->status, said))
			board_status(b, false, "%s answered by %s",
				     st->unnamed[i].label, e->name);
	}
}

const struct op_kind op_operators = {
	.name = "operators",
	.closed = operators_closed,
	.event = operators_event,
	.state_size = sizeof(struct operators_state),
};
