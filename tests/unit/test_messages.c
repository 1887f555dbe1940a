/*
 * test_messages.c — messages for absent colleagues, on a fake wall
 * clock and a messages file in a temp dir: a message taken is sent as a
 * MESSAGE and delivered on 2xx; refused it stays pending, is tried again
 * when the colleague turns available and after retry_after; the file
 * reads back after a restart, a torn last line is skipped; bodies too
 * long or with control characters are refused.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/events_xml.h"
#include "core/messages.h"
#include "fake_phone.h"

#define MONDAY_10_00 1796637600LL   /* 2026-12-07 10:00 UTC */

static int64_t wall;

static int64_t wall_clock(void)
{
	return wall;
}

static struct extension exts[] = {
	{ .number = "201", .name = "Robert Smith", .uri = "sip:201@office" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office",
	  .email = "bob@example.com" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	char dir[64];
	struct messages_config cfg;
	unsigned skipped;
};

static void desk_open(struct desk *d)
{
	fake_phone_setup(&d->phone, &d->b);
	fake_keys_install(&d->b);
	board_set_extensions(&d->b, exts, sizeof(exts) / sizeof(exts[0]));
	assert_int_equal(board_messages_open(&d->b, &d->cfg, wall_clock,
					     &d->skipped), 0);
}

static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	wall = MONDAY_10_00;
	snprintf(d.dir, sizeof(d.dir), "/tmp/cb-messages-XXXXXX");
	assert_non_null(mkdtemp(d.dir));
	snprintf(d.cfg.path, sizeof(d.cfg.path), "%s/messages", d.dir);
	d.cfg.retry_after_s = 300;
	desk_open(&d);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	fake_phone_close(&d->phone);
	unlink(d->cfg.path);
	rmdir(d->dir);
	return 0;
}

static void desk_restart(struct desk *d)
{
	fake_phone_close(&d->phone);
	desk_open(d);
}

static int messages_sent(const struct fake_phone *f)
{
	int i, n = 0;

	for (i = 0; i < f->nops; i++)
		n += !strcmp(f->ops[i].what, "message");
	return n;
}

static void presence_set(struct board *b, const char *number,
			 enum presence p)
{
	struct presence_info pi = { .presence = p };

	board_on_presence(b, number, &pi);
}

/* "Message for Bob": sent to his URI with the caller's words. */
static void test_message_sent_and_delivered(void **state)
{
	struct desk *d = *state;
	const struct message *m;

	assert_int_equal(board_message_take(&d->b, "202", "Ann Lee",
					    "0301234", "ACME Corp",
					    "Please call back"), 0);
	assert_int_equal(messages_sent(&d->phone), 1);
	assert_string_equal(d->phone.ops[0].uri, "sip:202@office");
	assert_non_null(strstr(d->phone.last_message,
			       "Ann Lee (ACME Corp), 0301234"));
	assert_non_null(strstr(d->phone.last_message, "Please call back"));
	m = board_message_at(&d->b, 0);
	assert_int_equal(m->state, MESSAGE_PENDING);
	board_message_result(&d->b, m->id, 200);
	assert_int_equal(board_message_at(&d->b, 0)->state,
			 MESSAGE_DELIVERED);
	assert_non_null(strstr(d->b.status, "delivered"));
	assert_false(board_messages_waiting(&d->b));
}

/* Refused (480): pending; back when available, and on the clock. */
static void test_pending_retried_on_presence_and_clock(void **state)
{
	struct desk *d = *state;
	unsigned id;

	assert_int_equal(board_message_take(&d->b, "Bob", "Ann", "030", "",
					    "Call me"), 0);
	id = board_message_at(&d->b, 0)->id;
	board_message_result(&d->b, id, 480);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_PENDING);
	assert_true(board_messages_waiting(&d->b));
	assert_non_null(strstr(d->b.status, "pending"));

	/* the clock has not come round yet: nothing */
	wall += 299;
	board_tick(&d->b);
	assert_int_equal(messages_sent(&d->phone), 1);
	/* Bob's phone says available: tried at once */
	presence_set(&d->b, "202", PRESENCE_AVAILABLE);
	assert_int_equal(messages_sent(&d->phone), 2);
	board_message_result(&d->b, id, 480);
	/* away is not back */
	presence_set(&d->b, "202", PRESENCE_AWAY);
	assert_int_equal(messages_sent(&d->phone), 2);
	wall += 300;
	board_tick(&d->b);
	assert_int_equal(messages_sent(&d->phone), 3);
	board_message_result(&d->b, id, 202);
	assert_int_equal(board_message_at(&d->b, 0)->state,
			 MESSAGE_DELIVERED);
	assert_int_equal(board_message_at(&d->b, 0)->attempts, 3);
	/* delivered: the clock sends nothing more */
	wall += 3000;
	board_tick(&d->b);
	assert_int_equal(messages_sent(&d->phone), 3);
}

