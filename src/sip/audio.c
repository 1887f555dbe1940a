/*
 * audio.c — the operator's own audio and every call's filter: the
 * headset volume, applied to what every call plays, the conference's
 * taps (mixing.c), and the ringer, a tone on the ring device while any
 * call rings, interrupted now and then by a reminder.
 *
 * Threads: the filter runs wherever baresip decodes (the main thread in
 * 1.0.0, an RTP thread in later versions), so the gain it reads is an
 * atomic; everything else runs on the main loop.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <rem_au.h>

#include "baresip_abi.h"
#include "phone_int.h"

enum {
	RING_SRATE = 8000,
	GAIN_UNITY = 1 << 12,     /* fixed point: 4096 = 0 dB */
};

/* A step of a tone: MS milliseconds of HZ_A + HZ_B (0: none). */
struct tone_step {
	unsigned ms;
	unsigned hz_a, hz_b;
};

/* A ring cadence: 0.4 s on, 0.2 s off, 0.4 s on, 2 s off, of two tones
 * a receptionist knows as a telephone ringing. */
static const struct tone_step ring_cadence[] = {
	{ 400, SIP_RING_TONE_LOW, SIP_RING_TONE_HIGH }, { 200, 0, 0 },
	{ 400, SIP_RING_TONE_LOW, SIP_RING_TONE_HIGH }, { 2000, 0, 0 },
};
/* The reminders sound nothing like a ring: short, single pitches, high
 * beeps for a held caller, a rising chime for a call ringing too long. */
static const struct tone_step hold_reminder[] = {
	{ 250, SIP_REMIND_HOLD_TONE, 0 }, { 150, 0, 0 },
	{ 250, SIP_REMIND_HOLD_TONE, 0 },
};
static const struct tone_step answer_reminder[] = {
	{ 150, SIP_REMIND_ANSWER_LOW, 0 }, { 150, SIP_REMIND_ANSWER_HIGH, 0 },
	{ 150, 0, 0 },
	{ 150, SIP_REMIND_ANSWER_LOW, 0 }, { 150, SIP_REMIND_ANSWER_HIGH, 0 },
};
/* The cues (sip.h): rising for a caller, falling for a failure, low for
 * a caller gone. */
static const struct tone_step new_caller_cue[] = {
	{ 100, SIP_CUE_NEW_CALLER_LOW, 0 }, { 200, SIP_CUE_NEW_CALLER_HIGH, 0 },
};
static const struct tone_step transfer_failed_cue[] = {
	{ 120, SIP_CUE_FAILED_HIGH, 0 }, { 250, SIP_CUE_FAILED_LOW, 0 },
};
static const struct tone_step hung_up_cue[] = {
	{ 250, SIP_CUE_HUNG_UP_TONE, 0 }, { 60, 0, 0 },
	{ 100, SIP_CUE_HUNG_UP_TONE, 0 },
};
#define TONE_AMPLITUDE 8000.0     /* of 32767 per tone: about -12 dBFS */
#define CUE_AMPLITUDE 4000.0      /* about -18 dBFS: maybe in the ear */
#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

/* Each tone of enum reminder_tone: its steps and level. */
static const struct {
	const struct tone_step *steps;
	size_t nsteps;
	double amplitude;
} reminder_tones[REMINDER_TONES] = {
	[REMIND_ANSWER] = { answer_reminder, NSTEPS(answer_reminder),
			    TONE_AMPLITUDE },
	[REMIND_HOLD] = { hold_reminder, NSTEPS(hold_reminder),
			  TONE_AMPLITUDE },
	[CUE_NEW_CALLER] = { new_caller_cue, NSTEPS(new_caller_cue),
			     CUE_AMPLITUDE },
	[CUE_TRANSFER_FAILED] = { transfer_failed_cue,
				  NSTEPS(transfer_failed_cue), CUE_AMPLITUDE },
	[CUE_HUNG_UP] = { hung_up_cue, NSTEPS(hung_up_cue), CUE_AMPLITUDE },
};
/* what the device may still hold when a reminder's last sample is read */
#define REMIND_TAIL_MS 400

