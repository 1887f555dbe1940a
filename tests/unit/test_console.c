/*
 * test_console.c — keys through the shipped default keymap into the
 * board, and keymap files that must be refused with FILE:LINE.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_phone.h"
#include "input/console.h"
#include "input/macro.h"
#include "core/target.h"

static struct extension exts[] = {
	{ .number = "201", .name = "Alice Martin", .department = "Sales",
	  .uri = "sip:201@127.0.0.1:5090" },
};

struct desk {
	struct board b;
	struct fake_phone phone;
	struct keymap km;
	struct console c;
};

static int setup(void **state)
{
	static struct desk d;
	struct diag diag;

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	board_set_extensions(&d.b, exts, 1);
	diag_init(&diag);
	assert_int_equal(keymap_load(&d.km, SOURCE_ROOT "/keymaps/default.keymap",
				     &diag), 0);
	assert_int_equal(diag.count, 0);
	diag_free(&diag);
	console_init(&d.c, &d.b, &d.km);
	selection_wire(fake_selection(&d.b), &d.c.sel);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;

	console_close(&d->c);
	keymap_free(&d->km);
	fake_phone_close(&d->phone);
	return 0;
}

static void type(struct desk *d, const char *keys)
{
	for (; *keys; keys++)
		console_key(&d->c, (keycode)(unsigned char)*keys);
}

/* A caller rings, is answered and talks to the operator. */
static line_id caller_talks(struct desk *d, const char *uri)
{
	line_id id = board_on_offered(&d->b, "ACME", uri);

	board_answer(&d->b, id);
	board_on_established(&d->b, id);
	return id;
}

static void enter_answers_and_h_holds(void **state)
{
	struct desk *d = *state;
	line_id id = board_on_offered(&d->b, "ACME", "sip:1@x");

	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->what, "answer");
	board_on_established(&d->b, id);
	type(d, "h");
	assert_string_equal(fake_last(&d->phone)->what, "hold");
	assert_int_equal(fake_last(&d->phone)->arg, 1);
	type(d, "h");
	assert_int_equal(fake_last(&d->phone)->arg, 0);
	type(d, "x");
	assert_string_equal(fake_last(&d->phone)->what, "hangup");
	assert_int_equal(d->b.nlines, 0);
}

/* t to a colleague on a call (presence busy too): no y/n question, the
 * camp-on offer; w waits for her, Esc on the camped caller ends it. */
static void w_camps_on_a_busy_colleague_and_esc_ends_it(void **state)
{
	struct desk *d = *state;
	line_id id = caller_talks(d, "sip:1@x");

	exts[0].presence = PRESENCE_BUSY;
	exts[0].line_state = EXT_LINE_INCALL;
	type(d, "t201");
	console_key(&d->c, KEYC_ENTER);
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_string_equal(d->b.status, "Alice Martin is on a call - w "
			    "waits, v voicemail, Esc keeps the caller");
	assert_int_equal(board_line(&d->b, id)->state, LINE_TALKING);
	type(d, "w");
	assert_string_equal(board_camped_on(&d->b, id), "Alice Martin");
	assert_string_equal(fake_last(&d->phone)->what, "hold");
	console_key(&d->c, KEYC_ESC);
	assert_null(board_camped_on(&d->b, id));
	assert_int_equal(board_line(&d->b, id)->state, LINE_HELD);
	exts[0].presence = PRESENCE_UNKNOWN;
	exts[0].line_state = EXT_LINE_UNKNOWN;
}

static void d_opens_a_prompt_that_dials(void **state)
{
	struct desk *d = *state;

	type(d, "d");
	assert_int_equal(d->c.mode, MODE_PROMPT);
	assert_string_equal(d->c.prompt_label, "Dial");
	type(d, "2011");
	console_key(&d->c, KEYC_BSPACE);
	assert_string_equal(d->c.prompt_text, "201");
	assert_int_equal(d->phone.nops, 0);   /* digits typed, not DTMF */
	console_key(&d->c, KEYC_ENTER);
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(fake_last(&d->phone)->uri,
			    "sip:201@127.0.0.1:5090");
}

