/*
 * ext_conf.c — an extension section's values checked as libconfuse (or
 * cfglift) reads them, and copied into struct extension.
 */
#include "ext_conf.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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
#define FIELD_URI 1   /* where "uri" is in fields[] */

/* libconfuse calls this right after reading a value, while cfg->line is
 * still the value's line. */
static int field_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t i;

	for (i = 0; cf && v && i < N_FIELDS; i++) {
		if (!strcmp(fields[i].name, opt->name)) {
			config_value_check(cf, cfg->line, fields[i].name,
					   fields[i].size, fields[i].check,
					   NULL, v);
			break;
		}
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

/* A section's options, found by name once: cfglift's reused section
 * keeps them in place, so thousands of extensions search none. */
struct ext_opts {
	cfg_t *sec;
	cfg_opt_t *str[N_FIELDS];
	cfg_opt_t *contact[CONTACT_FIELD_COUNT];
	cfg_opt_t *presence, *blf, *intercom, *vip, *priority, *external;
};

static void ext_opts_find(struct ext_opts *o, cfg_t *sec)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++)
		o->str[i] = cfg_getopt(sec, fields[i].name);
	for (i = 0; i < CONTACT_FIELD_COUNT; i++)
		o->contact[i] = cfg_getopt(sec, contact_field_names[i]);
	o->presence = cfg_getopt(sec, "presence");
	o->blf = cfg_getopt(sec, "blf");
	o->intercom = cfg_getopt(sec, "intercom");
	o->vip = cfg_getopt(sec, "vip");
	o->priority = cfg_getopt(sec, "priority");
	o->external = cfg_getopt(sec, "external");
	o->sec = sec;
}

/* What cfg_getstr, cfg_getbool and cfg_getint give for an option. */
static const char *opt_str(cfg_opt_t *o)
{
	return o ? cfg_opt_getnstr(o, 0) : NULL;
}

static bool opt_bool(cfg_opt_t *o)
{
	return o && cfg_opt_getnbool(o, 0);
}

static long opt_int(cfg_opt_t *o)
{
	return o ? cfg_opt_getnint(o, 0) : 0;
}

/* One extension from its section, whose options O holds. */
static void extension_fill_from(struct extension *e, const struct ext_opts *o)
{
	int m = intercom_method_parse(opt_str(o->intercom));
	const char *v;
	size_t i;

	ext_init(e);
	ext_text_set(e, &e->number, cfg_title(o->sec));
	/* an empty value leaves the field "" as it is */
	for (i = 0; i < N_FIELDS; i++) {
		v = opt_str(o->str[i]);
		if (v && v[0])
			ext_text_set(e, (const char **)(void *)((char *)e +
							fields[i].offset), v);
	}
	e->watch_presence = opt_bool(o->presence);
	e->watch_dialog = opt_bool(o->blf);
	e->presence = PRESENCE_UNKNOWN;
	e->line_state = EXT_LINE_UNKNOWN;
	e->intercom = m > 0 ? (enum intercom_method)m : INTERCOM_DEFAULT;
	e->vip = opt_bool(o->vip);
	e->priority = (int)opt_int(o->priority);
	/* the directory's fields */
	for (i = 0; i < CONTACT_FIELD_COUNT; i++) {
		v = opt_str(o->contact[i]);
		if (o->contact[i] != o->external && v && v[0])
			contact_field_set_nth(e, i, v);
	}
	e->external = opt_bool(o->external);
	contact_watch_fix(e);
	ext_texts_pack(e);
}

/* The options of SEC, found once: every lifted section is read into
 * the same reused one. NULL when memory is short. */
static const struct ext_opts *lifted_opts(struct ext_sections *x,
					  cfg_t *sec)
{
	if (x->opts && x->opts->sec == sec)
		return x->opts;
	free(x->opts);
	x->opts = malloc(sizeof(*x->opts));
	if (x->opts)
		ext_opts_find(x->opts, sec);
	return x->opts;
}

