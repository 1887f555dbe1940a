/*
 * subscribe_int.h — what subscribe.c (the subscriptions and their
 * lifetime) and subscribe_update.c (a new directory at a reload) share.
 */
#ifndef CORDBOARD_SIP_SUBSCRIBE_INT_H
#define CORDBOARD_SIP_SUBSCRIBE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "baresip_abi.h"
#include "core/board.h"
#include "list_notify.h"

#define RETRY_MIN_S 2
#define RETRY_MAX_S 300
#define PACE_MS 10           /* start a batch of subscriptions every.. */
#define PACE_BATCH 10        /* ..so 1,000 a second, */
#define PACE_IN_FLIGHT 20    /* ..held while 20 wait for their answer */
#define PACE_HOLD_TURNS 20   /* ..for 20 turns at most */
#define SWEEP_MS 5000        /* look for stale subscriptions */
#define STALE_GRACE_S 2

/* What only a resource list subscription keeps. */
struct list_state {
	bool served;             /* the server sent one */
	bool garbled_said;       /* an unreadable one was logged */
	struct rlmi_book *book;  /* its versions per extension */
	struct list_dialog heard; /* its dialog, from NOTIFYs */
};

/* Two per extension, so kept small: 5,000 extensions make 10,000. */
struct sub {
	struct sip_subs *owner;
	struct sipsub *sipsub;
	struct tmr *retry;       /* only while one is due (subs_retry_start) */
	uint64_t last_notify;    /* ms (tmr_jiffies), 0: none yet */
	unsigned backoff_s;
	bool dialog;             /* Event: dialog, else presence */
	bool list;               /* the resource list, for every extension */
	bool notified;           /* a NOTIFY came since it was made */
	bool leaving;            /* its extension went: unsubscribed soon */
	struct list_state *ls;   /* the list's, else NULL */
	const char *number;      /* in the same allocation ("" for a list) */
	const char *uri;
};

struct sip_subs {
	struct board *board;
	struct ua *ua;
	struct sub **subv;       /* each allocated: libre holds its address */
	size_t subc;
	struct sub **leavev;     /* extensions gone: Expires: 0 at the pace */
	size_t nleave;
	char route[256];         /* presence server, or "" */
	unsigned expires_s;
	size_t next_start;       /* subv[next_start..] not started yet */
	unsigned pace_held;      /* turns the pace has waited in a row */
	bool pacing;             /* the pace has subscriptions to start */
	uint64_t paced;          /* SUBSCRIBEs it sent since it began */
	uint64_t answers_before; /* sip_subscribe_answers() as it began */
	struct sub listv[2];     /* presence, dialog: the resource list */
	struct list_state listst[2];
	char list_uri[256];
	bool by_list[2];         /* that event comes through the list */
	struct sip_lsnr *late;   /* the lists' NOTIFYs libre would refuse */
	bool watch[2];           /* some extension watches presence, dialog */
	struct tmr pace;
	struct tmr leave_pace;
	struct tmr sweep;
	bool closing;
};

/* subscribe.c */
void subs_sub_start(struct sub *s);
void subs_pace(void *arg);
void subs_sweep(void *arg);
struct sub *subs_sub_new(struct sip_subs *o, const struct extension *e,
			 bool dialog);
void subs_sub_free(struct sub *s);
void subs_retry_start(struct sub *s, uint64_t ms, tmr_h *h);
void subs_retry_cancel(struct sub *s);
bool subs_ext_watches(const struct extension *e, int k);

#endif
