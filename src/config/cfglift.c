/*
 * cfglift.c — finding the simple sections of a kind at the top of a
 * file (a small tokenizer that follows libconfuse's lexer), and reading
 * them one by one as libconfuse's parse reaches their placeholders.
 */
#define _GNU_SOURCE 1   /* memmem */
#include "cfglift.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "core/name_index.h"

struct lifted_field {
	cfg_opt_t *opt;          /* of the reused section */
	const char *value;
	int line;                /* of the value, as libconfuse counts */
};

struct lifted_section {
	const char *title;
	int title_line;          /* where libconfuse reads the title */
	int open_line;           /* of its '{' */
	int close_line;          /* of its '}' */
	size_t first, n;         /* its fields */
	size_t start, end;       /* its bytes in the text: KIND .. '}' */
	size_t title_end;        /* just after the title's token */
	bool follows;            /* only blanks since the one before */
};

struct cfglift {
	char *copy;              /* the text, tokens ended by NULs */
	struct lifted_section *sections;
	size_t n_sections, cap_sections, next;
	struct lifted_field *fields;
	size_t n_fields, cap_fields;
	cfg_t *scratch;          /* one section of the kind, reused */
	struct name_index opts;  /* its options that can be lifted, by name */
	size_t last_end;         /* just after the last section lifted */
	cfg_opt_t *kind_opt;     /* the root's option of the kind */
	const char *kind;
};

struct scan {
	const char *t;           /* the text */
	char *copy;
	size_t len, i;
	int line;
};

/* Blanks libconfuse skips (it eats a '\r' too), and what ends an
 * unquoted string in its lexer: tables, asked of every character. */
static const bool space_at[256] = {
	[' '] = true, ['\t'] = true, ['\n'] = true, ['\r'] = true,
};
static const bool not_word_at[256] = {
	['\0'] = true, [' '] = true, ['\t'] = true, ['\n'] = true,
	['\r'] = true, ['"'] = true, ['\''] = true, ['='] = true, ['{'] = true,
	['}'] = true, ['('] = true, [')'] = true, ['+'] = true, [','] = true,
	['*'] = true, ['#'] = true,
};

/* In a quoted token: its end, or what makes it no plain one. */
static const bool quote_special_at[256] = {
	['"'] = true, ['\\'] = true, ['\n'] = true,
};

static bool is_space(char c)
{
	return space_at[(unsigned char)c];
}

/* A character of an unquoted string, as libconfuse's lexer has it. */
static bool is_word(char c)
{
	return !not_word_at[(unsigned char)c];
}

static void skip_space(struct scan *s)
{
	while (s->i < s->len && is_space(s->t[s->i])) {
		s->line += s->t[s->i] == '\n';
		s->i++;
	}
}

static char peek(const struct scan *s)
{
	return s->i < s->len ? s->t[s->i] : '\0';
}

/* Any quoted string, escapes and ${VAR} included; false if unclosed. */
static bool skip_string(struct scan *s)
{
	char q = s->t[s->i++];

	while (s->i < s->len) {
		char c = s->t[s->i];

		if (c == '\\' && s->i + 1 < s->len) {
			s->line += s->t[s->i + 1] == '\n';
			s->i += 2;
			continue;
		}
		if (c == q) {
			s->i++;
			return true;
		}
		s->line += c == '\n';
		s->i++;
	}
	return false;
}

/* A whole braced block (a section body, a list); false if unclosed. */
static bool skip_block(struct scan *s)
{
	int depth = 0;

	while (s->i < s->len) {
		char c = s->t[s->i];

		if (c == '"' || c == '\'') {
			if (!skip_string(s))
				return false;
			continue;
		}
		s->line += c == '\n';
		s->i++;
		if (c == '{')
			depth++;
		else if (c == '}' && --depth == 0)
			return true;
	}
	return false;
}

/* A value or title lifted as is: a double-quoted string without
 * escapes or line breaks, or an unquoted word. Returns it NUL-ended in
 * the copy (the scan reads the text, never the copy), or NULL. */
static const char *plain_token(struct scan *s)
{
	size_t start = s->i;

	if (peek(s) == '"') {
		for (s->i++; s->i < s->len; s->i++) {
			char c = s->t[s->i];

			if (!quote_special_at[(unsigned char)c])
				continue;
			if (c == '"')
				break;
			return NULL;   /* an escape or a line break */
		}
		if (s->i >= s->len)
			return NULL;
		s->copy[s->i++] = '\0';
		return s->copy + start + 1;
	}
	while (s->i < s->len && is_word(s->t[s->i]))
		s->i++;
	if (s->i == start)
		return NULL;
	s->copy[s->i] = '\0';
	return s->copy + start;
}

