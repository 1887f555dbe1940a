/*
 * mixminus.c — the conference sum, one pass for the total and one per
 * listener, in 32 bits so a loud room clips instead of wrapping.
 */
#include "mixminus.h"

static int16_t clip16(int32_t v)
{
	return (int16_t)(v > INT16_MAX ? INT16_MAX :
			 v < INT16_MIN ? INT16_MIN : v);
}

void mix_minus(int16_t *const *out, const int16_t *const *in, size_t n,
	       size_t sampc)
{
	size_t i, s;

	for (s = 0; s < sampc; s++) {
		int32_t total = 0;

		for (i = 0; i < n; i++)
			total += in[i] ? in[i][s] : 0;
		for (i = 0; i < n; i++) {
			if (out[i])
				out[i][s] = clip16(total -
						   (in[i] ? in[i][s] : 0));
		}
	}
}
