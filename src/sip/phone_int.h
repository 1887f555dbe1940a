/*
 * phone_int.h — what the files of src/sip share about the console's
 * user agent. Declares baresip types: src/sip only.
 */
#ifndef CORDBOARD_SIP_PHONE_INT_H
#define CORDBOARD_SIP_PHONE_INT_H

#include "sip.h"

struct ua;
struct audio;

struct ua *sip_phone_ua(const struct sip_phone *p);

/* register.c: the registration (only with a registrar): start sends a
 * REGISTER now, failed ends libre's own retries and says why. */
struct sip_reg;
int  sip_reg_alloc(struct sip_reg **rp, struct board *b, struct ua *ua);
void sip_reg_start(struct sip_reg *r);
void sip_reg_failed(struct sip_reg *r, const char *prm);

/* The conference mix (mixing.c). set: the calls' audio and their lines,
 * n = 0 ends it. The filter of every call (audio.c) taps each frame:
 * FROM_PARTY, what the party said; else what it is about to hear (16-bit
 * at its rate and channels). Calls not mixed are left alone. */
int  sip_mixing_init(struct board *b);
void sip_mixing_close(void);
int  sip_mixing_set(const struct audio *const *aus, const line_id *ids,
		    size_t n, bool with_operator);
void sip_mixing_tap(const struct audio *au, bool from_party, int16_t *s,
		    size_t sampc, uint32_t srate, uint8_t ch);
/* audio.c: whether a call's decode filter is in place (baresip 1.0.0
 * drops it on hold); sip_audio_restart sets it up again. */
bool sip_audio_tapped(const struct audio *au);
void sip_audio_restart(struct audio *au);
/* silence.c: a packet of the call AU arrived (its decode filter, on the
 * main loop): the call's silent frame, when due within a frame,
 * leaves on this wake-up rather than on a timer's of its own. */
void sip_silence_nudge(const struct audio *au);
/* loop.c: the main loop is awake for a packet and the next is due in
 * WITHIN_MS: every timer of the loop due before it runs in this turn
 * instead of waking the loop on its own. Main thread only. */
void sip_loop_awake(unsigned within_ms);
/* holdmusic.c: a WAV file looped to the calls the console holds (the
 * sip.h side loads it); play starts or stops it for one call, from the
 * start; to_party writes a call's next frame over S when it plays. */
bool sip_music_loaded(void);
void sip_music_play(const struct audio *au, bool on);
void sip_music_to_party(const struct audio *au, int16_t *s, size_t sampc,
			uint32_t srate, uint8_t ch);

/* sipmsg.c: the page's auto-answer header for URI into HDRS (none for
 * the request-URI form); the Refer-To that sends a party to TARGET
 * replacing the dialog CALLID (LOCAL our tag, REMOTE the target's). */
struct list;
struct dial_opts;
int  sip_page_header(struct list *hdrs, const struct dial_opts *o,
		     const char *uri);
int  sip_replaces_refer_to(char *out, size_t sz, const char *target,
			   const char *callid, const char *local,
			   const char *remote);

/* message.c: a SIP MESSAGE of BODY to URI from UA; its final answer goes
 * to board_message_result(B, ID, status). close: answers still to come
 * reach no board. */
struct board;
int  sip_message_send(struct ua *ua, struct board *b, unsigned id,
		      const char *uri, const char *body);
void sip_message_close(void);

#endif
