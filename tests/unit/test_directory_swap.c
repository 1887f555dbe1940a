/*
 * test_directory_swap.c — a new directory under live calls (a reload):
 * what the board knew of a colleague watched the same way carries
 * over, a moved or newly watched one starts unknown, who came and went
 * is counted, the calls and a consult to a colleague who went go on,
 * and the extensions pane shows the new directory in its own order.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/directory_swap.h"
#include "core/events_xml.h"
#include "fake_phone.h"
#include "tui/pane.h"

struct desk {
	struct board b;
	struct fake_phone phone;
	struct extension *exts;        /* the directory the board has now */
	int reloaded;                  /* EV_SERVICE "reloaded" seen */
	char reloaded_sentence[256];
};

/* An extension watched both ways unless said otherwise. */
static struct extension person(const char *number, const char *name,
			       const char *dept, const char *uri)
{
	struct extension e;

	ext_init(&e);
	e.watch_presence = true;
	e.watch_dialog = true;
	ext_text_set(&e, &e.number, number);
	ext_text_set(&e, &e.name, name);
	ext_text_set(&e, &e.department, dept);
	ext_text_set(&e, &e.uri, uri);
	return e;
}

/* A directory on the heap, as the config loader makes one: it takes
 * over the texts of V's N entries. */
static struct extension *directory(const struct extension *v, size_t n)
{
	struct extension *d = calloc(n, sizeof(*d));

	assert_non_null(d);
	if (n)
		memcpy(d, v, n * sizeof(*d));
	return d;
}

static void watch(void *arg, const struct board_event *ev)
{
	struct desk *d = arg;

	if (ev->type == EV_SERVICE && !strcmp(ev->text, "reloaded")) {
		d->reloaded++;
		snprintf(d->reloaded_sentence, sizeof(d->reloaded_sentence),
			 "%s", ev->sentence ? ev->sentence : "");
	}
}

static int setup(void **state)
{
	static struct desk d;
	const struct extension first[] = {
		person("201", "Alice Martin", "Sales", "sip:201@office"),
		person("202", "Bob Stone", "Support", "sip:202@office"),
		person("203", "Carol Diaz", "Lab", "sip:203@office"),
		person("205", "Eve Moss", "Lab", "sip:205@office"),
	};

	memset(&d, 0, sizeof(d));
	fake_phone_setup(&d.phone, &d.b);
	d.exts = directory(first, 4);
	d.exts[2].watch_presence = false;      /* Carol: BLF only */
	board_set_extensions(&d.b, d.exts, 4);
	board_observe(&d.b, watch, &d);
	*state = &d;
	return 0;
}

static int teardown(void **state)
{
	struct desk *d = *state;
	size_t n = d->b.nexts;      /* the board forgets it as it closes */
	int err = fake_board_teardown(state);

	ext_array_free(d->exts, n);
	return err;
}

/* Replaces the directory with V, as a reload does (the old array is
 * freed once the board has the new one). */
static struct directory_change replace(struct desk *d,
				       const struct extension *v, size_t n)
{
	struct extension *old = d->exts;
	size_t nold = d->b.nexts;
	struct directory_change chg;

	d->exts = directory(v, n);
	board_directory_replace(&d->b, d->exts, n, &chg);
	ext_array_free(old, nold);
	return chg;
}

static void presence(struct board *b, const char *number, enum presence p,
		     const char *note)
{
	struct presence_info info = { .presence = p };

	snprintf(info.note, sizeof(info.note), "%s", note);
	board_on_presence(b, number, &info);
}

static void line_state(struct board *b, const char *number,
		       enum ext_line_state s, const char *peer_name)
{
	struct dialog_info info = { .state = s };

	snprintf(info.peer_name, sizeof(info.peer_name), "%s", peer_name);
	snprintf(info.peer, sizeof(info.peer), "sip:+3315551234@office");
	board_on_line_state(b, number, &info);
}

