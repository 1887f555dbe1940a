/*
 * service_conf.c — the service section's values that need more than
 * the option table: the opening hours, parsed as the console will read
 * them, and the mode's word. Errors are FILE:LINE.
 */
#include "service_conf.h"

#include <stdio.h>

#include "cfgfile.h"
#include "options.h"
#include "core/service.h"

int config_service_open_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	struct service_schedule s;
	char err[200];

	config_option_validate(cfg, opt);
	if (cf && v && service_schedule_parse(v, &s, err, sizeof(err)))
		cfgfile_error(cf, cfg->line, "open \"%s\": %s", v, err);
	return 0;
}

int config_service_mode_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);

	if (cf && v && service_mode_parse(v) < 0)
		cfgfile_error(cf, cfg->line, "mode '%s' is not auto, day or "
			      "night", v);
	return 0;
}

void config_service_copy(struct cb_config *out, cfg_t *cfg)
{
	int mode = service_mode_parse(cfg_getstr(cfg_getsec(cfg, "service"),
						 "mode"));

	out->service.mode = mode < 0 ? SERVICE_AUTO : (enum service_mode)mode;
}