/* The options the reused section can take as libconfuse's parser
 * would: a single value of a plain type. */
static int options_index(struct cfglift *l)
{
	cfg_t *sec = l->scratch;
	size_t i;

	for (i = 0; sec->opts[i].name; i++) {
		const cfg_opt_t *o = &sec->opts[i];

		if ((o->type == CFGT_STR || o->type == CFGT_INT ||
		     o->type == CFGT_BOOL || o->type == CFGT_FLOAT) &&
		    !(o->flags & (CFGF_LIST | CFGF_DEPRECATED | CFGF_DROP)) &&
		    !o->simple_value.ptr &&
		    name_index_put(&l->opts, o->name, i))
			return -1;
	}
	return 0;
}

/* NAME's option if the reused section can take it, else NULL. */
static cfg_opt_t *option_liftable(struct cfglift *l, const char *name)
{
	size_t i;

	return name_index_find(&l->opts, name, &i) ? &l->scratch->opts[i] :
		NULL;
}

/* The option of field K of the section being read, named NAME: the
 * sections of a large file repeat their options in one order, so the
 * one before is asked first. */
static cfg_opt_t *field_option(struct cfglift *l, size_t k, const char *name)
{
	const struct lifted_section *prev = l->n_sections ?
		&l->sections[l->n_sections - 1] : NULL;

	if (prev && k < prev->n &&
	    !strcmp(l->fields[prev->first + k].opt->name, name))
		return l->fields[prev->first + k].opt;
	return option_liftable(l, name);
}

/* Only blanks in TEXT from FROM to TO. */
static bool blank_between(const char *text, size_t from, size_t to)
{
	for (; from < to; from++) {
		if (!is_space(text[from]))
			return false;
	}
	return true;
}

static bool grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void *bigger;
	size_t more;

	if (n < *cap)
		return true;
	more = *cap ? *cap * 2 : 256;
	bigger = realloc(*arr, more * size);
	if (!bigger)
		return false;
	*arr = bigger;
	*cap = more;
	return true;
}

/* KIND "title" { name = value ... } from its name at START; false if it
 * is anything else (the file is then left to libconfuse). */
static bool section_lift(struct cfglift *l, struct scan *s, size_t start)
{
	struct lifted_section sec = { .start = start };

	sec.follows = l->n_sections && blank_between(s->t, l->last_end, start);
	skip_space(s);
	sec.title_line = s->line;
	sec.title = plain_token(s);
	if (!sec.title)
		return false;
	sec.title_end = s->i;
	skip_space(s);
	if (peek(s) != '{')
		return false;
	sec.open_line = s->line;
	s->i++;
	sec.first = l->n_fields;
	for (;;) {
		struct lifted_field f;
		size_t name_start;

		skip_space(s);
		if (peek(s) == '}')
			break;
		name_start = s->i;
		while (s->i < s->len && is_word(s->t[s->i]))
			s->i++;
		if (s->i == name_start)
			return false;
		s->copy[s->i] = '\0';
		f.opt = field_option(l, l->n_fields - sec.first,
				     s->copy + name_start);
		if (!f.opt)
			return false;
		skip_space(s);
		if (peek(s) != '=')
			return false;
		s->i++;
		skip_space(s);
		f.line = s->line;
		f.value = plain_token(s);
		if (!f.value)
			return false;
		if (!grow((void **)&l->fields, &l->cap_fields, l->n_fields,
			  sizeof(f)))
			return false;
		l->fields[l->n_fields++] = f;
	}
	sec.close_line = s->line;
	sec.end = ++s->i;
	l->last_end = sec.end;
	sec.n = l->n_fields - sec.first;
	if (!grow((void **)&l->sections, &l->cap_sections, l->n_sections,
		  sizeof(sec)))
		return false;
	l->sections[l->n_sections++] = sec;
	return true;
}

/* libconfuse's top level, token by token: an option name (or a
 * section's), then '=' and a value or list, a block, or a title and a
 * block. A section of KIND is lifted; anything this does not follow
 * leaves the whole file to libconfuse. */
