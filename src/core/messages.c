/*
 * messages.c — the messages the operator takes for colleagues: each is
 * appended to the messages file (JSON lines, one per change of state,
 * the last line of an id wins), sent to the colleague's phone as a SIP
 * MESSAGE, and kept pending until a phone takes it: tried again when
 * the colleague's presence turns available and every retry_after
 * seconds. An operation kind with no legs, like the queue.
 */
#include "board.h"
#include "messages.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "board_int.h"
#include "durable.h"
#include "operation.h"
#include "sanitize.h"

#define MESSAGES_MAX 512
#define MESSAGE_LINE_MAX 8192

struct message_slot {
	struct message m;
	bool sending;             /* a MESSAGE is under way */
	bool mailed;              /* the e-mail command was started */
	int64_t next_try_s;       /* pending: tried again from then */
};

struct messages_state {
	struct message_slot *slots;   /* oldest first */
	size_t n;
	unsigned next_id;
	struct messages_config cfg;
	int64_t (*wall_s)(void);
	bool opened;
	message_mail_fn *mail;
	void *mail_arg;
};

extern const struct op_kind op_messages;

static struct messages_state *messages(struct board *b)
{
	return op_state(b, &op_messages);
}

static int64_t wall_now(const struct messages_state *st)
{
	return st && st->wall_s ? st->wall_s() : (int64_t)time(NULL);
}

const char *message_state_name(enum message_state s)
{
	switch (s) {
	case MESSAGE_PENDING:   return "pending";
	case MESSAGE_DELIVERED: return "delivered";
	case MESSAGE_MAILED:    return "mailed";
	case MESSAGE_FAILED:    return "failed";
	}
	return "pending";
}

static int state_parse(const char *word, enum message_state *s)
{
	static const enum message_state all[] = {
		MESSAGE_PENDING, MESSAGE_DELIVERED, MESSAGE_MAILED,
		MESSAGE_FAILED,
	};
	size_t i;

	for (i = 0; word && i < sizeof(all) / sizeof(all[0]); i++) {
		if (!strcmp(word, message_state_name(all[i]))) {
			*s = all[i];
			return 0;
		}
	}
	return EINVAL;
}

const char *message_text_refusal(const char *text)
{
	size_t len = strlen(text), at = 0, chars = 0;

	if (!len)
		return "The message is empty";
	while (at < len) {
		long cp;
		size_t n = text_utf8_decode(text + at, len - at, &cp);

		if (cp < 0)
			return "The message is not valid UTF-8";
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return "The message has a control character";
		at += n;
		if (++chars > MESSAGE_TEXT_MAX)
			return "The message is longer than 1000 characters";
	}
	return NULL;
}

void message_body(const struct message *m, char *buf, size_t sz)
{
	time_t at = (time_t)m->at_s;
	char when[16] = "";
	struct tm tm;

	if (localtime_r(&at, &tm))
		strftime(when, sizeof(when), "%H:%M", &tm);
	snprintf(buf, sz, "Message from %s%s%s%s%s%s, at %s:\n%s", m->from,
		 m->company[0] ? " (" : "", m->company,
		 m->company[0] ? ")" : "", m->number[0] ? ", " : "",
		 m->number, when, m->text);
}

/* One line of the file: the message as it is now. */
static char *message_json(const struct message *m)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I}",
			      "id", (json_int_t)m->id,
			      "time", (json_int_t)m->at_s,
			      "for", m->for_number, "from", m->from,
			      "number", m->number, "company", m->company,
			      "text", m->text,
			      "state", message_state_name(m->state),
			      "attempts", (json_int_t)m->attempts);
	char *s;

	if (!o)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	return s;
}

/* Appends M's state to the file before the message is sent, so a
 * message the operator took survives a crash a moment later; the
 * disk's wait is the syncer's (durable.h), not the keystroke's. */
