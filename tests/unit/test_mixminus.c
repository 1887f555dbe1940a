/*
 * test_mixminus.c — the conference sum on synthetic frames: each party
 * hears the others and not itself, loud rooms clip instead of wrapping,
 * silence and absent parties add nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "sip/mixminus.h"

enum { N = 4 };

static void each_hears_the_others_not_itself(void **state)
{
	int16_t a[N] = { 100, -100, 0, 7 }, b[N] = { 1000, 0, 0, -7 };
	int16_t c[N] = { 10, 10, 0, 0 };
	int16_t oa[N], ob[N], oc[N];
	const int16_t *in[3] = { a, b, c };
	int16_t *out[3] = { oa, ob, oc };
	size_t s;

	(void)state;
	mix_minus(out, in, 3, N);
	for (s = 0; s < N; s++) {
		assert_int_equal(oa[s], b[s] + c[s]);
		assert_int_equal(ob[s], a[s] + c[s]);
		assert_int_equal(oc[s], a[s] + b[s]);
	}
}

static void a_loud_room_clips_instead_of_wrapping(void **state)
{
	int16_t a[N] = { 30000, -30000, INT16_MAX, INT16_MIN };
	int16_t b[N] = { 30000, -30000, INT16_MAX, INT16_MIN };
	int16_t c[N] = { 30000, -30000, 1, -1 };
	int16_t oa[N], ob[N], oc[N];
	const int16_t *in[3] = { a, b, c };
	int16_t *out[3] = { oa, ob, oc };

	(void)state;
	mix_minus(out, in, 3, N);
	assert_int_equal(oa[0], INT16_MAX);   /* 60000 would wrap negative */
	assert_int_equal(oa[1], INT16_MIN);
	assert_int_equal(oc[2], INT16_MAX);
	assert_int_equal(oc[3], INT16_MIN);
	assert_int_equal(oa[2], INT16_MAX);   /* 32767 + 1 */
}

static void silence_and_absent_parties_add_nothing(void **state)
{
	int16_t a[N] = { 5, 6, 7, 8 }, quiet[N] = { 0 };
	int16_t oa[N], oq[N], ox[N];
	const int16_t *in[3] = { a, quiet, NULL };
	int16_t *out[3] = { oa, oq, ox };

	(void)state;
	mix_minus(out, in, 3, N);
	assert_memory_equal(oq, a, sizeof(a));
	assert_memory_equal(ox, a, sizeof(a));
	assert_memory_equal(oa, quiet, sizeof(quiet));
	/* nobody listening on an output is fine too */
	out[0] = NULL;
	mix_minus(out, in, 3, N);
	assert_memory_equal(oq, a, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_hears_the_others_not_itself),
		cmocka_unit_test(a_loud_room_clips_instead_of_wrapping),
		cmocka_unit_test(silence_and_absent_parties_add_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
