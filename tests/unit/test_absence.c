/*
 * test_absence.c — colleagues marked out, on a fake wall clock (UTC) and
 * a state file in a temp dir: until 14:00 means today or, once passed,
 * tomorrow; an absence ends by itself; a restart reads it back; a
 * damaged file is a warning; a transfer to someone out offers their
 * voicemail and deputy (and mobile, when the directory has one), and
 * the deputy and mobile keys send the caller there; a caller from a
 * contact's mobile is named as the directory names them.
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

#include "core/absence.h"
#include "core/board.h"
#include "fake_phone.h"

#define MONDAY_10_00 1796637600LL   /* 2026-12-07 10:00 UTC */

static int64_t wall;

static int64_t wall_clock(void)
{
	return wall;
}

static struct extension exts[] = {
	{ .number = "200", .name = "Reception", .uri = "sip:200@office" },
	{ .number = "201", .name = "Robert Smith", .uri = "sip:201@office",
	  .voicemail = "sip:vm-201@office", .deputy = "202" },
	{ .number = "202", .name = "Bob Stone", .uri = "sip:202@office" },
	{ .number = "203", .name = "Jane Doe", .uri = "sip:203@office",
	  .company = "Cordboard SA", .voicemail = "sip:vm-203@office",
	  .numbers = (struct ext_number[]){ { "mobile", "+33612000203" } }, .nnumbers = 1 },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	char dir[64];
	char path[96];
};

static void desk_open(struct desk *d)
{
	fake_phone_setup(&d->phone, &d->b);
	fake_keys_install(&d->b);
	board_set_extensions(&d->b, exts, sizeof(exts) / sizeof(exts[0]));
	snprintf(d->b.default_domain, sizeof(d->b.default_domain),
		 "pbx.office");
	assert_int_equal(board_absence_open(&d->b, d->path, wall_clock), 0);
}

static int setup(void **state)
{
	static struct desk d;

	memset(&d, 0, sizeof(d));
	wall = MONDAY_10_00;
	snprintf(d.dir, sizeof(d.dir), "/tmp/cb-absence-XXXXXX");
	assert_non_null(mkdtemp(d.dir));
	snprintf(d.path, sizeof(d.path), "%s/absences", d.dir);
	desk_open(&d);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	fake_phone_close(&d->phone);
	unlink(d->path);
	rmdir(d->dir);
	return 0;
}

/* The console stops and starts again on the same file. */
static void restart(struct desk *d)
{
	fake_phone_close(&d->phone);
	memset(&d->b, 0, sizeof(d->b));
	memset(&d->phone, 0, sizeof(d->phone));
	desk_open(d);
}

static void shown(struct desk *d, const char *number, const char *want)
{
	const struct absence *a = board_absence(&d->b, number);
	char text[160];

	assert_non_null(a);
	absence_text(a, wall, text, sizeof(text));
	assert_string_equal(text, want);
}

static const char *referred_to(const struct desk *d)
{
	int i;

	for (i = d->phone.nops - 1; i >= 0; i--) {
		if (!strcmp(d->phone.ops[i].what, "refer"))
			return d->phone.ops[i].uri;
	}
	return "";
}

static void until_a_time_is_today_or_tomorrow_once_passed(void **state)
{
	int64_t until;

	(void)state;
	assert_int_equal(absence_parse_until("14:00", wall, &until), 0);
	assert_int_equal(until, MONDAY_10_00 + 4 * 3600);
	assert_int_equal(absence_parse_until("09:30", wall, &until), 0);
	assert_int_equal(until, MONDAY_10_00 + 23 * 3600 + 1800);
	assert_int_equal(absence_parse_until("10:00", wall, &until), 0);
	assert_int_equal(until, MONDAY_10_00 + 24 * 3600);
	assert_int_equal(absence_parse_until("2026-12-09", wall, &until), 0);
	assert_int_equal(until, MONDAY_10_00 - 10 * 3600 + 2 * 86400);
	assert_int_equal(absence_parse_until("24:00", wall, &until), EINVAL);
	assert_int_equal(absence_parse_until("2026-12-07", wall, &until),
			 EINVAL);
	assert_int_equal(absence_parse_until("2026-02-31", wall, &until),
			 EINVAL);
	assert_int_equal(absence_parse_until("soon", wall, &until), EINVAL);
}

