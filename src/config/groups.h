/*
 * groups.h — the intercom, park and group sections of cordboard.conf
 * (groups.c), put into config.c's schema.
 */
#ifndef CORDBOARD_CONFIG_GROUPS_H
#define CORDBOARD_CONFIG_GROUPS_H

#include <stdbool.h>

#include <confuse.h>

#include "config.h"

extern cfg_opt_t config_group_opts[];

/* Sets the checks of these sections (FILE:LINE errors) on the schema. */
void config_groups_validators(cfg_t *cfg);
/* Checks what needs the whole file: a group named like an extension
 * (the N extensions' titles and the lines they opened on). */
struct cfgfile;
void config_groups_check(struct cfgfile *cf, cfg_t *cfg,
			 const char *const *titles, const int *lines,
			 size_t n);
/* Copies the intercom and park sections. */
void config_groups_copy(struct cb_config *out, cfg_t *cfg);
/* Fills E from one group section. */
void config_group_fill(struct extension *e, cfg_t *sec);
/* A group's id: letters, digits, - _ . (at most 31). */
bool config_group_title_valid(const char *title);

#endif
