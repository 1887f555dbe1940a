/*
 * bench_history.c — the history view over 100,000 records: how long the
 * book takes to open (read and parse the whole file), how long the
 * start-up tail read takes (today's records only), and find per
 * keystroke as the operator types (each key narrows the last one's
 * hits). Prints figures; never passes or fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/history_book.h"

#define RECORDS 100000
#define ROUNDS 5

static const char *const names[] = {
	"ACME Corp", "Beta Ltd", "Zoë Martin", "Łukasz Nowak", "García SA",
	"Dubois et Fils", "Jensen ApS", "Okafor & Co",
};
static const char *const outcomes[] = {
	"answered", "missed", "abandoned", "transferred", "voicemail",
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* A year of calls ending now, one every ~5 minutes, oldest first. */
static void history_make(const char *path, long long now)
{
	FILE *fp = fopen(path, "w");
	long long at;
	int i;

	if (!fp) {
		perror(path);
		exit(1);
	}
	for (i = 0; i < RECORDS; i++) {
		at = now - (long long)(RECORDS - i) * 300;
		fprintf(fp, "{\"at\":%lld,\"record\":\"call\",\"dir\":\"%s\","
			"\"name\":\"%s\",\"number\":\"+33155%05d\","
			"\"answered\":%s,\"talked_s\":%d,\"status\":0,"
			"\"transferred\":false,\"waited_s\":%d,"
			"\"company\":\"ACME Legal\",\"dialled\":\"5551000\","
			"\"vip\":false,\"reminders\":0,\"rang_s\":%d,"
			"\"outcome\":\"%s\",\"uri\":\"sip:+33155%05d@office"
			".example\",\"to\":\"Bob Stone\"}\n", at,
			i % 4 ? "in" : "out", names[i % 8], i % 99991,
			i % 5 ? "true" : "false", i % 600, i % 90, i % 30,
			outcomes[i % 5], i % 99991);
	}
	fclose(fp);
}

int main(void)
{
	const char *typed[] = { "a", "ac", "acm", "acme", "+331", "+33155",
				"+3315512", "bob", "missed", "nomatch" };
	size_t nt = sizeof(typed) / sizeof(typed[0]);
	double open_us[ROUNDS], tail_us[ROUNDS], per_key[16];
	char path[] = "/tmp/cb-bench-history-XXXXXX";
	long long now = (long long)time(NULL);
	struct history_book book;
	size_t *hits, n = 0, t;
	int fd, r;

	fd = mkstemp(path);
	if (fd < 0)
		return 1;
	close(fd);
	history_make(path, now);
	for (r = 0; r < ROUNDS; r++) {
		double t0 = now_us();

		history_book_load(&book, path, 0, NULL);
		open_us[r] = now_us() - t0;
		if (r < ROUNDS - 1)
			history_book_free(&book);
	}
	for (r = 0; r < ROUNDS; r++) {
		struct history_book tail;
		double t0 = now_us();

		history_book_load(&tail, path, now - 86400, NULL);
		tail_us[r] = now_us() - t0;
		history_book_free(&tail);
	}
	hits = malloc(book.n * sizeof(*hits));
	if (!hits)
		return 1;
	printf("history of %zu records:\n", book.n);
	for (t = 0; t < nt; t++) {
		/* a new word starts over, a longer one narrows */
		bool narrow = t && !strncmp(typed[t], typed[t - 1],
					    strlen(typed[t - 1]));
		double t0 = now_us();

		n = history_book_find(&book, typed[t], narrow ? hits : NULL,
				      n, hits);
		per_key[t] = now_us() - t0;
		printf("  %-10s %6zu found  %9.1f us\n", typed[t], n,
		       per_key[t]);
	}
	printf("FIGURE {\"figure\": \"history view opens, %d records\", "
	       "\"unit\": \"ms\", \"note\": \"target < 50 ms\", \"values\": [",
	       RECORDS);
	for (r = 0; r < ROUNDS; r++)
		printf("%s%.2f", r ? ", " : "", open_us[r] / 1000);
	printf("]}\n");
	printf("FIGURE {\"figure\": \"start-up tail read (today), %d records\","
	       " \"unit\": \"ms\", \"note\": \"does not grow with the file\", "
	       "\"values\": [", RECORDS);
	for (r = 0; r < ROUNDS; r++)
		printf("%s%.2f", r ? ", " : "", tail_us[r] / 1000);
	printf("]}\n");
	printf("FIGURE {\"figure\": \"history find keystroke, %d records\", "
	       "\"unit\": \"ms\", \"note\": \"target < 2 ms; one value per "
	       "key typed\", \"values\": [", RECORDS);
	for (t = 0; t < nt; t++)
		printf("%s%.3f", t ? ", " : "", per_key[t] / 1000);
	printf("]}\n");
	free(hits);
	history_book_free(&book);
	unlink(path);
	return 0;
}
