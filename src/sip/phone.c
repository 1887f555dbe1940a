/*
 * phone.c — the console's calls on baresip: phone_ops in, board events
 * out. Each board line maps to one struct call.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "core/cues.h"
#include "core/operators.h"
#include "phone_int.h"
#include "phone_map.h"
#include "sip.h"

#define SHUTDOWN_GRACE_MS 2000

/* Outlives the phone: it fires after the user agents are gone. It must
 * be cancelled before the module is unloaded, or libre's timer list
 * points into unmapped memory. */
static struct tmr force_tmr;

static struct line_call *map_by_call(struct sip_phone *p,
				     const struct call *call)
{
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].call == call && call)
			return &p->map[i];
	}
	return NULL;
}

static int map_add(struct sip_phone *p, line_id id, struct call *call);

struct call *call_of(struct sip_phone *p, line_id id)
{
	struct call *call = p->offering;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].id == id && p->map[i].call)
			return p->map[i].call;
	}
	/* the board acts on a call while it is being offered (a pick-up is
	 * answered at once): it is the one being offered */
	if (call && id && !map_add(p, id, call)) {
		p->offering = NULL;
		return call;
	}
	return NULL;
}

static int map_add(struct sip_phone *p, line_id id, struct call *call)
{
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (!p->map[i].call) {
			memset(&p->map[i], 0, sizeof(p->map[i]));
			p->map[i].id = id;
			p->map[i].call = call;
			audio_mute(call_audio(call), p->muted);
			return 0;
		}
	}
	return ENOSPC;
}

/* baresip resumes the first held call when another one closes; the
 * operator's hold stands, so every line the board holds is held again. */
static void reconcile_holds(void *arg)
{
	struct sip_phone *p = arg;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		struct line_call *lc = &p->map[i];
		struct line *l;

		if (!lc->call)
			continue;
		l = board_line(p->board, lc->id);
		if (!l)
			continue;
		if (l->state == LINE_HELD && !line_held(lc))
			line_hold(p, lc, true);
		else if (l->state != LINE_HELD && line_held(lc) &&
			 (l->state == LINE_TALKING ||
			  l->state == LINE_CONFERENCE ||
			  l->state == LINE_BRIDGED))
			line_hold(p, lc, false);
	}
}

/* Our re-INVITEs that have their answer now (libre has handled it and
 * sent the ACK): the board may start the REFER waiting for the dialog. */
static void settle_dialogs(void *arg)
{
	struct sip_phone *p = arg;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		struct line_call *lc = &p->map[i];

		if (!lc->call || !lc->invite_done)
			continue;
		lc->invite_done = false;
		board_on_hold_changed(p->board, lc->id, line_held(lc));
	}
}

static void on_dialog_answer(const char *callid, bool refer, unsigned scode,
			     void *arg)
{
	struct sip_phone *p = arg;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		struct line_call *lc = &p->map[i];

		if (!lc->call || strcmp(call_id(lc->call), callid))
			continue;
		if (refer && scode >= 300)
			lc->refer_refused = true;
		if (!refer && lc->invite_pending) {
			lc->invite_pending = false;
			lc->invite_done = true;
			tmr_start(&p->settle_tmr, 0, settle_dialogs, p);
		}
	}
}

/* After an SDP exchange (a hold, a resume, a new codec) every
 * established call must still have its decode filter: the volume and the
 * conference hear the call through it (see audio.c). */
static void taps_check(void *arg)
{
	struct sip_phone *p = arg;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		struct call *call = p->map[i].call;

		if (!call || !p->map[i].check_tap)
			continue;
		p->map[i].check_tap = false;
		if (call_state(call) == CALL_STATE_ESTABLISHED &&
		    call_audio(call) && !sip_audio_tapped(call_audio(call)))
			sip_audio_restart(call_audio(call));
	}
}