/* A restart reads the messages back, and what was pending goes out. */
static void test_file_round_trip(void **state)
{
	struct desk *d = *state;
	const struct message *m;

	assert_int_equal(board_message_take(&d->b, "201", "Zoë \"Z\" Ng",
					    "+4930", "Café & Co",
					    "Back at 3, ünïcode"), 0);
	board_message_result(&d->b, board_message_at(&d->b, 0)->id, 200);
	assert_int_equal(board_message_take(&d->b, "202", "Ann", "030", "",
					    "Still waiting"), 0);
	board_message_result(&d->b, board_message_at(&d->b, 0)->id, 408);
	desk_restart(d);
	assert_int_equal(d->skipped, 0);
	assert_int_equal(board_messages_count(&d->b), 2);
	m = board_message_at(&d->b, 1);
	assert_string_equal(m->from, "Zoë \"Z\" Ng");
	assert_string_equal(m->company, "Café & Co");
	assert_string_equal(m->text, "Back at 3, ünïcode");
	assert_string_equal(m->for_number, "201");
	assert_int_equal(m->state, MESSAGE_DELIVERED);
	m = board_message_at(&d->b, 0);
	assert_int_equal(m->state, MESSAGE_PENDING);
	assert_int_equal(m->attempts, 1);
	/* ids go on after the file's */
	assert_int_equal(board_message_take(&d->b, "202", "Cy", "1", "",
					    "x"), 0);
	assert_true(board_message_at(&d->b, 0)->id > m->id);
	board_tick(&d->b);
	/* the pending one went out again after the restart */
	assert_int_equal(messages_sent(&d->phone), 2);
}

/* A colleague gone from the directory after a restart: failed, and
 * no longer tried. */
static void test_gone_colleague_fails(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_message_take(&d->b, "202", "Ann", "030", "",
					    "hi"), 0);
	board_message_result(&d->b, board_message_at(&d->b, 0)->id, 480);
	fake_phone_close(&d->phone);
	fake_phone_setup(&d->phone, &d->b);
	board_set_extensions(&d->b, exts, 1);
	assert_int_equal(board_messages_open(&d->b, &d->cfg, wall_clock,
					     &d->skipped), 0);
	board_tick(&d->b);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_FAILED);
	assert_false(board_messages_waiting(&d->b));
	assert_int_equal(messages_sent(&d->phone), 0);
}

/* A crash mid-write: the torn line is skipped, the rest reads, and the
 * next line written is whole. */
static void test_torn_line(void **state)
{
	struct desk *d = *state;
	FILE *fp;

	assert_int_equal(board_message_take(&d->b, "201", "Ann", "030", "",
					    "first"), 0);
	fp = fopen(d->cfg.path, "a");
	assert_non_null(fp);
	fputs("{\"id\":7,\"time\":1,\"for\":\"202\",\"te", fp);
	fclose(fp);
	desk_restart(d);
	assert_int_equal(d->skipped, 1);
	assert_int_equal(board_messages_count(&d->b), 1);
	assert_int_equal(board_message_take(&d->b, "202", "Bo", "1", "",
					    "second"), 0);
	desk_restart(d);
	assert_int_equal(d->skipped, 1);
	assert_int_equal(board_messages_count(&d->b), 2);
	assert_string_equal(board_message_at(&d->b, 0)->text, "second");
}

