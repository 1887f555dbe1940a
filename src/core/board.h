/*
 * board.h — the switchboard: the operator's lines, extensions, status and
 * the rules for answer, hold, dial and hang up. Plain C over plain data:
 * the phone is reached only through struct phone_ops, observers learn
 * about every change through struct board_event, and the screen reads
 * this model and the dirty flags.
 */
#ifndef CORDBOARD_CORE_BOARD_H
#define CORDBOARD_CORE_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extension.h"
#include "line.h"
#include "phone.h"
#include "settings.h"

#define BOARD_MAX_LINES 256   /* a busy switchboard with a queue, not a desk phone */
#define BOARD_RECENT_CALLERS 32
#define BOARD_LOG_LINES 200

enum board_dirty {
	DIRTY_CALLS  = 1 << 0,
	DIRTY_EXTS   = 1 << 1,
	DIRTY_STATUS = 1 << 2,
	DIRTY_LOG    = 1 << 3,
	DIRTY_EXT_ROWS = 1 << 4,  /* some states: EV_PRESENCE, EV_LINE_STATE */
	DIRTY_ALL    = 0xff,
};

enum reg_state {
	REG_NONE = 0,     /* peer-to-peer: no registrar */
	REG_REGISTERING,
	REG_OK,
	REG_FAILED,
};

enum board_event_type {
	EV_LINE_OFFERED,
	EV_LINE_DIALING,
	EV_LINE_RINGING,
	EV_LINE_ANSWERED,
	EV_LINE_HELD,
	EV_LINE_RESUMED,
	EV_LINE_CLOSED,
	EV_REGISTRATION,
	EV_RESULT,        /* an operator action finished (text says what) */
	EV_ERROR,         /* an operator action failed (text says why) */
	EV_TRANSFERRED,   /* a caller left for its target ("A -> B") */
	EV_PRESENCE,      /* an extension's presence changed (text: number) */
	EV_LINE_STATE,    /* an extension's line state changed (text: number) */
	EV_RECALL,        /* a transfer failed: the caller is back, flagged */
	EV_MUTE,          /* the operator's microphone (text: on, off) */
	EV_VOLUME,        /* the headset volume changed (text: dB) */
	EV_CONFERENCE,    /* the conference changed (text: merged, added,
			   * split, bridged, rejoined, handing-over,
			   * handed-over, ended) */
	EV_PARK,          /* a park slot changed (text: "parked 1",
			   * "picked-up 1", "recalled 1") */
	EV_PAGE,          /* a page (text: "paging", "ended") */
	EV_REMINDER,      /* a caller waits too long (queue.c): text is the
			   * sentence the status line shows */
	EV_CAMP_ON,       /* a camp-on changed (campon.c, text: "camped",
			   * "offered", "taken", "back", "cancelled",
			   * "gave-up") */
	EV_SERVICE,       /* the console's service changed (text: "day",
			   * "night", "away", "back", "detached",
			   * "attached", "reloaded") */
};

struct board_event {
	enum board_event_type type;
	const struct line *line;  /* NULL for board-wide events */
	int status;               /* SIP status where one applies */
	const char *text;         /* reason or message, may be NULL */
	/* the event in one sentence of the operator's words (narrate.c),
	 * or NULL when it is no news for the operator; set by board_emit
	 * before any observer sees the event */
	const char *sentence;
};

typedef void (board_observer_fn)(void *arg, const struct board_event *ev);

/* Writes the name of the key that runs ACTION in the operator's keymap
 * ("T", "C-x") into key; false when no key runs it. Set by the input
 * layer, so core names actions and every keymap shows its own keys. */
typedef bool (board_key_fn)(void *arg, const char *action, char *key,
			    size_t keysz);
/* Told when the operator starts a call leg (a dial, a consult, a page),
 * so the screen can select it; dialled: the operator dialled it. */
typedef void (board_started_fn)(void *arg, line_id id, bool dialled);
#define BOARD_KEY_NAMES 8       /* hints one status line may name */
#define BOARD_KEY_NAME_MAX 40

enum xfer_kind { XFER_BLIND, XFER_ATTENDED };
/* HOLDING: the REFER waits for the caller's dialog to be free (the hold's
 * re-INVITE pending); PAUSED: the caller's phone answered 491 and the
 * REFER is tried again after RFC 3261's pause (refer_pace.c). */