/* A target is used whole or refused: never dialled cut short. */
static void a_target_too_long_is_refused_whole(void **state)
{
	struct desk *d = *state;
	char line[600], uri[400];
	size_t i;

	/* 200 characters: the longest a target may be, dialled as typed */
	snprintf(uri, sizeof(uri), "sip:%0*d@example.com", 200 - 16, 7);
	assert_int_equal(strlen(uri), TARGET_MAX);
	snprintf(line, sizeof(line), "dial %s", uri);
	assert_int_equal(console_run(&d->c, line), 0);
	assert_string_equal(fake_last(&d->phone)->what, "dial");
	assert_string_equal(fake_last(&d->phone)->uri, uri);

	/* one more is refused with a message, and nothing is sent */
	d->phone.nops = 0;
	snprintf(uri, sizeof(uri), "sip:%0*d@example.com", 200 - 15, 7);
	snprintf(line, sizeof(line), "dial %s", uri);
	assert_int_equal(console_run(&d->c, line), EINVAL);
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->b.status, "dial refused: a target has at "
			    "most 200 characters");

	/* a target prompt takes no more than that, and says so */
	type(d, "d");
	for (i = 0; i < 250; i++)
		type(d, "5");
	assert_int_equal(strlen(d->c.prompt_text), TARGET_MAX);
	assert_string_equal(d->b.status, TARGET_TOO_LONG_TEXT);
	assert_int_equal(d->phone.nops, 0);
}

static void esc_cancels_the_prompt_without_dialling(void **state)
{
	struct desk *d = *state;

	type(d, "dali");
	console_key(&d->c, KEYC_ESC);
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_int_equal(d->phone.nops, 0);
	assert_string_equal(d->b.status, "Cancelled");
}

static void quit_asks_while_calls_are_up(void **state)
{
	struct desk *d = *state;

	board_on_offered(&d->b, "ACME", "sip:1@x");
	type(d, "q");
	assert_int_equal(d->c.mode, MODE_CONFIRM);
	assert_false(d->c.quit);
	assert_non_null(strstr(d->c.confirm_text, "1 call is up"));
	type(d, "n");
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_false(d->c.quit);
	type(d, "qy");
	assert_true(d->c.quit);
}

static void quit_without_calls_is_immediate(void **state)
{
	struct desk *d = *state;

	type(d, "q");
	assert_true(d->c.quit);
}

static void an_unbound_key_changes_nothing_but_says_so(void **state)
{
	struct desk *d = *state;

	board_on_offered(&d->b, "ACME", "sip:1@x");
	console_key(&d->c, KEYC_F1 + 11);
	assert_int_equal(d->phone.nops, 0);
	assert_true(d->b.status_error);
	assert_string_equal(d->b.status,
			    "F12 is not bound in normal mode (? for help)");
}

static void digits_send_dtmf_in_normal_mode(void **state)
{
	struct desk *d = *state;
	caller_talks(d, "sip:1@x");
	type(d, "7#");
	assert_string_equal(d->phone.ops[d->phone.nops - 2].what, "dtmf");
	assert_int_equal(d->phone.ops[d->phone.nops - 2].arg, '7');
	assert_int_equal(fake_last(&d->phone)->arg, '#');
}

static void help_opens_and_any_key_closes(void **state)
{
	struct desk *d = *state;

	type(d, "?");
	assert_int_equal(d->c.mode, MODE_HELP);
	type(d, "z");
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_int_equal(d->phone.nops, 0);
}

static void tab_moves_focus_and_arrows_select(void **state)
{
	struct desk *d = *state;

	board_on_offered(&d->b, "A", "sip:1@x");
	board_on_offered(&d->b, "B", "sip:2@x");
	type(d, "j");
	assert_int_equal(fake_calls(&d->b)->selected, 1);
	console_key(&d->c, KEYC_UP);
	assert_int_equal(fake_calls(&d->b)->selected, 0);
	console_key(&d->c, KEYC_TAB);
	assert_true(fake_focused(&d->b, fake_exts(&d->b)));
}

