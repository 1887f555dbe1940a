/*
 * narrate.c — the sentence for each event (see narrate.h).
 */
#include "narrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "board_int.h"
#include "duration.h"
#include "operation.h"
#include "queue.h"
#include "sanitize.h"

/* What narrate remembers between events: registration is news only
 * when it changes (the server's refreshes are not). */
struct narrate_state {
	bool reg_known;
	enum reg_state reg;
};

/* Not in op_kinds[]: it only keeps the narrator's state on the board. */
static const struct op_kind op_narrate = {
	.name = "narrate",
	.state_size = sizeof(struct narrate_state),
};

/* The status line has just said the news in its words (service.c,
 * away.c, a company line's greeting): those are the sentence. */
static bool status_begins(const struct board *b, const char *words)
{
	return !strncmp(b->status, words, strlen(words));
}

size_t narrate_recall(const struct line *l, const char *why, char *out,
		      size_t sz)
{
	char raw[NARRATE_MAX * 2];

	snprintf(raw, sizeof(raw), "%s%s%s is back on line %u%s",
		 why && *why ? why : "", why && *why ? ". " : "",
		 board_line_label(l), l->id,
		 l->state == LINE_HELD ? ", held" : "");
	sanitize_text(out, sz, raw, strlen(raw));
	return strlen(out);
}

size_t narrate_close(struct board *b, const struct line *l, int status,
		     char *out, size_t sz)
{
	const char *who = board_line_label(l);
	const struct queue_entry *e;
	char raw[NARRATE_MAX * 2], at[DURATION_TEXT_SIZE];

	raw[0] = '\0';
	if (l->transferred || l->page)
		;   /* the transfer or the page said it */
	else if (l->handover == HANDOVER_ELSEWHERE)
		snprintf(raw, sizeof(raw), "%s taken by another operator", who);
	else if (l->night_service && !l->answered_ms)
		snprintf(raw, sizeof(raw), "%s heard that nobody is available "
			 "(night service)", who);
	else if (l->hung_up_here && l->answered_ms)
		snprintf(raw, sizeof(raw), "You ended the call with %s after "
			 "%s", who, duration_text(at, sizeof(at),
			 line_duration_s(l, b->now_ms())));
	else if (l->hung_up_here)
		snprintf(raw, sizeof(raw), l->dir == LINE_INBOUND ?
			 "You rejected the call from %s" :
			 "You cancelled the call to %s", who);
	else if (status == 503 || status == 488)
		board_failure_text(raw, sizeof(raw), who, status, NULL);
	else if (status >= 300)
		snprintf(raw, sizeof(raw), "Call %s %s failed: %s (%d)",
			 l->dir == LINE_INBOUND ? "from" : "to", who,
			 board_status_words(status), status);
	else if (l->dir == LINE_OUTBOUND && !l->answered_ms)
		;   /* a leg the console gave up on: its operation said why */
	else if ((e = queue_entry_of(b, l->id)) && (e->abandoned ||
						     e->kind != WAIT_NONE))
		snprintf(raw, sizeof(raw), "%s hung up after waiting %s", who,
			 duration_text(at, sizeof(at), queue_waited_s(e,
			 b->now_ms())));
	else if (l->answered_ms)
		snprintf(raw, sizeof(raw), "%s hung up after %s", who,
			 duration_text(at, sizeof(at), line_duration_s(l,
			 b->now_ms())));
	else
		snprintf(raw, sizeof(raw), "%s hung up", who);
	sanitize_text(out, sz, raw, strlen(raw));
	return strlen(out);
}

/* "Call from ACME Corp on the ACME Legal line, 3 waiting" */
static void offered(struct board *b, const struct line *l, char *raw,
		    size_t sz)
{
	const struct company_line *c = queue_company_of(b, l->id);
	size_t waiting = queue_order(b, NULL, 0), o;

	o = (size_t)snprintf(raw, sz, "%s from %s", l->recall ? "Back" :
			     "Call", board_line_label(l));
	if (c && c->company[0] && o < sz)
		o += (size_t)snprintf(raw + o, sz - o, " on the %s line",
				      c->company);
	if (waiting > 1 && o < sz)
		snprintf(raw + o, sz - o, ", %zu waiting", waiting);
}

/* Who the caller went to: the line's handed_to, else the text's
 * "A -> B" right side. */
static void transferred(const struct line *l, const char *text, char *raw,
			size_t sz)
{
	const char *arrow = text ? strstr(text, " -> ") : NULL;
	char left[NARRATE_MAX] = "";

	if (arrow)
		snprintf(left, sizeof(left), "%.*s", (int)(arrow - text), text);
	if (l && l->handover == HANDOVER_VOICEMAIL && l->handed_to[0])
		snprintf(raw, sz, "%s is now in %s's voicemail",
			 board_line_label(l), l->handed_to);
	else if (l && l->handed_to[0] && l->handover != HANDOVER_CONFERENCE)
		snprintf(raw, sz, "%s is now with %s", board_line_label(l),
			 l->handed_to);
	else if (arrow)
		snprintf(raw, sz, "%s is now with %s", left, arrow + 4);
	else if (l)
		snprintf(raw, sz, "%s transferred", board_line_label(l));
}

