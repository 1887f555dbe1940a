/*
 * cfglift — titled sections of one kind read without libconfuse's
 * per-section cost (internal to this directory). libconfuse builds a
 * whole copy of a section's schema for each section, with its defaults
 * parsed through a scanner of their own: 5,000 extensions cost it
 * 300,000 allocations. When every top-level section of the kind is
 * simple - KIND "title" { option = "plain text" | word ... }, options
 * of its schema, titles all different, and nothing in the file that
 * could hide one (functions, ${VAR}) - each is rewritten in place as
 * the hidden root option CFGLIFT_NAME = "title" (line breaks kept) and
 * read here when libconfuse reaches it: the same open handler, values
 * set with libconfuse's own cfg_setopt, the same validate callbacks, in
 * the same order, on one reused section. Any other file is left to
 * libconfuse whole, so every message stays what libconfuse would say.
 */
#ifndef CORDBOARD_CONFIG_CFGLIFT_H
#define CORDBOARD_CONFIG_CFGLIFT_H

#include <confuse.h>
#include <stddef.h>

/* As long as the kind's name less one, so "NAME=" takes its place. */
#define CFGLIFT_NAME "__lifted"

/* Put this in the root options of a schema whose KIND may be lifted. */
#define CFGLIFT_OPTION \
	CFG_STR_CB(CFGLIFT_NAME, NULL, CFGF_NONE, cfglift_parse)

struct cfglift;

/* Scans TEXT (*LEN bytes, comments already blanked) for the top-level
 * sections of KIND, whose schema is KIND_OPT (the root's option, with
 * its validate callbacks set). When all are simple, rewrites them in
 * TEXT (shorter: *LEN is set, the lines stay where they were) and
 * returns what they hold; else returns NULL, TEXT untouched. Call
 * before the parse starts (no cfgfile current). */
struct cfglift *cfglift_scan(char *text, size_t *len, const char *kind,
			     cfg_opt_t *kind_opt, const char *path);

void cfglift_free(struct cfglift *l);

/* How many sections were lifted (0 for NULL). */
size_t cfglift_count(const struct cfglift *l);

/* The hidden option's parse callback: reads the next lifted section. */
int cfglift_parse(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		  void *result);

#endif