static void attendant_keymap_drives_a_transfer(void **state)
{
	struct board b;
	struct fake_phone phone;
	struct keymap km;
	struct console c;
	struct diag diag;
	line_id id;

	fake_phone_setup(&phone, &b);
	board_set_extensions(&b, exts, 1);
	diag_init(&diag);
	assert_int_equal(keymap_load(&km, SOURCE_ROOT
				     "/keymaps/attendant.keymap", &diag), 0);
	assert_int_equal(diag.count, 0);
	console_init(&c, &b, &km);
	selection_wire(fake_selection(&b), &c.sel);
	id = board_on_offered(&b, "ACME", "sip:1@x");
	console_key(&c, KEYC_KP_PLUS);
	assert_string_equal(fake_last(&phone)->what, "answer");
	board_on_established(&b, id);
	console_key(&c, KEYC_F1 + 4);             /* F5 consult */
	assert_int_equal(c.mode, MODE_PROMPT);
	console_key(&c, '2');
	console_key(&c, '0');
	console_key(&c, '1');
	console_key(&c, KEYC_KP_ENTER);
	assert_string_equal(fake_last(&phone)->what, "dial");
	board_on_established(&b, fake_last(&phone)->id);
	console_key(&c, KEYC_F1 + 6);             /* F7 complete */
	assert_string_equal(fake_last(&phone)->what, "refer_replaces");
	console_close(&c);
	keymap_free(&km);
	diag_free(&diag);
	fake_phone_close(&phone);
}

static void target_prompt_picks_the_highlighted_match(void **state)
{
	struct extension many[] = {
		{ .number = "201", .name = "Alice Martin", .department = "Sales",
		  .uri = "sip:201@o" },
		{ .number = "202", .name = "Bob Stone", .department = "Support",
		  .uri = "sip:202@o" },
		{ .number = "203", .name = "Alan Smithee",
		  .department = "Support", .uri = "sip:203@o" },
	};
	struct desk *d = *state;
	size_t m[8];

	board_set_extensions(&d->b, many, 3);
	type(d, "dal");
	assert_int_equal(console_matches(&d->c, m, 8), 2);
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@o");
	type(d, "dal");
	console_key(&d->c, KEYC_DOWN);
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:203@o");
	type(d, "dsup");
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@o");
	/* a number outside the list is dialled as typed */
	type(d, "d5555");
	assert_int_equal(console_matches(&d->c, m, 8), 0);
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:5555@127.0.0.1");
}

/* Sorted by department, the prompt's matches, find and Tab completion
 * list the extensions in the order the operator sees them. */
static void matches_follow_the_department_order(void **state)
{
	struct extension two[] = {
		{ .number = "201", .name = "Alice Martin",
		  .department = "Support", .uri = "sip:201@o" },
		{ .number = "203", .name = "Alan Smithee",
		  .department = "Accounts", .uri = "sip:203@o" },
	};
	struct desk *d = *state;

	board_set_extensions(&d->b, two, 2);
	type(d, "dal");
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@o");
	assert_int_equal(console_run(&d->c, "sort"), 0);
	type(d, "dal");
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:203@o");
	assert_int_equal(console_run(&d->c, "find al"), 0);
	assert_string_equal(console_selected_extension(&d->c)->number, "203");
	type(d, ":dial al");
	console_key(&d->c, KEYC_TAB);
	assert_non_null(strstr(d->b.status, "Alan Smithee 203, Alice Martin 201"));
	console_key(&d->c, KEYC_ESC);
}

static void enter_completes_while_a_consult_waits(void **state)
{
	struct desk *d = *state;
	caller_talks(d, "sip:1@x");
	type(d, "c201");
	console_key(&d->c, KEYC_ENTER);
	board_on_established(&d->b, fake_last(&d->phone)->id);
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
}

static void a_busy_target_asks_first(void **state)
{
	struct extension busy[] = {
		{ .number = "201", .name = "Alice Martin", .uri = "sip:201@o",
		  .voicemail = "sip:vm-201@o", .presence = PRESENCE_BUSY },
	};
	struct desk *d = *state;

	board_set_extensions(&d->b, busy, 1);
	caller_talks(d, "sip:1@x");
	d->phone.nops = 0;
	type(d, "talice");
	console_key(&d->c, KEYC_ENTER);
	assert_int_equal(d->c.mode, MODE_CONFIRM);
	assert_string_equal(d->c.confirm_text, "Alice Martin is busy: y go "
			    "ahead, v voicemail, n cancel");
	assert_int_equal(d->phone.nops, 0);
	type(d, "n");
	assert_int_equal(d->phone.nops, 0);
	type(d, "talice");
	console_key(&d->c, KEYC_ENTER);
	type(d, "v");
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:vm-201@o");
}

static void expect_keymap_error(const char *file, const char *message)
{
	char path[512], full[1024];
	struct keymap km;
	struct diag diag;

	snprintf(path, sizeof(path), "%s/keymaps/%s", TEST_DATA_DIR, file);
	snprintf(full, sizeof(full), "%s:%s", path, message);
	diag_init(&diag);
	assert_int_not_equal(keymap_load(&km, path, &diag), 0);
	assert_true(diag_has_errors(&diag));
	assert_string_equal(diag_first_error(&diag), full);
	diag_free(&diag);
	keymap_free(&km);
}