enum xfer_state { XFER_CONSULTING, XFER_REFERRING, XFER_HUNTING,
		  XFER_HOLDING, XFER_PAUSED };

#define BOARD_HUNT_MAX EXT_MEMBERS_MAX

/* A caller on the way to someone else: a consult (caller held, consult
 * leg to the target), a REFER waiting for its final NOTIFY, or a ring
 * group's members rung by the console (hunting) until one answers. */
struct xfer {
	enum xfer_kind kind;
	enum xfer_state state;
	line_id caller;
	line_id consult;          /* attended only */
	char target_uri[256];
	char target_label[128];
	enum line_handover handover;  /* what success makes of the caller */
	char handed_to[128];      /* ...and who has them then */
	int64_t deadline_ms;      /* recall when no final answer by then */
	int64_t refer_at_ms;      /* holding, paused: send the REFER by then */
	bool retried;             /* a 491 was tried again once already */
	bool refused_by_caller;   /* the caller's phone answered the REFER */
	bool unconfirmed;         /* the deadline passed with no final word */
	/* hunting: the member legs ringing now, the next member to ring
	 * (in order), and whether the first to answer gets the caller at
	 * once (a transfer) or is consulted (a consult) */
	line_id hunt[BOARD_HUNT_MAX];
	size_t nhunt;
	char group[32];           /* the group's number */
	size_t next_member;
	bool complete_on_answer;
	int64_t hunt_deadline_ms; /* stop ringing (this member, or all) */
};

/* The operator's conference: up to BOARD_CONF_MAX_LEGS parties mixed at
 * the console (mix-minus), with the operator (mixing) or without
 * (bridged), or on its way to the parties themselves (handing over). */
#define BOARD_CONF_MAX_LEGS 5
enum conf_state { CONF_NONE = 0, CONF_MIXING, CONF_BRIDGED,
		  CONF_HANDING_OVER };

struct conference {
	enum conf_state state;
	line_id legs[BOARD_CONF_MAX_LEGS];   /* in the order they joined */
	size_t nlegs;
	line_id held_before;      /* on hold at the merge: held by a split */
	struct xfer origin;       /* the consult it grew from, for a split */
	bool has_origin;
	line_id referred;         /* handing over: the party sent the REFER */
	char handover[300];       /* ...and what it says: "ACME -> Alice" */
	bool handed_over;         /* ...and it succeeded: closes are no news */
	int64_t deadline_ms;      /* handing over: bridge when no answer */
};

/* Who wrote a log line: the log pane shows the sentences always, the
 * console's own notes by level, the SIP stack's only when debugging. */
enum log_source { LOG_SENTENCE, LOG_CONSOLE, LOG_SIP_STACK };
/* What the log pane shows besides the sentences (log_level option):
 * the console's warnings, also its notes, also the SIP stack's lines. */
enum pane_log_level { PANE_LOG_WARNING, PANE_LOG_INFO, PANE_LOG_DEBUG };
#define PANE_LOG_NAMES { "warning", "info", "debug" }

struct board_log_line {
	int level;                /* 0 info, 1 warning, 2 error */
	enum log_source source;
	int64_t at_ms;
	char text[256];
};

static inline bool board_log_shown(const struct board_log_line *ll,
				   enum pane_log_level level)
{
	if (ll->source == LOG_SENTENCE)
		return true;
	if (ll->source == LOG_SIP_STACK)
		return level >= PANE_LOG_DEBUG;
	return ll->level >= 1 || level >= PANE_LOG_INFO;
}

struct board {
	const struct phone_ops *ops;
	void *phone;
	int64_t (*now_ms)(void);  /* clock; unit tests pass a fake */

	struct line *lines;       /* BOARD_MAX_LINES, in arrival order */
	size_t nlines;
	line_id next_id;

	/* callers seen lately, so an extension's line shows "ACME Corp"
	 * after the console sent ACME there (a ring, newest at next) */
	struct {
		char number[128];
		char name[256];
	} recent[BOARD_RECENT_CALLERS];
	size_t recent_next;

	struct extension *exts;   /* borrowed from the config */
	size_t nexts;
	char default_domain[128]; /* host for bare numbers not in the list */