static bool top_level_scan(struct cfglift *l, struct scan *s)
{
	enum { NAME, AFTER_NAME, VALUE, AFTER_TITLE } state = NAME;

	for (;;) {
		size_t start;
		char c;

		skip_space(s);
		if (s->i >= s->len)
			return state == NAME;
		c = s->t[s->i];
		start = s->i;
		if (c == '"' || c == '\'') {
			bool kind = state == NAME;

			if (!skip_string(s))
				return false;
			/* a quoted name of the kind would not be lifted */
			if (kind && s->i - start - 2 == strlen(l->kind) &&
			    !memcmp(s->t + start + 1, l->kind, s->i - start - 2))
				return false;
			if (state == AFTER_TITLE)
				return false;
			state = state == NAME ? AFTER_NAME :
				state == AFTER_NAME ? AFTER_TITLE : NAME;
			continue;
		}
		if (is_word(c)) {
			size_t n;

			while (s->i < s->len && is_word(s->t[s->i]))
				s->i++;
			n = s->i - start;
			if (state == NAME && n == strlen(l->kind) &&
			    !memcmp(s->t + start, l->kind, n)) {
				if (!section_lift(l, s, start))
					return false;
				continue;
			}
			if (state == AFTER_TITLE)
				return false;
			state = state == NAME ? AFTER_NAME :
				state == AFTER_NAME ? AFTER_TITLE : NAME;
			continue;
		}
		if (c == '=' && state == AFTER_NAME) {
			s->i++;
			state = VALUE;
		} else if (c == '+' && state == AFTER_NAME && s->i + 1 < s->len &&
			   s->t[s->i + 1] == '=') {
			s->i += 2;
			state = VALUE;
		} else if (c == '{' && state != NAME) {
			if (!skip_block(s))
				return false;
			state = NAME;
		} else {
			return false;
		}
	}
}

/* The sections as the hidden option: "NAME=" over the first one's kind
 * name, its title where it was; the rest of a run of sections with only
 * blanks between them is cut down to its line breaks, which keeps
 * libconfuse's count of lines and gives its lexer one token for the
 * lot. Returns the new length of TEXT. */
static size_t text_rewrite(const struct cfglift *l, char *text, size_t len)
{
	size_t k = 0, from = 0, to = 0, i;
	const char *nl;

	while (k < l->n_sections) {
		const struct lifted_section *sec = &l->sections[k];

		/* what comes before the run, as it was */
		memmove(text + to, text + from, sec->start - from);
		to += sec->start - from;
		memcpy(text + to, CFGLIFT_NAME "=", strlen(l->kind));
		i = sec->start + strlen(l->kind);
		memmove(text + to + strlen(l->kind), text + i,
			sec->title_end - i);
		to += sec->title_end - sec->start;
		i = sec->title_end;
		do
			sec = &l->sections[++k - 1];
		while (k < l->n_sections && l->sections[k].follows);
		while ((nl = memchr(text + i, '\n', sec->end - i))) {
			text[to++] = '\n';
			i = (size_t)(nl - text) + 1;
		}
		from = sec->end;
	}
	memmove(text + to, text + from, len - from);
	return to + len - from;
}

static bool titles_distinct(const struct cfglift *l)
{
	struct name_index seen;
	bool distinct = true;
	size_t k;

	name_index_init(&seen);
	for (k = 0; k < l->n_sections && distinct; k++) {
		distinct = !name_index_find(&seen, l->sections[k].title,
					    NULL) &&
			!name_index_put(&seen, l->sections[k].title, k);
	}
	name_index_free(&seen);
	return distinct;
}

/* ${VAR} is read by libconfuse's lexer, in and out of strings; the
 * hidden option written by hand must stay libconfuse's error. */
static bool text_liftable(const char *text, size_t len)
{
	const char *p, *end = text + len;

	if (memchr(text, '\0', len))
		return false;
	for (p = text; (p = memchr(p, '$', (size_t)(end - p))); p++) {
		if (p + 1 < end && p[1] == '{')
			return false;
	}
	for (p = text; (p = memchr(p, '_', (size_t)(end - p))); p++) {
		if ((size_t)(end - p) >= strlen(CFGLIFT_NAME) &&
		    !memcmp(p, CFGLIFT_NAME, strlen(CFGLIFT_NAME)))
			return false;
	}
	return true;
}

struct cfglift *cfglift_scan(char *text, size_t *len, const char *kind,
			     cfg_opt_t *kind_opt, const char *path)
{
	struct cfglift *l;
	struct scan s = { .t = text, .len = *len, .line = 1 };

	if (!kind_opt || strlen(kind) != strlen(CFGLIFT_NAME "=") ||
	    !text_liftable(text, *len))
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	name_index_init(&l->opts);
	l->kind = kind;
	l->copy = malloc(*len + 1);
	/* cfg_init parses the section's defaults, our mark's among them,
	 * before any file is current: nothing is noted */
	l->scratch = l->copy ? cfg_init(kind_opt->subopts, CFGF_NONE) : NULL;
	if (!l->scratch || options_index(l)) {
		cfglift_free(l);
		return NULL;
	}
	memcpy(l->copy, text, *len);
	l->copy[*len] = '\0';
	s.copy = l->copy;
	if (!top_level_scan(l, &s) || !l->n_sections ||
	    !titles_distinct(l)) {
		cfglift_free(l);
		return NULL;
	}
	free(l->scratch->name);
	l->scratch->name = strdup(kind);
	free(l->scratch->filename);
	l->scratch->filename = path ? strdup(path) : NULL;
	if (!l->scratch->name) {
		cfglift_free(l);
		return NULL;
	}
	cfgfile_route_errors(l->scratch);
	*len = text_rewrite(l, text, *len);
	return l;
}