static void bad_keymaps_name_file_and_line(void **state)
{
	expect_keymap_error("input-unknown-action.keymap",
			    "3: unknown action 'teleport'");
	expect_keymap_error("input-unknown-key.keymap",
			    "2: unknown key name 'F25'");
	expect_keymap_error("input-duplicate.keymap",
			    "4: key 'a' is bound twice in mode 'normal'");
	expect_keymap_error("input-missing-arg.keymap",
			    "2: action 'dtmf' needs DIGIT");
	expect_keymap_error("input-bad-arg.keymap",
			    "3: action 'dtmf' takes a DTMF digit, not 'Z'");
	expect_keymap_error("input-unknown-mode.keymap",
			    "2: unknown mode 'party' (normal, consult, prompt, help, confirm)");
}

static void colon_runs_any_action_and_tab_completes(void **state)
{
	struct extension many[] = {
		{ .number = "201", .name = "Alice Martin", .department = "Sales",
		  .uri = "sip:201@o" },
		{ .number = "202", .name = "Alan Smithee",
		  .department = "Support", .uri = "sip:202@o" },
	};
	struct desk *d = *state;

	board_set_extensions(&d->b, many, 2);
	caller_talks(d, "sip:+331@x");

	type(d, ":trans");
	console_key(&d->c, KEYC_TAB);
	assert_string_equal(d->c.prompt_text, "transfer ");
	type(d, "al");
	console_key(&d->c, KEYC_TAB);             /* two Al...: listed */
	assert_string_equal(d->c.prompt_text, "transfer al");
	assert_non_null(strstr(d->b.status, "2 matches: Alice Martin 201"));
	type(d, "ic");
	console_key(&d->c, KEYC_TAB);
	assert_string_equal(d->c.prompt_text, "transfer 201");
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->what, "refer");
	assert_string_equal(fake_last(&d->phone)->uri, "sip:201@o");
	assert_int_equal(d->c.mode, MODE_NORMAL);

	/* several actions share a prefix: the common part, and a list */
	type(d, ":d");
	console_key(&d->c, KEYC_TAB);
	assert_string_equal(d->c.prompt_text, "d");
	assert_non_null(strstr(d->b.status, "dial"));
	assert_non_null(strstr(d->b.status, "dtmf"));
	console_key(&d->c, KEYC_ESC);

	/* a bad line says so and changes nothing */
	d->phone.nops = 0;
	type(d, ":teleport 201");
	console_key(&d->c, KEYC_ENTER);
	assert_true(d->b.status_error);
	assert_non_null(strstr(d->b.status, "teleport"));
	assert_int_equal(d->phone.nops, 0);
}

static void macros_load_expand_and_refuse_loops(void **state)
{
	char path[512], err[256];
	char steps[MACRO_EXPANDED_MAX][KEYMAP_MACRO_STEP_MAX];
	struct keymap km;
	struct diag diag;
	size_t n;

	snprintf(path, sizeof(path), "%s/keymaps/macros.keymap",
		 TEST_DATA_DIR);
	diag_init(&diag);
	assert_int_equal(keymap_load(&km, path, &diag), 0);
	assert_int_equal(km.nmacros, 3);   /* with default's page-park */
	assert_string_equal(keymap_lookup(&km, MODE_NORMAL, KEYC_F1 + 8)->action,
			    "macro greet-sales");
	assert_int_equal(macro_expand(&km, "greet-sales", steps, &n, err,
				      sizeof(err)), 0);
	assert_int_equal(n, 5);
	assert_string_equal(steps[0], "answer");
	assert_string_equal(steps[2], "consult 201");
	assert_string_equal(steps[4], "complete");
	assert_int_not_equal(macro_expand(&km, "nosuch", steps, &n, err,
					  sizeof(err)), 0);
	assert_string_equal(err, "no macro 'nosuch'");
	diag_free(&diag);
	keymap_free(&km);

	expect_keymap_error("macro-loop.keymap",
			    "1: macro loop detected: a -> b -> a");
	expect_keymap_error("macro-bad-step.keymap",
			    "1: macro 'x' step 2: unknown action 'teleport'");
	expect_keymap_error("macro-long.keymap",
			    "1: macro 'w' may wait 960 s in all, at most 600");
}

