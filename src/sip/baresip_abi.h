/*
 * baresip_abi.h — our own declarations of the baresip 1.0.0 API that
 * cordboard uses. Debian ships /usr/bin/baresip with its symbols exported
 * but no header, so the sip layer (and the office module) declare here
 * exactly what they call. Enum values must match 1.0.0; the unit test
 * tests/unit/test_abi.c pins the ones we rely on.
 *
 * Only src/sip/ and src/office/ may include this file.
 */
#ifndef CORDBOARD_BARESIP_ABI_H
#define CORDBOARD_BARESIP_ABI_H

#include <stdbool.h>
#include <stdint.h>
#include <re.h>

struct ua;
struct call;
struct account;
struct audio;
struct stream;
struct commands;

/* User-agent events, in the 1.0.0 order. */
enum ua_event {
	UA_EVENT_REGISTERING = 0,
	UA_EVENT_REGISTER_OK,
	UA_EVENT_REGISTER_FAIL,
	UA_EVENT_UNREGISTERING,
	UA_EVENT_MWI_NOTIFY,
	UA_EVENT_SHUTDOWN,
	UA_EVENT_EXIT,
	UA_EVENT_CALL_INCOMING,
	UA_EVENT_CALL_RINGING,
	UA_EVENT_CALL_PROGRESS,
	UA_EVENT_CALL_ESTABLISHED,
	UA_EVENT_CALL_CLOSED,
	UA_EVENT_CALL_TRANSFER,
	UA_EVENT_CALL_TRANSFER_FAILED,
	UA_EVENT_CALL_DTMF_START,
	UA_EVENT_CALL_DTMF_END,
	UA_EVENT_CALL_RTPESTAB,
	UA_EVENT_CALL_RTCP,
	UA_EVENT_CALL_MENC,
	UA_EVENT_VU_TX,
	UA_EVENT_VU_RX,
	UA_EVENT_AUDIO_ERROR,
	UA_EVENT_CALL_LOCAL_SDP,
	UA_EVENT_CALL_REMOTE_SDP,
	UA_EVENT_MAX,
};

enum call_state {
	CALL_STATE_IDLE = 0,
	CALL_STATE_INCOMING,
	CALL_STATE_OUTGOING,
	CALL_STATE_RINGING,
	CALL_STATE_EARLY,
	CALL_STATE_ESTABLISHED,
	CALL_STATE_TERMINATED,
	CALL_STATE_UNKNOWN,
};

enum vidmode {
	VIDMODE_OFF = 0,
	VIDMODE_ON,
};

enum answermode {
	ANSWERMODE_MANUAL = 0,
	ANSWERMODE_EARLY,
	ANSWERMODE_AUTO,
};

typedef void (ua_event_h)(struct ua *ua, enum ua_event ev,
			  struct call *call, const char *prm, void *arg);
typedef void (ua_exit_h)(void *arg);

/* user agents */
int  ua_alloc(struct ua **uap, const char *aor);
unsigned ua_destroy(struct ua *ua);
int  ua_register(struct ua *ua);
void ua_unregister(struct ua *ua);
int  ua_connect(struct ua *ua, struct call **callp, const char *from_uri,
		const char *req_uri, enum vidmode vmode);
int  ua_answer(struct ua *ua, struct call *call, enum vidmode vmode);
void ua_hangup(struct ua *ua, struct call *call, uint16_t scode,
	       const char *reason);
const char     *ua_aor(const struct ua *ua);
struct account *ua_account(const struct ua *ua);
struct list    *ua_calls(const struct ua *ua);
bool ua_isregistered(const struct ua *ua);
void ua_stop_all(bool forced);
int  uag_event_register(ua_event_h *eh, void *arg);
void uag_event_unregister(ua_event_h *eh);
struct ua   *uag_find_aor(const char *aor);
struct list *uag_list(void);
struct sip  *uag_sip(void);
struct sipevent_sock *uag_sipevent_sock(void);
const char  *uag_event_str(enum ua_event ev);

