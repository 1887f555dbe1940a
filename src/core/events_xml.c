/*
 * events_xml.c — PIDF and dialog-info bodies, read with libxml2.
 */
#include "events_xml.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sanitize.h"

/* No network, no entity substitution, no DTD loading, no noise. */
#define XML_SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
			  XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS)

static xmlDocPtr xml_read(const char *xml, size_t len)
{
	if (!xml || len == 0 || len > 256 * 1024)
		return NULL;
	return xmlReadMemory(xml, (int)len, "notify.xml", NULL,
			     XML_SAFE_OPTIONS);
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
		!strcmp((const char *)n->name, name);
}

/* First element called name anywhere below n (depth first). */
static xmlNode *find(xmlNode *n, const char *name)
{
	xmlNode *c, *hit;

	for (c = n ? n->children : NULL; c; c = c->next) {
		if (named(c, name))
			return c;
		hit = find(c, name);
		if (hit)
			return hit;
	}
	return NULL;
}

/* The element's text, trimmed and sanitised, into out. */
static void text_of(xmlNode *n, char *out, size_t sz)
{
	xmlChar *t = n ? xmlNodeGetContent(n) : NULL;
	const char *s = (const char *)t;
	size_t len;

	out[0] = '\0';
	if (!s)
		return;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	sanitize_text(out, sz, s, len);
	xmlFree(t);
}

int pidf_parse(const char *xml, size_t len, struct presence_info *out)
{
	xmlDocPtr doc = xml_read(xml, len);
	xmlNode *root, *basic, *act, *note;
	char text[64];

	memset(out, 0, sizeof(*out));
	out->presence = PRESENCE_UNKNOWN;
	if (!doc)
		return EINVAL;
	root = xmlDocGetRootElement(doc);
	if (!root || !named(root, "presence")) {
		xmlFreeDoc(doc);
		return EINVAL;
	}
	basic = find(root, "basic");
	text_of(basic, text, sizeof(text));
	if (!strcmp(text, "closed"))
		out->presence = PRESENCE_OFFLINE;
	else if (!strcmp(text, "open"))
		out->presence = PRESENCE_AVAILABLE;

	/* RPID activities refine an open status */
	act = find(root, "activities");
	if (act && out->presence != PRESENCE_OFFLINE) {
		if (find(act, "away") || find(act, "vacation") ||
		    find(act, "lunch") || find(act, "travel"))
			out->presence = PRESENCE_AWAY;
		else if (find(act, "busy") || find(act, "on-the-phone") ||
			 find(act, "meeting") || find(act, "appointment"))
			out->presence = PRESENCE_BUSY;
		else if (find(act, "do-not-disturb") || find(act, "dnd"))
			out->presence = PRESENCE_DND;
	}
	note = find(root, "note");
	text_of(note, out->note, sizeof(out->note));
	xmlFreeDoc(doc);
	return 0;
}

static enum ext_line_state dialog_state(const char *s, bool held)
{
	if (!strcmp(s, "confirmed"))
		return held ? EXT_LINE_HELD : EXT_LINE_INCALL;
	if (!strcmp(s, "trying") || !strcmp(s, "proceeding") ||
	    !strcmp(s, "early"))
		return EXT_LINE_RINGING;
	if (!strcmp(s, "terminated"))
		return EXT_LINE_IDLE;
	return EXT_LINE_UNKNOWN;
}

static int state_rank(enum ext_line_state s)
{
	switch (s) {
	case EXT_LINE_INCALL:  return 4;
	case EXT_LINE_RINGING: return 3;
	case EXT_LINE_HELD:    return 2;
	case EXT_LINE_IDLE:    return 1;
	case EXT_LINE_UNKNOWN: break;
	}
	return 0;
}

/* A local target with +sip.rendering="no" means the extension put the
 * call on hold (RFC 4235 section 4.1.6.2). */
static bool dialog_held(xmlNode *dialog)
{
	xmlNode *local = find(dialog, "local"), *c;

	for (c = local ? local->children : NULL; c; c = c->next) {
		xmlNode *p;

		if (!named(c, "target"))
			continue;
		for (p = c->children; p; p = p->next) {
			xmlChar *pn = named(p, "param") ?
				xmlGetProp(p, (const xmlChar *)"pname") : NULL;
			xmlChar *pv = pn ?
				xmlGetProp(p, (const xmlChar *)"pval") : NULL;
			bool held = pn && pv &&
				!strcmp((char *)pn, "+sip.rendering") &&
				!strcmp((char *)pv, "no");

			xmlFree(pn);
			xmlFree(pv);
			if (held)
				return true;
		}
	}
	return false;
}

/* The local target of dialog D when it is a plain sip: URI (it is
 * dialled as it is), else "". */
static void held_target(xmlNode *d, char *out, size_t sz)
{
	xmlNode *local = find(d, "local");
	xmlNode *target = local ? find(local, "target") : NULL;
	xmlChar *uri;
	const char *p;

	out[0] = '\0';
	if (!target)
		return;
	uri = xmlGetProp(target, (const xmlChar *)"uri");
	if (!uri)
		return;
	p = (const char *)uri;
	if (!strncmp(p, "sip:", 4) && strlen(p) < sz &&
	    !p[strcspn(p, " \t\r\n\"<>\\")]) {
		size_t i;
		bool printable = true;

		for (i = 0; p[i]; i++)
			if ((unsigned char)p[i] < 0x21 ||
			    (unsigned char)p[i] > 0x7e)
				printable = false;
		if (printable)
			snprintf(out, sz, "%s", p);
	}
	xmlFree(uri);
}

int dialoginfo_parse(const char *xml, size_t len, struct dialog_info *out)
{
	xmlDocPtr doc = xml_read(xml, len);
	xmlNode *root, *d;
	int best = -1;

	memset(out, 0, sizeof(*out));
	out->state = EXT_LINE_UNKNOWN;
	if (!doc)
		return EINVAL;
	root = xmlDocGetRootElement(doc);
	if (!root || !named(root, "dialog-info")) {
		xmlFreeDoc(doc);
		return EINVAL;
	}
	/* no dialog at all: the extension is idle */
	out->state = EXT_LINE_IDLE;
	for (d = root->children; d; d = d->next) {
		char st[32];
		enum ext_line_state s;
		xmlNode *remote, *identity;

		if (!named(d, "dialog"))
			continue;
		text_of(find(d, "state"), st, sizeof(st));
		s = dialog_state(st, dialog_held(d));
		if (s == EXT_LINE_HELD && !out->pickup[0])
			held_target(d, out->pickup, sizeof(out->pickup));
		if (state_rank(s) <= best)
			continue;
		best = state_rank(s);
		out->state = s;
		remote = find(d, "remote");
		identity = remote ? find(remote, "identity") : NULL;
		text_of(identity, out->peer, sizeof(out->peer));
		out->peer_name[0] = '\0';
		if (identity) {
			xmlChar *dn = xmlGetProp(identity,
						 (const xmlChar *)"display");
			if (dn) {
				sanitize_text(out->peer_name,
					      sizeof(out->peer_name),
					      (const char *)dn,
					      strlen((const char *)dn));
				xmlFree(dn);
			}
		}
	}
	xmlFreeDoc(doc);
	return 0;
}
