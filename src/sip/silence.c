/*
 * silence.c — an audio source that sends silence, for a console with no
 * sound card. baresip sends DTMF only from the audio path, so without
 * any source a digit would never leave; this source keeps that path
 * running on the main loop (no thread).
 *
 * Wake-ups: a call's packets arrive every frame and wake the loop
 * anyway, so the next frame goes out on that wake-up when due within a
 * frame (sip_silence_nudge, from the call's decode filter); the timer
 * sends only when no packet came in time (a held party sends nothing).
 * The pace stays the clock's: one frame per ptime since the start.
 */
#include <errno.h>
#include <string.h>

#include "baresip_abi.h"
#include "phone_int.h"

#define AUDIO_TIMEBASE_US 1000000u
#define MAX_SAMPLE_BYTES 4        /* float is the widest format */

struct ausrc_st {
	const struct ausrc *as;   /* baresip reads this first member */
	struct le le;             /* in sources */
	struct tmr tmr;
	ausrc_read_h *rh;
	void *arg;                /* the call's struct audio (1.0.0) */
	struct ausrc_prm prm;
	void *sampv;
	size_t sampc;
	uint64_t frames;          /* sent so far */
	uint64_t started_ms;
	bool nudged;              /* the tick to come is a packet's */
	bool packets_lead;        /* the last frame went with a packet */
};

static struct ausrc *silence_src;
static struct list sources;

static void silence_destructor(void *arg)
{
	struct ausrc_st *st = arg;

	tmr_cancel(&st->tmr);
	list_unlink(&st->le);
	mem_deref(st->sampv);
}

/* When the next frame is due by the clock. */
static uint64_t next_due(const struct ausrc_st *st)
{
	return st->started_ms + (st->frames + 1) * st->prm.ptime;
}

static void silence_tick(void *arg);

/* The timer of the next frame: at its time when packets do not come;
 * half a frame late while they do, so a packet a little late still
 * carries it and a clock drifting against the sender's costs a wake-up
 * only when the phase wraps, not at every frame. */
static void timer_arm(struct ausrc_st *st)
{
	uint64_t at = next_due(st), now = tmr_jiffies();

	if (st->packets_lead)
		at += st->prm.ptime / 2;
	tmr_start(&st->tmr, at > now ? at - now : 0, silence_tick, st);
}

static void silence_tick(void *arg)
{
	struct ausrc_st *st = arg;
	struct auframe af;

	st->packets_lead = st->nudged;
	st->nudged = false;
	auframe_init(&af, st->prm.fmt, st->sampv, st->sampc);
	af.timestamp = st->frames * st->prm.ptime *
		(AUDIO_TIMEBASE_US / 1000);
	st->frames++;
	timer_arm(st);
	st->rh(&af, st->arg);
}

void sip_silence_nudge(const struct audio *au)
{
	struct le *le;

	for (le = sources.head; le; le = le->next) {
		struct ausrc_st *st = le->data;

		if (st->arg != au)
			continue;
		/* a frame ahead of the clock at most (a frame and a half
		 * when sip_loop_awake brings the timer forward): the pace
		 * stays the clock's, whatever the phase of the packets */
		if (tmr_jiffies() + st->prm.ptime >= next_due(st)) {
			st->nudged = true;
			/* after this turn's packets, not inside baresip's
			 * decoding: a 0 ms timer runs before the loop sleeps */
			tmr_start(&st->tmr, 0, silence_tick, st);
		}
		return;
	}
}

static int silence_alloc(struct ausrc_st **stp, const struct ausrc *as,
			 struct media_ctx **ctx, struct ausrc_prm *prm,
			 const char *device, ausrc_read_h *rh,
			 ausrc_error_h *errh, void *arg)
{
	struct ausrc_st *st;

	(void)ctx;
	(void)device;
	(void)errh;
	if (!stp || !prm || !rh || !prm->srate || !prm->ch || !prm->ptime)
		return EINVAL;
	st = mem_zalloc(sizeof(*st), silence_destructor);
	if (!st)
		return ENOMEM;
	st->as = as;
	st->rh = rh;
	st->arg = arg;
	st->prm = *prm;
	st->sampc = (size_t)prm->srate * prm->ch * prm->ptime / 1000;
	st->sampv = mem_zalloc(st->sampc * MAX_SAMPLE_BYTES, NULL);
	if (!st->sampv) {
		mem_deref(st);
		return ENOMEM;
	}
	tmr_init(&st->tmr);
	st->started_ms = tmr_jiffies();
	timer_arm(st);
	list_append(&sources, &st->le, st);
	*stp = st;
	return 0;
}

int sip_silence_register(void)
{
	if (silence_src)
		return 0;
	return ausrc_register(&silence_src, baresip_ausrcl(), SIP_SILENCE_MOD,
			      silence_alloc);
}

void sip_silence_unregister(void)
{
	silence_src = mem_deref(silence_src);
}
