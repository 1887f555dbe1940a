/*
 * registration.c — the registration with the SIP server as the operator
 * sees it. The phone reports each REGISTER's outcome (board_on_
 * registration); a failure stops the SIP stack's own retries, and this
 * kind says why in plain words and asks the phone to register again on
 * a back-off schedule, until the server says yes.
 */
#include "registration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_int.h"
#include "operation.h"

struct registration_state {
	unsigned failures;       /* failures in a row, 0 once registered */
	int64_t retry_at;        /* ms, 0: no try scheduled */
	unsigned server_wait_s;  /* the server's Retry-After, for one failure */
};

extern const struct op_kind op_registration;

static const unsigned retry_s[] = { 5, 10, 30, 60, 120, 300, 600 };

unsigned registration_retry_s(unsigned failures)
{
	size_t n = sizeof(retry_s) / sizeof(retry_s[0]);

	if (failures == 0)
		return retry_s[0];
	return retry_s[failures - 1 < n ? failures - 1 : n - 1];
}

int64_t registration_retry_at(struct board *b)
{
	struct registration_state *st = op_state(b, &op_registration);

	return st ? st->retry_at : 0;
}

void registration_server_wait(struct board *b, unsigned retry_after_s)
{
	struct registration_state *st = op_state(b, &op_registration);

	/* an hour at most: a bogus header must not silence the console */
	if (st)
		st->server_wait_s = retry_after_s < 3600 ? retry_after_s : 3600;
}

const char *registration_state_text(struct board *b)
{
	struct registration_state *st = op_state(b, &op_registration);

	switch (b->reg) {
	case REG_NONE:
		return "";
	case REG_OK:
		return "registered";
	case REG_REGISTERING:
		/* a retry after a refusal is not news: it is still down */
		if (!st || !st->failures)
			return "registering";
		break;
	case REG_FAILED:
		break;
	}
	return "not registered - retrying";
}

/* "in 30 s", "in 2 min": when the next try comes. */
static void retry_words(char *out, size_t sz, unsigned s)
{
	if (s < 60 || s % 60)
		snprintf(out, sz, "%u s", s);
	else
		snprintf(out, sz, "%u min", s / 60);
}

/* The refusal in the operator's words: the SIP status says whose
 * mistake it is (a password, the account, or the server). */
static void say_failure(struct board *b, const char *text, unsigned wait_s)
{
	char when[16];
	char *end = NULL;
	long scode = strtol(text, &end, 10);
	const char *reason = end ? end : "";

	while (*reason == ' ')
		reason++;
	retry_words(when, sizeof(when), wait_s);
	if (scode == 401 || scode == 407)
		board_status(b, true, "Registration refused (%ld): check "
			     "auth_user and password - trying again in %s",
			     scode, when);
	else if (scode == 503)
		board_status(b, true, "Server busy (503): registering again "
			     "in %s", when);
	else if (scode == 403)
		board_status(b, true, "Registration refused (403): the server "
			     "does not let auth_user register the aor - trying "
			     "again in %s", when);
	else if (scode >= 300 && scode < 700)
		board_status(b, true, "Registration refused (%ld %s) - trying "
			     "again in %s", scode, reason, when);
	else
		board_status(b, true, "Not registered: the server does not "
			     "answer (%s) - trying again in %s",
			     text[0] ? text : "no reply", when);
}

static void registration_event(struct board *b, const struct board_event *ev)
{
	struct registration_state *st = op_state(b, &op_registration);
	unsigned wait_s;

	if (!st || ev->type != EV_REGISTRATION)
		return;
	if (b->reg == REG_OK) {
		if (st->failures)
			board_status(b, false, "Registered with the server "
				     "again");
		st->failures = 0;
		st->retry_at = 0;
		st->server_wait_s = 0;
	} else if (b->reg == REG_FAILED) {
		st->failures++;
		wait_s = registration_retry_s(st->failures);
		/* a Retry-After is the least the server will take */
		if (st->server_wait_s > wait_s)
			wait_s = st->server_wait_s;
		st->server_wait_s = 0;
		st->retry_at = b->now_ms() + (int64_t)wait_s * 1000;
		say_failure(b, ev->text ? ev->text : "", wait_s);
	}
}

static void registration_tick(struct board *b, int64_t now)
{
	struct registration_state *st = op_state(b, &op_registration);

	if (!st || !st->retry_at || now < st->retry_at)
		return;
	st->retry_at = 0;
	if (b->ops->register_again)
		b->ops->register_again(b->phone);
}

const struct op_kind op_registration = {
	.name = "registration",
	.event = registration_event,
	.tick = registration_tick,
	.state_size = sizeof(struct registration_state),
};
