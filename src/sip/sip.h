/*
 * sip — the only code that talks to baresip for the console. It turns
 * core requests (struct phone_ops) into baresip calls and baresip
 * events into board events. Nothing outside src/sip sees a baresip type.
 */
#ifndef CORDBOARD_SIP_SIP_H
#define CORDBOARD_SIP_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/board.h"

struct sip_phone;

/* SIP over TLS to REGISTRAR's host, with the server's certificate
 * checked against CA (a PEM file; "" = the system's) and its name
 * unless VERIFY is false. Replaces baresip's transports (UDP and TCP on
 * LISTEN, TLS on its port + 1); call before sip_phone_alloc. Returns 0,
 * or an errno value with MSG saying why. */
int  sip_tls_setup(const char *listen, const char *registrar,
		   const char *ca, bool verify, char *msg, size_t msgsz);
/* Why the last TLS server's certificate was refused, or NULL. */
const char *sip_tls_refusal(void);
void sip_tls_close(void);

extern const struct phone_ops sip_phone_ops;

/* Creates the console's user agent from a baresip account line (built
 * from cordboard.conf in memory, so a password never lands in a file),
 * registers it when registered is set, and feeds its events to the
 * board. Returns 0 or an errno value. */
int sip_phone_alloc(struct sip_phone **pp, struct board *b,
		    const char *account_line, bool registered);
void sip_phone_free(struct sip_phone *p);

/* Presence and dialog subscriptions for every extension that wants
 * them (subscribe.c), through presence_server when not empty, each
 * lasting EXPIRES_S seconds between refreshes. With list_uri not
 * empty, one subscription per event to that resource list instead,
 * and one per extension only if the server refuses it. */
struct sip_subs;
int  sip_subs_alloc(struct sip_subs **sp, struct board *b,
		    struct sip_phone *phone, const char *presence_server,
		    const char *list_uri, unsigned expires_s);
/* Ends them all (call before baresip shuts the user agent down). */
void sip_subs_free(struct sip_subs *subs);
/* Subscribes to everything afresh, at the usual pace: the presence
 * server may have restarted and forgotten every subscription. */
void sip_subs_renew(struct sip_subs *subs);
/* The board's directory was replaced (a reload; subscribe_update.c):
 * the subscriptions of colleagues still watched at the same URI go on,
 * new ones are made at the usual pace, those of colleagues who went
 * end (Expires: 0) at the same pace; a resource list is subscribed
 * again when its colleagues changed. *ADDED, *REMOVED: per extension.
 * Returns 0; ENOMEM with nothing changed; EAGAIN when the lists must
 * be set up anew (an event nobody watched is watched now, or the
 * reverse): free and alloc instead. Call it while the old directory's
 * array is still allocated. */
int sip_subs_update(struct sip_subs *subs, size_t *added, size_t *removed);

/* The console's own calls as dialog-info PUBLISHed for URI ("": none),
 * NAME the operator's (publish.c), so other operators' consoles show
 * this one's line state on their board; a parked caller's slot is
 * given at CONTACT (HOST:PORT), where they pick it up. Free before the
 * user agent shuts down. */
struct sip_publish;
int  sip_publish_alloc(struct sip_publish **pp, struct board *b,
		       struct sip_phone *phone, const char *uri,
		       const char *name, const char *contact);
void sip_publish_free(struct sip_publish *pub);

/* fn(arg) runs once when baresip starts shutting the user agent down. */
void sip_phone_on_shutdown(struct sip_phone *p, void (*fn)(void *arg),
			   void *arg);

/* Hangs up every call and asks baresip to exit (the main loop ends once
 * the user agents have shut down). */
void sip_phone_shutdown(struct sip_phone *p);

/* A silent audio source named SIP_SILENCE_MOD (device "silence"), for a
 * console without a sound card: it keeps the audio path, and so DTMF,
 * working. */
#define SIP_SILENCE_MOD "cordboard"
int  sip_silence_register(void);
void sip_silence_unregister(void);

/* The operator's own audio (audio.c): a filter that sets the volume of
 * what every call plays, and the ringer on RING_DEVICE ("module,device",
 * or "none"). The ringer plays SIP_RING_TONE_LOW + SIP_RING_TONE_HIGH Hz
 * in the cadence 0.4 s on, 0.2 off, 0.4 on, 2 off. */
#define SIP_RING_TONE_LOW 400
#define SIP_RING_TONE_HIGH 450
int  sip_audio_register(const char *ring_device);
void sip_audio_unregister(void);
void sip_audio_volume(int db);
int  sip_audio_ring(bool on);
/* A reminder, once, on the ring device; a ring it interrupts resumes
 * right after. REMIND_HOLD: two 0.25 s beeps of SIP_REMIND_HOLD_TONE Hz,
 * 0.15 s apart; REMIND_ANSWER: twice SIP_REMIND_ANSWER_LOW then
 * SIP_REMIND_ANSWER_HIGH Hz, 0.15 s each, 0.15 s apart. */
