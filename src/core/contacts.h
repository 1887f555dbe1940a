/*
 * contacts.h — the directory as a phone book: which contact a caller's
 * number belongs to, by any of their numbers.
 */
#ifndef CORDBOARD_CORE_CONTACTS_H
#define CORDBOARD_CORE_CONTACTS_H

#include <stddef.h>

#include "extension.h"

/* The contact one of whose numbers is WHO (a number, or a sip: URI whose
 * user part is compared), or NULL. *LABEL (may be NULL) is set to which
 * number matched: "" for the extension number, else the label
 * ("mobile"). Groups never match. */
const struct extension *contact_lookup(const struct extension *exts,
				       size_t n, const char *who,
				       const char **label);

/* The user part of a sip:/sips:/tel: URI (or WHO itself) into out. */
void contact_number_of(const char *who, char *out, size_t outsz);

#endif
