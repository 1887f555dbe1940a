/*
 * test_narrate.c — the operator's sentences for the main events, against
 * a fake phone: a call offered on a company line, answered, held,
 * resumed, hung up while waiting, transferred, a failed transfer and its
 * recall, park, mute; and that the status line after a completed
 * attended transfer says who is now with whom.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/evlog.h"
#include "core/queue.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office" },
};

static const struct company_line company[] = {
	{ .number = "5551000", .company = "ACME Legal" },
};

#define SAID_MAX 64

struct desk {
	struct board b;
	struct fake_phone phone;
	char said[SAID_MAX][300];
	size_t nsaid;
};

static void listen(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if (ev->sentence && d->nsaid < SAID_MAX)
		snprintf(d->said[d->nsaid++], 300, "%s",
			 ev->sentence);
}

static int setup(void **state)
{
	static struct desk d;
	struct queue_config q;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	board_set_extensions(&d.b, exts, 2);
	queue_config_defaults(&q);
	assert_int_equal(queue_configure(&d.b, &q, company, 1), 0);
	board_observe(&d.b, listen, &d);
	*state = &d;
	return 0;
}

/* Whether any sentence since the desk was set up is exactly S. */
static bool said(struct desk *d, const char *s)
{
	size_t i;

	for (i = 0; i < d->nsaid; i++) {
		if (!strcmp(d->said[i], s))
			return true;
	}
	return false;
}

static void show(struct desk *d)
{
	size_t i;

	for (i = 0; i < d->nsaid; i++)
		print_message("  said: %s\n", d->said[i]);
}

#define assert_said(d, s) do { if (!said(d, s)) show(d); \
		assert_true(said(d, s)); } while (0)

static line_id talking_to_acme(struct desk *d)
{
	line_id id = board_on_offered_to(&d->b, "ACME Corp", "sip:100@x",
					 "5551000");

	board_answer(&d->b, id);
	board_on_established(&d->b, id);
	return id;
}

static void offered_answered_held_resumed(void **state)
{
	struct desk *d = *state;
	line_id a, g;

	a = board_on_offered_to(&d->b, "ACME Corp", "sip:100@x", "5551000");
	g = board_on_offered_to(&d->b, "Globex Sales", "sip:101@x", NULL);
	assert_said(d, "Call from ACME Corp on the ACME Legal line");
	assert_said(d, "Call from Globex Sales, 2 waiting");
	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	/* the company line's words, said once */
	assert_said(d, "Connected to ACME Corp on the ACME Legal line");
	assert_false(said(d, "Talking to ACME Corp"));
	board_hold_toggle(&d->b, a);
	assert_said(d, "ACME Corp on hold");
	board_hold_toggle(&d->b, a);
	assert_said(d, "Talking to ACME Corp again");
	fake_now += 41000;
	board_on_closed(&d->b, g, 0, "");
	assert_said(d, "Globex Sales hung up after waiting 0:41");
	assert_string_equal(d->b.status,
			    "Globex Sales hung up after waiting 0:41");
	fake_now += 70000;
	board_on_closed(&d->b, a, 0, "Connection reset by peer");
	assert_said(d, "ACME Corp hung up after 1:51");
	assert_string_equal(d->b.status, "ACME Corp hung up after 1:51");
}

/* The status line keeps the outcome: the consult leg's end is no news. */
static void attended_transfer_says_who_is_with_whom(void **state)
{
	struct desk *d = *state;
	line_id a = talking_to_acme(d), consult;

	board_consult(&d->b, a, "201");
	consult = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, consult);
	assert_said(d, "Alice Martin is ringing");
	board_on_established(&d->b, consult);
	assert_said(d, "Alice Martin answered");
	board_complete(&d->b, a);
	board_on_refer_result(&d->b, a, 200, "OK");
	assert_said(d, "ACME Corp is now with Alice Martin");
	board_on_closed(&d->b, consult, 0, "Connection reset by user");
	board_on_closed(&d->b, a, 0, "Call transfered");
	assert_string_equal(d->b.status, "ACME Corp is now with Alice Martin");
	assert_false(said(d, "Alice Martin hung up"));
	assert_int_equal(d->b.nlines, 0);
}

