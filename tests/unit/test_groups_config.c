/*
 * test_groups_config.c — the intercom, park, group, queue and company
 * line sections of cordboard.conf: every bad value reported as
 * "FILE:LINE: what is wrong" on its line, groups copied into the
 * directory after the extensions, company lines and the queue's
 * settings copied for the board, and the defaults when the sections
 * are absent.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "expect_config.h"

#include "config/config.h"

#define DATA(name) TEST_DATA_DIR "/groups/" name
#define QDATA(name) TEST_DATA_DIR "/queue/" name

static void park_is_default(const struct cb_config *cfg)
{
	assert_int_equal(cfg->park.slots, 8);
}

/* A bad file: exactly WANT, and nothing of it applied. */
static void expect_errors(const char *path, const char *const *want)
{
	expect_config_errors(path, want, park_is_default);
}

static void intercom_method_must_be_known(void **state)
{
	static const char *const want[] = {
		":3: intercom method 'shout' is not one of call-info, "
		"alert-info, answer-mode, intercom-param", NULL };

	(void)state;
	expect_errors(DATA("bad-intercom-method.conf"), want);
}

static void intercom_header_needs_a_colon(void **state)
{
	static const char *const want[] = {
		":4: header 'X-Intercom yes' is not \"Name: value\" on one line",
		NULL };

	(void)state;
	expect_errors(DATA("bad-intercom-header.conf"), want);
}

static void park_slots_are_1_to_32(void **state)
{
	static const char *const zero[] = {
		":2: slots 0 is out of range (1 to 32)", NULL };
	static const char *const many[] = {
		":5: slots 33 is out of range (1 to 32)", NULL };

	(void)state;
	expect_errors(DATA("bad-park-slots-0.conf"), zero);
	expect_errors(DATA("bad-park-slots-33.conf"), many);
}

static void park_timeout_has_bounds(void **state)
{
	static const char *const want[] = {
		":3: timeout 5 is out of range (10 to 3600 seconds)", NULL };

	(void)state;
	expect_errors(DATA("bad-park-timeout.conf"), want);
}

static void park_uri_prefix_is_one_word(void **state)
{
	static const char *const want[] = {
		":4: uri_prefix 'park 1' must be letters, digits, - _ or . "
		"(at most 31)", NULL };

	(void)state;
	expect_errors(DATA("bad-park-prefix.conf"), want);
}

static void a_group_needs_uri_or_members(void **state)
{
	static const char *const want[] = {
		":4: group 'sales' has neither uri nor members", NULL };

	(void)state;
	expect_errors(DATA("bad-group-empty.conf"), want);
}

static void a_group_has_not_both_uri_and_members(void **state)
{
	static const char *const want[] = {
		":2: group 'sales' has both uri and members: the PBX rings "
		"the uri, the console the members", NULL };

	(void)state;
	expect_errors(DATA("bad-group-both.conf"), want);
}

/* Reported on the line the group opens on (as the extension checks do),
 * not on the members' line. */
static void a_member_is_a_number_or_a_sip_uri(void **state)
{
	static const char *const want[] = {
		":3: group 'sales': member 'bob smith' is neither a number "
		"nor a sip: URI", NULL };

	(void)state;
	expect_errors(DATA("bad-group-member.conf"), want);
}

static void strategy_is_all_or_in_order(void **state)
{
	static const char *const want[] = {
		":3: strategy 'random' is not all or in-order", NULL };

	(void)state;
	expect_errors(DATA("bad-group-strategy.conf"), want);
}

static void ring_time_has_bounds(void **state)
{
	static const char *const want[] = {
		":4: ring_time 1 is out of range (5 to 300 seconds)", NULL };

	(void)state;
	expect_errors(DATA("bad-group-ring-time.conf"), want);
}

static void a_group_is_defined_once(void **state)
{
	static const char *const want[] = {
		":4: duplicate group 'sales' (first defined on line 1)", NULL };

	(void)state;
	expect_errors(DATA("bad-group-dup.conf"), want);
}

static void a_group_is_not_named_like_an_extension(void **state)
{
	static const char *const want[] = {
		":4: group '202' has the number of extension '202' (line 2)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-group-ext-number.conf"), want);
}

static void a_paging_group_has_no_members(void **state)
{
	static const char *const want[] = {
		":2: paging group 'everyone': members are not paged by the "
		"console yet; give the PBX's paging uri", NULL };

	(void)state;
	expect_errors(DATA("bad-group-paging-members.conf"), want);
}

