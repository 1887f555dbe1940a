/*
 * office_status.c — the office as JSON, for office_status:
 *
 *   {"listen":..,"ctrl":..,"console":..,
 *    "tones":[330,440,880],  what hears can name, ascending
 *    "uas":[
 *     {"id":"201","aor":"sip:201@127.0.0.1:5090",
 *      "kind":"caller|colleague|voicemail","name":..,
 *      "answer":"manual|auto|reject|busy|noanswer","delay":0,
 *      "reject_code":486,"tone":880,
 *      "refer":"accept|reject405|reject501|silent",
 *      "transfer_timeout":30,"alive":true,"next_name":"","dtmf":"",
 *      "calls":[{"callid":..,"local_tag":..,"remote_tag":..,
 *                "replaced":"<Call-ID this call replaced>|",
 *                "referred_by":"<Referred-By of its INVITE>|",
 *                "peer":..,"peer_user":"201","peername":..,
 *                "dir":"in|out",
 *                "state":"incoming|outgoing|ringing|early|established|..",
 *                "held_by_peer":false,"on_hold":false,
 *                "remote_dir":"sendrecv|sendonly|recvonly|inactive|",
 *                "duration":12,
 *                "hears":[440,880],  tones heard over the last 0.5 s
 *                "level_db":-9.0}],  its RMS in dBov, -96.0 silence
 *      "ended":[{"callid":..,"peer":..,"peername":..,"dir":"in|out",
 *                "scode":486,"reason":..,"by":"office|peer",
 *                "reason_header":"SIP;cause=480;text=..." (received),
 *                "duration":0}],
 *      "presence":"available|away|busy|dnd|offline","note":..,
 *      "refers_out":[REFER],   REFERs it sent (transferor)
 *      "refers_in":[REFER],    REFERs it received (transferee)
 *      "subs":[SUB],           who subscribes to it (office_notify.c)
 *      "subs_ended":[SUB],     the last few that ended
 *      "watches":[WATCH],      what it subscribes to (office_watch.c)
 *      "registered":true,      with a registrar only (office_publish.c):
 *      "published":2,          PUBLISHes the server took,
 *      "publish_scode":200}]}  and the last answer to one
 *
 *   REFER = {"callid":..,"refer_to":"<sip:201@..?Replaces=..>",
 *            "referred_by":..,"response":202 (0 while none),
 *            "notify":[100,200]}   sipfrag codes of the NOTIFYs
 *
 *   SUB = {"ua":"201","event":"presence|dialog","subscriber":<From URI>,
 *          "callid":..,"version":3 (of the last document),
 *          "notifies":4 (NOTIFYs on the wire),"refreshes":1,
 *          "expires":598 (s left),"substate":"active;expires=600"
 *          (Subscription-State of the last NOTIFY),
 *          "ended":"" | "unsubscribed|expired|shutdown|NOTIFY got 481 .."}
 *   WATCH = {"uri":..,"event":..,
 *            "state":"pending|active|terminated|failed|unsubscribed",
 *            "scode":489 (error response to the SUBSCRIBE, else 0),
 *            "reason":..,"notifies":N,"substate":..,"ctype":..,
 *            "bodies":[..]}   the last 16 NOTIFY bodies, oldest first
 *
 * local_tag/remote_tag are the dialog tags as this UA sees them ("" if
 * not known yet); an INVITE replacing this dialog carries
 * "Replaces: CALLID;to-tag=LOCAL;from-tag=REMOTE".
 *
 * hears lists, ascending, the office's tones (every person's, plus the
 * file's `tones`) that hold at least a tenth of what the call received
 * in the last 0.5 s (office_tone.c); [] and -96.0 when nothing came.
 * A UA with "tone":0 sends digital silence, which G.711 as librem
 * decodes it brings in at about -84 dBov.
 *
 * Strings are byte strings: every byte outside printable ASCII is written
 * as \u00XX, so the text is pure ASCII and a client gets the exact bytes
 * back by encoding the decoded string as Latin-1 (hostile names included).
 */
#include <string.h>

#include "office.h"

static const char *state_names[] = {
	"idle", "incoming", "outgoing", "ringing", "early", "established",
	"terminated", "unknown",
};

/* libre stores the peer's direction mirrored, as what WE may do:
 * a peer's "a=sendonly" reads back as SDP_RECVONLY. Print the peer's
 * own word. */
