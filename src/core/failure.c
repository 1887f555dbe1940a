/*
 * failure.c — a call that failed, in the operator's words: who did not
 * take it and why, and a server that was busy (503) said as the phone
 * system's fault rather than the colleague's.
 */
#include <stdio.h>
#include <string.h>

#include "board_int.h"

const char *board_status_words(int status)
{
	switch (status) {
	case 0:   return "hung up";
	case 404: return "not found";
	case 405:
	case 501: return "cannot transfer";
	case 408:
	case 480:
	case 487: return "no answer";
	case 486:
	case 600: return "busy";
	case 603: return "declined";
	default:  break;
	}
	return status >= 500 ? "failed" : "refused";
}

void board_failure_text(char *out, size_t sz, const char *who, int status,
			const char *reason)
{
	/* 503 comes from the server between us (RFC 3261 21.5.4): the
	 * colleague never saw the call */
	if (status == 503)
		snprintf(out, sz, "The phone system is busy (503): could not "
			 "reach %s", who);
	/* 488: the offer's media, most often encryption one side insists on */
	else if (status == 488)
		snprintf(out, sz, "%s's phone cannot take the call's audio or "
			 "encryption (488)", who);
	else
		snprintf(out, sz, "%s %s (%d%s%s)", who,
			 board_status_words(status), status,
			 reason && *reason ? " " : "", reason ? reason : "");
}

void board_transfer_failure_text(char *out, size_t sz, const char *who,
				 int status, const char *reason)
{
	if (status == 503 || status == 488)
		board_failure_text(out, sz, who, status, reason);
	else
		snprintf(out, sz, "Transfer to %s failed: %s (%d)", who,
			 board_status_words(status), status);
}

void board_on_offer_refused(struct board *b, const char *caller,
			    const char *menc)
{
	const char *who = caller && *caller ? caller : "an unknown caller";

	/* the caller hears it refused (488): the operator must know why */
	if (menc && !strcmp(menc, "dtls"))
		board_status(b, true, "%s's phone cannot encrypt the call with "
			     "DTLS-SRTP (media_encryption = dtls): refused "
			     "(488)", who);
	else if (menc)
		board_status(b, true, "%s's phone cannot encrypt the call "
			     "(media_encryption = %s): refused (488), "
			     "nothing sent in clear", who, menc);
	else
		board_status(b, true, "Call from %s refused: its phone offers "
			     "no audio codec the console has (488)", who);
	board_log(b, 2, b->status);
}
