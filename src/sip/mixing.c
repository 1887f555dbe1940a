/*
 * mixing.c — the conference on baresip's audio. Every call's audio
 * filter (audio.c) hands what its party said to the mixer and takes back
 * what that party should hear; a thread of our own mixes every 20 ms.
 * The operator needs no leg: each call plays to the headset and takes
 * the headset's microphone, so the operator hears everyone and everyone
 * hears the operator; without the operator (bridged) the filter
 * silences both.
 *
 * Threads: filters run on baresip's audio threads (decoding on the main
 * loop in 1.0.0, encoding on the source's thread), the mixer on its own;
 * one mutex guards the legs. News for the board goes back to the main
 * loop through libre's mqueue.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "baresip_abi.h"
#include "mixer.h"
#include "phone_int.h"

enum { MQ_FORMAT = 1 };

struct mix_leg {
	const struct audio *au;
	line_id id;
	struct mixer_leg *leg;
	bool failed;              /* its format was reported unmixable */
};

static struct {
	pthread_mutex_t lock;
	struct mixer *mixer;
	struct mix_leg legs[MIXER_MAX_LEGS];
	size_t nlegs;
	bool with_operator;
	atomic_bool active;       /* any legs: the filters' fast path */
	pthread_t tid;
	bool running;
	atomic_bool stop;
	struct mqueue *mq;
	struct board *board;
} mx = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void *mix_thread(void *arg)
{
	struct timespec next, now;
	(void)arg;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!atomic_load(&mx.stop)) {
		next.tv_nsec += MIXER_PTIME_MS * 1000000L;
		if (next.tv_nsec >= 1000000000L) {
			next.tv_nsec -= 1000000000L;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		pthread_mutex_lock(&mx.lock);
		if (mx.mixer)
			mixer_tick(mx.mixer);
		pthread_mutex_unlock(&mx.lock);
		/* asleep far too long (a stopped process): start afresh
		 * rather than mix a burst of catch-up frames */
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > next.tv_sec + 1)
			next = now;
	}
	return NULL;
}

static void mq_handler(int id, void *data, void *arg)
{
	uint64_t v = (uint64_t)(uintptr_t)data;
	char text[160];
	(void)arg;

	if (id != MQ_FORMAT || !mx.board)
		return;
	snprintf(text, sizeof(text), "Line %u: its audio (%u Hz) cannot be "
		 "mixed, it hears only you", (unsigned)(v >> 32),
		 (unsigned)(v & 0xffffffffu));
	board_log(mx.board, 1, text);
	board_status(mx.board, true, "%s", text);
}

int sip_mixing_init(struct board *b)
{
	mx.board = b;
	return mx.mq ? 0 : mqueue_alloc(&mx.mq, mq_handler, NULL);
}

static void thread_stop(void)
{
	if (!mx.running)
		return;
	atomic_store(&mx.stop, true);
	pthread_join(mx.tid, NULL);
	mx.running = false;
}

void sip_mixing_close(void)
{
	sip_mixing_set(NULL, NULL, 0, false);
	mx.mq = mem_deref(mx.mq);
	mx.board = NULL;
}

int sip_mixing_set(const struct audio *const *aus, const line_id *ids,
		   size_t n, bool with_operator)
{
	struct mix_leg legs[MIXER_MAX_LEGS];
	size_t i, k;
	int err = 0;

	if (n > MIXER_MAX_LEGS)
		return ENOSPC;
	memset(legs, 0, sizeof(legs));
	pthread_mutex_lock(&mx.lock);
	if (n && !mx.mixer)
		err = mixer_alloc(&mx.mixer);
	/* a party already mixed keeps its buffers: no gap when one joins */
	for (i = 0; i < n && !err; i++) {
		legs[i].au = aus[i];
		legs[i].id = ids[i];
		for (k = 0; k < mx.nlegs; k++) {
			if (mx.legs[k].au == aus[i] && mx.legs[k].leg) {
				legs[i].leg = mx.legs[k].leg;
				legs[i].failed = mx.legs[k].failed;
				mx.legs[k].leg = NULL;
			}
		}
		if (!legs[i].leg)
			err = mixer_leg_alloc(&legs[i].leg, mx.mixer);
	}
	if (err) {
		for (i = 0; i < n; i++)
			mem_deref(legs[i].leg);
		pthread_mutex_unlock(&mx.lock);
		return err;
	}
	for (k = 0; k < mx.nlegs; k++)
		mem_deref(mx.legs[k].leg);
	memcpy(mx.legs, legs, sizeof(legs));
	mx.nlegs = n;
	mx.with_operator = with_operator;
	atomic_store(&mx.active, n > 0);
	if (!n)
		mx.mixer = mem_deref(mx.mixer);
	pthread_mutex_unlock(&mx.lock);

	if (!n) {
		thread_stop();
		return 0;
	}
	if (!mx.running) {
		atomic_store(&mx.stop, false);
		err = pthread_create(&mx.tid, NULL, mix_thread, NULL);
		if (err) {
			sip_mixing_set(NULL, NULL, 0, false);
			return err;
		}
		mx.running = true;
	}
	return 0;
}

static struct mix_leg *leg_of(const struct audio *au)
{
	size_t i;

	for (i = 0; i < mx.nlegs; i++) {
		if (mx.legs[i].au == au)
			return &mx.legs[i];
	}
	return NULL;
}

static void leg_failed(struct mix_leg *l, uint32_t srate)
{
	if (l->failed)
		return;
	l->failed = true;
	mqueue_push(mx.mq, MQ_FORMAT,
		    (void *)(uintptr_t)(((uint64_t)l->id << 32) | srate));
}

void sip_mixing_tap(const struct audio *au, bool from_party, int16_t *s,
		    size_t sampc, uint32_t srate, uint8_t ch)
{
	struct mix_leg *l;
	int err;

	if (!atomic_load_explicit(&mx.active, memory_order_relaxed))
		return;
	pthread_mutex_lock(&mx.lock);
	l = leg_of(au);
	if (l && !l->failed) {
		err = from_party ? mixer_put(l->leg, s, sampc, srate, ch) :
			mixer_get(l->leg, s, sampc, srate, ch,
				  mx.with_operator);
		if (err == ENOTSUP)
			leg_failed(l, srate);
	}
	/* bridged: the parties hear each other, the operator nobody (and
	 * an unmixable party does not hear the operator either) */
	if (l && !mx.with_operator && (from_party || l->failed))
		memset(s, 0, sampc * sizeof(*s));
	pthread_mutex_unlock(&mx.lock);
}
