/*
 * office_target.c — RFC 3891 as the transfer target: an INVITE with
 * "Replaces: CALLID;to-tag=OURS;from-tag=THEIRS" that names one of the
 * UA's dialogs is answered at once, whatever the UA's answer setting,
 * and the replaced dialog gets a BYE once the new one is up. One that
 * names no dialog gets 481 (office_sip.c, before it rings; here too if
 * that listener could not be placed).
 *
 * baresip 1.0.0 ignores Replaces; an xhdr filter on every UA copies the
 * header into the call's custom headers, which is where we read it.
 */
#include <ctype.h>
#include <string.h>

#include "office.h"

/* A call that replaced another one of the same UA. */
struct office_replace {
	struct le le;
	struct call *call;          /* the new call; compared, not trusted */
	char *old_callid;
	bool bye_sent;
};

static void replace_destructor(void *arg)
{
	struct office_replace *r = arg;

	list_unlink(&r->le);
	mem_deref(r->old_callid);
}

static void pl_trim(struct pl *pl)
{
	while (pl->l && (pl->p[0] == ' ' || pl->p[0] == '\t')) {
		pl->p++;
		pl->l--;
	}
	while (pl->l && (pl->p[pl->l - 1] == ' ' || pl->p[pl->l - 1] == '\t'))
		pl->l--;
}

/* "CALLID;to-tag=T;from-tag=F[;early-only]" -> its three parts. */
int office_replaces_parse(const struct pl *val, struct pl *callid,
			  struct pl *totag, struct pl *fromtag)
{
	const char *semi;
	struct pl params;

	if (!pl_isset(val))
		return EINVAL;
	semi = pl_strchr(val, ';');
	if (!semi)
		return EINVAL;
	callid->p = val->p;
	callid->l = (size_t)(semi - val->p);
	pl_trim(callid);
	params.p = semi;
	params.l = (size_t)(val->p + val->l - semi);
	if (!callid->l || pl_strchr(callid, ' ')
	    || msg_param_decode(&params, "to-tag", totag)
	    || msg_param_decode(&params, "from-tag", fromtag)
	    || !totag->l || !fromtag->l)
		return EINVAL;
	return 0;
}

/* The call of M that a Replaces value names: same Call-ID, its to-tag
 * is M's own tag and its from-tag the peer's. A call still ringing at
 * M is an early dialog M did not start: RFC 3891 says no match (481). */
struct call *office_replaces_find(const struct office_member *m,
				  const struct pl *val)
{
	struct pl cid, tt, ft;
	struct le *le;

	if (!m->ua || office_replaces_parse(val, &cid, &tt, &ft))
		return NULL;
	for (le = list_head(ua_calls(m->ua)); le; le = le->next) {
		struct call *call = le->data;

		if (call_state(call) != CALL_STATE_INCOMING
		    && 0 == pl_strcmp(&cid, call_id(call))
		    && 0 == pl_strcmp(&tt, office_call_ltag(call))
		    && 0 == pl_strcmp(&ft, office_call_rtag(call)))
			return call;
	}
	return NULL;
}

const struct sip_hdr *office_call_hdr(const struct call *call,
				      const char *name)
{
	struct le *le;

	for (le = list_head(call_get_custom_hdrs(call)); le; le = le->next) {
		const struct sip_hdr *hdr = le->data;

		if (0 == pl_strcasecmp(&hdr->name, name))
			return hdr;
	}
	return NULL;
}

const char *office_intercom_request(const struct call *call)
{
	static const struct {
		const char *name;
		const char *asks;        /* in the value, any case */
	} forms[] = {
		{ "Call-Info", "answer-after=" },
		{ "Alert-Info", "auto" },    /* alert-autoanswer, Ring Answer */
		{ "Alert-Info", "ring answer" },
		{ "Answer-Mode", "auto" },
	};
	static char text[512];
	const char *luri;
	size_t i;

	if (call_is_outgoing(call))
		return "";
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct sip_hdr *h = office_call_hdr(call, forms[i].name);
		char val[400], low[400];
		size_t k;

		if (!h)
			continue;
		pl_strcpy(&h->val, val, sizeof(val));
		for (k = 0; val[k]; k++)
			low[k] = (char)tolower((unsigned char)val[k]);
		low[k] = '\0';
		if (strstr(low, forms[i].asks)) {
			re_snprintf(text, sizeof(text), "%s: %s",
				    forms[i].name, val);
			return text;
		}
	}
	luri = call_localuri(call);
	if (luri && strstr(luri, ";intercom=true"))
		return "intercom=true";
	return "";
}

static const struct sip_hdr *replaces_hdr(const struct call *call)
{
	return call_is_outgoing(call) ? NULL
		: office_call_hdr(call, "Replaces");
}

bool office_target_has_replaces(const struct call *call)
{
	return NULL != replaces_hdr(call);
}

static struct office_replace *replace_find(const struct office_member *m,
					   const struct call *call)
{
	struct le *le;

	for (le = m->replacel.head; le; le = le->next) {
		struct office_replace *r = le->data;

		if (r->call == call)
			return r;
	}
	return NULL;
}

/* A ringing call that came with Replaces: answer it if it names a
 * dialog of ours, else 481. False if it has no Replaces at all. */
bool office_target_incoming(struct office_member *m, struct call *call)
{
	const struct sip_hdr *hdr = replaces_hdr(call);
	struct office_replace *r;
	struct call *old;
	int err;

	if (!hdr)
		return false;
	old = office_replaces_find(m, &hdr->val);
	if (!old || old == call) {
		info("office: %s: Replaces '%r' matches no dialog: 481\n",
		     m->p.id, &hdr->val);
		office_member_end(m, call, 481,
				  "Call/Transaction Does Not Exist");
		return true;
	}
	r = mem_zalloc(sizeof(*r), replace_destructor);
	if (!r)
		return true;
	r->call = call;
	if (str_dup(&r->old_callid, call_id(old))) {
		mem_deref(r);
		return true;
	}
	list_append(&m->replacel, &r->le, r);
	info("office: %s: %s replaces %s, answering\n", m->p.id,
	     call_id(call), r->old_callid);
	err = ua_answer(m->ua, call, VIDMODE_OFF);
	if (err)
		warning("office: %s: answer failed (%m)\n", m->p.id, err);
	return true;
}

/* The replaced dialog ends once the new one is established (the new
 * INVITE could still fail before its ACK). */
void office_target_event(struct office_member *m, enum ua_event ev,
			 struct call *call)
{
	struct office_replace *r = replace_find(m, call);
	struct call *old;

	if (!r)
		return;
	if (ev == UA_EVENT_CALL_CLOSED) {
		mem_deref(r);
		return;
	}
	if (ev != UA_EVENT_CALL_ESTABLISHED || r->bye_sent)
		return;
	r->bye_sent = true;
	old = office_member_call_by_id(m, r->old_callid);
	if (old && old != call) {
		info("office: %s: BYE to the replaced %s\n", m->p.id,
		     r->old_callid);
		office_member_end(m, old, 0, "Replaced");
	}
}

const char *office_target_replaced(const struct office_member *m,
				   const struct call *call)
{
	const struct office_replace *r = replace_find(m, call);

	return r ? r->old_callid : NULL;
}
