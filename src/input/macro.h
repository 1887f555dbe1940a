/*
 * macro.h — named lists of actions from the keymap file, bound to keys
 * like any action ("macro NAME"): a macro may run other macros; it is
 * expanded into one flat list of steps before it runs, so a loop, too
 * many steps or too long a wait is found before anything happens.
 */
#ifndef CORDBOARD_INPUT_MACRO_H
#define CORDBOARD_INPUT_MACRO_H

#include <stddef.h>

#include "config/keymap_file.h"
#include "console.h"

enum {
	MACRO_DEPTH_MAX = 8,        /* macros calling macros */
	MACRO_EXPANDED_MAX = 256,   /* steps once expanded */
	MACRO_WAIT_TOTAL_MS = 10 * 60 * 1000,   /* all its waits together */
};

const struct keymap_macro *macro_find(const struct keymap *km,
				      const char *name);

/* Expands macro NAME into OUT (up to MACRO_EXPANDED_MAX steps); 0, or
 * EINVAL with why in err ("macro loop detected: a -> b -> a", an
 * unknown macro, too many steps or too long in all). */
int macro_expand(const struct keymap *km, const char *name,
		 char (*out)[KEYMAP_MACRO_STEP_MAX], size_t *n,
		 char *err, size_t errsz);

/* Checks every macro of KM as keymap_load does: FILE:LINE errors in d.
 * Returns 0 or EINVAL. */
int macro_check_all(const struct keymap *km, struct diag *d);

#endif
