/*
 * fuzz_macro.c — macro definitions straight into macro_check_all and
 * macro_expand, without libconfuse in front: one macro per line,
 * "NAME=step|step|...". Loops, deep nesting, many steps and long waits
 * must be refused cleanly; a macro the check accepts must expand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "input/macro.h"

enum { MACROS_MAX = 32 };

static void add_macro(struct keymap *km, char *line)
{
	struct keymap_macro *m;
	char *eq = strchr(line, '='), *step, *next;

	if (!eq || km->nmacros == MACROS_MAX)
		return;
	*eq = '\0';
	m = &km->macros[km->nmacros++];
	snprintf(m->name, sizeof(m->name), "%s", line);
	snprintf(m->file, sizeof(m->file), "fuzz.keymap");
	m->line = (int)km->nmacros;
	m->steps = calloc(KEYMAP_MACRO_STEPS_MAX, sizeof(*m->steps));
	if (!m->steps)
		abort();
	for (step = eq + 1; step && m->nsteps < KEYMAP_MACRO_STEPS_MAX;
	     step = next) {
		next = strchr(step, '|');
		if (next)
			*next++ = '\0';
		snprintf(m->steps[m->nsteps++], KEYMAP_MACRO_STEP_MAX, "%s",
			 step);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[MACRO_EXPANDED_MAX][KEYMAP_MACRO_STEP_MAX];
	struct keymap km;
	struct diag d;
	char *text = malloc(size + 1), *line, *next, err[256];
	size_t i, n;
	int checked;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&km, 0, sizeof(km));
	km.macros = calloc(MACROS_MAX, sizeof(*km.macros));
	if (!km.macros)
		abort();
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		add_macro(&km, line);
	}
	diag_init(&d);
	checked = macro_check_all(&km, &d);
	for (i = 0; i < km.nmacros; i++) {
		int ret = macro_expand(&km, km.macros[i].name, out, &n, err,
				       sizeof(err));

		if (ret == 0 && n > MACRO_EXPANDED_MAX)
			abort();
		if (checked == 0 && ret != 0) {
			fprintf(stderr, "fuzz_macro: checked, yet %s does not "
				"expand: %s\n", km.macros[i].name, err);
			abort();
		}
	}
	diag_free(&d);
	for (i = 0; i < km.nmacros; i++)
		free(km.macros[i].steps);
	free(km.macros);
	free(text);
	return 0;
}
