/*
 * silence.c — an audio source that sends silence, for a console with no
 * sound card. baresip sends DTMF only from the audio path, so without
 * any source a digit would never leave; this source keeps that path
 * running, paced by a timer on the main loop (no thread).
 */
#include <errno.h>
#include <string.h>

#include "baresip_abi.h"
#include "sip.h"

#define AUDIO_TIMEBASE_US 1000000u
#define MAX_SAMPLE_BYTES 4        /* float is the widest format */

struct ausrc_st {
	const struct ausrc *as;   /* baresip reads this first member */
	struct tmr tmr;
	ausrc_read_h *rh;
	void *arg;
	struct ausrc_prm prm;
	void *sampv;
	size_t sampc;
	uint64_t frames;
	uint64_t started_ms;
};

static struct ausrc *silence_src;

static void silence_destructor(void *arg)
{
	struct ausrc_st *st = arg;

	tmr_cancel(&st->tmr);
	mem_deref(st->sampv);
}

/* One frame per ptime, scheduled from the start time so the pace does
 * not drift with timer lateness. */
static void silence_tick(void *arg)
{
	struct ausrc_st *st = arg;
	struct auframe af;
	uint64_t due;

	auframe_init(&af, st->prm.fmt, st->sampv, st->sampc);
	af.timestamp = st->frames * st->prm.ptime *
		(AUDIO_TIMEBASE_US / 1000);
	st->frames++;
	due = st->started_ms + st->frames * st->prm.ptime;
	tmr_start(&st->tmr, due > tmr_jiffies() ? due - tmr_jiffies() : 0,
		  silence_tick, st);
	st->rh(&af, st->arg);
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
	tmr_start(&st->tmr, prm->ptime, silence_tick, st);
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