#define SIP_REMIND_HOLD_TONE 1400
#define SIP_REMIND_ANSWER_LOW 660
#define SIP_REMIND_ANSWER_HIGH 880
/* The other sound cues, at half the reminders' level (they may sound in
 * the ear the operator talks with), each under 0.5 s and each with a
 * step of 0.2 s or more that a tone detector can hold on to:
 * CUE_NEW_CALLER rises, SIP_CUE_NEW_CALLER_LOW 0.1 s then _HIGH 0.2 s;
 * CUE_TRANSFER_FAILED falls an octave, SIP_CUE_FAILED_HIGH 0.12 s then
 * _LOW 0.25 s; CUE_HUNG_UP is two low notes of SIP_CUE_HUNG_UP_TONE,
 * 0.25 s and 0.1 s, 0.06 s apart. A cue asked for while another tone
 * plays waits for it (one waits; a later one takes its place). */
#define SIP_CUE_NEW_CALLER_LOW 1050
#define SIP_CUE_NEW_CALLER_HIGH 1320
#define SIP_CUE_FAILED_HIGH 1180
#define SIP_CUE_FAILED_LOW 590
#define SIP_CUE_HUNG_UP_TONE 330
int  sip_audio_remind(enum reminder_tone tone);

/* Music on hold (holdmusic.c): PATH, a 16-bit WAV file at a rate the
 * resampler takes (8, 16, 24 or 48 kHz, mono or stereo), up to ten
 * minutes, looped to every call the console holds. Without it a held
 * call hears silence. Returns 0 or an errno value. */
int  sip_music_load(const char *path);
void sip_music_unload(void);

/* Learns the dialog tags of every answered INVITE (dialog.c). */
void sip_dialog_watch(bool on);
/* True when the server cancelled CALLID because another of its branches
 * answered (a CANCEL with Reason: SIP;cause=200, RFC 3326). */
bool sip_dialog_answered_elsewhere(const char *callid);
/* FN learns the status of each final answer to a REGISTER of ours, and
 * its Retry-After in seconds (0: none), as it arrives (before the stack
 * acts on it); NULL stops it. */
typedef void (sip_register_answer_fn)(void *arg, uint16_t scode,
				      uint32_t retry_after_s);
void sip_dialog_on_register(sip_register_answer_fn *fn, void *arg);
/* How many final answers to SUBSCRIBEs of ours have arrived so far. */
uint64_t sip_subscribe_answers(void);
/* The seconds of a response's Retry-After header (RFC 3261 20.33), 0
 * when it has none. */
struct sip_msg;
uint32_t sip_retry_after(const struct sip_msg *msg);
/* Told of every final answer we receive to our INVITE or REFER on a
 * dialog (by Call-ID), from libre's trace hook: before libre handles
 * the answer, so act on it from a timer. */
typedef void (sip_dialog_answer_fn)(const char *callid, bool refer,
				    unsigned scode, void *arg);
void sip_dialog_on_answer(sip_dialog_answer_fn *fn, void *arg);
/* Tells board B of each call's offer the stack refuses with 488 (a
 * phone that cannot encrypt, or no common codec), which baresip reports
 * nowhere else, in the words ACCOUNT_LINE's mediaenc gives it; NULL
 * stops it. */
void sip_dialog_on_refused(struct board *b, const char *account_line);
int  sip_dialog_tags(const char *callid, char *local_tag, size_t lsz,
		     char *remote_tag, size_t rsz);

/* Routes baresip's and libre's log to stderr (the launcher's
 * baresip.log), and to the board's log pane too when TO_PANE; called
 * again (a reload), it changes TO_PANE only. */
void sip_log_route(struct board *b, bool to_pane);
void sip_log_unroute(void);

/* Runs fn(arg) every time fd is readable, on baresip's main loop. */
typedef void (sip_fd_fn)(void *arg);
int  sip_fd_watch(int fd, sip_fd_fn *fn, void *arg);
/* While on, fn also runs whenever a watched fd is writable. */
int  sip_fd_want_write(int fd, bool on);
void sip_fd_unwatch(int fd);

/* Monotonic milliseconds from libre's clock. */
int64_t sip_now_ms(void);

/* A repeating timer on the main loop; 0 ms period stops it. */
struct sip_timer;
int  sip_timer_alloc(struct sip_timer **tp, unsigned period_ms,
		     void (*fn)(void *arg), void *arg);
void sip_timer_free(struct sip_timer *t);

/* Calls fn(arg) once, at the end of the current main-loop turn. */
int  sip_defer(void (*fn)(void *arg), void *arg);

/* News from another thread: sip_wake, from any thread, makes fn(arg)
 * run on the main loop soon after (once per wake). */
struct sip_wake;
int  sip_wake_alloc(struct sip_wake **wp, void (*fn)(void *arg), void *arg);
void sip_wake(struct sip_wake *w);
void sip_wake_free(struct sip_wake *w);

#endif
