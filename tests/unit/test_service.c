/*
 * test_service.c — day and night service: the opening hours as written
 * in cordboard.conf (and what a bad one is told), whether they are open
 * at fixed times in Paris (past midnight, on DST days), and a caller at
 * night sent to the night target or told 480, never offered to the
 * operator; against a fake phone and a fake wall clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>

#include "park_desk.h"
#include "core/service.h"

/* Local times in Europe/Paris, as seconds since the epoch. */
#define MON_0759 1772434740   /* Mon 2 March 2026, CET */
#define MON_0900 1772438400
#define MON_1245 1772451900
#define MON_1800 1772470800
#define FRI_2159 1772830740   /* Fri 6 March */
#define FRI_2330 1772836200
#define SAT_0159 1772845140
#define SAT_0200 1772845200
#define SAT_0930 1772872200
#define SUN_1000 1772960400
#define DST_0759 1774763940   /* Sun 29 March: 02:00 CET became 03:00 */
#define DST_0800 1774764000
#define DST_1759 1774799940
#define DST_1800 1774800000
#define FALL_0759 1792911540  /* Sun 25 October: 03:00 back to 02:00 */
#define FALL_0800 1792911600

static int paris(void **state)
{
	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	return 0;
}

static bool open_at(const char *hours, time_t t)
{
	struct service_schedule s;
	char err[200] = "";

	if (service_schedule_parse(hours, &s, err, sizeof(err)))
		fail_msg("'%s': %s", hours, err);
	return service_is_open(&s, t);
}

/* The message a bad TEXT gets. */
static const char *refused(const char *text)
{
	static char err[200];
	struct service_schedule s;

	err[0] = 0;
	assert_int_equal(service_schedule_parse(text, &s, err, sizeof(err)),
			 -1);
	return err;
}

static void office_hours_are_open_in_the_day_only(void **state)
{
	(void)state;
	assert_false(open_at("Mon-Fri 08:00-18:00", MON_0759));
	assert_true(open_at("Mon-Fri 08:00-18:00", MON_0900));
	assert_false(open_at("Mon-Fri 08:00-18:00", MON_1800));
	assert_false(open_at("Mon-Fri 08:00-18:00", SAT_0930));
	assert_false(open_at("Mon-Fri 08:00-18:00", SUN_1000));
}

static void a_lunch_break_and_saturday_morning(void **state)
{
	const char *h = "Mon-Fri 08:00-12:30,13:30-18:00; Sat 09:00-12:00";

	(void)state;
	assert_true(open_at(h, MON_0900));
	assert_false(open_at(h, MON_1245));
	assert_true(open_at(h, SAT_0930));
	assert_false(open_at(h, SUN_1000));
	assert_true(open_at("mon,wed 08:00-13:00 ; sat-sun 09:00-11:00;",
			    SUN_1000));
}

static void a_range_past_midnight_runs_into_the_next_day(void **state)
{
	(void)state;
	assert_false(open_at("Fri 22:00-02:00", FRI_2159));
	assert_true(open_at("Fri 22:00-02:00", FRI_2330));
	assert_true(open_at("Fri 22:00-02:00", SAT_0159));
	assert_false(open_at("Fri 22:00-02:00", SAT_0200));
	/* Friday's night, not Saturday's */
	assert_false(open_at("Sat 22:00-02:00", SAT_0159));
	assert_true(open_at("Mon-Sun 00:00-24:00", SAT_0159));
}

static void the_hours_follow_the_clock_on_dst_days(void **state)
{
	(void)state;
	/* seconds since midnight would be an hour off on both days */
	assert_false(open_at("Mon-Sun 08:00-18:00", DST_0759));
	assert_true(open_at("Mon-Sun 08:00-18:00", DST_0800));
	assert_true(open_at("Mon-Sun 08:00-18:00", DST_1759));
	assert_false(open_at("Mon-Sun 08:00-18:00", DST_1800));
	assert_false(open_at("Sun 08:00-18:00", FALL_0759));
	assert_true(open_at("Sun 08:00-18:00", FALL_0800));
}

