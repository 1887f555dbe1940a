/*
 * office.c — the office module: one baresip UA per person of the office
 * description, answering, rejecting and calling as the description (or
 * a command) says. Loaded by cordboard-office as a baresip application
 * module; commands live in office_cmd.c, the status in office_status.c,
 * transfers in office_refer.c and office_target.c, the demo's callers in
 * office_demo.c.
 */
#include <stdlib.h>
#include <string.h>

#include "office.h"
#include "sip/bsdir.h"
#include "sip/sip.h"

/* An answer or reject scheduled for one incoming call. */
struct office_pending {
	struct le le;
	struct tmr tmr;
	struct office_member *m;
	struct call *call;          /* compared, never dereferenced blindly */
};

static struct office *the_office;

static void pending_destructor(void *arg)
{
	struct office_pending *pd = arg;

	tmr_cancel(&pd->tmr);
	list_unlink(&pd->le);
}

static void ended_destructor(void *arg)
{
	struct office_ended *e = arg;

	list_unlink(&e->le);
	mem_deref(e->callid);
	mem_deref(e->peer);
	mem_deref(e->peername);
	mem_deref(e->reason);
}

/* At module close baresip has already freed its UAs without telling
 * us, so only a UA still in its list may be destroyed. */
static bool ua_alive(const struct ua *ua)
{
	struct le *le;

	for (le = list_head(uag_list()); le; le = le->next) {
		if (le->data == ua)
			return true;
	}
	return false;
}

static void member_destructor(void *arg)
{
	struct office_member *m = arg;

	tmr_cancel(&m->tmr_demo);
	office_publish_free(m);
	list_flush(&m->pendl);
	list_flush(&m->endedl);
	list_flush(&m->refers_out);
	list_flush(&m->refers_in);
	list_flush(&m->xferl);
	list_flush(&m->replacel);
	list_flush(&m->zombiel);
	list_flush(&m->subl);
	list_flush(&m->subendl);
	list_flush(&m->watchl);
	list_flush(&m->messagel);
	list_unlink(&m->le);
	mem_deref(m->next_name);
	mem_deref(m->demo_callid);
	if (m->ua && ua_alive(m->ua))
		ua_destroy(m->ua);
}

const char *office_reason_phrase(uint16_t scode)
{
	switch (scode) {
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 480: return "Temporarily Unavailable";
	case 481: return "Call/Transaction Does Not Exist";
	case 486: return "Busy Here";
	case 487: return "Request Terminated";
	case 488: return "Not Acceptable Here";
	case 500: return "Server Internal Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 600: return "Busy Everywhere";
	case 603: return "Decline";
	default:  return "Rejected";
	}
}

struct office_member *office_member_find(struct office *o, const char *key)
{
	struct le *le;

	if (!o || !key)
		return NULL;
	for (le = o->members.head; le; le = le->next) {
		struct office_member *m = le->data;

		if (0 == strcmp(m->p.id, key))
			return m;
	}
	for (le = o->members.head; le; le = le->next) {
		struct office_member *m = le->data;

		if (0 == strcasecmp(m->p.user, key))
			return m;
	}
	return NULL;
}

static struct office_member *member_of_ua(const struct office *o,
					  const struct ua *ua)
{
	struct le *le;

	for (le = o ? o->members.head : NULL; le; le = le->next) {
		struct office_member *m = le->data;

		if (m->ua && m->ua == ua)
			return m;
	}
	return NULL;
}

struct office_member *office_member_of_ua(const struct ua *ua)
{
	return member_of_ua(the_office, ua);
}

bool office_member_has_call(const struct office_member *m,
			    const struct call *call)
{
	struct le *le;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (le->data == call)
			return true;
	}
	return false;
}

struct call *office_member_call_by_id(const struct office_member *m,
				      const char *callid)
{
	struct le *le;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (0 == str_cmp(call_id(le->data), callid))
			return le->data;
	}
	return NULL;
}

struct call *office_member_call_in(const struct office_member *m,
				   enum call_state state)
{
	struct le *le;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (call_state(le->data) == state)
			return le->data;
	}
	return NULL;
}

/* Ends one call the way a person would, remembering that we did it
 * (the CALL_CLOSED event fires inside ua_hangup). */
void office_member_end(struct office_member *m, struct call *call,
		       uint16_t scode, const char *reason)
{
	m->hangup_scode = scode;
	m->hangup_reason = reason;
	ua_hangup(m->ua, call, scode, reason);
	m->hangup_scode = 0;
	m->hangup_reason = NULL;
}

