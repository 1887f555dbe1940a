/*
 * operators.c — several operators on one reception line. The SIP server
 * rings every console; the first to answer gets the caller and the
 * server cancels the others with a Reason saying so (RFC 3326). Here
 * such a call is shown and recorded as answered by another operator:
 * not missed, not abandoned, owed no call back.
 */
#include "operators.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board_int.h"
#include "operation.h"
#include "sanitize.h"

const struct op_kind op_operators;

/* Skips blanks, as the header grammar allows around ';' and '='. */
static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

bool operators_reason_elsewhere(const char *reason)
{
	const char *p, *semi;

	if (!reason)
		return false;
	p = skip_blanks(reason);
	if (strncasecmp(p, "SIP", 3))
		return false;
	p = skip_blanks(p + 3);
	/* the parameters, in any order: cause=200 is the one that says it */
	while (*p == ';') {
		p = skip_blanks(p + 1);
		semi = strchr(p, ';');
		if (!strncasecmp(p, "cause", 5)) {
			const char *v = skip_blanks(p + 5);
			char *end;
			long cause;

			if (*v != '=')
				return false;
			v = skip_blanks(v + 1);
			cause = strtol(v, &end, 10);
			return end != v && cause == 200;
		}
		if (!semi)
			break;
		p = semi;
	}
	return false;
}

void operators_answered_elsewhere(struct board *b, line_id id,
				  const char *by)
{
	struct line *l = board_line(b, id);

	if (!l || l->dir != LINE_INBOUND || l->answered_ms)
		return;
	l->handover = HANDOVER_ELSEWHERE;
	sanitize_text(l->handed_to, sizeof(l->handed_to), by ? by : "",
		      by ? strlen(by) : 0);
}

/* Says who took the caller, instead of a missed call or a hang-up. */
static bool operators_closed(struct board *b, struct line *l, int status,
			     const char *reason)
{
	(void)status;
	(void)reason;
	if (l->handover != HANDOVER_ELSEWHERE)
		return false;
	board_status(b, false, "%s answered by %s", board_line_label(l),
		     l->handed_to[0] ? l->handed_to : "another operator");
	return true;
}

const struct op_kind op_operators = {
	.name = "operators",
	.closed = operators_closed,
};
