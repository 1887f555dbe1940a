/*
 * test_contact_find.c — type-to-find with the directory's words folded
 * once finds what the field-by-field find (target.c) finds, key by key,
 * in the operator's order, and every prefix of a folded word; the
 * console's finder follows a new directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/contact_find.h"
#include "core/directory_swap.h"
#include "core/target.h"
#include "fake_phone.h"
#include "input/console.h"

#define ENTRIES 400

static struct extension exts[ENTRIES];
static size_t reversed[ENTRIES];

static const char *const first[] = {
	"Alice", "Bob", "Zoë", "Łukasz", "Carol", "Dan", "Émile", "Frank",
	"Æsa", "O'Brien", "Iñigo", "José", "Kai-Li", "Lena", "Müller", "Noor",
};
static const char *const last[] = {
	"Martin", "Straße", "Díaz", "Okafor", "Schmidt", "Ångström", "Nowak",
	"Rossi", "García", "Dubois", "Ĳssel", "Kowalski", "Smith", "Ito",
};
static const char *const dept[] = {
	"Sales", "Support", "Accounts", "Management", "Ventes", "Dział",
	"R&D", "",
};

/* FIELD of E set as printf would write it. */
static void text_setf(struct extension *e, const char **field,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void text_setf(struct extension *e, const char **field,
		      const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	assert_int_equal(ext_text_set(e, field, text), 0);
}

/* N extensions empty again, their texts released. */
static void exts_empty(struct extension *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ext_release(&v[i]);
		ext_init(&v[i]);
	}
}

/* A directory of people, suppliers and groups with accents, expanded
 * letters (ß, Æ, Ĳ), punctuation inside words and duplicate numbers. */
static void directory_fill(void)
{
	size_t i;

	exts_empty(exts, ENTRIES);
	for (i = 0; i < ENTRIES; i++) {
		struct extension *e = &exts[i];
		char mobile[32];

		if (i % 50 == 7)
			text_setf(e, &e->number, "%s",
				 i % 100 == 7 ? "Sales" : "sales2");
		else
			text_setf(e, &e->number, "%zu",
				 i % 97 == 3 ? (size_t)1042 : 1000 + i);
		text_setf(e, &e->name, "%s %s", first[i % 16],
			 last[(i / 16) % 14]);
		text_setf(e, &e->department, "%s",
			 dept[i % 8]);
		text_setf(e, &e->aliases, "%.3s, %s",
			 first[(i + 3) % 16], i % 3 ? "Bobby" : "Straßen");
		text_setf(e, &e->company, "%s",
			 i % 5 ? "Société Générale" : "ACME-Corp");
		text_setf(e, &e->comment, "floor %zu, ask for "
			 "Ærø", i % 7);
		snprintf(mobile, sizeof(mobile), "+336120%05zu", i);
		if (i % 4)
			ext_number_add(e, "mobile", mobile);
		reversed[i] = ENTRIES - 1 - i;
	}
}

/* F finds for TEXT what target_matches_ordered finds: the same count,
 * and the same first MAX indices in the same order. */
static void finds_the_same(struct contact_find *f, const char *text,
			   const size_t *order, size_t max)
{
	static size_t want[ENTRIES], got[ENTRIES];
	size_t nwant, ngot;

	nwant = target_matches_ordered(text, exts, ENTRIES, order, want, max);
	ngot = contact_find_matches(f, text, order, got, max);
	if (nwant != ngot)
		fail_msg("'%s': %zu matches, the fields say %zu", text, ngot,
			 nwant);
	if (memcmp(want, got, (nwant < max ? nwant : max) * sizeof(*want)))
		fail_msg("'%s': other matches or order", text);
}

static const char *const queries[] = {
	"a", "al", "ali", "zo", "zoe", "ZOË", "lukasz n", "łukasz", "sup",
	"1", "10", "104", "1042", "+336", "+33612000012", "stras", "strass",
	"straße", "strassen", "a", "ae", "aes", "aer", "aero", "o'b", "ob",
	"brien", "kai-l", "li", "ij", "ijs", "r&d", "d", "sales", "Sales",
	"sal", "acme-c", "corp", "generale", "gén", "floor 3", "floor 3,",
	"ask for ae", "  bob  ", "bobby", "", "   ", "nomatch", "é", "e",
};

/* Every query alone, in the list's and in another order, with room for
 * all and for 3 (an exact number still first). */
static void every_query_finds_what_the_fields_find(void **state)
{
	struct contact_find *f;
	size_t i;

	(void)state;
	directory_fill();
	f = contact_find_new(exts, ENTRIES);
	assert_non_null(f);
	assert_true(contact_find_for(f, exts, ENTRIES));
	assert_false(contact_find_for(f, exts, ENTRIES - 1));
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		contact_find_forget(f);
		finds_the_same(f, queries[i], NULL, ENTRIES);
		contact_find_forget(f);
		finds_the_same(f, queries[i], reversed, ENTRIES);
		finds_the_same(f, queries[i], reversed, 3);
		finds_the_same(f, queries[i], NULL, 3);
	}
	contact_find_free(f);
}

