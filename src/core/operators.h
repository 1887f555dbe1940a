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

#endif
