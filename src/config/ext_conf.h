/*
 * ext_conf — the extension sections of cordboard.conf (internal to this
 * directory): the checks of their values as they are read, and their
 * copy into struct extension, whether libconfuse holds them or they
 * were lifted (cfglift.h) and copied as each closed.
 */
#ifndef CORDBOARD_CONFIG_EXT_CONF_H
#define CORDBOARD_CONFIG_EXT_CONF_H

#include <stddef.h>

#include <confuse.h>

#include "config.h"

struct cfgfile;
struct ext_opts;

struct ext_sections {
	cfg_t *sec;              /* the one being read: its '}' checks it */
	int line;                /* where it opened */
	/* lifted: in file order, the titles as written (NULL: the one
	 * the extension's number holds whole), the lines they opened on;
	 * libconfuse then holds none */
	struct extension *lifted;
	char **titles;
	int *lines;
	size_t n, cap;
	struct ext_opts *opts;   /* of the reused section lifted ones use */
};

/* The checks of the values, on the schema's extension section. */
void ext_conf_validators(cfg_t *cfg);

/* A section opened at LINE (FIRST_LINE: an earlier one's, or 0). */
void ext_conf_opened(struct ext_sections *x, struct cfgfile *cf,
		     cfg_t *sec, int line, int first_line);
/* The section being read closed: what needs all of it. */
void ext_conf_closed(struct ext_sections *x, struct cfgfile *cf);
/* A lifted section closed: its values are kept (SEC is reused). */
void ext_conf_lifted(struct ext_sections *x, struct cfgfile *cf,
		     cfg_t *sec, int line);

/* A group named like an extension, said at the group's line. */
void ext_conf_groups_check(const struct ext_sections *x,
			   struct cfgfile *cf, cfg_t *cfg);
/* A deputy that is nobody of OUT, said at the extension's line. */
int ext_conf_deputies_check(const struct ext_sections *x,
			    const struct cb_config *out, cfg_t *cfg,
			    const char *path, struct diag *d);

/* The extensions in file order (*n of them) with NGROUPS zeroed entries
 * after them, in one allocation the caller frees (the lifted array is
 * taken over); NULL with *n = 0 when both are 0 or memory is short. X
 * may be NULL (only libconfuse's sections then). */
struct extension *ext_conf_take(struct ext_sections *x, cfg_t *cfg,
				size_t ngroups, size_t *n);

void ext_conf_free(struct ext_sections *x);

#endif
