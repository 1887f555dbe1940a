/*
 * cfgfile.c — reading a file through libconfuse with exact line numbers
 * and every message in a struct diag.
 */
#include "cfgfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfglift.h"
#include "core/name_index.h"

/* Config files are small; anything bigger is a mistake (or a device). */
#define CFGFILE_MAX_SIZE (1024 * 1024)

/* libconfuse callbacks carry no user pointer, so the parse under way is
 * found here; parsing is single-threaded and never nested. */
static struct cfgfile *current;

struct cfgfile *cfgfile_current(void)
{
	return current;
}

void cfgfile_error(struct cfgfile *cf, int line, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_add(cf->d, DIAG_ERROR, cf->path, line, "%s", msg);
}

int cfgfile_failed(const struct cfgfile *cf)
{
	return cf->d->errors > cf->errors_before;
}

static void error_route(cfg_t *cfg, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* libconfuse's own messages (unknown option, syntax errors) become ours:
 * same text, our "FILE:LINE: " prefix, into the diag. */
static void error_route(cfg_t *cfg, const char *fmt, va_list ap)
{
	char msg[1024];

	if (!current)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	diag_add(current->d, DIAG_ERROR, current->path, cfg ? cfg->line : 0,
		 "%s", msg);
}

/* The titled sections of one kind read so far: the line each title was
 * first opened on, and the sections set aside (cfgfile_set_aside). */
struct seen_kind {
	char *kind;
	struct name_index first_line;   /* title -> line */
	cfg_opt_t *aside_opt;           /* the option they were taken from */
	cfg_value_t **aside;            /* in file order */
	size_t n_aside, cap_aside;
	struct name_index aside_at;     /* title -> position in aside */
};

struct cfgfile_seen {
	struct seen_kind *kinds;
	size_t n_kinds;
	char **titles;                  /* the copies first_line keys on */
	size_t n_titles, cap_titles;
};

static struct seen_kind *seen_kind(struct cfgfile *cf, const char *kind)
{
	struct cfgfile_seen *seen = cf->seen;
	struct seen_kind *grown;
	size_t i;

	if (!seen) {
		seen = cf->seen = calloc(1, sizeof(*seen));
		if (!seen)
			return NULL;
	}
	for (i = 0; i < seen->n_kinds; i++) {
		if (!strcmp(seen->kinds[i].kind, kind))
			return &seen->kinds[i];
	}
	grown = realloc(seen->kinds, (seen->n_kinds + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	seen->kinds = grown;
	memset(&grown[seen->n_kinds], 0, sizeof(*grown));
	grown[seen->n_kinds].kind = strdup(kind);
	if (!grown[seen->n_kinds].kind)
		return NULL;
	name_index_init(&grown[seen->n_kinds].first_line);
	name_index_init(&grown[seen->n_kinds].aside_at);
	return &grown[seen->n_kinds++];
}

/* The line a section of KIND titled TITLE was first opened on, or 0;
 * remembers LINE for TITLE when it is the first. */
static int opened_first_line(struct cfgfile *cf, const char *kind,
			     const char *title, int line)
{
	struct seen_kind *k = seen_kind(cf, kind);
	struct cfgfile_seen *seen = cf->seen;
	size_t first;
	char *copy;

	if (!k)
		return 0;
	if (name_index_find(&k->first_line, title, &first))
		return (int)first;
	if (seen->n_titles == seen->cap_titles) {
		size_t cap = seen->cap_titles ? seen->cap_titles * 2 : 64;
		char **grown = realloc(seen->titles, cap * sizeof(*grown));

		if (!grown)
			return 0;
		seen->titles = grown;
		seen->cap_titles = cap;
	}
	copy = strdup(title);
	if (!copy)
		return 0;
	if (name_index_put(&k->first_line, copy, (size_t)line)) {
		free(copy);
		return 0;
	}
	seen->titles[seen->n_titles++] = copy;
	return 0;
}

/* Gives libconfuse back the sections set aside, before those it still
 * holds (a section whose body failed to parse), in file order. */
static void aside_restore(struct seen_kind *k)
{
	cfg_opt_t *opt = k->aside_opt;
	cfg_value_t **all;
	size_t i;

	if (!opt)
		return;
	all = realloc(k->aside, (k->n_aside + opt->nvalues) * sizeof(*all));
	if (!all) {
		/* cannot happen in practice; the sections are freed, not lost
		 * to a leak, and the parse reports the failure */
		for (i = 0; i < k->n_aside; i++) {
			k->aside[i]->section->path = NULL;
			cfg_free(k->aside[i]->section);
			free(k->aside[i]);
		}
		free(k->aside);
	} else {
		for (i = 0; i < opt->nvalues; i++)
			all[k->n_aside + i] = opt->values[i];
		free(opt->values);
		opt->values = all;
		opt->nvalues = (unsigned int)(k->n_aside + opt->nvalues);
	}
	k->aside = NULL;
	k->n_aside = k->cap_aside = 0;
	k->aside_opt = NULL;
}

static void opened_free(struct cfgfile *cf)
{
	struct cfgfile_seen *seen = cf->seen;
	size_t i;

	if (!seen)
		return;
	for (i = 0; i < seen->n_kinds; i++) {
		aside_restore(&seen->kinds[i]);
		free(seen->kinds[i].kind);
		name_index_free(&seen->kinds[i].first_line);
		name_index_free(&seen->kinds[i].aside_at);
	}
	free(seen->kinds);
	for (i = 0; i < seen->n_titles; i++)
		free(seen->titles[i]);
	free(seen->titles);
	free(seen);
	cf->seen = NULL;
}

/* libconfuse looks for a new section's title among all the earlier ones
 * of its option, which makes 5,000 extensions cost 12.5 million string
 * comparisons; a section set aside is out of that search, and a second
 * one of the same title replaces it here as libconfuse would have. */
void cfgfile_set_aside(cfg_opt_t *opt)
{
	struct seen_kind *k;
	cfg_value_t *val, **grown;
	const char *title;
	size_t at;

	if (!current || !opt || !opt->nvalues)
		return;
	val = opt->values[opt->nvalues - 1];
	title = val->section ? cfg_title(val->section) : NULL;
	k = title ? seen_kind(current, opt->name) : NULL;
	if (!k || (k->aside_opt && k->aside_opt != opt))
		return;
	if (name_index_find(&k->aside_at, title, &at)) {
		cfg_t *replaced = k->aside[at]->section;

		/* the index keys on the title of the section it points at */
		name_index_put(&k->aside_at, title, at);
		k->aside[at]->section = val->section;
		replaced->path = NULL;
		cfg_free(replaced);
		free(val);
		opt->nvalues--;
		return;
	}
	if (k->n_aside == k->cap_aside) {
		size_t cap = k->cap_aside ? k->cap_aside * 2 : 64;

		grown = realloc(k->aside, cap * sizeof(*grown));
		if (!grown)
			return;
		k->aside = grown;
		k->cap_aside = cap;
	}
	if (name_index_put(&k->aside_at, title, k->n_aside))
		return;
	k->aside_opt = opt;
	k->aside[k->n_aside++] = val;
	opt->nvalues--;
}

/* What the section mark does as SEC opens at LINE: notes its title and
 * calls the open handler with the line of an earlier one (a lifted
 * section is opened by cfglift.c, which knows there is none). */
static void section_open(struct cfgfile *cf, cfg_t *sec, int line)
{
	const char *title = cfg_title(sec) ? cfg_title(sec) : "";
	int first = opened_first_line(cf, sec->name, title, line);

	if (cf->openh)
		cf->openh(cf, sec, line, first);
}

/* Must never fail while libconfuse parses the default (it aborts the
 * process then); a user writing the hidden option gets the usual
 * unknown-option error instead. */
int cfgfile_mark_parse(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		       void *result)
{
	int *line;

	if (!value || strcmp(value, CFGFILE_MARK_VALUE) != 0) {
		cfg_error(cfg, "no such option '%s'", opt->name);
		return -1;
	}

	line = malloc(sizeof(*line));
	if (line)
		*line = cfg->line;
	*(void **)result = line;

	if (!current || !line)
		return 0;

	section_open(current, cfg, *line);
	return 0;
}

void cfgfile_route_errors(cfg_t *cfg)
{
	cfg_set_error_function(cfg, error_route);
}

int cfgfile_section_line(cfg_t *sec)
{
	const int *line = cfg_getptr(sec, CFGFILE_MARK_NAME);

	return line ? *line : 0;
}

/* What the comment pass found that libconfuse 3.3 would let through
 * silently or report badly (it closes open sections at end of file, and
 * says "premature end of file" for an unterminated string). */
struct text_scan {
	int quote_line;          /* an unterminated string starts here */
	int comment_line;        /* an unterminated block comment starts here */
	int brace_line;          /* the innermost '{' never closed */
	int pipe_line;           /* a '|' outside quotes, which libconfuse
				  * would take as a path to another section's
				  * option ("account|aor = ...") */
};

#define BRACE_DEPTH_MAX 16

static size_t skip_to_close(const char *s, size_t len, size_t i, int *line)
{
	size_t j;

	for (j = i + 2; j < len && s[j] != '}'; j++)
		;
	if (j >= len)
		return i + 1;
	for (; i < j; i++)
		*line += s[i] == '\n';
	return j + 1;
}

/* The character classes of the comment pass, as tables: it asks them
 * of every character of the file. */
static const bool ends_word_at[256] = {
	/* what ends an unquoted word for libconfuse's lexer */
	['\0'] = true, [' '] = true, ['\t'] = true, ['\r'] = true,
	['\n'] = true, ['='] = true, ['{'] = true, ['}'] = true, ['('] = true,
	[')'] = true, ['+'] = true, [','] = true, ['*'] = true,
};
static const bool plain_special_at[256] = {
	/* what the pass acts on outside quotes */
	['"'] = true, ['\''] = true, ['#'] = true, ['/'] = true, ['$'] = true,
	['{'] = true, ['}'] = true, ['|'] = true, ['\n'] = true,
};
static const bool string_special_at[256] = {
	/* ...and in them */
	['\\'] = true, ['"'] = true, ['\''] = true, ['$'] = true,
	['\n'] = true,
};

static bool ends_word(char c)
{
	return ends_word_at[(unsigned char)c];
}

static bool plain_special(char c)
{
	return plain_special_at[(unsigned char)c];
}

static bool in_string_special(char c)
{
	return string_special_at[(unsigned char)c];
}

/* Overwrites comments with spaces (newlines kept), following the rules
 * of libconfuse's lexer for where a comment can start: "#", "//" and
 * "/ *" outside quoted strings and outside ${VAR} references. */
static void text_blank_comments(char *s, size_t len, struct text_scan *ts)
{
	enum { PLAIN, DQUOTE, SQUOTE } state = PLAIN;
	int opens[BRACE_DEPTH_MAX];
	int depth = 0, line = 1, start = 0;
	bool in_word = false;
	size_t i = 0;

	memset(ts, 0, sizeof(*ts));
	while (i < len) {
		char c = s[i];
		char next = i + 1 < len ? s[i + 1] : '\0';

		if (state != PLAIN && !in_string_special(c)) {
			while (++i < len && !in_string_special(s[i]))
				;
			continue;
		}
		if (state == PLAIN && !plain_special(c)) {
			/* a run of text nothing here acts on but the end of
			 * a word (the bulk of a large file) */
			while (++i < len && !plain_special(s[i]))
				;
			in_word = !ends_word(s[i - 1]);
			continue;
		}
		if (state != PLAIN) {
			if (c == '\\' && i + 1 < len) {
				line += next == '\n';
				i += 2;
			} else if ((state == DQUOTE && c == '"') ||
				   (state == SQUOTE && c == '\'')) {
				state = PLAIN;
				i++;
			} else if (state == DQUOTE && c == '$' && next == '{') {
				i = skip_to_close(s, len, i, &line);
			} else {
				line += c == '\n';
				i++;
			}
			continue;
		}

		if (c == '"' || c == '\'') {
			state = c == '"' ? DQUOTE : SQUOTE;
			start = line;
			in_word = false;
			i++;
		} else if (c == '#' || (c == '/' && next == '/')) {
			for (; i < len && s[i] != '\n'; i++)
				s[i] = ' ';
			in_word = false;
		} else if (c == '/' && next == '*') {
			start = line;
			s[i++] = ' ';
			s[i++] = ' ';
			while (i < len && !(s[i] == '*' && i + 1 < len &&
					    s[i + 1] == '/')) {
				if (s[i] == '\n')
					line++;
				else
					s[i] = ' ';
				i++;
			}
			if (i < len) {
				s[i++] = ' ';
				s[i++] = ' ';
			} else {
				ts->comment_line = start;
			}
			in_word = false;
		} else if (c == '$' && next == '{' && !in_word) {
			i = skip_to_close(s, len, i, &line);
			in_word = s[i - 1] != '}';
		} else {
			if (c == '{' && depth < BRACE_DEPTH_MAX)
				opens[depth] = line;
			if (c == '{')
				depth++;
			else if (c == '}' && depth > 0)
				depth--;
			if (c == '|' && !ts->pipe_line)
				ts->pipe_line = line;
			line += c == '\n';
			in_word = !ends_word(c);
			i++;
		}
	}
	if (state != PLAIN)
		ts->quote_line = start;
	if (depth > 0)
		ts->brace_line = opens[(depth < BRACE_DEPTH_MAX ?
				       depth : BRACE_DEPTH_MAX) - 1];
}

static int file_read(struct cfgfile *cf, char **textp, size_t *lenp)
{
	char *text = NULL, *grown;
	size_t len = 0, cap;
	ssize_t n;
	int fd, err = 0;

	fd = open(cf->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &cf->st) < 0) {
		err = errno;
		goto out;
	}
	if (S_ISDIR(cf->st.st_mode)) {
		err = EISDIR;
		goto out;
	}

	/* st_size is a hint only: the file may change, or be a pipe. */
	cap = cf->st.st_size > 0 && cf->st.st_size < CFGFILE_MAX_SIZE ?
		(size_t)cf->st.st_size + 1 : 4096;
	for (;;) {
		if (len + 1 >= cap || !text) {
			if (text)
				cap *= 2;
			grown = realloc(text, cap);
			if (!grown) {
				err = ENOMEM;
				goto out;
			}
			text = grown;
		}
		n = read(fd, text + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CFGFILE_MAX_SIZE) {
			err = EFBIG;
			goto out;
		}
	}
	text[len] = '\0';

out:
	close(fd);
	if (err) {
		free(text);
		return err;
	}
	*textp = text;
	*lenp = len;
	return 0;
}

int cfgfile_parse(struct cfgfile *cf, cfg_t *cfg)
{
	struct text_scan ts;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = NULL;
	int err, rc;

	cf->errors_before = cf->d->errors;
	cf->parsed = 0;
	cf->seen = NULL;

	err = file_read(cf, &text, &len);
	if (err) {
		cfgfile_error(cf, 0, "%s", strerror(err));
		return err;
	}
	text_blank_comments(text, len, &ts);
	if (ts.quote_line || ts.comment_line || ts.pipe_line) {
		if (ts.pipe_line)
			cfgfile_error(cf, ts.pipe_line,
				      "'|' is only allowed inside quotes");
		if (ts.quote_line)
			cfgfile_error(cf, ts.quote_line,
				      "string is never closed (missing quote)");
		if (ts.comment_line)
			cfgfile_error(cf, ts.comment_line,
				      "comment is never closed (missing */)");
		goto out;
	}

	free(cfg->filename);
	cfg->filename = strdup(cf->path);
	if (!cfg->filename) {
		err = ENOMEM;
		goto out;
	}
	cfg_set_error_function(cfg, error_route);

	if (len == 0) {
		cf->parsed = 1;
		goto out;
	}

	if (cf->lift_kind)
		cf->lift = cfglift_scan(text, &len, cf->lift_kind,
					cfg_getopt(cfg, cf->lift_kind),
					cf->path);
	fp = fmemopen(text, len, "r");
	if (!fp) {
		err = errno;
		goto out;
	}

	current = cf;
	rc = cfg_parse_fp(cfg, fp);
	current = NULL;
	opened_free(cf);
	if (rc != CFG_SUCCESS && !cfgfile_failed(cf))
		cfgfile_error(cf, cfg->line, "cannot parse this line");
	if (ts.brace_line)
		cfgfile_error(cf, ts.brace_line,
			      "'{' is never closed (missing '}')");
	else if (rc == CFG_SUCCESS)
		cf->parsed = 1;

out:
	current = NULL;
	cfglift_free(cf->lift);
	cf->lift = NULL;
	if (fp)
		fclose(fp);
	free(text);
	opened_free(cf);
	if (err)
		cfgfile_error(cf, 0, "%s", strerror(err));
	else if (cfgfile_failed(cf))
		err = EINVAL;
	return err;
}