	char status[256];
	bool status_error;
	enum reg_state reg;
	char reg_text[128];
	/* the operator's own audio (operator_audio.c) */
	bool muted;
	int volume_db;
	bool ringing;             /* the ringer is on */

	/* the kinds of operation's own state (operation.c: op_state) */
	struct op_state *op_states;
	size_t nop_states;
	struct xfer **xfers;      /* the transfers under way, each allocated */
	size_t nxfers, xfers_size;
	struct xfer_config xcfg;
	struct conference conf;
	struct intercom_config icfg;
	struct park_config pcfg;

	struct board_log_line *log;   /* a ring of BOARD_LOG_LINES */
	size_t log_head, log_count;

	unsigned dirty;
	/* told whenever dirty gains a flag, so the app can schedule a draw */
	void (*on_change)(void *arg);
	void *on_change_arg;

	struct { board_observer_fn *fn; void *arg; } observers[8];
	size_t nobservers;

	/* the key names hints use (board_key), a ring of buffers */
	board_key_fn *key_fn;
	void *key_arg;
	char key_names[BOARD_KEY_NAMES][BOARD_KEY_NAME_MAX];
	size_t key_next;

	board_started_fn *started_fn;
	void *started_arg;
};

/* Returns 0, or ENOMEM with nothing to close; board_close frees what
 * board_init and the day's transfers allocated. */
int  board_init(struct board *b, const struct phone_ops *ops, void *phone,
		int64_t (*now_ms)(void));
void board_close(struct board *b);
void board_set_extensions(struct board *b, struct extension *exts,
			  size_t n);
int  board_observe(struct board *b, board_observer_fn *fn, void *arg);
void board_set_key_names(struct board *b, board_key_fn *fn, void *arg);
void board_set_started(struct board *b, board_started_fn *fn, void *arg);
/* The key that runs ACTION for a hint ("T"), or ":ACTION" when no key
 * does (the command line runs it). Valid until BOARD_KEY_NAMES more
 * calls, so one status line may name several keys. */
const char *board_key(struct board *b, const char *action);

/* lookups */
struct line *board_line(struct board *b, line_id id);
struct line *board_talking_line(struct board *b);
size_t board_count_live(const struct board *b);

/* operator actions: each returns 0, or an errno value after setting the
 * status line to say why nothing happened. A line id of 0 means the
 * operator points at no call (the input layer resolves the selection). */
int board_answer(struct board *b, line_id id);   /* 0: oldest offered */
int board_hold_toggle(struct board *b, line_id id); /* 0: talking */
int board_hangup(struct board *b, line_id id);
int board_dial(struct board *b, const char *target);
int board_dtmf(struct board *b, char digit);

/* events from the phone */
line_id board_on_offered(struct board *b, const char *name,
			 const char *uri);
/* The same, with the user part the caller dialled at the console
 * (a park slot's "park-1" picks that caller up), or NULL. */
line_id board_on_offered_to(struct board *b, const char *name,
			    const char *uri, const char *dialled);
void board_on_ringing(struct board *b, line_id id);
void board_on_established(struct board *b, line_id id);
void board_on_hold_changed(struct board *b, line_id id, bool held);
void board_on_closed(struct board *b, line_id id, int status,
		     const char *reason);
/* A call from CALLER the phone refused for its media (488) before it
 * was offered: MENC is the encryption the console insists on
 * ("srtp-mandatory", "dtls") or NULL (no common codec). */
void board_on_offer_refused(struct board *b, const char *caller,
			    const char *menc);
void board_on_registration(struct board *b, enum reg_state st,
			   const char *text);

/* marks parts of the screen as changed */
void board_touch(struct board *b, unsigned dirty);

/* the extensions board (presence.c) */
struct presence_info;
struct dialog_info;
struct extension *board_extension(struct board *b, const char *number);
/* The extension a consult or REFER went to, by its URI (or the number
 * in it), or NULL. */
const struct extension *board_extension_of_uri(struct board *b,
					      const char *uri);
void board_on_presence(struct board *b, const char *number,
		       const struct presence_info *p);
void board_on_line_state(struct board *b, const char *number,
			 const struct dialog_info *d);