/* One extension from its section. */
static void extension_fill(struct extension *e, cfg_t *sec)
{
	struct ext_opts o;

	ext_opts_find(&o, sec);
	extension_fill_from(e, &o);
}

/* Checks needing the whole section, reported at the line it opened on. */
void ext_conf_closed(struct ext_sections *x, struct cfgfile *cf)
{
	const struct ext_opts *o;
	const char *uri, *title;
	bool external;

	if (!x->sec)
		return;
	/* lifted, it is cfglift's reused section */
	o = cf->lift ? lifted_opts(x, x->sec) : NULL;
	uri = o ? opt_str(o->str[FIELD_URI]) : cfg_getstr(x->sec, "uri");
	external = o ? opt_bool(o->external) : cfg_getbool(x->sec, "external");
	title = cfg_title(x->sec);
	/* an external contact (client, supplier) is dialled at its number */
	if ((!uri || !uri[0]) && !external)
		cfgfile_error(cf, x->line,
			      "extension '%s' has no uri (add uri = \"sip:%s@HOST\")",
			      title, title);
	x->sec = NULL;
}

/* Thousands of entries: their pages made in one call, not in a page
 * fault each (MADV_POPULATE_WRITE, Linux 5.14; where it is not, the
 * faults come as before). The contents are not changed. */
static void pages_ready(void *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t to = ((uintptr_t)p + len) & ~(page - 1);

	if (to > from)
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)len;
#endif
}

void ext_conf_lifted(struct ext_sections *x, struct cfgfile *cf,
		     cfg_t *sec, int line)
{
	const char *written = cfg_title(sec);
	/* a title the number holds whole is read there (titles_at) */
	char *title = strlen(written) < EXT_NUMBER_SIZE ? NULL :
		strdup(written);
	bool no_room = !title && strlen(written) >= EXT_NUMBER_SIZE;

	if (!no_room && x->n == x->cap) {
		/* every lifted section is known before the first: one
		 * allocation, not a doubling array of large entries */
		size_t cap = cfglift_count(cf->lift);
		struct extension *e = cap > x->n ?
			realloc(x->lifted, cap * sizeof(*e)) : NULL;
		char **t = e ? realloc(x->titles, cap * sizeof(*t)) : NULL;
		int *l = t ? realloc(x->lines, cap * sizeof(*l)) : NULL;

		if (e)
			pages_ready(e, cap * sizeof(*e));
		x->lifted = e ? e : x->lifted;
		x->titles = t ? t : x->titles;
		x->lines = l ? l : x->lines;
		if (l)
			x->cap = cap;
	}
	if (no_room || x->n == x->cap) {
		free(title);
		cfgfile_error(cf, line, "%s", strerror(ENOMEM));
		return;
	}
	if (lifted_opts(x, sec))
		extension_fill_from(&x->lifted[x->n], x->opts);
	else
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
	free(x->opts);
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

/* The lifted sections' titles as written, NULL when memory is short. */
static const char **titles_at(const struct ext_sections *x)
{
	const char **titles = calloc(x->n ? x->n : 1, sizeof(*titles));
	size_t i;

	for (i = 0; titles && i < x->n; i++)
		titles[i] = x->titles[i] ? x->titles[i] : x->lifted[i].number;
	return titles;
}

void ext_conf_groups_check(const struct ext_sections *x,
			   struct cfgfile *cf, cfg_t *cfg)
{
	size_t i, n = cfg_size(cfg, "extension");
	const char **titles;
	int *lines;

	if (!cfg_size(cfg, "group"))
		return;
	if (x->n) {
		titles = titles_at(x);
		if (titles)
			config_groups_check(cf, cfg, titles, x->lines, x->n);
		else
			cfgfile_error(cf, 0, "%s", strerror(ENOMEM));
		free(titles);
		return;
	}
	if (!n) {
		config_groups_check(cf, cfg, NULL, NULL, 0);
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

	/* no index of thousands of numbers when nobody has a deputy */
	for (i = 0; i < n && i < out->n_extensions; i++) {
		if (out->extensions[i].deputy[0])
			break;
	}
	if (i == n || i == out->n_extensions)
		return 0;
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
