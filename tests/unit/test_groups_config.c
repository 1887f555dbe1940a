/*
 * test_groups_config.c — the intercom, park and group sections of
 * cordboard.conf: every bad value reported as "FILE:LINE: what is
 * wrong" on its line, groups copied into the directory after the
 * extensions, and the defaults when the sections are absent.
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
	};

	return cmocka_run_group_tests_name("groups_config", tests, NULL, NULL);
}