static atomic_int gain = GAIN_UNITY;
static pthread_t loop_thread;   /* the main loop's, set at registration */

/* The ring device plays one thing at a time (a sound card without a
 * mixer takes one stream): a reminder stops the ring, and the ring
 * resumes when the reminder is over. */
static struct {
	char mod[64];
	char dev[256];
	struct mbuf *tone;
	struct play *play;
	bool failed;              /* told the operator once already */
	bool ringing;             /* a call rings: the board's wish */
	struct mbuf *reminders[REMINDER_TONES];
	unsigned reminder_ms[REMINDER_TONES];
	struct play *reminder;    /* playing now; baresip clears it at end */
	struct tmr reminder_end;  /* running while a reminder plays */
	int next;                 /* the tone to play after it, or -1 */
} ringer;

static struct aufilt call_filter;

/* Each call gets a state per direction; both remember the call's audio
 * and format, for the conference mix and the music on hold. */
struct call_tap {
	union {                   /* baresip's part: must come first */
		struct aufilt_enc_st enc;
		struct aufilt_dec_st dec;
	} af;
	const struct audio *au;
	struct aufilt_prm prm;
};

/* The calls whose decode filter is in place. baresip 1.0.0 drops a
 * call's decode filters when the call goes on hold (audio_decoder_set)
 * and sets up none again while the encode side keeps its own: the phone
 * asks here after every SDP exchange and restarts the audio of a call
 * that lost its filter, which sets up both sides anew. */
static const struct audio *tapped[2 * BOARD_MAX_LINES];
static size_t ntapped;

static void dec_destructor(void *arg)
{
	struct call_tap *st = arg;
	size_t i;

	for (i = 0; i < ntapped; i++) {
		if (tapped[i] == st->au) {
			tapped[i] = tapped[--ntapped];
			return;
		}
	}
}

bool sip_audio_tapped(const struct audio *au)
{
	size_t i;

	for (i = 0; i < ntapped; i++) {
		if (tapped[i] == au)
			return true;
	}
	return false;
}

void sip_audio_restart(struct audio *au)
{
	audio_stop(au);
	audio_start(au);
}

static struct call_tap *tap_alloc(const struct aufilt *af,
				  const struct aufilt_prm *prm,
				  const struct audio *au, bool decode)
{
	struct call_tap *st;

	if (decode && ntapped == sizeof(tapped) / sizeof(tapped[0]))
		return NULL;
	st = mem_zalloc(sizeof(*st), decode ? dec_destructor : NULL);
	if (!st)
		return NULL;
	/* enc and dec share their layout: af first, then le */
	st->af.enc.af = af;
	st->au = au;
	st->prm = *prm;
	if (decode)
		tapped[ntapped++] = au;
	return st;
}

static int dec_update(struct aufilt_dec_st **stp, void **ctx,
		      const struct aufilt *af, struct aufilt_prm *prm,
		      const struct audio *au)
{
	struct call_tap *st;
	(void)ctx;

	if (*stp)
		return 0;
	if (prm->fmt != AUFMT_S16LE && prm->fmt != AUFMT_FLOAT)
		return ENOTSUP;   /* baresip then leaves this filter out */
	st = tap_alloc(af, prm, au, true);
	if (!st)
		return ENOMEM;
	*stp = &st->af.dec;
	return 0;
}

static int enc_update(struct aufilt_enc_st **stp, void **ctx,
		      const struct aufilt *af, struct aufilt_prm *prm,
		      const struct audio *au)
{
	struct call_tap *st;
	(void)ctx;

	if (*stp)
		return 0;
	st = tap_alloc(af, prm, au, false);
	if (!st)
		return ENOMEM;
	*stp = &st->af.enc;
	return 0;
}

