/*
 * test_operators.c — several operators on one reception line: a call
 * the server cancelled because another operator answered it is said as
 * such, recorded as answered elsewhere, and counted neither as missed
 * nor as abandoned; a caller who hangs up while ringing still is.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/callback.h"
#include "core/events_xml.h"
#include "core/history.h"
#include "core/operators.h"
#include "core/queue.h"
#include "fake_phone.h"

/* the other operator's console, watched like a colleague's phone */
static const struct extension exts_template[] = {
	{ .number = "901", .name = "Operator 1", .uri = "sip:901@office" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	struct history h;
	char path[64];
	struct extension exts[1];
};

static int64_t fake_wall(void)
{
	return (int64_t)time(NULL);
}

static int setup(void **state)
{
	static struct desk d;
	int fd;

	memset(&d, 0, sizeof(d));
	snprintf(d.path, sizeof(d.path), "/tmp/cb-operators-XXXXXX");
	fd = mkstemp(d.path);
	assert_true(fd >= 0);
	close(fd);
	fake_phone_setup(&d.phone, &d.b);
	memcpy(d.exts, exts_template, sizeof(d.exts));
	board_set_extensions(&d.b, d.exts, 1);
	d.h.now_ms = fake_clock;
	d.h.wall_s = fake_wall;
	d.h.board = &d.b;
	assert_int_equal(history_open(&d.h, d.path), 0);
	board_observe(&d.b, history_observer, &d.h);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	history_close(&d->h);
	unlink(d->path);
	/* what the line states told (the peers) */
	ext_release(&d->exts[0]);
	return fake_board_teardown(state);
}

/* The file's last line. */
static void last_record(const char *path, char *rec, size_t sz)
{
	FILE *fp = fopen(path, "r");

	assert_non_null(fp);
	rec[0] = '\0';
	while (fgets(rec, (int)sz, fp))
		;
	fclose(fp);
}

static void the_reason_of_a_cancel_is_read(void **state)
{
	(void)state;
	assert_true(operators_reason_elsewhere(
		"SIP;cause=200;text=\"Call completed elsewhere\""));
	assert_true(operators_reason_elsewhere(
		"sip ; text=\"Answered\" ; cause = 200"));
	assert_false(operators_reason_elsewhere(
		"Q.850;cause=16;text=\"Terminated\""));
	assert_false(operators_reason_elsewhere("SIP;cause=487"));
	assert_false(operators_reason_elsewhere("SIP;cause=2000"));
	assert_false(operators_reason_elsewhere("SIP;cause="));
	assert_false(operators_reason_elsewhere("SIP;text=\"cause=200\""));
	assert_false(operators_reason_elsewhere("SIPX;cause=200"));
	assert_false(operators_reason_elsewhere(""));
	assert_false(operators_reason_elsewhere(NULL));
}

/* ACME rings here and on another console; the other operator answers
 * first and the server cancels this one. */
static void a_call_another_operator_took_is_not_missed(void **state)
{
	struct desk *d = *state;
	char rec[1024];
	line_id acme;

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	fake_now += 4000;
	operators_answered_elsewhere(&d->b, acme, NULL);
	board_on_closed(&d->b, acme, 0, "Call completed elsewhere");
	assert_string_equal(d->b.status,
			    "ACME Corp answered by another operator");
	last_record(d->path, rec, sizeof(rec));
	assert_non_null(strstr(rec, "\"answered\":false"));
	assert_non_null(strstr(rec, "\"outcome\":\"elsewhere\""));
	assert_int_equal(queue_stats(&d->b)->abandoned, 0);
	assert_int_equal(queue_stats(&d->b)->answered, 0);
	assert_int_equal(board_missed_count(&d->b), 0);
}

/* The same caller hanging up while ringing everywhere is abandoned
 * here (and owed a call back), as with one console. */
static void a_caller_who_hangs_up_is_still_abandoned(void **state)
{
	struct desk *d = *state;
	char rec[1024];
	line_id acme;

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	fake_now += 4000;
	board_on_closed(&d->b, acme, 0, "Request Terminated");
	last_record(d->path, rec, sizeof(rec));
	assert_non_null(strstr(rec, "\"outcome\":\"abandoned\""));
	assert_int_equal(queue_stats(&d->b)->abandoned, 1);
	assert_int_equal(board_missed_count(&d->b), 1);
}

/* Named when the server says who took it; a call the operator already
 * answered here is left as it is. */
static void the_name_is_said_and_an_answered_call_stays(void **state)
{
	struct desk *d = *state;
	char rec[1024];
	line_id acme;

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	operators_answered_elsewhere(&d->b, acme, "Operator 2\x1b[2J");
	board_on_closed(&d->b, acme, 0, NULL);
	assert_string_equal(d->b.status, "ACME Corp answered by Operator 2");
	last_record(d->path, rec, sizeof(rec));
	assert_non_null(strstr(rec, "\"outcome\":\"elsewhere\""));
	assert_non_null(strstr(rec, "\"to\":\"Operator 2\""));

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	assert_int_equal(board_answer(&d->b, acme), 0);
	board_on_established(&d->b, acme);
	operators_answered_elsewhere(&d->b, acme, "Operator 2");
	board_on_closed(&d->b, acme, 0, NULL);
	last_record(d->path, rec, sizeof(rec));
	assert_non_null(strstr(rec, "\"outcome\":\"answered\""));
}

/* Operator 1's console says (dialog-info) it talks to ACME. */
static void operator_1_talks_to_acme(struct desk *d)
{
	struct dialog_info talking = { .state = EXT_LINE_INCALL,
				       .peer = "sip:+3315551234@office",
				       .peer_name = "ACME Corp" };

	board_on_line_state(&d->b, "901", &talking);
}

/* Operator 1's line state came before the CANCEL: named at once, and
 * in the history. */
static void the_operator_talking_to_the_caller_is_named(void **state)
{
	struct desk *d = *state;
	char rec[1024];
	line_id acme;

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	operator_1_talks_to_acme(d);
	operators_answered_elsewhere(&d->b, acme, NULL);
	board_on_closed(&d->b, acme, 0, NULL);
	assert_string_equal(d->b.status, "ACME Corp answered by Operator 1");
	last_record(d->path, rec, sizeof(rec));
	assert_non_null(strstr(rec, "\"to\":\"Operator 1\""));
}

/* It came after: the status names them then, unless news came first. */
static void a_late_line_state_names_the_operator(void **state)
{
	struct desk *d = *state;
	struct dialog_info idle = { .state = EXT_LINE_IDLE };
	line_id acme;

	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	operators_answered_elsewhere(&d->b, acme, NULL);
	board_on_closed(&d->b, acme, 0, NULL);
	assert_string_equal(d->b.status,
			    "ACME Corp answered by another operator");
	operator_1_talks_to_acme(d);
	assert_string_equal(d->b.status, "ACME Corp answered by Operator 1");

	board_on_line_state(&d->b, "901", &idle);
	acme = board_on_offered(&d->b, "ACME Corp", "sip:+3315551234@office");
	operators_answered_elsewhere(&d->b, acme, NULL);
	board_on_closed(&d->b, acme, 0, NULL);
	board_status(&d->b, false, "Something newer");
	operator_1_talks_to_acme(d);
	assert_string_equal(d->b.status, "Something newer");
}

/* G on Operator 1: their parked caller's slot is called; nothing
 * parked, or nobody by that number, is said and dials nothing. */
static void a_caller_another_operator_parked_is_taken(void **state)
{
	struct desk *d = *state;
	struct dialog_info parked = { .state = EXT_LINE_HELD,
				      .peer = "sip:+3315551234@office",
				      .peer_name = "ACME Corp",
				      .pickup = "sip:park-1@127.0.0.1:5070" };
	struct dialog_info idle = { .state = EXT_LINE_IDLE };

	assert_int_equal(board_take(&d->b, "901"), ENOENT);
	assert_string_equal(d->b.status,
			    "Operator 1 has no caller parked or on hold");
	assert_int_equal(board_take(&d->b, "999"), ENOENT);
	assert_int_equal(d->phone.nops, 0);

	board_on_line_state(&d->b, "901", &parked);
	assert_int_equal(board_take(&d->b, "901"), 0);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(d->phone.ops[0].what, "dial");
	assert_string_equal(d->phone.ops[0].uri, "sip:park-1@127.0.0.1:5070");
	assert_string_equal(d->b.status, "Taking ACME Corp from Operator 1");
	assert_string_equal(d->b.lines[d->b.nlines - 1].name, "ACME Corp");

	/* picked up meanwhile: the slot is gone from the board */
	board_on_line_state(&d->b, "901", &idle);
	assert_int_equal(board_take(&d->b, "901"), ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_reason_of_a_cancel_is_read),
		cmocka_unit_test_setup_teardown(
			a_call_another_operator_took_is_not_missed,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_caller_who_hangs_up_is_still_abandoned,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_name_is_said_and_an_answered_call_stays,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_operator_talking_to_the_caller_is_named,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_late_line_state_names_the_operator,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_caller_another_operator_parked_is_taken,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