/* accounts */
int account_set_answermode(struct account *acc, enum answermode mode);
int account_set_display_name(struct account *acc, const char *dname);
const char *account_aor(const struct account *acc);
const char *account_display_name(const struct account *acc);
int account_auth(const struct account *acc, char **username, char **password,
		 const char *realm);

/* calls */
int  call_answer(struct call *call, uint16_t scode, enum vidmode vmode);
int  call_progress(struct call *call);
void call_hangup(struct call *call, uint16_t scode, const char *reason);
int  call_hold(struct call *call, bool hold);
int  call_send_digit(struct call *call, char key);
int  call_transfer(struct call *call, const char *uri);
uint16_t        call_scode(const struct call *call);
enum call_state call_state(const struct call *call);
uint32_t        call_duration(const struct call *call);
const char     *call_id(const struct call *call);
const char     *call_peeruri(const struct call *call);
const char     *call_peername(const struct call *call);
const char     *call_localuri(const struct call *call);
struct audio   *call_audio(const struct call *call);
struct ua      *call_get_ua(const struct call *call);
bool            call_is_onhold(const struct call *call);
bool            call_is_outgoing(const struct call *call);

/* media, to see what the peer's SDP asked for, and to hold a call
 * without baresip's hold (which stops sending): music on hold */
struct stream     *audio_strm(const struct audio *au);
struct sdp_media  *stream_sdpmedia(const struct stream *s);
void stream_set_ldir(struct stream *s, enum sdp_dir dir);
int  call_modify(struct call *call);

/* audio sources (1.0.0: the read handler takes a whole frame) */
struct ausrc;
struct ausrc_st;
struct media_ctx;

struct auframe {
	int fmt;
	void *sampv;
	size_t sampc;
	uint64_t timestamp;     /* in AUDIO_TIMEBASE units (microseconds) */
};

struct ausrc_prm {
	uint32_t srate;
	uint8_t ch;
	uint32_t ptime;
	int fmt;
};

typedef void (ausrc_read_h)(struct auframe *af, void *arg);
typedef void (ausrc_error_h)(int err, const char *str, void *arg);
typedef int  (ausrc_alloc_h)(struct ausrc_st **stp, const struct ausrc *ausrc,
			     struct media_ctx **ctx, struct ausrc_prm *prm,
			     const char *device, ausrc_read_h *rh,
			     ausrc_error_h *errh, void *arg);

int ausrc_register(struct ausrc **asp, struct list *ausrcl,
		   const char *name, ausrc_alloc_h *alloch);
struct list *baresip_ausrcl(void);
void auframe_init(struct auframe *af, int fmt, void *sampv, size_t sampc);

/* logging */
enum log_level {
	LEVEL_DEBUG = 0,
	LEVEL_INFO,
	LEVEL_WARN,
	LEVEL_ERROR,
};

typedef void (log_h)(uint32_t level, const char *msg);

struct log {
	struct le le;
	log_h *h;
};

void log_register_handler(struct log *logh);
void log_unregister_handler(struct log *logh);
void log_enable_stdout(bool enable);
void log_enable_debug(bool enable);
void log_enable_info(bool enable);

/* command table, as reached through ctrl_tcp */
enum {
	CMD_PRM = (1<<0),
};

struct cmd_arg {
	char key;
	char *prm;
	void *data;
};

struct cmd {
	const char *name;
	char key;
	int flags;
	const char *desc;
	re_printf_h *h;
};

int  cmd_register(struct commands *commands, const struct cmd *cmdv,
		  size_t cmdc);
void cmd_unregister(struct commands *commands, const struct cmd *cmdv);
struct commands *baresip_commands(void);

/* module export record; the symbol must be named "exports" */
struct mod_export;

#endif

/* office additions */
#ifndef CORDBOARD_BARESIP_ABI_OFFICE
#define CORDBOARD_BARESIP_ABI_OFFICE

/* a call that inherits the REFER subscription of xcall (as transferee) */
int  ua_call_alloc(struct call **callp, struct ua *ua, enum vidmode vmode,
		   const struct sip_msg *msg, struct call *xcall,
		   const char *local_uri, bool use_rtp);
