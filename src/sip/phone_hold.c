/*
 * phone_hold.c — holding and taking back the console's calls (send-only
 * ourselves, with music when there is some), and taking back a caller
 * whose phone holds the call itself without crossing its re-INVITE.
 */
#include "baresip_abi.h"
#include "phone_int.h"
#include "phone_map.h"
#include "sip.h"

/* The party holds the call itself: what was agreed last has us send
 * nothing (inactive, where our own hold alone leaves send-only) - a
 * transferee that paused it to follow our REFER. */
static bool party_paused(struct stream *strm)
{
	const struct sdp_media *m = stream_sdpmedia(strm);

	return m && !(sdp_media_dir(m) & SDP_SENDONLY);
}

#define RESUME_GRACE_MS 500

/* Sends the re-INVITEs deferred by line_hold whose moment has come,
 * unless the party took the call back itself meanwhile (answered
 * send-receive, as we are). */
static void resume_deferred(void *arg)
{
	struct sip_phone *p = arg;
	uint64_t now = tmr_jiffies(), next = 0;
	size_t i;

	for (i = 0; i < BOARD_MAX_LINES; i++) {
		struct line_call *lc = &p->map[i];
		struct stream *strm;

		if (!lc->call || !lc->resume_due)
			continue;
		if (lc->resume_at > now) {
			if (!next || lc->resume_at < next)
				next = lc->resume_at;
			continue;
		}
		lc->resume_due = false;
		strm = audio_strm(call_audio(lc->call));
		if (!strm || !party_paused(strm))
			continue;
		if (call_modify(lc->call) == 0)
			lc->invite_pending = true;
		else
			warning("cordboard: line %u: taking the call back: "
				"re-INVITE failed\n", (unsigned)lc->id);
	}
	if (next)
		tmr_start(&p->resume_tmr, next - now, resume_deferred, p);
}

/* Holds or retrieves a call by making it send-only ourselves, never
 * with baresip's call_hold: baresip resumes a call held that way by
 * itself whenever another call closes, which sends a re-INVITE to a
 * caller in the middle of a transfer (the consult leg ending after a
 * REFER with Replaces) - independent phones answer that race with 491
 * or drop the call. Held, the call sends music if there is some, else
 * nothing: its microphone is muted. */
int line_hold(struct sip_phone *p, struct line_call *lc, bool on)
{
	struct audio *au = call_audio(lc->call);
	struct stream *strm = audio_strm(au);
	bool music = sip_music_loaded();
	int err;

	if (!strm || (!on && !lc->held))
		return call_hold(lc->call, on);   /* baresip's own, if any */
	if (on && lc->held)
		return 0;
	if (on && call_is_onhold(lc->call))
		call_hold(lc->call, false);
	lc->resume_due = false;
	stream_set_ldir(strm, on ? SDP_SENDONLY : SDP_SENDRECV);
	if (!on && party_paused(strm)) {
		/* a transferee whose transfer failed takes the call back by
		 * itself at once (linphone does): our re-INVITE would cross
		 * its own and both would get 491, and linphone does not try
		 * again. Unheld here, we answer its re-INVITE send-receive;
		 * ours goes only if it has not come within the grace. */
		lc->resume_due = true;
		lc->resume_at = tmr_jiffies() + RESUME_GRACE_MS;
		if (!tmr_isrunning(&p->resume_tmr))
			tmr_start(&p->resume_tmr, RESUME_GRACE_MS,
				  resume_deferred, p);
	}
	else {
		err = call_modify(lc->call);
		if (err) {
			stream_set_ldir(strm, on ? SDP_SENDRECV :
					SDP_SENDONLY);
			return err;
		}
		lc->invite_pending = true;
	}
	lc->held = on;
	audio_mute(au, (on && !music) || p->muted);
	if (music || lc->music_held)
		sip_music_play(au, on);
	lc->music_held = on && music;
	return 0;
}

/* Held by us, with or without music, or by baresip itself. */
bool line_held(const struct line_call *lc)
{
	return lc->held || lc->music_held || call_is_onhold(lc->call);
}
