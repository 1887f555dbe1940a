/*
 * queue_conf.h — the waiting room's sections of cordboard.conf
 * (queue_conf.c): line "NUMBER" { ... } and what the queue section
 * needs beyond the option table, put into config.c's schema.
 */
#ifndef CORDBOARD_CONFIG_QUEUE_CONF_H
#define CORDBOARD_CONFIG_QUEUE_CONF_H

#include <confuse.h>

#include "config.h"

extern cfg_opt_t config_line_opts[];

struct cfgfile;
/* Sets the checks of the line sections (FILE:LINE errors). */
void config_queue_validators(cfg_t *cfg);
/* A line section opens: its number, and whether it was given before. */
void config_line_opened(struct cfgfile *cf, cfg_t *sec, int line,
			int first_line);
/* What needs the whole file: the overflow and night targets may name a
 * group of it; the lines are those of the values (0: absent). */
void config_queue_check(struct cfgfile *cf, cfg_t *cfg, int after_line,
			int target_line, int night_line);
/* TARGET (the value NAME on LINE) is a sip: URI, a number or the id of
 * a group that can take a caller, as a target prompt reads it. */
void config_target_check(struct cfgfile *cf, cfg_t *cfg, int line,
			 const char *name, const char *target);
/* Copies camp_on and the company lines (the table copies the rest). */
void config_queue_copy(struct cb_config *out, cfg_t *cfg);

#endif
