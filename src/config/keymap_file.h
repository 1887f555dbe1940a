/*
 * keymap_file — the libconfuse syntax of keymaps/NAME.keymap:
 *
 *     include("default")      # its bindings first; ours may rebind
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

struct keymap_file {
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

#endif
