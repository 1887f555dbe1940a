/*
 * office_body.c — the documents a person's phone publishes: PIDF
 * (RFC 3863) with RPID activities (RFC 4480) and a note for presence,
 * dialog-info (RFC 4235) from the calls of its UA.
 *
 * Every text that came from the office file or the network is escaped;
 * what XML 1.0 cannot carry at all (control characters, broken UTF-8,
 * U+FFFE/U+FFFF) becomes U+FFFD, so a hostile display name still
 * makes a document that parses.
 */
#include <string.h>

#include "office.h"

enum {
	DISPLAY_MAX = 256,          /* bytes of a display name we publish */
};

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD in UTF-8 */

/* for the RPID readers: the console's knows do-not-disturb, which RPID
 * lacks, as an element of our own namespace (RPID allows ##other) */
#define CB_NS "urn:x-cordboard:params:xml:ns:presence"

static const char *const pkg_events[] = {
	[OFFICE_PKG_PRESENCE] = "presence",
	[OFFICE_PKG_DIALOG]   = "dialog",
};

static const char *const pkg_ctypes[] = {
	[OFFICE_PKG_PRESENCE] = "application/pidf+xml",
	[OFFICE_PKG_DIALOG]   = "application/dialog-info+xml",
};

/* The RPID activities of each presence state; available and offline
 * have none (<basic> says it all). */
static const char *const activities[] = {
	[OFFICE_PRESENCE_AVAILABLE] = NULL,
	[OFFICE_PRESENCE_AWAY]      = "<rpid:away/>",
	[OFFICE_PRESENCE_BUSY]      = "<rpid:busy/>",
	[OFFICE_PRESENCE_DND]       = "<rpid:other>Do not disturb</rpid:other>"
				      "<cb:do-not-disturb/>",
	[OFFICE_PRESENCE_OFFLINE]   = NULL,
};

const char *office_pkg_event(enum office_pkg pkg)
{
	return (size_t)pkg < ARRAY_SIZE(pkg_events) ? pkg_events[pkg] : "?";
}

const char *office_pkg_ctype(enum office_pkg pkg)
{
	return (size_t)pkg < ARRAY_SIZE(pkg_ctypes) ? pkg_ctypes[pkg] : "?";
}

int office_pkg_parse(const struct pl *event, enum office_pkg *pkg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pkg_events); i++) {
		if (0 == pl_strcasecmp(event, pkg_events[i])) {
			*pkg = (enum office_pkg)i;
			return 0;
		}
	}
	return ENOENT;
}

/* The entity for one byte, or NULL if it stands for itself. */
static const char *xml_entity(unsigned char c)
{
	switch (c) {
	case '&':  return "&amp;";
	case '<':  return "&lt;";
	case '>':  return "&gt;";
	case '"':  return "&quot;";
	case '\'': return "&apos;";
	/* as references, so that attribute values keep them */
	case '\t': return "&#9;";
	case '\n': return "&#10;";
	case '\r': return "&#13;";
	default:   return c < 0x20 ? REPLACEMENT : NULL;
	}
}

/* TEXT escaped, at most MAX bytes of it and never half a character. */
static int xml_escape(struct re_printf *pf, const char *text, size_t max)
{
	const unsigned char *p = (const unsigned char *)text;
	const unsigned char *run = p;
	size_t used = 0;
	int err = 0;

	while (p && *p && !err) {
		size_t n = office_utf8_len(p);
		const char *ent = NULL;

		if (used + (n ? n : 1) > max)
			break;
		if (n == 1)
			ent = xml_entity(*p);
		else if (n == 0 || (n == 3 && p[0] == 0xef && p[1] == 0xbf
				    && p[2] >= 0xbe))
			ent = REPLACEMENT;
		if (n == 0)
			n = 1;
		if (ent) {
			if (p > run)
				err = pf->vph((const char *)run,
					      (size_t)(p - run), pf->arg);
			if (!err)
				err = pf->vph(ent, strlen(ent), pf->arg);
			run = p + n;
		}
		p += n;
		used += n;
	}
	if (!err && p > run)
		err = pf->vph((const char *)run, (size_t)(p - run), pf->arg);
	return err;
}

int office_xml_str(struct re_printf *pf, void *text)
{
	return xml_escape(pf, text, (size_t)-1);
}

/* a display name, cut at DISPLAY_MAX bytes (names can be huge) */
static int xml_display(struct re_printf *pf, void *text)
{
	return xml_escape(pf, text, DISPLAY_MAX);
}

