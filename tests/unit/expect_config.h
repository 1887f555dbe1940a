/*
 * expect_config.h — a bad cordboard.conf: exactly the expected errors
 * (see expect_diag.h), and nothing of the file applied: no path, no
 * extensions, and what CHECK (when given) says of the rest. Include
 * after cmocka.h.
 */
#ifndef CORDBOARD_TESTS_EXPECT_CONFIG_H
#define CORDBOARD_TESTS_EXPECT_CONFIG_H

#include <errno.h>

#include "expect_diag.h"

#include "config/config.h"

static inline void expect_config_errors(const char *path,
					const char *const *want,
					void (*check)(const struct cb_config *))
{
	struct cb_config cfg;
	struct diag d;

	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), EINVAL);
	expect_diag_lines(&d, path, want);
	assert_string_equal(cfg.path, "");
	assert_null(cfg.extensions);
	assert_int_equal(cfg.n_extensions, 0);
	if (check)
		check(&cfg);
	config_free(&cfg);
	diag_free(&d);
}

#endif
