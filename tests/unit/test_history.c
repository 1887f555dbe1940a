/*
 * test_history.c — the history file as the waiting room leaves it: each
 * call record says how long the caller waited, on which company line,
 * whether a VIP, the reminders and what became of the call; read back at
 * start-up, today's records (not yesterday's, not a line a crash cut
 * short) give the same figures the console counted while calls ended.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/durable.h"
#include "core/history.h"
#include "core/history_book.h"
#include "core/queue.h"
#include "fake_phone.h"

static struct extension exts[] = {
	{ .number = "+441632960999", .name = "Mr Big", .vip = true },
	{ .number = "201", .name = "Alice Martin", .uri = "sip:201@office",
	  .voicemail = "sip:vm201@office" },
};

static const struct company_line company[] = {
	{ .number = "5551000", .company = "ACME Legal",
	  .greeting = "Good morning, ACME Legal, how can I help?" },
};

static int64_t today_noon;   /* the wall clock of the records */

static int64_t fake_wall(void)
{
	return today_noon + (fake_now - 1000000) / 1000;
}

struct desk {
	struct board b;
	struct fake_phone phone;
	struct history h;
	char path[64];
};

static void desk_open(struct desk *d)
{
	struct queue_config q;

	fake_phone_setup(&d->phone, &d->b);
	fake_keys_install(&d->b);
	board_set_extensions(&d->b, exts, 2);
	queue_config_defaults(&q);
	q.answer_alert_after_s = 0;    /* only the hold reminders count */
	assert_int_equal(queue_configure(&d->b, &q, company, 1), 0);
}

static int setup(void **state)
{
	static struct desk d;
	struct tm tm;
	time_t t = time(NULL);
	int fd;

	memset(&d, 0, sizeof(d));
	localtime_r(&t, &tm);
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	today_noon = (int64_t)mktime(&tm);
	snprintf(d.path, sizeof(d.path), "/tmp/cb-history-XXXXXX");
	fd = mkstemp(d.path);
	assert_true(fd >= 0);
	close(fd);
	desk_open(&d);
	d.h.now_ms = fake_clock;
	d.h.wall_s = fake_wall;
	d.h.board = &d.b;
	assert_int_equal(history_open(&d.h, d.path), 0);
	board_observe(&d.b, history_observer, &d.h);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	history_close(&d->h);
	unlink(d->path);
	return fake_board_teardown(state);
}

/* The file's lines, in REC (at most MAX); returns how many. */
static int records(const char *path, char rec[][1024], int max)
{
	FILE *fp = fopen(path, "r");
	int n = 0;

	assert_non_null(fp);
	while (n < max && fgets(rec[n], 1024, fp))
		n++;
	fclose(fp);
	return n;
}

static void has(const char *rec, const char *field)
{
	if (!strstr(rec, field))
		fail_msg("%s not in %s", field, rec);
}

static line_id rings(struct desk *d, const char *name, const char *uri,
		     const char *dialled, int seconds)
{
	line_id id = board_on_offered_to(&d->b, name, uri, dialled);

	fake_now += seconds * 1000LL;
	return id;
}

static void answer(struct desk *d, line_id id, int talk_s)
{
	assert_int_equal(board_answer(&d->b, id), 0);
	board_on_established(&d->b, id);
	fake_now += talk_s * 1000LL;
}

/* A day at the desk: answered on a company line, a VIP who gives up, a
 * call the operator turns away, one answered then left on hold until a
 * reminder and the caller hangs up. */
static void a_day(struct desk *d)
{
	line_id acme, big, spam, held;
	int i;

	acme = rings(d, "ACME Corp", "sip:+3315551234@office", "5551000", 18);
	answer(d, acme, 60);
	assert_int_equal(board_hangup(&d->b, acme), 0);

	big = rings(d, "Mr Big", "sip:+441632960999@office", NULL, 12);
	board_on_closed(&d->b, big, 0, "Connection reset by peer");

	spam = rings(d, "Spam", "sip:0800123@office", NULL, 3);
	assert_int_equal(board_hangup(&d->b, spam), 0);

	held = rings(d, "Beta Ltd", "sip:+3315559876@office", NULL, 5);
	answer(d, held, 10);
	assert_int_equal(board_hold_toggle(&d->b, held), 0);
	board_on_hold_changed(&d->b, held, true);
	for (i = 0; i < 70; i++) {
		fake_now += 1000;
		board_tick(&d->b);
	}
	board_on_closed(&d->b, held, 0, "Connection reset by peer");
}

