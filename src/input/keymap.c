/*
 * keymap.c — keymap files checked against key names and the action
 * table, one table of bindings per mode.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "config/keymap_file.h"
#include "console.h"
#include "macro.h"

static int mode_parse(const char *name, enum input_mode *m)
{
	int i;

	for (i = 0; i < MODE_COUNT; i++) {
		if (!strcmp(name, input_mode_name((enum input_mode)i))) {
			*m = (enum input_mode)i;
			return 0;
		}
	}
	return EINVAL;
}

static int binding_check(const struct keymap_entry *e, struct diag *d)
{
	const struct action_def *def;
	struct action_arg a;
	char name[64], why[160];
	const char *arg = action_split(e->action, name, sizeof(name));

	def = action_find(name);
	if (!def) {
		diag_add(d, DIAG_ERROR, e->file, e->line,
			 "unknown action '%s'", name);
		return EINVAL;
	}
	if (action_arg_parse(def, arg, &a, why, sizeof(why))) {
		diag_add(d, DIAG_ERROR, e->file, e->line, "action '%s' %s",
			 name, why);
		return EINVAL;
	}
	return 0;
}

int keymap_load(struct keymap *km, const char *path, struct diag *d)
{
	struct keymap_file kf = { 0 };
	size_t before = d->errors, i;
	int err;

	memset(km, 0, sizeof(*km));
	snprintf(km->path, sizeof(km->path), "%s", path);
	err = keymap_file_load(&kf, path, d);
	if (err)
		goto out;

	for (i = 0; i < kf.count; i++) {
		const struct keymap_entry *e = &kf.entries[i];
		struct binding *grown, *bnd;
		enum input_mode m;
		keycode k;

		if (mode_parse(e->mode, &m)) {
			diag_add(d, DIAG_ERROR, e->file, e->line,
				 "unknown mode '%s' (normal, consult, prompt, "
				 "help, confirm)", e->mode);
			continue;
		}
		if (keys_parse(e->key, &k)) {
			diag_add(d, DIAG_ERROR, e->file, e->line,
				 "unknown key name '%s'", e->key);
			continue;
		}
		if (binding_check(e, d))
			continue;
		bnd = (struct binding *)keymap_lookup(km, m, k);
		if (bnd && bnd->file_id == e->file_id) {
			diag_add(d, DIAG_ERROR, e->file, e->line,
				 "key '%s' is bound twice in mode '%s'",
				 e->key, e->mode);
			continue;
		}
		if (bnd) {
			/* a keymap rebinds a key of one it includes */
			bnd->file_id = e->file_id;
			snprintf(bnd->action, sizeof(bnd->action), "%s",
				 e->action);
			snprintf(bnd->help, sizeof(bnd->help), "%s", e->help);
			continue;
		}
		grown = realloc(km->bindings[m],
				(km->count[m] + 1) * sizeof(*grown));
		if (!grown) {
			err = ENOMEM;
			goto out;
		}
		km->bindings[m] = grown;
		bnd = &grown[km->count[m]++];
		bnd->key = k;
		bnd->file_id = e->file_id;
		snprintf(bnd->action, sizeof(bnd->action), "%s", e->action);
		snprintf(bnd->help, sizeof(bnd->help), "%s", e->help);
	}
	km->macros = keymap_file_take_macros(&kf, &km->nmacros);
	macro_check_all(km, d);
	if (d->errors > before)
		err = EINVAL;
 out:
	keymap_file_free(&kf);
	return err;
}

void keymap_free(struct keymap *km)
{
	int m;

	size_t i;

	for (m = 0; m < MODE_COUNT; m++)
		free(km->bindings[m]);
	for (i = 0; i < km->nmacros; i++)
		free(km->macros[i].steps);
	free(km->macros);
	memset(km, 0, sizeof(*km));
}

const struct binding *keymap_lookup(const struct keymap *km,
				    enum input_mode m, keycode k)
{
	size_t i;

	if (!km || m >= MODE_COUNT)
		return NULL;
	for (i = 0; i < km->count[m]; i++) {
		if (km->bindings[m][i].key == k)
			return &km->bindings[m][i];
	}
	return NULL;
}

/* Normal keys also work while a consult waits (the consult table only
 * overrides some), so a normal key names an action first; the consult
 * table next, then the tables of the question, the prompt and the
 * help, whose actions exist only there. */
static const enum input_mode hint_order[] = {
	MODE_NORMAL, MODE_CONSULT, MODE_CONFIRM, MODE_PROMPT, MODE_HELP,
	MODE_HISTORY,
};

bool keymap_key_name(const struct keymap *km, const char *action,
		     char *key, size_t keysz)
{
	size_t i, j;

	for (i = 0; km && i < sizeof(hint_order) / sizeof(hint_order[0]);
	     i++) {
		enum input_mode m = hint_order[i];

		for (j = 0; j < km->count[m]; j++) {
			if (strcmp(km->bindings[m][j].action, action))
				continue;
			if (keys_name(km->bindings[m][j].key, key, keysz) > 0)
				return true;
		}
	}
	return false;
}