/* "ACME Corp, Alice Martin and you" */
static void conference_names(struct board *b, char *out, size_t sz,
			     bool you)
{
	size_t i, o = 0, n = b->conf.nlegs + (you ? 1 : 0);

	out[0] = '\0';
	for (i = 0; i < n && o < sz; i++) {
		const struct line *l = i < b->conf.nlegs ?
			board_line(b, b->conf.legs[i]) : NULL;
		const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";

		o += (size_t)snprintf(out + o, sz - o, "%s%s", sep,
				      l ? board_line_label(l) : "you");
	}
}

static void conference(struct board *b, const struct board_event *ev,
		       char *raw, size_t sz)
{
	const char *t = ev->text ? ev->text : "";
	char names[NARRATE_MAX];

	if (!strcmp(t, "merged") || !strcmp(t, "added") ||
	    !strcmp(t, "rejoined")) {
		conference_names(b, names, sizeof(names), true);
		snprintf(raw, sz, "Conference: %s", names);
	}
	else if (!strcmp(t, "split"))
		snprintf(raw, sz, "Conference split: back to the consult");
	else if (!strcmp(t, "bridged")) {
		conference_names(b, names, sizeof(names), false);
		snprintf(raw, sz, "%s talk without you", names);
	}
	else if (!strcmp(t, "handing-over")) {
		conference_names(b, names, sizeof(names), false);
		snprintf(raw, sz, "Handing %s over to each other", names);
	}
	else if (!strcmp(t, "ended"))
		snprintf(raw, sz, "Conference over");
	/* handed-over: the transferred event said who is with whom */
}

static void park(const struct board_event *ev, char *raw, size_t sz)
{
	const char *t = ev->text ? ev->text : "", *who;
	unsigned slot = 0;
	const char *sp = strchr(t, ' ');

	if (!ev->line)
		return;
	who = board_line_label(ev->line);
	if (sp)
		slot = (unsigned)strtoul(sp + 1, NULL, 10);
	if (!strncmp(t, "parked", 6))
		snprintf(raw, sz, "%s parked in slot %u", who, slot);
	else if (!strncmp(t, "picked-up", 9))
		snprintf(raw, sz, "%s picked up from slot %u", who, slot);
	else if (!strncmp(t, "recalled", 8))
		snprintf(raw, sz, "%s back from park slot %u: parked too long",
			 who, slot);
	else if (!strcmp(t, "taken from hold"))
		snprintf(raw, sz, "%s taken from hold by a colleague", who);
	else if (slot)
		snprintf(raw, sz, "%s left park slot %u", who, slot);
}

static void camp_on(struct board *b, const struct board_event *ev,
		    char *raw, size_t sz)
{
	const char *t = ev->text ? ev->text : "", *who, *on;

	if (!ev->line)
		return;
	who = board_line_label(ev->line);
	on = board_camped_on(b, ev->line->id);
	if (!on)
		on = "the colleague";
	if (!strcmp(t, "camped"))
		snprintf(raw, sz, "%s waits for %s, who is busy", who, on);
	else if (!strcmp(t, "offered"))
		snprintf(raw, sz, "%s is free: offering %s", on, who);
	else if (!strcmp(t, "taken"))
		snprintf(raw, sz, "%s taken by the colleague it waited for",
			 who);
	else if (!strcmp(t, "back"))
		snprintf(raw, sz, "%s is back: the colleague did not answer",
			 who);
	else if (!strcmp(t, "cancelled"))
		snprintf(raw, sz, "%s no longer waits for a colleague", who);
	else if (!strcmp(t, "gave-up"))
		snprintf(raw, sz, "%s waited too long for a colleague", who);
}

static void service(const struct board *b, const char *t, char *raw,
		    size_t sz)
{
	if ((!strcmp(t, "day") && status_begins(b, "Day service")) ||
	    (!strcmp(t, "night") && status_begins(b, "Night service")) ||
	    (!strcmp(t, "away") && status_begins(b, "You are away")) ||
	    (!strcmp(t, "back") && status_begins(b, "Welcome back")) ||
	    (!strcmp(t, "reloaded") && status_begins(b, "Reloaded")))
		snprintf(raw, sz, "%s", b->status);
	else if (!strcmp(t, "day"))
		snprintf(raw, sz, "Day service: calls ring here");
	else if (!strcmp(t, "night"))
		snprintf(raw, sz, "Night service: callers go to the night "
			 "target");
	else if (!strcmp(t, "away"))
		snprintf(raw, sz, "You are away");
	else if (!strcmp(t, "back"))
		snprintf(raw, sz, "You are back at the desk");
	else if (!strcmp(t, "detached"))
		snprintf(raw, sz, "The terminal is gone: calls go on until "
			 "cordboard --attach takes them back");
	else if (!strcmp(t, "reloaded"))
		snprintf(raw, sz, "Reloaded the configuration");
	else if (!strcmp(t, "attached"))
		snprintf(raw, sz, "Welcome back: the calls went on while the "
			 "terminal was away");
}

