/*
 * list_notify.c — see list_notify.h: a resource list's NOTIFYs that
 * arrive after a newer one, answered 200 and read instead of refused.
 */
#include <string.h>

#include "baresip_abi.h"
#include "list_notify.h"

void list_dialog_forget(struct list_dialog *d)
{
	memset(d, 0, sizeof(*d));
}

static void pl_keep(const struct pl *pl, char *out, size_t sz)
{
	out[0] = '\0';
	if (pl_isset(pl) && pl->l < sz)
		(void)pl_strcpy(pl, out, sz);
}

void list_dialog_note(struct list_dialog *d, const struct sip_msg *msg)
{
	char callid[sizeof(d->callid)], tag[sizeof(d->local_tag)];

	pl_keep(&msg->callid, callid, sizeof(callid));
	pl_keep(&msg->to.tag, tag, sizeof(tag));
	if (!callid[0] || !tag[0])
		return;
	/* a NOTIFY of a new dialog (the subscription was made again) */
	if (!d->known || strcmp(d->callid, callid) ||
	    strcmp(d->local_tag, tag)) {
		list_dialog_forget(d);
		memcpy(d->callid, callid, sizeof(callid));
		memcpy(d->local_tag, tag, sizeof(tag));
		pl_keep(&msg->from.uri.user, d->from_user,
			sizeof(d->from_user));
		pl_keep(&msg->from.uri.host, d->from_host,
			sizeof(d->from_host));
		d->known = true;
	}
	if (msg->cseq.num > d->top_cseq)
		d->top_cseq = msg->cseq.num;
}

static bool event_is(const struct sip_msg *msg, const char *event)
{
	const struct sip_hdr *h = sip_msg_hdr(msg, SIP_HDR_EVENT);
	struct sipevent_event se;

	return h && !sipevent_event_decode(&se, &h->val) &&
		!pl_strcasecmp(&se.event, event);
}

bool list_dialog_late(const struct list_dialog *d, const struct sip_msg *msg,
		      const char *event)
{
	if (!d->known || msg->cseq.num >= d->top_cseq ||
	    pl_strcmp(&msg->met, "NOTIFY") ||
	    pl_strcmp(&msg->callid, d->callid) ||
	    pl_strcmp(&msg->to.tag, d->local_tag) ||
	    pl_strcasecmp(&msg->from.uri.user, d->from_user) ||
	    pl_strcasecmp(&msg->from.uri.host, d->from_host))
		return false;
	return event_is(msg, event);
}

int sip_listen_first(struct sip_lsnr **lsnrp, struct sip *sip,
		     sip_msg_h *h, void *arg)
{
	static bool said;
	struct le *le;
	struct list *listeners;
	int err = sip_listen(lsnrp, sip, true, h, arg);

	if (err)
		return err;
	/* libre offers a request to its listeners in the order they were
	 * added, and baresip's event socket (added before any module)
	 * answers every NOTIFY; in libre 1.1.0 a listener begins with its
	 * list element, so moving that element puts ours first */
	le = (struct le *)(void *)*lsnrp;
	if (le->data != *lsnrp || !le->list) {
		if (!said)
			warning("cordboard: libre's listeners are not laid "
				"out as in libre 1.1.0: a list NOTIFY that "
				"comes late is refused as before\n");
		said = true;
		return 0;
	}
	listeners = le->list;
	list_unlink(le);
	list_prepend(listeners, le, *lsnrp);
	return 0;
}
