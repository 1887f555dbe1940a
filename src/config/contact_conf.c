/*
 * contact_conf.c — one place that knows the directory's fields of a
 * contact, so a CSV column and a cordboard.conf option mean the same.
 */
#include "contact_conf.h"
#include "checks.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum field_kind { FIELD_NUMBER, FIELD_TEXT, FIELD_EMAIL, FIELD_YES_NO };

static const struct field {
	const char *name;
	enum field_kind kind;
	size_t offset;          /* in struct extension; numbers: unused */
	size_t size;
} fields[] = {
	{ "mobile", FIELD_NUMBER, 0,
	  sizeof(((struct ext_number *)0)->number) },
	{ "home", FIELD_NUMBER, 0,
	  sizeof(((struct ext_number *)0)->number) },
	{ "other", FIELD_NUMBER, 0,
	  sizeof(((struct ext_number *)0)->number) },
	{ "aliases", FIELD_TEXT, offsetof(struct extension, aliases),
	  EXT_ALIASES_SIZE },
	{ "company", FIELD_TEXT, offsetof(struct extension, company),
	  EXT_COMPANY_SIZE },
	{ "email", FIELD_EMAIL, offsetof(struct extension, email),
	  EXT_EMAIL_SIZE },
	{ "note", FIELD_TEXT, offsetof(struct extension, comment),
	  EXT_COMMENT_SIZE },
	{ "external", FIELD_YES_NO, 0, 0 },
	{ "deputy", FIELD_NUMBER, offsetof(struct extension, deputy),
	  EXT_DEPUTY_SIZE },
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))
_Static_assert(N_FIELDS == CONTACT_FIELD_COUNT, "contact_field_names");

/* in the order of fields[] (contact_field_set_nth) */
const char *const contact_field_names[] = {
	"mobile", "home", "other", "aliases", "company", "email", "note",
	"external", "deputy", NULL,
};

static const struct field *field_find(const char *name)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++) {
		if (!strcasecmp(fields[i].name, name))
			return &fields[i];
	}
	return NULL;
}

bool contact_field_known(const char *name)
{
	return field_find(name) != NULL;
}

int contact_yes_no(const char *v)
{
	static const char *const yes[] = { "yes", "true", "1" };
	static const char *const no[] = { "", "no", "false", "0" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(v, yes[i]))
			return 1;
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (!strcasecmp(v, no[i]))
			return 0;
	}
	return -1;
}

/* An address a mail program can take: one @ between a local part and a
 * domain, no blanks, nothing a header could be split on. */
static bool email_valid(const char *v)
{
	const char *at = strchr(v, '@');

	return at && at != v && at[1] && !strchr(at + 1, '@') &&
	       !strpbrk(v, " \t,;<>\"()");
}

bool contact_field_bad(const char *name, const char *value, char *why,
		       size_t whysz)
{
	const struct field *f = field_find(name);

	if (!f)
		return false;
	if (config_has_control(value)) {
		snprintf(why, whysz, "%s contains a control character or "
			 "invalid UTF-8", f->name);
		return true;
	}
	if (f->size && strlen(value) >= f->size) {
		snprintf(why, whysz, "%s is too long (at most %zu characters)",
			 f->name, f->size - 1);
		return true;
	}
	switch (f->kind) {
	case FIELD_NUMBER:
		if (value[0] && !config_number_valid(value)) {
			snprintf(why, whysz, "%s '%s' is not a number (digits, "
				 "optionally with * # +)", f->name, value);
			return true;
		}
		break;
	case FIELD_EMAIL:
		if (value[0] && !email_valid(value)) {
			snprintf(why, whysz, "email '%s' is not an address "
				 "like name@example.com", value);
			return true;
		}
		break;
	case FIELD_YES_NO:
		if (contact_yes_no(value) < 0) {
			snprintf(why, whysz, "%s '%s' is not yes or no",
				 f->name, value);
			return true;
		}
		break;
	case FIELD_TEXT:
		break;
	}
	return false;
}

/* FIELD of E to VALUE (see contact_field_set). */
static void field_set(struct extension *e, const struct field *f,
		      const char *value)
{
	if (f->kind == FIELD_YES_NO) {
		e->external = contact_yes_no(value) == 1;
		return;
	}
	if (f->kind == FIELD_NUMBER && !f->offset) {
		if (value[0])
			ext_number_add(e, f->name, value);
		return;
	}
	ext_text_set(e, (const char **)(void *)((char *)e + f->offset),
		     value);
}

void contact_field_set(struct extension *e, const char *name,
		       const char *value)
{
	const struct field *f = field_find(name);

	if (f)
		field_set(e, f, value);
}

void contact_field_set_nth(struct extension *e, size_t i, const char *value)
{
	if (i < N_FIELDS)
		field_set(e, &fields[i], value);
}

void contact_watch_fix(struct extension *e)
{
	if (e->kind != EXT_PERSON || (!e->external && e->uri[0]))
		return;
	e->watch_presence = false;
	e->watch_dialog = false;
}
