/*
 * test_cues.c — which event plays which sound cue, against a fake phone:
 * a new caller, a reminder, a transfer that failed, a caller who hung
 * up (not one the operator or a transfer ended), and a cue turned off
 * in the config is not played.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/cues.h"
#include "core/queue.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "202", .name = "Bob Stone", .department = "Support",
	  .uri = "sip:202@office" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
};

static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, exts, 1);
	*state = &d;
	return 0;
}

static int cues_played(const struct desk *d)
{
	int n = 0, i;

	for (i = 0; i < REMINDER_TONES; i++)
		n += d->phone.reminds[i];
	return n;
}

/* ACME rings and the operator talks to it. */
static line_id acme_talking(struct desk *d)
{
	line_id acme = board_on_offered(&d->b, "ACME", "sip:100@x");

	board_answer(&d->b, acme);
	board_on_established(&d->b, acme);
	return acme;
}

static void a_new_caller_cues_once(void **state)
{
	struct desk *d = *state;

	board_on_offered(&d->b, "ACME", "sip:100@x");
	assert_int_equal(d->phone.reminds[CUE_NEW_CALLER], 1);
	assert_int_equal(cues_played(d), 1);
	/* an outgoing call is no caller */
	board_dial(&d->b, "sip:201@x");
	assert_int_equal(cues_played(d), 1);
}

static void a_caller_who_hangs_up_cues_whatever_their_wait(void **state)
{
	struct desk *d = *state;
	line_id ringing = board_on_offered(&d->b, "Globex", "sip:101@x");
	line_id held = acme_talking(d), talking;

	board_hold_toggle(&d->b, held);
	board_on_hold_changed(&d->b, held, true);
	talking = board_on_offered(&d->b, "Initech", "sip:102@x");
	board_answer(&d->b, talking);
	board_on_established(&d->b, talking);

	memset(d->phone.reminds, 0, sizeof(d->phone.reminds));
	cues_peer_hung_up(&d->b, ringing);
	board_on_closed(&d->b, ringing, 0, "Connection reset by peer");
	assert_int_equal(d->phone.reminds[CUE_HUNG_UP], 1);
	cues_peer_hung_up(&d->b, held);
	board_on_closed(&d->b, held, 200, "Connection reset by peer");
	assert_int_equal(d->phone.reminds[CUE_HUNG_UP], 2);
	cues_peer_hung_up(&d->b, talking);
	board_on_closed(&d->b, talking, 200, "Connection reset by peer");
	assert_int_equal(d->phone.reminds[CUE_HUNG_UP], 3);
	assert_int_equal(cues_played(d), 3);
}

static void the_operator_hanging_up_is_no_cue(void **state)
{
	struct desk *d = *state;
	line_id acme = acme_talking(d);

	memset(d->phone.reminds, 0, sizeof(d->phone.reminds));
	/* the fake phone reports the close at once, as baresip does */
	assert_int_equal(board_hangup(&d->b, acme), 0);
	assert_null(board_line(&d->b, acme));
	assert_int_equal(cues_played(d), 0);
}

static void a_completed_transfer_is_no_hang_up(void **state)
{
	struct desk *d = *state;
	line_id acme = acme_talking(d);

	memset(d->phone.reminds, 0, sizeof(d->phone.reminds));
	assert_int_equal(board_blind(&d->b, acme, "202"), 0);
	board_on_refer_result(&d->b, acme, 200, "OK");
	/* baresip closes the transferor's leg by itself */
	cues_peer_hung_up(&d->b, acme);
	board_on_closed(&d->b, acme, 0, "Call transfered");
	assert_int_equal(cues_played(d), 0);
}

static void a_failed_transfer_cues_the_recall(void **state)
{
	struct desk *d = *state;
	line_id acme = acme_talking(d);

	memset(d->phone.reminds, 0, sizeof(d->phone.reminds));
	board_blind(&d->b, acme, "202");
	board_on_refer_result(&d->b, acme, 486, "Busy Here");
	assert_true(board_line(&d->b, acme)->recall);
	assert_int_equal(d->phone.reminds[CUE_TRANSFER_FAILED], 1);
	assert_int_equal(cues_played(d), 1);
}

static void reminders_cue_what_waits(void **state)
{
	struct desk *d = *state;
	struct queue_config q;
	line_id acme;

	queue_config_defaults(&q);
	q.hold_reminder_after_s = 10;
	assert_int_equal(queue_configure(&d->b, &q, NULL, 0), 0);
	acme = acme_talking(d);
	board_hold_toggle(&d->b, acme);
	board_on_hold_changed(&d->b, acme, true);
	memset(d->phone.reminds, 0, sizeof(d->phone.reminds));
	fake_now += 11000;
	board_tick(&d->b);
	assert_int_equal(d->phone.reminds[REMIND_HOLD], 1);
	assert_int_equal(cues_played(d), 1);
}

static void a_cue_turned_off_is_not_played(void **state)
{
	struct desk *d = *state;
	struct cue_config c;
	line_id acme, globex;

	cue_config_defaults(&c);
	c.new_caller = 0;
	c.hung_up = 0;
	assert_int_equal(cues_configure(&d->b, &c), 0);
	acme = acme_talking(d);
	globex = board_on_offered(&d->b, "Globex", "sip:101@x");
	cues_peer_hung_up(&d->b, globex);
	board_on_closed(&d->b, globex, 0, "Connection reset by peer");
	assert_int_equal(cues_played(d), 0);
	/* the others still play */
	board_blind(&d->b, acme, "202");
	board_on_refer_result(&d->b, acme, 486, "Busy Here");
	assert_int_equal(d->phone.reminds[CUE_TRANSFER_FAILED], 1);
	assert_int_equal(cues_played(d), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_caller_cues_once,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_caller_who_hangs_up_cues_whatever_their_wait,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			the_operator_hanging_up_is_no_cue,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_completed_transfer_is_no_hang_up,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_failed_transfer_cues_the_recall,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(reminders_cue_what_waits,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_cue_turned_off_is_not_played,
			setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
