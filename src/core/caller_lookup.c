/*
 * caller_lookup.c — a caller whose number is a contact's (their desk,
 * mobile, home) is named as the directory names them: "Robert Smith
 * (Cordboard SA)" instead of whatever their phone sends, in the calls
 * pane, the status line and the events alike.
 */
#include <stdio.h>
#include <string.h>

#include "board_int.h"
#include "contacts.h"
#include "operation.h"
#include "sanitize.h"

/* Asked first about every call that reaches the console; claims none. */
static bool caller_lookup_offered(struct board *b, struct line *l,
				  const char *dialled)
{
	const struct extension *e;
	const char *label = "";
	char named[sizeof(l->name)];

	(void)dialled;
	e = contact_lookup(b->exts, b->nexts, l->uri, &label);
	if (!e || !e->name[0])
		return false;
	/* a colleague's own desk phone already says who they are */
	if (!label[0] && l->name[0] && !e->company[0])
		return false;
	if (e->company[0])
		snprintf(named, sizeof(named), "%s (%s)", e->name, e->company);
	else
		snprintf(named, sizeof(named), "%s", e->name);
	sanitize_text(l->name, sizeof(l->name), named, strlen(named));
	return false;
}

const struct op_kind op_caller_lookup = {
	.name = "caller-lookup",
	.offered = caller_lookup_offered,
};