static void pending_handler(void *arg)
{
	struct office_pending *pd = arg;
	struct office_member *m = pd->m;
	struct call *call = pd->call;
	int err;

	mem_deref(pd);
	if (!m->ua || m->dead || !office_member_has_call(m, call)
	    || call_state(call) != CALL_STATE_INCOMING)
		return;

	if (office_target_incoming(m, call))
		return;
	if (m->p.answer == OFFICE_ANSWER_REJECT
	    || m->p.answer == OFFICE_ANSWER_BUSY) {
		uint16_t code = m->p.answer == OFFICE_ANSWER_BUSY ? 486
			: (uint16_t)m->p.reject_code;

		info("office: %s rejects %s with %u\n", m->p.id,
		     call_peeruri(call), code);
		office_member_end(m, call, code, office_reason_phrase(code));
		return;
	}
	info("office: %s answers %s\n", m->p.id, call_peeruri(call));
	err = ua_answer(m->ua, call, VIDMODE_OFF);
	if (err)
		warning("office: %s: answer failed (%m)\n", m->p.id, err);
}

static void pending_cancel(struct office_member *m, const struct call *call)
{
	struct le *le = m->pendl.head;

	while (le) {
		struct office_pending *pd = le->data;

		le = le->next;
		if (!call || pd->call == call)
			mem_deref(pd);
	}
}

/* Schedules what the person does with a ringing call, if anything.
 * A call that replaces one of ours is answered at once, as phones do;
 * busy is at once too. Never from inside the event: the call must not
 * end while baresip's handlers still look at it. */
static void behaviour_schedule(struct office_member *m, struct call *call)
{
	struct office_pending *pd;
	unsigned delay = m->p.delay;

	if (office_target_has_replaces(call) || m->p.answer ==
	    OFFICE_ANSWER_BUSY)
		delay = 0;
	else if (m->p.answer == OFFICE_ANSWER_MANUAL
		 || m->p.answer == OFFICE_ANSWER_NOANSWER
		 || (m->p.answer == OFFICE_ANSWER_INTERCOM
		     && !office_intercom_request(call)[0]))
		return;
	pd = mem_zalloc(sizeof(*pd), pending_destructor);
	if (!pd)
		return;
	pd->m = m;
	pd->call = call;
	list_append(&m->pendl, &pd->le, pd);
	tmr_start(&pd->tmr, (uint64_t)delay * 1000, pending_handler, pd);
}

void office_member_behaviour_apply(struct office_member *m)
{
	struct le *le;

	pending_cancel(m, NULL);
	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (call_state(le->data) == CALL_STATE_INCOMING)
			behaviour_schedule(m, le->data);
	}
}

static int str_dup_or_empty(char **dst, const char *s)
{
	return str_dup(dst, s ? s : "");
}

static void ended_record(struct office_member *m, struct call *call,
			 const char *prm, bool vanished)
{
	struct office_ended *e;
	int err;

	e = mem_zalloc(sizeof(*e), ended_destructor);
	if (!e)
		return;
	err  = str_dup_or_empty(&e->callid, call_id(call));
	err |= str_dup_or_empty(&e->peer, call_peeruri(call));
	err |= str_dup_or_empty(&e->peername, call_peername(call));
	if (!err && strlen(e->peername) > OFFICE_ENDED_NAME_MAX)
		e->peername[OFFICE_ENDED_NAME_MAX] = '\0';
	err |= str_dup_or_empty(&e->reason, vanished ? "Vanished (office_die)"
				: m->hangup_reason ? m->hangup_reason : prm);
	if (err) {
		mem_deref(e);
		return;
	}
	e->outgoing = call_is_outgoing(call);
	e->by_us = m->hangup_reason != NULL || vanished;
	e->scode = m->hangup_reason ? m->hangup_scode : call_scode(call);
	e->duration = call_duration(call);
	list_append(&m->endedl, &e->le, e);
	while (list_count(&m->endedl) > OFFICE_ENDED_MAX)
		mem_deref(list_head(&m->endedl)->data);
}

/* Keeps the last digits heard, so a test can tell what the console sent. */
static void dtmf_record(struct office_member *m, const char *key)
{
	size_t len = strlen(m->dtmf);

	if (!key || !key[0])
		return;
	if (len + 1 >= sizeof(m->dtmf)) {
		memmove(m->dtmf, m->dtmf + 1, len);
		len--;
	}
	m->dtmf[len] = key[0];
	m->dtmf[len + 1] = '\0';
}

static void members_revive(struct office *o)
{
	struct le *le;

	for (le = o->members.head; le; le = le->next)
		office_revive(le->data);
}

/* Still running after the grace time: some NOTIFY (or un-SUBSCRIBE) of
 * the shutdown has no answer. Do what a second SIGTERM would. */
static void stop_handler(void *arg)
{
	(void)arg;
	warning("office: SIP requests still open %u ms after shutdown: "
		"closing at once\n", OFFICE_STOP_GRACE_MS);
	ua_stop_all(true);
}

static void ua_event_handler(struct ua *ua, enum ua_event ev,
			     struct call *call, const char *prm, void *arg)
{
	struct office *o = arg;
	struct office_member *m = member_of_ua(o, ua);