static void failed_transfer_and_recall(void **state)
{
	struct desk *d = *state;
	line_id a = talking_to_acme(d);

	board_blind(&d->b, a, "202");
	board_on_refer_result(&d->b, a, 486, "Busy Here");
	assert_said(d, "Transfer to Bob Stone failed: busy (486). ACME Corp "
		    "is back on line 1");
	assert_string_equal(d->b.status, d->said[d->nsaid - 1]);
}

static void park_and_pick_up(void **state)
{
	struct desk *d = *state;

	talking_to_acme(d);
	board_park(&d->b, 0);
	assert_said(d, "ACME Corp parked in slot 1");
	board_pickup(&d->b, 1);
	assert_said(d, "ACME Corp picked up from slot 1");
	assert_said(d, "Talking to ACME Corp again");
}

static void operator_hangs_up_and_mutes(void **state)
{
	struct desk *d = *state;
	line_id a = talking_to_acme(d);

	board_mute(&d->b, 1);
	assert_said(d, "Your microphone is muted");
	fake_now += 5000;
	board_hangup(&d->b, a);
	board_on_closed(&d->b, a, 0, "Connection reset by user");
	assert_said(d, "You ended the call with ACME Corp after 0:05");
	/* the operator's own action is what the status line says */
	assert_string_equal(d->b.status, "Hung up ACME Corp");
}

/* The consult leg's close after Esc is no news: the status line keeps
 * the outcome, and a rejected caller is the operator's doing. */
static void cancel_and_reject_keep_the_outcome(void **state)
{
	struct desk *d = *state;
	line_id a = talking_to_acme(d), consult, g;

	d->phone.close_on_hangup = 0;
	board_consult(&d->b, a, "201");
	consult = fake_last(&d->phone)->id;
	board_on_established(&d->b, consult);
	board_cancel_consult(&d->b, consult);
	board_on_closed(&d->b, consult, 0, "Connection reset by user");
	assert_string_equal(d->b.status, "Consult cancelled: back with ACME "
			    "Corp");
	assert_false(said(d, "Alice Martin hung up after 0:00"));
	g = board_on_offered_to(&d->b, "Globex Sales", "sip:101@x", NULL);
	board_hangup(&d->b, g);
	board_on_closed(&d->b, g, 486, "Busy Here");
	assert_said(d, "You rejected the call from Globex Sales");
	assert_string_equal(d->b.status, "Hung up Globex Sales");
}

/* A refresh of the registration is no news; a change is. */
static void registration_changes_only(void **state)
{
	struct desk *d = *state;

	board_on_registration(&d->b, REG_OK, "200 OK");
	board_on_registration(&d->b, REG_OK, "200 OK");
	assert_int_equal(d->nsaid, 1);
	assert_string_equal(d->said[0], "Registered with the server");
	board_on_registration(&d->b, REG_FAILED, "403 Forbidden");
	assert_said(d, "Not registered: 403 Forbidden");
}

/* The log pane holds the sentences, each once. */
static void the_log_holds_each_sentence_once(void **state)
{
	struct desk *d = *state;
	const struct board_log_line *ll;
	size_t i, heard = 0;

	board_on_offered_to(&d->b, "Globex Sales", "sip:101@x", NULL);
	fake_now += 3000;
	board_on_closed(&d->b, 1, 0, "");
	for (i = 0; (ll = board_log_at(&d->b, i)); i++) {
		assert_int_equal(ll->source, LOG_SENTENCE);
		heard += !strcmp(ll->text, "Globex Sales hung up after "
				 "waiting 0:03");
	}
	assert_int_equal(heard, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(offered_answered_held_resumed,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			attended_transfer_says_who_is_with_whom, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(failed_transfer_and_recall,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(park_and_pick_up, setup,
						fake_board_teardown),
		cmocka_unit_test_setup_teardown(operator_hangs_up_and_mutes,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			cancel_and_reject_keep_the_outcome, setup,
			fake_board_teardown),
		cmocka_unit_test_setup_teardown(registration_changes_only,
						setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			the_log_holds_each_sentence_once, setup,
			fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
