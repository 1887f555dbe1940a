/*
 * phone.c — the console's calls on baresip: phone_ops in, board events
 * out. Each board line maps to one struct call.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "sip.h"

#define KEYCODE_RELEASE 0x04   /* baresip's "key released" code */
#define DTMF_PRESS_MS 120

struct line_call {
	line_id id;
	struct call *call;
};

struct sip_phone {
	struct board *board;
	struct ua *ua;
	bool registered;
	struct line_call map[BOARD_MAX_LINES];
	struct tmr reconcile_tmr;
	struct tmr dtmf_tmr;
	struct call *dtmf_call;
};

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

static struct call *call_of(struct sip_phone *p, line_id id)
{
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].id == id && p->map[i].call)
			return p->map[i].call;
	}
	return NULL;
}

static int map_add(struct sip_phone *p, line_id id, struct call *call)
{
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (!p->map[i].call) {
			p->map[i].id = id;
			p->map[i].call = call;
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
		if (l->state == LINE_HELD && !call_is_onhold(lc->call))
			call_hold(lc->call, true);
		else if (l->state == LINE_TALKING && call_is_onhold(lc->call))
			call_hold(lc->call, false);
	}
}

static void on_incoming(struct sip_phone *p, struct ua *ua,
			struct call *call)
{
	line_id id = board_on_offered(p->board, call_peername(call),
				      call_peeruri(call));

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

	if (!lc)
		return;
	id = lc->id;
	lc->call = NULL;
	lc->id = 0;
	if (p->dtmf_call == call) {
		tmr_cancel(&p->dtmf_tmr);
		p->dtmf_call = NULL;
	}
	board_on_closed(p->board, id, scode, reason);
	tmr_start(&p->reconcile_tmr, 0, reconcile_holds, p);
}

static void ua_event_handler(struct ua *ua, enum ua_event ev,
			     struct call *call, const char *prm, void *arg)
{
	struct sip_phone *p = arg;
	struct line_call *lc;

	if (ua != p->ua)
		return;

	switch (ev) {
	case UA_EVENT_REGISTERING:
		if (p->registered)
			board_on_registration(p->board, REG_REGISTERING, prm);
		break;
	case UA_EVENT_REGISTER_OK:
		if (p->registered)
			board_on_registration(p->board, REG_OK, prm);
		break;
	case UA_EVENT_REGISTER_FAIL:
		if (p->registered)
			board_on_registration(p->board, REG_FAILED, prm);
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
	default:
		break;
	}
}

static int phone_dial(void *ctx, line_id id, const char *uri)
{
	struct sip_phone *p = ctx;
	struct call *call = NULL;
	int err;

	err = ua_connect(p->ua, &call, NULL, uri, VIDMODE_OFF);
	if (err)
		return err;
	err = map_add(p, id, call);
	if (err)
		ua_hangup(p->ua, call, 0, NULL);
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
	ua_hangup(p->ua, call, (uint16_t)status, NULL);
	return 0;
}

static int phone_hold(void *ctx, line_id id, bool on)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);

	if (!call)
		return ENOENT;
	return call_hold(call, on);
}

static void dtmf_release(void *arg)
{
	struct sip_phone *p = arg;

	if (p->dtmf_call)
		call_send_digit(p->dtmf_call, KEYCODE_RELEASE);
	p->dtmf_call = NULL;
}

static int phone_send_dtmf(void *ctx, line_id id, char digit)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);
	int err;

	if (!call)
		return ENOENT;
	if (p->dtmf_call)
		dtmf_release(p);
	err = call_send_digit(call, digit);
	if (err)
		return err;
	p->dtmf_call = call;
	tmr_start(&p->dtmf_tmr, DTMF_PRESS_MS, dtmf_release, p);
	return 0;
}

const struct phone_ops sip_phone_ops = {
	.dial = phone_dial,
	.answer = phone_answer,
	.hangup = phone_hangup,
	.hold = phone_hold,
	.send_dtmf = phone_send_dtmf,
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

int sip_phone_alloc(struct sip_phone **pp, struct board *b,
		    const char *account_line, bool registered)
{
	struct sip_phone *p;
	struct ua *ua = NULL;
	int err;

	err = abi_check();
	if (err)
		return err;
	err = ua_alloc(&ua, account_line);
	if (err)
		return err;
	p = calloc(1, sizeof(*p));
	if (!p)
		return ENOMEM;
	p->board = b;
	p->ua = ua;
	p->registered = registered;
	tmr_init(&p->reconcile_tmr);
	tmr_init(&p->dtmf_tmr);
	err = uag_event_register(ua_event_handler, p);
	if (err) {
		free(p);
		return err;
	}
	*pp = p;
	if (registered) {
		board_on_registration(b, REG_REGISTERING, "");
		err = ua_register(ua);
		if (err)
			board_on_registration(b, REG_FAILED, strerror(err));
	}
	return 0;
}

void sip_phone_free(struct sip_phone *p)
{
	if (!p)
		return;
	uag_event_unregister(ua_event_handler);
	tmr_cancel(&p->reconcile_tmr);
	tmr_cancel(&p->dtmf_tmr);
	free(p);
}

void sip_phone_shutdown(struct sip_phone *p)
{
	(void)p;
	ua_stop_all(false);
}
