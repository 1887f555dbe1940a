/*
 * test_queue.c — the waiting room on a fake clock: the order (priority,
 * then the longest wait), answer taking the head, company lines and
 * their greeting, the reminders and today's figures.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/queue.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin",
	  .uri = "sip:201@127.0.0.1:5090" },
	{ .number = "+441632960999", .name = "Mr Big", .vip = true },
	{ .number = "300", .name = "Regular", .priority = 3 },
};

static const struct company_line company[] = {
	{ .number = "5551000", .company = "ACME Legal",
	  .greeting = "Good morning, ACME Legal, how can I help?" },
	{ .number = "5552000", .company = "Globex Sales", .priority = 5 },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	char reminders[8][300];
	int nreminders;
};

static void note_reminder(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if (ev->type == EV_REMINDER && d->nreminders < 8)
		snprintf(d->reminders[d->nreminders++], 300, "%s", ev->text);
}

static int setup(void **state)
{
	static struct desk d;
	struct queue_config q;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	board_set_extensions(&d.b, exts, 3);
	board_observe(&d.b, note_reminder, &d);
	queue_config_defaults(&q);
	assert_int_equal(queue_configure(&d.b, &q, company, 2), 0);
	*state = &d;
	return 0;
}

static line_id rings(struct desk *d, const char *name, const char *uri,
		     const char *dialled)
{
	line_id id = board_on_offered_to(&d->b, name, uri, dialled);

	fake_now += 1000;
	return id;
}

static line_id head(struct board *b)
{
	const struct queue_entry *e[1];

	return queue_order(b, e, 1) ? e[0]->id : 0;
}

static void answer_takes_the_longest_waiting_not_the_newest(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "A", "sip:100@x", NULL);
	line_id b = rings(d, "B", "sip:101@x", NULL);
	line_id c = rings(d, "C", "sip:102@x", NULL);

	assert_int_equal(head(&d->b), a);
	assert_int_equal(board_answer(&d->b, 0), 0);
	assert_int_equal(fake_last(&d->phone)->id, a);
	board_on_established(&d->b, a);
	assert_int_equal(queue_next_to_answer(&d->b), b);
	assert_int_equal(board_answer(&d->b, 0), 0);
	assert_int_equal(fake_last(&d->phone)->id, b);
	board_on_established(&d->b, b);
	/* A waits on hold now; C still rings and is the next to answer */
	assert_int_equal(queue_entry_of(&d->b, a)->kind, WAIT_HELD);
	assert_int_equal(queue_next_to_answer(&d->b), c);
	assert_int_equal(queue_next_waiting(&d->b), a);
}

static void a_vip_who_rings_last_is_answered_first(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "A", "sip:100@x", NULL);
	line_id reg = rings(d, "Reg", "sip:300@x", NULL);
	line_id vip = rings(d, "Big", "sip:+441632960999@x", NULL);
	const struct queue_entry *e[3];

	assert_int_equal(queue_order(&d->b, e, 3), 3);
	assert_int_equal(e[0]->id, vip);
	assert_true(e[0]->vip);
	assert_int_equal(e[1]->id, reg);   /* priority 3 */
	assert_int_equal(e[2]->id, a);
	assert_int_equal(board_answer(&d->b, 0), 0);
	assert_int_equal(fake_last(&d->phone)->id, vip);
}

static void a_company_line_sets_priority_and_the_greeting(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "A", "sip:100@x", "5551000");
	line_id g = rings(d, "G", "sip:101@x", "5552000");

	assert_string_equal(queue_company_of(&d->b, a)->company,
			    "ACME Legal");
	assert_int_equal(head(&d->b), g);    /* Globex's line: priority 5 */
	assert_int_equal(board_answer(&d->b, a), 0);
	board_on_established(&d->b, a);
	assert_string_equal(d->b.status, "ACME Legal: Good morning, ACME "
			    "Legal, how can I help?");
	board_answer(&d->b, g);
	board_on_established(&d->b, g);
	assert_string_equal(d->b.status, "Connected to G on the Globex Sales "
			    "line");
}

static void wait_times_add_up_over_the_waits(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "A", "sip:100@x", NULL);   /* rang 1 s */
	const struct queue_entry *e;

	fake_now += 9000;                              /* 10 s ringing */
	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	fake_now += 30000;                             /* talks 30 s */
	assert_int_equal(board_hold_toggle(&d->b, a), 0);
	fake_now += 12000;                             /* on hold 12 s */
	e = queue_entry_of(&d->b, a);
	assert_int_equal(e->kind, WAIT_HELD);
	assert_int_equal(queue_in_state_s(e, fake_now), 12);
	assert_int_equal(queue_waited_s(e, fake_now), 22);
}