static void registration(struct board *b, const struct board_event *ev,
			 char *raw, size_t sz)
{
	struct narrate_state *st = op_state(b, &op_narrate);
	bool news = !st || !st->reg_known || st->reg != b->reg;

	if (st) {
		st->reg_known = true;
		st->reg = b->reg;
	}
	if (!news)
		return;
	if (b->reg == REG_OK)
		snprintf(raw, sz, "Registered with the server");
	else if (b->reg == REG_FAILED)
		snprintf(raw, sz, "Not registered%s%s", ev->text && *ev->text ?
			 ": " : "", ev->text ? ev->text : "");
}

static void line_event(struct board *b, const struct board_event *ev,
		       char *raw, size_t sz)
{
	const struct line *l = ev->line;
	char prefix[NARRATE_MAX];
	const char *who;

	if (!l)
		return;
	who = board_line_label(l);
	switch (ev->type) {
	case EV_LINE_OFFERED:
		offered(b, l, raw, sz);
		break;
	case EV_LINE_DIALING:
		if (!l->page)
			snprintf(raw, sz, "Calling %s", who);
		break;
	case EV_LINE_RINGING:
		if (!l->page)
			snprintf(raw, sz, "%s is ringing", who);
		break;
	case EV_LINE_ANSWERED:
		snprintf(prefix, sizeof(prefix), "Connected to %s", who);
		if (l->dir == LINE_OUTBOUND)
			snprintf(raw, sz, "%s answered", who);
		else if (status_begins(b, prefix))
			snprintf(raw, sz, "%s", b->status);   /* said once */
		else
			snprintf(raw, sz, "Talking to %s", who);
		break;
	case EV_LINE_HELD:
		snprintf(raw, sz, "%s on hold", who);
		break;
	case EV_LINE_RESUMED:
		snprintf(raw, sz, "Talking to %s again", who);
		break;
	case EV_LINE_CLOSED:
		narrate_close(b, l, ev->status, raw, sz);
		break;
	default:
		break;
	}
}

size_t narrate(struct board *b, const struct board_event *ev, char *out,
	       size_t sz)
{
	char raw[NARRATE_MAX * 2] = "";
	const char *t = ev->text ? ev->text : "";

	switch (ev->type) {
	/* these already carry their sentence: the status line's */
	case EV_RESULT:
	case EV_ERROR:
	case EV_REMINDER:
		snprintf(raw, sizeof(raw), "%s", t);
		break;
	case EV_LINE_OFFERED:
	case EV_LINE_DIALING:
	case EV_LINE_RINGING:
	case EV_LINE_ANSWERED:
	case EV_LINE_HELD:
	case EV_LINE_RESUMED:
	case EV_LINE_CLOSED:
		line_event(b, ev, raw, sizeof(raw));
		break;
	case EV_REGISTRATION:
		registration(b, ev, raw, sizeof(raw));
		break;
	case EV_TRANSFERRED:
		transferred(ev->line, ev->text, raw, sizeof(raw));
		break;
	case EV_RECALL:
		if (ev->line)
			narrate_recall(ev->line, t, raw, sizeof(raw));
		break;
	case EV_MUTE:
		snprintf(raw, sizeof(raw), "%s", !strcmp(t, "on") ?
			 "Your microphone is muted" : "Your microphone is on");
		break;
	case EV_CONFERENCE:
		conference(b, ev, raw, sizeof(raw));
		break;
	case EV_PARK:
		park(ev, raw, sizeof(raw));
		break;
	case EV_PAGE:
		if (ev->line && !strcmp(t, "paging"))
			snprintf(raw, sizeof(raw), "Paging %s",
				 board_line_label(ev->line));
		else if (ev->line && !strcmp(t, "ended"))
			snprintf(raw, sizeof(raw), "Page to %s ended",
				 board_line_label(ev->line));
		break;
	case EV_CAMP_ON:
		camp_on(b, ev, raw, sizeof(raw));
		break;
	case EV_SERVICE:
		service(b, t, raw, sizeof(raw));
		break;
	/* a colleague's state, a volume step: the panes show them */
	case EV_PRESENCE:
	case EV_LINE_STATE:
	case EV_VOLUME:
		break;
	}
	sanitize_text(out, sz, raw, strlen(raw));
	return strlen(out);
}