/* Past midnight the full text names the day; a narrow row says the
 * time alone, which within 24 hours can only be the coming one. */
static void a_return_after_midnight_reads_briefly_by_its_time(void **state)
{
	const int64_t sunday_21_27 = MONDAY_10_00 - 10 * 3600 - 2 * 3600 -
		33 * 60;
	struct absence a = { "201", 0, "lunch" };
	char text[160];

	(void)state;
	assert_int_equal(absence_parse_until("00:27", sunday_21_27,
					     &a.until_s), 0);
	absence_text(&a, sunday_21_27, text, sizeof(text));
	assert_string_equal(text, "out - back Mon 00:27, lunch");
	absence_text_brief(&a, sunday_21_27, text, sizeof(text));
	assert_string_equal(text, "back 00:27, lunch");
	a.until_s += 86400;
	absence_text_brief(&a, sunday_21_27, text, sizeof(text));
	assert_string_equal(text, "back Tue 00:27, lunch");
	a.until_s = 0;
	absence_text_brief(&a, sunday_21_27, text, sizeof(text));
	assert_string_equal(text, "out - lunch");
}

static void marked_out_until_14_shows_and_ends_by_itself(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_absent(&d->b, "201 until 14:00 at the dentist"),
			 0);
	assert_string_equal(d->b.status,
			    "Robert Smith is out - back 14:00, at the dentist");
	shown(d, "201", "out - back 14:00, at the dentist");
	assert_null(board_absence(&d->b, "202"));
	wall = MONDAY_10_00 + 4 * 3600 - 1;
	assert_non_null(board_absence(&d->b, "201"));
	wall++;
	board_tick(&d->b);
	assert_null(board_absence(&d->b, "201"));
	restart(d);
	assert_null(board_absence(&d->b, "201"));
}

static void a_bad_argument_changes_nothing(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_absent(&d->b, "999 lunch"), EINVAL);
	assert_int_equal(board_absent(&d->b, "201 until noon"), EINVAL);
	assert_non_null(strstr(d->b.status, "HH:MM"));
	assert_null(board_absence(&d->b, "201"));
	assert_int_equal(access(d->path, F_OK), -1);
}

static void a_restart_reads_the_absence_back(void **state)
{
	struct desk *d = *state;

	assert_int_equal(board_absent(&d->b, "201 until 2026-12-09"), 0);
	assert_int_equal(board_absent(&d->b, "202 on a course"), 0);
	restart(d);
	shown(d, "201", "out - back 2026-12-09");
	shown(d, "202", "out - on a course");
	assert_int_equal(board_present(&d->b, "202"), 0);
	restart(d);
	assert_null(board_absence(&d->b, "202"));
	assert_non_null(board_absence(&d->b, "201"));
}

static void a_damaged_file_is_a_warning(void **state)
{
	struct desk *d = *state;
	FILE *fp = fopen(d->path, "w");

	assert_non_null(fp);
	fputs("{\"number\":\"201\",\"until\":0,\"note\":\"lunch\"}\n"
	      "garbage line\n"
	      "{\"number\":\"202\",\"until\":\"12x\",\"note\":\"n\"}\n"
	      "{\"number\":\"203\",\"until\":0,\"no", fp);
	fclose(fp);
	restart(d);
	shown(d, "201", "out - lunch");
	assert_null(board_absence(&d->b, "202"));
	assert_non_null(strstr(d->b.status, "not an absence, skipped"));
}

static void a_transfer_to_someone_out_offers_voicemail_and_deputy(void **state)
{
	struct desk *d = *state;
	line_id acme = fake_answered(&d->b, "ACME Corp", "sip:+331@x");

	board_absent(&d->b, "201 until 14:00");
	d->phone.nops = 0;
	assert_int_equal(board_blind(&d->b, acme, "201"), EAGAIN);
	assert_string_equal(d->b.status, "Robert Smith is out until 14:00 - "
			    "v voicemail, D deputy Bob Stone, Esc keeps the "
			    "caller");
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(board_absence_offered(&d->b), "201");
	assert_int_equal(board_deputy(&d->b, 0), 0);
	assert_int_equal(fake_count(&d->phone, "refer", acme), 1);
	assert_string_equal(referred_to(d), "sip:202@office");
	assert_null(board_absence_offered(&d->b));
}