static void on_incoming(struct sip_phone *p, struct ua *ua,
			struct call *call)
{
	char dialled[128] = "";
	struct uri to;
	struct pl pl;
	line_id id;

	/* the user the caller dialled: a park slot is picked up by it */
	pl_set_str(&pl, call_localuri(call) ? call_localuri(call) : "");
	if (pl.l && !uri_decode(&to, &pl))
		pl_strcpy(&to.user, dialled, sizeof(dialled));
	p->offering = call;
	id = board_on_offered_to(p->board, call_peername(call),
				 call_peeruri(call), dialled);
	if (!p->offering)
		return;   /* mapped already: the board acted on it */
	p->offering = NULL;
	if (!id || map_add(p, id, call)) {
		ua_hangup(ua, call, 486, "Busy Here");
		return;
	}
}

static void on_closed(struct sip_phone *p, struct call *call,
		      const char *reason)
{
	struct line_call *lc = map_by_call(p, call);
	line_id id;
	int scode = call_scode(call);
	bool transferred, extra;

	if (!lc)
		return;
	id = lc->id;
	/* baresip closes the transferor's leg on a 2xx NOTIFY, and says so
	 * only in the reason text */
	transferred = lc->referring && reason && strstr(reason, "transfer");
	extra = lc->extra_ref;
	if (lc->music_held)
		sip_music_play(call_audio(call), false);
	lc->call = NULL;
	lc->id = 0;
	if (transferred)
		board_on_refer_result(p->board, id, 200, "OK");
	/* ours goes first; baresip drops its own right after this event */
	if (extra)
		mem_deref(call);
	if (p->dtmf_call == call) {
		tmr_cancel(&p->dtmf_tmr);
		p->dtmf_call = NULL;
	}
	/* another operator answered first: not a missed call here */
	if (sip_dialog_answered_elsewhere(call_id(call)))
		operators_answered_elsewhere(p->board, id, NULL);
	/* baresip closes a call the console hangs up before ua_hangup
	 * returns: any other close is the far end's */
	if (id != p->hanging_up)
		cues_peer_hung_up(p->board, id);
	/* a refusal's phrase carries our Reason header (phone_reject) */
	if (reason && strpbrk(reason, "\r\n"))
		board_on_closed(p->board, id, scode, "Temporarily Unavailable");
	else
		board_on_closed(p->board, id, scode, reason);
	tmr_start(&p->reconcile_tmr, 0, reconcile_holds, p);
}

/* baresip 1.0.0 drops its reference to the call right after reporting
 * a failed transfer, which would hang up on the caller. A reference of
 * ours, taken when the REFER went out and renewed here, keeps the caller
 * connected: the operator gets the caller back. */
static void on_transfer_failed(struct sip_phone *p, struct call *call,
			       const char *prm)
{
	struct line_call *lc = map_by_call(p, call);
	struct pl scode, reason;
	int status = 500;
	char why[128] = "";

	if (!lc)
		return;
	if (lc->extra_ref)
		mem_ref(call);
	if (prm && !re_regex(prm, strlen(prm), "[0-9]+[ ]*[^]*", &scode, NULL,
			     &reason)) {
		status = (int)pl_u32(&scode);
		pl_strcpy(&reason, why, sizeof(why));
	}
	if (!lc->referring)
		return;
	lc->referring = false;
	/* the caller's own phone said no to the REFER, not the target */
	if (lc->refer_refused)
		board_on_refer_refused(p->board, lc->id, status, why);
	else
		board_on_refer_result(p->board, lc->id, status, why);
}

static void ua_event_handler(struct ua *ua, enum ua_event ev,
			     struct call *call, const char *prm, void *arg)
{
	struct sip_phone *p = arg;
	struct line_call *lc;

	if (ua != p->ua)
		return;

