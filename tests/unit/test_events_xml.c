/*
 * test_events_xml.c — presence and dialog bodies: good, odd and hostile.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/events_xml.h"

static struct presence_info pres(const char *xml)
{
	struct presence_info p;

	pidf_parse(xml, strlen(xml), &p);
	return p;
}

static struct dialog_info dlg(const char *xml)
{
	struct dialog_info d;

	dialoginfo_parse(xml, strlen(xml), &d);
	return d;
}

#define PIDF_HEAD "<?xml version=\"1.0\"?><presence " \
	"xmlns=\"urn:ietf:params:xml:ns:pidf\" " \
	"xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\" " \
	"xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\" " \
	"entity=\"sip:201@office\">"

static void open_closed_and_activities(void **state)
{
	assert_int_equal(pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>open"
			      "</basic></status></tuple></presence>").presence,
			 PRESENCE_AVAILABLE);
	assert_int_equal(pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>closed"
			      "</basic></status></tuple></presence>").presence,
			 PRESENCE_OFFLINE);
	assert_int_equal(pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>open"
			      "</basic></status></tuple><dm:person id=\"p\">"
			      "<rpid:activities><rpid:away/></rpid:activities>"
			      "</dm:person></presence>").presence,
			 PRESENCE_AWAY);
	assert_int_equal(pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>open"
			      "</basic></status></tuple><dm:person id=\"p\">"
			      "<rpid:activities><rpid:on-the-phone/>"
			      "</rpid:activities></dm:person></presence>")
			 .presence, PRESENCE_BUSY);
}

static void notes_are_read_and_cleaned(void **state)
{
	struct presence_info p = pres(PIDF_HEAD "<tuple id=\"t\"><status>"
		"<basic>open</basic></status></tuple><dm:person id=\"p\">"
		"<rpid:activities><rpid:away/></rpid:activities>"
		"<dm:note>  Back at 3 &amp; &#x9B;31mlater  </dm:note>"
		"</dm:person></presence>");

	assert_int_equal(p.presence, PRESENCE_AWAY);
	assert_string_equal(p.note, "Back at 3 & later");
	/* a raw ESC is not XML at all: the whole body is refused */
	p = pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>open</basic>"
		 "</status></tuple><note>\x1b[2J</note></presence>");
	assert_int_equal(p.presence, PRESENCE_UNKNOWN);
	assert_string_equal(p.note, "");
}

static void missing_or_odd_elements_give_unknown(void **state)
{
	struct presence_info p;

	assert_int_equal(pres(PIDF_HEAD "</presence>").presence,
			 PRESENCE_UNKNOWN);
	assert_int_equal(pres(PIDF_HEAD "<tuple id=\"t\"><status><basic>maybe"
			      "</basic></status></tuple></presence>").presence,
			 PRESENCE_UNKNOWN);
	assert_int_equal(pidf_parse("not xml", 7, &p), EINVAL);
	assert_int_equal(p.presence, PRESENCE_UNKNOWN);
	assert_int_equal(pidf_parse("<other/>", 8, &p), EINVAL);
	assert_int_equal(pidf_parse("", 0, &p), EINVAL);
}

static void huge_notes_are_cut(void **state)
{
	size_t n = 100000, i;
	char *xml = malloc(n + 400);
	struct presence_info p;

	strcpy(xml, PIDF_HEAD "<tuple id=\"t\"><status><basic>open</basic>"
	       "</status></tuple><dm:person id=\"p\"><dm:note>");
	for (i = strlen(xml); i < n; i++)
		xml[i] = 'x';
	xml[n] = '\0';
	strcat(xml, "</dm:note></dm:person></presence>");
	assert_int_equal(pidf_parse(xml, strlen(xml), &p), 0);
	assert_int_equal(strlen(p.note), sizeof(p.note) - 1);
	free(xml);
}

