/*
 * operators.h — several operators answering the same reception line:
 * a call another console answered first is not a missed call here.
 */
#ifndef CORDBOARD_CORE_OPERATORS_H
#define CORDBOARD_CORE_OPERATORS_H

#include <stdbool.h>

#include "board.h"

/* True when REASON (the value of a CANCEL's Reason header, RFC 3326)
 * says the call was answered on another branch: "SIP;cause=200". */
bool operators_reason_elsewhere(const char *reason);

/* The offered call ID was answered by another operator (BY, a name, or
 * NULL or "" when the server did not say who); call it before the line
 * closes, so the close reads as answered elsewhere, not as missed. */
void operators_answered_elsewhere(struct board *b, line_id id,
				  const char *by);

/* Takes the caller the operator (or colleague) at extension NUMBER
 * parked: calls the slot its dialog-info gives, as an extension
 * calling a slot does; that console hands the caller over. Returns 0,
 * ENOENT (no such extension, or nothing parked there: said), or what
 * the dial returned. */
int board_take(struct board *b, const char *number);

/* The reception line every console registers (account.aor). A call to
 * it rings every operator, this console too: sending a caller there is
 * how a console that cannot take it (away) hands it to the others. */
void operators_set_line(struct board *b, const char *aor);
/* True when URI (a resolved target) is that line. */
bool operators_is_line(struct board *b, const char *uri);

#endif