	switch (ev) {
	case UA_EVENT_SHUTDOWN:
		/* subscriptions must end before the stack, or exit hangs */
		if (p->shutdown_fn)
			p->shutdown_fn(p->shutdown_arg);
		p->shutdown_fn = NULL;
		break;
	case UA_EVENT_REGISTERING:
		if (p->registered)
			board_on_registration(p->board, REG_REGISTERING, prm);
		break;
	case UA_EVENT_REGISTER_OK:
		if (p->registered)
			board_on_registration(p->board, REG_OK, prm);
		break;
	case UA_EVENT_REGISTER_FAIL:
		if (!p->registered)
			break;
		sip_reg_failed(p->reg, prm);
		break;
	case UA_EVENT_CALL_INCOMING:
		on_incoming(p, ua, call);
		break;
	case UA_EVENT_CALL_RINGING:
	case UA_EVENT_CALL_PROGRESS:
		lc = map_by_call(p, call);
		if (lc)
			board_on_ringing(p->board, lc->id);
		break;
	case UA_EVENT_CALL_ESTABLISHED:
		lc = map_by_call(p, call);
		if (lc)
			board_on_established(p->board, lc->id);
		break;
	case UA_EVENT_CALL_CLOSED:
		on_closed(p, call, prm);
		break;
	case UA_EVENT_CALL_TRANSFER_FAILED:
		on_transfer_failed(p, call, prm);
		break;
	case UA_EVENT_CALL_REMOTE_SDP:
		/* baresip applies the SDP after telling: look once it has */
		lc = map_by_call(p, call);
		if (lc) {
			lc->check_tap = true;
			tmr_start(&p->taps_tmr, 0, taps_check, p);
		}
		break;
	default:
		break;
	}
}

static int phone_dial(void *ctx, line_id id, const char *uri,
		      const struct dial_opts *opts)
{
	struct sip_phone *p = ctx;
	struct account *acc = ua_account(p->ua);
	const char *display = opts ? opts->display : NULL;
	bool page = opts && opts->intercom != INTERCOM_DEFAULT;
	struct call *call = NULL;
	struct list hdrs, none;
	char *saved = NULL, target[320];
	int err;

	list_init(&hdrs);
	list_init(&none);
	snprintf(target, sizeof(target), "%s%s", uri,
		 page && opts->intercom == INTERCOM_PARAM ? ";intercom=true" :
		 "");
	if (page) {
		err = sip_page_header(&hdrs, opts, uri);
		if (!err)
			err = ua_set_custom_hdrs(p->ua, &hdrs);
		list_flush(&hdrs);
		if (err)
			return err;
	}
	/* baresip takes the From display name from the account: lend it the
	 * announce text for this one INVITE */
	if (display) {
		err = str_dup(&saved, account_display_name(acc) ?
			      account_display_name(acc) : "");
		if (err)
			goto out;
		account_set_display_name(acc, display);
	}
	err = ua_connect(p->ua, &call, NULL, target, VIDMODE_OFF);
	if (display) {
		account_set_display_name(acc, saved);
		mem_deref(saved);
	}
	if (!err) {
		err = map_add(p, id, call);
		if (err)
			ua_hangup(p->ua, call, 0, NULL);
	}
 out:
	/* the page's header is for this one INVITE */
	if (page)
		ua_set_custom_hdrs(p->ua, &none);
	return err;
}

static int phone_answer(void *ctx, line_id id)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);

	if (!call)
		return ENOENT;
	return ua_answer(p->ua, call, VIDMODE_OFF);
}

static int phone_hangup(void *ctx, line_id id, int status)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);

	if (!call)
		return ENOENT;
	/* baresip rejects with the phrase given: without one the reply is
	 * never sent and libre answers 486 instead */
	p->hanging_up = id;
	ua_hangup(p->ua, call, (uint16_t)status, status == 404 ? "Not Found" :
		  status == 480 ? "Temporarily Unavailable" :
		  status >= 400 ? "Rejected" : NULL);
	p->hanging_up = 0;
	return 0;
}