static void entities_are_not_expanded(void **state)
{
	/* a billion laughs and an external entity: neither may be fetched
	 * or blown up into the note */
	const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE presence ["
		"<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;"
		"&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
		"<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>"
		"<presence xmlns=\"urn:ietf:params:xml:ns:pidf\">"
		"<note>&c;&ext;</note></presence>";
	struct presence_info p;

	pidf_parse(laughs, strlen(laughs), &p);
	assert_null(strstr(p.note, "root:"));
	assert_true(strlen(p.note) < sizeof(p.note));
}

#define DI_HEAD "<?xml version=\"1.0\"?><dialog-info " \
	"xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" " \
	"state=\"full\" entity=\"sip:202@office\">"

static void dialog_states_follow_a_call(void **state)
{
	struct dialog_info d;

	assert_int_equal(dlg(DI_HEAD "</dialog-info>").state, EXT_LINE_IDLE);
	d = dlg(DI_HEAD "<dialog id=\"1\" direction=\"recipient\"><state>early"
		"</state><remote><identity display=\"ACME Corp\">"
		"sip:+3315551234@office</identity></remote></dialog>"
		"</dialog-info>");
	assert_int_equal(d.state, EXT_LINE_RINGING);
	assert_string_equal(d.peer, "sip:+3315551234@office");
	assert_string_equal(d.peer_name, "ACME Corp");
	assert_int_equal(dlg(DI_HEAD "<dialog id=\"1\"><state>confirmed"
			     "</state></dialog></dialog-info>").state,
			 EXT_LINE_INCALL);
	assert_int_equal(dlg(DI_HEAD "<dialog id=\"1\"><state>terminated"
			     "</state></dialog></dialog-info>").state,
			 EXT_LINE_IDLE);
}

static void the_busiest_dialog_wins_and_hold_is_seen(void **state)
{
	assert_int_equal(dlg(DI_HEAD
		"<dialog id=\"1\"><state>terminated</state></dialog>"
		"<dialog id=\"2\"><state>confirmed</state></dialog>"
		"<dialog id=\"3\"><state>early</state></dialog>"
		"</dialog-info>").state, EXT_LINE_INCALL);
	assert_int_equal(dlg(DI_HEAD "<dialog id=\"1\"><state>confirmed"
		"</state><local><target uri=\"sip:202@office\"><param "
		"pname=\"+sip.rendering\" pval=\"no\"/></target></local>"
		"</dialog></dialog-info>").state, EXT_LINE_HELD);
}

static void unknown_states_and_hostile_names(void **state)
{
	struct dialog_info d = dlg(DI_HEAD "<dialog id=\"1\"><state>dancing"
		"</state><remote><identity display=\"\x1b]0;pwn\x07Evil\">"
		"sip:x@y</identity></remote></dialog></dialog-info>");

	assert_int_equal(d.state, EXT_LINE_UNKNOWN);
	assert_int_equal(dialoginfo_parse("<dialog-info", 12, &d), EINVAL);
}

/* Another operator's console publishes a parked caller as a held
 * dialog whose local target is the slot: kept, whatever else is busier;
 * a target that is no plain sip: URI is not. */
static void a_parked_caller_s_slot_is_read(void **state)
{
#define PARKED_AT(uri) "<dialog-info xmlns=\"urn:ietf:params:xml:ns:" \
		"dialog-info\" version=\"1\" state=\"full\" " \
		"entity=\"sip:901@office\">" \
		"<dialog id=\"a\"><state>confirmed</state><local><target " \
		"uri=\"" uri "\"><param pname=\"+sip.rendering\" " \
		"pval=\"no\"/></target></local></dialog>" \
		"<dialog id=\"b\"><state>confirmed</state></dialog>" \
		"</dialog-info>"
	struct dialog_info d;

	(void)state;
	d = dlg(PARKED_AT("sip:park-1@127.0.0.1:5070"));
	assert_int_equal(d.state, EXT_LINE_INCALL);
	assert_string_equal(d.pickup, "sip:park-1@127.0.0.1:5070");
	assert_string_equal(dlg(PARKED_AT("http://evil/")).pickup, "");
	assert_string_equal(dlg(PARKED_AT("sip:park-1@x&#10;Route: y")).pickup,
			    "");
#undef PARKED_AT
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_closed_and_activities),
		cmocka_unit_test(notes_are_read_and_cleaned),
		cmocka_unit_test(missing_or_odd_elements_give_unknown),
		cmocka_unit_test(huge_notes_are_cut),
		cmocka_unit_test(entities_are_not_expanded),
		cmocka_unit_test(dialog_states_follow_a_call),
		cmocka_unit_test(the_busiest_dialog_wins_and_hold_is_seen),
		cmocka_unit_test(unknown_states_and_hostile_names),
		cmocka_unit_test(a_parked_caller_s_slot_is_read),
	};

	return cmocka_run_group_tests_name("events_xml", tests, NULL, NULL);
}
