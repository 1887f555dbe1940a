/*
 * cfgfile — what the three parsers in src/config share (internal to this
 * directory): read a file, parse it with libconfuse with exact line
 * numbers, and route every libconfuse message into a struct diag as
 * "FILE:LINE: message".
 *
 * libconfuse 3.3 gets line numbers wrong after a comment (a "#" or "//"
 * line counts three lines, a block comment one extra), so comments are
 * blanked out before libconfuse sees the text. libconfuse also forgets
 * where a section started; a titled section that includes
 * CFGFILE_SECTION_MARK in its options records the line of its opening
 * brace, readable with cfgfile_section_line() and reported to the
 * parser's open handler as the section opens.
 */
#ifndef CORDBOARD_CONFIG_CFGFILE_H
#define CORDBOARD_CONFIG_CFGFILE_H

#include <confuse.h>
#include <stddef.h>
#include <sys/stat.h>

#include "core/diag.h"

struct cfgfile;

/* Called as a titled section opens, before its body is read: line is
 * the line of its opening brace, first_line that of an earlier section
 * of the same kind and title (libconfuse has already replaced that one
 * with this), or 0. */
typedef void (cfgfile_open_h)(struct cfgfile *cf, cfg_t *sec, int line,
			      int first_line);

/* Called as a lifted section (cfglift.h) closes, after its validate
 * callbacks: SEC holds its values until the next one; LINE is that of
 * its opening brace. */
typedef void (cfgfile_lifted_h)(struct cfgfile *cf, cfg_t *sec, int line);

struct cfgfile_seen;
struct cfglift;
struct cfgfile {
	const char *path;        /* as given; used in every message */
	struct diag *d;
	cfgfile_open_h *openh;   /* may be NULL */
	void *arg;               /* the parser's own state */
	struct stat st;          /* of the file read, set by cfgfile_parse */
	size_t errors_before;    /* d->errors when the parse started */
	int parsed;              /* libconfuse read the whole file */
	struct cfgfile_seen *seen;      /* titled sections read so far */
	const char *lift_kind;   /* sections of this kind may be lifted
				  * (the schema has CFGLIFT_OPTION), or NULL */
	cfgfile_lifted_h *liftedh;
	struct cfglift *lift;    /* during the parse, when they were */
};

#define CFGFILE_MARK_NAME  "__cordboard_section"
#define CFGFILE_MARK_VALUE "cordboard-section-open"

/* Put this in the options of a CFGF_MULTI | CFGF_TITLE section: its
 * default value is parsed as each section is created, which is the only
 * moment libconfuse still knows the section's first line. */
#define CFGFILE_SECTION_MARK \
	CFG_PTR_CB(CFGFILE_MARK_NAME, CFGFILE_MARK_VALUE, CFGF_NONE, \
		   cfgfile_mark_parse, free)

int cfgfile_mark_parse(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		       void *result);

/* From the validate callback of a CFGF_MULTI | CFGF_TITLE section (at
 * its closing brace): takes the section out of libconfuse's sight until
 * the parse ends, when every one is given back in file order. Only for
 * kinds whose open handler reports a repeated title as an error and
 * whose callbacks never count opt->nvalues. */
void cfgfile_set_aside(cfg_opt_t *opt);

/* libconfuse's messages about CFG go into the diag of the parse. */
void cfgfile_route_errors(cfg_t *cfg);

/* Reads cf->path and parses it into cfg. Returns 0, or an errno value:
 * the one from opening or reading the file ("FILE: strerror" in cf->d),
 * or EINVAL when libconfuse or a validate callback reported an error. */
int cfgfile_parse(struct cfgfile *cf, cfg_t *cfg);

/* The parse under way, for validate and function callbacks; NULL
 * outside cfgfile_parse. */
struct cfgfile *cfgfile_current(void);

/* Adds an error "FILE:LINE: ..." (or "FILE: ..." when line is 0). */
void cfgfile_error(struct cfgfile *cf, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* True when errors were added since the parse started. */
int cfgfile_failed(const struct cfgfile *cf);

/* The line of a marked section's opening brace, or 0. */
int cfgfile_section_line(cfg_t *sec);

#endif