/* baresip passes no headers to the refusal it sends (call_hangup gives
 * libre's sipsess_reject none), but libre writes the phrase into the
 * status line as it is: the Reason header (RFC 3326) rides behind it,
 * on its own line. WHY is our own text, never the network's. */
static int phone_reject(void *ctx, line_id id, int status, const char *why)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);
	char phrase[300];

	if (!call)
		return ENOENT;
	if (strpbrk(why, "\r\n\"") ||
	    snprintf(phrase, sizeof(phrase), "%s\r\nReason: SIP;cause=%d;"
		     "text=\"%s\"", status == 480 ? "Temporarily Unavailable" :
		     "Rejected", status, why) >= (int)sizeof(phrase))
		return phone_hangup(ctx, id, status);
	p->hanging_up = id;
	ua_hangup(p->ua, call, (uint16_t)status, phrase);
	p->hanging_up = 0;
	return 0;
}

static int phone_hold(void *ctx, line_id id, bool on)
{
	struct sip_phone *p = ctx;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].id == id && p->map[i].call)
			return line_hold(p, &p->map[i], on);
	}
	return ENOENT;
}

static int phone_mute(void *ctx, bool on)
{
	struct sip_phone *p = ctx;
	size_t i;

	p->muted = on;
	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].call)
			audio_mute(call_audio(p->map[i].call), on ||
				   (p->map[i].held && !p->map[i].music_held));
	}
	return 0;
}

static int phone_volume(void *ctx, int db)
{
	(void)ctx;
	sip_audio_volume(db);
	return 0;
}

static int phone_ring(void *ctx, bool on)
{
	(void)ctx;
	return sip_audio_ring(on);
}

static int phone_remind(void *ctx, enum reminder_tone tone)
{
	(void)ctx;
	return sip_audio_remind(tone);
}

static int phone_mix(void *ctx, const line_id *lines, size_t n,
		     bool with_operator)
{
	struct sip_phone *p = ctx;
	const struct audio *aus[BOARD_MAX_LINES];
	size_t i;

	if (n > BOARD_MAX_LINES)
		return ENOSPC;
	for (i = 0; i < n; i++) {
		struct call *call = call_of(p, lines[i]);

		if (!call || !call_audio(call))
			return ENOENT;
		aus[i] = call_audio(call);
	}
	return sip_mixing_set(aus, lines, n, with_operator);
}

static int phone_send_message(void *ctx, unsigned id, const char *uri,
			      const char *body)
{
	struct sip_phone *p = ctx;

	return sip_message_send(p->ua, p->board, id, uri, body);
}

void sip_phone_on_shutdown(struct sip_phone *p, void (*fn)(void *arg),
			   void *arg)
{
	p->shutdown_fn = fn;
	p->shutdown_arg = arg;
}

static int phone_register_again(void *ctx)
{
	struct sip_phone *p = ctx;

	if (p->reg)
		sip_reg_start(p->reg);
	return 0;
}

struct ua *sip_phone_ua(const struct sip_phone *p)
{
	return p ? p->ua : NULL;
}

const struct phone_ops sip_phone_ops = {
	.dial = phone_dial,
	.answer = phone_answer,
	.hangup = phone_hangup,
	.reject = phone_reject,
	.hold = phone_hold,
	.send_dtmf = phone_send_dtmf,
	.refer = phone_refer,
	.refer_replaces = phone_refer_replaces,
	.busy = phone_busy,
	.mute = phone_mute,
	.volume = phone_volume,
	.ring = phone_ring,
	.remind = phone_remind,
	.mix = phone_mix,
	.send_message = phone_send_message,
	.register_again = phone_register_again,
};

/* Our enum must agree with the baresip we run in, and it names its
 * events, so ask it rather than trust the declarations blindly. */
