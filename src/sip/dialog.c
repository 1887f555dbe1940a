/*
 * dialog.c — the dialog tags of our calls, for Replaces (RFC 3891).
 * baresip 1.0.0 has no accessor for a call's tags, so every SIP message
 * is read as it passes (libre's trace hook) and the tags of each
 * answered INVITE are kept by Call-ID. The hook has one slot, so the
 * answers to our REGISTERs are passed on from here too, and the Reason
 * of a CANCEL (RFC 3326), which baresip does not pass on, is read here:
 * a call another operator answered first is not a missed call.
 */
#include <string.h>

#include "baresip_abi.h"
#include "core/board.h"
#include "core/operators.h"
#include "sip.h"

#define DIALOG_SLOTS 64

struct dialog_tags {
	char callid[256];
	char local_tag[128];
	char remote_tag[128];
};

static struct dialog_tags dialogs[DIALOG_SLOTS];
static size_t dialog_next;
static sip_register_answer_fn *register_answer;
static void *register_answer_arg;
static uint64_t subscribe_answers;

/* Call-IDs of calls the server cancelled because another branch
 * answered, newest last; a ring of them is enough as each is asked for
 * as its call closes, right after the CANCEL. */
static char elsewhere[DIALOG_SLOTS][256];
static size_t elsewhere_next;

/* PL into OUT when it fits whole; a value cut short would name another
 * call, so one that does not fit is not copied at all. */
static bool pl_copy(char *out, size_t sz, const struct pl *pl)
{
	if (pl->l >= sz) {
		out[0] = '\0';
		return false;
	}
	memcpy(out, pl->p, pl->l);
	out[pl->l] = '\0';
	return true;
}

static sip_dialog_answer_fn *answer_fn;
static void *answer_arg;

void sip_dialog_on_answer(sip_dialog_answer_fn *fn, void *arg)
{
	answer_fn = fn;
	answer_arg = arg;
}

/* A final answer received to our INVITE or REFER ends that transaction
 * on the dialog: the phone may start the next request. */
static void answer_learn(bool tx, const struct sip_msg *msg)
{
	char *callid = NULL;
	bool refer;

	if (tx || msg->req || msg->scode < 200 || !answer_fn)
		return;
	refer = !pl_strcmp(&msg->cseq.met, "REFER");
	if (!refer && pl_strcmp(&msg->cseq.met, "INVITE"))
		return;
	if (pl_strdup(&callid, &msg->callid))
		return;
	answer_fn(callid, refer, msg->scode, answer_arg);
	mem_deref(callid);
}

static struct board *refused_board;
static const char *refused_menc;   /* "srtp-mandatory", "dtls" or NULL */

void sip_dialog_on_refused(struct board *b, const char *account_line)
{
	refused_board = b;
	refused_menc = NULL;
	if (account_line && strstr(account_line, ";mediaenc=srtp-mand"))
		refused_menc = "srtp-mandatory";
	else if (account_line && strstr(account_line, ";mediaenc=dtls_srtp"))
		refused_menc = "dtls";
}

/* A 488 we sent to an INVITE: the call never reached the board. */
static void refusal_learn(bool tx, const struct sip_msg *msg)
{
	char *caller = NULL;

	if (!tx || msg->req || msg->scode != 488 || !refused_board ||
	    pl_strcmp(&msg->cseq.met, "INVITE"))
		return;
	/* whole: the board sanitises it and marks what it shortens */
	if (pl_strdup(&caller, pl_isset(&msg->from.dname) ?
		      &msg->from.dname : &msg->from.uri.user))
		return;
	board_on_offer_refused(refused_board, caller, refused_menc);
	mem_deref(caller);
}

/* A 1xx/2xx to an INVITE with a To tag fixes the dialog's tags: on one
 * we received we sent the INVITE (our tag is From's), on one we sent we
 * received it (our tag is To's). */
static void dialog_learn(bool tx, const struct sip_msg *msg)
{
	struct dialog_tags *d = NULL;
	const struct pl *ours, *theirs;
	size_t i;

	if (msg->req || msg->scode < 101 || msg->scode >= 300 ||
	    pl_strcmp(&msg->cseq.met, "INVITE") || !pl_isset(&msg->to.tag) ||
	    !pl_isset(&msg->callid))
		return;
	ours = tx ? &msg->to.tag : &msg->from.tag;
	theirs = tx ? &msg->from.tag : &msg->to.tag;
	for (i = 0; i < DIALOG_SLOTS; i++) {
		if (!pl_strcmp(&msg->callid, dialogs[i].callid)) {
			d = &dialogs[i];
			break;
		}
	}
	if (!d) {
		d = &dialogs[dialog_next];
		dialog_next = (dialog_next + 1) % DIALOG_SLOTS;
	}
	if (!pl_copy(d->callid, sizeof(d->callid), &msg->callid) ||
	    !pl_copy(d->local_tag, sizeof(d->local_tag), ours) ||
	    !pl_copy(d->remote_tag, sizeof(d->remote_tag), theirs)) {
		/* no Replaces for it: refused, never misdirected */
		d->callid[0] = d->remote_tag[0] = '\0';
		warning("cordboard: a dialog's Call-ID or tags are too long "
			"to keep: no attended transfer on it\n");
	}
}

