/*
 * test_layout.c — every pane fits the terminal, at 80x24, 40x12 and
 * sizes around them, and panes never overlap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "tui/layout.h"

static int overlap(const struct rect *a, const struct rect *b)
{
	if (a->h == 0 || b->h == 0 || a->w == 0 || b->w == 0)
		return 0;
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	       a->y < b->y + b->h && b->y < a->y + a->h;
}

static void fits(const struct rect *r, int rows, int cols)
{
	if (r->h == 0)
		return;
	assert_true(r->y >= 0 && r->x >= 0);
	assert_true(r->y + r->h <= rows);
	assert_true(r->x + r->w <= cols);
}

static void check(int rows, int cols)
{
	struct layout l;
	const struct rect *all[4];
	int i, j;

	layout_compute(&l, rows, cols);
	all[0] = &l.calls;
	all[1] = &l.exts;
	all[2] = &l.log;
	all[3] = &l.status;
	for (i = 0; i < 4; i++) {
		fits(all[i], rows, cols);
		for (j = i + 1; j < 4; j++)
			assert_false(overlap(all[i], all[j]));
	}
	assert_int_equal(l.status.y, rows - 1);
	assert_true(l.calls.h >= 3);
}

static void standard_terminal_shows_every_pane(void **state)
{
	struct layout l;

	check(24, 80);
	layout_compute(&l, 24, 80);
	assert_true(l.exts.h > 0);
	assert_true(l.log.h > 0);
	assert_int_equal(l.calls.y, l.exts.y);   /* side by side */
}

static void small_terminal_keeps_calls_and_status(void **state)
{
	struct layout l;

	check(12, 40);
	layout_compute(&l, 12, 40);
	assert_int_equal(l.log.h, 0);
	assert_true(l.exts.h > 0);               /* stacked below calls */
}

static void every_size_in_between_fits(void **state)
{
	int r, c;

	for (r = 12; r <= 60; r++)
		for (c = 40; c <= 200; c += 3)
			check(r, c);
}

/* The accessible layout: every pane at the full width (a reader's row
 * is one item), the announcement line above the status line, nothing
 * overlapping, at every size. */
static void accessible_panes_are_stacked_full_width(void **state)
{
	struct layout l;
	const struct rect *all[5];
	int rows, cols, i, j;

	(void)state;
	layout_compute_accessible(&l, 24, 80);
	assert_int_equal(l.announce.y, 22);
	assert_int_equal(l.status.y, 23);
	assert_int_equal(l.calls.w, 80);
	assert_int_equal(l.exts.w, 80);
	assert_true(l.exts.h > 0 && l.log.h > 0);
	for (rows = 1; rows <= 60; rows++) {
		for (cols = 1; cols <= 120; cols += 7) {
			layout_compute_accessible(&l, rows, cols);
			all[0] = &l.calls;
			all[1] = &l.exts;
			all[2] = &l.log;
			all[3] = &l.status;
			all[4] = &l.announce;
			for (i = 0; i < 5; i++) {
				fits(all[i], rows, cols);
				assert_true(all[i]->h == 0 ||
					    all[i]->w == cols);
				for (j = i + 1; j < 5; j++)
					assert_false(overlap(all[i], all[j]));
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(standard_terminal_shows_every_pane),
		cmocka_unit_test(small_terminal_keeps_calls_and_status),
		cmocka_unit_test(every_size_in_between_fits),
		cmocka_unit_test(accessible_panes_are_stacked_full_width),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
