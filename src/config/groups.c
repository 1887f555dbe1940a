/*
 * groups.c — the intercom, park and group sections of cordboard.conf:
 * their schema, their checks (FILE:LINE) and the copy into struct
 * cb_config. Groups become entries of the directory, so every target
 * prompt and the extensions board know them.
 */
#include "groups.h"
#include "checks.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "options.h"

cfg_opt_t config_group_opts[] = {
	CFG_STR("name", "", CFGF_NONE),
	CFG_STR("uri", "", CFGF_NONE),
	CFG_STR_LIST("members", "{}", CFGF_NONE),
	CFG_STR("strategy", "all", CFGF_NONE),
	CFG_INT("ring_time", SETTINGS_RING_TIME_S, CFGF_NONE),
	CFG_BOOL("paging", cfg_false, CFGF_NONE),
	CFG_STR("intercom", "default", CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

/* "Name: value" with a header name of token characters. */
static bool header_valid(const char *v)
{
	const char *p = v;

	while (*p && (isalnum((unsigned char)*p) || strchr("-_.!%*+`'~", *p)))
		p++;
	return p != v && *p == ':' && p[1] && !config_has_control(v);
}

int config_intercom_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	int m = v ? intercom_method_parse(v) : -1;

	if (!cf || !v)
		return 0;
	if (!strcmp(opt->name, "header")) {
		if (v[0] && (strlen(v) >= 256 || !header_valid(v)))
			cfgfile_error(cf, cfg->line, "header '%s' is not "
				      "\"Name: value\" on one line", v);
		return 0;
	}
	/* a group may leave it to the intercom section */
	if (m < 0 || (m == INTERCOM_DEFAULT && !strcmp(cfg->name,
						       "intercom")))
		cfgfile_error(cf, cfg->line, "intercom method '%s' is not one "
			      "of call-info, alert-info, answer-mode, "
			      "intercom-param", v);
	return 0;
}

/* Extensions dial the prefix, so it must fit a SIP user part. */
int config_park_prefix_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	const char *p;

	if (!cf)
		return 0;
	for (p = v; p && *p && (isalnum((unsigned char)*p) ||
				strchr("-_.", *p)); p++)
		;
	if (!v || !v[0] || *p || strlen(v) >= 32)
		cfgfile_error(cf, cfg->line, "uri_prefix '%s' must be "
			      "letters, digits, - _ or . (at most 31)",
			      v ? v : "");
	return 0;
}

static int group_value_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v;
	long n;

	if (!cf)
		return 0;
	if (!strcmp(opt->name, "ring_time")) {
		n = cfg_opt_getnint(opt, 0);
		if (n < SETTINGS_RING_TIME_MIN_S || n > SETTINGS_RING_TIME_MAX_S)
			cfgfile_error(cf, cfg->line, "ring_time %ld is out of "
				      "range (%d to %d seconds)", n,
				      SETTINGS_RING_TIME_MIN_S,
				      SETTINGS_RING_TIME_MAX_S);
		return 0;
	}
	v = cfg_opt_getnstr(opt, 0);
	if (!v)
		return 0;
	if (!strcmp(opt->name, "strategy") && strcmp(v, "all") &&
	    strcmp(v, "in-order"))
		cfgfile_error(cf, cfg->line, "strategy '%s' is not all or "
			      "in-order", v);
	else if (!strcmp(opt->name, "uri") && v[0] &&
		 !config_sip_uri_valid(v))
		cfgfile_error(cf, cfg->line, "uri '%s' is not a sip: or sips: "
			      "URI with a host", v);
	else if (!strcmp(opt->name, "name") &&
		 (config_has_control(v) || strlen(v) >= 128))
		cfgfile_error(cf, cfg->line, "name is too long or contains a "
			      "control character");
	return 0;
}

bool config_group_title_valid(const char *t)
{
	const char *p;

	for (p = t; *p && (isalnum((unsigned char)*p) || strchr("-_.", *p));
	     p++)
		;
	return t[0] && !*p && strlen(t) < 32;
}

