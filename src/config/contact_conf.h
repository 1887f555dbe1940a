/*
 * contact_conf.h — the directory's fields of a contact (other numbers,
 * aliases, company, e-mail, note, external, deputy), read the same way
 * from a CSV column and from an extension section of cordboard.conf.
 */
#ifndef CORDBOARD_CONFIG_CONTACT_CONF_H
#define CORDBOARD_CONFIG_CONTACT_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/extension.h"

/* The field names, as CSV columns and as options, NULL-terminated. */
extern const char *const contact_field_names[];
#define CONTACT_FIELD_COUNT 9   /* of them */

/* True when NAME is one of them. */
bool contact_field_known(const char *name);

/* Why VALUE cannot be field NAME (into why), or false when it can. */
bool contact_field_bad(const char *name, const char *value, char *why,
		       size_t whysz);

/* Sets field NAME of E to VALUE, checked before; an empty number adds
 * nothing. */
void contact_field_set(struct extension *e, const char *name,
		       const char *value);

/* The same for the field contact_field_names[I] (no search by name). */
void contact_field_set_nth(struct extension *e, size_t i, const char *value);

/* Yes or no ("" is no): 1, 0, or -1 when it is neither. */
int contact_yes_no(const char *v);

/* After the whole directory is read: the external and those without a
 * SIP URI are never watched. */
void contact_watch_fix(struct extension *e);

#endif