static void every_shipped_keymap_loads(void **state)
{
	static const char *const names[] = { "default", "attendant", "vi" };
	char path[512];
	struct keymap km;
	struct diag diag;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/keymaps/%s.keymap",
			 SOURCE_ROOT, names[i]);
		diag_init(&diag);
		assert_int_equal(keymap_load(&km, path, &diag), 0);
		assert_int_equal(diag.count, 0);
		/* every keymap can run a prompt */
		assert_non_null(keymap_lookup(&km, MODE_PROMPT, KEYC_ENTER));
		diag_free(&diag);
		keymap_free(&km);
	}
}

/* A desk whose console runs shipped keymap NAME. */
static void desk_with_keymap(struct desk *d, const char *name)
{
	char path[512];
	struct diag diag;

	memset(d, 0, sizeof(*d));
	fake_phone_setup(&d->phone, &d->b);
	board_set_extensions(&d->b, exts, 1);
	snprintf(path, sizeof(path), "%s/keymaps/%s.keymap", SOURCE_ROOT,
		 name);
	diag_init(&diag);
	assert_int_equal(keymap_load(&d->km, path, &diag), 0);
	diag_free(&diag);
	console_init(&d->c, &d->b, &d->km);
}

/* The screen says keys: hints name the keys of the operator's keymap,
 * ':action' where it binds none. */
static void hints_name_the_keys_of_the_active_keymap(void **state)
{
	static struct desk d;

	(void)state;
	desk_with_keymap(&d, "default");
	assert_string_equal(board_key(&d.b, "complete"), "T");
	assert_string_equal(board_key(&d.b, "swap"), "s");
	assert_string_equal(board_key(&d.b, "cancel"), "Esc");
	assert_string_equal(board_key(&d.b, "confirm-alt"), "v");
	/* a macro counts only bound as itself */
	assert_string_equal(board_key(&d.b, "macro page-park"), "I");
	assert_string_equal(board_key(&d.b, "answer-or-hangup"),
			    ":answer-or-hangup");
	assert_int_equal(console_run(&d.c, "find ali"), 0);
	assert_string_equal(d.b.status, "Alice Martin (201): d dial, "
			    "c consult, t transfer, v voicemail");
	console_close(&d.c);
	keymap_free(&d.km);
	fake_phone_close(&d.phone);

	/* the attendant binds neither T nor s */
	desk_with_keymap(&d, "attendant");
	assert_string_equal(board_key(&d.b, "complete"), "F7");
	assert_string_equal(board_key(&d.b, "swap"), "KP*");
	assert_string_equal(board_key(&d.b, "cancel"), "F8");
	assert_string_equal(board_key(&d.b, "help"), "F1");
	assert_int_equal(console_run(&d.c, "find ali"), 0);
	assert_string_equal(d.b.status, "Alice Martin (201): F11 dial, "
			    "F5 consult, F6 transfer, F10 voicemail");
	console_key(&d.c, 'z');
	assert_string_equal(d.b.status,
			    "z is not bound in normal mode (F1 for help)");
	console_close(&d.c);
	keymap_free(&d.km);
	fake_phone_close(&d.phone);

	/* vi holds with Space: its h moves between panes */
	desk_with_keymap(&d, "vi");
	assert_string_equal(board_key(&d.b, "hold"), "Space");
	assert_string_equal(board_key(&d.b, "focus-next"), "h");
	assert_string_equal(board_key(&d.b, "complete"), "T");
	console_close(&d.c);
	keymap_free(&d.km);
	fake_phone_close(&d.phone);
}

static void a_keymap_includes_another_and_rebinds_keys(void **state)
{
	char path[512];
	struct keymap km;
	struct diag diag;
	const struct binding *b;

	snprintf(path, sizeof(path), "%s/keymaps/include-default.keymap",
		 TEST_DATA_DIR);
	diag_init(&diag);
	assert_int_equal(keymap_load(&km, path, &diag), 0);
	b = keymap_lookup(&km, MODE_NORMAL, 'x');
	assert_non_null(b);
	assert_string_equal(b->action, "hold");
	b = keymap_lookup(&km, MODE_NORMAL, KEYC_F1 + 1);
	assert_string_equal(b->action, "answer");
	/* the rest comes from the shipped default */
	b = keymap_lookup(&km, MODE_NORMAL, 't');
	assert_string_equal(b->action, "transfer");
	b = keymap_lookup(&km, MODE_PROMPT, KEYC_ENTER);
	assert_string_equal(b->action, "prompt-submit");
	diag_free(&diag);
	keymap_free(&km);

	expect_keymap_error("include-duplicate.keymap",
			    "5: key 'x' is bound twice in mode 'normal'");
	expect_keymap_error("include-missing.keymap",
			    "2: include 'no-such-keymap': keymap not found");
}

