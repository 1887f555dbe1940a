/*
 * service_conf.h — day and night service in cordboard.conf.
 */
#ifndef CORDBOARD_CONFIG_SERVICE_CONF_H
#define CORDBOARD_CONFIG_SERVICE_CONF_H

#include <confuse.h>

#include "config.h"

/* The service section's own checks (rows of options.c). */
int config_service_open_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_service_mode_validate(cfg_t *cfg, cfg_opt_t *opt);
/* Copies the mode (the table copies the rest). */
void config_service_copy(struct cb_config *out, cfg_t *cfg);

#endif
