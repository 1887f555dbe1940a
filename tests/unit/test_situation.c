/*
 * test_situation.c — the accessible mode's words on a fake clock: a
 * call, a colleague and the whole board, who and what first, numbers
 * and times last.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/queue.h"
#include "core/situation.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .department = "Sales",
	  .uri = "sip:201@127.0.0.1:5090" },
	{ .number = "202", .name = "Bob Stone", .department = "Accounts",
	  .uri = "sip:202@127.0.0.1:5091" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
};

static int setup(void **state)
{
	static struct desk d;
	struct queue_config q;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	board_set_extensions(&d.b, exts, 2);
	queue_config_defaults(&q);
	assert_int_equal(queue_configure(&d.b, &q, NULL, 0), 0);
	*state = &d;
	return 0;
}

static void a_ringing_call_says_who_what_then_line_and_wait(void **state)
{
	struct desk *d = *state;
	char out[SITUATION_MAX];
	line_id id = board_on_offered_to(&d->b, "ACME Corp",
					 "sip:5551234@x", NULL);

	fake_now += 12000;
	assert_string_equal(situation_line(&d->b, board_line(&d->b, id),
					   fake_now, true, out, sizeof(out)),
			    "ACME Corp, ringing, line 1, 0:12");
	/* a row drawn without its clock does not change every second */
	assert_string_equal(situation_line(&d->b, board_line(&d->b, id),
					   fake_now, false, out, sizeof(out)),
			    "ACME Corp, ringing, line 1");
}

static void a_held_caller_reads_on_hold_with_the_whole_wait(void **state)
{
	struct desk *d = *state;
	char out[SITUATION_MAX];
	line_id a = board_on_offered_to(&d->b, "ACME Corp", "sip:5551234@x",
					NULL);
	line_id b;

	fake_now += 5000;
	assert_int_equal(board_answer(&d->b, a), 0);
	board_on_established(&d->b, a);
	fake_now += 10000;
	b = board_on_offered_to(&d->b, "", "sip:5559876@x", NULL);
	fake_now += 3000;
	assert_int_equal(board_answer(&d->b, b), 0);
	board_on_established(&d->b, b);
	fake_now += 30000;
	/* the wait counts ringing and holding, not the talk between */
	assert_int_equal(queue_entry_of(&d->b, a)->kind, WAIT_HELD);
	assert_string_equal(situation_line(&d->b, board_line(&d->b, a),
					   fake_now, true, out, sizeof(out)),
			    "ACME Corp, on hold, line 1, 0:35");
	/* no name: the number stands in */
	assert_string_equal(situation_line(&d->b, board_line(&d->b, b),
					   fake_now, true, out, sizeof(out)),
			    "5559876, talking, line 2, 0:30");
	assert_string_equal(situation_text(&d->b, fake_now, out,
					   sizeof(out)),
			    "2 calls: ACME Corp, on hold, line 1, 0:35; "
			    "5559876, talking, line 2, 0:30. "
			    "Queue 1, longest 0:35");
}

static void the_situation_counts_the_queue_and_its_longest_wait(void **state)
{
	struct desk *d = *state;
	char out[SITUATION_MAX];

	assert_string_equal(situation_text(&d->b, fake_now, out,
					   sizeof(out)), "No calls");
	board_on_offered_to(&d->b, "ACME Corp", "sip:5551234@x", NULL);
	fake_now += 40000;
	board_on_offered_to(&d->b, "Globex", "sip:5552222@x", NULL);
	fake_now += 12000;
	assert_string_equal(situation_text(&d->b, fake_now, out,
					   sizeof(out)),
			    "2 calls: ACME Corp, ringing, line 1, 0:52; "
			    "Globex, ringing, line 2, 0:12. "
			    "Queue 2, longest 0:52");
}

static void a_colleague_reads_name_state_department_number(void **state)
{
	struct desk *d = *state;
	char out[SITUATION_MAX];
	struct extension *alice = &d->b.exts[0];

	alice->presence = PRESENCE_AVAILABLE;
	assert_string_equal(situation_extension(&d->b, alice, NULL, 0, out,
						sizeof(out)),
			    "Alice Martin, available, Sales, 201");
	alice->line_state = EXT_LINE_INCALL;
	alice->peer = "ACME Corp";
	assert_string_equal(situation_extension(&d->b, alice, NULL, 0, out,
						sizeof(out)),
			    "Alice Martin, in a call with ACME Corp, Sales, "
			    "201");
	alice->line_state = EXT_LINE_IDLE;
	alice->presence = PRESENCE_DND;
	assert_string_equal(situation_extension(&d->b, alice, "Ally", 0, out,
						sizeof(out)),
			    "Ally, do not disturb, Sales, 201");
}

static void a_consult_leg_says_so_in_words(void **state)
{
	struct desk *d = *state;
	char out[SITUATION_MAX];
	line_id caller = fake_answered(&d->b, "ACME Corp", "sip:5551234@x");
	line_id consult;

	assert_int_equal(board_consult(&d->b, caller, "201"), 0);
	consult = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, consult);
	board_on_established(&d->b, consult);
	assert_string_equal(situation_line(&d->b, board_line(&d->b, consult),
					   fake_now, false, out, sizeof(out)),
			    "Alice Martin, talking, consult, line 2");
	assert_string_equal(situation_line(&d->b, board_line(&d->b, caller),
					   fake_now, false, out, sizeof(out)),
			    "ACME Corp, on hold, line 1");
}

static void a_long_situation_is_cut_not_overrun(void **state)
{
	struct desk *d = *state;
	char out[40];
	int i;

	for (i = 0; i < 20; i++)
		board_on_offered_to(&d->b, "A caller with a long name",
				    "sip:5551234@x", NULL);
	situation_text(&d->b, fake_now, out, sizeof(out));
	assert_int_equal(strlen(out), sizeof(out) - 1);
	assert_memory_equal(out, "20 calls: A caller", 18);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			a_ringing_call_says_who_what_then_line_and_wait,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_held_caller_reads_on_hold_with_the_whole_wait,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			the_situation_counts_the_queue_and_its_longest_wait,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_colleague_reads_name_state_department_number,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_consult_leg_says_so_in_words,
			setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(
			a_long_situation_is_cut_not_overrun,
			setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
