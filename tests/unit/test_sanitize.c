/*
 * test_sanitize.c — nothing hostile from the network reaches the screen.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/sanitize.h"

static char out[4096];

static const char *clean(const char *in)
{
	sanitize_text(out, sizeof(out), in, strlen(in));
	return out;
}

static void plain_text_is_kept(void **state)
{
	assert_string_equal(clean("ACME Corp"), "ACME Corp");
	assert_string_equal(clean("Zoë Ångström 東京"), "Zoë Ångström 東京");
}

static void escape_sequences_are_removed_whole(void **state)
{
	assert_string_equal(clean("a\x1b]0;x\x07" "b"), "ab");
	assert_string_equal(clean("a\x1b[2J" "b"), "ab");
	assert_string_equal(clean("a\x1b[38;5;196m" "red"), "ared");
	assert_string_equal(clean("a\x1b]8;;http://x\x1b\\link"), "alink");
	assert_string_equal(clean("a\x1b" "cb"), "ab");
	assert_string_equal(clean("trailing\x1b"), "trailing");
}

static void c1_controls_are_removed(void **state)
{
	/* as UTF-8 characters */
	assert_string_equal(clean("a\xc2\x9b" "31mb"), "ab");
	assert_string_equal(clean("a\xc2\x9d" "0;t\xc2\x9c" "b"), "ab");
	assert_string_equal(clean("a\xc2\x85" "b"), "ab");
	/* as raw bytes they are invalid UTF-8 */
	assert_string_equal(clean("a\x9b" "b"), "a\xef\xbf\xbd" "b");
}

static void c0_controls_and_del_are_removed(void **state)
{
	assert_string_equal(clean("a\x01\x02\x7f" "b\x07"), "ab");
	assert_string_equal(clean("tab\there\nnl\r"), "tab here nl ");
}

static void bidi_overrides_are_removed(void **state)
{
	assert_string_equal(clean("abc\xe2\x80\xae" "def\xe2\x81\xa6"),
			    "abcdef");
}

static void invalid_utf8_becomes_replacement_characters(void **state)
{
	assert_string_equal(clean("\xff" "a\xc3"), "\xef\xbf\xbd" "a\xef\xbf\xbd");
	/* overlong encoding of '/' and a surrogate */
	assert_string_equal(clean("\xc0\xaf"), "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(clean("\xed\xa0\x80"),
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

static void long_text_is_cut_on_a_character_boundary(void **state)
{
	char in[3000], small[8];
	size_t i, n;

	for (i = 0; i + 2 < sizeof(in); i += 2)
		memcpy(in + i, "\xc3\xa9", 2);   /* é */
	in[i] = '\0';
	n = sanitize_text(small, sizeof(small), in, strlen(in));
	assert_int_equal(n, 6);
	assert_string_equal(small, "ééé");
	n = sanitize_text(out, sizeof(out), in, strlen(in));
	assert_int_equal(n, strlen(in));
}

static void width_is_measured_in_columns(void **state)
{
	int used;

	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("東京"), 4);
	assert_int_equal(text_width("é"), 1);
	assert_int_equal(text_fit("東京abc", 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(text_fit("abc", 10, &used), 3);
	assert_int_equal(used, 3);
}

/* Rows of S wrapped at COLS, joined with '|'. */
static void wrapped(const char *s, int cols, char *rows, size_t sz)
{
	size_t o = 0, next, n;

	rows[0] = '\0';
	while (*s && o < sz) {
		n = text_wrap(s, cols, &next);
		o += (size_t)snprintf(rows + o, sz - o, "%s%.*s", o ? "|" : "",
				      (int)n, s);
		if (!next)
			break;
		s += next;
	}
}

static void wrapping_breaks_between_words(void **state)
{
	char rows[256];

	(void)state;
	wrapped("Transfer to Bob Stone failed: busy", 12, rows, sizeof(rows));
	assert_string_equal(rows, "Transfer to|Bob Stone|failed: busy");
	wrapped("ACME Corp", 40, rows, sizeof(rows));
	assert_string_equal(rows, "ACME Corp");
	/* accents and wide characters count in columns, not bytes */
	wrapped("Zo\xc3\xab M\xc3\xbcller hung up", 9, rows, sizeof(rows));
	assert_string_equal(rows, "Zo\xc3\xab|M\xc3\xbcller|hung up");
	wrapped("\xe5\xb1\xb1\xe7\x94\xb0 \xe5\xa4\xaa\xe9\x83\x8e",
		4, rows, sizeof(rows));
	assert_string_equal(rows, "\xe5\xb1\xb1\xe7\x94\xb0|"
			    "\xe5\xa4\xaa\xe9\x83\x8e");
	/* only a word wider than the row is cut */
	wrapped("Supercalifragilistic", 8, rows, sizeof(rows));
	assert_string_equal(rows, "Supercal|ifragili|stic");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_is_kept),
		cmocka_unit_test(escape_sequences_are_removed_whole),
		cmocka_unit_test(c1_controls_are_removed),
		cmocka_unit_test(c0_controls_and_del_are_removed),
		cmocka_unit_test(bidi_overrides_are_removed),
		cmocka_unit_test(invalid_utf8_becomes_replacement_characters),
		cmocka_unit_test(long_text_is_cut_on_a_character_boundary),
		cmocka_unit_test(width_is_measured_in_columns),
		cmocka_unit_test(wrapping_breaks_between_words),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}