static void groups_follow_the_extensions_in_the_directory(void **state)
{
	struct cb_config cfg;
	const struct extension *e;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("good.conf"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);

	assert_int_equal(cfg.intercom.method, INTERCOM_ALERT_INFO);
	assert_string_equal(cfg.intercom.header, "X-Page: yes");
	assert_int_equal(cfg.park.slots, 4);
	assert_int_equal(cfg.park.timeout_s, 60);
	assert_string_equal(cfg.park.uri_prefix, "slot");

	assert_int_equal(cfg.n_extensions, 5);
	e = &cfg.extensions[0];
	assert_string_equal(e->number, "201");
	assert_int_equal(e->kind, EXT_PERSON);
	assert_int_equal(e->intercom, INTERCOM_ANSWER_MODE);
	e = &cfg.extensions[1];
	assert_string_equal(e->number, "202");
	assert_int_equal(e->kind, EXT_PERSON);
	assert_int_equal(e->intercom, INTERCOM_DEFAULT);
	assert_int_equal(e->nmembers, 0);

	/* the groups, in the file's order */
	e = &cfg.extensions[2];
	assert_string_equal(e->number, "600");
	assert_string_equal(e->name, "600");
	assert_string_equal(e->uri, "sip:600@pbx.example.org");
	assert_int_equal(e->kind, EXT_RING_GROUP);
	assert_int_equal(e->nmembers, 0);
	assert_int_equal(e->strategy, GROUP_ALL);
	assert_int_equal(e->ring_time_s, 20);
	assert_int_equal(e->intercom, INTERCOM_PARAM);
	assert_true(ext_is_group(e));

	e = &cfg.extensions[3];
	assert_string_equal(e->number, "sales");
	assert_string_equal(e->name, "Sales Team");
	assert_string_equal(e->uri, "");
	assert_string_equal(e->department, "ring group");
	assert_int_equal(e->kind, EXT_RING_GROUP);
	assert_int_equal(e->strategy, GROUP_IN_ORDER);
	assert_int_equal(e->ring_time_s, 12);
	assert_int_equal(e->intercom, INTERCOM_DEFAULT);
	assert_int_equal(e->nmembers, 3);
	assert_string_equal(e->members[0], "201");
	assert_string_equal(e->members[1], "202");
	assert_string_equal(e->members[2], "sip:203@127.0.0.1");

	e = &cfg.extensions[4];
	assert_string_equal(e->number, "everyone");
	assert_string_equal(e->name, "Everyone");
	assert_string_equal(e->uri, "sip:page-all@pbx.example.org");
	assert_string_equal(e->department, "paging group");
	assert_int_equal(e->kind, EXT_PAGING_GROUP);
	assert_int_equal(e->nmembers, 0);

	config_free(&cfg);
	diag_free(&d);
}

static void absent_sections_give_the_defaults(void **state)
{
	struct cb_config cfg;
	const struct extension *e;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("defaults.conf"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);
	assert_int_equal(cfg.intercom.method, INTERCOM_CALL_INFO);
	assert_string_equal(cfg.intercom.header, "");
	assert_int_equal(cfg.park.slots, 8);
	assert_int_equal(cfg.park.timeout_s, 120);
	assert_string_equal(cfg.park.uri_prefix, "park-");

	assert_int_equal(cfg.n_extensions, 2);
	e = &cfg.extensions[1];
	assert_string_equal(e->number, "sales");
	assert_string_equal(e->name, "sales");
	assert_int_equal(e->kind, EXT_RING_GROUP);
	assert_int_equal(e->strategy, GROUP_ALL);
	assert_int_equal(e->ring_time_s, 20);
	assert_int_equal(e->intercom, INTERCOM_DEFAULT);
	assert_int_equal(e->nmembers, 1);
	assert_string_equal(e->members[0], "201");
	config_free(&cfg);
	diag_free(&d);

	/* and the same without any file */
	config_defaults(&cfg);
	assert_int_equal(cfg.intercom.method, INTERCOM_CALL_INFO);
	assert_int_equal(cfg.park.slots, 8);
	assert_int_equal(cfg.park.timeout_s, 120);
	assert_string_equal(cfg.park.uri_prefix, "park-");
	assert_int_equal(cfg.n_extensions, 0);
	config_free(&cfg);
}