static const char *peer_dir_names[] = {
	[SDP_INACTIVE] = "inactive",
	[SDP_RECVONLY] = "sendonly",
	[SDP_SENDONLY] = "recvonly",
	[SDP_SENDRECV] = "sendrecv",
};

static int json_str(struct re_printf *pf, void *arg)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = arg;
	int err = re_hprintf(pf, "\"");

	for (; s && *s && !err; s++) {
		if (*s == '"' || *s == '\\')
			err = re_hprintf(pf, "\\%c", *s);
		else if (*s >= 0x20 && *s < 0x7f)
			err = re_hprintf(pf, "%c", *s);
		else
			err = re_hprintf(pf, "\\u00%c%c", hex[*s >> 4],
					 hex[*s & 0xf]);
	}
	return err ? err : re_hprintf(pf, "\"");
}

int office_json_str(struct re_printf *pf, void *str)
{
	return json_str(pf, str);
}

static const char *state_name(enum call_state st)
{
	if ((size_t)st < sizeof(state_names) / sizeof(state_names[0]))
		return state_names[st];
	return "unknown";
}

/* The direction the peer's last SDP gave the audio stream, in the
 * peer's words; "" before the call is up. sendonly or inactive means
 * the peer holds us. */
static const char *remote_dir(const struct call *call)
{
	struct audio *au = call_audio(call);
	struct stream *strm = au ? audio_strm(au) : NULL;
	struct sdp_media *sm = strm ? stream_sdpmedia(strm) : NULL;
	enum sdp_dir d;

	if (!sm || call_state(call) != CALL_STATE_ESTABLISHED)
		return "";
	d = sdp_media_rdir(sm);
	if ((size_t)d < sizeof(peer_dir_names) / sizeof(peer_dir_names[0]))
		return peer_dir_names[d];
	return "";
}

/* The user part of the peer's URI: "201", "+3315551234", "reception". */
static void peer_user(char *buf, size_t sz, const struct call *call)
{
	struct uri uri;
	struct pl pl;

	buf[0] = '\0';
	pl_set_str(&pl, call_peeruri(call) ? call_peeruri(call) : "");
	if (0 == uri_decode(&uri, &pl))
		(void)pl_strcpy(&uri.user, buf, sz);
}

static int call_print(struct re_printf *pf, const struct office_member *m,
		      const struct call *call)
{
	const char *rdir = remote_dir(call);
	const char *replaced = office_target_replaced(m, call);
	bool held = 0 == strcmp(rdir, "sendonly")
		|| 0 == strcmp(rdir, "inactive");
	const struct sip_hdr *rby = office_call_hdr(call, "Referred-By");
	char user[128], *by = NULL;
	int err;

	peer_user(user, sizeof(user), call);
	if (rby && pl_strdup(&by, &rby->val))
		return ENOMEM;
	err = re_hprintf(pf, "{\"callid\":%H,\"local_tag\":%H,"
			 "\"remote_tag\":%H,\"replaced\":%H,"
			 "\"referred_by\":%H,"
			 "\"peer\":%H,\"peer_user\":%H,\"peername\":%H,"
			 "\"dir\":\"%s\",\"state\":\"%s\","
			 "\"held_by_peer\":%s,\"on_hold\":%s,"
			 "\"remote_dir\":\"%s\",\"duration\":%u,"
			 "\"intercom\":%H,%H}",
			 json_str, call_id(call),
			 json_str, office_call_ltag(call),
			 json_str, office_call_rtag(call),
			 json_str, replaced ? replaced : "",
			 json_str, by ? by : "",
			 json_str, call_peeruri(call),
			 json_str, user,
			 json_str, call_peername(call),
			 call_is_outgoing(call) ? "out" : "in",
			 state_name(call_state(call)),
			 held ? "true" : "false",
			 call_is_onhold(call) ? "true" : "false",
			 rdir, call_duration(call),
			 json_str, office_intercom_request(call),
			 office_tone_json, call);
	mem_deref(by);
	return err;
}

static int ended_print(struct re_printf *pf, const struct office_ended *e)
{
	return re_hprintf(pf, "{\"callid\":%H,\"peer\":%H,\"peername\":%H,"
			  "\"dir\":\"%s\",\"scode\":%u,\"reason\":%H,"
			  "\"reason_header\":%H,"
			  "\"by\":\"%s\",\"duration\":%u}",
			  json_str, e->callid, json_str, e->peer,
			  json_str, e->peername, e->outgoing ? "out" : "in",
			  e->scode, json_str, e->reason,
			  json_str, office_reason_of(e->callid),
			  e->by_us ? "office" : "peer", e->duration);
}

