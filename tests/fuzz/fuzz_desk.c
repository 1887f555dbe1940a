/*
 * fuzz_desk.c — the board, fake phone and console the action targets
 * drive; "macro NAME" expands and runs its steps as automation.c does,
 * waits skipped.
 */
#include "fuzz_desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_config.h"
#include "fuzz_common.h"
#include "input/macro.h"

static struct keymap km;
static struct fuzz_desk desk;
static struct extension exts[3];
static int macro_depth;

static const char keymap_text[] =
	"include(\"" CORDBOARD_SOURCE_ROOT "/keymaps/default.keymap\")\n"
	"macro \"greet\" { do = { \"answer\", \"wait established 5s\", "
	"\"hold\" } }\n"
	"macro \"twice\" { do = { \"macro greet\", \"consult 201\", "
	"\"macro greet\" } }\n";

void fuzz_desk_init(void)
{
	struct diag d;
	const char *path = fuzz_write("desk.keymap", keymap_text,
				      strlen(keymap_text));

	diag_init(&d);
	if (keymap_load(&km, path, &d)) {
		fprintf(stderr, "fuzz desk: keymap: %s\n",
			diag_first_error(&d) ? diag_first_error(&d) : "?");
		abort();
	}
	diag_free(&d);
}

static int set_theme(struct console *c, const char *name)
{
	return 0;
}

static int run_macro(struct console *c, const char *name)
{
	static char steps[MACRO_EXPANDED_MAX][KEYMAP_MACRO_STEP_MAX];
	char err[256];
	size_t n, i;
	int ret;

	/* steps are flat once expanded; a step naming a macro is refused */
	if (macro_depth > 0)
		return 0;
	ret = macro_expand(c->km, name, steps, &n, err, sizeof(err));
	if (ret)
		return ret;
	if (n > MACRO_EXPANDED_MAX)
		abort();
	macro_depth++;
	for (i = 0; i < n; i++)
		if (strncmp(steps[i], "wait", 4))
			console_run(c, steps[i]);
	macro_depth--;
	return 0;
}

struct fuzz_desk *fuzz_desk_reset(void)
{
	static const char *const numbers[] = { "201", "202", "300" };
	static const char *const names[] = { "Person 201", "Person 202",
					     "Person 300" };
	static const char *const uris[] = { "sip:201@127.0.0.1",
					    "sip:202@127.0.0.1",
					    "sip:300@127.0.0.1" };
	static const char *const voicemails[] = { "sip:vm201@127.0.0.1",
						  "sip:vm202@127.0.0.1",
						  "sip:vm300@127.0.0.1" };
	size_t i;

	if (desk.b.phone)
		selection_free(&desk.phone.sel);   /* the last input's */
	console_close(&desk.c);
	board_close(&desk.b);   /* the last input's board */
	memset(&desk, 0, sizeof(desk));
	/* the last input's presence notes and peers */
	for (i = 0; i < 3; i++)
		ext_release(&exts[i]);
	for (i = 0; i < 3; i++) {
		ext_text_set(&exts[i], &exts[i].number, numbers[i]);
		ext_text_set(&exts[i], &exts[i].name, names[i]);
		ext_text_set(&exts[i], &exts[i].uri, uris[i]);
		ext_text_set(&exts[i], &exts[i].voicemail, voicemails[i]);
	}
	fake_now = 1000000;
	fake_phone_setup(&desk.phone, &desk.b);
	board_set_extensions(&desk.b, exts, 3);
	console_init(&desk.c, &desk.b, &km);
	selection_wire(fake_selection(&desk.b), &desk.c.sel);
	desk.c.set_theme = set_theme;
	desk.c.run_macro = run_macro;
	return &desk;
}

void fuzz_desk_line(struct fuzz_desk *d, const char *line)
{
	line_id id;

	if (line[0] != '!') {
		console_run(&d->c, line);
		return;
	}
	if (!line[1])
		return;
	id = (line_id)strtoul(line + 2, NULL, 10);
	switch (line[1]) {
	case 'o':
		board_on_offered(&d->b, line + 2, "sip:caller@127.0.0.1");
		break;
	case 'r':
		board_on_ringing(&d->b, id);
		break;
	case 'e':
		board_on_established(&d->b, id);
		break;
	case 'h':
		board_on_hold_changed(&d->b, id, true);
		break;
	case 'u':
		board_on_hold_changed(&d->b, id, false);
		break;
	case 'c':
		board_on_closed(&d->b, id, 0, "Bye");
		break;
	case 'f':
		/* the REFER of line 1 ended with the status given */
		board_on_refer_result(&d->b, 1, (int)id, "status");
		break;
	case 'k':
		console_key(&d->c, (keycode)(unsigned char)line[2]);
		break;
	case 't':
		fake_now += (int64_t)id * 1000;
		board_tick(&d->b);
		break;
	default:
		break;
	}
}