static void volume_apply(struct auframe *af)
{
	int g = atomic_load_explicit(&gain, memory_order_relaxed);
	size_t i;

	if (g == GAIN_UNITY || !af->sampv)
		return;
	if (af->fmt == AUFMT_S16LE) {
		int16_t *s = af->sampv;

		for (i = 0; i < af->sampc; i++) {
			int32_t v = ((int32_t)s[i] * g) / GAIN_UNITY;

			s[i] = (int16_t)(v > INT16_MAX ? INT16_MAX :
					 v < INT16_MIN ? INT16_MIN : v);
		}
	}
	else if (af->fmt == AUFMT_FLOAT) {
		float *f = af->sampv;
		float k = (float)g / GAIN_UNITY;

		for (i = 0; i < af->sampc; i++) {
			float v = f[i] * k;

			f[i] = v > 1.0f ? 1.0f : v < -1.0f ? -1.0f : v;
		}
	}
}

/* What the party said: into the conference first (as it said it), then
 * at the operator's volume to the headset. */
static int call_decode(struct aufilt_dec_st *ast, struct auframe *af)
{
	struct call_tap *st = (struct call_tap *)ast;

	if (af->fmt == AUFMT_S16LE && af->sampv && af->sampc)
		sip_mixing_tap(st->au, true, af->sampv, af->sampc,
			       st->prm.srate, st->prm.ch);
	volume_apply(af);
	/* a packet woke the loop: what is due before the next one (a frame
	 * later, give or take half of one) runs on this wake-up; only on
	 * the loop's thread, where 1.0.0 decodes */
	if (pthread_equal(pthread_self(), loop_thread)) {
		sip_silence_nudge(st->au);
		if (st->prm.srate && st->prm.ch)
			sip_loop_awake((unsigned)(af->sampc * 1500 /
				       ((size_t)st->prm.srate * st->prm.ch)));
	}
	return 0;
}

/* What the party hears: the operator's microphone plus the others, or
 * the music while it is held. */
static int call_encode(struct aufilt_enc_st *ast, struct auframe *af)
{
	struct call_tap *st = (struct call_tap *)ast;

	if (af->fmt == AUFMT_S16LE && af->sampv && af->sampc) {
		sip_mixing_tap(st->au, false, af->sampv, af->sampc,
			       st->prm.srate, st->prm.ch);
		sip_music_to_party(st->au, af->sampv, af->sampc,
				   st->prm.srate, st->prm.ch);
	}
	return 0;
}

void sip_audio_volume(int db)
{
	atomic_store(&gain, (int)lround(GAIN_UNITY * pow(10.0, db / 20.0)));
}

static int tone_make(struct mbuf **mbp, const struct tone_step *steps,
		     size_t nsteps, double amplitude, unsigned *ms)
{
	struct mbuf *mb;
	size_t i, n, total = 0;
	unsigned pos = 0;
	int err = 0;

	for (i = 0; i < nsteps; i++)
		total += steps[i].ms * RING_SRATE / 1000;
	mb = mbuf_alloc(total * 2);
	if (!mb)
		return ENOMEM;
	for (i = 0; i < nsteps; i++) {
		size_t len = steps[i].ms * RING_SRATE / 1000;

		for (n = 0; n < len && !err; n++, pos++) {
			double w = 2 * M_PI * pos / RING_SRATE, v = 0.0;

			if (steps[i].hz_a)
				v += amplitude * sin(w * steps[i].hz_a);
			if (steps[i].hz_b)
				v += amplitude * sin(w * steps[i].hz_b);
			err = mbuf_write_u16(mb, (uint16_t)(int16_t)lround(v));
		}
	}
	if (ms)
		*ms = (unsigned)(total * 1000 / RING_SRATE);
	mb->pos = 0;
	if (err) {
		mem_deref(mb);
		return err;
	}
	*mbp = mb;
	return 0;
}

static void sip_audio_unregister_tones(void)
{
	size_t i;

	tmr_cancel(&ringer.reminder_end);
	ringer.reminder = mem_deref(ringer.reminder);
	ringer.play = mem_deref(ringer.play);
	ringer.tone = mem_deref(ringer.tone);
	for (i = 0; i < NSTEPS(ringer.reminders); i++)
		ringer.reminders[i] = mem_deref(ringer.reminders[i]);
}