static void a_call_record_says_what_the_waiting_room_knew(void **state)
{
	struct desk *d = *state;
	char rec[8][1024];

	a_day(d);
	assert_int_equal(records(d->path, rec, 8), 4);
	/* kept from before, so old readers still read it */
	has(rec[0], "\"record\":\"call\",\"dir\":\"in\",\"name\":\"ACME Corp\","
	    "\"number\":\"+3315551234\",\"answered\":true,\"talked_s\":60");
	has(rec[0], "\"waited_s\":18,\"company\":\"ACME Legal\","
	    "\"dialled\":\"5551000\",\"vip\":false,\"reminders\":0,"
	    "\"rang_s\":18,\"outcome\":\"answered\"");
	has(rec[1], "\"name\":\"Mr Big\"");
	has(rec[1], "\"answered\":false");
	has(rec[1], "\"waited_s\":12,\"company\":null,\"dialled\":null,"
	    "\"vip\":true,\"reminders\":0,\"rang_s\":0,"
	    "\"outcome\":\"abandoned\"");
	has(rec[2], "\"name\":\"Spam\"");
	has(rec[2], "\"waited_s\":3,");
	has(rec[2], "\"outcome\":\"missed\"");
	has(rec[3], "\"name\":\"Beta Ltd\"");
	has(rec[3], "\"answered\":true");
	has(rec[3], "\"waited_s\":75,");
	has(rec[3], "\"reminders\":1,\"rang_s\":5,\"outcome\":\"abandoned\"");
}

/* A caller sent on says to whom and how: the view reads "transferred
 * to Alice Martin", "voicemail of Alice Martin"; the URI is for a
 * callback. */
