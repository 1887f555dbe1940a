/*
 * history_book.h — the history file read back: the call records, newest
 * first, with what became of each caller and whether a missed one was
 * called back or dismissed since; find over any field; pruning of old
 * records at start.
 */
#ifndef CORDBOARD_CORE_HISTORY_BOOK_H
#define CORDBOARD_CORE_HISTORY_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct board;

/* 0: keep every record */
#define SETTINGS_HISTORY_KEEP_DAYS 90
#define SETTINGS_HISTORY_KEEP_DAYS_MAX 3650
/* the missed callers counted at start: the last week's */
#define HISTORY_MISSED_DAYS 7

/* One call as the history file tells it; numbers -1 when the record
 * does not say (written by an older cordboard). */
struct history_record {
	int64_t at;               /* wall clock seconds, when it ended */
	bool inbound;
	bool answered;            /* the operator (or someone) talked */
	bool handled;             /* a missed caller called back or dismissed */
	int64_t waited_s, talked_s, rang_s, reminders;
	char outcome[16];         /* answered, missed, abandoned, night... */
	char how[16];             /* handled: "called back" or "dismissed" */
	char number[64];
	char uri[128];            /* the caller's From URI or the dialled URI */
	char name[96];            /* display name as received (unsanitised) */
	char company[64];         /* the company line the caller dialled */
	char to[64];              /* who got the caller */
	size_t hay_at;            /* its fields for find, in book->hays */
};

struct history_book {
	struct history_record *recs;   /* newest first */
	size_t n, cap;
	/* every record's fields in lower case, one string each, side by
	 * side: find reads this, not the records */
	char *hays;
	size_t hays_len, hays_cap;
	size_t bad;                    /* lines skipped: torn or unreadable */
	size_t first_bad_line;         /* 1-based, 0 when read from a tail */
};

/* True when the caller never reached anyone: missed or abandoned. */
bool history_record_missed(const struct history_record *r);

/* Reads PATH's call records that ended at SINCE_WALL_S or later (0: all
 * of them), seeking back from the end so a long file costs only its
 * tail; "handled" records mark the calls they name. A torn or bad line
 * is skipped and counted, then said in B's log (B may be NULL).
 * Returns 0 or an errno value (ENOENT: no history yet). */
int history_book_load(struct history_book *book, const char *path,
		      int64_t since_wall_s, struct board *b);
void history_book_free(struct history_book *book);

/* The records (indices into book->recs, newest first) with TEXT in any
 * field, ignoring case; IN, when not NULL, the NIN hits of a shorter
 * text to narrow. Returns how many, written to OUT (room for book->n). */
size_t history_book_find(const struct history_book *book, const char *text,
			 const size_t *in, size_t nin, size_t *out);

/* Appends {"record":"handled","of":OF,"number":...,"how":HOW} to PATH
 * and fsyncs it, so a missed caller stays handled across restarts.
 * Returns 0 or an errno value. */
int history_mark_handled(const char *path, int64_t now_wall_s, int64_t of,
			 const char *number, const char *how);

/* Ends a last line a crash cut short with its newline, so the next
 * record is not glued to it (the torn line alone stays unreadable).
 * Returns 0 or an errno value. */
int history_seal(const char *path);

/* Drops the records older than KEEP_DAYS (0: none) before NOW_WALL_S by
 * writing the rest to a temporary file, fsync and rename; nothing is
 * written when the first record is recent enough. Returns how many
 * lines were dropped, or -errno. */
long history_prune(const char *path, int keep_days, int64_t now_wall_s);

/* A record's outcome in the receptionist's words: "answered",
 * "transferred to Bob", "missed: rang 0:12 unanswered". */
void history_outcome_text(const struct history_record *r, char *out,
			  size_t sz);

#endif