static void queue_is_default(const struct cb_config *cfg)
{
	struct queue_config q;

	queue_config_defaults(&q);
	assert_memory_equal(&cfg->queue, &q, sizeof(q));
	assert_int_equal(cfg->n_lines, 0);
}

/* A bad waiting room: exactly WANT, and nothing of it applied. */
static void expect_queue_errors(const char *path, const char *const *want)
{
	expect_config_errors(path, want, queue_is_default);
}

static void a_company_line_is_defined_once(void **state)
{
	static const char *const want[] = {
		":4: duplicate line '100' (first defined on line 1)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-dup.conf"), want);
}

static void a_company_line_names_its_company(void **state)
{
	static const char *const want[] = {
		":1: line '100' has no company (add company = \"NAME\", shown "
		"as it rings)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-company.conf"), want);
}

static void a_company_line_is_a_number_callers_dial(void **state)
{
	static const char *const want[] = {
		":1: line 'acme' is not a number callers dial (digits, "
		"optionally with * # +)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-number.conf"), want);
}

static void a_company_line_priority_is_0_to_9(void **state)
{
	static const char *const want[] = {
		":2: priority 10 is out of range (0 to 9)",
		":3: priority -1 is out of range (0 to 9)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-priority.conf"), want);
}

/* The company and greeting reach the status line: the names' rules. */
static void company_and_greeting_are_safe_text(void **state)
{
	static const char *const unsafe[] = {
		":2: company contains a control character or invalid UTF-8",
		":3: greeting contains a control character or invalid UTF-8",
		NULL };
	static const char *const lng[] = {
		":2: company is too long (at most 63 characters)",
		":3: greeting is too long (at most 191 characters)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-text.conf"), unsafe);
	expect_queue_errors(QDATA("bad-line-long.conf"), lng);
}

static void at_most_64_company_lines(void **state)
{
	static const char *const want[] = {
		":65: too many company lines (at most 64)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-line-many.conf"), want);
}

