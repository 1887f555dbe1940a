/*
 * office_tone.c — which tones each call of the office hears, so a test
 * can prove who talks to whom. An audio filter (decode side only) sees
 * every decoded frame of every call. Per call it cuts the audio into
 * 100 ms blocks and keeps, for each block, the energy and the Goertzel
 * energy at every tone the office knows (each person's, plus the file's
 * `tones`); a tone is heard when it holds at least a tenth of the energy
 * of the last 0.5 s.
 *
 * Threads: baresip 1.0.0 decodes where RTP is received, in libre's UDP
 * handler on the re_main thread (socket -> stream -> jitter buffer ->
 * decoder -> filters), and it runs the filters before it looks for a
 * player, so this works with no player module loaded at all. The state
 * is therefore only touched on the main thread and needs no lock; a
 * frame that arrives on another thread (a later baresip with an RTP
 * thread) is dropped with one warning instead of raced on.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <rem_au.h>

#include "office.h"

enum {
	BLOCK_MS = 100,            /* Goertzel length: 10 Hz bins */
	WINDOW_MS = 500,           /* what "hears" looks at */
	HISTORY_WINDOWS = 6,       /* office_hears: the last 3 s */
	BLOCKS_MAX = WINDOW_MS / BLOCK_MS * HISTORY_WINDOWS + 2,
};

#define HEARD_SHARE 0.1            /* -10 dB of the window's energy */
#define HEARD_LEVEL_DB (-70.0)     /* quieter than this is silence */
#define LEVEL_MIN_DB (-96.0)       /* dBov of digital silence */

/* One finished block of one call. */
struct tone_block {
	uint64_t end_ms;            /* tmr_jiffies() when it was full */
	double energy;              /* sum of x^2, x in [-1, 1] */
	double wenergy;             /* the same after the Hann window */
	uint32_t n;                 /* samples (per channel) */
	float tone[OFFICE_TONES_MAX];   /* window-normalised tone energy */
};

/* The filter's state for one call's decoder. */
struct tone_dec {
	struct aufilt_dec_st af;    /* baresip's part: must come first */
	struct le le;               /* in decl */
	const struct audio *au;     /* the call's, compared only */
	uint32_t srate;
	uint8_t ch;
	uint64_t frames;            /* decoded frames seen */
	double coeff[OFFICE_TONES_MAX];  /* 2 cos(2 pi f / srate) */
	bool usable[OFFICE_TONES_MAX];   /* below the Nyquist frequency */
	double s1[OFFICE_TONES_MAX], s2[OFFICE_TONES_MAX];
	float *hann;                /* blockn weights */
	size_t blockn, pos;
	double norm;                /* 2 sum(w^2) / sum(w)^2 */
	double energy, wenergy;
	struct tone_block blockv[BLOCKS_MAX];
	unsigned blocki;            /* next one to write */
	unsigned blockc;
};

/* What the call heard between two instants. */
struct tone_window {
	double energy, wenergy;
	uint64_t n;
	double tone[OFFICE_TONES_MAX];
};

static struct list decl;
static unsigned tonev[OFFICE_TONES_MAX];   /* ascending */
static size_t tonec;
static pthread_t main_thread;
static bool offthread_warned;

static void dec_destructor(void *arg)
{
	struct tone_dec *st = arg;

	list_unlink(&st->le);
	list_unlink(&st->af.le);
	mem_deref(st->hann);
}

/* baresip asks for a state whenever a call's audio (re)starts: after a
 * codec change or a hold the old state is freed and a new one made. */
static int dec_update(struct aufilt_dec_st **stp, void **ctx,
		      const struct aufilt *af, struct aufilt_prm *prm,
		      const struct audio *au)
{
	struct tone_dec *st;
	double sw = 0, sw2 = 0;
	size_t i;
	int err = 0;

	(void)ctx;
	(void)af;
	if (!stp || !prm || !prm->srate || !prm->ch)
		return EINVAL;
	if (*stp)
		return 0;
	st = mem_zalloc(sizeof(*st), dec_destructor);
	if (!st)
		return ENOMEM;
	st->au = au;
	st->srate = prm->srate;
	st->ch = prm->ch;
	st->blockn = (size_t)prm->srate * BLOCK_MS / 1000;
	st->hann = mem_alloc(st->blockn * sizeof(*st->hann), NULL);
	if (!st->hann || st->blockn < 2) {
		err = st->hann ? EINVAL : ENOMEM;
		goto out;
	}
	for (i = 0; i < st->blockn; i++) {
		double w = 0.5 - 0.5 * cos(2 * M_PI * (double)i
					   / (double)(st->blockn - 1));

		st->hann[i] = (float)w;
		sw += w;
		sw2 += w * w;
	}
	st->norm = 2 * sw2 / (sw * sw);
	for (i = 0; i < tonec; i++) {
		st->usable[i] = 2 * tonev[i] < st->srate;
		st->coeff[i] = 2 * cos(2 * M_PI * tonev[i] / st->srate);
	}
	list_append(&decl, &st->le, st);
	*stp = &st->af;

 out:
	if (err)
		mem_deref(st);
	return err;
}

