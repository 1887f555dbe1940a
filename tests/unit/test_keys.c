/*
 * test_keys.c — key names to codes and back.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "input/keys.h"

static void round_trip(const char *name, keycode expect)
{
	keycode k = 0;
	char back[32];

	assert_int_equal(keys_parse(name, &k), 0);
	assert_int_equal(k, expect);
	keys_name(k, back, sizeof(back));
	assert_string_equal(back, name);
}

static void names_parse_and_print_back(void **state)
{
	round_trip("a", 'a');
	round_trip("A", 'A');
	round_trip("?", '?');
	round_trip("C-x", KEYC_CTRL | 'x');
	round_trip("M-Enter", KEYC_META | KEYC_ENTER);
	round_trip("C-M-a", KEYC_CTRL | KEYC_META | 'a');
	round_trip("F1", KEYC_F1);
	round_trip("F24", KEYC_F24);
	round_trip("Space", KEYC_SPACE);
	round_trip("Esc", KEYC_ESC);
	round_trip("BTab", KEYC_BTAB);
	round_trip("PgUp", KEYC_PPAGE);
	round_trip("KP+", KEYC_KP_PLUS);
	round_trip("KPEnter", KEYC_KP_ENTER);
	round_trip("é", 0xe9);
}

/* Every special key, alone and with each modifier, and every printable
 * ASCII character: code -> name -> the same code. */
static void every_key_survives_name_and_back(void **state)
{
	static const keycode mods[] = {
		0, KEYC_CTRL, KEYC_META, KEYC_CTRL | KEYC_META,
	};
	keycode k, m, back;
	char name[32];
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		m = mods[i];
		for (k = KEYC_BASE + 1; k <= KEYC_F24; k++) {
			assert_true(keys_name(k | m, name, sizeof(name)) > 0);
			assert_int_equal(keys_parse(name, &back), 0);
			assert_int_equal(back, k | m);
		}
	}
	for (k = '!'; k <= '~'; k++) {
		assert_true(keys_name(k, name, sizeof(name)) > 0);
		assert_int_equal(keys_parse(name, &back), 0);
		assert_int_equal(back, k);
	}
}

static void ctrl_letters_are_case_blind(void **state)
{
	keycode k;

	assert_int_equal(keys_parse("C-X", &k), 0);
	assert_int_equal(k, KEYC_CTRL | 'x');
	assert_int_equal(keys_parse("enter", &k), 0);
	assert_int_equal(k, KEYC_ENTER);
}

static void bad_names_are_rejected(void **state)
{
	const char *bad[] = { "", "F0", "F25", "F01", "ab", "C-", "Nope",
			      " ", "\x1b", "M-" };
	size_t i;
	keycode k;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(keys_parse(bad[i], &k), EINVAL);
}

static void printable_characters_are_typed(void **state)
{
	assert_int_equal(keys_char('a'), 'a');
	assert_int_equal(keys_char(KEYC_SPACE), ' ');
	assert_int_equal(keys_char(KEYC_ENTER), 0);
	assert_int_equal(keys_char(KEYC_CTRL | 'a'), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_parse_and_print_back),
		cmocka_unit_test(every_key_survives_name_and_back),
		cmocka_unit_test(ctrl_letters_are_case_blind),
		cmocka_unit_test(bad_names_are_rejected),
		cmocka_unit_test(printable_characters_are_typed),
	};

	return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
