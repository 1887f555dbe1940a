/*
 * mixer.h — the conference mixer: up to MIXER_MAX_LEGS parties, each at
 * its own sample rate and channel count. What a party says goes in at
 * its rate, everything is mixed at MIXER_SRATE mono every MIXER_PTIME_MS
 * (mix-minus: nobody hears itself), and what a party hears comes out at
 * its rate. Buffers between the three sides absorb jitter and clock
 * drift. No baresip and no locking here: the caller serialises.
 */
#ifndef CORDBOARD_SIP_MIXER_H
#define CORDBOARD_SIP_MIXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MIXER_SRATE 48000
#define MIXER_PTIME_MS 20
#define MIXER_FRAME (MIXER_SRATE * MIXER_PTIME_MS / 1000)
#define MIXER_MAX_LEGS 8
/* the longest frame a party may put or get: 120 ms of 48 kHz stereo */
#define MIXER_MAX_SAMPC (MIXER_SRATE * 2 * 120 / 1000)

struct mixer;
struct mixer_leg;

/* Both are freed with mem_deref; a freed leg leaves the mix. */
int mixer_alloc(struct mixer **mp);
int mixer_leg_alloc(struct mixer_leg **lp, struct mixer *m);

/* What the party said: SAMPC interleaved samples at SRATE Hz, CH
 * channels. ENOTSUP for a rate the resampler cannot convert. */
int mixer_put(struct mixer_leg *l, const int16_t *s, size_t sampc,
	      uint32_t srate, uint8_t ch);

/* What the party hears from the others, as SAMPC samples at SRATE/CH:
 * added to S (clipped) when ADD is set, else written over it. */
int mixer_get(struct mixer_leg *l, int16_t *s, size_t sampc,
	      uint32_t srate, uint8_t ch, bool add);

/* One MIXER_PTIME_MS step: takes a frame from every party, queues each
 * one's mix-minus. */
void mixer_tick(struct mixer *m);

#endif