	if (!m)
		return;

	office_notify_event(m, ev, call);
	office_publish_event(m, ev);
	switch (ev) {

	case UA_EVENT_SHUTDOWN:
		/* baresip destroys the UA right after this event; the BYEs
		 * of the UAs' calls must all be answered, or the SIP stack
		 * waits 32 s for them: nobody stays vanished */
		members_revive(o);
		pending_cancel(m, NULL);
		list_flush(&m->xferl);
		list_flush(&m->replacel);
		office_die_shutdown(m);
		/* subscriptions hold the SIP stack: let them go (both
		 * kinds), and do not wait 32 s for a subscriber that is no
		 * more */
		if ((int)office_notify_shutdown(m) |
		    (int)office_watch_shutdown(m))
			tmr_start(&o->tmr_stop, OFFICE_STOP_GRACE_MS,
				  stop_handler, o);
		m->ua = NULL;
		break;

	case UA_EVENT_CALL_INCOMING:
		behaviour_schedule(m, call);
		break;

	case UA_EVENT_CALL_ESTABLISHED:
		office_refer_event(m, ev, call, prm);
		office_target_event(m, ev, call);
		break;

	case UA_EVENT_CALL_CLOSED:
		pending_cancel(m, call);
		ended_record(m, call, prm, office_die_closed(m, call));
		office_refer_event(m, ev, call, prm);
		office_target_event(m, ev, call);
		break;

	case UA_EVENT_CALL_TRANSFER:
		office_refer_follow(m, call, prm);
		break;

	case UA_EVENT_CALL_TRANSFER_FAILED:
		/* baresip 1.0.0 frees the call right after this event (the
		 * transferor's call to the transferee when a REFER fails; a
		 * transferee's when the transferor stops listening). A phone
		 * keeps talking: this reference becomes the one it drops. */
		info("office: %s: transfer failed (%s): the call goes on\n",
		     m->p.id, prm);
		mem_ref(call);
		office_refer_event(m, ev, call, prm);
		break;

	case UA_EVENT_CALL_DTMF_START:
		dtmf_record(m, prm);
		break;

	default:
		break;
	}
}

static int member_alloc(struct office *o, const struct office_person *p)
{
	struct office_member *m;
	char *aor = NULL;
	char host[64];
	unsigned port;
	unsigned regint = o->desc.registrar[0] ? OFFICE_REGINT_S : 0;
	int err;

	m = mem_zalloc(sizeof(*m), member_destructor);
	if (!m)
		return ENOMEM;
	m->p = *p;
	tmr_init(&m->tmr_demo);
	list_append(&o->members, &m->le, m);

	err = office_addr_split(o->desc.listen, host, sizeof(host), &port);
	if (err)
		goto out;
	/* with a registrar, a person's address is there, as in an office
	 * with a PBX; else it is the office's own listener */
	if (o->desc.registrar[0])
		re_snprintf(m->aor, sizeof(m->aor), "sip:%s@%s", p->user,
			    o->desc.registrar);
	else
		re_snprintf(m->aor, sizeof(m->aor), "sip:%s@%s:%u", p->user,
			    host, port);
	/* tone 0: the console's silent source sends zeros, so RTP flows */
	if (p->tone)
		err = re_sdprintf(&aor, "\"%s\" <%s>;regint=%u;"
				  "answermode=manual;audio_source=ausine,%u"
				  "%s%s",
				  p->name, m->aor, regint, p->tone,
				  p->mediaenc[0] ? ";mediaenc=" : "",
				  p->mediaenc);
	else
		err = re_sdprintf(&aor, "\"%s\" <%s>;regint=%u;"
				  "answermode=manual;audio_source=%s,silence"
				  "%s%s",
				  p->name, m->aor, regint, SIP_SILENCE_MOD,
				  p->mediaenc[0] ? ";mediaenc=" : "",
				  p->mediaenc);
	if (!err && o->desc.registrar[0])
		err = office_publish_alloc(m);
	if (err)
		goto out;
	err = ua_alloc(&m->ua, aor);
	if (err) {
		warning("office: cannot create UA %s (%m)\n", aor, err);
		goto out;
	}
	/* baresip ignores Replaces; these keep it (and Referred-By) with
	 * the incoming call, among its custom headers */
	err  = ua_add_xhdr_filter(m->ua, "Replaces");
	err |= ua_add_xhdr_filter(m->ua, "Referred-By");
	/* the forms of an intercom page (office_intercom_request) */
	err |= ua_add_xhdr_filter(m->ua, "Call-Info");
	err |= ua_add_xhdr_filter(m->ua, "Alert-Info");
	err |= ua_add_xhdr_filter(m->ua, "Answer-Mode");
	if (!err && regint)
		err = ua_register(m->ua);

 out:
	mem_deref(aor);
	if (err)
		mem_deref(m);
	return err;
}

