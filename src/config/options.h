/*
 * options.h — the one table of cordboard.conf's scalar options: each row
 * says where the value lands, its default, its range or check and what
 * it means. The libconfuse schema, the checks, the copy into struct
 * cb_config (which holds core's settings structs) and --print-config all
 * come from it.
 */
#ifndef CORDBOARD_CONFIG_OPTIONS_H
#define CORDBOARD_CONFIG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <confuse.h>

#include "config.h"

enum option_type { OPT_INT, OPT_STR, OPT_BOOL };

enum option_check {
	CHECK_NONE,
	CHECK_SIP_URI,           /* sip:/sips: with a host */
	CHECK_SIP_URI_OR_EMPTY,
	CHECK_HOSTPORT,
	CHECK_PORT_RANGE_OR_EMPTY,  /* "10000-10999" */
	CHECK_NOT_EMPTY,
};

#define OPTION_NOWHERE ((size_t)-1)  /* read by code of its own */

struct config_option {
	const char *section;     /* libconfuse section name, "root" on top */
	const char *name;
	enum option_type type;
	size_t offset;           /* in struct cb_config, or OPTION_NOWHERE */
	size_t size;             /* of a string's buffer */
	long def;                /* OPT_INT and OPT_BOOL */
	const char *def_str;     /* OPT_STR */
	long min, max;           /* OPT_INT */
	const char *unit;        /* in a range error: " seconds", " dB" */
	enum option_check check; /* OPT_STR */
	const char *hint;        /* appended to a "must not be empty" error */
	cfg_validate_callback_t validate; /* instead of the checks above */
	const char *doc;         /* one line for --print-config */
};

/* A section or option the table does not hold (titled blocks), and the
 * section it goes into ("root" on top). */
struct config_extra {
	const char *parent;
	cfg_opt_t opt;
};

/* The schema of cordboard.conf: the table's sections and options, then
 * EXTRA (n of them). Built once; libconfuse copies it in cfg_init. */
cfg_opt_t *config_options_schema(const struct config_extra *extra,
				 size_t n);

/* Copies every table value read into ROOT into cfg. */
void config_options_copy(struct cb_config *cfg, cfg_t *root);

/* Calls fn for each option of the table whose value differs between A
 * and B (the options read by code of their own are not compared). */
void config_options_diff(const struct cb_config *a,
			 const struct cb_config *b,
			 void (*fn)(void *arg, const struct config_option *o),
			 void *arg);
/* Puts FROM's value of option O into TO (a reload keeps a setting
 * that cannot change live). */
void config_option_keep(struct cb_config *to, const struct cb_config *from,
			const struct config_option *o);

/* The checks of a string value, shared with the extension sections;
 * reports at line and returns false if bad. */
struct cfgfile;
bool config_value_check(struct cfgfile *cf, int line, const char *name,
			size_t size, enum option_check check,
			const char *hint, const char *v);

/* libconfuse validate callback for a table row's own checks. */
int config_option_validate(cfg_t *cfg, cfg_opt_t *opt);

/* The rows' own validators (config.c, groups.c, queue_conf.c). */
int config_button_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_audio_line_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_intercom_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_park_prefix_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_queue_line_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_camp_on_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_priority_validate(cfg_t *cfg, cfg_opt_t *opt);
/* options.c */
int config_log_level_validate(cfg_t *cfg, cfg_opt_t *opt);
/* The log_level option as a level (warning, info, debug). */
int config_log_level(const char *name);
/* security_conf.c */
int config_transport_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_media_encryption_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_tls_ca_validate(cfg_t *cfg, cfg_opt_t *opt);
int config_tls_verify_validate(cfg_t *cfg, cfg_opt_t *opt);
/* Checks across account's options, once the file is read. */
void config_security_check(struct cfgfile *cf, cfg_t *cfg);

#endif
