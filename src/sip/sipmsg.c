/*
 * sipmsg.c — the texts the console puts into its requests: the header
 * that makes a paged phone answer by itself, and the Refer-To of an
 * attended transfer with its escaped Replaces (RFC 3891).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baresip_abi.h"
#include "phone_int.h"

/* The header a page carries so the callee's phone answers by itself
 * (FACTS.md lists the forms phones use); the configured "Name: value"
 * replaces the method's own. */
int sip_page_header(struct list *hdrs, const struct dial_opts *o,
		    const char *uri)
{
	if (o->header) {
		const char *colon = strchr(o->header, ':');
		const char *val;
		char name[64];

		if (!colon || colon == o->header ||
		    (size_t)(colon - o->header) >= sizeof(name))
			return EINVAL;
		snprintf(name, sizeof(name), "%.*s",
			 (int)(colon - o->header), o->header);
		for (val = colon + 1; *val == ' '; val++)
			;
		return custom_hdrs_add(hdrs, name, "%s", val);
	}
	switch (o->intercom) {
	case INTERCOM_CALL_INFO:
		return custom_hdrs_add(hdrs, "Call-Info", "<%s>;answer-after=0",
				       uri);
	case INTERCOM_ALERT_INFO:
		return custom_hdrs_add(hdrs, "Alert-Info",
				       "<%s>;info=alert-autoanswer;delay=0",
				       uri);
	case INTERCOM_ANSWER_MODE:
		return custom_hdrs_add(hdrs, "Answer-Mode", "Auto");
	default:
		return 0;   /* the request URI says it (intercom=true) */
	}
}

/* Percent-encodes everything but unreserved characters, as a Refer-To
 * header parameter needs (RFC 3891: ';' '=' '@' escaped). */
static int escape_param(char *out, size_t sz, const char *in)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;

	for (; *in; in++) {
		unsigned char c = (unsigned char)*in;

		if (o + 4 > sz)
			return ENAMETOOLONG;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c)) {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = '%';
		out[o++] = hex[c >> 4];
		out[o++] = hex[c & 15];
	}
	out[o] = '\0';
	return 0;
}

int sip_replaces_refer_to(char *out, size_t sz, const char *target,
			  const char *callid, const char *local,
			  const char *remote)
{
	char e_id[400], e_local[400], e_remote[400];
	int err;

	err = escape_param(e_id, sizeof(e_id), callid);
	err |= escape_param(e_local, sizeof(e_local), local);
	err |= escape_param(e_remote, sizeof(e_remote), remote);
	if (err)
		return ENAMETOOLONG;
	/* to-tag is the target's own tag, from-tag ours (as it sees them) */
	if ((size_t)snprintf(out, sz,
			     "%s?Replaces=%s%%3Bto-tag%%3D%s%%3Bfrom-tag%%3D%s",
			     target, e_id, e_remote, e_local) >= sz)
		return ENAMETOOLONG;
	return 0;
}
