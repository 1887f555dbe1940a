/*
 * test_rlmi.c — resource list NOTIFYs (RFC 4662): full and partial
 * state, presence and dialog lists, a colleague with no instance yet,
 * nested lists, cut and hostile bodies.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/directory_swap.h"
#include "core/events_xml.h"
#include "core/rlmi.h"
#include "fake_phone.h"

#define CT "multipart/related;type=\"application/rlmi+xml\";" \
	"start=\"<list1@office>\";boundary=\"50UBfW7LSCVLtggUPe5z\""
#define B "--50UBfW7LSCVLtggUPe5z\r\n"
#define END "--50UBfW7LSCVLtggUPe5z--\r\n"

#define RLMI(full, resources) RLMI_V("1", full, resources)
#define RLMI_V(version, full, resources) B \
	"Content-Transfer-Encoding: binary\r\n" \
	"Content-ID: <list1@office>\r\n" \
	"Content-Type: application/rlmi+xml;charset=\"UTF-8\"\r\n\r\n" \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" \
	"<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" " \
	"uri=\"sip:reception-list@office\" version=\"" version "\" " \
	"fullState=\"" \
	full "\">" resources "</list>\r\n"

#define RES(user, id, state, cid) "<resource uri=\"sip:" user "@office\">" \
	"<instance id=\"" id "\" state=\"" state "\" cid=\"" cid "\"/>" \
	"</resource>"

#define PIDF_PART(cid, basic) B \
	"Content-Transfer-Encoding: binary\r\n" \
	"Content-ID: <" cid ">\r\n" \
	"Content-Type: application/pidf+xml;charset=\"UTF-8\"\r\n\r\n" \
	"<?xml version=\"1.0\"?><presence " \
	"xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:x@office\">" \
	"<tuple id=\"t\"><status><basic>" basic "</basic></status></tuple>" \
	"</presence>\r\n"

#define DIALOG_PART(cid, state) B \
	"Content-ID: <" cid ">\r\n" \
	"Content-Type: application/dialog-info+xml\r\n\r\n" \
	"<?xml version=\"1.0\"?><dialog-info " \
	"xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" " \
	"state=\"full\" entity=\"sip:x@office\"><dialog id=\"d\">" \
	"<state>" state "</state></dialog></dialog-info>\r\n"

static struct extension exts[] = {
	{ .number = "201", .uri = "sip:201@127.0.0.1:5090" },
	{ .number = "202", .uri = "sip:202@127.0.0.1:5090" },
	{ .number = "203", .uri = "sip:203@127.0.0.1:5090" },
	{ .number = "ops", .uri = "sip:operator-desk@elsewhere" },
};

struct seen {
	char uri[8][256];
	char state[8][16];
	char type[8][64];
	bool body[8];
	int n;
};

static void record(const struct rlmi_resource *r, void *arg)
{
	struct seen *s = arg;

	if (s->n == 8)
		return;
	snprintf(s->uri[s->n], 256, "%s", r->uri);
	snprintf(s->state[s->n], 16, "%s", r->state);
	snprintf(s->type[s->n], 64, "%s", r->type);
	s->body[s->n] = r->body != NULL;
	s->n++;
}

static int parse(const char *ct, const char *body, struct seen *s,
		 bool *full)
{
	struct rlmi_list list;
	int err;

	memset(s, 0, sizeof(*s));
	err = rlmi_parse(ct, body, strlen(body), &list, record, s);
	if (full)
		*full = list.full_state;
	return err;
}

struct office {
	struct board b;
	struct fake_phone phone;
	struct rlmi_book *pres, *dlg;
};

static int setup(void **state)
{
	static struct office o;
	size_t i;

	memset(&o, 0, sizeof(o));
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		exts[i].presence = PRESENCE_UNKNOWN;
		exts[i].line_state = EXT_LINE_UNKNOWN;
	}
	fake_phone_setup(&o.phone, &o.b);
	board_set_extensions(&o.b, exts, sizeof(exts) / sizeof(exts[0]));
	assert_int_equal(rlmi_book_alloc(&o.pres, &o.b, false), 0);
	assert_int_equal(rlmi_book_alloc(&o.dlg, &o.b, true), 0);
	*state = &o;
	return 0;
}

static int teardown(void **state)
{
	struct office *o = *state;

	rlmi_book_free(o->pres);
	rlmi_book_free(o->dlg);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		exts[i].watch_presence = exts[i].watch_dialog = false;
	return fake_board_teardown(state);
}

static void a_full_list_names_every_colleague(void **state)
{
	struct seen s;
	bool full = false;

	(void)state;
	assert_int_equal(parse(CT, RLMI("true",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office")
		RES("203", "i3", "pending", ""))
		PIDF_PART("c1@office", "open")
		PIDF_PART("c2@office", "closed") END, &s, &full), 0);
	assert_true(full);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.uri[0], "sip:201@office");
	assert_string_equal(s.state[0], "active");
	assert_string_equal(s.type[0], "application/pidf+xml");
	assert_true(s.body[1]);
	assert_string_equal(s.state[2], "pending");
	assert_false(s.body[2]);
}

static void presence_reaches_the_extensions(void **state)
{
	struct office *o = *state;
	const char *body = RLMI("true",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office")
		RES("999", "i9", "active", "c9@office")
		"<resource uri=\"sip:203@office\"/>")
		PIDF_PART("c2@office", "closed")
		PIDF_PART("c1@office", "open")
		PIDF_PART("c9@office", "open") END;

	assert_int_equal(rlmi_apply(o->pres, CT, body, strlen(body)),
			 3);
	assert_int_equal(exts[0].presence, PRESENCE_AVAILABLE);
	assert_int_equal(exts[1].presence, PRESENCE_OFFLINE);
	/* listed with no instance: nothing known about it yet */
	assert_int_equal(exts[2].presence, PRESENCE_UNKNOWN);
}

