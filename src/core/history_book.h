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
 * does not say (written by an older cordboard). The strings are never
 * NULL ("" when absent) and live in the book's arena. */
struct history_record {
	int64_t at;               /* wall clock seconds, when it ended */
	bool inbound;
	bool answered;            /* the operator (or someone) talked */
	bool handled;             /* a missed caller called back or dismissed */
	int32_t waited_s, talked_s, rang_s, reminders;
	const char *outcome;      /* answered, missed, abandoned, night... */
	const char *how;          /* handled: "called back" or "dismissed" */
	const char *number;
	const char *uri;          /* the caller's From URI or the dialled URI */
	const char *name;         /* display name as received (unsanitised) */
	const char *company;      /* the company line the caller dialled */
	const char *to;           /* who got the caller */
};

/* A "handled" mark read before the call it names (newest first). */
struct history_mark;
/* Blocks of strings that never move, so records can point into them. */
struct history_arena_block;

struct history_book {
	struct history_record *recs;   /* newest first, as parsed so far */
	size_t n, cap;
	/* every record's fields folded (history_fold), one string each,
	 * side by side in record order: find reads this, not the records */
	char *hays;
	size_t hays_len, hays_cap;
	uint32_t *hay_at;              /* where record i's string starts */
	size_t freq[256];              /* how often each byte is in hays */
	struct history_arena_block *arena;
	size_t arena_bytes;
	size_t bad;                    /* lines skipped: torn or unreadable */
	size_t first_bad_line;         /* 1-based, the oldest; 0: untold */
	/* the file mapped while lines remain to parse, read from the end */
	const char *map;
	size_t map_len;
	size_t left;                   /* bytes before the next line back */
	int64_t since;
	long first_bad_at, last_bad_at; /* byte offsets, -1: none */
	struct history_mark *marks;
	size_t nmarks, capmarks;
	struct board *warn_to;
	char path[4096];
};

/* True when the caller never reached anyone: missed or abandoned. */
bool history_record_missed(const struct history_record *r);

/* Opens PATH and parses only its newest FIRST call records (and the
 * "handled" marks after them): the rest waits for history_book_more.
 * Only records that ended at SINCE_WALL_S or later are read (0: all).
 * A torn or bad line is skipped and counted, then said once in B's log
 * (B may be NULL) when the book completes. Returns 0 or an errno value
 * (ENOENT: no history yet). */
int history_book_open(struct history_book *book, const char *path,
		      int64_t since_wall_s, size_t first, struct board *b);

/* Parses up to LINES more lines, older ones; true while some remain. */
bool history_book_more(struct history_book *book, size_t lines);

/* True once every line is parsed. */
bool history_book_complete(const struct history_book *book);

/* How much of the file is parsed, 0..100. */
int history_book_percent(const struct history_book *book);

/* history_book_open and every line parsed at once. */
int history_book_load(struct history_book *book, const char *path,
		      int64_t since_wall_s, struct board *b);
void history_book_free(struct history_book *book);

/* The records (indices into book->recs, newest first) with TEXT in any
 * field, ignoring case and accents; IN, when not NULL, the NIN hits of a
 * shorter text to narrow. Returns how many, written to OUT (room for
 * book->n). */
size_t history_book_find(const struct history_book *book, const char *text,
			 const size_t *in, size_t nin, size_t *out);

/* The same over the records from FROM on only (parsed since a find). */
size_t history_book_find_from(const struct history_book *book,
			      const char *text, size_t from, size_t *out);

/* Appends {"record":"handled","of":OF,"number":...,"how":HOW} to PATH
 * (fsync'd off the main loop, durable.h), so a missed caller stays
 * handled across restarts.
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

/* "0:12", or "1:02:41" past an hour (a negative time reads 0:00). */

/* A record's outcome in the receptionist's words: "answered",
 * "transferred to Bob", "missed: rang 0:12 unanswered". */
void history_outcome_text(const struct history_record *r, char *out,
			  size_t sz);

#endif
