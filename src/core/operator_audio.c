/*
 * operator_audio.c — the operator's own audio: the microphone mute, the
 * headset volume and the ringer. The phone applies them; the board keeps
 * the state the screen shows and tells observers.
 */
#include "board.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "away.h"
#include "board_int.h"

int board_mute(struct board *b, int on)
{
	bool want = on < 0 ? !b->muted : on != 0;
	int err;

	if (!b->ops->mute) {
		board_status(b, true, "This phone cannot mute");
		return ENOTSUP;
	}
	err = b->ops->mute(b->phone, want);
	if (err) {
		board_status(b, true, "Could not %s the microphone: %s",
			     want ? "mute" : "unmute", strerror(err));
		return err;
	}
	if (b->muted != want) {
		b->muted = want;
		board_emit(b, EV_MUTE, NULL, 0, want ? "on" : "off");
	}
	board_touch(b, DIRTY_STATUS);
	board_status(b, false, want ? "Microphone muted: callers hear "
		     "nothing" : "Microphone on");
	return 0;
}

int board_volume_set(struct board *b, int db)
{
	char text[16];
	int err;

	if (db < BOARD_VOLUME_MIN_DB)
		db = BOARD_VOLUME_MIN_DB;
	if (db > BOARD_VOLUME_MAX_DB)
		db = BOARD_VOLUME_MAX_DB;
	if (!b->ops->volume) {
		board_status(b, true, "This phone has no volume control");
		return ENOTSUP;
	}
	err = b->ops->volume(b->phone, db);
	if (err) {
		board_status(b, true, "Could not set the volume: %s",
			     strerror(err));
		return err;
	}
	if (b->volume_db != db) {
		b->volume_db = db;
		snprintf(text, sizeof(text), "%d", db);
		board_emit(b, EV_VOLUME, NULL, 0, text);
	}
	board_status(b, false, "Headset volume %+d dB%s", db,
		     db == BOARD_VOLUME_MAX_DB ? " (loudest)" :
		     db == BOARD_VOLUME_MIN_DB ? " (softest)" : "");
	return 0;
}

int board_volume_step(struct board *b, int steps)
{
	return board_volume_set(b, b->volume_db + steps * BOARD_VOLUME_STEP_DB);
}

void board_ringer_update(struct board *b)
{
	bool want = false;
	size_t i;

	/* away from the desk: the screen shows callers, the ringer is still */
	for (i = 0; i < b->nlines && !want && !operator_away(b); i++)
		want = b->lines[i].state == LINE_OFFERED &&
			!b->lines[i].pickup_of;   /* answered at once */
	if (want == b->ringing || !b->ops->ring)
		return;
	/* a ringer that cannot start is no reason to refuse the call: the
	 * screen still shows it ringing */
	if (b->ops->ring(b->phone, want) && want)
		return;
	b->ringing = want;
}