int  call_connect(struct call *call, const struct pl *paddr);
int  call_notify_sipfrag(struct call *call, uint16_t scode,
			 const char *reason, ...);

/* baresip's log, so office lines land in the same log file */
void info(const char *fmt, ...);
void warning(const char *fmt, ...);

/* transfers done like a phone (office_refer.c, office_target.c,
 * office_sip.c, office_die.c). Custom headers set on a call before
 * call_connect go into its INVITE; an xhdr filter copies that header of
 * an incoming INVITE into the call's custom headers. */
int  custom_hdrs_add(struct list *hdrs, const char *name,
		     const char *fmt, ...);
void call_set_custom_hdrs(struct call *call, const struct list *hdrs);
/* headers every call the UA places carries from now on (a copy) */
int  ua_set_custom_hdrs(struct ua *ua, struct list *custom_headers);
/* the UA takes calls to any user at its address (park-1@...) */
void ua_set_catchall(struct ua *ua, bool enabled);
const struct list *call_get_custom_hdrs(const struct call *call);
int  ua_add_xhdr_filter(struct ua *ua, const char *hdr_name);
struct ua  *uag_find(const struct pl *cuser);
const char *ua_cuser(const struct ua *ua);

/* audio filters, as in 1.0.0: each call's audio asks every registered
 * filter for a state per direction (update handlers) when it starts,
 * then runs every frame through it. A state begins with the base
 * struct; baresip links it through le and frees it with mem_deref. */
struct aufilt;

struct aufilt_enc_st {
	const struct aufilt *af;
	struct le le;
};

struct aufilt_dec_st {
	const struct aufilt *af;
	struct le le;
};

struct aufilt_prm {
	uint32_t srate;
	uint8_t ch;
	int fmt;                    /* enum aufmt (librem) */
};

typedef int (aufilt_encupd_h)(struct aufilt_enc_st **stp, void **ctx,
			      const struct aufilt *af, struct aufilt_prm *prm,
			      const struct audio *au);
typedef int (aufilt_encode_h)(struct aufilt_enc_st *st, struct auframe *af);
typedef int (aufilt_decupd_h)(struct aufilt_dec_st **stp, void **ctx,
			      const struct aufilt *af, struct aufilt_prm *prm,
			      const struct audio *au);
typedef int (aufilt_decode_h)(struct aufilt_dec_st *st, struct auframe *af);

struct aufilt {
	struct le le;
	const char *name;
	aufilt_encupd_h *encupdh;
	aufilt_encode_h *ench;
	aufilt_decupd_h *decupdh;
	aufilt_decode_h *dech;
};

void aufilt_register(struct list *aufiltl, struct aufilt *af);
void aufilt_unregister(struct aufilt *af);
struct list *baresip_aufiltl(void);

/* the operator's own audio (audio.c): a call's microphone mute, and
 * tones played on a device of their own. play_tone plays the 16-bit
 * samples of TONE, REPEAT times (-1: until the play is freed). */
struct play;
struct player;
void audio_mute(struct audio *a, bool muted);
int  audio_start(struct audio *a);
void audio_stop(struct audio *a);
struct player *baresip_player(void);
int  play_tone(struct play **playp, struct player *player,
	       struct mbuf *tone, uint32_t srate, uint8_t ch, int repeat,
	       const char *play_mod, const char *play_dev);

/* presence and dialog state (office_notify.c, office_watch.c): the one
 * slot for an initial SUBSCRIBE (baresip answers 404 itself when no UA
 * has the Request-URI user, and calls it with that UA as arg), and the
 * event socket libre's sipevent_* work on */
void uag_set_sub_handler(sip_msg_h *subh);
/* a request outside any dialog, e.g. PUBLISH (office_publish.c) */
int  sip_req_send(struct ua *ua, const char *method, const char *uri,
		  sip_resp_h *resph, void *arg, const char *fmt, ...);
struct sipevent_sock *uag_sipevent_sock(void);

#endif