static int message_append(struct messages_state *st, const struct message *m)
{
	char *line;
	size_t len, off = 0;
	int fd, err = 0;

	if (!st->cfg.path[0])
		return 0;
	line = message_json(m);
	if (!line)
		return ENOMEM;
	len = strlen(line);
	line[len++] = '\n';   /* over the NUL: written by length */
	fd = open(st->cfg.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		  0600);
	if (fd < 0) {
		err = errno;
		free(line);
		return err;
	}
	while (off < len) {
		ssize_t w = write(fd, line + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		off += (size_t)w;
	}
	if (err)
		close(fd);
	else
		durable_sync(fd);
	free(line);
	return err;
}

static void message_save(struct board *b, struct messages_state *st,
			 const struct message *m)
{
	int err = message_append(st, m);

	if (err)
		board_status(b, true, "Cannot keep the messages in %s: %s",
			     st->cfg.path, strerror(err));
}

static struct message_slot *slot_find(struct messages_state *st,
				      unsigned id)
{
	size_t i;

	for (i = 0; st && i < st->n; i++) {
		if (st->slots[i].m.id == id)
			return &st->slots[i];
	}
	return NULL;
}

/* A new slot at the end; when full, the oldest finished message makes
 * room (a pending one is never forgotten). */
static struct message_slot *slot_add(struct messages_state *st)
{
	size_t i;

	if (!st->slots) {
		st->slots = calloc(MESSAGES_MAX, sizeof(*st->slots));
		if (!st->slots)
			return NULL;
	}
	if (st->n == MESSAGES_MAX) {
		for (i = 0; i < st->n; i++) {
			if (st->slots[i].m.state != MESSAGE_PENDING)
				break;
		}
		if (i == st->n)
			return NULL;
		memmove(&st->slots[i], &st->slots[i + 1],
			(st->n - i - 1) * sizeof(st->slots[0]));
		st->n--;
	}
	memset(&st->slots[st->n], 0, sizeof(st->slots[0]));
	return &st->slots[st->n++];
}

/* Strings from the file are shown on the screen: made safe as any
 * caller's text. */
static void field_copy(char *dst, size_t sz, json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	if (!s)
		s = "";
	sanitize_text(dst, sz, s, strlen(s));
}

static int line_read(struct messages_state *st, const char *line)
{
	json_t *o = json_loads(line, 0, NULL);
	struct message m = { 0 };
	struct message_slot *s;
	json_int_t id;
	const char *text;

	if (!o || !json_is_object(o))
		goto bad;
	id = json_integer_value(json_object_get(o, "id"));
	text = json_string_value(json_object_get(o, "text"));
	if (id <= 0 || id > 0x7fffffff || !text ||
	    state_parse(json_string_value(json_object_get(o, "state")),
			&m.state))
		goto bad;
	m.id = (unsigned)id;
	m.at_s = json_integer_value(json_object_get(o, "time"));
	m.attempts = (unsigned)json_integer_value(json_object_get(o,
								  "attempts"));
	field_copy(m.for_number, sizeof(m.for_number), o, "for");
	field_copy(m.from, sizeof(m.from), o, "from");
	field_copy(m.number, sizeof(m.number), o, "number");
	field_copy(m.company, sizeof(m.company), o, "company");
	field_copy(m.text, sizeof(m.text), o, "text");
	json_decref(o);
	s = slot_find(st, m.id);
	if (!s)
		s = slot_add(st);
	if (!s)
		return ENOMEM;
	s->m = m;
	if (m.id >= st->next_id)
		st->next_id = m.id + 1;
	return 0;
bad:
	json_decref(o);
	return EINVAL;
}

/* A crash in the middle of a write leaves a line without its end: the
 * next line must not be glued to it. */
static int torn_end_close(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC), err = 0;
	char last;

	if (fd < 0)
		return errno == ENOENT ? 0 : errno;
	if (lseek(fd, -1, SEEK_END) >= 0 && read(fd, &last, 1) == 1 &&
	    last != '\n') {
		if (lseek(fd, 0, SEEK_END) < 0 || write(fd, "\n", 1) != 1 ||
		    fsync(fd))
			err = errno;
	}
	close(fd);
	return err;
}

int board_messages_open(struct board *b, const struct messages_config *cfg,
			int64_t (*wall_s)(void), unsigned *skipped)
{
	struct messages_state *st = messages(b);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned bad = 0;
	int64_t now;
	FILE *fp;
	size_t i;
	int err = 0;

	if (skipped)
		*skipped = 0;
	if (!st)
		return ENOMEM;
	st->cfg = *cfg;
	if (st->cfg.retry_after_s <= 0)
		st->cfg.retry_after_s = SETTINGS_MESSAGE_RETRY_S;
	st->wall_s = wall_s;
	st->opened = true;
	if (!st->next_id)
		st->next_id = 1;
	if (!st->cfg.path[0])
		return 0;
	fp = fopen(st->cfg.path, "re");
	if (!fp)
		return errno == ENOENT ? 0 : errno;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!len)
			continue;
		err = line_read(st, line);
		if (err == EINVAL)
			bad++;
		else if (err)
			break;
		err = 0;
	}
	free(line);
	fclose(fp);
	if (!err)
		err = torn_end_close(st->cfg.path);
	if (skipped)
		*skipped = bad;
	/* what was pending before the restart is tried at once */
	now = wall_now(st);
	for (i = 0; i < st->n; i++)
		st->slots[i].next_try_s = now;
	board_touch(b, DIRTY_STATUS);
	return err;
}