/* transfers (transfer.c): caller is the pointed-at call, used when it
 * is connected (else the line the operator talks on); hint is the
 * selected call whatever pane has the focus, whose consult goes first. */
int board_consult(struct board *b, line_id caller, const char *target);
int board_swap(struct board *b);
int board_complete(struct board *b, line_id hint);
int board_cancel_consult(struct board *b, line_id hint);
int board_blind(struct board *b, line_id caller, const char *target);
int board_voicemail(struct board *b, line_id caller, const char *target);
/* The caller's own phone answered the REFER with STATUS (>= 300): it,
 * not the target, refused the transfer (refer_pace.c). */
void board_on_refer_refused(struct board *b, line_id caller, int status,
			    const char *reason);
void board_on_refer_result(struct board *b, line_id caller, int status,
			   const char *reason);
/* Once a second while lines exist: transfers past their deadline. */
void board_tick(struct board *b);
struct xfer *board_xfer_of(struct board *b, line_id id);
/* True while a consult, or a ring group rung as one, waits for the
 * operator to complete or cancel it. */
bool board_consulting(const struct board *b);
/* The short tag the calls pane shows for L from the operation it is in
 * (CONS, XFER, PAGE, GRP, PK1 ...), written in BUF when it is made up,
 * or NULL when L is in none; *CONSULT tells a consult leg. */
const char *board_line_tag(struct board *b, const struct line *l, char *buf,
			   size_t sz, bool *consult);

/* intercom (transfer.c): holds the caller (if any) and pages TARGET
 * (its phone answers by itself); T completes, x ends the page and the
 * caller stays held. */
int board_intercom(struct board *b, line_id caller, const char *target);

/* park (park.c): park holds the caller in the first free slot; pickup
 * takes slot N back to the operator (0: the oldest parked caller). */
int board_park(struct board *b, line_id id);
int board_pickup(struct board *b, unsigned slot);
/* The line parked in SLOT, or NULL. */
struct line *board_parked(struct board *b, unsigned slot);
/* The user part another console (or an extension) calls to take L, at
 * this console's contact, into BUF: "park-3" for a parked caller,
 * "park-held7" for one merely on hold; false when L cannot be taken. */
bool board_take_user(struct board *b, const struct line *l, char *buf,
		     size_t sz);

/* camp-on (campon.c): the caller waits on hold for TARGET, a busy
 * colleague, and is offered to them when their line turns idle; TARGET
 * NULL takes the colleague a transfer just found busy. cancel ends the
 * camp-on and keeps the caller held at the console. */
int board_camp_on(struct board *b, line_id caller, const char *target);
int board_camp_on_cancel(struct board *b, line_id caller);
/* The name of the colleague CALLER camps on, or NULL. */
const char *board_camped_on(struct board *b, line_id caller);

/* the waiting room (queue.c): today's figures on the status line */
int board_stats(struct board *b);

/* the conference (conference.c): merge joins a consult, or adds the
 * selected held line, or splits when there is nothing to add; split goes
 * back to a consult; leave hands two parties over to each other (or
 * keeps bridging them). Dropping a party is board_hangup on its line. */
int board_merge(struct board *b, line_id sel);
int board_split(struct board *b, line_id sel);
int board_leave(struct board *b);
bool board_in_conference(const struct board *b, line_id id);

/* the operator's own audio (operator_audio.c): each returns 0, or an
 * errno value after saying why on the status line */
#define BOARD_VOLUME_MIN_DB (-30)
#define BOARD_VOLUME_MAX_DB 12
#define BOARD_VOLUME_STEP_DB 3
int board_mute(struct board *b, int on);      /* 1, 0, or -1 toggles */
int board_volume_set(struct board *b, int db);
int board_volume_step(struct board *b, int steps);  /* +1 louder */
/* status line and log pane */
void board_status(struct board *b, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void board_log(struct board *b, int level, const char *text);   /* ours */
void board_log_from(struct board *b, enum log_source source, int level,
		    const char *text);
/* An event's sentence (board_emit), not twice when the status line has
 * just logged the same words. */
void board_log_sentence(struct board *b, int level, const char *text);
const struct board_log_line *board_log_at(const struct board *b,
					  size_t i);   /* 0 = oldest */

#endif
