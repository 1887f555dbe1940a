/*
 * cues.h — the sound cues: a short tone on the ring device for each
 * event an operator who cannot look must not miss (a new caller, a
 * reminder, a transfer that failed, a caller who hung up), so a
 * headset on one ear and a screen reader on the other tell all.
 */
#ifndef CORDBOARD_CORE_CUES_H
#define CORDBOARD_CORE_CUES_H

#include "phone.h"

struct board;

/* Which cues play (the config's cues section); ints, as the option
 * table stores booleans. */
struct cue_config {
	int new_caller;
	int reminder;
	int transfer_failed;
	int hung_up;
};

/* Every cue on: short and quiet, and what an operator who looks away
 * from the screen for a moment needs as much as one who cannot see. */
void cue_config_defaults(struct cue_config *c);
/* The cues B plays from now on (copied); board_init's are the defaults. */
int  cues_configure(struct board *b, const struct cue_config *c);

/* The phone: the far end ended ID (a BYE or CANCEL, not a hang-up of
 * the console's own); said just before board_on_closed, so the close
 * can cue "hung up". */
void cues_peer_hung_up(struct board *b, line_id id);

#endif
