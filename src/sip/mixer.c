/*
 * mixer.c — the conference mixer (see mixer.h): resamplers at the
 * edges, librem's jitter buffers between the sides, mix-minus in
 * the middle.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <re.h>
#include <rem.h>

#include "mixer.h"
#include "mixminus.h"
#include "resample.h"

/* what waits before a party's first frame is mixed (jitter), and the
 * most that may wait before the oldest is dropped (drift) */
#define RX_MIN_FRAMES 2
#define RX_MAX_FRAMES 8
#define TX_MIN_FRAMES 1
#define TX_MAX_FRAMES 6
#define FRAME_BYTES (MIXER_FRAME * sizeof(int16_t))

struct mixer {
	struct list legs;
	int16_t in[MIXER_MAX_LEGS][MIXER_FRAME];
	int16_t out[MIXER_MAX_LEGS][MIXER_FRAME];
};

struct mixer_leg {
	struct le le;
	struct mixer *m;
	struct aubuf *rx;         /* what it said, at MIXER_SRATE mono */
	struct aubuf *tx;         /* what it hears, at MIXER_SRATE mono */
	struct resampler in, out;
	int16_t scratch[MIXER_MAX_SAMPC];
};

static void mixer_destructor(void *arg)
{
	struct mixer *m = arg;
	struct le *le;

	/* legs outliving the mixer just stop being mixed */
	while ((le = list_head(&m->legs))) {
		struct mixer_leg *l = le->data;

		list_unlink(&l->le);
		l->m = NULL;
	}
}

int mixer_alloc(struct mixer **mp)
{
	struct mixer *m = mem_zalloc(sizeof(*m), mixer_destructor);

	if (!m)
		return ENOMEM;
	list_init(&m->legs);
	*mp = m;
	return 0;
}

static void leg_destructor(void *arg)
{
	struct mixer_leg *l = arg;

	list_unlink(&l->le);
	mem_deref(l->rx);
	mem_deref(l->tx);
}

int mixer_leg_alloc(struct mixer_leg **lp, struct mixer *m)
{
	struct mixer_leg *l;
	int err;

	if (list_count(&m->legs) >= MIXER_MAX_LEGS)
		return ENOSPC;
	l = mem_zalloc(sizeof(*l), leg_destructor);
	if (!l)
		return ENOMEM;
	err = aubuf_alloc(&l->rx, RX_MIN_FRAMES * FRAME_BYTES,
			  RX_MAX_FRAMES * FRAME_BYTES);
	err |= aubuf_alloc(&l->tx, TX_MIN_FRAMES * FRAME_BYTES,
			   TX_MAX_FRAMES * FRAME_BYTES);
	if (err) {
		mem_deref(l);
		return ENOMEM;
	}
	l->m = m;
	list_append(&m->legs, &l->le, l);
	*lp = l;
	return 0;
}

int mixer_put(struct mixer_leg *l, const int16_t *s, size_t sampc,
	      uint32_t srate, uint8_t ch)
{
	size_t outc = MIXER_MAX_SAMPC;
	int err;

	if (!l || !s || !sampc)
		return 0;
	err = resampler_setup(&l->in, srate, ch, true);
	if (err)
		return err;
	err = resampler_run(&l->in, l->scratch, &outc, s, sampc);
	if (err)
		return err;
	return aubuf_write_samp(l->rx, l->scratch, outc);
}

int mixer_get(struct mixer_leg *l, int16_t *s, size_t sampc,
	      uint32_t srate, uint8_t ch, bool add)
{
	int16_t mixed[MIXER_MAX_SAMPC / 2];
	size_t want, outc = MIXER_MAX_SAMPC, i;
	int err;

	if (!l || !s || !sampc)
		return 0;
	err = resampler_setup(&l->out, srate, ch, false);
	if (err)
		return err;
	want = (size_t)((uint64_t)sampc / ch * MIXER_SRATE / srate);
	if (want > MIXER_MAX_SAMPC / 2)
		return EOVERFLOW;
	aubuf_read_samp(l->tx, mixed, want);
	err = resampler_run(&l->out, l->scratch, &outc, mixed, want);
	if (err)
		return err;
	if (outc > sampc)
		outc = sampc;
	for (i = 0; i < outc; i++) {
		int32_t v = l->scratch[i];

		if (add)
			v += s[i];
		s[i] = (int16_t)(v > INT16_MAX ? INT16_MAX :
				 v < INT16_MIN ? INT16_MIN : v);
	}
	if (!add && outc < sampc)
		memset(s + outc, 0, (sampc - outc) * sizeof(*s));
	return 0;
}

void mixer_tick(struct mixer *m)
{
	const int16_t *inv[MIXER_MAX_LEGS];
	int16_t *outv[MIXER_MAX_LEGS];
	struct mixer_leg *legv[MIXER_MAX_LEGS];
	struct le *le;
	size_t n = 0, i;

	for (le = list_head(&m->legs); le && n < MIXER_MAX_LEGS;
	     le = le->next) {
		struct mixer_leg *l = le->data;

		aubuf_read_samp(l->rx, m->in[n], MIXER_FRAME);
		legv[n] = l;
		inv[n] = m->in[n];
		outv[n] = m->out[n];
		n++;
	}
	mix_minus(outv, inv, n, MIXER_FRAME);
	for (i = 0; i < n; i++)
		aubuf_write_samp(legv[i]->tx, m->out[i], MIXER_FRAME);
}