static void u_mutes_plus_minus_set_the_volume_bad_values_change_nothing(
	void **state)
{
	struct desk *d = *state;

	type(d, "u");
	assert_true(d->phone.muted);
	type(d, "--+");
	assert_int_equal(d->phone.volume_db, -3);
	assert_int_equal(console_run(&d->c, "volume -12"), 0);
	assert_int_equal(d->phone.volume_db, -12);
	assert_int_equal(console_run(&d->c, "volume loud"), EINVAL);
	assert_int_equal(console_run(&d->c, "volume 40"), EINVAL);
	assert_int_equal(d->phone.volume_db, -12);
	assert_true(d->b.status_error);
	assert_int_equal(console_run(&d->c, "mute maybe"), EINVAL);
	assert_true(d->phone.muted);
	assert_int_equal(console_run(&d->c, "mute off"), 0);
	assert_false(d->phone.muted);
}

/* The table's declaration parses and refuses arguments and decides
 * which prompt a missing one opens, for every action alike. */
static void arguments_come_from_the_action_table(void **state)
{
	struct desk *d = *state;

	caller_talks(d, "sip:1@x");
	d->phone.nops = 0;
	assert_int_equal(console_run(&d->c, "pickup two"), EINVAL);
	assert_string_equal(d->b.status,
			    "pickup takes a slot number, not 'two'");
	assert_int_equal(console_run(&d->c, "dtmf Z"), EINVAL);
	assert_string_equal(d->b.status,
			    "dtmf takes a DTMF digit, not 'Z'");
	assert_int_equal(console_run(&d->c, "hold now"), EINVAL);
	assert_string_equal(d->b.status, "hold takes no argument");
	assert_int_equal(console_run(&d->c, "volume"), EINVAL);
	assert_string_equal(d->b.status, "volume needs up|down|DB");
	assert_int_equal(d->phone.nops, 0);
	assert_int_equal(d->c.mode, MODE_NORMAL);

	assert_int_equal(console_run(&d->c, "pickup 1001"), EINVAL);
	assert_int_equal(d->phone.nops, 0);

	/* a missing slot asks for a number, without the matches */
	assert_int_equal(console_run(&d->c, "pickup"), 0);
	assert_int_equal(d->c.mode, MODE_PROMPT);
	assert_string_equal(d->c.prompt_label, "Pick up slot");
	assert_false(d->c.prompt_targets);
	console_key(&d->c, KEYC_ESC);
	/* a missing target asks with the matches */
	assert_int_equal(console_run(&d->c, "voicemail"), 0);
	assert_string_equal(d->c.prompt_label, "Voicemail of");
	assert_true(d->c.prompt_targets);
	assert_false(d->c.prompt_command);
	console_key(&d->c, KEYC_ESC);
	assert_int_equal(console_run(&d->c, "command"), 0);
	assert_true(d->c.prompt_command);
	console_key(&d->c, KEYC_ESC);
	assert_int_equal(d->phone.nops, 0);
}

/* What an action needs is declared in the table: unmet, the operator
 * reads core's words and nothing reaches the phone. */
