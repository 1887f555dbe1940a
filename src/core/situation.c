/*
 * situation.c — the calls, a colleague, or the whole board as one
 * sentence for the accessible mode's announcements and rows.
 */
#include "situation.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "absence.h"
#include "board.h"
#include "duration.h"
#include "queue.h"

/* Appends to OUT at *USED, never past SZ (a long text is cut). */
static void put(char *out, size_t sz, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put(char *out, size_t sz, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= sz)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out + *used, sz - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used = *used + (size_t)n < sz ? *used + (size_t)n : sz - 1;
}

static const char *state_words(enum line_state s)
{
	switch (s) {
	case LINE_OFFERED:     return "ringing";
	case LINE_DIALING:     return "dialling";
	case LINE_RINGING_OUT: return "ringing out";
	case LINE_TALKING:     return "talking";
	case LINE_HELD:        return "on hold";
	case LINE_CONFERENCE:  return "in the conference";
	case LINE_BRIDGED:     return "connected, without you";
	case LINE_HANDOVER:    return "being handed over";
	case LINE_ENDED:       break;
	}
	return "ended";
}

/* An operation's tag (CONS, XFER...) in words, or NULL for none. */
static const char *tag_words(const char *tag)
{
	static const struct { const char *tag, *words; } said[] = {
		{ "CONS", "consult" },
		{ "PAGE", "page" },
		{ "XFER", "being transferred" },
		{ "GRP",  "ringing the group" },
		{ "OVFL", "sent on" },
	};
	size_t i;

	for (i = 0; tag && i < sizeof(said) / sizeof(said[0]); i++) {
		if (!strcmp(tag, said[i].tag))
			return said[i].words;
	}
	return NULL;
}

const char *situation_line_state(struct board *b, const struct line *l,
				 char *buf, size_t sz)
{
	const struct queue_entry *e = queue_entry_of(b, l->id);
	const char *what;
	char slot[16], words[160];
	bool consult = false;

	if (l->park_slot) {
		snprintf(buf, sz, "parked on %u", l->park_slot);
		return buf;
	}
	if (l->recall)
		return "back from a failed transfer";
	if (e && e->kind == WAIT_CAMPED)
		return queue_wait_words(b, e, buf, sz);
	what = tag_words(board_line_tag(b, l, slot, sizeof(slot), &consult));
	if (!what)
		return state_words(l->state);
	snprintf(words, sizeof(words), "%s, %s", state_words(l->state), what);
	snprintf(buf, sz, "%s", words);
	return buf;
}

/* The seconds a row's clock shows: a waiting caller's whole wait, a
 * call's talking time. */
static int64_t line_clock_s(struct board *b, const struct line *l,
			    int64_t now_ms)
{
	const struct queue_entry *e = queue_entry_of(b, l->id);

	if (e && e->kind != WAIT_NONE)
		return queue_waited_s(e, now_ms);
	return line_duration_s(l, now_ms);
}

char *situation_line(struct board *b, const struct line *l, int64_t now_ms,
		     bool with_time, char *out, size_t sz)
{
	const struct queue_entry *e = queue_entry_of(b, l->id);
	char words[160], clock[DURATION_TEXT_SIZE];
	size_t used = 0;

	out[0] = '\0';
	put(out, sz, &used, "%s%s, %s, line %u",
	    e && e->vip ? "VIP " : "", l->name[0] ? l->name : l->number,
	    situation_line_state(b, l, words, sizeof(words)), l->id);
	if (with_time) {
		duration_minutes_text(clock, sizeof(clock),
				      line_clock_s(b, l, now_ms));
		put(out, sz, &used, ", %s", clock);
	}
	return out;
}

static const char *presence_words(enum presence p)
{
	switch (p) {
	case PRESENCE_AVAILABLE: return "available";
	case PRESENCE_AWAY:      return "away";
	case PRESENCE_BUSY:      return "busy";
	case PRESENCE_DND:       return "do not disturb";
	case PRESENCE_OFFLINE:   return "offline";
	case PRESENCE_UNKNOWN:   break;
	}
	return "state unknown";
}

char *situation_extension(struct board *b, const struct extension *e,
			  const char *name, int64_t now_s, char *out,
			  size_t sz)
{
	const struct absence *a = ext_is_group(e) || e->external ? NULL :
		board_absence(b, e->number);
	char what[200];
	size_t used = 0;

	out[0] = '\0';
	if (ext_is_group(e))
		snprintf(what, sizeof(what), "%s, %zu member%s",
			 e->kind == EXT_PAGING_GROUP ? "paging group" : "group",
			 e->nmembers, e->nmembers == 1 ? "" : "s");
	else if (e->external)
		snprintf(what, sizeof(what), "%s",
			 e->company[0] ? e->company : "external");
	else if (a)
		absence_text(a, now_s, what, sizeof(what));
	else if (e->line_state == EXT_LINE_RINGING)
		snprintf(what, sizeof(what), "ringing%s%s",
			 e->peer[0] ? " with " : "", e->peer);
	else if (e->line_state == EXT_LINE_INCALL)
		snprintf(what, sizeof(what), "in a call%s%s",
			 e->peer[0] ? " with " : "", e->peer);
	else if (e->line_state == EXT_LINE_HELD)
		snprintf(what, sizeof(what), "call on hold%s%s",
			 e->peer[0] ? " with " : "", e->peer);
	else
		snprintf(what, sizeof(what), "%s",
			 presence_words(e->presence));
	put(out, sz, &used, "%s, %s", name ? name : e->name, what);
	if (e->note[0] && !a)
		put(out, sz, &used, ", %s", e->note);
	if (e->department[0])
		put(out, sz, &used, ", %s", e->department);
	if (!e->external && !ext_is_group(e))
		put(out, sz, &used, ", %s", e->number);
	return out;
}

char *situation_text(struct board *b, int64_t now_ms, char *out, size_t sz)
{
	const struct queue_entry *q[BOARD_MAX_LINES];
	char one[300];
	size_t used = 0, i, nq;
	int64_t longest = 0;

	out[0] = '\0';
	if (b->nlines == 0) {
		put(out, sz, &used, "No calls");
		return out;
	}
	put(out, sz, &used, "%zu call%s: ", b->nlines,
	    b->nlines == 1 ? "" : "s");
	for (i = 0; i < b->nlines; i++)
		put(out, sz, &used, "%s%s", i ? "; " : "",
		    situation_line(b, &b->lines[i], now_ms, true, one,
				   sizeof(one)));
	nq = queue_order(b, q, BOARD_MAX_LINES);
	if (nq > BOARD_MAX_LINES)
		nq = BOARD_MAX_LINES;
	for (i = 0; i < nq; i++) {
		if (queue_waited_s(q[i], now_ms) > longest)
			longest = queue_waited_s(q[i], now_ms);
	}
	if (nq) {
		duration_minutes_text(one, sizeof(one), longest);
		put(out, sz, &used, ". Queue %zu, longest %s", nq, one);
	}
	else
		put(out, sz, &used, ". Nobody waiting");
	return out;
}
