/*
 * board_int.h — what board.c and transfer.c share inside src/core.
 */
#ifndef CORDBOARD_CORE_BOARD_INT_H
#define CORDBOARD_CORE_BOARD_INT_H

#include "board.h"

void board_emit(struct board *b, enum board_event_type type,
		const struct line *l, int status, const char *text);
const char *board_line_label(const struct line *l);
/* presence.c: puts the extensions in the order the operator chose */
void board_exts_sort(struct board *b);
/* presence.c: keeps L's name for the extensions' line states */
void board_remember_caller(struct board *b, const struct line *l);
struct line *board_line_add(struct board *b, enum line_dir dir,
			    const char *name, const char *uri);
void board_line_remove(struct board *b, line_id id);
int board_hold_talking_except(struct board *b, line_id keep);
/* operator_audio.c: the ringer follows whether any line is offered */
void board_ringer_update(struct board *b);

/* A line is closing: transfers it belongs to react (recall, success).
 * Returns true when it has told the operator what happened. */
bool board_xfer_line_closed(struct board *b, struct line *l, int status,
			    const char *reason);

/* conference.c: a line is closing, a REFER answered, the operator takes
 * another call (steps out of the mix), a second passed. Each returns
 * true when the conference has dealt with it. */
bool board_conf_line_closed(struct board *b, struct line *l, int status,
			    const char *reason);
bool board_conf_refer_result(struct board *b, line_id id, int status,
			     const char *reason);
void board_conf_step_out(struct board *b, line_id keep);
void board_conf_tick(struct board *b);
/* transfer.c: words for a SIP failure status, for the operator */
const char *board_status_words(int status);

#endif
