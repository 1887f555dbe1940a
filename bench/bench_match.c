/*
 * bench_match.c — type-to-find over a 5,000-contact directory, each
 * with 3 numbers (extension, mobile, home), aliases, company and note,
 * as the console finds (core/contact_find.c): the words folded once for
 * the directory (timed), then the time per keystroke of a search from
 * scratch for each query (the first key, or one after a rub-out), and
 * of names typed key by key (each key narrows the last search). Prints
 * figures; never passes or fails.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/contact_find.h"
#include "core/extension.h"

#define ENTRIES 5000
#define ROUNDS 200

static const char *const first[] = {
	"Alice", "Bob", "Zoë", "Łukasz", "Carol", "Dan", "Émile", "Frank",
	"Grace", "Hannah", "Iñigo", "José", "Kai", "Lena", "Müller", "Noor",
};
static const char *const last[] = {
	"Martin", "Stone", "Diaz", "Okafor", "Schmidt", "Ångström", "Nowak",
	"Rossi", "García", "Dubois", "Jensen", "Kowalski", "Smith", "Ito",
};
static const char *const dept[] = {
	"Sales", "Support", "Accounts", "Management", "Ventes", "Dział",
};

static const char *const company[] = {
	"Acme", "Globex", "Initech", "Umbrella", "Société Générale",
};

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}


/* Sets one of E's texts from a format, as the config loader would. */
static void __attribute__((format(printf, 3, 4)))
ext_textf(struct extension *e, const char **field, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ext_text_set(e, field, buf);
}

/* One FIGURE line of microseconds for bench/table.py. */
static void figure_us(const char *what, const char *note,
		      const double *values, size_t n)
{
	size_t i;

	printf("FIGURE {\"figure\": \"%s\", \"unit\": \"us\", "
	       "\"note\": \"%s\", \"values\": [", what, note);
	for (i = 0; i < n; i++)
		printf("%s%.2f", i ? ", " : "", values[i]);
	printf("]}\n");
}

int main(void)
{
	static struct extension exts[ENTRIES];
	static size_t out[ENTRIES];
	const char *typed[] = { "a", "al", "ali", "zo", "zoe", "lukasz n",
				"sup", "4", "42", "4217", "glob", "+3361",
				"+33612004217", "nomatch" };
	const char *names[] = { "lukasz nowak", "zoë müller", "société",
				"+33612004217", "grace smith" };
	double per_key[sizeof(typed) / sizeof(typed[0])];
	double per_name[sizeof(names) / sizeof(names[0])];
	char what[128], note[160];
	double t0, t1, built;
	struct contact_find *f = NULL;
	char number[32];
	size_t i, t;
	int r;

	for (i = 0; i < ENTRIES; i++) {
		ext_textf(&exts[i], &exts[i].number, "%zu",
			 1000 + i);
		ext_textf(&exts[i], &exts[i].name, "%s %s",
			 first[i % 16], last[(i / 16) % 14]);
		ext_textf(&exts[i], &exts[i].department, "%s",
			 dept[i % 6]);
		ext_textf(&exts[i], &exts[i].uri, "sip:%zu@pbx",
			 1000 + i);
		ext_textf(&exts[i], &exts[i].aliases, "%.3s",
			 first[(i + 3) % 16]);
		ext_textf(&exts[i], &exts[i].company, "%s",
			 company[i % 5]);
		ext_textf(&exts[i], &exts[i].comment, "prefers e-mail, floor %zu", i % 7);
		snprintf(number, sizeof(number), "+336120%05zu", i);
		ext_number_add(&exts[i], "mobile", number);
		snprintf(number, sizeof(number), "+331450%05zu", i);
		ext_number_add(&exts[i], "home", number);
	}
	t0 = now_us();
	for (r = 0; r < ROUNDS; r++) {
		f = contact_find_new(exts, ENTRIES);
		if (!f)
			return 1;
		if (r + 1 < ROUNDS)
			contact_find_free(f);
	}
	built = (now_us() - t0) / ROUNDS;
	printf("words folded for %d entries: %.1f us\n", ENTRIES, built);
	printf("type-to-find over %d entries, %d rounds each, each a search "
	       "from scratch:\n", ENTRIES, ROUNDS);
	for (t = 0; t < sizeof(typed) / sizeof(typed[0]); t++) {
		size_t hits = 0;

		t0 = now_us();
		for (r = 0; r < ROUNDS; r++) {
			contact_find_forget(f);
			hits = contact_find_matches(f, typed[t], NULL, out,
						    ENTRIES);
		}
		t1 = now_us();
		per_key[t] = (t1 - t0) / ROUNDS;
		printf("  %-10s %5zu matches  %8.1f us per keystroke\n",
		       typed[t], hits, per_key[t]);
	}
	printf("names typed key by key, %d rounds each:\n", ROUNDS);
	for (t = 0; t < sizeof(names) / sizeof(names[0]); t++) {
		size_t len = strlen(names[t]), keys = 0, k;
		char text[64];

		t0 = now_us();
		for (r = 0; r < ROUNDS; r++) {
			contact_find_forget(f);
			for (k = 1, keys = 0; k <= len; k++) {
				/* a key types a whole character */
				if (((unsigned char)names[t][k] & 0xc0) ==
				    0x80)
					continue;
				snprintf(text, sizeof(text), "%.*s", (int)k,
					 names[t]);
				contact_find_matches(f, text, NULL, out,
						     64);
				keys++;
			}
		}
		t1 = now_us();
		per_name[t] = (t1 - t0) / ROUNDS / (double)keys;
		printf("  %-14s %2zu keys  %8.1f us per keystroke\n",
		       names[t], keys, per_name[t]);
	}
	contact_find_free(f);
	/* lines for the table of scripts/bench (bench/table.py) */
	snprintf(what, sizeof(what), "type-to-find keystroke, %d contacts "
		 "x 3 numbers", ENTRIES);
	snprintf(note, sizeof(note), "one value per query typed, each the "
		 "mean of %d rounds of a search from scratch", ROUNDS);
	figure_us(what, note, per_key, sizeof(typed) / sizeof(typed[0]));
	snprintf(what, sizeof(what), "type-to-find keystroke, a name typed "
		 "key by key, %d contacts", ENTRIES);
	snprintf(note, sizeof(note), "one value per name, the mean of its "
		 "keys over %d rounds; each key narrows the last search",
		 ROUNDS);
	figure_us(what, note, per_name, sizeof(names) / sizeof(names[0]));
	printf("FIGURE {\"figure\": \"type-to-find: words folded for %d "
	       "contacts (once per directory)\", \"unit\": \"ms\", "
	       "\"note\": \"the mean of %d; made after the first screen "
	       "and at a reload\", \"values\": [%.3f]}\n",
	       ENTRIES, ROUNDS, built / 1000);
	return 0;
}
