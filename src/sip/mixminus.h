/*
 * mixminus.h — the conference sum: every party hears everyone but
 * itself. Plain C on 16-bit frames, no baresip, so unit tests pin it.
 */
#ifndef CORDBOARD_SIP_MIXMINUS_H
#define CORDBOARD_SIP_MIXMINUS_H

#include <stddef.h>
#include <stdint.h>

/* For each of the N inputs of SAMPC samples, OUT[i] = the sum of all
 * inputs but IN[i], clipped to the 16-bit range (never wrapped). An IN
 * may be NULL (a party that sent nothing: silence); an OUT may be NULL
 * (nobody listens there). */
void mix_minus(int16_t *const *out, const int16_t *const *in, size_t n,
	       size_t sampc);

#endif
