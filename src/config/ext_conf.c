/*
 * ext_conf.c — an extension section's values checked as libconfuse (or
 * cfglift) reads them, and copied into struct extension.
 */
#include "ext_conf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "cfglift.h"
#include "checks.h"
#include "contact_conf.h"
#include "groups.h"
#include "core/name_index.h"
#include "options.h"

/* The extension sections' strings: where each goes and how it is
 * checked (the scalar options are in the table of options.c). */
struct str_field {
	const char *name;
	size_t offset;           /* in struct extension */
	size_t size;
	enum option_check check;
};

#define EXT_FIELD(name, member, size, check) \
	{ name, offsetof(struct extension, member), size, check }

static const struct str_field fields[] = {
	EXT_FIELD("name", name, EXT_NAME_SIZE, CHECK_NONE),
	EXT_FIELD("uri", uri, EXT_URI_SIZE, CHECK_SIP_URI),
	EXT_FIELD("department", department, EXT_DEPARTMENT_SIZE, CHECK_NONE),
	EXT_FIELD("voicemail", voicemail, EXT_VOICEMAIL_SIZE,
		  CHECK_SIP_URI_OR_EMPTY),
	EXT_FIELD("deputy", deputy, EXT_DEPUTY_SIZE, CHECK_NONE),
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

/* libconfuse calls this right after reading a value, while cfg->line is
 * still the value's line. */
static int field_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t i;

	for (i = 0; cf && v && i < N_FIELDS; i++) {
		if (!strcmp(fields[i].name, opt->name))
			config_value_check(cf, cfg->line, fields[i].name,
					   fields[i].size, fields[i].check,
					   NULL, v);
	}
	return 0;
}

/* The directory's fields, checked as the CSV columns are. */
static int contact_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	char why[160];

	if (cf && v && contact_field_bad(opt->name, v, why, sizeof(why)))
		cfgfile_error(cf, cfg->line, "%s", why);
	return 0;
}

void ext_conf_validators(cfg_t *cfg)
{
	size_t i;
	char path[64];

	for (i = 0; i < N_FIELDS; i++) {
		snprintf(path, sizeof(path), "extension|%s", fields[i].name);
		cfg_set_validate_func(cfg, path, field_validate);
	}
	for (i = 0; contact_field_names[i]; i++) {
		if (!strcmp(contact_field_names[i], "external"))
			continue;
		snprintf(path, sizeof(path), "extension|%s",
			 contact_field_names[i]);
		cfg_set_validate_func(cfg, path, contact_validate);
	}
}

void ext_conf_opened(struct ext_sections *x, struct cfgfile *cf,
		     cfg_t *sec, int line, int first_line)
{
	const char *title = cfg_title(sec);

	x->sec = sec;
	x->line = line;
	if (!config_number_valid(title)) {
		cfgfile_error(cf, line,
			      "extension '%s' is not a number (digits, optionally with * # +)",
			      title);
	} else if (strlen(title) >= EXT_NUMBER_SIZE) {
		cfgfile_error(cf, line,
			      "extension '%s' is too long (at most %d characters)",
			      title, EXT_NUMBER_SIZE - 1);
	}
	if (first_line)
		cfgfile_error(cf, line,
			      "duplicate extension '%s' (first defined on line %d)",
			      title, first_line);
}

/* Checks needing the whole section, reported at the line it opened on. */
void ext_conf_closed(struct ext_sections *x, struct cfgfile *cf)
{
	const char *uri, *title;

	if (!x->sec)
		return;
	uri = cfg_getstr(x->sec, "uri");
	title = cfg_title(x->sec);
	/* an external contact (client, supplier) is dialled at its number */
	if ((!uri || !uri[0]) && !cfg_getbool(x->sec, "external"))
		cfgfile_error(cf, x->line,
			      "extension '%s' has no uri (add uri = \"sip:%s@HOST\")",
			      title, title);
	x->sec = NULL;
}

static void section_copy(cfg_t *sec, struct extension *e)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++)
		ext_text_set(e, (const char **)(void *)((char *)e +
							fields[i].offset),
			     cfg_getstr(sec, fields[i].name));
}

/* The directory's fields of an extension section. */
static void contact_copy(struct extension *e, cfg_t *sec)
{
	size_t i;

	for (i = 0; contact_field_names[i]; i++) {
		const char *name = contact_field_names[i];

		if (strcmp(name, "external"))
			contact_field_set(e, name, cfg_getstr(sec, name));
	}
	e->external = cfg_getbool(sec, "external");
	contact_watch_fix(e);
}

/* One extension from its section. */
static void extension_fill(struct extension *e, cfg_t *sec)
{
	int m = intercom_method_parse(cfg_getstr(sec, "intercom"));

	ext_init(e);
	ext_text_set(e, &e->number, cfg_title(sec));
	section_copy(sec, e);
	e->watch_presence = cfg_getbool(sec, "presence");
	e->watch_dialog = cfg_getbool(sec, "blf");
	e->presence = PRESENCE_UNKNOWN;
	e->line_state = EXT_LINE_UNKNOWN;
	e->intercom = m > 0 ? (enum intercom_method)m : INTERCOM_DEFAULT;
	e->vip = cfg_getbool(sec, "vip");
	e->priority = (int)cfg_getint(sec, "priority");
	contact_copy(e, sec);
}

