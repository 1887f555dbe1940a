/*
 * contacts.c — caller lookup: a number to the contact it belongs to.
 */
#include "contacts.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void contact_number_of(const char *who, char *out, size_t outsz)
{
	const char *p = who;
	size_t len;

	if (!outsz)
		return;
	if (!strncasecmp(p, "sips:", 5))
		p += 5;
	else if (!strncasecmp(p, "sip:", 4) || !strncasecmp(p, "tel:", 4))
		p += 4;
	len = strcspn(p, "@;>?");
	if (len >= outsz)
		len = outsz - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

const struct extension *contact_lookup(const struct extension *exts,
				       size_t n, const char *who,
				       const char **label)
{
	char number[64];
	size_t i, k;

	if (!who || !*who)
		return NULL;
	contact_number_of(who, number, sizeof(number));
	if (!number[0])
		return NULL;
	for (i = 0; i < n; i++) {
		const struct extension *e = &exts[i];

		if (ext_is_group(e))
			continue;
		if (!strcmp(e->number, number)) {
			if (label)
				*label = "";
			return e;
		}
		for (k = 0; k < e->nnumbers; k++) {
			if (!strcmp(e->numbers[k].number, number)) {
				if (label)
					*label = e->numbers[k].label;
				return e;
			}
		}
	}
	return NULL;
}