static void no_hours_is_always_open(void **state)
{
	(void)state;
	assert_true(open_at("", SUN_1000));
	assert_true(open_at("  ", SAT_0200));
}

static void bad_hours_say_what_is_wrong(void **state)
{
	(void)state;
	assert_string_equal(refused("Mon-Fry 08:00-18:00"),
			    "'Mon-Fry' is not a day or days like Mon-Fri "
			    "(Mon Tue Wed Thu Fri Sat Sun)");
	assert_string_equal(refused("Mon-Fri 8-18"),
			    "'8-18' is not opening hours like 08:00-18:00 "
			    "(HH:MM, 00:00 to 24:00)");
	assert_string_equal(refused("Mon-Fri 08:00-25:00"),
			    "'08:00-25:00' is not opening hours like "
			    "08:00-18:00 (HH:MM, 00:00 to 24:00)");
	assert_string_equal(refused("Mon-Fri 08:00"),
			    "'08:00' is not opening hours like 08:00-18:00");
	assert_string_equal(refused("Mon-Fri"),
			    "'Mon-Fri' has no days or no hours: write it like "
			    "Mon-Fri 08:00-18:00");
	assert_string_equal(refused("Mon 09:00-09:00"),
			    "'09:00-09:00' opens and closes at the same time");
	assert_string_equal(refused("Mon 08:00-12:00;; Sat 09:00-12:00"),
			    "an empty part between ';'");
}

static void modes_by_name(void **state)
{
	(void)state;
	assert_int_equal(service_mode_parse("auto"), SERVICE_AUTO);
	assert_int_equal(service_mode_parse("day"), SERVICE_DAY);
	assert_int_equal(service_mode_parse("night"), SERVICE_NIGHT);
	assert_int_equal(service_mode_parse("evening"), -1);
	assert_string_equal(service_mode_name(SERVICE_NIGHT), "night");
}

/* The board: the wall clock the service reads, and the events. */
static int64_t wall_now;
static char service_events[128];
static int offered_events;

static int64_t fake_wall(void)
{
	return wall_now;
}

static void watch_service(void *arg, const struct board_event *ev)
{
	(void)arg;
	if (ev->type == EV_SERVICE)
		append(service_events, sizeof(service_events), ev->text);
	if (ev->type == EV_LINE_OFFERED)
		offered_events++;
}

static int night_desk(void **state, const char *target)
{
	struct desk *d = desk_new();
	struct service_config cfg = { .open = "Mon-Fri 08:00-18:00",
				      .mode = SERVICE_AUTO };

	paris(state);
	snprintf(cfg.night_target, sizeof(cfg.night_target), "%s", target);
	wall_now = SAT_0930;
	service_events[0] = 0;
	offered_events = 0;
	board_observe(&d->b, watch_service, NULL);
	assert_int_equal(service_configure(&d->b, &cfg, fake_wall), 0);
	*state = d;
	return 0;
}

static int setup_night_to_bob(void **state)
{
	return night_desk(state, "202");
}

static int setup_night_nobody(void **state)
{
	return night_desk(state, "");
}

static void at_night_a_caller_goes_to_the_night_target(void **state)
{
	struct desk *d = *state;
	line_id w;

	assert_true(service_night(&d->b));
	w = board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
	assert_int_equal(offered_events, 0);
	assert_false(d->phone.ringing);
	assert_int_equal(d->phone.nops, 1);
	assert_string_equal(op(d, 0)->what, "answer");
	assert_int_equal(line(d, w)->state, LINE_HANDOVER);
	assert_true(line(d, w)->night_service);

	board_on_established(&d->b, w);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@office");
	assert_string_equal(d->b.status, "Night service: Widget Ltd sent to "
			    "Bob Stone");
	board_on_refer_result(&d->b, w, 200, "OK");
	assert_int_equal(d->transferred, 1);
	assert_int_equal(d->recalls, 0);
}

