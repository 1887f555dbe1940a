/*
 * test_script.c — "wait EVENT TIMEOUT" and the script runner: lines run
 * until a wait, the wait ends on its event (never inside the event: on
 * the next wake), a timeout or a failing line stops the script.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fake_phone.h"
#include "input/script.h"

static struct {
	struct board b;
	struct fake_phone phone;
	char ran[8][64];
	int nran;
	long armed;
	int wakes;
	int done;
	bool ok;
} t;

static int hook_run(void *arg, const char *line)
{
	snprintf(t.ran[t.nran++ % 8], sizeof(t.ran[0]), "%s", line);
	if (!strcmp(line, "hold")) {
		board_status(&t.b, true, "No call to hold");
		return ENOENT;
	}
	return 0;
}

static void hook_arm(void *arg, long ms) { t.armed = ms; }
static void hook_wake(void *arg) { t.wakes++; }
static void hook_done(void *arg, bool ok) { t.done++; t.ok = ok; }

static const struct script_hooks hooks = {
	hook_run, hook_arm, hook_wake, hook_done, NULL
};

static void load(struct script *s, const char *text)
{
	char path[] = "/tmp/cordboard-test-script-XXXXXX";
	struct diag d;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	fputs(text, fp);
	fclose(fp);
	board_close(&t.b);   /* the last test's board */
	memset(&t, 0, sizeof(t));
	fake_phone_setup(&t.phone, &t.b);
	diag_init(&d);
	assert_int_equal(script_load(s, path, &d), 0);
	assert_int_equal(d.count, 0);
	diag_free(&d);
	remove(path);
	board_observe(&t.b, script_observer, s);
	script_start(s, &t.b, &hooks);
	assert_int_equal(t.wakes, 1);
}

static void wait_reads_events_and_timeouts(void **state)
{
	struct wait_step w;
	char err[200];

	assert_int_equal(wait_parse("offered 10s", &w, err, sizeof(err)), 0);
	assert_int_equal(w.event, EV_LINE_OFFERED);
	assert_int_equal(w.timeout_ms, 10000);
	assert_int_equal(wait_parse("established 500ms", &w, err,
				    sizeof(err)), 0);
	assert_int_equal(w.event, EV_LINE_ANSWERED);
	assert_int_equal(w.timeout_ms, 500);
	assert_int_equal(wait_parse("line_closed 2m", &w, err, sizeof(err)),
			 0);
	assert_int_equal(w.timeout_ms, 120000);
	assert_int_equal(wait_parse("answered", &w, err, sizeof(err)),
			 EINVAL);
	assert_int_equal(wait_parse("rung 1s", &w, err, sizeof(err)), EINVAL);
	assert_non_null(strstr(err, "unknown event 'rung'"));
	assert_int_equal(wait_parse("held 2h", &w, err, sizeof(err)), EINVAL);
	assert_int_equal(wait_parse("held 5s now", &w, err, sizeof(err)),
			 EINVAL);
}

static void lines_run_until_a_wait_and_its_event(void **state)
{
	struct script s;

	load(&s, "# answer, then consult\nanswer\nwait answered 5s\n"
	     "\nconsult 201\n");
	script_step(&s);
	assert_int_equal(t.nran, 1);
	assert_string_equal(t.ran[0], "answer");
	assert_int_equal(t.armed, 5000);
	/* another event changes nothing; the awaited one wakes the runner */
	board_status(&t.b, false, "something else");
	assert_int_equal(t.wakes, 1);
	board_on_established(&t.b, board_on_offered(&t.b, "ACME", "sip:a@x"));
	assert_int_equal(t.wakes, 2);
	assert_int_equal(t.armed, -1);
	assert_int_equal(t.nran, 1);        /* not inside the event */
	script_step(&s);
	assert_int_equal(t.nran, 2);
	assert_string_equal(t.ran[1], "consult 201");
	assert_int_equal(t.done, 1);
	assert_true(t.ok);
	script_free(&s);
}

static void a_ringing_call_satisfies_wait_offered(void **state)
{
	struct script s;

	load(&s, "wait offered 1s\nanswer\n");
	board_on_offered(&t.b, "ACME", "sip:a@x");
	script_step(&s);
	assert_int_equal(t.nran, 1);
	assert_true(t.ok);
	script_free(&s);
}

static void a_timeout_or_a_failing_line_stops_the_script(void **state)
{
	struct script s;

	load(&s, "wait held 2s\nanswer\n");
	script_step(&s);
	script_timeout(&s);
	assert_int_equal(t.done, 1);
	assert_false(t.ok);
	assert_int_equal(t.nran, 0);
	assert_non_null(strstr(t.b.status, ":1 stopped: wait held: nothing "
			       "within 2s"));
	script_free(&s);

	load(&s, "answer\nhold\nanswer\n");
	script_step(&s);
	assert_int_equal(t.nran, 2);
	assert_false(t.ok);
	assert_non_null(strstr(t.b.status, ":2 stopped: No call to hold"));
	script_free(&s);
}

static void bad_lines_are_file_line_errors(void **state)
{
	char path[] = "/tmp/cordboard-test-script-XXXXXX";
	struct script s;
	struct diag d;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	fputs("answer\nexplode\nhold now\ndial\nwait offered\n"
	      "volume 99\n", fp);
	fclose(fp);
	diag_init(&d);
	assert_int_equal(script_load(&s, path, &d), EINVAL);
	assert_int_equal(d.count, 4);
	assert_non_null(strstr(d.msgs[0].text, ":2: unknown action "
			       "'explode'"));
	assert_non_null(strstr(d.msgs[1].text, ":3: hold takes no argument"));
	assert_non_null(strstr(d.msgs[2].text, ":5: wait needs EVENT"));
	/* the value is checked against the action's declared range */
	assert_non_null(strstr(d.msgs[3].text, ":6: volume takes up, down "
			       "or a level in dB (-30..12), not '99'"));
	diag_free(&d);
	script_free(&s);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wait_reads_events_and_timeouts),
		cmocka_unit_test(lines_run_until_a_wait_and_its_event),
		cmocka_unit_test(a_ringing_call_satisfies_wait_offered),
		cmocka_unit_test(a_timeout_or_a_failing_line_stops_the_script),
		cmocka_unit_test(bad_lines_are_file_line_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
