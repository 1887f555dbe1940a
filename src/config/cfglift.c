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
	const char *name;
	const char *value;
	int line;                /* of the value, as libconfuse counts */
};

struct lifted_section {
	const char *title;
	int open_line;           /* of its '{' */
	int close_line;          /* of its '}' */
	size_t first, n;         /* its fields */
	size_t start, end;       /* its bytes in the text: KIND .. '}' */
	size_t title_end;        /* just after the title's token */
};

struct cfglift {
	char *copy;              /* the text, tokens ended by NULs */
	struct lifted_section *sections;
	size_t n_sections, cap_sections, next;
	struct lifted_field *fields;
	size_t n_fields, cap_fields;
	cfg_t *scratch;          /* one section of the kind, reused */
	cfg_opt_t **touched;     /* its options the last section set */
	size_t n_touched, cap_touched;
	const char *kind;
};

struct scan {
	const char *t;           /* the text */
	char *copy;
	size_t len, i;
	int line;
};

static bool is_space(char c)
{
	/* libconfuse skips blanks and newlines, and eats a '\r' */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A character of an unquoted string, as libconfuse's lexer has it. */
static bool is_word(char c)
{
	return c != '\0' && !strchr(" \t\n\r\"'={}()+,*#", c);
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

			if (c == '"')
				break;
			if (c == '\\' || c == '\n')
				return NULL;
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

/* An option the reused section can take as libconfuse's parser would:
 * a single value of a plain type. */
static bool option_liftable(cfg_t *sec, const char *name)
{
	size_t i;

	for (i = 0; sec->opts[i].name; i++) {
		const cfg_opt_t *o = &sec->opts[i];

		if (strcmp(o->name, name))
			continue;
		return (o->type == CFGT_STR || o->type == CFGT_INT ||
			o->type == CFGT_BOOL || o->type == CFGT_FLOAT) &&
			!(o->flags & (CFGF_LIST | CFGF_DEPRECATED |
				      CFGF_DROP)) &&
			!o->simple_value.ptr;
	}
	return false;
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

	skip_space(s);
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
		f.name = s->copy + name_start;
		if (!option_liftable(l->scratch, f.name))
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

/* The sections as the hidden option: "NAME=" over the kind's name, the
 * title where it was, the body blanked with its line breaks kept. */
static void text_rewrite(const struct cfglift *l, char *text)
{
	size_t k, i;

	for (k = 0; k < l->n_sections; k++) {
		const struct lifted_section *sec = &l->sections[k];

		memcpy(text + sec->start, CFGLIFT_NAME "=", strlen(l->kind));
		for (i = sec->title_end; i < sec->end; i++) {
			if (text[i] != '\n')
				text[i] = ' ';
		}
	}
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

struct cfglift *cfglift_scan(char *text, size_t len, const char *kind,
			     cfg_opt_t *kind_opt, const char *path)
{
	struct cfglift *l;
	struct scan s = { .t = text, .len = len, .line = 1 };

	/* ${VAR} is read by libconfuse's lexer, in and out of strings */
	if (!kind_opt || strlen(kind) != strlen(CFGLIFT_NAME "=") ||
	    memchr(text, '\0', len) || memmem(text, len, "${", 2))
		return NULL;
	l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->kind = kind;
	l->copy = malloc(len + 1);
	/* cfg_init parses the section's defaults, our mark's among them,
	 * before any file is current: nothing is noted */
	l->scratch = l->copy ? cfg_init(kind_opt->subopts, CFGF_NONE) : NULL;
	if (!l->scratch) {
		cfglift_free(l);
		return NULL;
	}
	memcpy(l->copy, text, len);
	l->copy[len] = '\0';
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
	text_rewrite(l, text);
	return l;
}

void cfglift_free(struct cfglift *l)
{
	if (!l)
		return;
	if (l->scratch) {
		free(l->scratch->title);
		l->scratch->title = NULL;
		cfg_free(l->scratch);
	}
	free(l->touched);
	free(l->fields);
	free(l->sections);
	free(l->copy);
	free(l);
}

size_t cfglift_count(const struct cfglift *l)
{
	return l ? l->n_sections : 0;
}

/* The reused section back to its defaults, as a new one would be. */
static void scratch_reset(struct cfglift *l)
{
	size_t k;

	for (k = 0; k < l->n_touched; k++) {
		cfg_opt_t *o = l->touched[k];

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
	l->n_touched = 0;
}

/* One value, as libconfuse's parser sets it; -1 stops the parse. */
static int field_set(struct cfglift *l, const struct lifted_field *f)
{
	cfg_t *sec = l->scratch;
	cfg_opt_t *o = cfg_getopt(sec, f->name);

	if (!o || !grow((void **)&l->touched, &l->cap_touched, l->n_touched,
			sizeof(*l->touched)))
		return -1;
	l->touched[l->n_touched++] = o;
	sec->line = f->line;
	o->flags |= CFGF_RESET | CFGF_MODIFIED;
	if (!cfg_setopt(sec, o, f->value))
		return -1;
	if (o->validcb && o->validcb(sec, o) != 0)
		return -1;
	return 0;
}

int cfglift_parse(cfg_t *cfg, cfg_opt_t *opt, const char *value,
		  void *result)
{
	struct cfgfile *cf = cfgfile_current();
	struct cfglift *l = cf ? cf->lift : NULL;
	const struct lifted_section *sec;
	cfg_opt_t *kind_opt;
	size_t k;
	int line, err = 0;

	if (!l || l->next >= l->n_sections || !value ||
	    strcmp(value, l->sections[l->next].title)) {
		cfg_error(cfg, "no such option '%s'", opt->name);
		return -1;
	}
	sec = &l->sections[l->next++];
	*(const char **)result = value;

	/* opened: the open handler, as the section mark would call it */
	free(l->scratch->title);
	l->scratch->title = strdup(sec->title);
	if (!l->scratch->title)
		return -1;
	scratch_reset(l);
	l->scratch->line = sec->open_line;
	cfgfile_section_open(cf, l->scratch, sec->open_line);

	for (k = 0; k < sec->n && !err; k++)
		err = field_set(l, &l->fields[sec->first + k]);
	if (err)
		return -1;

	/* closed: the kind's validate callback on the root, at the line of
	 * the '}'; the root's own count of lines goes on after */
	kind_opt = cfg_getopt(cfg, l->kind);
	line = cfg->line;
	cfg->line = sec->close_line;
	err = kind_opt && kind_opt->validcb ? kind_opt->validcb(cfg, kind_opt) :
		0;
	cfg->line = line;
	if (err)
		return -1;
	if (cf->liftedh)
		cf->liftedh(cf, l->scratch, sec->open_line);
	return 0;
}