static void without_a_night_target_the_caller_hears_480(void **state)
{
	struct desk *d = *state;
	line_id w = board_on_offered(&d->b, "Widget Ltd",
				     "sip:+441632960002@x");

	assert_int_equal(offered_events, 0);
	assert_false(d->phone.ringing);
	assert_string_equal(fake_last(&d->phone)->what, "hangup");
	assert_int_equal(fake_last(&d->phone)->id, w);
	assert_int_equal(fake_last(&d->phone)->arg, 480);
	assert_string_equal(d->b.status, "Night service: Widget Ltd heard "
			    "that nobody is available");
}

static void in_opening_hours_the_console_rings(void **state)
{
	struct desk *d = *state;

	wall_now = MON_0900;
	board_tick(&d->b);
	assert_string_equal(service_events, "day");
	assert_string_equal(d->b.status, "Day service (opening hours): calls "
			    "ring here");
	board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
	assert_int_equal(offered_events, 1);
	assert_true(d->phone.ringing);
	/* 18:00: the hours turn the service over, once */
	wall_now = MON_1800;
	board_tick(&d->b);
	board_tick(&d->b);
	assert_string_equal(service_events, "day night");
	assert_string_equal(d->b.status, "Night service (opening hours): "
			    "calls go to Bob Stone");
}

static void the_operator_forces_day_or_night(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_service(&d->b, SERVICE_DAY), 0);
	assert_false(service_night(&d->b));
	assert_string_equal(d->b.status, "Day service: calls ring here");
	board_tick(&d->b);   /* Saturday, but the operator said day */
	assert_string_equal(service_events, "day");
	board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
	assert_int_equal(offered_events, 1);

	wall_now = MON_0900;
	assert_int_equal(board_service(&d->b, SERVICE_NIGHT), 0);
	assert_true(service_night(&d->b));
	assert_string_equal(d->b.status, "Night service: calls go to Bob "
			    "Stone");
	/* pressed again: the status line answers, no change, no event */
	assert_int_equal(board_service(&d->b, SERVICE_NIGHT), 0);
	assert_int_equal(board_service(&d->b, SERVICE_AUTO), 0);
	assert_false(service_night(&d->b));
	assert_int_equal(board_service(&d->b, SERVICE_DAY), 0);
	assert_string_equal(service_events, "day night day");
}

static void without_configuration_it_is_always_day(void **state)
{
	struct desk *d = *state;

	assert_false(service_night(&d->b));
	board_on_offered(&d->b, "Widget Ltd", "sip:+441632960002@x");
	assert_true(d->phone.ringing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(office_hours_are_open_in_the_day_only, paris),
		cmocka_unit_test_setup(a_lunch_break_and_saturday_morning, paris),
		cmocka_unit_test_setup(a_range_past_midnight_runs_into_the_next_day, paris),
		cmocka_unit_test_setup(the_hours_follow_the_clock_on_dst_days, paris),
		cmocka_unit_test_setup(no_hours_is_always_open, paris),
		cmocka_unit_test(bad_hours_say_what_is_wrong),
		cmocka_unit_test(modes_by_name),
		cmocka_unit_test_setup_teardown(at_night_a_caller_goes_to_the_night_target, setup_night_to_bob, fake_board_teardown),
		cmocka_unit_test_setup_teardown(without_a_night_target_the_caller_hears_480, setup_night_nobody, fake_board_teardown),
		cmocka_unit_test_setup_teardown(in_opening_hours_the_console_rings, setup_night_to_bob, fake_board_teardown),
		cmocka_unit_test_setup_teardown(the_operator_forces_day_or_night, setup_night_to_bob, fake_board_teardown),
		cmocka_unit_test_setup_teardown(without_configuration_it_is_always_day, setup_idle, fake_board_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
