/*
 * test_theme.c — themes: element names, the built-in plain theme, every
 * shipped theme (it parses, names every element and is readable), and
 * every mistake with FILE:LINE.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expect_diag.h"

#include "build_config.h"
#include "config/theme.h"

#define DATA(name) TEST_DATA_DIR "/themes/" name

static void assert_style_equal(const struct style *a, const struct style *b)
{
	assert_int_equal(a->fg, b->fg);
	assert_int_equal(a->bg, b->bg);
	assert_int_equal(a->fg256, b->fg256);
	assert_int_equal(a->bg256, b->bg256);
	assert_int_equal(a->attrs, b->attrs);
	assert_int_equal(a->mono_attrs, b->mono_attrs);
}

static void assert_theme_is_defaults(const struct theme *t)
{
	struct theme plain;
	int i;

	theme_defaults(&plain);
	for (i = 0; i < STYLE_COUNT; i++)
		assert_style_equal(&t->styles[i], &plain.styles[i]);
}

/* Loads a bad file: every message, in order, is path + want[i]. */
static void expect_errors(const char *path, const char *const *want)
{
	struct theme t;
	struct diag d;
	diag_init(&d);
	assert_int_equal(theme_load(&t, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	assert_theme_is_defaults(&t);
	diag_free(&d);
}

static void test_element_names_are_lowercase_and_dashed(void **state)
{
	int i, j;

	(void)state;
	assert_string_equal(style_name(STYLE_NORMAL), "normal");
	assert_string_equal(style_name(STYLE_RINGING), "ringing");
	assert_string_equal(style_name(STYLE_CONSULT), "consult");
	assert_string_equal(style_name(STYLE_CONFERENCE), "conference");
	assert_string_equal(style_name(STYLE_STATUS_ERROR), "status-error");
	assert_string_equal(style_name(STYLE_LOG_ERROR), "log-error");
	assert_string_equal(style_name(STYLE_PRESENCE_AWAY), "presence-away");
	assert_string_equal(style_name(STYLE_PRESENCE_UNKNOWN),
			    "presence-unknown");
	assert_string_equal(style_name(STYLE_COUNT), "?");

	for (i = 0; i < STYLE_COUNT; i++) {
		const char *n = style_name((enum style_id)i);

		assert_non_null(n);
		assert_true(strspn(n, "abcdefghijklmnopqrstuvwxyz-") ==
			    strlen(n));
		for (j = 0; j < i; j++)
			assert_string_not_equal(n, style_name((enum style_id)j));
	}
}

static void test_builtin_theme_is_plain_but_usable_in_mono(void **state)
{
	struct theme t;
	int i;

	(void)state;
	theme_defaults(&t);
	for (i = 0; i < STYLE_COUNT; i++) {
		assert_int_equal(t.styles[i].fg, COLOUR_DEFAULT);
		assert_int_equal(t.styles[i].bg, COLOUR_DEFAULT);
		assert_int_equal(t.styles[i].fg256, COLOUR_UNSET);
		assert_int_equal(t.styles[i].bg256, COLOUR_UNSET);
		assert_int_equal(t.styles[i].attrs, 0);
	}
	assert_int_equal(t.styles[STYLE_SELECTED].mono_attrs, ATTR_REVERSE);
	assert_int_equal(t.styles[STYLE_NORMAL].mono_attrs, 0);
	assert_true(t.styles[STYLE_RECALL].mono_attrs & ATTR_REVERSE);
}

/* Every element must be spelled out in a shipped theme, so a user
 * copying it sees them all. */
static void assert_file_names_every_element(const char *path)
{
	char text[16384], want[64];
	size_t n;
	FILE *fp;
	int i;

	fp = fopen(path, "r");
	assert_non_null(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	fclose(fp);
	text[n] = '\0';
	for (i = 0; i < STYLE_COUNT; i++) {
		snprintf(want, sizeof(want), "style \"%s\"",
			 style_name((enum style_id)i));
		if (!strstr(text, want))
			fail_msg("%s has no %s", path, want);
	}
}

/* The shipped themes; a new one is added here and to the man page. */
static const char *const shipped[] = {
	"default", "light", "high-contrast", "mono",
};

static void shipped_load(struct theme *t, const char *name)
{
	char path[PATH_MAX];
	struct diag d;

	snprintf(path, sizeof(path), "%s/themes/%s.theme",
		 SOURCE_ROOT, name);
	diag_init(&d);
	if (theme_load(t, path, &d) != 0 || d.count != 0) {
		diag_print(&d);
		fail_msg("%s does not load cleanly", path);
	}
	diag_free(&d);
	assert_string_equal(t->name, name);
	assert_file_names_every_element(path);
}

static void test_every_shipped_theme_parses(void **state)
{
	struct theme t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++)
		shipped_load(&t, shipped[i]);
}

/* The xterm palette as sRGB, for the contrast checks below. */
static void xterm_rgb(int c, double rgb[3])
{
	static const int base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
		{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 },
		{ 229, 229, 229 }, { 127, 127, 127 }, { 255, 0, 0 },
		{ 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 },
		{ 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	int i;

	for (i = 0; i < 3; i++) {
		if (c < 16)
			rgb[i] = base[c][i];
		else if (c < 232)
			rgb[i] = level[(c - 16) / (i == 0 ? 36 : i == 1 ? 6 : 1)
				       % 6];
		else
			rgb[i] = 8 + 10 * (c - 232);
	}
}

/* WCAG relative luminance and contrast ratio (1 to 21). */
static double luminance(int c)
{
	static const double weight[3] = { 0.2126, 0.7152, 0.0722 };
	double rgb[3], l = 0;
	int i;

	xterm_rgb(c, rgb);
	for (i = 0; i < 3; i++) {
		double v = rgb[i] / 255.0;

		v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
		l += weight[i] * v;
	}
	return l;
}

static double contrast(int a, int b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* Every element stays readable on 256 colours and on 8 (xterm's
 * palette): contrast at least 3:1, 4.5:1 for dim text, which the
 * terminal fades further; the terminal's own colours taken as light grey
 * on black. The border's lines are not text: only on 256 colours. */
static void assert_readable(const struct theme *t)
{
	int i;

	for (i = 0; i < STYLE_COUNT; i++) {
		const struct style *s = &t->styles[i];
		int fg = s->fg256 != COLOUR_UNSET ? s->fg256 : s->fg;
		int bg = s->bg256 != COLOUR_UNSET ? s->bg256 : s->bg;
		int fg8 = s->fg == COLOUR_DEFAULT ? 7 : s->fg;
		int bg8 = s->bg == COLOUR_DEFAULT ? 0 : s->bg;
		double least = s->attrs & ATTR_DIM ? 4.5 : 3.0;

		if (fg == COLOUR_DEFAULT)
			fg = 252;
		if (bg == COLOUR_DEFAULT)
			bg = 16;
		if (contrast(fg, bg) < least)
			fail_msg("%s: %s is %d on %d, contrast %.1f", t->name,
				 style_name((enum style_id)i), fg, bg,
				 contrast(fg, bg));
		if (i != STYLE_BORDER && contrast(fg8, bg8) < least)
			fail_msg("%s: %s is colour %d on %d, contrast %.1f",
				 t->name, style_name((enum style_id)i), fg8,
				 bg8, contrast(fg8, bg8));
	}
}

static void test_shipped_themes_are_readable(void **state)
{
	struct theme t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
		shipped_load(&t, shipped[i]);
		assert_readable(&t);
	}
}

static void test_shipped_default_theme_is_for_a_dark_terminal(void **state)
{
	struct theme t;

	(void)state;
	shipped_load(&t, "default");
	/* A call ringing at the console catches the eye; recall alarms. */
	assert_int_equal(t.styles[STYLE_RINGING].fg, 3);
	assert_true(t.styles[STYLE_RINGING].attrs & ATTR_BOLD);
	assert_int_equal(t.styles[STYLE_RECALL].bg, 1);
	assert_true(t.styles[STYLE_HELD].attrs & ATTR_DIM);
	assert_int_not_equal(t.styles[STYLE_SELECTED].bg, COLOUR_DEFAULT);
	assert_int_equal(t.styles[STYLE_SELECTED].mono_attrs,
			 ATTR_REVERSE | ATTR_BOLD);
	assert_int_equal(t.styles[STYLE_RINGING].fg256, 220);
	assert_int_equal(t.styles[STYLE_NORMAL].bg256, COLOUR_DEFAULT);
}

/* light and high-contrast paint their own background everywhere, on 8
 * and on 256 colours, so they read the same on any terminal. */
static void test_light_and_high_contrast_paint_their_background(void **state)
{
	static const struct {
		const char *name;
		short bg, bg256;
	} want[] = {
		{ "light", 7, 231 },
		{ "high-contrast", 0, 16 },
	};
	struct theme t;
	size_t k;
	int i;

	(void)state;
	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		shipped_load(&t, want[k].name);
		assert_int_equal(t.styles[STYLE_NORMAL].bg, want[k].bg);
		assert_int_equal(t.styles[STYLE_NORMAL].bg256, want[k].bg256);
		for (i = 0; i < STYLE_COUNT; i++) {
			assert_int_not_equal(t.styles[i].bg, COLOUR_DEFAULT);
			assert_int_not_equal(t.styles[i].bg256, COLOUR_DEFAULT);
			assert_int_not_equal(t.styles[i].bg256, COLOUR_UNSET);
			assert_int_not_equal(t.styles[i].fg, COLOUR_DEFAULT);
			assert_int_not_equal(t.styles[i].fg256, COLOUR_UNSET);
		}
	}
	/* high contrast never dims */
	for (i = 0; i < STYLE_COUNT; i++)
		assert_false(t.styles[i].attrs & ATTR_DIM);
}

static void test_shipped_mono_theme_has_no_colour(void **state)
{
	struct theme t;
	int i;

	(void)state;
	shipped_load(&t, "mono");
	for (i = 0; i < STYLE_COUNT; i++) {
		assert_int_equal(t.styles[i].fg, COLOUR_DEFAULT);
		assert_int_equal(t.styles[i].bg, COLOUR_DEFAULT);
		assert_int_equal(t.styles[i].fg256, COLOUR_UNSET);
		assert_int_equal(t.styles[i].bg256, COLOUR_UNSET);
		assert_int_equal(t.styles[i].attrs, t.styles[i].mono_attrs);
	}
	assert_int_equal(t.styles[STYLE_SELECTED].attrs, ATTR_REVERSE);
	assert_int_equal(t.styles[STYLE_RECALL].attrs,
			 ATTR_BOLD | ATTR_REVERSE | ATTR_BLINK);
}

static void test_a_style_overrides_only_what_it_names(void **state)
{
	struct theme t, plain;
	struct diag d;
	int i;

	(void)state;
	diag_init(&d);
	assert_int_equal(theme_load(&t, DATA("partial.theme"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);
	assert_string_equal(t.name, "partial");

	assert_int_equal(t.styles[STYLE_RINGING].fg, 3);
	assert_int_equal(t.styles[STYLE_RINGING].bg, COLOUR_DEFAULT);
	assert_int_equal(t.styles[STYLE_RINGING].fg256, 214);
	assert_int_equal(t.styles[STYLE_RINGING].bg256, COLOUR_DEFAULT);
	assert_int_equal(t.styles[STYLE_RINGING].attrs, ATTR_BOLD);
	assert_int_equal(t.styles[STYLE_RINGING].mono_attrs,
			 ATTR_BOLD | ATTR_REVERSE);

	theme_defaults(&plain);
	assert_int_equal(t.styles[STYLE_PRESENCE_AWAY].fg, 5);
	assert_int_equal(t.styles[STYLE_PRESENCE_AWAY].bg, COLOUR_DEFAULT);
	assert_int_equal(t.styles[STYLE_PRESENCE_AWAY].fg256, COLOUR_UNSET);
	assert_int_equal(t.styles[STYLE_PRESENCE_AWAY].attrs,
			 ATTR_UNDERLINE | ATTR_ITALIC);
	assert_int_equal(t.styles[STYLE_PRESENCE_AWAY].mono_attrs,
			 plain.styles[STYLE_PRESENCE_AWAY].mono_attrs);

	for (i = 0; i < STYLE_COUNT; i++) {
		if (i != STYLE_RINGING && i != STYLE_PRESENCE_AWAY)
			assert_style_equal(&t.styles[i], &plain.styles[i]);
	}
	diag_free(&d);
}

static void test_missing_theme_says_so(void **state)
{
	struct theme t;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(theme_load(&t, DATA("no-such.theme"), &d), ENOENT);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.msgs[0].text,
			    DATA("no-such.theme") ": No such file or directory");
	assert_theme_is_defaults(&t);
	diag_free(&d);
}

static void test_unknown_names_are_reported(void **state)
{
	static const char *const element[] = {
		":1: unknown element 'blinking'", NULL };
	static const char *const renamed[] = {
		":2: unknown element 'offered' (it is called 'ringing' now)",
		NULL };
	static const char *const colour[] = {
		":2: unknown colour 'purple' (use black, red, green, yellow, blue, magenta, cyan, white or default)",
		NULL };
	static const char *const attr[] = {
		":2: unknown attribute 'shiny' (use bold, dim, underline, reverse, blink, italic or none)",
		NULL };
	static const char *const option[] = {
		":2: no such option 'colour'", NULL };

	(void)state;
	expect_errors(DATA("bad-element.theme"), element);
	expect_errors(DATA("bad-renamed.theme"), renamed);
	expect_errors(DATA("bad-colour.theme"), colour);
	expect_errors(DATA("bad-attr.theme"), attr);
	expect_errors(DATA("bad-option.theme"), option);
}

static void test_numbers_are_checked(void **state)
{
	static const char *const range[] = {
		":2: fg256 256 is out of range (-1 to 255)",
		":3: bg256 -2 is out of range (-1 to 255)", NULL };
	static const char *const notint[] = {
		":2: invalid integer value for option 'fg256'", NULL };

	(void)state;
	expect_errors(DATA("bad-range.theme"), range);
	expect_errors(DATA("bad-int.theme"), notint);
}

static void test_duplicate_style(void **state)
{
	static const char *const want[] = {
		":3: duplicate style 'selected' (first defined on line 1)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-dup.theme"), want);
}

static void test_every_mistake_is_listed_in_one_run(void **state)
{
	static const char *const want[] = {
		":2: unknown colour 'crimson' (use black, red, green, yellow, blue, magenta, cyan, white or default)",
		":2: unknown attribute 'loud' (use bold, dim, underline, reverse, blink, italic or none)",
		":3: unknown element 'holding'",
		":4: fg256 1000 is out of range (-1 to 255)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-many.theme"), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_element_names_are_lowercase_and_dashed),
		cmocka_unit_test(test_builtin_theme_is_plain_but_usable_in_mono),
		cmocka_unit_test(test_every_shipped_theme_parses),
		cmocka_unit_test(test_shipped_themes_are_readable),
		cmocka_unit_test(test_shipped_default_theme_is_for_a_dark_terminal),
		cmocka_unit_test(test_light_and_high_contrast_paint_their_background),
		cmocka_unit_test(test_shipped_mono_theme_has_no_colour),
		cmocka_unit_test(test_a_style_overrides_only_what_it_names),
		cmocka_unit_test(test_missing_theme_says_so),
		cmocka_unit_test(test_unknown_names_are_reported),
		cmocka_unit_test(test_numbers_are_checked),
		cmocka_unit_test(test_duplicate_style),
		cmocka_unit_test(test_every_mistake_is_listed_in_one_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
