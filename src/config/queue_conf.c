/*
 * queue_conf.c — the waiting room in cordboard.conf: the company line
 * sections (the numbers callers dial, the company and greeting for
 * each) and the queue section's values that need more than a range:
 * camp_on's word and the overflow target. Errors are FILE:LINE.
 */
#include "queue_conf.h"
#include "checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfgfile.h"
#include "options.h"

cfg_opt_t config_line_opts[] = {
	CFG_STR("company", "", CFGF_NONE),
	CFG_STR("greeting", "", CFGF_NONE),
	CFG_INT("priority", 0, CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static const struct {
	const char *word;
	enum camp_on_mode mode;
} camp_on_modes[] = {
	{ "announce", CAMP_ON_ANNOUNCE },
	{ "blind", CAMP_ON_BLIND },
};
#define N_CAMP_ON_MODES (sizeof(camp_on_modes) / sizeof(camp_on_modes[0]))

static int camp_on_mode_parse(const char *word)
{
	size_t i;

	for (i = 0; word && i < N_CAMP_ON_MODES; i++) {
		if (!strcmp(camp_on_modes[i].word, word))
			return (int)camp_on_modes[i].mode;
	}
	return -1;
}

int config_camp_on_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);

	if (cf && v && camp_on_mode_parse(v) < 0)
		cfgfile_error(cf, cfg->line, "camp_on '%s' is not announce or "
			      "blind", v);
	return 0;
}

/* A caller's priority, on a company line or a directory contact. */
int config_priority_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	long n = cfg_opt_getnint(opt, 0);

	if (cf && (n < 0 || n > SETTINGS_PRIORITY_MAX))
		cfgfile_error(cf, cfg->line, "priority %ld is out of range "
			      "(0 to %d)", n, SETTINGS_PRIORITY_MAX);
	return 0;
}

/* The company and greeting reach the status line: the sanitiser's rule
 * and the buffers' sizes, as for names. */
static int line_text_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t size = !strcmp(opt->name, "company") ?
		sizeof(((struct company_line *)0)->company) :
		sizeof(((struct company_line *)0)->greeting);

	if (cf && v)
		config_value_check(cf, cfg->line, opt->name, size, CHECK_NONE,
				   NULL, v);
	return 0;
}

void config_line_opened(struct cfgfile *cf, cfg_t *sec, int line,
			int first_line)
{
	const char *title = cfg_title(sec);

	if (first_line)
		cfgfile_error(cf, line, "duplicate line '%s' (first defined on "
			      "line %d)", title, first_line);
	if (!config_number_valid(title))
		cfgfile_error(cf, line, "line '%s' is not a number callers "
			      "dial (digits, optionally with * # +)", title);
	else if (strlen(title) >= sizeof(((struct company_line *)0)->number))
		cfgfile_error(cf, line, "line '%s' is too long (at most %zu "
			      "characters)", title,
			      sizeof(((struct company_line *)0)->number) - 1);
}

/* At a line's closing brace: what needs the whole section. */
static int line_closed(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	cfg_t *sec;
	const char *company;

	(void)cfg;
	if (!cf || !opt || !opt->nvalues)
		return 0;
	sec = cfg_opt_getnsec(opt, opt->nvalues - 1);
	company = cfg_getstr(sec, "company");
	if (!company || !company[0])
		cfgfile_error(cf, cfgfile_section_line(sec), "line '%s' has no "
			      "company (add company = \"NAME\", shown as it "
			      "rings)", cfg_title(sec));
	if (opt->nvalues == COMPANY_LINES_MAX + 1)
		cfgfile_error(cf, cfgfile_section_line(sec), "too many company "
			      "lines (at most %d)", COMPANY_LINES_MAX);
	return 0;
}

void config_queue_validators(cfg_t *cfg)
{
	cfg_set_validate_func(cfg, "line", line_closed);
	cfg_set_validate_func(cfg, "line|company", line_text_validate);
	cfg_set_validate_func(cfg, "line|greeting", line_text_validate);
	cfg_set_validate_func(cfg, "line|priority", config_priority_validate);
}

/* A ring group or person from the file: what a target names, when it is
 * neither a number nor a URI. */
static cfg_t *group_named(cfg_t *cfg, const char *name)
{
	unsigned i, n = cfg_size(cfg, "group");

	for (i = 0; i < n; i++) {
		cfg_t *g = cfg_getnsec(cfg, "group", i);

		if (!strcmp(cfg_title(g), name))
			return g;
	}
	return NULL;
}

void config_target_check(struct cfgfile *cf, cfg_t *cfg, int line,
			 const char *name, const char *target)
{
	cfg_t *g;

	if (!target || !target[0])
		return;
	/* the prompt's rules: a URI as it is, digits at the PBX's domain,
	 * a word the id of a group; a name prefix would be a guess */
	if (!strncasecmp(target, "sip:", 4) ||
	    !strncasecmp(target, "sips:", 5)) {
		if (!config_sip_uri_valid(target))
			cfgfile_error(cf, line, "%s '%s' is not a sip: or "
				      "sips: URI with a host", name, target);
		return;
	}
	if (config_number_valid(target))
		return;
	g = group_named(cfg, target);
	if (!g)
		cfgfile_error(cf, line, "%s '%s' is neither a number, a "
			      "group nor a sip: URI", name, target);
	else if (cfg_getbool(g, "paging"))
		cfgfile_error(cf, line, "%s '%s' is a paging group: a caller "
			      "cannot be sent there", name, target);
}

void config_queue_check(struct cfgfile *cf, cfg_t *cfg, int after_line,
			int target_line, int night_line)
{
	cfg_t *q = cfg_getsec(cfg, "queue");
	const char *target = cfg_getstr(q, "overflow_target");
	long after = cfg_getint(q, "overflow_after");

	if ((!target || !target[0]) && after > 0)
		cfgfile_error(cf, after_line, "overflow_after %ld needs an "
			      "overflow_target (a number, group or sip: URI)",
			      after);
	config_target_check(cf, cfg, target_line, "overflow_target", target);
	config_target_check(cf, cfg, night_line, "night_target",
			    cfg_getstr(cfg_getsec(cfg, "service"),
				       "night_target"));
}

void config_queue_copy(struct cb_config *out, cfg_t *cfg)
{
	cfg_t *q = cfg_getsec(cfg, "queue");
	int mode = camp_on_mode_parse(cfg_getstr(q, "camp_on"));
	size_t i, n = cfg_size(cfg, "line");

	out->queue.camp_on = mode < 0 ? CAMP_ON_ANNOUNCE :
		(enum camp_on_mode)mode;
	out->n_lines = 0;
	for (i = 0; i < n && i < COMPANY_LINES_MAX; i++) {
		cfg_t *sec = cfg_getnsec(cfg, "line", i);
		struct company_line *l = &out->lines[out->n_lines++];

		snprintf(l->number, sizeof(l->number), "%s", cfg_title(sec));
		snprintf(l->company, sizeof(l->company), "%s",
			 cfg_getstr(sec, "company"));
		snprintf(l->greeting, sizeof(l->greeting), "%s",
			 cfg_getstr(sec, "greeting"));
		l->priority = (int)cfg_getint(sec, "priority");
	}
}