/* Goertzel's last step: |X(f)|^2 of the block, scaled so that a pure
 * tone at f scores the block's (windowed) energy. */
static void block_finish(struct tone_dec *st)
{
	struct tone_block *b = &st->blockv[st->blocki];
	size_t i;

	memset(b, 0, sizeof(*b));
	b->end_ms = tmr_jiffies();
	b->energy = st->energy;
	b->wenergy = st->wenergy;
	b->n = (uint32_t)st->pos;
	for (i = 0; i < tonec; i++) {
		double p = st->s1[i] * st->s1[i] + st->s2[i] * st->s2[i]
			- st->coeff[i] * st->s1[i] * st->s2[i];

		b->tone[i] = st->usable[i] ? (float)(p * st->norm) : 0;
		st->s1[i] = st->s2[i] = 0;
	}
	st->blocki = (st->blocki + 1) % BLOCKS_MAX;
	if (st->blockc < BLOCKS_MAX)
		st->blockc++;
	st->pos = 0;
	st->energy = st->wenergy = 0;
}

/* The Hann window keeps a loud tone from leaking into its neighbours'
 * bins (rectangular sidelobes are -13 dB, Hann's -31 dB and falling). */
static void sample_put(struct tone_dec *st, double x)
{
	double xw = x * st->hann[st->pos];
	size_t i;

	st->energy += x * x;
	st->wenergy += xw * xw;
	for (i = 0; i < tonec; i++) {
		double s0 = xw + st->coeff[i] * st->s1[i] - st->s2[i];

		st->s2[i] = st->s1[i];
		st->s1[i] = s0;
	}
	if (++st->pos == st->blockn)
		block_finish(st);
}

/* Channels are averaged: a tone on either is heard. */
static int dec_frame(struct aufilt_dec_st *ast, struct auframe *af)
{
	struct tone_dec *st = (struct tone_dec *)ast;
	size_t i, c, n;

	if (!pthread_equal(pthread_self(), main_thread)) {
		if (!__atomic_exchange_n(&offthread_warned, true,
					 __ATOMIC_RELAXED))
			warning("office: audio decoded off the main thread: "
				"tone detection is off\n");
		return 0;
	}
	if (!af || !af->sampc || (af->fmt != AUFMT_S16LE
				  && af->fmt != AUFMT_FLOAT))
		return 0;
	st->frames++;
	n = af->sampc / st->ch;
	for (i = 0; i < n; i++) {
		double x = 0;

		for (c = 0; c < st->ch; c++) {
			size_t k = i * st->ch + c;

			x += af->fmt == AUFMT_S16LE
				? ((const int16_t *)af->sampv)[k] / 32768.0
				: ((const float *)af->sampv)[k];
		}
		sample_put(st, x / st->ch);
	}
	return 0;
}

static struct aufilt tone_filter = {
	.name = "office_tone",
	.decupdh = dec_update,
	.dech = dec_frame,
};

/* The newest state of AU (a decoder reset replaces it). */
static const struct tone_dec *dec_find(const struct audio *au)
{
	const struct tone_dec *found = NULL;
	struct le *le;

	for (le = au ? decl.head : NULL; le; le = le->next) {
		const struct tone_dec *st = le->data;

		if (st->au == au)
			found = st;
	}
	return found;
}

/* Sums the blocks that ended in (FROM, TO]. */
static void window_sum(const struct tone_dec *st, uint64_t from, uint64_t to,
		       struct tone_window *w)
{
	unsigned k;
	size_t i;

	memset(w, 0, sizeof(*w));
	for (k = 0; st && k < st->blockc; k++) {
		const struct tone_block *b = &st->blockv[k];

		if (b->end_ms <= from || b->end_ms > to)
			continue;
		w->energy += b->energy;
		w->wenergy += b->wenergy;
		w->n += b->n;
		for (i = 0; i < tonec; i++)
			w->tone[i] += b->tone[i];
	}
}

static double window_level_db(const struct tone_window *w)
{
	double db;

	if (!w->n || w->energy <= 0)
		return LEVEL_MIN_DB;
	/* as librem's aulevel: RMS against full scale, a full sine -3 */
	db = 10 * log10(w->energy / (double)w->n);
	return db < LEVEL_MIN_DB ? LEVEL_MIN_DB : db;
}

/* The share of the window's energy at tone I, in dB (-99 for none). */
static double window_share_db(const struct tone_window *w, size_t i)
{
	double share = w->wenergy > 0 ? w->tone[i] / w->wenergy : 0;

	return share > 1e-10 ? 10 * log10(share) : -99;
}