static void a_record_says_who_got_the_caller(void **state)
{
	struct desk *d = *state;
	char rec[4][1024];
	line_id acme, beta;

	acme = rings(d, "ACME Corp", "sip:+3315551234@office", NULL, 4);
	answer(d, acme, 20);
	assert_int_equal(board_blind(&d->b, acme, "201"), 0);
	board_on_hold_changed(&d->b, acme, true);
	board_on_refer_result(&d->b, acme, 200, "OK");
	board_on_closed(&d->b, acme, 0, "Connection reset by peer");

	beta = rings(d, "Beta Ltd", "sip:+3315559876@office", NULL, 2);
	answer(d, beta, 5);
	assert_int_equal(board_voicemail(&d->b, beta, "201"), 0);
	board_on_hold_changed(&d->b, beta, true);
	board_on_refer_result(&d->b, beta, 200, "OK");
	board_on_closed(&d->b, beta, 0, "Connection reset by peer");

	assert_int_equal(records(d->path, rec, 4), 4);
	has(rec[0], "\"record\":\"transfer\"");
	has(rec[1], "\"outcome\":\"transferred\",\"uri\":"
	    "\"sip:+3315551234@office\",\"to\":\"Alice Martin\"}");
	has(rec[3], "\"outcome\":\"voicemail\",\"uri\":"
	    "\"sip:+3315559876@office\",\"to\":\"Alice Martin\"}");
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Today's records are counted; yesterday's, a transfer, the operator's
 * own call, and the lines a crash cut short are not. */
static void counting_skips_yesterday_and_a_torn_line(void **state)
{
	struct desk *d = *state;
	const struct queue_stats *s;
	char text[4096];
	long long now = (long long)today_noon, then = now - 86400;
	const struct board_log_line *ll;
	struct history_book book;
	size_t logged;

	snprintf(text, sizeof(text),
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":true,\"waited_s\":5,\"rang_s\":5,"
		 "\"reminders\":4,\"outcome\":\"answered\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"name\":\"A \\\"quoted\\\" name, \\\"outcome\\\":\","
		 "\"answered\":true,\"waited_s\":90,\"rang_s\":20,"
		 "\"reminders\":1,\"outcome\":\"answered\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":false,\"waited_s\":100,\"rang_s\":0,"
		 "\"reminders\":2,\"outcome\":\"abandoned\"}\n"
		 "{\"at\":%lld,\"record\":\"transfer\",\"text\":\"A -> B\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"out\","
		 "\"answered\":true,\"talked_s\":30,\"status\":0,"
		 "\"transferred\":false}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"name\":\"Before the queue\",\"number\":\"201\","
		 "\"answered\":true,\"talked_s\":3,\"status\":0,"
		 "\"transferred\":false}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\",\"ans"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":true,\"waited_s\":7,\"rang_s\":7,"
		 "\"reminders\":0,\"outcome\":\"answered\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":false,\"waited_s\":999,\"outcome\":\"aband",
		 then, now, now - 3600, now, now, now, now, now, now);
	write_file(d->path, text);

	logged = d->b.log_count;
	assert_int_equal(history_count_today(d->path, &d->b, now + 60), 4);
	s = queue_stats(&d->b);
	assert_int_equal(s->answered, 2);
	assert_int_equal(s->abandoned, 1);
	assert_int_equal(s->waits, 2);             /* the old record: no wait */
	assert_int_equal(s->wait_total_s, 120);    /* rang 20, gave up at 100 */
	assert_int_equal(s->wait_longest_s, 100);
	assert_int_equal(s->reminders, 3);
	/* counting at start says nothing (the log scrolls past it before
	 * the screen opens): the history view says it, once */
	assert_int_equal(d->b.log_count, logged);
	assert_int_equal(history_book_load(&book, d->path, 0, &d->b), 0);
	history_book_free(&book);
	ll = board_log_at(&d->b, d->b.log_count - 1);
	assert_non_null(ll);
	assert_int_equal(ll->level, 1);
	assert_non_null(strstr(ll->text, ":7: an unreadable record skipped"));
	assert_non_null(strstr(ll->text, "and 1 more"));
	assert_int_equal(history_count_today("/nonexistent/cb/history",
					     &d->b, now), -ENOENT);
}

static void the_stats_sentence_from_the_file(void **state)
{
	struct desk *d = *state;
	long long now = (long long)today_noon;
	char text[1024];

	/* the night call went to the night line: nobody here answered it */
	snprintf(text, sizeof(text),
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":true,\"waited_s\":20,\"rang_s\":20,"
		 "\"reminders\":0,\"outcome\":\"answered\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":false,\"waited_s\":161,\"rang_s\":0,"
		 "\"reminders\":7,\"outcome\":\"abandoned\"}\n"
		 "{\"at\":%lld,\"record\":\"call\",\"dir\":\"in\","
		 "\"answered\":true,\"waited_s\":0,\"rang_s\":0,"
		 "\"reminders\":0,\"outcome\":\"night\"}\n", now, now, now);
	write_file(d->path, text);
	assert_int_equal(history_count_today(d->path, &d->b, now), 3);
	assert_int_equal(board_stats(&d->b), 0);
	assert_string_equal(d->b.status, "Today: 1 answered, 1 hung up while "
			    "waiting, wait 1:30 average, 2:41 longest, "
			    "7 reminders");
}

/* What the console counted as the calls ended is what a console started
 * again on the same file counts. */
static void the_figures_survive_a_restart(void **state)
{
	struct desk *d = *state;
	struct queue_stats live;
	const struct queue_stats *s;

	a_day(d);
	live = *queue_stats(&d->b);
	assert_int_equal(live.answered, 2);
	assert_int_equal(live.abandoned, 2);
	history_close(&d->h);
	fake_phone_close(&d->phone);
	desk_open(d);
	assert_int_equal(history_count_today(d->path, &d->b, fake_wall()), 4);
	s = queue_stats(&d->b);
	assert_int_equal(s->answered, live.answered);
	assert_int_equal(s->abandoned, live.abandoned);
	assert_int_equal(s->waits, live.waits);
	assert_int_equal(s->wait_total_s, live.wait_total_s);
	assert_int_equal(s->wait_longest_s, live.wait_longest_s);
	assert_int_equal(s->reminders, live.reminders);
}

/* The fsync runs on a thread of its own (durable.h), but each record is
 * in the file when the call has ended: a console killed at that moment,
 * its syncs still queued, loses none and tears none. */
static void a_console_killed_as_calls_end_loses_no_record(void **state)
{
	struct desk *d = *state;
	char rec[8][1024];
	pid_t pid;
	int status, i;

	durable_stop();           /* no thread of ours across the fork */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		a_day(d);
		raise(SIGKILL);
		_exit(1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_int_equal(records(d->path, rec, 8), 4);
	for (i = 0; i < 4; i++) {
		has(rec[i], "{\"at\":");
		has(rec[i], "\"to\":");
		assert_int_equal(rec[i][strlen(rec[i]) - 1], '\n');
	}
	has(rec[0], "\"name\":\"ACME Corp\"");
	has(rec[3], "\"name\":\"Beta Ltd\"");
	/* and what the parent writes itself is synced and whole too */
	a_day(d);
	durable_drain();
	assert_int_equal(records(d->path, rec, 8), 8);
}

/* A disk that refuses the record (full): the operator reads it at once,
 * in words, and the call itself goes on as ever. */
static void a_full_disk_is_said_at_once(void **state)
{
	struct desk *d = *state;
	line_id big;

	history_close(&d->h);
	d->h.fd = open("/dev/full", O_WRONLY | O_APPEND | O_CLOEXEC);
	assert_true(d->h.fd >= 0);
	big = rings(d, "Mr Big", "sip:+441632960999@office", NULL, 12);
	board_on_closed(&d->b, big, 0, "Connection reset by peer");
	assert_non_null(strstr(d->b.status, "The history did not keep that "
			       "call: No space left on device"));
	assert_true(d->b.status_error);
	assert_int_equal(d->b.nlines, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			a_call_record_says_what_the_waiting_room_knew,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_record_says_who_got_the_caller, setup, teardown),
		cmocka_unit_test_setup_teardown(
			counting_skips_yesterday_and_a_torn_line,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_stats_sentence_from_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_figures_survive_a_restart, setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_console_killed_as_calls_end_loses_no_record,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_full_disk_is_said_at_once, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