static void asked_again_the_transfer_goes_ahead(void **state)
{
	struct desk *d = *state;
	line_id acme = fake_answered(&d->b, "ACME Corp", "sip:+331@x");

	board_absent(&d->b, "201 lunch");
	assert_int_equal(board_consult(&d->b, acme, "201"), EAGAIN);
	assert_true(board_absence_decline(&d->b));
	assert_non_null(strstr(d->b.status, "stays with you"));
	assert_int_equal(board_consult(&d->b, acme, "201"), EAGAIN);
	assert_int_equal(board_consult(&d->b, acme, "201"), 0);
	assert_int_equal(fake_count(&d->phone, "hold", acme), 1);
}

/* Jane is out; her mobile is in the directory: the offer names it and
 * the mobile key sends the caller there, at the PBX's domain. */
static void a_transfer_to_someone_out_offers_their_mobile(void **state)
{
	struct desk *d = *state;
	line_id acme = fake_answered(&d->b, "ACME Corp", "sip:+331@x");

	board_absent(&d->b, "203 until 14:00");
	assert_int_equal(board_blind(&d->b, acme, "203"), EAGAIN);
	assert_string_equal(d->b.status, "Jane Doe is out until 14:00 - "
			    "O mobile, v voicemail, Esc keeps the caller");
	d->phone.nops = 0;
	assert_int_equal(board_mobile(&d->b, 0, ""), 0);
	assert_int_equal(fake_count(&d->phone, "refer", acme), 1);
	assert_string_equal(referred_to(d), "sip:+33612000203@pbx.office");
	assert_null(board_absence_offered(&d->b));
}

/* Without an offer: "mobile jane" reaches her mobile, someone without
 * one is said so and nothing happens. */
static void the_mobile_key_names_a_colleague(void **state)
{
	struct desk *d = *state;
	line_id acme = fake_answered(&d->b, "ACME Corp", "sip:+331@x");

	d->phone.nops = 0;
	assert_int_equal(board_mobile(&d->b, acme, ""), ENOENT);
	assert_int_equal(board_mobile(&d->b, acme, "bob"), ENOENT);
	assert_string_equal(d->b.status, "Bob Stone has no mobile number in "
			    "the directory");
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(board_mobile(&d->b, acme, "jane"), 0);
	assert_string_equal(referred_to(d), "sip:+33612000203@pbx.office");
}

/* Jane calls from her mobile: the board names her and her company. */
static void a_call_from_a_contacts_mobile_is_named(void **state)
{
	struct desk *d = *state;
	line_id id = board_on_offered(&d->b, "+33 6 12 00 02 03",
				      "sip:+33612000203@pbx.office");
	const struct line *l = board_line(&d->b, id);

	assert_non_null(l);
	assert_string_equal(l->name, "Jane Doe (Cordboard SA)");
	assert_non_null(strstr(d->b.status, "Jane Doe (Cordboard SA)"));
	id = board_on_offered(&d->b, "Stranger", "sip:+33100000000@x");
	assert_string_equal(board_line(&d->b, id)->name, "Stranger");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(until_a_time_is_today_or_tomorrow_once_passed),
		T(a_return_after_midnight_reads_briefly_by_its_time),
		T(marked_out_until_14_shows_and_ends_by_itself),
		T(a_bad_argument_changes_nothing),
		T(a_restart_reads_the_absence_back),
		T(a_damaged_file_is_a_warning),
		T(a_transfer_to_someone_out_offers_voicemail_and_deputy),
		T(asked_again_the_transfer_goes_ahead),
		T(a_transfer_to_someone_out_offers_their_mobile),
		T(the_mobile_key_names_a_colleague),
		T(a_call_from_a_contacts_mobile_is_named),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