static void a_partial_notify_changes_only_whom_it_names(void **state)
{
	struct office *o = *state;
	const char *full = RLMI("true",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office"))
		PIDF_PART("c1@office", "open")
		PIDF_PART("c2@office", "open") END;
	const char *partial = RLMI("false",
		RES("202", "i2", "active", "c3@office"))
		PIDF_PART("c3@office", "closed") END;
	const char *gone = RLMI("false",
		RES("201", "i1", "terminated", "")) END;
	struct seen s;
	bool is_full = true;

	rlmi_apply(o->pres, CT, full, strlen(full));
	assert_int_equal(parse(CT, partial, &s, &is_full), 0);
	assert_false(is_full);
	assert_int_equal(rlmi_apply(o->pres, CT, partial,
				    strlen(partial)), 1);
	assert_int_equal(exts[0].presence, PRESENCE_AVAILABLE);
	assert_int_equal(exts[1].presence, PRESENCE_OFFLINE);
	/* a subscription the server ended: shown unknown, not stale */
	rlmi_apply(o->pres, CT, gone, strlen(gone));
	assert_int_equal(exts[0].presence, PRESENCE_UNKNOWN);
}

static void line_states_come_through_a_dialog_list(void **state)
{
	struct office *o = *state;
	const char *body = RLMI("true",
		RES("201", "i1", "active", "d1@office")
		RES("202", "i2", "active", "d2@office")
		"<resource uri=\"sip:operator-desk@elsewhere\">"
		"<instance id=\"i4\" state=\"active\" cid=\"d4@office\"/>"
		"</resource>")
		DIALOG_PART("d1@office", "early")
		DIALOG_PART("d2@office", "terminated")
		DIALOG_PART("d4@office", "confirmed") END;

	assert_int_equal(rlmi_apply(o->dlg, CT, body, strlen(body)), 3);
	assert_int_equal(exts[0].line_state, EXT_LINE_RINGING);
	assert_int_equal(exts[1].line_state, EXT_LINE_IDLE);
	/* found by its configured URI when the user is not its number */
	assert_int_equal(exts[3].line_state, EXT_LINE_INCALL);
	/* a PIDF part in a dialog list is not read as a line state */
	body = RLMI("false", RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "open") END;
	assert_int_equal(rlmi_apply(o->dlg, CT, body, strlen(body)), 0);
	assert_int_equal(exts[0].line_state, EXT_LINE_RINGING);
}

static void a_list_of_lists_is_followed(void **state)
{
	struct seen s;
	const char *body = RLMI("true",
		RES("201", "i1", "active", "c1@office")
		"<resource uri=\"sip:sales-list@office\"><instance id=\"s\" "
		"state=\"active\" cid=\"sales@office\"/></resource>")
		PIDF_PART("c1@office", "open")
		B "Content-ID: <sales@office>\r\n"
		"Content-Type: multipart/related;type=\"application/rlmi+xml\";"
		"boundary=inner7\r\n\r\n"
		"--inner7\r\nContent-Type: application/rlmi+xml\r\n\r\n"
		"<list xmlns=\"urn:ietf:params:xml:ns:rlmi\" "
		"uri=\"sip:sales-list@office\" version=\"1\" "
		"fullState=\"true\">"
		RES("202", "j2", "active", "c2@office") "</list>\r\n"
		"--inner7\r\nContent-ID: <c2@office>\r\n"
		"Content-Type: application/pidf+xml\r\n\r\n<presence/>\r\n"
		"--inner7--\r\n" END;

	(void)state;
	assert_int_equal(parse(CT, body, &s, NULL), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.uri[1], "sip:202@office");
	assert_true(s.body[1]);
}

static void garbage_is_no_list(void **state)
{
	struct seen s;
	const char *ok = RLMI("true", RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "open") END;

	(void)state;
	/* not a list: a single PIDF, a multipart of another kind */
	assert_int_equal(parse("application/pidf+xml", ok, &s, NULL), EINVAL);
	assert_int_equal(parse("multipart/related;boundary=50UBfW7LSCVLtggU"
			       "Pe5z", ok, &s, NULL), EINVAL);
	assert_int_equal(parse(NULL, ok, &s, NULL), EINVAL);
	assert_int_equal(parse(CT, "", &s, NULL), EINVAL);
	/* no boundary, wrong boundary, a body cut before any delimiter */
	assert_int_equal(parse("multipart/related;type=\"application/rlmi+"
			       "xml\"", ok, &s, NULL), EINVAL);
	assert_int_equal(parse(CT, "--other\r\n\r\n<list/>\r\n--other--",
			       &s, NULL), EINVAL);
	assert_int_equal(parse(CT, B "Content-Type: application/rlmi+xml\r\n"
			       "\r\n<list>", &s, NULL), EINVAL);
	/* the root is not RLMI, or not XML */
	assert_int_equal(parse(CT, PIDF_PART("list1@office", "open") END, &s,
			       NULL), EINVAL);
	assert_int_equal(parse(CT, B "Content-Type: application/rlmi+xml\r\n"
			       "\r\n<list><resource\r\n" END, &s, NULL),
			 EINVAL);
	/* a cid naming no part: reported without a body */
	assert_int_equal(parse(CT, RLMI("true",
		RES("201", "i1", "active", "nowhere@office")) END, &s, NULL),
			 0);
	assert_int_equal(s.n, 1);
	assert_false(s.body[0]);
	/* a hostile URI comes out clean */
	assert_int_equal(parse(CT, RLMI("true",
		"<resource uri=\"sip:2&#x202E;01&#x85;@office\"/>") END,
			       &s, NULL), 0);
	assert_null(strstr(s.uri[0], "\xe2\x80\xae"));
	assert_null(strstr(s.uri[0], "\xc2\x85"));
	/* a part's type with control bytes (found by fuzz_rlmi) */
	assert_int_equal(parse(CT, RLMI("true",
		RES("201", "i1", "active", "c1@office")) B
		"Content-ID: <c1@office>\r\nContent-Type: a\005pidf\r\n\r\n"
		"x\r\n" END, &s, NULL), 0);
	assert_string_equal(s.type[0], "a");
}

static int apply(struct rlmi_book *k, const char *body)
{
	return rlmi_apply(k, CT, body, strlen(body));
}

static void the_list_version_orders_notifies_not_their_arrival(void **state)
{
	struct office *o = *state;

	/* version 3 came first; 2, sent before it, arrives late */
	assert_int_equal(apply(o->pres, RLMI_V("3", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	assert_int_equal(apply(o->pres, RLMI_V("2", "false",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office"))
		PIDF_PART("c1@office", "open")
		PIDF_PART("c2@office", "open") END), 1);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
	/* what no newer NOTIFY told is taken from the older one */
	assert_int_equal(exts[1].presence, PRESENCE_AVAILABLE);
	/* a late "terminated" does not undo a newer state either */
	assert_int_equal(apply(o->pres, RLMI_V("1", "false",
		RES("201", "i1", "terminated", "")) END), 0);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
	/* the same version again (sent twice) and a newer one apply */
	assert_int_equal(apply(o->pres, RLMI_V("3", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	assert_int_equal(apply(o->pres, RLMI_V("4", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "open") END), 1);
	assert_int_equal(exts[0].presence, PRESENCE_AVAILABLE);
	/* an unreadable NOTIFY changes nothing */
	assert_true(apply(o->pres, "--50UBfW7LSCVLtggUPe5z\r\n\r\n<li") < 0);
	assert_int_equal(exts[0].presence, PRESENCE_AVAILABLE);
	/* the versions are the presence list's: line states count apart */
	assert_int_equal(apply(o->dlg, RLMI_V("1", "false",
		RES("201", "i1", "active", "d1@office"))
		DIALOG_PART("d1@office", "early") END), 1);
	assert_int_equal(exts[0].line_state, EXT_LINE_RINGING);
	/* a new subscription counts from 0 again */
	rlmi_book_restart(o->pres);
	assert_int_equal(apply(o->pres, RLMI_V("0", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
}

/* A reload replaced the directory while the list goes on: each number
 * keeps the version that last told it, and a newcomer is found. */
static void a_new_directory_keeps_the_versions(void **state)
{
	struct office *o = *state;
	struct extension *next = calloc(5, sizeof(*next));
	size_t n = sizeof(exts) / sizeof(exts[0]), i;

	assert_non_null(next);
	for (i = 0; i < n; i++)
		exts[i].watch_presence = true;
	assert_int_equal(apply(o->pres, RLMI_V("3", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	/* the new directory, in another order, with 204 */
	next[0] = exts[3];
	next[1] = exts[2];
	next[2] = exts[1];
	next[3] = exts[0];
	next[4].number = "204";
	next[4].uri = "sip:204@127.0.0.1:5090";
	next[4].watch_presence = true;
	board_directory_replace(&o->b, next, 5, NULL);
	assert_int_equal(rlmi_book_directory_changed(o->pres), 0);
	/* version 2, sent before 3, arrives late: it changes nothing */
	assert_int_equal(apply(o->pres, RLMI_V("2", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "open") END), 0);
	assert_int_equal(board_extension(&o->b, "201")->presence,
			 PRESENCE_OFFLINE);
	assert_int_equal(apply(o->pres, RLMI_V("4", "false",
		RES("204", "i4", "active", "c4@office"))
		PIDF_PART("c4@office", "open") END), 1);
	assert_int_equal(board_extension(&o->b, "204")->presence,
			 PRESENCE_AVAILABLE);
	/* back to the first directory (the book rebuilt before the
	 * array it indexed goes) */
	board_directory_replace(&o->b, exts, n, NULL);
	assert_int_equal(rlmi_book_directory_changed(o->pres), 0);
	free(next);
	assert_int_equal(apply(o->pres, RLMI_V("2", "false",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "open") END), 0);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
}

static void full_state_leaves_nobody_out(void **state)
{
	struct office *o = *state;
	size_t i;

	for (i = 0; i < 3; i++)
		exts[i].watch_presence = true;
	assert_int_equal(apply(o->pres, RLMI_V("1", "true",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office")
		RES("203", "i3", "active", "c3@office"))
		PIDF_PART("c1@office", "open") PIDF_PART("c2@office", "open")
		PIDF_PART("c3@office", "open") END), 3);
	/* the list no longer names 202 and 203: nothing is known of them;
	 * ops is not watched for presence and stays as it was */
	assert_int_equal(apply(o->pres, RLMI_V("2", "true",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
	assert_int_equal(exts[1].presence, PRESENCE_UNKNOWN);
	assert_int_equal(exts[2].presence, PRESENCE_UNKNOWN);
	assert_int_equal(exts[3].presence, PRESENCE_UNKNOWN);
	/* the older full list, arriving late, brings none of them back */
	assert_int_equal(apply(o->pres, RLMI_V("1", "true",
		RES("201", "i1", "active", "c1@office")
		RES("202", "i2", "active", "c2@office"))
		PIDF_PART("c1@office", "open")
		PIDF_PART("c2@office", "open") END), 0);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
	assert_int_equal(exts[1].presence, PRESENCE_UNKNOWN);
	/* a partial list leaves the others as they are */
	assert_int_equal(apply(o->pres, RLMI_V("3", "false",
		RES("202", "i2", "active", "c2@office"))
		PIDF_PART("c2@office", "open") END), 1);
	assert_int_equal(exts[0].presence, PRESENCE_OFFLINE);
	assert_int_equal(exts[1].presence, PRESENCE_AVAILABLE);
	/* and an older full list does not hide 202 told by version 3 */
	assert_int_equal(apply(o->pres, RLMI_V("2", "true",
		RES("201", "i1", "active", "c1@office"))
		PIDF_PART("c1@office", "closed") END), 1);
	assert_int_equal(exts[1].presence, PRESENCE_AVAILABLE);
}

/* The first extension of number, searched from the start: what
 * board_extension found before it searched by halves. */
static const struct extension *first_of(const struct board *b,
					const char *number)
{
	for (size_t i = 0; i < b->nexts; i++)
		if (!strcmp(b->exts[i].number, number))
			return &b->exts[i];
	return NULL;
}

static void extensions_are_found_by_halves(void **state)
{
	static const char *const numbers[] = {
		"100", "99", "+3315551234", "99", "ops", "7", "100", "abc",
		"9", "10", "", "1000", "7", "099",
	};
	static const char *const asked[] = {
		"100", "99", "+3315551234", "ops", "7", "abc", "9", "10", "",
		"1000", "099", "8", "101", "0", "opt", "+33", "99999", "a",
	};
	struct extension many[sizeof(numbers) / sizeof(numbers[0])];
	struct board b;
	size_t n, i;

	(void)state;
	for (n = 0; n <= sizeof(many) / sizeof(many[0]); n++) {
		memset(&b, 0, sizeof(b));
		memset(many, 0, sizeof(many));
		for (i = 0; i < n; i++)
			many[i].number = numbers[i];
		board_set_extensions(&b, many, n);
		for (i = 0; i < sizeof(asked) / sizeof(asked[0]); i++)
			assert_ptr_equal(board_extension(&b, asked[i]),
					 first_of(&b, asked[i]));
		assert_null(board_extension(&b, NULL));
		board_close(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_full_list_names_every_colleague),
		cmocka_unit_test_setup_teardown(presence_reaches_the_extensions,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_partial_notify_changes_only_whom_it_names, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			line_states_come_through_a_dialog_list, setup,
			teardown),
		cmocka_unit_test_setup_teardown(
			the_list_version_orders_notifies_not_their_arrival,
			setup, teardown),
		cmocka_unit_test_setup_teardown(full_state_leaves_nobody_out,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			a_new_directory_keeps_the_versions, setup, teardown),
		cmocka_unit_test(extensions_are_found_by_halves),
		cmocka_unit_test(a_list_of_lists_is_followed),
		cmocka_unit_test(garbage_is_no_list),
	};

	return cmocka_run_group_tests_name("rlmi", tests, NULL, NULL);
}
