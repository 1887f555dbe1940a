/*
 * phone.h — the seam between the switchboard rules (core) and the SIP
 * user agent. src/sip implements these operations with baresip; unit
 * tests implement them with a fake that records every call.
 * Every operation returns 0 or an errno value. An operation may report
 * back into the board before it returns (baresip announces a local hang
 * up at once), so the board never keeps a line pointer across one.
 */
#ifndef CORDBOARD_CORE_PHONE_H
#define CORDBOARD_CORE_PHONE_H

#include <stdbool.h>

typedef unsigned line_id;   /* 0 means "no line" */

struct phone_ops {
	/* Place a call to uri for the new line id. */
	int (*dial)(void *ctx, line_id id, const char *uri);
	int (*answer)(void *ctx, line_id id);
	/* status 0 lets the adapter choose (BYE, CANCEL or 486). */
	int (*hangup)(void *ctx, line_id id, int status);
	int (*hold)(void *ctx, line_id id, bool on);
	int (*send_dtmf)(void *ctx, line_id id, char digit);
};

#endif
