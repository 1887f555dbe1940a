/*
 * test_history_book.c — the history read back for the view: newest
 * first, a torn or bad line skipped with a warning, old records pruned
 * on a fake clock, missed callers owed a call until called back or
 * dismissed (and still handled after a restart), find over any field.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/board.h"
#include "core/callback.h"
#include "core/history_book.h"
#include "fake_phone.h"

#define NOW 1800000000LL      /* the fake wall clock */
#define DAY 86400LL

static int64_t wall_now = NOW;

static int64_t fake_wall(void)
{
	return wall_now;
}

struct desk {
	struct board b;
	struct fake_phone phone;
	char path[64];
};

static int setup(void **state)
{
	static struct desk d;
	int fd;

	memset(&d, 0, sizeof(d));
	wall_now = NOW;
	fake_phone_setup(&d.phone, &d.b);
	fake_keys_install(&d.b);
	snprintf(d.path, sizeof(d.path), "/tmp/cb-book-XXXXXX");
	fd = mkstemp(d.path);
	assert_true(fd >= 0);
	close(fd);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	unlink(d->path);
	fake_phone_close(&d->phone);
	return 0;
}

static void file_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static size_t file_lines(const char *path)
{
	FILE *fp = fopen(path, "r");
	size_t n = 0;
	int c;

	assert_non_null(fp);
	while ((c = getc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

static char *call_line(char *buf, size_t sz, int64_t at, const char *dir,
		       const char *number, const char *name,
		       const char *outcome)
{
	snprintf(buf, sz, "{\"at\":%lld,\"record\":\"call\",\"dir\":\"%s\","
		 "\"name\":\"%s\",\"number\":\"%s\",\"answered\":%s,"
		 "\"talked_s\":30,\"waited_s\":41,\"rang_s\":12,"
		 "\"company\":\"ACME Legal\",\"outcome\":\"%s\","
		 "\"uri\":\"sip:%s@office.example\",\"to\":\"Bob\"}\n",
		 (long long)at, dir, name, number,
		 strcmp(outcome, "answered") ? "false" : "true", outcome,
		 number);
	return buf;
}

/* Three calls, a bad line between them, a torn last line. */
static void three_calls(const char *path)
{
	char a[512], b[512], c[512], all[2048];

	snprintf(all, sizeof(all), "%s%s%s%s%s",
		 call_line(a, sizeof(a), NOW - 300, "in", "+3315551234",
			   "Robert Smith", "abandoned"),
		 "not json at all\n",
		 call_line(b, sizeof(b), NOW - 200, "in", "+3315559876",
			   "Beta Ltd", "answered"),
		 call_line(c, sizeof(c), NOW - 100, "out", "201", "",
			   "answered"),
		 "{\"at\":1800000050,\"record\":\"call\",\"numb");
	file_write(path, all);
}

static void the_book_reads_newest_first_and_skips_bad_lines(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	const struct board_log_line *ll;

	three_calls(d->path);
	assert_int_equal(history_book_load(&book, d->path, 0, &d->b), 0);
	assert_int_equal(book.n, 3);
	assert_string_equal(book.recs[0].number, "201");
	assert_false(book.recs[0].inbound);
	assert_string_equal(book.recs[1].number, "+3315559876");
	assert_string_equal(book.recs[2].number, "+3315551234");
	assert_string_equal(book.recs[2].uri, "sip:+3315551234@office.example");
	assert_string_equal(book.recs[2].company, "ACME Legal");
	assert_string_equal(book.recs[2].to, "Bob");
	assert_int_equal(book.recs[2].waited_s, 41);
	assert_true(history_record_missed(&book.recs[2]));
	assert_false(history_record_missed(&book.recs[1]));
	/* the bad line and the torn last one */
	assert_int_equal(book.bad, 2);
	assert_int_equal(book.first_bad_line, 2);
	ll = board_log_at(&d->b, d->b.log_count - 1);
	assert_non_null(ll);
	assert_int_equal(ll->level, 1);
	assert_non_null(strstr(ll->text, ":2: an unreadable record skipped"));
	assert_non_null(strstr(ll->text, "and 1 more"));
	history_book_free(&book);
	assert_int_equal(history_book_load(&book, "/nonexistent/cb/h", 0,
					   &d->b), ENOENT);
}

static void a_torn_line_is_sealed_so_the_next_record_is_whole(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	char a[512];
	FILE *fp;

	three_calls(d->path);
	assert_int_equal(history_seal(d->path), 0);
	fp = fopen(d->path, "a");
	fputs(call_line(a, sizeof(a), NOW - 10, "in", "999", "", "missed"),
	      fp);
	fclose(fp);
	assert_int_equal(history_book_load(&book, d->path, 0, NULL), 0);
	assert_int_equal(book.n, 4);
	assert_string_equal(book.recs[0].number, "999");
	history_book_free(&book);
}

static void the_outcome_in_words(void **state)
{
	struct history_record r = { .inbound = true, .rang_s = 12,
				    .waited_s = 41, .to = "" };
	char out[128];

	r.outcome = "missed";
	history_outcome_text(&r, out, sizeof(out));
	assert_string_equal(out, "missed: rang 0:12 unanswered");
	r.outcome = "abandoned";
	history_outcome_text(&r, out, sizeof(out));
	assert_string_equal(out, "abandoned after 0:41");
	r.outcome = "transferred";
	r.to = "Bob Stone";
	history_outcome_text(&r, out, sizeof(out));
	assert_string_equal(out, "transferred to Bob Stone");
	r.outcome = "voicemail";
	history_outcome_text(&r, out, sizeof(out));
	assert_string_equal(out, "voicemail of Bob Stone");
	r.outcome = "picked up";
	history_outcome_text(&r, out, sizeof(out));
	assert_string_equal(out, "parked - picked up by Bob Stone");
}

static void pruning_keeps_the_last_days(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	char a[512], b[512], c[512], e[512], all[4096];

	snprintf(all, sizeof(all), "%s%s%s%s",
		 call_line(a, sizeof(a), NOW - 100 * DAY, "in", "1", "", "missed"),
		 call_line(b, sizeof(b), NOW - 91 * DAY, "in", "2", "", "missed"),
		 call_line(c, sizeof(c), NOW - 89 * DAY, "in", "3", "", "missed"),
		 call_line(e, sizeof(e), NOW, "in", "4", "", "answered"));
	file_write(d->path, all);
	assert_int_equal(history_prune(d->path, 0, NOW), 0);   /* keep all */
	assert_int_equal(file_lines(d->path), 4);
	assert_int_equal(history_prune(d->path, 90, NOW), 2);
	assert_int_equal(file_lines(d->path), 2);
	/* nothing old left: the file is not written again */
	assert_int_equal(history_prune(d->path, 90, NOW), 0);
	assert_int_equal(history_book_load(&book, d->path, 0, NULL), 0);
	assert_int_equal(book.n, 2);
	assert_string_equal(book.recs[1].number, "3");
	history_book_free(&book);
	/* a day later, the 89-day-old call is past 90 days */
	assert_int_equal(history_prune(d->path, 90, NOW + 2 * DAY), 1);
	assert_int_equal(file_lines(d->path), 1);
}

static void find_matches_any_field_and_narrows(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	size_t hits[8], n;

	three_calls(d->path);
	assert_int_equal(history_book_load(&book, d->path, 0, NULL), 0);
	n = history_book_find(&book, "", NULL, 0, hits);
	assert_int_equal(n, 3);
	n = history_book_find(&book, "ROB", NULL, 0, hits);   /* the name */
	assert_int_equal(n, 1);
	assert_string_equal(book.recs[hits[0]].name, "Robert Smith");
	n = history_book_find(&book, "acme", NULL, 0, hits);  /* company */
	assert_int_equal(n, 3);
	n = history_book_find(&book, "acme", NULL, 0, hits);
	n = history_book_find(&book, "9876", hits, n, hits);  /* narrowing */
	assert_int_equal(n, 1);
	assert_string_equal(book.recs[hits[0]].number, "+3315559876");
	n = history_book_find(&book, "abandoned", NULL, 0, hits); /* outcome */
	assert_int_equal(n, 1);
	n = history_book_find(&book, "nobody", NULL, 0, hits);
	assert_int_equal(n, 0);
	history_book_free(&book);
}

/* "3 missed" until called back or dismissed, across restarts. */
static void missed_callers_are_owed_until_handled(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	struct history_record acme;
	char a[512], b[512], c[512], all[2048];
	line_id id;

	snprintf(all, sizeof(all), "%s%s%s",
		 call_line(a, sizeof(a), NOW - 10 * DAY, "in", "777", "",
			   "missed"),     /* older than a week: not counted */
		 call_line(b, sizeof(b), NOW - 300, "in", "+3315551234",
			   "ACME", "abandoned"),
		 call_line(c, sizeof(c), NOW - 200, "in", "+3315559876",
			   "Beta", "missed"));
	file_write(d->path, all);
	assert_int_equal(board_history_open(&d->b, d->path, 90, fake_wall), 0);
	assert_int_equal(board_missed_count(&d->b), 2);

	/* a caller rings now and gives up: owed too */
	id = board_on_offered(&d->b, "Gamma", "sip:555@office.example");
	board_on_closed(&d->b, id, 487, "gone");
	assert_int_equal(board_missed_count(&d->b), 3);

	assert_int_equal(history_book_load(&book, d->path, 0, NULL), 0);
	acme = book.recs[1];
	assert_string_equal(acme.number, "+3315551234");
	/* no registrar: the callback dials the caller's own URI */
	assert_int_equal(board_callback(&d->b, &acme), 0);
	assert_string_equal(d->phone.ops[d->phone.nops - 1].what, "dial");
	assert_string_equal(d->phone.ops[d->phone.nops - 1].uri,
			    "sip:+3315551234@office.example");
	assert_int_equal(board_missed_count(&d->b), 2);
	assert_int_equal(board_dismiss(&d->b, &book.recs[0]), 0);  /* Beta */
	assert_int_equal(board_missed_count(&d->b), 1);
	history_book_free(&book);

	/* the marks survive: read back, both are handled */
	assert_int_equal(history_book_load(&book, d->path, 0, NULL), 0);
	assert_true(book.recs[1].handled);
	assert_string_equal(book.recs[1].how, "called back");
	assert_true(book.recs[0].handled);
	assert_string_equal(book.recs[0].how, "dismissed");
	assert_false(book.recs[2].handled);
	history_book_free(&book);

	/* redial dials what was dialled last: the callback */
	assert_int_equal(board_redial(&d->b), 0);
	assert_string_equal(d->phone.ops[d->phone.nops - 1].uri,
			    "sip:+3315551234@office.example");
}

static void through_the_pbx_when_registered(void **state)
{
	struct desk *d = *state;
	struct history_record r = {
		.inbound = true, .how = "", .name = "", .company = "",
		.to = "", .number = "+3315551234",
		.uri = "sip:+3315551234@10.0.0.9:5062",
	};

	r.outcome = "missed";
	snprintf(d->b.default_domain, sizeof(d->b.default_domain),
		 "pbx.example");
	d->b.reg = REG_OK;
	assert_int_equal(board_history_open(&d->b, d->path, 90, fake_wall), 0);
	assert_int_equal(board_callback(&d->b, &r), 0);
	assert_string_equal(d->phone.ops[d->phone.nops - 1].uri,
			    "sip:+3315551234@pbx.example");
}

/* The newest rows are there before the rest is parsed; the rest comes
 * in slices, and a find covers what is parsed so far. */
static void the_newest_rows_come_first_the_rest_in_slices(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	char line[512];
	size_t hits[64], n, slices = 0;
	FILE *fp = fopen(d->path, "w");
	int i;

	assert_non_null(fp);
	for (i = 0; i < 50; i++)
		fputs(call_line(line, sizeof(line), NOW - 1000 + i, "in",
				i % 2 ? "111" : "222",
				i == 3 ? "Zoë Müller" : "Someone",
				"answered"),
		      fp);
	fclose(fp);
	assert_int_equal(history_book_open(&book, d->path, 0, 5, &d->b), 0);
	assert_int_equal(book.n, 5);
	assert_false(history_book_complete(&book));
	assert_true(history_book_percent(&book) < 20);
	assert_int_equal(book.recs[0].at, NOW - 1000 + 49);
	assert_int_equal(book.recs[4].at, NOW - 1000 + 45);
	/* Zoë is the fourth call of the file: not parsed yet */
	assert_int_equal(history_book_find(&book, "zoe", NULL, 0, hits), 0);
	n = history_book_find(&book, "222", NULL, 0, hits);
	while (history_book_more(&book, 10)) {
		slices++;
		assert_true(book.n < 50);
	}
	assert_true(slices >= 3);
	assert_true(history_book_complete(&book));
	assert_int_equal(history_book_percent(&book), 100);
	assert_int_equal(book.n, 50);
	assert_int_equal(book.recs[49].at, NOW - 1000);
	/* hits found over the first rows, then over the rest */
	n += history_book_find_from(&book, "222", 5, hits + n);
	assert_int_equal(n, 25);
	/* any case, any accent: "zoe" and "MULLER" find "Zoë Müller" */
	assert_int_equal(history_book_find(&book, "zoe", NULL, 0, hits), 1);
	assert_string_equal(book.recs[hits[0]].name, "Zoë Müller");
	assert_int_equal(history_book_find(&book, "MULLER", NULL, 0, hits), 1);
	assert_int_equal(history_book_find(&book, "ZOË", NULL, 0, hits), 1);
	history_book_free(&book);
}

/* Read newest first, a "handled" mark comes before the call it names,
 * even when that call is parsed in a later slice. */
static void a_mark_read_before_its_call_marks_it(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	char line[512];
	FILE *fp = fopen(d->path, "w");
	int i;

	assert_non_null(fp);
	fputs(call_line(line, sizeof(line), NOW - 500, "in", "555", "Gone",
			"missed"), fp);
	for (i = 0; i < 20; i++)
		fputs(call_line(line, sizeof(line), NOW - 400 + i, "in",
				"111", "", "answered"), fp);
	fclose(fp);
	assert_int_equal(history_mark_handled(d->path, NOW - 10, NOW - 500,
					      "555", "dismissed"), 0);
	assert_int_equal(history_book_open(&book, d->path, 0, 2, NULL), 0);
	assert_int_equal(book.n, 2);
	while (history_book_more(&book, 3))
		;
	assert_int_equal(book.n, 21);
	assert_string_equal(book.recs[20].number, "555");
	assert_true(book.recs[20].handled);
	assert_string_equal(book.recs[20].how, "dismissed");
	assert_false(book.recs[19].handled);
	assert_string_equal(book.recs[19].how, "");
	history_book_free(&book);
}

/* A torn line is said once: reading the same lines again says nothing. */
static void a_torn_line_is_said_once(void **state)
{
	struct desk *d = *state;
	struct history_book book;
	size_t logged;

	three_calls(d->path);
	assert_int_equal(history_book_load(&book, d->path, NOW - DAY,
					   &d->b), 0);
	history_book_free(&book);
	logged = d->b.log_count;
	assert_non_null(strstr(board_log_at(&d->b, logged - 1)->text,
			       "an unreadable record skipped"));
	assert_int_equal(history_book_load(&book, d->path, 0, &d->b), 0);
	assert_int_equal(book.bad, 2);
	history_book_free(&book);
	assert_int_equal(d->b.log_count, logged);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			the_book_reads_newest_first_and_skips_bad_lines,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_torn_line_is_sealed_so_the_next_record_is_whole,
			setup, teardown),
		cmocka_unit_test(the_outcome_in_words),
		cmocka_unit_test_setup_teardown(pruning_keeps_the_last_days,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			find_matches_any_field_and_narrows, setup, teardown),
		cmocka_unit_test_setup_teardown(
			missed_callers_are_owed_until_handled, setup, teardown),
		cmocka_unit_test_setup_teardown(
			through_the_pbx_when_registered, setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_newest_rows_come_first_the_rest_in_slices, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_mark_read_before_its_call_marks_it, setup, teardown),
		cmocka_unit_test_setup_teardown(a_torn_line_is_said_once,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
