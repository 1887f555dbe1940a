/*
 * listing.c — what `cordboard --list-actions` and `--list-keys` print:
 * the action table and a keymap's bindings, one per line, for people
 * writing keymaps, macros and scripts.
 */
#include "listing.h"

#include <stdio.h>

#include "action.h"
#include "keys.h"

void listing_actions(FILE *out)
{
	const struct action_def *a;
	size_t i;

	for (i = 0; (a = action_at(i)); i++) {
		char head[64];

		action_usage(a, head, sizeof(head));
		fprintf(out, "%-22s %s%s%s%s\n", head, a->help,
			a->needs.need ? " (needs " : "",
			action_need_name(a->needs.need),
			a->needs.need ? ")" : "");
	}
}

void listing_keys(FILE *out, const struct keymap *km)
{
	int m;

	fprintf(out, "# %s\n", km->path);
	for (m = 0; m < MODE_COUNT; m++) {
		size_t i;

		if (!km->count[m])
			continue;
		fprintf(out, "\nmode %s\n", input_mode_name((enum input_mode)m));
		for (i = 0; i < km->count[m]; i++) {
			const struct binding *b = &km->bindings[m][i];
			char key[32];

			if (keys_name(b->key, key, sizeof(key)) <= 0)
				continue;
			fprintf(out, "  %-8s %-18s %s\n", key, b->action,
				b->help);
		}
	}
}
