/*
 * resample.h — a party's audio to or from the console's own format
 * (MIXER_SRATE mono) with librem's resampler, set up again whenever the
 * party's format changes (a new codec after a re-INVITE). A format that
 * already agrees is copied.
 */
#ifndef CORDBOARD_SIP_RESAMPLE_H
#define CORDBOARD_SIP_RESAMPLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <re.h>
#include <rem.h>

struct resampler {
	struct auresamp rs;
	uint32_t srate;
	uint8_t ch;
	bool ready;
};

/* TO_MIX: from SRATE/CH to the mix format, else from it. ENOTSUP for a
 * rate librem cannot convert, EINVAL for more than two channels. */
int resampler_setup(struct resampler *r, uint32_t srate, uint8_t ch,
		    bool to_mix);
int resampler_run(struct resampler *r, int16_t *out, size_t *outc,
		  const int16_t *in, size_t inc);

#endif
