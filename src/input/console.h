/*
 * input — keys become actions. This directory holds key names, the
 * keymap (one table of bindings per mode), the action table, and the
 * operator's input state (mode, prompt line), which the screen draws.
 */
#ifndef CORDBOARD_INPUT_CONSOLE_H
#define CORDBOARD_INPUT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/board.h"
#include "core/diag.h"
#include "keys.h"

/* What a prompt holds: a message's text, 1000 characters of UTF-8. */
#define CONSOLE_PROMPT_SIZE 4096

enum input_mode {
	MODE_NORMAL = 0,
	MODE_PROMPT,
	MODE_HELP,
	MODE_CONFIRM,
	MODE_CONSULT,   /* normal, while a consult waits: looked up first */
	MODE_HISTORY,   /* the history view: typed characters find */
	MODE_COUNT
};

const char *input_mode_name(enum input_mode m);

struct binding {
	keycode key;
	char action[256];
	char help[128];
	int file_id;          /* which keymap file bound it (includes) */
};

struct keymap {
	char path[4096];
	struct keymap_macro *macros;   /* from the file: macro "NAME" { } */
	size_t nmacros;
	struct binding *bindings[MODE_COUNT];
	size_t count[MODE_COUNT];
};

/* Loads and checks a keymap file: unknown mode, key name or action, a
 * missing argument, or a key bound twice in one mode is an error
 * "FILE:LINE: ..." in d. Returns 0 or EINVAL. */
int keymap_load(struct keymap *km, const char *path, struct diag *d);
void keymap_free(struct keymap *km);
const struct binding *keymap_lookup(const struct keymap *km,
				    enum input_mode m, keycode k);
/* The name of a key bound to exactly ACTION (no argument; a macro only
 * as "macro NAME"), for hints: normal keys first, then consult, confirm,
 * prompt and help, the first binding of a table; false when none. */
bool keymap_key_name(const struct keymap *km, const char *action,
		     char *key, size_t keysz);

/* What the operator points at, kept by the screen (tui/selection.c)
 * and wired by the app: actions resolve their line or extension here,
 * as tmux resolves -t. A zeroed one points at nothing. */
struct console_selection {
	line_id (*line)(void *arg);      /* 0: the focus is not on the calls */
	line_id (*call)(void *arg);      /* the selected call, any focus */
	const struct extension *(*extension)(void *arg); /* NULL: no focus */
	void (*move)(void *arg, int delta);
	void (*focus_next)(void *arg);
	/* focuses the extensions on NUMBER; ENOENT when none has it */
	int  (*select_extension)(void *arg, const char *number);
	void (*sort_toggle)(void *arg);
	/* the extensions as the operator sees them: row -> index in the
	 * board's extensions, or NULL for the directory's own order */
	const size_t *(*extension_order)(void *arg);
	void *arg;
};

struct console {
	struct board *board;
	const struct keymap *km;
	struct console_selection sel;
	line_id chosen;       /* the call the operator moved onto by hand */
	enum input_mode mode;

	/* prompt line: label, typed text and the action it completes */
	char prompt_label[160];  /* "For " and a colleague's name */
	char prompt_action[32];
	char prompt_text[CONSOLE_PROMPT_SIZE];
	bool prompt_targets;  /* the prompt takes a target: show matches */
	bool prompt_command;  /* the ':' command line: any action by name */
	size_t prompt_pick;   /* the highlighted match */

	/* the question asked in MODE_CONFIRM and the action on "yes" */
	char confirm_text[320];
	char confirm_action[320];
	char confirm_alt[320];   /* run by confirm-alt (e.g. voicemail) */

	/* the log pane: what it shows besides the sentences (log_level),
	 * and how many rows the operator scrolled back from the newest */
	enum pane_log_level log_level;
	size_t log_back;

	bool help_messages;   /* the help overlay lists the messages */
	int help_top;         /* the first key of the help shown (scrolled) */
	/* the history view while it is open (history_view.h), else NULL */
	struct history_view *history;

	/* accessible mode (--accessible): the screen's announcement line
	 * says the newest sentence; announce_gen counts them, so the
	 * screen knows when to move the cursor there */
	bool accessible;
	char announcement[512];
	unsigned announce_gen;

	bool quit;            /* the operator confirmed quitting */
	bool redraw;          /* prompt, help or mode changed */
	bool full_redraw;     /* the operator asked to repaint everything */

	/* set by the app: loads theme NAME and repaints in it, or leaves
	 * the theme alone and says why in the status line */
	int (*set_theme)(struct console *c, const char *name);
	/* set by the app: runs macro NAME of the keymap, or says why not */
	int (*run_macro)(struct console *c, const char *name);
	/* type-to-find over the board's directory (core/contact_find.h),
	 * made by console_find_prepare or at the first find */
	struct contact_find *find;

	/* set by the app: reads the configuration, directory, keymap and
	 * theme again and applies them, or changes nothing and says why
	 * (the argument is unused) */
	int (*reload)(struct console *c, const char *unused);
};

/* Tab on the command line: completes an action name, or the target of
 * an action declaring one (ARG_TARGET) from the extensions; lists the
 * choices in the status line when there are several. */
void console_complete(struct console *c);

/* Also makes the board's hints (board_key) name KM's keys. */
void console_init(struct console *c, struct board *b,
		  const struct keymap *km);
/* Frees what the console made (its finder). */
void console_close(struct console *c);
/* Folds the board's directory for type-to-find now (the app calls it
 * once the first screen is up), so the first key finds at once. */
void console_find_prepare(struct console *c);
/* The board has a new directory (a reload): the finder made for the
 * last one goes, even were the new one at the same address, and one
 * for the new one is made. */
void console_directory_changed(struct console *c);

/* The selected call when the focus is on the calls, else 0. */
line_id console_selected_line(const struct console *c);
/* The calls pane's selected call whatever has the focus, else 0. */
line_id console_selected_call(const struct console *c);
/* The selected extension when the focus is on them, else NULL. */
const struct extension *console_selected_extension(const struct console *c);
void console_select_move(struct console *c, int delta);
void console_focus_next(struct console *c);
int  console_select_extension(struct console *c, const char *number);
void console_sort_toggle(struct console *c);

/* Makes TEXT the newest announcement (action_access.c). */
void console_announce(struct console *c, const char *text);

/* Handles one key in the current mode. */
void console_key(struct console *c, keycode k);

/* The mode to show the operator: consult while one waits. */
enum input_mode console_shown_mode(const struct console *c);

/* The extensions matching the prompt text (see target_matches). */
size_t console_matches(struct console *c, size_t *out, size_t max);
/* The extensions matching TEXT, in the order the operator sees them. */
size_t console_extensions_matching(struct console *c, const char *text,
				   size_t *out, size_t max);

/* Runs one action line ("dial 201"); returns 0 or an errno value with
 * the status line saying why. */
int console_run(struct console *c, const char *line);

#endif