void board_messages_set_mailer(struct board *b, message_mail_fn *fn,
			       void *arg)
{
	struct messages_state *st = messages(b);

	if (!st)
		return;
	st->mail = fn;
	st->mail_arg = arg;
}

/* The phone did not take S: an e-mail, once, when the colleague has an
 * address and a command is configured. */
static void message_mail(struct board *b, struct messages_state *st,
			 struct message_slot *s)
{
	struct extension *e = board_extension(b, s->m.for_number);
	char body[sizeof(s->m.text) + 512], subject[200];
	int err;

	if (!st->mail || s->mailed || !e || !e->email[0] ||
	    strpbrk(e->email, "\r\n"))
		return;
	s->mailed = true;
	snprintf(subject, sizeof(subject), "Message from %s", s->m.from);
	message_body(&s->m, body, sizeof(body));
	err = st->mail(st->mail_arg, s->m.id, e->email, subject, body);
	if (err)
		board_status(b, true, "Cannot run the e-mail command for %s's "
			     "message: %s", e->name, strerror(err));
}

static const char *colleague_name(struct board *b, const char *number)
{
	struct extension *e = board_extension(b, number);

	return e && e->name[0] ? e->name : number;
}

/* Sends S to its colleague's phone; a failure to send keeps it
 * pending, tried again after retry_after. */
static void message_try(struct board *b, struct messages_state *st,
			struct message_slot *s)
{
	struct extension *e = board_extension(b, s->m.for_number);
	char body[sizeof(s->m.text) + 512];
	int err;

	s->next_try_s = wall_now(st) + st->cfg.retry_after_s;
	if (!e || (!e->uri[0] && !(st->mail && e->email[0]))) {
		/* gone from the directory since: nowhere to send it */
		s->m.state = MESSAGE_FAILED;
		message_save(b, st, &s->m);
		board_status(b, true, "The message for %s cannot be delivered: "
			     "no longer in the directory", s->m.for_number);
		return;
	}
	if (!e->uri[0] || !b->ops->send_message) {
		message_mail(b, st, s);
		return;
	}
	message_body(&s->m, body, sizeof(body));
	s->m.attempts++;
	s->sending = true;
	err = b->ops->send_message(b->phone, s->m.id, e->uri, body);
	/* the phone may have answered already: look the slot up again */
	s = slot_find(st, s->m.id);
	if (err && s) {
		s->sending = false;
		board_status(b, true, "Cannot send the message for %s: %s; "
			     "tried again later", colleague_name(b,
			     s->m.for_number), strerror(err));
		message_mail(b, st, s);
	}
}

int board_message_take(struct board *b, const char *target,
		       const char *from, const char *number,
		       const char *company, const char *text)
{
	struct messages_state *st = messages(b);
	const struct extension *ext = NULL;
	const char *why = message_text_refusal(text);
	struct message_slot *s;
	char uri[256], label[256];

	if (why) {
		board_status(b, true, "%s: not taken", why);
		return EINVAL;
	}
	if (board_resolve(b, target, "take a message", uri, sizeof(uri),
			  label, sizeof(label), &ext))
		return EINVAL;
	if (!ext || ext_is_group(ext)) {
		board_status(b, true, "Cannot take a message for %s: only for "
			     "a colleague in the directory", label);
		return ENOENT;
	}
	if (!ext->uri[0] && !(st && st->mail && ext->email[0])) {
		board_status(b, true, "Cannot take a message for %s: no SIP "
			     "address and no e-mail to send it to", label);
		return ENOENT;
	}
	if (!st || !(s = slot_add(st))) {
		board_status(b, true, "Cannot take the message: no room");
		return ENOMEM;
	}
	if (!st->next_id)
		st->next_id = 1;
	s->m.id = st->next_id++;
	s->m.at_s = wall_now(st);
	snprintf(s->m.for_number, sizeof(s->m.for_number), "%s",
		 ext->number);
	sanitize_text(s->m.from, sizeof(s->m.from), from, strlen(from));
	sanitize_text(s->m.number, sizeof(s->m.number), number,
		      strlen(number));
	sanitize_text(s->m.company, sizeof(s->m.company), company,
		      strlen(company));
	/* already free of control characters; this drops what else a
	 * terminal would act on (bidirectional overrides) */
	sanitize_text(s->m.text, sizeof(s->m.text), text, strlen(text));
	s->m.state = MESSAGE_PENDING;
	message_save(b, st, &s->m);
	board_status(b, false, "Message for %s taken: sending",
		     colleague_name(b, s->m.for_number));
	message_try(b, st, s);
	board_touch(b, DIRTY_STATUS);
	return 0;
}