/* A CANCEL we received whose Reason says the call was completed
 * elsewhere (Kamailio adds it when another contact answered). */
static void cancel_learn(bool tx, const struct sip_msg *msg)
{
	const struct sip_hdr *hdr;
	char *reason = NULL;
	bool said;

	if (tx || !msg->req || pl_strcmp(&msg->met, "CANCEL") ||
	    !pl_isset(&msg->callid))
		return;
	hdr = sip_msg_hdr(msg, SIP_HDR_REASON);
	if (!hdr || pl_strdup(&reason, &hdr->val))
		return;
	said = operators_reason_elsewhere(reason);
	mem_deref(reason);
	if (!said)
		return;
	if (!pl_copy(elsewhere[elsewhere_next], sizeof(elsewhere[0]),
		     &msg->callid)) {
		warning("cordboard: a Call-ID too long to keep: its caller "
			"shows as gone, not as answered elsewhere\n");
		return;
	}
	elsewhere_next = (elsewhere_next + 1) % DIALOG_SLOTS;
}

static void trace_handler(bool tx, enum sip_transp tp, const struct sa *src,
			  const struct sa *dst, const uint8_t *pkt,
			  size_t len, void *arg)
{
	struct sip_msg *msg = NULL;
	struct mbuf *mb;

	(void)tp;
	(void)src;
	(void)dst;
	(void)arg;
	mb = mbuf_alloc(len);
	if (!mb)
		return;
	if (mbuf_write_mem(mb, pkt, len) == 0) {
		mb->pos = 0;
		if (sip_msg_decode(&msg, mb) == 0) {
			dialog_learn(tx, msg);
			cancel_learn(tx, msg);
			answer_learn(tx, msg);
			refusal_learn(tx, msg);
		}
		if (msg && !tx && !msg->req && msg->scode >= 200 &&
		    !pl_strcmp(&msg->cseq.met, "SUBSCRIBE"))
			subscribe_answers++;
		if (msg && !tx && !msg->req && msg->scode >= 200 &&
		    !pl_strcmp(&msg->cseq.met, "REGISTER") && register_answer)
			register_answer(register_answer_arg, msg->scode,
					sip_retry_after(msg));
	}
	mem_deref(msg);
	mem_deref(mb);
}

uint32_t sip_retry_after(const struct sip_msg *msg)
{
	const struct sip_hdr *hdr = msg ?
		sip_msg_hdr(msg, SIP_HDR_RETRY_AFTER) : NULL;
	uint32_t s = 0;
	size_t i;

	/* "Retry-After: 5 (busy);duration=10": the leading number */
	for (i = 0; hdr && i < hdr->val.l && hdr->val.p[i] >= '0' &&
		     hdr->val.p[i] <= '9' && s < 100000; i++)
		s = s * 10 + (uint32_t)(hdr->val.p[i] - '0');
	return s;
}

void sip_dialog_on_register(sip_register_answer_fn *fn, void *arg)
{
	register_answer = fn;
	register_answer_arg = arg;
}

uint64_t sip_subscribe_answers(void)
{
	return subscribe_answers;
}

void sip_dialog_watch(bool on)
{
	sip_set_trace_handler(uag_sip(), on ? trace_handler : NULL);
}

int sip_dialog_tags(const char *callid, char *local_tag, size_t lsz,
		    char *remote_tag, size_t rsz)
{
	size_t i;

	for (i = 0; callid && i < DIALOG_SLOTS; i++) {
		if (!strcmp(dialogs[i].callid, callid) &&
		    dialogs[i].remote_tag[0]) {
			str_ncpy(local_tag, dialogs[i].local_tag, lsz);
			str_ncpy(remote_tag, dialogs[i].remote_tag, rsz);
			return 0;
		}
	}
	return ENOENT;
}

bool sip_dialog_answered_elsewhere(const char *callid)
{
	size_t i;

	for (i = 0; callid && *callid && i < DIALOG_SLOTS; i++)
		if (!strcmp(elsewhere[i], callid))
			return true;
	return false;
}