/* At a group's closing brace: what needs the whole section. */
static int group_closed(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	cfg_t *sec;
	const char *title, *uri;
	unsigned n, i;
	int line;

	if (!cf || !opt || !opt->nvalues)
		return 0;
	sec = cfg_opt_getnsec(opt, opt->nvalues - 1);
	title = cfg_title(sec);
	line = cfgfile_section_line(sec);
	uri = cfg_getstr(sec, "uri");
	n = cfg_size(sec, "members");
	if (!config_group_title_valid(title))
		cfgfile_error(cf, line, "group '%s': a name of letters, digits, "
			      "- _ or . (at most 31) is needed", title);
	if (!uri[0] && !n)
		cfgfile_error(cf, line, "group '%s' has neither uri nor members",
			      title);
	if (uri[0] && n)
		cfgfile_error(cf, line, "group '%s' has both uri and members: "
			      "the PBX rings the uri, the console the members",
			      title);
	if (n && cfg_getbool(sec, "paging"))
		cfgfile_error(cf, line, "paging group '%s': members are not "
			      "paged by the console yet; give the PBX's paging "
			      "uri", title);
	if (n > EXT_MEMBERS_MAX)
		cfgfile_error(cf, line, "group '%s' has %u members (at most %d)",
			      title, n, EXT_MEMBERS_MAX);
	for (i = 0; i < n; i++) {
		const char *m = cfg_getnstr(sec, "members", i);

		if (strlen(m) >= sizeof(((struct extension *)0)->members[0]) ||
		    (!config_number_valid(m) && !config_sip_uri_valid(m)))
			cfgfile_error(cf, line, "group '%s': member '%s' is "
				      "neither a number nor a sip: URI", title,
				      m);
	}
	return 0;
}

void config_groups_validators(cfg_t *cfg)
{
	cfg_set_validate_func(cfg, "group", group_closed);
	cfg_set_validate_func(cfg, "group|name", group_value_validate);
	cfg_set_validate_func(cfg, "group|uri", group_value_validate);
	cfg_set_validate_func(cfg, "group|strategy", group_value_validate);
	cfg_set_validate_func(cfg, "group|ring_time", group_value_validate);
	cfg_set_validate_func(cfg, "group|intercom", config_intercom_validate);
	cfg_set_validate_func(cfg, "extension|intercom", config_intercom_validate);
}

void config_groups_check(struct cfgfile *cf, cfg_t *cfg,
			 const char *const *titles, const int *lines,
			 size_t n)
{
	unsigned i, ng = cfg_size(cfg, "group");
	size_t k;

	for (i = 0; i < ng; i++) {
		cfg_t *g = cfg_getnsec(cfg, "group", i);

		for (k = 0; k < n; k++) {
			if (!strcmp(cfg_title(g), titles[k]))
				cfgfile_error(cf, cfgfile_section_line(g),
					      "group '%s' has the number of "
					      "extension '%s' (line %d)",
					      cfg_title(g), titles[k], lines[k]);
		}
	}
}

void config_groups_copy(struct cb_config *out, cfg_t *cfg)
{
	cfg_t *ic = cfg_getsec(cfg, "intercom");
	int m = intercom_method_parse(cfg_getstr(ic, "method"));

	out->intercom.method = m > INTERCOM_DEFAULT ?
		(enum intercom_method)m : INTERCOM_CALL_INFO;
}

void config_group_fill(struct extension *e, cfg_t *sec)
{
	size_t i, n = cfg_size(sec, "members");
	const char *name = cfg_getstr(sec, "name");
	int m = intercom_method_parse(cfg_getstr(sec, "intercom"));

	ext_text_set(e, &e->number, cfg_title(sec));
	ext_text_set(e, &e->name, name[0] ? name : cfg_title(sec));
	ext_text_set(e, &e->uri, cfg_getstr(sec, "uri"));
	ext_text_set(e, &e->department, cfg_getbool(sec, "paging") ?
		     "paging group" : "ring group");
	e->kind = cfg_getbool(sec, "paging") ? EXT_PAGING_GROUP :
		EXT_RING_GROUP;
	e->strategy = strcmp(cfg_getstr(sec, "strategy"), "in-order") ?
		GROUP_ALL : GROUP_IN_ORDER;
	e->ring_time_s = (int)cfg_getint(sec, "ring_time");
	e->intercom = m > 0 ? (enum intercom_method)m : INTERCOM_DEFAULT;
	/* most extensions are people: members are kept for groups only */
	e->members = n ? calloc(n < EXT_MEMBERS_MAX ? n : EXT_MEMBERS_MAX,
				sizeof(*e->members)) : NULL;
	for (i = 0; e->members && i < n && i < EXT_MEMBERS_MAX; i++)
		snprintf(e->members[i], sizeof(e->members[i]), "%s",
			 cfg_getnstr(sec, "members", i));
	e->nmembers = i;
	e->presence = PRESENCE_UNKNOWN;
	e->line_state = EXT_LINE_UNKNOWN;
}
