/*
 * resample.c — see resample.h.
 */
#include <errno.h>
#include <string.h>

#include "mixer.h"
#include "resample.h"

int resampler_setup(struct resampler *r, uint32_t srate, uint8_t ch,
		    bool to_mix)
{
	int err;

	if (!srate || !ch || ch > 2)
		return EINVAL;
	if (r->ready && r->srate == srate && r->ch == ch)
		return 0;
	auresamp_init(&r->rs);
	err = to_mix ? auresamp_setup(&r->rs, srate, ch, MIXER_SRATE, 1) :
		auresamp_setup(&r->rs, MIXER_SRATE, 1, srate, ch);
	r->ready = !err;
	r->srate = srate;
	r->ch = ch;
	return err;
}

int resampler_run(struct resampler *r, int16_t *out, size_t *outc,
		  const int16_t *in, size_t inc)
{
	if (!r->rs.resample) {
		if (inc > *outc)
			return ENOMEM;
		memcpy(out, in, inc * sizeof(*in));
		*outc = inc;
		return 0;
	}
	return auresamp(&r->rs, out, outc, in, inc);
}