/* The console's address with the user part M dials (a company line):
 * "sip:reception@host:port" becomes "sip:100@host:port". */
static const char *dialled_uri(const struct office *o,
			       const struct office_member *m,
			       char *buf, size_t sz)
{
	const char *console = o->desc.console;
	const char *at = strchr(console, '@');
	const char *colon = strchr(console, ':');

	if (!m->p.dials[0] || !colon)
		return console;
	(void)re_snprintf(buf, sz, "%b%s@%s", console,
			  (size_t)(colon + 1 - console), m->p.dials,
			  at ? at + 1 : colon + 1);
	return buf;
}

int office_member_call(struct office *o, struct office_member *m,
		       const char *uri)
{
	char dialled[OFFICE_URI_MAX];
	struct account *acc;
	int err;

	if (!m->ua || m->dead)
		return ENODEV;
	if (!uri)
		uri = dialled_uri(o, m, dialled, sizeof(dialled));
	acc = ua_account(m->ua);
	if (m->next_name) {
		err = account_set_display_name(acc, m->next_name);
		if (err)
			return err;
	}
	err = ua_connect(m->ua, NULL, NULL, uri, VIDMODE_OFF);
	if (!err)
		office_notify_changed(m);   /* trying: no event says so */
	if (m->next_name) {
		/* the call copied the name; the next one uses the usual */
		(void)account_set_display_name(acc, m->p.name);
		m->next_name = mem_deref(m->next_name);
	}
	if (err)
		warning("office: %s cannot call %s (%m)\n", m->p.id, uri,
			err);
	return err;
}

static void office_destructor(void *arg)
{
	struct office *o = arg;

	tmr_cancel(&o->tmr_demo);
	tmr_cancel(&o->tmr_fail);
	tmr_cancel(&o->tmr_stop);
	list_flush(&o->members);
	office_desc_free(&o->desc);
}

static void fail_handler(void *arg)
{
	(void)arg;
	ua_stop_all(false);
}

static int office_start(struct office *o, const char *path)
{
	char msg[512];
	size_t i;
	int err;

	err = office_desc_load(&o->desc, path, msg, sizeof(msg));
	if (err) {
		warning("office: %s\n", msg);
		return err;
	}
	/* baresip shrugs off a module that fails to load */
	if (!mod_find("ctrl_tcp.so")) {
		warning("office: ctrl_tcp is not loaded (is %s in use?)\n",
			o->desc.ctrl);
		return EADDRINUSE;
	}
	/* before any call starts: baresip sets up filters at audio start */
	err  = office_tone_init(&o->desc);
	err |= sip_silence_register();
	if (err)
		return err;
	for (i = 0; i < o->desc.personc; i++) {
		err = member_alloc(o, &o->desc.personv[i]);
		if (err)
			return err;
	}
	err = office_sip_init();
	if (err)
		return err;
	err = uag_event_register(ua_event_handler, o);
	if (err)
		return err;
	err = office_notify_init(o);
	if (err)
		return err;
	err = office_cmd_register(o);
	if (err)
		return err;
	if (o->desc.demo.enabled)
		office_demo_start(o);
	info("office: %zu people on %s, control on %s\n", o->desc.personc,
	     o->desc.listen, o->desc.ctrl);
	return 0;
}

/* A failed init must not leave baresip running without the office
 * (it would ignore the failure and serve ctrl_tcp): stop it instead. */
static int office_init(void)
{
	const char *path = getenv("CORDBOARD_OFFICE_FILE");
	int err;

	the_office = mem_zalloc(sizeof(*the_office), office_destructor);
	if (!the_office)
		return ENOMEM;
	tmr_init(&the_office->tmr_demo);
	tmr_init(&the_office->tmr_fail);
	tmr_init(&the_office->tmr_stop);

	if (!path || !*path) {
		warning("office: CORDBOARD_OFFICE_FILE is not set "
			"(start the office with cordboard-office)\n");
		err = EINVAL;
	}
	else {
		err = office_start(the_office, path);
	}
	if (err) {
		warning("office: init failed (%m), stopping\n", err);
		tmr_start(&the_office->tmr_fail, 0, fail_handler, NULL);
	}
	return 0;
}

static int office_close(void)
{
	const char *dir = getenv("CORDBOARD_OFFICE_DIR");

	office_cmd_unregister();
	office_notify_close();
	uag_event_unregister(ua_event_handler);
	office_sip_close();
	the_office = mem_deref(the_office);
	office_tone_close();
	sip_silence_unregister();
	if (dir && *dir)
		bsdir_remove(dir);
	return 0;
}

__attribute__((visibility("default")))
const struct mod_export exports = {
	"office",
	"application",
	office_init,
	office_close
};
