/*
 * events_xml.h — the bodies of presence (PIDF, RFC 3863, with RPID
 * activities and notes) and dialog (dialog-info, RFC 4235) NOTIFYs,
 * turned into what the extensions board shows. The XML comes from the
 * network: parsing never fetches anything, never expands entities, and
 * every string that comes out is sanitised.
 */
#ifndef CORDBOARD_CORE_EVENTS_XML_H
#define CORDBOARD_CORE_EVENTS_XML_H

#include <stddef.h>

#include "extension.h"

struct presence_info {
	enum presence presence;
	char note[128];
};

struct dialog_info {
	enum ext_line_state state;
	char peer[128];        /* who the extension talks to, when known */
	char peer_name[128];
	char pickup[256];      /* a held dialog's local target: a parked
				* caller is taken by calling it */
};

/* Returns 0, or EINVAL when the body is not a PIDF document (out then
 * says PRESENCE_UNKNOWN). */
int pidf_parse(const char *xml, size_t len, struct presence_info *out);

/* Returns 0, or EINVAL when the body is not dialog-info. With several
 * dialogs the busiest wins: held < ringing < in a call. */
int dialoginfo_parse(const char *xml, size_t len, struct dialog_info *out);

#endif
