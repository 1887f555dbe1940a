/*
 * queue.h — the waiting room: every caller waiting for the operator
 * (ringing, held, parked, recalled, camped on a colleague) in one order,
 * priority first, then the longest wait; its alarms (a call ringing too
 * long, a caller left on hold) and its overflow. The queue derives who
 * waits from the lines themselves and keeps only what they do not say:
 * when each wait began, the company line, the priority, the reminders.
 */
#ifndef CORDBOARD_CORE_QUEUE_H
#define CORDBOARD_CORE_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "line.h"
#include "settings.h"

struct board;

enum wait_kind {
	WAIT_NONE = 0,            /* with the operator, or not a caller */
	WAIT_RINGING,             /* offered, not answered yet */
	WAIT_HELD,                /* held by the operator */
	WAIT_PARKED,              /* in a park slot */
	WAIT_RECALLED,            /* back from a transfer that failed */
	WAIT_CAMPED,              /* waiting for a busy colleague */
};

struct queue_entry {
	line_id id;
	enum wait_kind kind;
	int priority;             /* 0-9, the higher waits less */
	bool vip;                 /* from the directory: marked */
	int company;              /* index of its company line, -1: none */
	int64_t arrived_ms;       /* reached the console */
	int64_t since_ms;         /* in this kind of wait since */
	int64_t waited_ms;        /* waited before this wait began */
	bool alarm;               /* rang or held too long: the alarm style */
	unsigned reminders;       /* reminders given for this caller */
	int64_t next_reminder_ms; /* 0: none due */
	bool overflowed;          /* sent to the overflow target once */
	bool abandoned;           /* hung up while waiting: its wait is
				   * over, waited_ms holds all of it */
};

/* What the queue pane's summary and the stats action count today (from
 * the history file at start-up, then as calls end). */
struct queue_stats {
	unsigned answered;
	unsigned abandoned;       /* hung up while waiting */
	unsigned abandoned_unseen;/* ...since the operator last looked */
	int64_t wait_total_s;     /* over answered and abandoned callers */
	int64_t wait_longest_s;
	unsigned waits;           /* callers wait_total_s is over */
	unsigned reminders;
};

/* The settings and company lines (copied); board_init sets defaults. */
int  queue_configure(struct board *b, const struct queue_config *cfg,
		     const struct company_line *lines, size_t nlines);
const struct queue_config *queue_settings(struct board *b);

/* The callers waiting now, head first; at most MAX written to OUT
 * (valid until the board changes). Returns how many wait in all. */
size_t queue_order(struct board *b, const struct queue_entry **out,
		   size_t max);
/* L's entry (also while it talks, with kind WAIT_NONE), or NULL. */
const struct queue_entry *queue_entry_of(struct board *b, line_id id);
/* The company line a call came in on, or NULL. */
const struct company_line *queue_company_of(struct board *b, line_id id);
/* Seconds waited in all (every wait of the call so far), and in the
 * wait it is in now. */
int64_t queue_waited_s(const struct queue_entry *e, int64_t now_ms);
int64_t queue_in_state_s(const struct queue_entry *e, int64_t now_ms);
/* "ringing", "on hold", "parked", "back", "waiting for Alice Martin" */
const char *queue_wait_words(struct board *b, const struct queue_entry *e,
			     char *buf, size_t sz);

/* The caller answer takes: the head of the callers asking for the
 * operator (ringing, recalled, back from a camp-on), else 0. */
line_id queue_next_to_answer(struct board *b);
/* The head among those the operator put aside (held, parked), or 0. */
line_id queue_next_waiting(struct board *b);

/* Today's figures; the operator has looked at the abandoned ones. */
const struct queue_stats *queue_stats(struct board *b);
void queue_stats_seen(struct board *b);
/* A call from the history file (start-up), or one now: ANSWERED by the
 * operator, or ABANDONED (hung up while waiting), after WAITED_S (-1:
 * its wait is counted already), and REMINDERS given for it. */
void queue_stats_count(struct board *b, bool answered, bool abandoned,
		       int64_t waited_s, unsigned reminders);

#endif
