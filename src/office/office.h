/*
 * office.h — the simulated office inside baresip: one member per UA of
 * the description, its scripted behaviour, and the office_* commands
 * that drive it over ctrl_tcp. Transfers are done the way real phones
 * do them, on top of baresip 1.0.0 which does not: office_refer.c (as
 * transferee), office_target.c (RFC 3891 Replaces, as target),
 * office_sip.c (libre hooks: dialog tags, REFER records, requests a
 * phone answers before baresip sees them), office_die.c (a UA that
 * vanishes), office_tone.c (who hears which tone). Presence and dialog
 * state as a notifier (office_notify.c, bodies in office_body.c) and a
 * subscriber for tests (office_watch.c), their commands in
 * office_cmd_sub.c. Internal to src/office/.
 */
#ifndef CORDBOARD_OFFICE_H
#define CORDBOARD_OFFICE_H

#include <re.h>

#include "sip/baresip_abi.h"
#include "office_file.h"

enum {
	OFFICE_ENDED_MAX = 16,      /* ended calls kept per member */
	OFFICE_ENDED_NAME_MAX = 256, /* peername bytes kept per ended call */
	OFFICE_NAME_BYTES_MAX = 8192,
	OFFICE_REFERS_MAX = 8,      /* REFER records kept per member and way */
	OFFICE_NOTIFY_MAX = 8,      /* sipfrag codes kept per REFER record */
	OFFICE_STOP_GRACE_MS = 3000, /* for the last NOTIFYs at shutdown */
	OFFICE_REGINT_S = 600,      /* REGISTER interval, with a registrar */
};

/* A person of the office and the UA that speaks for it. */
struct office_member {
	struct le le;
	struct office_person p;     /* mutable copy: office_set changes it */
	char aor[OFFICE_URI_MAX];
	struct ua *ua;              /* baresip's; NULL once shut down */
	char *next_name;            /* display name for the next call only */
	struct list pendl;          /* struct office_pending */
	struct list endedl;         /* struct office_ended, oldest first */
	uint16_t hangup_scode;      /* set while we end a call ourselves */
	const char *hangup_reason;
	struct tmr tmr_demo;        /* demo: give up on the console */
	char *demo_callid;
	char dtmf[65];              /* DTMF digits received, newest last */
	struct list refers_out;     /* struct office_refer_rec: REFERs sent */
	struct list refers_in;      /* struct office_refer_rec: received */
	struct list xferl;          /* struct office_xfer (office_refer.c) */
	struct list replacel;       /* struct office_replace (office_target) */
	struct list zombiel;        /* struct office_zombie (office_die.c) */
	struct list subl;           /* struct office_sub: its subscribers */
	struct list subendl;        /* struct office_sub: ended, oldest first */
	struct list watchl;         /* struct office_watch: it subscribes */
	struct office_pub *pub;     /* office_publish.c, with a registrar */
	struct list messagel;       /* struct office_message: received */
	bool dead;                  /* office_die: answers nothing at all */
};

/* One REFER as the SIP trace saw it (office_sip.c). */
struct office_refer_rec {
	struct le le;
	char *callid;               /* of the dialog it was sent in */
	char *refer_to;             /* the header value, as on the wire */
	char *referred_by;          /* "" if none */
	uint16_t response;          /* final response to the REFER, 0 yet */
	uint16_t notify[OFFICE_NOTIFY_MAX];  /* sipfrag status codes */
	unsigned notifyc;
	uint32_t cseq;              /* of the REFER, and of the last NOTIFY: */
	uint32_t notify_cseq;       /* retransmissions are not counted again */
};

/* What a test wants to know about a call that is over. */
struct office_ended {
	struct le le;
	char *callid;
	char *peer;
	char *peername;
	bool outgoing;
	uint16_t scode;
	char *reason;
	bool by_us;                 /* we hung up or rejected it */
	uint32_t duration;
};

struct office {
	struct office_desc desc;
	struct list members;
	struct tmr tmr_demo;
	struct tmr tmr_fail;
	struct tmr tmr_stop;        /* shutdown takes too long: force it */
};

