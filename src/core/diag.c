/*
 * diag.c — collected user-facing messages.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag *d)
{
	memset(d, 0, sizeof(*d));
}

void diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		free(d->msgs[i].text);
	free(d->msgs);
	memset(d, 0, sizeof(*d));
}

void diag_add(struct diag *d, enum diag_level level, const char *file,
	      int line, const char *fmt, ...)
{
	char msg[1024], full[1400];
	struct diag_msg *grown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	if (file && line > 0)
		snprintf(full, sizeof(full), "%s:%d: %s", file, line, msg);
	else if (file)
		snprintf(full, sizeof(full), "%s: %s", file, msg);
	else
		snprintf(full, sizeof(full), "%s", msg);

	grown = realloc(d->msgs, (d->count + 1) * sizeof(*grown));
	if (!grown)
		return;
	d->msgs = grown;
	d->msgs[d->count].level = level;
	d->msgs[d->count].text = strdup(full);
	if (!d->msgs[d->count].text)
		return;
	d->count++;
	if (level == DIAG_ERROR)
		d->errors++;
}

bool diag_has_errors(const struct diag *d)
{
	return d->errors > 0;
}

const char *diag_first_error(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		if (d->msgs[i].level == DIAG_ERROR)
			return d->msgs[i].text;
	}
	return NULL;
}
