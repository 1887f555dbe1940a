/*
 * test_mixer.c — the conference mixer on synthetic frames: parties at
 * 8 kHz mono, 16 kHz and 48 kHz stereo hear each other's tones through
 * the resamplers and not their own, the sum is clipped after rate
 * conversion, silence stays silence, the operator's microphone is added
 * or replaced, and a rate librem cannot convert is refused.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include <re.h>

#include "sip/mixer.h"

#define FRAMES 30        /* 0.6 s: the buffers fill and settle */
#define TAIL 10          /* the frames looked at */

struct party {
	struct mixer_leg *leg;
	uint32_t srate;
	uint8_t ch;
	double tone;         /* Hz, 0 = silent */
	double phase;
	int16_t heard[TAIL * 48000 * 2 / 50];
	size_t nheard;
};

static size_t frame_sampc(const struct party *p)
{
	return (size_t)p->srate * p->ch * MIXER_PTIME_MS / 1000;
}

static void speak(struct party *p, int16_t *s, double amplitude)
{
	size_t i, c, n = frame_sampc(p) / p->ch;

	for (i = 0; i < n; i++) {
		int16_t v = (int16_t)lround(amplitude * sin(p->phase));

		p->phase += 2 * M_PI * p->tone / p->srate;
		for (c = 0; c < p->ch; c++)
			s[i * p->ch + c] = p->tone > 0 ? v : 0;
	}
}

/* Every party speaks a frame, the mixer ticks, every party listens. */
static void run(struct mixer *m, struct party *pv, size_t n)
{
	int16_t s[MIXER_MAX_SAMPC];
	size_t f, i;

	for (f = 0; f < FRAMES; f++) {
		for (i = 0; i < n; i++) {
			speak(&pv[i], s, 8000);
			assert_int_equal(mixer_put(pv[i].leg, s,
						   frame_sampc(&pv[i]),
						   pv[i].srate, pv[i].ch), 0);
		}
		mixer_tick(m);
		for (i = 0; i < n; i++) {
			size_t sc = frame_sampc(&pv[i]);

			memset(s, 0, sizeof(s));
			assert_int_equal(mixer_get(pv[i].leg, s, sc,
						   pv[i].srate, pv[i].ch,
						   false), 0);
			if (f >= FRAMES - TAIL) {
				memcpy(pv[i].heard + pv[i].nheard, s,
				       sc * sizeof(*s));
				pv[i].nheard += sc;
			}
		}
	}
}

/* Energy at f Hz in the first channel, relative to a full-scale sine. */
static double tone_level(const struct party *p, double f)
{
	double w = 2 * M_PI * f / p->srate, k = 2 * cos(w);
	double s0, s1 = 0, s2 = 0, power;
	size_t i, n = p->nheard / p->ch;

	for (i = 0; i < n; i++) {
		s0 = p->heard[i * p->ch] + k * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	power = s1 * s1 + s2 * s2 - k * s1 * s2;
	return sqrt(power) * 2 / n / 32768.0;
}

static void everyone_hears_the_others_at_their_own_rate(void **state)
{
	struct mixer *m;
	struct party pv[3] = {
		{ .srate = 8000,  .ch = 1, .tone = 440 },
		{ .srate = 16000, .ch = 1, .tone = 880 },
		{ .srate = 48000, .ch = 2, .tone = 1330 },
	};
	static const double tones[] = { 440, 880, 1330 };
	size_t i, k;
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(mixer_leg_alloc(&pv[i].leg, m), 0);
	run(m, pv, 3);
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 3; k++) {
			double lvl = tone_level(&pv[i], tones[k]);

			/* spoken at 8000/32768: about 0.24 */
			if (k == i)
				assert_true(lvl < 0.01);
			else
				assert_true(lvl > 0.15 && lvl < 0.35);
		}
	}
	for (i = 0; i < 3; i++)
		mem_deref(pv[i].leg);
	mem_deref(m);
}

static void a_loud_sum_is_clipped_not_wrapped(void **state)
{
	struct mixer *m;
	struct party pv[3] = {
		{ .srate = 8000, .ch = 1 },
		{ .srate = 8000, .ch = 1 },
		{ .srate = 48000, .ch = 1 },
	};
	int16_t s[MIXER_MAX_SAMPC];
	size_t f, i, k;
	int min = 0, max = 0;
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(mixer_leg_alloc(&pv[i].leg, m), 0);
	for (f = 0; f < FRAMES; f++) {
		/* two parties shout the same full-scale level */
		for (i = 0; i < 2; i++) {
			for (k = 0; k < 160; k++)
				s[k] = 30000;
			mixer_put(pv[i].leg, s, 160, 8000, 1);
		}
		mixer_tick(m);
		mixer_get(pv[2].leg, s, 960, 48000, 1, false);
		for (k = 0; f >= FRAMES - TAIL && k < 960; k++) {
			min = s[k] < min ? s[k] : min;
			max = s[k] > max ? s[k] : max;
		}
	}
	assert_int_equal(max, INT16_MAX);
	assert_true(min >= 0);     /* a wrapped sum would go negative */
	for (i = 0; i < 3; i++)
		mem_deref(pv[i].leg);
	mem_deref(m);
}