/* Typed key by key (each key narrows the last search), then rubbed out
 * and typed again: every step finds what a search from scratch finds. */
static void typing_and_rubbing_out_finds_the_same(void **state)
{
	static const char *const typed[] = {
		"lukasz nowak", "zoë straße", "straßen", "+33612000399",
		"société générale", "ærø", "1042", "ask for ærø",
	};
	struct contact_find *f;
	char text[64];
	size_t i, k, len;

	(void)state;
	directory_fill();
	f = contact_find_new(exts, ENTRIES);
	assert_non_null(f);
	for (i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		len = strlen(typed[i]);
		for (k = 1; k <= len; k++) {
			/* a key types a whole character */
			if (((unsigned char)typed[i][k] & 0xc0) == 0x80)
				continue;
			snprintf(text, sizeof(text), "%.*s", (int)k, typed[i]);
			finds_the_same(f, text, i % 2 ? reversed : NULL, 64);
		}
		for (k = len; k > 0; k--) {
			snprintf(text, sizeof(text), "%.*s", (int)k, typed[i]);
			finds_the_same(f, text, NULL, ENTRIES);
		}
	}
	contact_find_free(f);
}

/* A letter folded to two ("ß" to "ss", "Æ" to "ae") is found at each
 * key, the first of the two included: "stras" finds Straße. */
static void each_key_of_a_folded_letter_finds_it(void **state)
{
	static const char *const typed[] = {
		"s", "st", "str", "stra", "stras", "strass", "strasse",
	};
	struct extension one[2];
	struct target_hit hit;
	struct contact_find *f;
	size_t out[2], i;

	(void)state;
	ext_init(&one[0]);
	ext_init(&one[1]);
	text_setf(&one[0], &one[0].number, "201");
	text_setf(&one[0], &one[0].name, "Zoë Straße");
	text_setf(&one[1], &one[1].number, "202");
	text_setf(&one[1], &one[1].name, "Æsa Ĳssel");
	f = contact_find_new(one, 2);
	assert_non_null(f);
	for (i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		contact_find_forget(f);
		assert_int_equal(contact_find_matches(f, typed[i], NULL, out,
						      2), 1);
		assert_int_equal(out[0], 0);
		assert_true(target_match(typed[i], &one[0], &hit));
		assert_int_equal(hit.field, TARGET_FIELD_NAME);
	}
	assert_int_equal(contact_find_matches(f, "a", NULL, out, 2), 1);
	assert_int_equal(out[0], 1);
	assert_int_equal(contact_find_matches(f, "i", NULL, out, 2), 1);
	assert_int_equal(contact_find_matches(f, "zoe", NULL, out, 2), 1);
	assert_int_equal(out[0], 0);
	assert_true(target_word_prefix("Æsa", "a"));
	assert_true(target_word_prefix("Ĳssel", "i"));
	contact_find_free(f);
	exts_empty(one, 2);
}

/* A reload's directory may come at the old one's address with as many
 * entries: told of it, the console finds in the new words. */
static void a_new_directory_in_the_old_place_is_found(void **state)
{
	static struct extension dir[2];
	struct fake_phone phone;
	struct console c;
	struct board b;
	size_t m[4];

	(void)state;
	exts_empty(dir, 2);
	text_setf(&dir[0], &dir[0].number, "201");
	text_setf(&dir[0], &dir[0].name, "Alice Martin");
	text_setf(&dir[1], &dir[1].number, "202");
	text_setf(&dir[1], &dir[1].name, "Bob Stone");
	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, dir, 2);
	console_init(&c, &b, NULL);
	assert_int_equal(console_extensions_matching(&c, "ali", m, 4), 1);
	assert_string_equal(b.exts[m[0]].name, "Alice Martin");
	text_setf(&dir[0], &dir[0].name, "Carol Diaz");
	text_setf(&dir[1], &dir[1].name, "Alina Weiss");
	board_directory_replace(&b, dir, 2, NULL);
	console_directory_changed(&c);
	assert_int_equal(console_extensions_matching(&c, "ali", m, 4), 1);
	assert_string_equal(b.exts[m[0]].name, "Alina Weiss");
	assert_int_equal(console_extensions_matching(&c, "car", m, 4), 1);
	assert_string_equal(b.exts[m[0]].name, "Carol Diaz");
	console_close(&c);
	fake_phone_close(&phone);
	exts_empty(dir, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_query_finds_what_the_fields_find),
		cmocka_unit_test(typing_and_rubbing_out_finds_the_same),
		cmocka_unit_test(each_key_of_a_folded_letter_finds_it),
		cmocka_unit_test(a_new_directory_in_the_old_place_is_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
