/*
 * callback.h — the callers the desk owes a call: missed and abandoned
 * callers counted until called back or dismissed (marks kept in the
 * history file), the callback and redial dialling rules.
 */
#ifndef CORDBOARD_CORE_CALLBACK_H
#define CORDBOARD_CORE_CALLBACK_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "history_book.h"

/* At start: prunes PATH to KEEP_DAYS, then reads the last week's tail
 * for the callers still owed a call and the last number dialled (a
 * torn line is said once, by the history view).
 * WALL_S (NULL: time()) dates the marks. Returns 0 or an errno value
 * (ENOENT: no history yet, which is no news). */
int board_history_open(struct board *b, const char *path, int keep_days,
		       int64_t (*wall_s)(void));
/* The two halves of it: the pruning, at start; the week's tail, once
 * the console is ready, so start-up does not grow with a busy history. */
int board_history_prepare(struct board *b, const char *path, int keep_days,
			  int64_t (*wall_s)(void));
int board_history_owed_read(struct board *b);

/* The history file board_history_open was given ("" when none). */
const char *board_history_path(struct board *b);

/* How many missed or abandoned callers nobody called back yet. */
size_t board_missed_count(struct board *b);

/* Dials R's caller back: the number through the PBX when a registrar
 * is configured, else the caller's own URI; every owed call from that
 * number is then handled. Returns 0 or an errno value. */
int board_callback(struct board *b, const struct history_record *r);

/* R's caller is no longer owed a call (the operator says so). */
int board_dismiss(struct board *b, const struct history_record *r);

/* Dials again what was dialled last (this run, else the history).
 * ENOENT when nothing was. */
int board_redial(struct board *b);

/* True when the history's unreadable lines from byte FIRST_AT to
 * LAST_AT were already said in B's log; else remembers them as said, so
 * a torn line is said once, whoever reads the file. */
bool board_history_warned(struct board *b, long first_at, long last_at);

#endif
