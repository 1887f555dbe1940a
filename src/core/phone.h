/*
 * phone.h — the seam between the switchboard rules (core) and the SIP
 * user agent. src/sip implements these operations with baresip; unit
 * tests implement them with a fake that records every call.
 * Every operation returns 0 or an errno value. An operation may report
 * back into the board before it returns (baresip announces a local hang
 * up at once), so the board never keeps a line pointer across one.
 */
#ifndef CORDBOARD_CORE_PHONE_H
#define CORDBOARD_CORE_PHONE_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned line_id;   /* 0 means "no line" */

#include "extension.h"

/* What a call carries beyond its target. */
struct dial_opts {
	const char *display;      /* From display name ("ACME via
				   * Reception"), NULL for the account's */
	enum intercom_method intercom;  /* a page: how the callee's phone
				   * is asked to answer by itself; DEFAULT
				   * is no page */
	const char *header;       /* a page: "Name: value" instead of the
				   * method's own header, or NULL */
};

/* A short tone on the ring device, once: the queue's reminders and the
 * other sound cues (cues.c decides which event plays which). */
enum reminder_tone {
	REMIND_ANSWER,            /* a call rings too long */
	REMIND_HOLD,              /* a caller waits on hold or parked */
	CUE_NEW_CALLER,           /* a caller rings the console */
	CUE_TRANSFER_FAILED,      /* a caller is back from a transfer */
	CUE_HUNG_UP,              /* a caller of the operator's hung up */
	REMINDER_TONES
};

struct phone_ops {
	/* Place a call to uri for the new line id; opts may be NULL. */
	int (*dial)(void *ctx, line_id id, const char *uri,
		    const struct dial_opts *opts);
	int (*answer)(void *ctx, line_id id);
	/* status 0 lets the adapter choose (BYE, CANCEL or 486). */
	int (*hangup)(void *ctx, line_id id, int status);
	int (*hold)(void *ctx, line_id id, bool on);
	int (*send_dtmf)(void *ctx, line_id id, char digit);
	/* Blind transfer: REFER the party on line id to target_uri. The
	 * outcome comes back through board_on_refer_result. */
	int (*refer)(void *ctx, line_id id, const char *target_uri);
	/* Attended transfer: REFER the party on caller to the party on
	 * consult, with Replaces naming the consult dialog (RFC 3891). */
	int (*refer_replaces)(void *ctx, line_id caller, line_id consult);
	/* True while a request of ours on the line's dialog (a hold's
	 * re-INVITE) waits for its final answer: a REFER then waits for
	 * board_on_hold_changed (RFC 3261 14.1). May be NULL: never busy. */
	bool (*busy)(void *ctx, line_id id);
	/* The operator's own audio. mute: the microphone on every call,
	 * now and later; volume: what the headset plays, in dB from unity;
	 * ring: the ringer on the ring device, on while any call rings. */
	int (*mute)(void *ctx, bool on);
	int (*volume)(void *ctx, int db);
	int (*ring)(void *ctx, bool on);
	/* plays TONE once on the ring device; may be NULL */
	int (*remind)(void *ctx, enum reminder_tone tone);
	/* The conference: each of the n lines hears all the others (and the
	 * operator when with_operator is set, who then hears them all);
	 * n = 0 ends the mixing. Called again whenever the set changes. */
	int (*mix)(void *ctx, const line_id *lines, size_t n,
		   bool with_operator);
	/* A SIP MESSAGE (RFC 3428, text/plain; charset=utf-8) of BODY to
	 * URI; its final answer comes back through board_message_result
	 * with ID. May be NULL (a message then stays pending). */
	int (*send_message)(void *ctx, unsigned id, const char *uri,
			    const char *body);
	/* REGISTER again after a failure (registration.c decides when);
	 * the outcome comes back through board_on_registration. May be
	 * NULL. */
	int (*register_again)(void *ctx);
	/* Refuses a call that rings with STATUS and a Reason header
	 * (RFC 3326) whose text is WHY. May be NULL: hangup(STATUS). */
	int (*reject)(void *ctx, line_id id, int status, const char *why);
};

#endif