int sip_audio_register(const char *ring_device)
{
	size_t m = strcspn(ring_device, ",");
	size_t i;
	int err;

	loop_thread = pthread_self();
	memset(&ringer, 0, sizeof(ringer));
	tmr_init(&ringer.reminder_end);
	ringer.next = -1;
	if (strcmp(ring_device, "none")) {
		snprintf(ringer.mod, sizeof(ringer.mod), "%.*s", (int)m,
			 ring_device);
		snprintf(ringer.dev, sizeof(ringer.dev), "%s",
			 ring_device[m] ? ring_device + m + 1 : "");
		err = tone_make(&ringer.tone, ring_cadence,
				NSTEPS(ring_cadence), TONE_AMPLITUDE, NULL);
		for (i = 0; i < REMINDER_TONES && !err; i++)
			err = tone_make(&ringer.reminders[i],
					reminder_tones[i].steps,
					reminder_tones[i].nsteps,
					reminder_tones[i].amplitude,
					&ringer.reminder_ms[i]);
		if (err) {
			sip_audio_unregister_tones();
			return err;
		}
	}
	call_filter.name = "cordboard";
	call_filter.encupdh = enc_update;
	call_filter.ench = call_encode;
	call_filter.decupdh = dec_update;
	call_filter.dech = call_decode;
	aufilt_register(baresip_aufiltl(), &call_filter);
	return 0;
}

void sip_audio_unregister(void)
{
	sip_audio_unregister_tones();
	aufilt_unregister(&call_filter);
}

static void ring_failed(int err)
{
	if (ringer.failed)
		return;
	ringer.failed = true;
	warning("cordboard: cannot ring on %s,%s: %s (calls still show as "
		"ringing)\n", ringer.mod, ringer.dev, strerror(err));
}

static int ring_start(void)
{
	int err;

	if (!ringer.tone || ringer.play)
		return 0;
	ringer.tone->pos = 0;
	err = play_tone(&ringer.play, baresip_player(), ringer.tone,
			RING_SRATE, 1, -1, ringer.mod, ringer.dev);
	if (err)
		ring_failed(err);
	return err;
}

int sip_audio_ring(bool on)
{
	ringer.ringing = on;
	if (!on) {
		ringer.play = mem_deref(ringer.play);
		return 0;
	}
	if (tmr_isrunning(&ringer.reminder_end))
		return 0;         /* the reminder's end starts it */
	return ring_start();
}

static int reminder_play(enum reminder_tone tone);

/* The reminder is over: the next cue, or the device is the ring's
 * again. */
static void reminder_over(void *arg)
{
	int next = ringer.next;

	(void)arg;
	ringer.reminder = mem_deref(ringer.reminder);
	ringer.next = -1;
	if (next >= 0 && !reminder_play((enum reminder_tone)next))
		return;
	if (ringer.ringing)
		(void)ring_start();
}

int sip_audio_remind(enum reminder_tone tone)
{
	if ((unsigned)tone >= REMINDER_TONES)
		return EINVAL;
	if (!ringer.reminders[tone])
		return 0;
	/* two at once would be heard as neither: the later one waits */
	if (tmr_isrunning(&ringer.reminder_end)) {
		ringer.next = (int)tone;
		return 0;
	}
	return reminder_play(tone);
}

static int reminder_play(enum reminder_tone tone)
{
	struct mbuf *mb = ringer.reminders[tone];
	int err;

	ringer.play = mem_deref(ringer.play);
	mb->pos = 0;
	err = play_tone(&ringer.reminder, baresip_player(), mb, RING_SRATE,
			1, 1, ringer.mod, ringer.dev);
	if (err) {
		ring_failed(err);
		reminder_over(NULL);
		return err;
	}
	tmr_start(&ringer.reminder_end,
		  ringer.reminder_ms[tone] + REMIND_TAIL_MS, reminder_over,
		  NULL);
	return 0;
}