static void silence_stays_silence(void **state)
{
	struct mixer *m;
	struct party pv[2] = {
		{ .srate = 8000, .ch = 1 },
		{ .srate = 48000, .ch = 2 },
	};
	size_t i, k;
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	for (i = 0; i < 2; i++)
		assert_int_equal(mixer_leg_alloc(&pv[i].leg, m), 0);
	run(m, pv, 2);
	for (i = 0; i < 2; i++) {
		for (k = 0; k < pv[i].nheard; k++)
			assert_int_equal(pv[i].heard[k], 0);
	}
	for (i = 0; i < 2; i++)
		mem_deref(pv[i].leg);
	mem_deref(m);
}

static void the_operator_is_added_or_left_out(void **state)
{
	struct mixer *m;
	struct party pv[2] = {
		{ .srate = 8000, .ch = 1, .tone = 440 },
		{ .srate = 8000, .ch = 1 },
	};
	struct party mic = { .srate = 8000, .ch = 1, .tone = 1000 };
	int16_t s[MIXER_MAX_SAMPC];
	size_t f, i;
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	for (i = 0; i < 2; i++)
		assert_int_equal(mixer_leg_alloc(&pv[i].leg, m), 0);
	for (f = 0; f < 2 * FRAMES; f++) {
		bool with_operator = f < FRAMES;

		speak(&pv[0], s, 8000);
		mixer_put(pv[0].leg, s, 160, 8000, 1);
		mixer_tick(m);
		/* what the operator says is already in the frame */
		speak(&mic, s, 8000);
		mixer_get(pv[1].leg, s, 160, 8000, 1, with_operator);
		if (f == FRAMES - TAIL || f == 2 * FRAMES - TAIL)
			pv[1].nheard = 0;
		if ((f >= FRAMES - TAIL && f < FRAMES) ||
		    f >= 2 * FRAMES - TAIL) {
			memcpy(pv[1].heard + pv[1].nheard, s, 160 * 2);
			pv[1].nheard += 160;
		}
		if (f == FRAMES - 1) {
			assert_true(tone_level(&pv[1], 440) > 0.15);
			assert_true(tone_level(&pv[1], 1000) > 0.15);
		}
	}
	/* bridged: the other party only */
	assert_true(tone_level(&pv[1], 440) > 0.15);
	assert_true(tone_level(&pv[1], 1000) < 0.01);
	for (i = 0; i < 2; i++)
		mem_deref(pv[i].leg);
	mem_deref(m);
}

static void a_rate_it_cannot_convert_is_refused(void **state)
{
	struct mixer *m;
	struct mixer_leg *l;
	int16_t s[882] = { 0 };
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	assert_int_equal(mixer_leg_alloc(&l, m), 0);
	assert_int_equal(mixer_put(l, s, 882, 44100, 1), ENOTSUP);
	assert_int_equal(mixer_get(l, s, 882, 44100, 1, true), ENOTSUP);
	assert_int_equal(mixer_put(l, s, 160, 8000, 3), EINVAL);
	mem_deref(l);
	mem_deref(m);
}

static void a_leg_leaves_the_mix_when_freed(void **state)
{
	struct mixer *m;
	struct mixer_leg *lv[MIXER_MAX_LEGS + 1];
	size_t i;
	(void)state;

	assert_int_equal(mixer_alloc(&m), 0);
	for (i = 0; i < MIXER_MAX_LEGS; i++)
		assert_int_equal(mixer_leg_alloc(&lv[i], m), 0);
	assert_int_equal(mixer_leg_alloc(&lv[i], m), ENOSPC);
	lv[0] = mem_deref(lv[0]);
	assert_int_equal(mixer_leg_alloc(&lv[0], m), 0);
	mixer_tick(m);
	/* legs may outlive the mixer: they are just not mixed any more */
	mem_deref(m);
	for (i = 0; i < MIXER_MAX_LEGS; i++)
		mem_deref(lv[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(everyone_hears_the_others_at_their_own_rate),
		cmocka_unit_test(a_loud_sum_is_clipped_not_wrapped),
		cmocka_unit_test(silence_stays_silence),
		cmocka_unit_test(the_operator_is_added_or_left_out),
		cmocka_unit_test(a_rate_it_cannot_convert_is_refused),
		cmocka_unit_test(a_leg_leaves_the_mix_when_freed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
