/*
 * test_operation.c — the kinds of operation seen from outside: the tag
 * the calls pane shows for each (consult, transfer, page, ring group,
 * park) and the state a kind keeps on the board until board_close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/operation.h"
#include "park_desk.h"

static const char *tag(struct desk *d, line_id id, bool *consult)
{
	static char buf[16];

	*consult = false;
	return board_line_tag(&d->b, board_line(&d->b, id), buf, sizeof(buf),
			      consult);
}

static void a_plain_call_has_no_operation_tag(void **state)
{
	struct desk *d = *state;
	bool consult;

	assert_null(tag(d, d->caller, &consult));
	assert_false(consult);
}

static void a_consult_leg_reads_cons_and_is_the_consult(void **state)
{
	struct desk *d = *state;
	line_id leg;
	bool consult;

	assert_int_equal(board_consult(&d->b, fake_sel(&d->b), "201"), 0);
	assert_string_equal(op(d, 1)->what, "dial");
	leg = op(d, 1)->id;
	assert_string_equal(tag(d, leg, &consult), "CONS");
	assert_true(consult);
	assert_null(tag(d, d->caller, &consult));
	assert_false(consult);
}

static void a_blind_transfer_reads_xfer(void **state)
{
	struct desk *d = *state;
	bool consult;

	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "201"), 0);
	assert_string_equal(tag(d, d->caller, &consult), "XFER");
	assert_false(consult);
}

static void a_page_reads_page_and_is_the_consult(void **state)
{
	struct desk *d = *state;
	bool consult;
	line_id leg;

	assert_int_equal(board_intercom(&d->b, fake_sel(&d->b), "202"), 0);
	leg = fake_last(&d->phone)->id;
	assert_string_equal(tag(d, leg, &consult), "PAGE");
	assert_true(consult);
}

static void a_ringing_group_member_reads_grp(void **state)
{
	struct desk *d = *state;
	bool consult;
	line_id member;

	assert_int_equal(board_blind(&d->b, fake_sel(&d->b), "600"), 0);
	member = fake_last(&d->phone)->id;
	assert_string_equal(tag(d, member, &consult), "GRP");
	assert_false(consult);
	assert_null(tag(d, d->caller, &consult));
}

static void a_parked_caller_reads_its_slot(void **state)
{
	struct desk *d = *state;
	bool consult;

	assert_int_equal(board_park(&d->b, fake_sel(&d->b)), 0);
	assert_string_equal(tag(d, d->caller, &consult), "PK1");
	assert_false(consult);
}

/* A kind of operation made up here: its state lives until board_close. */
static int destroyed;

static void counter_destroy(struct board *b, void *state)
{
	(void)b;
	destroyed += *(int *)state;
}

static const struct op_kind counter_kind = {
	.name = "counter",
	.state_size = sizeof(int),
	.destroy = counter_destroy,
};

static const struct op_kind stateless_kind = { .name = "stateless" };

static void a_kind_keeps_its_state_until_the_board_closes(void **state)
{
	struct desk *d = *state;
	int *n = op_state(&d->b, &counter_kind);

	assert_non_null(n);
	assert_int_equal(*n, 0);
	*n = 7;
	assert_ptr_equal(op_state(&d->b, &counter_kind), n);
	assert_null(op_state(&d->b, &stateless_kind));
	destroyed = 0;
	board_close(&d->b);
	assert_int_equal(destroyed, 7);
	assert_int_equal(d->b.nop_states, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_plain_call_has_no_operation_tag, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_consult_leg_reads_cons_and_is_the_consult, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_blind_transfer_reads_xfer, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_page_reads_page_and_is_the_consult, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_ringing_group_member_reads_grp, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_parked_caller_reads_its_slot, setup, fake_board_teardown),
		cmocka_unit_test_setup_teardown(a_kind_keeps_its_state_until_the_board_closes, setup, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
