/*
 * test_abi.c — the baresip 1.0.0 enum values our declarations rely on.
 * The numbers are those of the upstream 1.0.0 header; if a declaration
 * drifts, events would be misread silently, so they are pinned here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "sip/baresip_abi.h"

static void ua_events_match_1_0_0(void **state)
{
	assert_int_equal(UA_EVENT_REGISTERING, 0);
	assert_int_equal(UA_EVENT_REGISTER_OK, 1);
	assert_int_equal(UA_EVENT_REGISTER_FAIL, 2);
	assert_int_equal(UA_EVENT_SHUTDOWN, 5);
	assert_int_equal(UA_EVENT_EXIT, 6);
	assert_int_equal(UA_EVENT_CALL_INCOMING, 7);
	assert_int_equal(UA_EVENT_CALL_RINGING, 8);
	assert_int_equal(UA_EVENT_CALL_PROGRESS, 9);
	assert_int_equal(UA_EVENT_CALL_ESTABLISHED, 10);
	assert_int_equal(UA_EVENT_CALL_CLOSED, 11);
	assert_int_equal(UA_EVENT_CALL_TRANSFER, 12);
	assert_int_equal(UA_EVENT_CALL_TRANSFER_FAILED, 13);
	assert_int_equal(UA_EVENT_CALL_DTMF_START, 14);
	assert_int_equal(UA_EVENT_CALL_REMOTE_SDP, 23);
	assert_int_equal(UA_EVENT_MAX, 24);
}

static void call_states_and_modes_match_1_0_0(void **state)
{
	assert_int_equal(CALL_STATE_INCOMING, 1);
	assert_int_equal(CALL_STATE_RINGING, 3);
	assert_int_equal(CALL_STATE_EARLY, 4);
	assert_int_equal(CALL_STATE_ESTABLISHED, 5);
	assert_int_equal(CALL_STATE_TERMINATED, 6);
	assert_int_equal(VIDMODE_OFF, 0);
	assert_int_equal(ANSWERMODE_MANUAL, 0);
	assert_int_equal(ANSWERMODE_AUTO, 2);
	assert_int_equal(LEVEL_WARN, 2);
	assert_int_equal(LEVEL_ERROR, 3);
}

static void log_and_cmd_structs_have_the_1_0_0_shape(void **state)
{
	/* struct log is { struct le le; log_h *h; } */
	assert_int_equal(offsetof(struct log, h), sizeof(struct le));
	/* struct cmd is { name, key, flags, desc, h } */
	assert_true(offsetof(struct cmd, key) > offsetof(struct cmd, name));
	assert_true(offsetof(struct cmd, h) > offsetof(struct cmd, desc));
	assert_int_equal(CMD_PRM, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ua_events_match_1_0_0),
		cmocka_unit_test(call_states_and_modes_match_1_0_0),
		cmocka_unit_test(log_and_cmd_structs_have_the_1_0_0_shape),
	};

	return cmocka_run_group_tests_name("abi", tests, NULL, NULL);
}