static void queue_values_have_ranges(void **state)
{
	static const char *const want[] = {
		":2: answer_alert_after 601 is out of range (0 to 600 seconds)",
		":3: hold_reminder_after 5 is out of range (10 to 600 seconds)",
		":4: overflow_after -1 is out of range (0 to 600 seconds)",
		":5: camp_on_ring 181 is out of range (5 to 180 seconds)",
		":6: camp_on_max 29 is out of range (30 to 3600 seconds)",
		":7: camp_on_retry 4 is out of range (5 to 600 seconds)",
		NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-queue-ranges.conf"), want);
}

static void camp_on_is_announce_or_blind(void **state)
{
	static const char *const want[] = {
		":1: camp_on 'wait' is not announce or blind", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-queue-camp-on.conf"), want);
}

/* The overflow target resolves as a transfer target would: the file's
 * groups are known here, a name prefix would be a guess. */
static void overflow_target_is_a_number_group_or_uri(void **state)
{
	static const char *const unknown[] = {
		":4: overflow_target 'nobody' is neither a number, a group "
		"nor a sip: URI", NULL };
	static const char *const paging[] = {
		":2: overflow_target 'everyone' is a paging group: a caller "
		"cannot be sent there", NULL };
	static const char *const uri[] = {
		":3: overflow_target 'sip:' is not a sip: or sips: URI with a "
		"host", NULL };
	static const char *const none[] = {
		":2: overflow_after 30 needs an overflow_target (a number, "
		"group or sip: URI)", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-overflow-target.conf"), unknown);
	expect_queue_errors(QDATA("bad-overflow-paging.conf"), paging);
	expect_queue_errors(QDATA("bad-overflow-uri.conf"), uri);
	expect_queue_errors(QDATA("bad-overflow-no-target.conf"), none);
}

/* The night target follows the same rules: a night call must go
 * somewhere a caller can be sent. */
static void night_target_is_a_number_group_or_uri(void **state)
{
	static const char *const unknown[] = {
		":4: night_target 'nightline' is neither a number, a group "
		"nor a sip: URI", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-night-target.conf"), unknown);
}

static void a_contact_priority_is_0_to_9_and_vip_yes_or_no(void **state)
{
	static const char *const want[] = {
		":2: priority 12 is out of range (0 to 9)",
		":3: invalid boolean value for option 'vip'", NULL };

	(void)state;
	expect_queue_errors(QDATA("bad-ext-priority.conf"), want);
}

static void the_waiting_room_is_copied_for_the_board(void **state)
{
	struct cb_config cfg;
	const struct company_line *l;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, QDATA("good.conf"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);

	assert_int_equal(cfg.queue.answer_alert_after_s, 0);
	assert_int_equal(cfg.queue.hold_reminder_after_s, 10);
	assert_int_equal(cfg.queue.overflow_after_s, 45);
	assert_string_equal(cfg.queue.overflow_target, "sales");
	assert_int_equal(cfg.queue.camp_on, CAMP_ON_BLIND);
	assert_int_equal(cfg.queue.camp_on_ring_s, 5);
	assert_int_equal(cfg.queue.camp_on_max_s, 3600);
	assert_int_equal(cfg.queue.camp_on_retry_s, 600);

	assert_int_equal(cfg.n_lines, 2);
	l = &cfg.lines[0];
	assert_string_equal(l->number, "100");
	assert_string_equal(l->company, "ACME Legal");
	assert_string_equal(l->greeting,
			    "Good morning, ACME Legal, how can I help?");
	assert_int_equal(l->priority, 0);
	l = &cfg.lines[1];
	assert_string_equal(l->number, "+442079460000");
	assert_string_equal(l->company, "Globex Sales — UK");
	assert_string_equal(l->greeting, "");
	assert_int_equal(l->priority, 9);

	/* a contact's vip and priority */
	assert_int_equal(cfg.n_extensions, 4);
	assert_string_equal(cfg.extensions[0].number, "201");
	assert_false(cfg.extensions[0].vip);
	assert_int_equal(cfg.extensions[0].priority, 0);
	assert_string_equal(cfg.extensions[1].number, "301");
	assert_true(cfg.extensions[1].vip);
	assert_int_equal(cfg.extensions[1].priority, 0);
	assert_string_equal(cfg.extensions[2].number, "302");
	assert_false(cfg.extensions[2].vip);
	assert_int_equal(cfg.extensions[2].priority, 5);
	config_free(&cfg);
	diag_free(&d);

	/* no queue section, no lines: core's defaults */
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("defaults.conf"), &d), 0);
	queue_is_default(&cfg);
	config_free(&cfg);
	diag_free(&d);
	config_defaults(&cfg);
	queue_is_default(&cfg);
	config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intercom_method_must_be_known),
		cmocka_unit_test(intercom_header_needs_a_colon),
		cmocka_unit_test(park_slots_are_1_to_32),
		cmocka_unit_test(park_timeout_has_bounds),
		cmocka_unit_test(park_uri_prefix_is_one_word),
		cmocka_unit_test(a_group_needs_uri_or_members),
		cmocka_unit_test(a_group_has_not_both_uri_and_members),
		cmocka_unit_test(a_member_is_a_number_or_a_sip_uri),
		cmocka_unit_test(strategy_is_all_or_in_order),
		cmocka_unit_test(ring_time_has_bounds),
		cmocka_unit_test(a_group_is_defined_once),
		cmocka_unit_test(a_group_is_not_named_like_an_extension),
		cmocka_unit_test(a_paging_group_has_no_members),
		cmocka_unit_test(groups_follow_the_extensions_in_the_directory),
		cmocka_unit_test(absent_sections_give_the_defaults),
		cmocka_unit_test(a_company_line_is_defined_once),
		cmocka_unit_test(a_company_line_names_its_company),
		cmocka_unit_test(a_company_line_is_a_number_callers_dial),
		cmocka_unit_test(a_company_line_priority_is_0_to_9),
		cmocka_unit_test(company_and_greeting_are_safe_text),
		cmocka_unit_test(at_most_64_company_lines),
		cmocka_unit_test(queue_values_have_ranges),
		cmocka_unit_test(camp_on_is_announce_or_blind),
		cmocka_unit_test(overflow_target_is_a_number_group_or_uri),
		cmocka_unit_test(night_target_is_a_number_group_or_uri),
		cmocka_unit_test(a_contact_priority_is_0_to_9_and_vip_yes_or_no),
		cmocka_unit_test(the_waiting_room_is_copied_for_the_board),
	};

	return cmocka_run_group_tests_name("groups_config", tests, NULL, NULL);
}