struct office_member *office_member_find(struct office *o, const char *key);
struct office_member *office_member_of_ua(const struct ua *ua);
bool office_member_has_call(const struct office_member *m,
			    const struct call *call);
struct call *office_member_call_by_id(const struct office_member *m,
				      const char *callid);
int  office_member_call(struct office *o, struct office_member *m,
			const char *uri);
void office_member_end(struct office_member *m, struct call *call,
		       uint16_t scode, const char *reason);
struct call *office_member_call_in(const struct office_member *m,
				   enum call_state state);
void office_member_behaviour_apply(struct office_member *m);

void office_demo_start(struct office *o);

int  office_cmd_register(struct office *o);
void office_cmd_unregister(void);

/* A command line split into words (office_cmd.c), for the command
 * files; the first word names a member. */
enum { OFFICE_ARGV_MAX = 8 };

struct office_args {
	char buf[1024];             /* ctrl_tcp's own line limit */
	char *argv[OFFICE_ARGV_MAX];
	int argc;
};

const char *office_cmd_prm(void *arg);
/* The member KEY names; else says why into PF and returns ENOENT or
 * ENODEV (no UA; vanished unless DEAD_OK). */
int  office_cmd_find(struct re_printf *pf, const char *key, bool dead_ok,
		     struct office_member **mp);
int  office_cmd_member(struct re_printf *pf, void *arg,
		       struct office_args *a, int min, int max,
		       const char *usage, bool dead_ok,
		       struct office_member **mp);
/* The rest of S after its first N words, as typed. */
const char *office_words_after(const char *s, int n);

/* office_cmd_sub.c: office_presence, office_subscribe, office_unsubscribe,
 * office_subs */
int  office_cmd_sub_register(struct office *o);
void office_cmd_sub_unregister(void);

int  office_status_print(struct re_printf *pf, const struct office *o);
/* a C string as a JSON string of bytes (for %H) */
int  office_json_str(struct re_printf *pf, void *str);
/* office_message.c: a MESSAGE to M, kept (or refused 480 while M is
 * offline); false for other requests. json: its ,"messages":[...] */
bool office_message_recv(struct office_member *m, const struct sip_msg *msg);
int  office_message_json(struct re_printf *pf,
			 const struct office_member *m);

/* Decodes \e \a \xHH \\ \s \n \r \t \" in TEXT. Returns 0 or EINVAL
 * (bad escape, or NUL which no SIP header can carry). */
int  office_unescape(struct mbuf *mb, const char *text);

const char *office_reason_phrase(uint16_t scode);

/* office_sip.c: libre's SIP trace and a listener ahead of baresip's */
int  office_sip_init(void);
void office_sip_close(void);
bool office_sip_first(void);     /* the listener runs before baresip's */
/* The Reason header of the refusal or BYE the call CALLID received, or
 * "" (none, or not seen). */
const char *office_reason_of(const char *callid);
const char *office_call_ltag(const struct call *call);  /* "" unknown */
const char *office_call_rtag(const struct call *call);
const struct office_refer_rec *office_refer_rec_last(const struct list *l,
						     const char *callid);
int  office_refer_rec_print(struct re_printf *pf,
			    const struct office_refer_rec *r);

/* office_refer.c: the transferee */
void office_refer_follow(struct office_member *m, struct call *xcall,
			 const char *prm);
void office_refer_event(struct office_member *m, enum ua_event ev,
			struct call *call, const char *prm);

/* office_target.c: RFC 3891 Replaces, and REFERs a UA refuses */
int  office_replaces_parse(const struct pl *val, struct pl *callid,
			   struct pl *totag, struct pl *fromtag);
struct call *office_replaces_find(const struct office_member *m,
				  const struct pl *val);
bool office_target_has_replaces(const struct call *call);
const struct sip_hdr *office_call_hdr(const struct call *call,
				      const char *name);
/* How an incoming INVITE asks the phone to answer by itself, as it came
 * ("Call-Info: <sip:..>;answer-after=0", "intercom=true"), or "". */