void board_message_result(struct board *b, unsigned id, int status)
{
	struct messages_state *st = messages(b);
	struct message_slot *s = slot_find(st, id);
	const char *name;

	if (!s)
		return;
	s->sending = false;
	name = colleague_name(b, s->m.for_number);
	if (status >= 200 && status < 300) {
		if (s->m.state == MESSAGE_PENDING) {
			s->m.state = MESSAGE_DELIVERED;
			message_save(b, st, &s->m);
		}
		board_status(b, false, "Message for %s delivered", name);
	}
	else {
		s->next_try_s = wall_now(st) + st->cfg.retry_after_s;
		message_save(b, st, &s->m);  /* the attempt is counted */
		if (status)
			board_status(b, true, "Message for %s not delivered "
				     "(%d %s): pending, tried again when they "
				     "are back", name, status,
				     board_status_words(status));
		else
			board_status(b, true, "Message for %s not delivered "
				     "(no answer): pending, tried again when "
				     "they are back", name);
		message_mail(b, st, s);
	}
	board_touch(b, DIRTY_STATUS);
}

void board_message_mail_result(struct board *b, unsigned id, int status)
{
	struct messages_state *st = messages(b);
	struct message_slot *s = slot_find(st, id);

	if (!s || s->m.state != MESSAGE_PENDING)
		return;
	if (status) {
		board_status(b, true, "The e-mail command for the message for "
			     "%s failed (exit %d): still pending",
			     colleague_name(b, s->m.for_number), status);
		return;
	}
	s->m.state = MESSAGE_MAILED;
	message_save(b, st, &s->m);
	board_status(b, false, "Message for %s sent by e-mail",
		     colleague_name(b, s->m.for_number));
}

const struct message *board_message_at(struct board *b, size_t i)
{
	struct messages_state *st = messages(b);

	if (!st || i >= st->n)
		return NULL;
	return &st->slots[st->n - 1 - i].m;
}

size_t board_messages_count(struct board *b)
{
	struct messages_state *st = messages(b);

	return st ? st->n : 0;
}

bool board_messages_waiting(struct board *b)
{
	struct messages_state *st = messages(b);
	size_t i;

	for (i = 0; st && i < st->n; i++) {
		if (st->slots[i].m.state == MESSAGE_PENDING)
			return true;
	}
	return false;
}

/* Pending messages whose time has come (all of NUMBER's when it is
 * given: the colleague just came back). */
static void messages_retry(struct board *b, const char *number)
{
	struct messages_state *st = messages(b);
	int64_t now = wall_now(st);
	unsigned ids[MESSAGES_MAX];
	size_t i, n = 0;

	for (i = 0; st && i < st->n; i++) {
		struct message_slot *s = &st->slots[i];

		if (s->m.state != MESSAGE_PENDING || s->sending)
			continue;
		if (number ? strcmp(s->m.for_number, number) :
		    s->next_try_s > now)
			continue;
		ids[n++] = s->m.id;
	}
	/* a try may answer at once and change the slots */
	for (i = 0; i < n; i++) {
		struct message_slot *s = slot_find(st, ids[i]);

		if (s && s->m.state == MESSAGE_PENDING && !s->sending)
			message_try(b, st, s);
	}
}

static void messages_tick(struct board *b, int64_t now)
{
	(void)now;
	if (messages(b) && messages(b)->opened)
		messages_retry(b, NULL);
}

/* A colleague whose presence turns available gets what waits for them. */
static void messages_event(struct board *b, const struct board_event *ev)
{
	struct extension *e;

	if (ev->type != EV_PRESENCE || !ev->text)
		return;
	e = board_extension(b, ev->text);
	if (e && e->presence == PRESENCE_AVAILABLE)
		messages_retry(b, e->number);
}

static void messages_destroy(struct board *b, void *state)
{
	struct messages_state *st = state;

	(void)b;
	free(st->slots);
	st->slots = NULL;
}

const struct op_kind op_messages = {
	.name = "messages",
	.event = messages_event,
	.tick = messages_tick,
	.state_size = sizeof(struct messages_state),
	.destroy = messages_destroy,
};