static void test_body_checks(void **state)
{
	struct desk *d = *state;
	char text[1100];

	assert_null(message_text_refusal("Call back, please ✓"));
	assert_non_null(message_text_refusal(""));
	assert_non_null(message_text_refusal("bell\a"));
	assert_non_null(message_text_refusal("line\nbreak"));
	assert_non_null(message_text_refusal("esc\x1b[31m"));
	assert_non_null(message_text_refusal("c1 \xc2\x9b"));
	assert_non_null(message_text_refusal("bad \xff utf-8"));
	memset(text, 'a', 1000);
	text[1000] = '\0';
	assert_null(message_text_refusal(text));
	text[1000] = 'a';
	text[1001] = '\0';
	assert_non_null(strstr(message_text_refusal(text), "1000"));
	assert_int_equal(board_message_take(&d->b, "202", "Ann", "030", "",
					    text), EINVAL);
	assert_int_equal(board_messages_count(&d->b), 0);
	assert_int_equal(messages_sent(&d->phone), 0);
	/* ...that has somewhere to send it */
	exts[0].uri = "";
	assert_int_not_equal(board_message_take(&d->b, "201", "Ann", "030",
						"", "hi"), 0);
	exts[0].uri = "sip:201@office";
	/* a message is for a colleague of the directory */
	assert_int_not_equal(board_message_take(&d->b, "sip:x@y", "Ann",
						"030", "", "hi"), 0);
	assert_int_equal(board_messages_count(&d->b), 0);
}

/* A caller's name with escapes reaches the screen and the body clean. */
static void test_caller_data_sanitised(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_message_take(&d->b, "202", "Evil\x1b]0;x\a",
					    "03\x1b[2J", "", "hi"), 0);
	assert_null(strchr(board_message_at(&d->b, 0)->from, '\x1b'));
	assert_null(strchr(board_message_at(&d->b, 0)->number, '\x1b'));
	assert_null(strchr(d->phone.last_message, '\x1b'));
}

struct mail_seen {
	int runs;
	unsigned id;
	char to[128], subject[200], body[4400];
};

static int fake_mail(void *arg, unsigned id, const char *to,
		     const char *subject, const char *body)
{
	struct mail_seen *m = arg;

	m->runs++;
	m->id = id;
	snprintf(m->to, sizeof(m->to), "%s", to);
	snprintf(m->subject, sizeof(m->subject), "%s", subject);
	snprintf(m->body, sizeof(m->body), "%s", body);
	return 0;
}

/* Bob's phone refuses: the message goes by e-mail once; the command's
 * exit 0 ends the tries, another exit keeps it pending. */
static void test_mailed_when_the_phone_refuses(void **state)
{
	struct desk *d = *state;
	struct mail_seen seen = { 0 };
	unsigned id;

	board_messages_set_mailer(&d->b, fake_mail, &seen);
	assert_int_equal(board_message_take(&d->b, "202", "Ann Lee", "030",
					    "", "Call me"), 0);
	id = board_message_at(&d->b, 0)->id;
	assert_int_equal(seen.runs, 0);
	board_message_result(&d->b, id, 480);
	assert_int_equal(seen.runs, 1);
	assert_int_equal(seen.id, id);
	assert_string_equal(seen.to, "bob@example.com");
	assert_string_equal(seen.subject, "Message from Ann Lee");
	assert_non_null(strstr(seen.body, "Call me"));
	board_message_mail_result(&d->b, id, 1);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_PENDING);
	assert_non_null(strstr(d->b.status, "exit 1"));
	/* once: the next refusal sends no second e-mail */
	wall += 300;
	board_tick(&d->b);
	board_message_result(&d->b, id, 480);
	assert_int_equal(seen.runs, 1);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_PENDING);

	/* Alice has no address: no e-mail at all */
	assert_int_equal(board_message_take(&d->b, "201", "Ann", "030", "",
					    "x"), 0);
	board_message_result(&d->b, board_message_at(&d->b, 0)->id, 404);
	assert_int_equal(seen.runs, 1);
}

/* A second message whose e-mail goes out is MAILED and not retried. */
static void test_mailed_ends_the_tries(void **state)
{
	struct desk *d = *state;
	struct mail_seen seen = { 0 };
	unsigned id;

	board_messages_set_mailer(&d->b, fake_mail, &seen);
	assert_int_equal(board_message_take(&d->b, "202", "Ann", "030", "",
					    "Call me"), 0);
	id = board_message_at(&d->b, 0)->id;
	board_message_result(&d->b, id, 0);
	board_message_mail_result(&d->b, id, 0);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_MAILED);
	assert_false(board_messages_waiting(&d->b));
	wall += 3000;
	board_tick(&d->b);
	assert_int_equal(messages_sent(&d->phone), 1);
	desk_restart(d);
	assert_int_equal(board_message_at(&d->b, 0)->state, MESSAGE_MAILED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_message_sent_and_delivered, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_pending_retried_on_presence_and_clock, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_file_round_trip, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_torn_line, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_gone_colleague_fails,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_body_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_caller_data_sanitised,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_mailed_when_the_phone_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mailed_ends_the_tries,
						setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