static void what_the_board_knew_carries_over_by_number(void **state)
{
	struct desk *d = *state;
	const struct extension next[] = {
		/* unsorted, as a file may be */
		person("204", "Dan Okafor", "Sales", "sip:204@office"),
		person("203", "Carol Diaz", "Lab", "sip:203@office"),
		person("202", "Bob Stone", "Support", "sip:202@pbx"),
		person("201", "Alice M. Martin", "Sales", "sip:201@office"),
	};
	struct directory_change chg;
	const struct extension *e;

	presence(&d->b, "201", PRESENCE_AWAY, "Back at 3");
	line_state(&d->b, "201", EXT_LINE_INCALL, "ACME Corp");
	presence(&d->b, "202", PRESENCE_BUSY, "");
	line_state(&d->b, "203", EXT_LINE_RINGING, "ACME Corp");
	chg = replace(d, next, 4);
	assert_int_equal(chg.came, 1);          /* 204 */
	assert_int_equal(chg.went, 1);          /* 205 */
	assert_int_equal(chg.kept, 3);
	/* in number order, the new names */
	assert_string_equal(d->b.exts[0].number, "201");
	assert_string_equal(d->b.exts[3].number, "204");
	e = board_extension(&d->b, "201");
	assert_string_equal(e->name, "Alice M. Martin");
	/* same URI, still watched: its subscriptions go on and will not
	 * tell again, so what they told stays */
	assert_int_equal(e->presence, PRESENCE_AWAY);
	assert_string_equal(e->note, "Back at 3");
	assert_int_equal(e->line_state, EXT_LINE_INCALL);
	assert_string_equal(e->peer, "ACME Corp");
	/* moved to another URI: a new subscription will say */
	assert_int_equal(board_extension(&d->b, "202")->presence,
			 PRESENCE_UNKNOWN);
	/* Carol's line state goes on; her presence was never watched */
	e = board_extension(&d->b, "203");
	assert_int_equal(e->line_state, EXT_LINE_RINGING);
	assert_int_equal(e->presence, PRESENCE_UNKNOWN);
	/* who came is found, who went is not */
	assert_non_null(board_extension(&d->b, "204"));
	assert_int_equal(board_extension(&d->b, "204")->presence,
			 PRESENCE_UNKNOWN);
	assert_null(board_extension(&d->b, "205"));
	/* a NOTIFY for the newcomer reaches the new array */
	presence(&d->b, "204", PRESENCE_AVAILABLE, "");
	assert_int_equal(board_extension(&d->b, "204")->presence,
			 PRESENCE_AVAILABLE);
}

static void a_state_no_longer_watched_is_not_kept(void **state)
{
	struct desk *d = *state;
	struct extension next[] = {
		person("201", "Alice Martin", "Sales", "sip:201@office"),
	};

	presence(&d->b, "201", PRESENCE_DND, "Meeting");
	line_state(&d->b, "201", EXT_LINE_HELD, "ACME Corp");
	next[0].watch_dialog = false;
	replace(d, next, 1);
	assert_int_equal(d->b.exts[0].presence, PRESENCE_DND);
	assert_int_equal(d->b.exts[0].line_state, EXT_LINE_UNKNOWN);
	assert_string_equal(d->b.exts[0].peer, "");
}

static void duplicates_and_an_empty_directory_are_counted_once(void **state)
{
	struct desk *d = *state;
	const struct extension twice[] = {
		person("301", "One", "A", "sip:301@office"),
		person("301", "One again", "A", "sip:301@office"),
	};
	struct directory_change chg;

	chg = replace(d, twice, 2);
	assert_int_equal(chg.came, 1);
	assert_int_equal(chg.went, 4);
	chg = replace(d, NULL, 0);
	assert_int_equal(chg.came, 0);
	assert_int_equal(chg.went, 1);
	assert_int_equal(d->b.nexts, 0);
	assert_null(board_extension(&d->b, "301"));
}

