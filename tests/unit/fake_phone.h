/*
 * fake_phone.h — a phone that records every operation, for core tests.
 */
#ifndef CORDBOARD_TESTS_FAKE_PHONE_H
#define CORDBOARD_TESTS_FAKE_PHONE_H

#include <stdint.h>

#include "core/board.h"
#include "tui/selection.h"

struct fake_op {
	char what[16];      /* "dial", "answer", "hangup", "hold", "dtmf",
			     * "refer", "refer_replaces", "register" */
	line_id id;
	int arg;            /* hold on/off, status, digit; dial: the
			     * intercom method of a page, 0 otherwise */
	char uri[256];
};

struct fake_phone {
	struct fake_op ops[64];
	int nops;
	int fail_next;      /* errno to return from the next operation */
	char fail_what[16]; /* ...of this kind only, when set */
	struct board *board;
	line_id busy_line;  /* its dialog has a request pending (a hold) */
	int close_on_hangup; /* report the close at once, like baresip */
	char last_display[160];
	char last_header[256];  /* a page's header text, "" for the method's */
	char last_message[4400]; /* the body of the last MESSAGE sent */
	/* the operator's audio: state, not operations */
	int muted;
	int volume_db;
	int ringing;
	int ring_changes;   /* times the ringer was switched */
	int ring_fails;     /* errno for the next ring on, 0 = works */
	int reminds[REMINDER_TONES]; /* tones played, by enum reminder_tone */
	/* the conference mix (fail_what "mix" makes it fail) */
	line_id mixed[8];
	size_t nmixed;
	int mix_with_operator;
	int mix_changes;
	/* what the operator points at: the screen's real selection */
	struct selection sel;
};

extern const struct phone_ops fake_phone_ops;
extern int64_t fake_now;

int64_t fake_clock(void);
/* Inits B on F (aborts when out of memory); fake_phone_close frees it. */
void fake_phone_setup(struct fake_phone *f, struct board *b);
void fake_phone_close(struct fake_phone *f);
/* A cmocka teardown for a state whose first member is a board. */
int fake_board_teardown(void **state);

/* Hints on B name the default keymap's keys ("T completes"), as the
 * input layer's lookup does; without it they read ":complete". */
void fake_keys_install(struct board *b);
/* The selection as the console resolves it for B's actions: the
 * selected call with the focus on the calls (else 0), the selected call
 * whatever the focus, the same for answer (0 unless it rings), and the
 * selection itself. */
line_id fake_sel(struct board *b);
line_id fake_sel_call(struct board *b);
line_id fake_sel_ringing(struct board *b);
struct selection *fake_selection(struct board *b);
void fake_sort_toggle(struct board *b);
/* B's calls pane and extensions pane; the focus to one of them. */
struct pane *fake_calls(struct board *b);
struct pane *fake_exts(struct board *b);
void fake_focus(struct board *b, struct pane *p);
/* Selects line ID in the calls pane, wherever the pane's order puts it. */
void fake_select_line(struct board *b, line_id id);
bool fake_focused(struct board *b, struct pane *p);

/* A call from NAME at URI, answered by the operator: its line. */
line_id fake_answered(struct board *b, const char *name, const char *uri);

/* How many WHAT operations were recorded on line ID. */
int fake_count(const struct fake_phone *f, const char *what, line_id id);

/* The last recorded operation, or NULL. */
const struct fake_op *fake_last(const struct fake_phone *f);

#endif
