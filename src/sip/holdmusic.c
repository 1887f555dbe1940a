/*
 * holdmusic.c — music on hold: a WAV file, read once and converted to
 * the console's own format (MIXER_SRATE mono), looped to every call the
 * console holds, each from the start. The call's encode filter
 * (audio.c) takes each frame from here, on baresip's audio thread; the
 * main loop starts and stops the players, so one mutex guards them.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "baresip_abi.h"
#include "mixer.h"
#include "phone_int.h"
#include "resample.h"

#define MUSIC_MAX_SECONDS 600
#define MUSIC_PLAYERS BOARD_MAX_LINES

struct music_player {
	const struct audio *au;
	size_t pos;               /* in the looped samples */
	struct resampler out;
};

static struct {
	pthread_mutex_t lock;
	int16_t *samples;         /* MIXER_SRATE mono */
	size_t n;
	struct music_player players[MUSIC_PLAYERS];
	size_t nplayers;
} music = { .lock = PTHREAD_MUTEX_INITIALIZER };

int sip_music_load(const char *path)
{
	struct aufile *af = NULL;
	struct aufile_prm prm;
	struct resampler in = { .ready = false };
	struct mbuf *mb;
	int16_t chunk[MIXER_MAX_SAMPC / 2], conv[MIXER_MAX_SAMPC];
	size_t want, got, outc;
	int err;

	err = aufile_open(&af, &prm, path, AUFILE_READ);
	if (err)
		return err;
	err = prm.fmt != AUFMT_S16LE ? ENOTSUP :
		resampler_setup(&in, prm.srate, prm.channels, true);
	mb = err ? NULL : mbuf_alloc(MIXER_SRATE * 2);
	if (!err && !mb)
		err = ENOMEM;
	/* 20 ms at a time: the resampler wants whole frames */
	want = (size_t)prm.srate * prm.channels * MIXER_PTIME_MS / 1000;
	while (!err && mb->end < (size_t)MUSIC_MAX_SECONDS * MIXER_SRATE * 2) {
		got = want * sizeof(int16_t);
		memset(chunk, 0, sizeof(chunk));
		err = aufile_read(af, (uint8_t *)chunk, &got);
		if (err || !got)
			break;
		outc = sizeof(conv) / sizeof(conv[0]);
		err = resampler_run(&in, conv, &outc, chunk, want);
		if (!err)
			err = mbuf_write_mem(mb, (uint8_t *)conv,
					     outc * sizeof(int16_t));
	}
	mem_deref(af);
	if (!err && (!mb || mb->end == 0))
		err = ENODATA;
	if (err) {
		mem_deref(mb);
		return err;
	}
	pthread_mutex_lock(&music.lock);
	mem_deref(music.samples);
	music.samples = mem_alloc(mb->end, NULL);
	if (music.samples) {
		memcpy(music.samples, mb->buf, mb->end);
		music.n = mb->end / sizeof(int16_t);
	}
	pthread_mutex_unlock(&music.lock);
	mem_deref(mb);
	return music.samples ? 0 : ENOMEM;
}

void sip_music_unload(void)
{
	pthread_mutex_lock(&music.lock);
	music.samples = mem_deref(music.samples);
	music.n = 0;
	music.nplayers = 0;
	pthread_mutex_unlock(&music.lock);
}

bool sip_music_loaded(void)
{
	return music.n > 0;
}

void sip_music_play(const struct audio *au, bool on)
{
	size_t i;

	pthread_mutex_lock(&music.lock);
	for (i = 0; i < music.nplayers; i++) {
		if (music.players[i].au == au)
			break;
	}
	if (on && i == music.nplayers && i < MUSIC_PLAYERS) {
		memset(&music.players[i], 0, sizeof(music.players[i]));
		music.players[i].au = au;
		music.nplayers++;
	}
	else if (!on && i < music.nplayers) {
		music.players[i] = music.players[--music.nplayers];
	}
	pthread_mutex_unlock(&music.lock);
}

void sip_music_to_party(const struct audio *au, int16_t *s, size_t sampc,
			uint32_t srate, uint8_t ch)
{
	int16_t looped[MIXER_MAX_SAMPC / 2], conv[MIXER_MAX_SAMPC];
	struct music_player *p = NULL;
	size_t i, want, outc = MIXER_MAX_SAMPC;

	pthread_mutex_lock(&music.lock);
	for (i = 0; i < music.nplayers; i++) {
		if (music.players[i].au == au)
			p = &music.players[i];
	}
	if (!p || !music.n || !ch || !srate ||
	    resampler_setup(&p->out, srate, ch, false))
		goto out;
	want = (size_t)((uint64_t)sampc / ch * MIXER_SRATE / srate);
	if (want > sizeof(looped) / sizeof(looped[0]))
		goto out;
	for (i = 0; i < want; i++) {
		looped[i] = music.samples[p->pos];
		p->pos = (p->pos + 1) % music.n;
	}
	if (resampler_run(&p->out, conv, &outc, looped, want))
		goto out;
	/* what the operator says does not reach a held caller */
	memset(s, 0, sampc * sizeof(*s));
	memcpy(s, conv, (outc < sampc ? outc : sampc) * sizeof(*s));
 out:
	pthread_mutex_unlock(&music.lock);
}