static void the_calls_and_a_consult_to_someone_gone_go_on(void **state)
{
	struct desk *d = *state;
	const struct extension next[] = {
		person("201", "Alice Martin", "Sales", "sip:201@office"),
	};
	line_id caller = fake_answered(&d->b, "ACME Corp", "sip:+331@x");
	line_id held = fake_answered(&d->b, "Globex", "sip:+332@x");
	line_id consult;
	struct xfer *x;

	/* Globex held; a consult to Bob (202) for ACME */
	board_hold_toggle(&d->b, held);
	board_on_hold_changed(&d->b, held, true);
	fake_select_line(&d->b, caller);
	assert_int_equal(board_consult(&d->b, caller, "202"), 0);
	consult = fake_last(&d->phone)->id;
	board_on_ringing(&d->b, consult);
	board_on_established(&d->b, consult);
	d->phone.nops = 0;
	replace(d, next, 1);                    /* Bob went */
	assert_int_equal(d->b.nlines, 3);
	assert_int_equal(board_line(&d->b, held)->state, LINE_HELD);
	assert_int_equal(board_line(&d->b, caller)->state, LINE_HELD);
	assert_int_equal(board_line(&d->b, consult)->state, LINE_TALKING);
	x = board_xfer_of(&d->b, caller);
	assert_non_null(x);
	assert_string_equal(x->target_label, "Bob Stone");
	/* nothing was sent to the phone by the swap */
	assert_int_equal(d->phone.nops, 0);
	/* the consult completes as it would have */
	assert_int_equal(board_complete(&d->b, consult), 0);
	assert_string_equal(fake_last(&d->phone)->what, "refer_replaces");
	assert_int_equal(fake_last(&d->phone)->id, caller);
}

static void the_pane_shows_the_new_directory_in_its_order(void **state)
{
	struct desk *d = *state;
	struct pane *p = fake_exts(&d->b);
	/* as many as before, other people: a stale order would show them
	 * in the old places */
	const struct extension next[] = {
		person("401", "Zoe", "Accounts", "sip:401@office"),
		person("402", "Yan", "Zoo", "sip:402@office"),
		person("403", "Xia", "Accounts", "sip:403@office"),
		person("404", "Wil", "Bar", "sip:404@office"),
	};

	fake_sort_toggle(&d->b);                /* by department */
	assert_string_equal(p->cls->extension_at(p, 0)->name, "Carol Diaz");
	/* the new array where the old one was (an allocator may well
	 * hand the same address out again, a reload or two later) */
	for (size_t i = 0; i < 4; i++)
		ext_release(&d->exts[i]);
	memcpy(d->exts, next, sizeof(next));
	board_directory_replace(&d->b, d->exts, 4, NULL);
	board_reload_done(&d->b, "Reloaded: 4 extensions (4 came, 4 went)");
	assert_string_equal(p->cls->extension_at(p, 0)->name, "Xia");
	assert_string_equal(p->cls->extension_at(p, 1)->name, "Zoe");
	assert_string_equal(p->cls->extension_at(p, 2)->name, "Wil");
	assert_string_equal(p->cls->extension_at(p, 3)->name, "Yan");
	assert_int_equal(d->reloaded, 1);
	assert_string_equal(d->b.status,
			    "Reloaded: 4 extensions (4 came, 4 went)");
	assert_string_equal(d->reloaded_sentence, d->b.status);
}

/* A directory's texts packed into one block read as before; a text set
 * again (a presence note) leaves the block, and all are freed once
 * (ASan in the asan- suite sees a double free or a leak). */
static void packed_texts_read_and_change_as_before(void **state)
{
	struct extension e;

	(void)state;
	ext_init(&e);
	ext_text_set(&e, &e.number, "201");
	ext_text_set(&e, &e.name, "Alice Martin");
	ext_text_set(&e, &e.uri, "sip:201@pbx");
	ext_texts_pack(&e);
	assert_non_null(e.texts_block);
	assert_ptr_equal(e.number, e.texts_block);
	assert_string_equal(e.name, "Alice Martin");
	assert_string_equal(e.uri, "sip:201@pbx");
	assert_string_equal(e.department, "");
	ext_text_set(&e, &e.name, "Alice Stone");
	ext_text_set(&e, &e.note, "in a meeting");
	assert_string_equal(e.name, "Alice Stone");
	assert_string_equal(e.number, "201");
	ext_texts_pack(&e);   /* once only: the block stays */
	assert_ptr_equal(e.number, e.texts_block);
	ext_release(&e);
	assert_null(e.texts_block);
	assert_string_equal(e.name, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(packed_texts_read_and_change_as_before),
		cmocka_unit_test_setup_teardown(
			what_the_board_knew_carries_over_by_number, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			a_state_no_longer_watched_is_not_kept, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			duplicates_and_an_empty_directory_are_counted_once,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			the_calls_and_a_consult_to_someone_gone_go_on, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			the_pane_shows_the_new_directory_in_its_order, setup,
			teardown),
	};

	return cmocka_run_group_tests_name("directory_swap", tests, NULL,
					   NULL);
}
