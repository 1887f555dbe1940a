/*
 * office_die.c — office_die UA: the UA vanishes as a phone pulled from
 * the wall does. Its peers get no BYE and no RTP any more, and nothing
 * they send reaches it again (office_sip.c drops every request to it
 * unanswered), so they find out by their own means: a request that
 * times out (408 after libre's 32 s), or an RTP timeout.
 *
 * libre sends a BYE when a session it thinks established is freed,
 * unless the peer ended it. So each established call is ended by a BYE
 * the office sends to itself, in the call's dialog with the peer's tag
 * (from the SIP trace): libre answers it, the call closes and its media
 * stop, and the real peer hears nothing. Calls still being set up
 * cannot end silently (libre must answer or CANCEL the INVITE): they
 * are ended normally first. office_revive lets the UA answer again.
 */
#include <string.h>

#include "office.h"

enum {
	VANISH_CSEQ = 2147483000,    /* above any CSeq the peer has used */
	VANISH_CHECK_MS = 3000,      /* a call still there then: plain BYE */
};

/* An established call being ended by the office's own BYE. Unlinked
 * from its UA's list meanwhile, so that closing one call does not make
 * baresip resume another of them (a re-INVITE the peer would see). */
struct office_zombie {
	struct le le;
	struct office_member *m;
	struct call *call;
	struct le *cle;             /* its element of the UA's call list */
	struct tmr tmr;
};

static void zombie_destructor(void *arg)
{
	struct office_zombie *z = arg;

	tmr_cancel(&z->tmr);
	list_unlink(&z->le);
}

/* Gives the call back to its UA, where ua_destroy or a hangup frees it
 * (with an ordinary BYE). */
static void zombie_relink(struct office_zombie *z)
{
	if (z->m->ua && !z->cle->list)
		list_append(ua_calls(z->m->ua), z->cle, z->call);
}

static void zombie_check(void *arg)
{
	struct office_zombie *z = arg;
	struct office_member *m = z->m;
	struct call *call = z->call;

	warning("office: %s: call %s did not end silently: BYE\n", m->p.id,
		call_id(call));
	zombie_relink(z);
	mem_deref(z);
	if (m->ua && office_member_has_call(m, call))
		office_member_end(m, call, 0, "Vanished (office_die)");
}

static int vanish_bye(const struct office_member *m, const struct call *call)
{
	struct sa dst;
	struct uri uri;
	struct pl aor;
	struct mbuf *mb = NULL;
	int err;

	pl_set_str(&aor, m->aor);
	err = uri_decode(&uri, &aor);
	if (!err)
		err = sa_set(&dst, &uri.host, uri.port);
	if (err)
		return err;
	mb = mbuf_alloc(512);
	if (!mb)
		return ENOMEM;
	err = mbuf_printf(mb,
			  "BYE sip:%s@%J SIP/2.0\r\n"
			  "Via: SIP/2.0/UDP %J;rport;"
			  "branch=z9hG4bKvanish%08x\r\n"
			  "Max-Forwards: 70\r\n"
			  "From: <sip:vanish@%J>;tag=%s\r\n"
			  "To: <%s>;tag=%s\r\n"
			  "Call-ID: %s\r\n"
			  "CSeq: %u BYE\r\n"
			  "X-Office-Vanish: yes\r\n"
			  "Content-Length: 0\r\n\r\n",
			  m->p.user, &dst, &dst, rand_u32(), &dst,
			  office_call_rtag(call), m->aor,
			  office_call_ltag(call), call_id(call), VANISH_CSEQ);
	if (!err) {
		mb->pos = 0;
		err = sip_send(uag_sip(), NULL, SIP_TRANSP_UDP, &dst, mb);
	}
	mem_deref(mb);
	return err;
}

static bool can_vanish(const struct call *call)
{
	return call_state(call) == CALL_STATE_ESTABLISHED
		&& str_isset(office_call_ltag(call))
		&& str_isset(office_call_rtag(call));
}

static void zombie_add(struct office_member *m, struct call *call,
		       struct le *cle)
{
	struct office_zombie *z = mem_zalloc(sizeof(*z), zombie_destructor);

	if (!z)
		return;
	z->m = m;
	z->call = call;
	z->cle = cle;
	tmr_init(&z->tmr);
	list_append(&m->zombiel, &z->le, z);
	list_unlink(cle);
}

int office_die(struct office_member *m, struct re_printf *pf)
{
	struct le *le;
	unsigned silent = 0, loud = 0;
	int err;

	if (!office_sip_first()) {
		(void)re_hprintf(pf, "office_die needs the office's SIP "
				 "listener first in line (see the log)\n");
		return ENOTSUP;
	}
	if (m->dead) {
		(void)re_hprintf(pf, "%s has already vanished\n", m->p.id);
		return EALREADY;
	}
	m->dead = true;
	list_flush(&m->xferl);

	le = list_head(ua_calls(m->ua));
	while (le) {
		struct le *next = le->next;

		if (can_vanish(le->data))
			zombie_add(m, le->data, le);
		le = next;
	}
	while (!list_isempty(ua_calls(m->ua)) && loud < 64) {
		office_member_end(m, list_head(ua_calls(m->ua))->data, 480,
				  "Vanished (office_die)");
		loud++;
	}
	for (le = m->zombiel.head; le; le = le->next) {
		struct office_zombie *z = le->data;

		err = vanish_bye(m, z->call);
		if (err)
			warning("office: %s: cannot end %s silently (%m)\n",
				m->p.id, call_id(z->call), err);
		tmr_start(&z->tmr, err ? 0 : VANISH_CHECK_MS, zombie_check,
			  z);
		silent++;
	}
	info("office: %s vanishes (%u calls silently, %u not)\n", m->p.id,
	     silent, loud);
	return re_hprintf(pf, "%s vanished: %u call%s dropped without a "
			  "word, %u ended normally\n", m->p.id, silent,
			  silent == 1 ? "" : "s", loud);
}

void office_revive(struct office_member *m)
{
	if (!m->dead)
		return;
	m->dead = false;
	/* its subscribers heard nothing while it was gone */
	office_notify_changed(m);
}

/* CALL_CLOSED: true if the call was one of ours (ended by vanishing). */
bool office_die_closed(struct office_member *m, const struct call *call)
{
	struct le *le;

	for (le = m->zombiel.head; le; le = le->next) {
		struct office_zombie *z = le->data;

		if (z->call == call) {
			mem_deref(z);
			return true;
		}
	}
	return false;
}

/* UA_EVENT_SHUTDOWN: baresip destroys the UA next; calls that did not
 * end must be in its list to be freed, or the SIP stack never exits. */
void office_die_shutdown(struct office_member *m)
{
	while (m->zombiel.head) {
		struct office_zombie *z = m->zombiel.head->data;

		zombie_relink(z);
		mem_deref(z);
	}
}