static void preconditions_refuse_and_change_nothing(void **state)
{
	struct desk *d = *state;

	assert_int_equal(console_run(&d->c, "hold"), ENOENT);
	assert_string_equal(d->b.status, "No call to hold");
	assert_int_equal(console_run(&d->c, "dtmf 5"), ENOENT);
	assert_string_equal(d->b.status, "No connected call for DTMF '5'");
	assert_int_equal(console_run(&d->c, "cancel"), ENOENT);
	assert_string_equal(d->b.status, "No consult to cancel");
	assert_int_equal(console_run(&d->c, "split"), ENOENT);
	assert_string_equal(d->b.status, "No conference to split");
	assert_int_equal(console_run(&d->c, "answer"), ENOENT);
	assert_string_equal(d->b.status, "No ringing call to answer");
	assert_true(d->b.status_error);
	assert_int_equal(d->phone.nops, 0);
	/* met, the action runs */
	board_on_offered(&d->b, "ACME", "sip:1@x");
	assert_int_equal(console_run(&d->c, "answer"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "answer");
}

static void the_call_button_answers_then_hangs_up(void **state)
{
	struct desk *d = *state;
	line_id id;

	assert_int_equal(console_run(&d->c, "answer-or-hangup"), ENOENT);
	id = board_on_offered(&d->b, "ACME", "sip:1@x");
	assert_int_equal(console_run(&d->c, "answer-or-hangup"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "answer");
	board_on_established(&d->b, id);
	assert_int_equal(console_run(&d->c, "answer-or-hangup"), 0);
	assert_string_equal(fake_last(&d->phone)->what, "hangup");
	assert_int_equal(d->b.nlines, 0);
}

static void slash_finds_and_a_target_key_starts_from_it(void **state)
{
	struct extension many[] = {
		{ .number = "201", .name = "Alice Martin", .department = "Sales",
		  .uri = "sip:201@o" },
		{ .number = "202", .name = "Zoë Müller", .department = "Support",
		  .uri = "sip:202@o" },
	};
	struct desk *d = *state;

	board_set_extensions(&d->b, many, 2);
	type(d, "/mull");
	console_key(&d->c, KEYC_ENTER);
	assert_int_equal(d->c.mode, MODE_NORMAL);
	assert_ptr_equal(console_selected_extension(&d->c), &many[1]);
	/* d opens the prompt with 202 in it: Enter dials there */
	type(d, "d");
	assert_string_equal(d->c.prompt_text, "202");
	console_key(&d->c, KEYC_ENTER);
	assert_string_equal(fake_last(&d->phone)->uri, "sip:202@o");
	/* nothing found: a message, the selection stays */
	type(d, "/qqq");
	console_key(&d->c, KEYC_ENTER);
	assert_true(d->b.status_error);
	assert_int_equal(fake_exts(&d->b)->selected, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(enter_answers_and_h_holds, setup, teardown),
		cmocka_unit_test_setup_teardown(w_camps_on_a_busy_colleague_and_esc_ends_it, setup, teardown),
		cmocka_unit_test_setup_teardown(matches_follow_the_department_order, setup, teardown),
		cmocka_unit_test_setup_teardown(d_opens_a_prompt_that_dials, setup, teardown),
		cmocka_unit_test_setup_teardown(esc_cancels_the_prompt_without_dialling, setup, teardown),
		cmocka_unit_test_setup_teardown(a_target_too_long_is_refused_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(quit_asks_while_calls_are_up, setup, teardown),
		cmocka_unit_test_setup_teardown(quit_without_calls_is_immediate, setup, teardown),
		cmocka_unit_test_setup_teardown(an_unbound_key_changes_nothing_but_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(digits_send_dtmf_in_normal_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(help_opens_and_any_key_closes, setup, teardown),
		cmocka_unit_test_setup_teardown(tab_moves_focus_and_arrows_select, setup, teardown),
		cmocka_unit_test(bad_keymaps_name_file_and_line),
		cmocka_unit_test(attendant_keymap_drives_a_transfer),
		cmocka_unit_test_setup_teardown(enter_completes_while_a_consult_waits, setup, teardown),
		cmocka_unit_test_setup_teardown(a_busy_target_asks_first, setup, teardown),
		cmocka_unit_test_setup_teardown(target_prompt_picks_the_highlighted_match, setup, teardown),
		cmocka_unit_test_setup_teardown(slash_finds_and_a_target_key_starts_from_it, setup, teardown),
		cmocka_unit_test_setup_teardown(u_mutes_plus_minus_set_the_volume_bad_values_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(arguments_come_from_the_action_table, setup, teardown),
		cmocka_unit_test_setup_teardown(preconditions_refuse_and_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(the_call_button_answers_then_hangs_up, setup, teardown),
		cmocka_unit_test(a_keymap_includes_another_and_rebinds_keys),
		cmocka_unit_test_setup_teardown(colon_runs_any_action_and_tab_completes, setup, teardown),
		cmocka_unit_test(every_shipped_keymap_loads),
		cmocka_unit_test(hints_name_the_keys_of_the_active_keymap),
		cmocka_unit_test(macros_load_expand_and_refuse_loops),
	};

	return cmocka_run_group_tests_name("console", tests, NULL, NULL);
}