void cfglift_free(struct cfglift *l)
{
	if (!l)
		return;
	if (l->scratch) {
		/* the title is the copy's (section_read), not libconfuse's */
		l->scratch->title = NULL;
		cfg_free(l->scratch);
	}
	name_index_free(&l->opts);
	free(l->fields);
	free(l->sections);
	free(l->copy);
	free(l);
}

size_t cfglift_count(const struct cfglift *l)
{
	return l ? l->n_sections : 0;
}

/* The reused section back to its defaults, as a new one would be, for
 * the options PREV set that SEC does not (SEC sets the others again). */
static void scratch_reset(struct cfglift *l,
			  const struct lifted_section *prev,
			  const struct lifted_section *sec)
{
	size_t k, j;

	for (k = 0; prev && k < prev->n; k++) {
		cfg_opt_t *o = l->fields[prev->first + k].opt;
		bool again = false;

		for (j = 0; j < sec->n && !again; j++)
			again = l->fields[sec->first + j].opt == o;
		if (again)
			continue;
		cfg_free_value(o);
		switch (o->type) {
		case CFGT_INT:
			cfg_opt_setnint(o, o->def.number, 0);
			break;
		case CFGT_FLOAT:
			cfg_opt_setnfloat(o, o->def.fpnumber, 0);
			break;
		case CFGT_BOOL:
			cfg_opt_setnbool(o, o->def.boolean, 0);
			break;
		default:
			cfg_opt_setnstr(o, o->def.string, 0);
			break;
		}
		o->flags |= CFGF_RESET;
		o->flags &= ~CFGF_MODIFIED;
	}
}

/* One value, as libconfuse's parser sets it (a single value replaced
 * in place); -1 stops the parse. */
static int field_set(struct cfglift *l, const struct lifted_field *f)
{
	cfg_t *sec = l->scratch;
	cfg_opt_t *o = f->opt;

	sec->line = f->line;
	o->flags |= CFGF_MODIFIED;
	if (!cfg_setopt(sec, o, f->value))
		return -1;
	if (o->validcb && o->validcb(sec, o) != 0)
		return -1;
	return 0;
}

/* Section K, as libconfuse would read it with its root CFG at the line
 * of the title (where it is left); -1 stops the parse. */
static int section_read(struct cfgfile *cf, struct cfglift *l, cfg_t *cfg,
			size_t k)
{
	const struct lifted_section *sec = &l->sections[k];
	cfg_opt_t *kind_opt;
	size_t i;
	int err = 0;

	cfg->line = sec->title_line;
	/* opened: the open handler, as the section mark would call it */
	/* lent from the copy, which outlives the parse */
	l->scratch->title = (char *)sec->title;
	scratch_reset(l, k ? &l->sections[k - 1] : NULL, sec);
	l->scratch->line = sec->open_line;
	/* every section of the kind is lifted and their titles differ
	 * (cfglift_scan): none was opened before */
	if (cf->openh)
		cf->openh(cf, l->scratch, sec->open_line, 0);

	for (i = 0; i < sec->n && !err; i++)
		err = field_set(l, &l->fields[sec->first + i]);
	if (err)
		return -1;

	/* closed: the kind's validate callback on the root, at the line of
	 * the '}' */
	if (!l->kind_opt)
		l->kind_opt = cfg_getopt(cfg, l->kind);
	kind_opt = l->kind_opt;
	cfg->line = sec->close_line;
	err = kind_opt && kind_opt->validcb ? kind_opt->validcb(cfg, kind_opt) :
		0;
	cfg->line = sec->title_line;
	if (err)
		return -1;
	if (cf->liftedh)
		cf->liftedh(cf, l->scratch, sec->open_line);
	return 0;
}

int cfglift_parse(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		  void *result)
{
	struct cfgfile *cf = cfgfile_current();
	struct cfglift *l = cf ? cf->lift : NULL;
	int line = cfg->line, err;

	if (!l || l->next >= l->n_sections || !value ||
	    strcmp(value, l->sections[l->next].title)) {
		cfg_error(cfg, "no such option '%s'", opt->name);
		return -1;
	}
	*(const char **)result = value;
	/* the run of sections this one stands for; the root's own count of
	 * lines goes on after */
	do
		err = section_read(cf, l, cfg, l->next++);
	while (!err && l->next < l->n_sections &&
	       l->sections[l->next].follows);
	if (!err)
		cfg->line = line;
	return err;
}