static void a_held_caller_is_reminded_and_stays_held(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "ACME Corp", "sip:100@x", NULL);
	int i;

	board_answer(&d->b, a);
	board_on_established(&d->b, a);
	board_hold_toggle(&d->b, a);
	for (i = 0; i < 59; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(d->nreminders, 0);
	fake_now += 1000;
	d->phone.nops = 0;
	board_tick(&d->b);
	assert_int_equal(d->nreminders, 1);
	assert_string_equal(d->reminders[0], "ACME Corp on hold 1:00 - h "
			    "retrieves");
	assert_string_equal(d->b.status, d->reminders[0]);
	assert_int_equal(d->phone.reminds[1], 1);
	assert_true(queue_entry_of(&d->b, a)->alarm);
	/* a reminder tells; it never touches the call */
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(board_line(&d->b, a)->state, LINE_HELD);
	/* again every hold_reminder_after, not every tick */
	for (i = 0; i < 60; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(d->nreminders, 2);
	/* retrieving ends the wait and its alarm */
	board_hold_toggle(&d->b, a);
	assert_int_equal(queue_entry_of(&d->b, a)->kind, WAIT_NONE);
	assert_false(queue_entry_of(&d->b, a)->alarm);
	assert_int_equal(queue_stats(&d->b)->reminders, 2);
}

static void a_call_ringing_too_long_turns_to_the_alarm(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "ACME Corp", "sip:100@x", NULL);   /* 1 s */
	int i;

	for (i = 0; i < 18; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_false(queue_entry_of(&d->b, a)->alarm);
	fake_now += 1000;
	board_tick(&d->b);
	assert_true(queue_entry_of(&d->b, a)->alarm);
	assert_int_equal(d->phone.reminds[0], 1);
	assert_string_equal(d->reminders[0], "ACME Corp has been ringing "
			    "0:20 - a answers");
	/* once, and not over what the status line says */
	assert_string_not_equal(d->b.status, d->reminders[0]);
	for (i = 0; i < 60; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(d->nreminders, 1);
	assert_true(queue_entry_of(&d->b, a)->alarm);
}

static void no_reminders_when_switched_off(void **state)
{
	struct desk *d = *state;
	struct queue_config q;
	line_id a;
	int i;

	queue_config_defaults(&q);
	q.answer_alert_after_s = 0;
	queue_configure(&d->b, &q, NULL, 0);
	a = rings(d, "A", "sip:100@x", NULL);
	for (i = 0; i < 400; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(d->nreminders, 0);
	assert_false(queue_entry_of(&d->b, a)->alarm);
}

static void an_unanswered_caller_overflows_once_on_time(void **state)
{
	struct desk *d = *state;
	struct queue_config q;
	line_id a, b;
	int i;

	queue_config_defaults(&q);
	q.overflow_after_s = 30;
	snprintf(q.overflow_target, sizeof(q.overflow_target), "201");
	queue_configure(&d->b, &q, NULL, 0);
	a = rings(d, "ACME Corp", "sip:100@x", NULL);     /* 2 s by the loop */
	b = rings(d, "Bob", "sip:101@x", NULL);
	for (i = 0; i < 27; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(fake_count(&d->phone, "answer", a), 0);
	fake_now += 1000;
	board_tick(&d->b);                          /* ACME rang 30 s */
	assert_int_equal(fake_count(&d->phone, "answer", a), 1);
	assert_int_equal(fake_count(&d->phone, "answer", b), 0);
	/* on its way: no longer a caller for the operator */
	assert_int_equal(queue_next_to_answer(&d->b), b);
	/* Bob, a second later, goes the same way; each only once */
	for (i = 0; i < 60; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	assert_int_equal(fake_count(&d->phone, "answer", a), 1);
	assert_int_equal(fake_count(&d->phone, "answer", b), 1);
}

static void a_caller_hanging_up_while_waiting_is_abandoned(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "ACME Corp", "sip:100@x", NULL);
	line_id b = rings(d, "Bob", "sip:101@x", NULL);

	fake_now += 40000;
	board_on_closed(&d->b, a, 0, "");   /* 42 s */
	assert_string_equal(d->b.status, "ACME Corp hung up after waiting "
			    "0:42");
	assert_int_equal(queue_stats(&d->b)->abandoned, 1);
	assert_int_equal(queue_stats(&d->b)->abandoned_unseen, 1);
	assert_int_equal(queue_order(&d->b, NULL, 0), 1);
	/* rejected by the operator: not abandoned */
	board_hangup(&d->b, b);
	board_on_closed(&d->b, b, 0, "");
	assert_int_equal(queue_stats(&d->b)->abandoned, 1);
	assert_int_equal(queue_order(&d->b, NULL, 0), 0);
}

static void todays_figures(void **state)
{
	struct desk *d = *state;
	line_id a = rings(d, "A", "sip:100@x", NULL);   /* rang 1 s */
	line_id b;

	fake_now += 9000;
	board_answer(&d->b, a);
	board_on_established(&d->b, a);             /* waited 10 s */
	b = rings(d, "B", "sip:101@x", NULL);
	fake_now += 29000;
	board_on_closed(&d->b, b, 0, "");           /* gave up after 30 s */
	queue_stats_count(&d->b, true, false, 50, 2);   /* from the file */
	assert_int_equal(board_stats(&d->b), 0);
	assert_string_equal(d->b.status, "Today: 2 answered, 1 hung up while "
			    "waiting, wait 0:30 average, 0:50 longest, "
			    "2 reminders");
	assert_int_equal(queue_stats(&d->b)->abandoned_unseen, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			answer_takes_the_longest_waiting_not_the_newest,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_vip_who_rings_last_is_answered_first,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_company_line_sets_priority_and_the_greeting,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			wait_times_add_up_over_the_waits,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_held_caller_is_reminded_and_stays_held,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_call_ringing_too_long_turns_to_the_alarm,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			no_reminders_when_switched_off,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			an_unanswered_caller_overflows_once_on_time,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_caller_hanging_up_while_waiting_is_abandoned,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(todays_figures,
			setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