static int refer_print(struct re_printf *pf,
		       const struct office_refer_rec *r)
{
	unsigned i;
	int err;

	err = re_hprintf(pf, "{\"callid\":%H,\"refer_to\":%H,"
			 "\"referred_by\":%H,\"response\":%u,\"notify\":[",
			 json_str, r->callid, json_str, r->refer_to,
			 json_str, r->referred_by, r->response);
	for (i = 0; i < r->notifyc && !err; i++)
		err = re_hprintf(pf, "%s%u", i ? "," : "", r->notify[i]);
	return err ? err : re_hprintf(pf, "]}");
}

static int refers_print(struct re_printf *pf, const char *key,
			const struct list *l)
{
	struct le *le;
	int err = re_hprintf(pf, ",\"%s\":[", key);

	for (le = list_head(l); le && !err; le = le->next) {
		err = re_hprintf(pf, "%s", le == list_head(l) ? "" : ",");
		if (!err)
			err = refer_print(pf, le->data);
	}
	return err ? err : re_hprintf(pf, "]");
}

static int member_print(struct re_printf *pf, const struct office_member *m)
{
	struct le *le;
	int err;

	err = re_hprintf(pf, "{\"id\":%H,\"aor\":%H,\"kind\":\"%s\","
			 "\"name\":%H,\"answer\":\"%s\",\"delay\":%u,"
			 "\"reject_code\":%u,\"tone\":%u,\"refer\":\"%s\","
			 "\"transfer_timeout\":%u,\"alive\":%s,"
			 "\"next_name\":%H,\"dtmf\":%H,"
			 "\"presence\":\"%s\",\"note\":%H,\"calls\":[",
			 json_str, m->p.id, json_str, m->aor,
			 office_kind_name(m->p.kind), json_str, m->p.name,
			 office_answer_name(m->p.answer), m->p.delay,
			 m->p.reject_code, m->p.tone,
			 office_refer_name(m->p.refer), m->p.transfer_timeout,
			 m->dead ? "false" : "true",
			 json_str, m->next_name, json_str, m->dtmf,
			 office_presence_name(m->p.presence),
			 json_str, m->p.note);
	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le && !err;
	     le = le->next) {
		err = re_hprintf(pf, "%s", le == list_head(ua_calls(m->ua))
				 ? "" : ",");
		if (!err)
			err = call_print(pf, m, le->data);
	}
	if (!err)
		err = re_hprintf(pf, "],\"ended\":[");
	for (le = m->endedl.head; le && !err; le = le->next) {
		err = re_hprintf(pf, "%s", le == m->endedl.head ? "" : ",");
		if (!err)
			err = ended_print(pf, le->data);
	}
	if (!err)
		err = re_hprintf(pf, "]");
	if (!err)
		err = refers_print(pf, "refers_out", &m->refers_out);
	if (!err)
		err = refers_print(pf, "refers_in", &m->refers_in);
	if (!err)
		err = re_hprintf(pf, ",");
	if (!err)
		err = office_notify_json(pf, m);
	if (!err)
		err = re_hprintf(pf, ",");
	if (!err)
		err = office_watch_json(pf, m);
	if (!err)
		err = office_publish_json(pf, m);
	if (!err)
		err = office_message_json(pf, m);
	return err ? err : re_hprintf(pf, "}");
}

int office_status_print(struct re_printf *pf, const struct office *o)
{
	struct le *le;
	int err;

	if (!o)
		return EINVAL;
	err = re_hprintf(pf, "{\"listen\":%H,\"ctrl\":%H,\"console\":%H,"
			 "\"tones\":%H,\"uas\":[", json_str, o->desc.listen,
			 json_str, o->desc.ctrl, json_str, o->desc.console,
			 office_tones_json, NULL);
	for (le = o->members.head; le && !err; le = le->next) {
		err = re_hprintf(pf, "%s", le == o->members.head ? "" : ",");
		if (!err)
			err = member_print(pf, le->data);
	}
	return err ? err : re_hprintf(pf, "]}\n");
}