static int abi_check(void)
{
	static const struct {
		enum ua_event ev;
		const char *name;
	} pins[] = {
		{ UA_EVENT_REGISTER_OK,      "REGISTER_OK" },
		{ UA_EVENT_CALL_INCOMING,    "CALL_INCOMING" },
		{ UA_EVENT_CALL_RINGING,     "CALL_RINGING" },
		{ UA_EVENT_CALL_ESTABLISHED, "CALL_ESTABLISHED" },
		{ UA_EVENT_CALL_CLOSED,      "CALL_CLOSED" },
	};
	size_t i;

	for (i = 0; i < sizeof(pins) / sizeof(pins[0]); i++) {
		const char *name = uag_event_str(pins[i].ev);

		if (!name || strcmp(name, pins[i].name)) {
			warning("cordboard: baresip event %d is '%s', "
				"expected '%s'\n", pins[i].ev,
				name ? name : "?", pins[i].name);
			return EPROTO;
		}
	}
	return 0;
}

/* Undoes what sip_phone_alloc got to, in reverse order. */
static void phone_destructor(void *arg)
{
	struct sip_phone *p = arg;

	mem_deref(p->reg);
	tmr_cancel(&p->settle_tmr);
	tmr_cancel(&p->resume_tmr);
	tmr_cancel(&p->dtmf_tmr);
	tmr_cancel(&p->taps_tmr);
	tmr_cancel(&p->reconcile_tmr);
	sip_message_close();
	if (p->mixing)
		sip_mixing_close();
	if (p->watching) {
		sip_dialog_on_answer(NULL, NULL);
		sip_dialog_on_refused(NULL, NULL);
		sip_dialog_watch(false);
		uag_event_unregister(ua_event_handler);
	}
}

int sip_phone_alloc(struct sip_phone **pp, struct board *b,
		    const char *account_line, bool registered)
{
	struct sip_phone *p = NULL;
	struct ua *ua = NULL;
	int err;

	err = abi_check();
	if (err)
		goto out;
	err = ua_alloc(&ua, account_line);
	if (err)
		goto out;
	p = mem_zalloc(sizeof(*p), phone_destructor);
	if (!p) {
		err = ENOMEM;
		goto out;
	}
	p->board = b;
	p->ua = ua;
	p->registered = registered;
	/* extensions pick parked callers up by calling park-N at us */
	ua_set_catchall(ua, true);
	tmr_init(&p->reconcile_tmr);
	tmr_init(&p->taps_tmr);
	tmr_init(&p->dtmf_tmr);
	tmr_init(&p->settle_tmr);
	tmr_init(&p->resume_tmr);
	err = uag_event_register(ua_event_handler, p);
	if (err)
		goto out;
	sip_dialog_watch(true);
	sip_dialog_on_answer(on_dialog_answer, p);
	sip_dialog_on_refused(b, account_line);
	p->watching = true;
	err = sip_mixing_init(b);
	if (err)
		goto out;
	p->mixing = true;
	if (registered) {
		err = sip_reg_alloc(&p->reg, b, ua);
		if (err)
			goto out;
	}
	*pp = p;
	if (p->reg)
		sip_reg_start(p->reg);
out:
	if (err) {
		mem_deref(p);
		/* the user agent lives in baresip's list until destroyed */
		if (ua)
			ua_destroy(ua);
	}
	return err;
}

void sip_phone_free(struct sip_phone *p)
{
	tmr_cancel(&force_tmr);
	mem_deref(p);
}


static void shutdown_force(void *arg)
{
	(void)arg;
	ua_stop_all(true);
}

/* A graceful stop waits for every open transaction, up to 32 s for a
 * peer that never answers (a phone ignoring SUBSCRIBE): give BYEs and
 * un-SUBSCRIBEs a moment, then close regardless. */
void sip_phone_shutdown(struct sip_phone *p)
{
	(void)p;
	ua_stop_all(false);
	tmr_init(&force_tmr);
	tmr_start(&force_tmr, SHUTDOWN_GRACE_MS, shutdown_force, NULL);
}