const char *office_intercom_request(const struct call *call);
bool office_target_incoming(struct office_member *m, struct call *call);
void office_target_event(struct office_member *m, enum ua_event ev,
			 struct call *call);
const char *office_target_replaced(const struct office_member *m,
				   const struct call *call);

/* office_tone.c: which of the office's tones each call hears */
int  office_tone_init(const struct office_desc *desc);
void office_tone_close(void);
/* prints "hears":[..],"level_db":-9.0 of the call ARG (for %H) */
int  office_tone_json(struct re_printf *pf, void *call);
int  office_tone_debug(struct re_printf *pf, const struct call *call);
/* prints the tones listened for, [330,440,880] (for %H) */
int  office_tones_json(struct re_printf *pf, void *unused);

/* office_die.c: a UA that vanishes without a word */
int  office_die(struct office_member *m, struct re_printf *pf);
void office_revive(struct office_member *m);
bool office_die_closed(struct office_member *m, const struct call *call);
void office_die_shutdown(struct office_member *m);

/* office_body.c: what a person publishes. Each returns 0 or ENOMEM. */
enum office_pkg {
	OFFICE_PKG_PRESENCE = 0,    /* RFC 3856, application/pidf+xml */
	OFFICE_PKG_DIALOG,          /* RFC 4235, dialog-info+xml */
};

const char *office_pkg_event(enum office_pkg pkg);
const char *office_pkg_ctype(enum office_pkg pkg);
int  office_pkg_parse(const struct pl *event, enum office_pkg *pkg);
/* The version-independent part of M's document: the whole PIDF, or the
 * <dialog> elements of its calls (CLOSING counts as terminated). GONE:
 * the UA is shutting down (offline, no dialogs). */
int  office_body_state(char **bodyp, const struct office_member *m,
		       enum office_pkg pkg, const struct call *closing,
		       bool gone);
/* The document to send: STATE wrapped, with VERSION for dialog-info. */
int  office_body_write(struct mbuf *mb, const struct office_member *m,
		       enum office_pkg pkg, uint32_t version,
		       const char *state);
/* TEXT escaped for XML, anything XML 1.0 cannot carry as U+FFFD (%H) */
int  office_xml_str(struct re_printf *pf, void *text);

/* office_notify.c: each member is the notifier of its presence and
 * dialog state (the SUBSCRIBE handler slot of baresip is ours) */
int  office_notify_init(struct office *o);
void office_notify_close(void);
void office_notify_event(struct office_member *m, enum ua_event ev,
			 struct call *call);
void office_notify_changed(struct office_member *m);
/* Ends M's subscriptions; true if there were any to end. */
bool office_notify_shutdown(struct office_member *m);
/* From office_sip.c: a SUBSCRIBE in one of our dialogs, before libre
 * answers it; and every NOTIFY on the wire. */
void office_notify_resubscribe(const struct sip_msg *msg);
void office_notify_trace(bool tx, const struct sip_msg *msg);
/* "subs":[..],"subs_ended":[..] of M, for office_status */
int  office_notify_json(struct re_printf *pf, const struct office_member *m);
int  office_subs_print(struct re_printf *pf, const struct office *o);

/* office_watch.c: a member subscribes to someone (tests, no console) */
int  office_watch_start(struct office_member *m, const char *uri,
			const char *event, uint32_t expires);
unsigned office_watch_stop(struct office_member *m, const char *uri,
			   const char *event);
/* Lets go of M's subscriptions; true if there were any. */
bool office_watch_shutdown(struct office_member *m);
/* "watches":[..] of M, for office_status */
int  office_watch_json(struct re_printf *pf, const struct office_member *m);

/* office_publish.c: with a registrar, presence is PUBLISHed there */
int  office_publish_alloc(struct office_member *m);
void office_publish_free(struct office_member *m);
void office_publish_changed(struct office_member *m);
void office_publish_event(struct office_member *m, enum ua_event ev);
/* ,"registered":..,"published":N,"publish_scode":N of M (or nothing) */
int  office_publish_json(struct re_printf *pf, const struct office_member *m);

#endif
