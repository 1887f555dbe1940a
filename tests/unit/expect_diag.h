/*
 * expect_diag.h — the checks every parser test makes on its messages:
 * exactly the expected lines, in order, each "PATH" + suffix, all errors.
 * Include after cmocka.h.
 */
#ifndef CORDBOARD_TESTS_EXPECT_DIAG_H
#define CORDBOARD_TESTS_EXPECT_DIAG_H

#include <limits.h>
#include <stdio.h>

#include "core/diag.h"

static inline void diag_print(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		print_message("  diag: %s\n", d->msgs[i].text);
}

/* want is NULL-terminated; each entry is what follows PATH, e.g. ":3:
 * unknown element 'x'". */
static inline void expect_diag_lines(const struct diag *d, const char *path,
				     const char *const *want)
{
	char full[PATH_MAX + 256];
	size_t i, n = 0;

	while (want[n])
		n++;
	diag_print(d);
	assert_int_equal(d->count, n);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s%s", path, want[i]);
		assert_string_equal(d->msgs[i].text, full);
		assert_int_equal(d->msgs[i].level, DIAG_ERROR);
	}
}

#endif
