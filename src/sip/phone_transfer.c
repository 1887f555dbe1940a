/*
 * phone_transfer.c — what the console sends on a call's dialog besides
 * audio: DTMF digits, and the REFERs of every transfer (blind, and
 * attended with Replaces).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baresip_abi.h"
#include "phone_int.h"
#include "phone_map.h"
#include "sip.h"

#define KEYCODE_RELEASE 0x04   /* baresip's "key released" code */
#define DTMF_PRESS_MS 120

void phone_dtmf_release(void *arg)
{
	struct sip_phone *p = arg;

	if (p->dtmf_call)
		call_send_digit(p->dtmf_call, KEYCODE_RELEASE);
	p->dtmf_call = NULL;
}

int phone_send_dtmf(void *ctx, line_id id, char digit)
{
	struct sip_phone *p = ctx;
	struct call *call = call_of(p, id);
	int err;

	if (!call)
		return ENOENT;
	if (p->dtmf_call)
		phone_dtmf_release(p);
	err = call_send_digit(call, digit);
	if (err)
		return err;
	p->dtmf_call = call;
	tmr_start(&p->dtmf_tmr, DTMF_PRESS_MS, phone_dtmf_release, p);
	return 0;
}

/* Sends REFER on the line's dialog with Refer-To: <target> and a
 * Referred-By naming the console. baresip's call_transfer takes no extra
 * headers; it passes a Refer-To text that parses as a URI through as it
 * is, so the header rides behind it. Nothing from the network may bring
 * a line break into that text. */
static int refer_send(struct sip_phone *p, line_id id, const char *target)
{
	struct line_call *lc = NULL;
	char refer_to[2048];
	size_t i;
	int err;

	for (i = 0; i < BOARD_MAX_LINES && !lc; i++) {
		if (p->map[i].id == id && p->map[i].call)
			lc = &p->map[i];
	}
	if (!lc)
		return ENOENT;
	if (strpbrk(target, "\r\n<>"))
		return EINVAL;
	if ((size_t)snprintf(refer_to, sizeof(refer_to),
			     "<%s>\r\nReferred-By: <%s>", target,
			     ua_aor(p->ua)) >= sizeof(refer_to))
		return ENAMETOOLONG;
	err = call_transfer(lc->call, refer_to);
	if (err)
		return err;
	if (!lc->extra_ref) {
		mem_ref(lc->call);
		lc->extra_ref = true;
	}
	lc->referring = true;
	lc->refer_refused = false;
	return 0;
}

bool phone_busy(void *ctx, line_id id)
{
	struct sip_phone *p = ctx;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		if (p->map[i].id == id && p->map[i].call)
			return p->map[i].invite_pending;
	}
	return false;
}

int phone_refer(void *ctx, line_id id, const char *target_uri)
{
	return refer_send(ctx, id, target_uri);
}

/* True when SIP URIs A and B name the same user at the same host (any
 * parameters aside). */
static bool same_address(const char *a, const char *b)
{
	struct pl pa, pb;
	struct uri ua, ub;

	if (!a || !b)
		return false;
	pl_set_str(&pa, a);
	pl_set_str(&pb, b);
	if (uri_decode(&ua, &pa) || uri_decode(&ub, &pb))
		return false;
	return !pl_cmp(&ua.user, &ub.user) && !pl_casecmp(&ua.host, &ub.host) &&
		ua.port == ub.port;
}

int phone_refer_replaces(void *ctx, line_id caller, line_id consult)
{
	struct sip_phone *p = ctx;
	struct call *cc = call_of(p, consult);
	char local[128], remote[128], refer_to[1600];
	const char *target;
	int err;

	if (!cc || !call_of(p, caller))
		return ENOENT;
	err = sip_dialog_tags(call_id(cc), local, sizeof(local), remote,
			      sizeof(remote));
	if (err)
		return err;
	target = call_peeruri(cc);
	if (!target)
		return EINVAL;
	/* another operator's console (our own address): baresip as the
	 * target of a transfer ignores Replaces, and the address forks to
	 * every console, so the caller is bridged instead */
	if (same_address(target, ua_aor(p->ua)))
		return EPROTONOSUPPORT;
	err = sip_replaces_refer_to(refer_to, sizeof(refer_to), target,
				    call_id(cc), local, remote);
	if (err)
		return err;
	return refer_send(p, caller, refer_to);
}