void ext_conf_lifted(struct ext_sections *x, struct cfgfile *cf,
		     cfg_t *sec, int line)
{
	char *title = strdup(cfg_title(sec));

	if (title && x->n == x->cap) {
		/* every lifted section is known before the first: one
		 * allocation, not a doubling array of large entries */
		size_t cap = cfglift_count(cf->lift);
		struct extension *e = cap > x->n ?
			realloc(x->lifted, cap * sizeof(*e)) : NULL;
		char **t = e ? realloc(x->titles, cap * sizeof(*t)) : NULL;
		int *l = t ? realloc(x->lines, cap * sizeof(*l)) : NULL;

		x->lifted = e ? e : x->lifted;
		x->titles = t ? t : x->titles;
		x->lines = l ? l : x->lines;
		if (l)
			x->cap = cap;
	}
	if (!title || x->n == x->cap) {
		free(title);
		cfgfile_error(cf, line, "%s", strerror(ENOMEM));
		return;
	}
	extension_fill(&x->lifted[x->n], sec);
	x->titles[x->n] = title;
	x->lines[x->n++] = line;
}

void ext_conf_free(struct ext_sections *x)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		free(x->titles[i]);
	free(x->titles);
	free(x->lines);
	ext_array_free(x->lifted, x->lifted ? x->n : 0);
	memset(x, 0, sizeof(*x));
}

/* The line extension I opened on. */
static int extension_line(const struct ext_sections *x, cfg_t *cfg,
			  size_t i)
{
	if (x->n)
		return i < x->n ? x->lines[i] : 0;
	return cfgfile_section_line(cfg_getnsec(cfg, "extension",
						(unsigned)i));
}

void ext_conf_groups_check(const struct ext_sections *x,
			   struct cfgfile *cf, cfg_t *cfg)
{
	size_t i, n = cfg_size(cfg, "extension");
	const char **titles;
	int *lines;

	if (x->n || !n || !cfg_size(cfg, "group")) {
		config_groups_check(cf, cfg, (const char *const *)x->titles,
				    x->lines, x->n);
		return;
	}
	titles = calloc(n, sizeof(*titles));
	lines = calloc(n, sizeof(*lines));
	for (i = 0; titles && lines && i < n; i++) {
		titles[i] = cfg_title(cfg_getnsec(cfg, "extension", i));
		lines[i] = extension_line(x, cfg, i);
	}
	if (titles && lines)
		config_groups_check(cf, cfg, titles, lines, n);
	else
		cfgfile_error(cf, 0, "%s", strerror(ENOMEM));
	free(titles);
	free(lines);
}

/* A deputy must be someone in the directory (cordboard.conf or the
 * CSV), said at the line of the extension that names them. */
int ext_conf_deputies_check(const struct ext_sections *x,
			    const struct cb_config *out, cfg_t *cfg,
			    const char *path, struct diag *d)
{
	size_t i, n = x->n ? x->n : cfg_size(cfg, "extension");
	struct name_index numbers;
	int err = 0;

	name_index_init(&numbers);
	for (i = 0; i < out->n_extensions; i++) {
		if (name_index_put(&numbers, out->extensions[i].number, i)) {
			name_index_free(&numbers);
			return ENOMEM;
		}
	}
	for (i = 0; i < n && i < out->n_extensions; i++) {
		const struct extension *e = &out->extensions[i];

		if (!e->deputy[0] || name_index_find(&numbers, e->deputy, NULL))
			continue;
		diag_add(d, DIAG_ERROR, path, extension_line(x, cfg, i),
			 "deputy '%s' of extension '%s' is no extension",
			 e->deputy, e->number);
		err = EINVAL;
	}
	name_index_free(&numbers);
	return err;
}

struct extension *ext_conf_take(struct ext_sections *x, cfg_t *cfg,
				size_t ngroups, size_t *n)
{
	struct extension *ext;
	size_t i;

	*n = x && x->n ? x->n : cfg_size(cfg, "extension");
	if (!*n && !ngroups)
		return NULL;
	if (x && x->n) {
		ext = realloc(x->lifted, (*n + ngroups) * sizeof(*ext));
		if (ext) {
			for (i = 0; i < ngroups; i++)
				ext_init(&ext[*n + i]);
			x->lifted = NULL;
		}
	} else {
		ext = calloc(*n + ngroups, sizeof(*ext));
		for (i = 0; ext && i < *n; i++)
			extension_fill(&ext[i], cfg_getnsec(cfg, "extension",
							    (unsigned)i));
		for (i = *n; ext && i < *n + ngroups; i++)
			ext_init(&ext[i]);
	}
	if (!ext)
		*n = 0;
	return ext;
}
