/*
 * phone_map.h — the console's calls as phone.c keeps them (one struct
 * call per board line), shared with phone_transfer.c. src/sip only.
 */
#ifndef CORDBOARD_SIP_PHONE_MAP_H
#define CORDBOARD_SIP_PHONE_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "baresip_abi.h"
#include "core/board.h"

struct line_call {
	line_id id;
	struct call *call;
	bool referring;   /* a REFER of ours waits for its outcome */
	bool extra_ref;   /* we hold a reference of our own (see refer) */
	bool check_tap;   /* its SDP changed: is its audio filter there? */
	bool music_held;  /* ...and with music playing */
	bool held;        /* held by us (send-only, see line_hold) */
	bool invite_pending; /* our re-INVITE waits for its final answer */
	bool invite_done;    /* ...and has it now: tell the board */
	bool refer_refused;  /* the party itself answered our REFER >= 300 */
	bool resume_due;     /* unheld here, our re-INVITE deferred (see
			      * line_hold): sent at resume_at unless the
			      * party took the call back itself */
	uint64_t resume_at;  /* tmr_jiffies() */
};

struct sip_phone {
	struct board *board;
	struct ua *ua;
	struct call *offering;    /* being offered to the board, not mapped */
	line_id hanging_up;       /* the console ends it: its close is ours */
	bool registered;
	struct line_call map[BOARD_MAX_LINES];
	struct tmr reconcile_tmr;
	struct tmr taps_tmr;
	struct tmr dtmf_tmr;
	struct sip_reg *reg;      /* NULL without a registrar */
	struct tmr settle_tmr;
	struct tmr resume_tmr;    /* the deferred re-INVITEs (resume_due) */
	struct call *dtmf_call;
	void (*shutdown_fn)(void *arg);
	void *shutdown_arg;
	bool muted;       /* the operator's microphone, on every call */
	bool watching;    /* baresip's events and dialogs reach us */
	bool mixing;      /* the conference mixer is set up */
};

/* The call of line ID (taking the one being offered when the board
 * acts on it already), or NULL. */
struct call *call_of(struct sip_phone *p, line_id id);

/* phone_transfer.c: DTMF and REFER, the phone_ops that send them */
void phone_dtmf_release(void *arg);
int  phone_send_dtmf(void *ctx, line_id id, char digit);
bool phone_busy(void *ctx, line_id id);
int  phone_refer(void *ctx, line_id id, const char *target_uri);
int  phone_refer_replaces(void *ctx, line_id caller, line_id consult);

/* phone_hold.c: ON holds LC (send-only, music if loaded), else takes
 * it back; 0 or an errno value. */
int  line_hold(struct sip_phone *p, struct line_call *lc, bool on);
bool line_held(const struct line_call *lc);

#endif
