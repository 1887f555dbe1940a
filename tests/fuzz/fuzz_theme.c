/*
 * fuzz_theme.c — any bytes as a theme file through theme_load: no crash,
 * no leak, every colour in range, and a refusal leaves the plain theme.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/theme.h"
#include "fuzz_common.h"

static int colour_ok(short c, bool unset_ok)
{
	return (c >= COLOUR_DEFAULT && c <= 255) ||
		(unset_ok && c == COLOUR_UNSET);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("fuzz.theme", data, size);
	struct theme t, plain;
	struct diag d;
	int err, i;

	diag_init(&d);
	err = theme_load(&t, path, &d);
	if (err) {
		theme_defaults(&plain);
		if (d.count == 0 || memcmp(t.styles, plain.styles,
					   sizeof(t.styles))) {
			fprintf(stderr, "fuzz_theme: refused (%d) without a "
				"message or not the plain theme\n", err);
			abort();
		}
	}
	for (i = 0; i < STYLE_COUNT; i++) {
		const struct style *s = &t.styles[i];

		if (!colour_ok(s->fg, false) || !colour_ok(s->bg, false) ||
		    !colour_ok(s->fg256, true) || !colour_ok(s->bg256, true)) {
			fprintf(stderr, "fuzz_theme: style %s has colours "
				"%d/%d %d/%d\n", style_name(i), s->fg, s->bg,
				s->fg256, s->bg256);
			abort();
		}
	}
	diag_free(&d);
	return 0;
}
