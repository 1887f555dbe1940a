/*
 * registration.h — the console's registration with its SIP server, in
 * the operator's words: one state for the status bar, why a REGISTER
 * was refused, and when the console tries again (seconds, then
 * minutes, so a wrong password never floods the server).
 */
#ifndef CORDBOARD_CORE_REGISTRATION_H
#define CORDBOARD_CORE_REGISTRATION_H

#include <stdint.h>

struct board;

/* The status bar's one word for it: "" (no registrar), "registering",
 * "registered" or "not registered - retrying". */
const char *registration_state_text(struct board *b);
/* Seconds from the Nth failure in a row (1: the first) to the next
 * try: 5, 10, 30 s, then 1, 2, 5 and at most 10 minutes. */
unsigned registration_retry_s(unsigned failures);
/* The server asked for RETRY_AFTER_S seconds of quiet (a 503 with
 * Retry-After) in the answer the next failure reports: that try waits
 * at least that long. */
void registration_server_wait(struct board *b, unsigned retry_after_s);
/* When the next try is due (board clock, ms); 0 when none is. */
int64_t registration_retry_at(struct board *b);

#endif