static int pidf_print(struct re_printf *pf, const struct office_member *m,
		      bool gone)
{
	enum office_presence pres = gone ? OFFICE_PRESENCE_OFFLINE
		: m->p.presence;
	const char *act = (size_t)pres < ARRAY_SIZE(activities)
		? activities[pres] : NULL;
	int err;

	err = re_hprintf(pf,
			 "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\n"
			 "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:"
			 "data-model\"\n"
			 "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\n"
			 "    xmlns:cb=\"" CB_NS "\"\n"
			 "    entity=\"%H\">\n"
			 "  <tuple id=\"t1\">\n"
			 "    <status><basic>%s</basic></status>\n"
			 "    <contact>%H</contact>\n"
			 "  </tuple>\n",
			 office_xml_str, m->aor,
			 pres == OFFICE_PRESENCE_OFFLINE ? "closed" : "open",
			 office_xml_str, m->aor);
	if (!err && (act || m->p.note[0]))
		err = re_hprintf(pf, "  <dm:person id=\"p1\">\n");
	if (!err && act)
		err = re_hprintf(pf, "    <rpid:activities>%s"
				 "</rpid:activities>\n", act);
	if (!err && m->p.note[0])
		err = re_hprintf(pf, "    <dm:note>%H</dm:note>\n",
				 office_xml_str, m->p.note);
	if (!err && (act || m->p.note[0]))
		err = re_hprintf(pf, "  </dm:person>\n");
	return err ? err : re_hprintf(pf, "</presence>\n");
}

/* The RFC 4235 state of a call, or NULL for one not worth showing. */
static const char *dialog_state(const struct call *call,
				const struct call *closing)
{
	if (call == closing)
		return "terminated";
	switch (call_state(call)) {
	case CALL_STATE_OUTGOING:    return "trying";
	case CALL_STATE_INCOMING:    /* baresip has sent 180 with a tag */
	case CALL_STATE_RINGING:
	case CALL_STATE_EARLY:       return "early";
	case CALL_STATE_ESTABLISHED: return "confirmed";
	case CALL_STATE_TERMINATED:  return "terminated";
	default:                     return NULL;
	}
}

/* an attribute NAME="VALUE", left out when VALUE is empty */
static int xml_attr(struct re_printf *pf, const char *name,
		    const char *value, re_printf_h *esc)
{
	if (!str_isset(value))
		return 0;
	return re_hprintf(pf, " %s=\"%H\"", name, esc, value);
}

static int dialog_print(struct re_printf *pf, const struct office_member *m,
			const struct call *call, const char *state)
{
	bool held = 0 == strcmp(state, "confirmed") && call_is_onhold(call);
	int err;

	err  = re_hprintf(pf, "  <dialog id=\"%H\" call-id=\"%H\"",
			  office_xml_str, call_id(call),
			  office_xml_str, call_id(call));
	err |= xml_attr(pf, "local-tag", office_call_ltag(call),
			office_xml_str);
	err |= xml_attr(pf, "remote-tag", office_call_rtag(call),
			office_xml_str);
	err |= re_hprintf(pf, " direction=\"%s\">\n"
			  "    <state>%s</state>\n"
			  "    <local>\n"
			  "      <identity",
			  call_is_outgoing(call) ? "initiator" : "recipient",
			  state);
	err |= xml_attr(pf, "display", m->p.name, xml_display);
	err |= re_hprintf(pf, ">%H</identity>\n"
			  "      <target uri=\"%H\"%s\n"
			  "    </local>\n"
			  "    <remote>\n"
			  "      <identity",
			  office_xml_str, m->aor, office_xml_str, m->aor,
			  held ? "><param pname=\"+sip.rendering\" pval=\"no\"/>"
			  "</target>" : "/>");
	err |= xml_attr(pf, "display", call_peername(call), xml_display);
	err |= re_hprintf(pf, ">%H</identity>\n"
			  "    </remote>\n"
			  "  </dialog>\n",
			  office_xml_str, call_peeruri(call));
	return err;
}

static int dialogs_print(struct re_printf *pf, const struct office_member *m,
			 const struct call *closing)
{
	struct le *le;
	int err = 0;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le && !err;
	     le = le->next) {
		const char *state = dialog_state(le->data, closing);

		if (state)
			err = dialog_print(pf, m, le->data, state);
	}
	return err;
}

struct body_arg {
	const struct office_member *m;
	const struct call *closing;
	bool gone;
};

static int pidf_h(struct re_printf *pf, void *arg)
{
	const struct body_arg *ba = arg;

	return pidf_print(pf, ba->m, ba->gone);
}

static int dialogs_h(struct re_printf *pf, void *arg)
{
	const struct body_arg *ba = arg;

	return ba->gone ? 0 : dialogs_print(pf, ba->m, ba->closing);
}

int office_body_state(char **bodyp, const struct office_member *m,
		      enum office_pkg pkg, const struct call *closing,
		      bool gone)
{
	struct body_arg ba = { m, closing, gone };

	if (!bodyp || !m)
		return EINVAL;
	return re_sdprintf(bodyp, "%H",
			   pkg == OFFICE_PKG_PRESENCE ? pidf_h : dialogs_h,
			   &ba);
}

int office_body_write(struct mbuf *mb, const struct office_member *m,
		      enum office_pkg pkg, uint32_t version,
		      const char *state)
{
	int err;

	if (!mb || !m || !state)
		return EINVAL;
	mbuf_rewind(mb);
	if (pkg == OFFICE_PKG_PRESENCE)
		err = mbuf_write_str(mb, state);
	else
		err = mbuf_printf(mb,
				  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<dialog-info xmlns=\"urn:ietf:params:xml:ns:"
				  "dialog-info\"\n"
				  "    version=\"%u\" state=\"full\" "
				  "entity=\"%H\">\n"
				  "%s"
				  "</dialog-info>\n",
				  version, office_xml_str, m->aor, state);
	mb->pos = 0;
	return err;
}
