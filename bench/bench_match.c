/*
 * bench_match.c — type-to-find over a 5,000-contact directory, each
 * with 3 numbers (extension, mobile, home), aliases, company and note:
 * time per keystroke (one target_matches call per prefix typed, every
 * field compared). Prints figures; never passes or fails.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/extension.h"
#include "core/target.h"

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

int main(void)
{
	static struct extension exts[ENTRIES];
	static size_t out[ENTRIES];
	const char *typed[] = { "a", "al", "ali", "zo", "zoe", "lukasz n",
				"sup", "4", "42", "4217", "glob", "+3361",
				"+33612004217", "nomatch" };
	double per_key[sizeof(typed) / sizeof(typed[0])];
	char number[32];
	size_t i, t;

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
	printf("type-to-find over %d entries, %d rounds each:\n", ENTRIES,
	       ROUNDS);
	for (t = 0; t < sizeof(typed) / sizeof(typed[0]); t++) {
		size_t hits = 0;
		double t0 = now_us(), t1;
		int r;

		for (r = 0; r < ROUNDS; r++)
			hits = target_matches(typed[t], exts, ENTRIES, out,
					      ENTRIES);
		t1 = now_us();
		per_key[t] = (t1 - t0) / ROUNDS;
		printf("  %-10s %5zu matches  %8.1f us per keystroke\n",
		       typed[t], hits, per_key[t]);
	}
	/* one line for the table of scripts/bench (bench/table.py) */
	printf("FIGURE {\"figure\": \"type-to-find keystroke, %d "
	       "contacts x 3 numbers\", "
	       "\"unit\": \"us\", \"note\": \"one value per query typed, "
	       "each the mean of %d rounds\", \"values\": [", ENTRIES, ROUNDS);
	for (t = 0; t < sizeof(typed) / sizeof(typed[0]); t++)
		printf("%s%.2f", t ? ", " : "", per_key[t]);
	printf("]}\n");
	return 0;
}
