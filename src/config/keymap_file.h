/*
 * keymap_file — the libconfuse syntax of keymaps/NAME.keymap:
 *
 *     include("default")      # its bindings first; ours may rebind
 *     macro "greet" { do = { "answer", "wait established 5s" } }
 *     mode "normal" {
 *         bind("Enter", "answer", "Answer the selected or next ringing call")
 *         bind("x", "hangup")
 *     }
 *
 * This file only reads the syntax and keeps each binding's line number;
 * src/input checks key names and action names and reports FILE:LINE.
 */
#ifndef CORDBOARD_CONFIG_KEYMAP_FILE_H
#define CORDBOARD_CONFIG_KEYMAP_FILE_H

#include <stddef.h>

#include "core/diag.h"

struct keymap_entry {
	char mode[32];
	char key[32];
	char action[256];      /* action word and its arguments */
	char help[128];        /* may be empty */
	char file[4096];
	int line;
	int file_id;           /* which file of the includes, from 1 */
};

enum {
	KEYMAP_MACRO_STEPS_MAX = 64,
	KEYMAP_MACRO_STEP_MAX = 320,   /* bytes of one step */
};

/* macro "NAME" { do = { "answer", "wait established 5s", ... } } */
struct keymap_macro {
	char name[64];
	char file[4096];
	int line;              /* of its opening brace */
	char (*steps)[KEYMAP_MACRO_STEP_MAX];
	size_t nsteps;
};

struct keymap_file {
	struct keymap_macro *macros;
	size_t nmacros;
	struct keymap_entry *entries;
	size_t count;
	size_t cap;
	int files;             /* files read so far */
};

/* Parses path, appending entries in file order, the entries of the
 * keymaps it includes before its own. Returns 0 or an errno value with
 * syntax errors in d. */
int keymap_file_load(struct keymap_file *kf, const char *path,
		     struct diag *d);
void keymap_file_free(struct keymap_file *kf);
/* Hands the macros over (the caller frees each steps array and the
 * array itself with free()); kf keeps none. */
struct keymap_macro *keymap_file_take_macros(struct keymap_file *kf,
					     size_t *n);

#endif
