/*
 * evlog.c — one JSON object per core event.
 */
#include "evlog.h"

#include <stdio.h>
#include <string.h>

const char *board_event_name(enum board_event_type type)
{
	switch (type) {
	case EV_LINE_OFFERED:  return "line_offered";
	case EV_LINE_DIALING:  return "line_dialing";
	case EV_LINE_RINGING:  return "line_ringing";
	case EV_LINE_ANSWERED: return "line_answered";
	case EV_LINE_HELD:     return "line_held";
	case EV_LINE_RESUMED:  return "line_resumed";
	case EV_LINE_CLOSED:   return "line_closed";
	case EV_REGISTRATION:  return "registration";
	case EV_RESULT:        return "result";
	case EV_ERROR:         return "error";
	case EV_TRANSFERRED:   return "transferred";
	case EV_RECALL:        return "recall";
	case EV_PRESENCE:      return "presence";
	case EV_LINE_STATE:    return "line_state";
	case EV_MUTE:          return "mute";
	case EV_VOLUME:        return "volume";
	case EV_CONFERENCE:    return "conference";
	case EV_PARK:          return "park";
	case EV_PAGE:          return "page";
	case EV_REMINDER:      return "reminder";
	case EV_CAMP_ON:       return "camp_on";
	case EV_SERVICE:      return "service";
	}
	return "unknown";
}

int json_quote(char *buf, size_t sz, const char *s)
{
	size_t o = 0;
	int need = 2;
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		need += (*p == '"' || *p == '\\') ? 2 : (*p < 0x20 ? 6 : 1);
	if ((size_t)need >= sz)
		return need;
	buf[o++] = '"';
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)*p;
		}
		else if (*p < 0x20) {
			o += (size_t)snprintf(buf + o, sz - o, "\\u%04x", *p);
		}
		else {
			buf[o++] = (char)*p;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return (int)o;
}

/* Appends ,"key":"value" when there is room; returns the new length. */
static size_t add_str(char *buf, size_t sz, size_t len, const char *key,
		      const char *val)
{
	char q[1100];

	if (len >= sz)
		return len;
	if (json_quote(q, sizeof(q), val) >= (int)sizeof(q))
		snprintf(q, sizeof(q), "\"\"");
	return len + (size_t)snprintf(buf + len, sz - len, ",\"%s\":%s",
				      key, q);
}

int evlog_format(char *buf, size_t sz, const struct board_event *ev,
		 int64_t ts_ms)
{
	size_t len;

	len = (size_t)snprintf(buf, sz, "{\"ts\":%lld.%03lld,\"event\":\"%s\"",
			       (long long)(ts_ms / 1000),
			       (long long)(ts_ms % 1000),
			       board_event_name(ev->type));
	if (ev->line) {
		const struct line *l = ev->line;

		if (len < sz)
			len += (size_t)snprintf(buf + len, sz - len,
						",\"line\":%u", l->id);
		len = add_str(buf, sz, len, "state", line_state_name(l->state));
		len = add_str(buf, sz, len, "dir", l->dir == LINE_INBOUND ?
			      "in" : "out");
		len = add_str(buf, sz, len, "name", l->name);
		len = add_str(buf, sz, len, "number", l->number);
		len = add_str(buf, sz, len, "uri", l->uri);
	}
	if (ev->status && len < sz)
		len += (size_t)snprintf(buf + len, sz - len, ",\"status\":%d",
					ev->status);
	/* the operator's sentence first; the machine words, when they
	 * differ, for scripts that matched them ("parked 1", "day") */
	if (ev->sentence) {
		len = add_str(buf, sz, len, "text", ev->sentence);
		if (ev->text && strcmp(ev->text, ev->sentence))
			len = add_str(buf, sz, len, "detail", ev->text);
	}
	else if (ev->text)
		len = add_str(buf, sz, len, "text", ev->text);
	if (len < sz)
		len += (size_t)snprintf(buf + len, sz - len, "}");
	else
		len++;
	return (int)len;
}

static const char *conference_name(enum conf_state s)
{
	switch (s) {
	case CONF_NONE:         return "none";
	case CONF_MIXING:       return "mixing";
	case CONF_BRIDGED:      return "bridged";
	case CONF_HANDING_OVER: return "handing-over";
	}
	return "?";
}

static const char *xfer_state_name(enum xfer_state s)
{
	switch (s) {
	case XFER_CONSULTING: return "consulting";
	case XFER_REFERRING:  return "referring";
	case XFER_HUNTING:    return "hunting";
	case XFER_HOLDING:    return "holding";
	case XFER_PAUSED:     return "paused";
	}
	return "?";
}

int evlog_board(char *buf, size_t sz, const struct board *b)
{
	size_t len, i;

	len = (size_t)snprintf(buf, sz, "{\"lines\":[");
	for (i = 0; i < b->nlines; i++) {
		const struct line *l = &b->lines[i];

		if (len < sz)
			len += (size_t)snprintf(buf + len, sz - len,
						"%s{\"line\":%u", i ? "," : "",
						l->id);
		len = add_str(buf, sz, len, "state", line_state_name(l->state));
		len = add_str(buf, sz, len, "dir", l->dir == LINE_INBOUND ?
			      "in" : "out");
		len = add_str(buf, sz, len, "number", l->number);
		if (len < sz)
			len += (size_t)snprintf(buf + len, sz - len,
						",\"park_slot\":%u}",
						l->park_slot);
	}
	if (len < sz)
		len += (size_t)snprintf(buf + len, sz - len,
					"],\"transfers\":[");
	for (i = 0; i < b->nxfers && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len,
					"%s{\"caller\":%u,\"consult\":%u,"
					"\"kind\":\"%s\",\"state\":\"%s\"}",
					i ? "," : "", b->xfers[i]->caller,
					b->xfers[i]->consult,
					b->xfers[i]->kind == XFER_BLIND ?
					"blind" : "attended",
					xfer_state_name(b->xfers[i]->state));
	if (len < sz)
		len += (size_t)snprintf(buf + len, sz - len,
					"],\"conference\":\"%s\"}",
					conference_name(b->conf.state));
	return (int)(len < sz ? len : sz);
}

void evlog_observer(void *arg, const struct board_event *ev)
{
	struct evlog *el = arg;
	char buf[4096];
	int n;

	if (!el->fp)
		return;
	n = evlog_format(buf, sizeof(buf), ev, el->now_ms());
	if (n < 0 || (size_t)n >= sizeof(buf))
		return;
	fprintf(el->fp, "%s\n", buf);
	fflush(el->fp);
}