static bool window_hears(const struct tone_window *w, size_t i)
{
	return window_level_db(w) > HEARD_LEVEL_DB && w->wenergy > 0
		&& w->tone[i] >= HEARD_SHARE * w->wenergy;
}

static int heard_print(struct re_printf *pf, void *arg)
{
	const struct tone_window *w = arg;
	size_t i, n = 0;
	int err = re_hprintf(pf, "[");

	for (i = 0; i < tonec && !err; i++) {
		if (window_hears(w, i))
			err = re_hprintf(pf, "%s%u", n++ ? "," : "", tonev[i]);
	}
	return err ? err : re_hprintf(pf, "]");
}

/* One decimal without printf's %f, whose decimal point follows the
 * locale: JSON wants a dot. */
static int db_print(struct re_printf *pf, double db)
{
	long tenths = lround(db * 10);

	return re_hprintf(pf, "%s%ld.%ld", tenths < 0 ? "-" : "",
			  labs(tenths) / 10, labs(tenths) % 10);
}

static void window_now(const struct tone_dec *st, struct tone_window *w)
{
	uint64_t now = tmr_jiffies();

	window_sum(st, now > WINDOW_MS ? now - WINDOW_MS : 0, now, w);
}

int office_tone_json(struct re_printf *pf, void *call)
{
	struct tone_window w;
	int err;

	window_now(dec_find(call_audio(call)), &w);
	err = re_hprintf(pf, "\"hears\":%H,\"level_db\":", heard_print, &w);
	return err ? err : db_print(pf, window_level_db(&w));
}

int office_tone_debug(struct re_printf *pf, const struct call *call)
{
	const struct tone_dec *st = dec_find(call_audio(call));
	uint64_t now = tmr_jiffies();
	struct tone_window w;
	size_t i;
	int k, err;

	if (!st)
		return re_hprintf(pf, "  no decoded audio yet\n");
	window_now(st, &w);
	err = re_hprintf(pf, "  %u Hz, %u ch, %llu frames; last %u ms: "
			 "hears %H, level ", st->srate, st->ch,
			 (unsigned long long)st->frames, WINDOW_MS,
			 heard_print, &w);
	err |= db_print(pf, window_level_db(&w));
	err |= re_hprintf(pf, " dBov\n  share of energy (dB):");
	for (i = 0; i < tonec && !err; i++) {
		err = re_hprintf(pf, " %u:", tonev[i]);
		err |= st->usable[i] ? db_print(pf, window_share_db(&w, i))
			: re_hprintf(pf, "n/a");
	}
	err |= re_hprintf(pf, "\n  0.5 s windows, newest first:");
	for (k = 0; k < HISTORY_WINDOWS && !err; k++) {
		uint64_t back = (uint64_t)k * WINDOW_MS;
		uint64_t to = now > back ? now - back : 0;

		window_sum(st, to > WINDOW_MS ? to - WINDOW_MS : 0, to, &w);
		err = re_hprintf(pf, " %H", heard_print, &w);
	}
	return err ? err : re_hprintf(pf, "\n");
}

int office_tones_json(struct re_printf *pf, void *unused)
{
	size_t i;
	int err = re_hprintf(pf, "[");

	(void)unused;
	for (i = 0; i < tonec && !err; i++)
		err = re_hprintf(pf, "%s%u", i ? "," : "", tonev[i]);
	return err ? err : re_hprintf(pf, "]");
}

static void tone_add(unsigned hz)
{
	size_t i;

	if (!hz)
		return;
	for (i = 0; i < tonec && tonev[i] < hz; i++)
		;
	if (i < tonec && tonev[i] == hz)
		return;
	if (tonec == OFFICE_TONES_MAX) {
		warning("office: more than %d tones: %u Hz is not listened "
			"for\n", OFFICE_TONES_MAX, hz);
		return;
	}
	memmove(&tonev[i + 1], &tonev[i], (tonec - i) * sizeof(tonev[0]));
	tonev[i] = hz;
	tonec++;
}

int office_tone_init(const struct office_desc *desc)
{
	size_t i;

	tonec = 0;
	for (i = 0; i < desc->personc; i++)
		tone_add(desc->personv[i].tone);
	for (i = 0; i < desc->tonec; i++)
		tone_add(desc->tonev[i]);
	main_thread = pthread_self();
	offthread_warned = false;
	aufilt_register(baresip_aufiltl(), &tone_filter);
	return 0;
}

void office_tone_close(void)
{
	struct le *le;

	aufilt_unregister(&tone_filter);
	/* states baresip still holds must not reach into this list */
	while ((le = list_head(&decl)))
		list_unlink(le);
}
