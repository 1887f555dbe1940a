/*
 * test_config_diff.c — what a reload compares: the options of the table
 * whose values differ between two configurations, and one kept from the
 * running configuration (a setting that needs a restart).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "config/options.h"

struct seen {
	char names[512];
	const struct config_option *listen;
};

static void note(void *arg, const struct config_option *o)
{
	struct seen *s = arg;
	size_t n = strlen(s->names);

	snprintf(s->names + n, sizeof(s->names) - n, "%s.%s ", o->section,
		 o->name);
	if (!strcmp(o->name, "listen"))
		s->listen = o;
}

static void the_changed_options_and_only_those(void **state)
{
	static struct cb_config now, next;
	struct seen s = { "", NULL };

	(void)state;
	config_defaults(&now);
	config_defaults(&next);
	config_options_diff(&now, &next, note, &s);
	assert_string_equal(s.names, "");
	snprintf(next.account.listen, sizeof(next.account.listen),
		 "127.0.0.1:5070");
	snprintf(next.theme, sizeof(next.theme), "light");
	next.subscribe_expires = 60;
	next.cues.hung_up = 0;
	config_options_diff(&now, &next, note, &s);
	assert_string_equal(s.names, "root.theme root.subscribe_expires "
			    "account.listen cues.hung_up ");
	/* the running value goes back in, the others stay new */
	assert_non_null(s.listen);
	config_option_keep(&next, &now, s.listen);
	assert_string_equal(next.account.listen, now.account.listen);
	s.names[0] = '\0';
	config_options_diff(&now, &next, note, &s);
	assert_string_equal(s.names, "root.theme root.subscribe_expires "
			    "cues.hung_up ");
	config_free(&now);
	config_free(&next);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_changed_options_and_only_those),
	};

	return cmocka_run_group_tests_name("config_diff", tests, NULL, NULL);
}
