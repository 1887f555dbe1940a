/*
 * directory.c — more extensions from a CSV file (an export from the
 * company directory). One bad row must not cost the operator the other
 * few thousand: it is reported with its line and skipped. After the
 * five columns every file has, a file may add, in any order, vip and
 * priority (callers who go ahead in the queue) and the directory's
 * fields (contact_conf.c): mobile, home, other, aliases, company,
 * email, note, external, deputy. A uri may be empty: a contact without
 * a SIP extension, dialled at their number and never watched.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "checks.h"
#include "config.h"
#include "contact_conf.h"
#include "core/name_index.h"

enum { COL_NUMBER, COL_NAME, COL_DEPARTMENT, COL_URI, COL_VOICEMAIL,
       COL_REQUIRED,
       COL_VIP = COL_REQUIRED, COL_PRIORITY, COL_CONTACT,
       COL_COUNT = COL_CONTACT + 9 };

/* the directory's columns follow vip and priority, in the order of
 * contact_field_names */
static const char *const columns[COL_COUNT] = {
	"number", "name", "department", "uri", "voicemail", "vip", "priority",
	"mobile", "home", "other", "aliases", "company", "email", "note",
	"external", "deputy",
};

/* The columns this file has: where each is (-1: absent), and the header
 * as the file writes it, for messages. */
struct header {
	int at[COL_COUNT];
	size_t count;
	char text[256];
};

#define FIELD_MAX 512

struct row {
	char field[COL_COUNT][FIELD_MAX];
	size_t count;          /* fields found on the line */
	bool too_long;
	bool bad_quote;
};

/* Splits one CSV line: commas, fields in double quotes with "" for a
 * quote, surrounding blanks of unquoted fields trimmed. */
static void row_split(const char *line, struct row *r)
{
	const char *p = line;

	memset(r, 0, sizeof(*r));
	for (;;) {
		char buf[FIELD_MAX];
		size_t n = 0;
		bool quoted = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '"') {
			quoted = true;
			p++;
			for (;;) {
				if (!*p) {
					r->bad_quote = true;
					break;
				}
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"') {
					p++;
					break;
				}
				if (n + 1 < sizeof(buf))
					buf[n++] = *p;
				else
					r->too_long = true;
				p++;
			}
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p && *p != ',')
				r->bad_quote = true;
		}
		while (*p && *p != ',') {
			if (n + 1 < sizeof(buf))
				buf[n++] = *p;
			else
				r->too_long = true;
			p++;
		}
		while (!quoted && n > 0 &&
		       (buf[n - 1] == ' ' || buf[n - 1] == '\t'))
			n--;
		buf[n] = '\0';
		if (r->count < COL_COUNT)
			snprintf(r->field[r->count], FIELD_MAX, "%s", buf);
		r->count++;
		if (*p != ',')
			break;
		p++;
	}
}

/* Fills H from the header row; when it is not one, says why in WHY
 * (the five columns in order, then the optional ones, each at most
 * once) and returns false. */
static bool header_parse(const struct row *r, struct header *h,
			 char *why, size_t whysz)
{
	size_t i, c;

	why[0] = '\0';
	for (c = 0; c < COL_COUNT; c++)
		h->at[c] = c < COL_REQUIRED ? (int)c : -1;
	h->count = r->count;
	snprintf(h->text, sizeof(h->text), "number,name,department,uri,"
		 "voicemail");
	if (r->count < COL_REQUIRED)
		return false;
	for (c = 0; c < COL_REQUIRED; c++) {
		if (strcasecmp(r->field[c], columns[c]))
			return false;
	}
	if (r->count > COL_COUNT) {
		snprintf(why, whysz, "the header has %zu columns (at most "
			 "%d)", r->count, COL_COUNT);
		return false;
	}
	for (i = COL_REQUIRED; i < r->count; i++) {
		for (c = COL_REQUIRED; c < COL_COUNT &&
		     strcasecmp(r->field[i], columns[c]); c++)
			;
		if (c == COL_COUNT) {
			snprintf(why, whysz, "column '%s' is not one of vip, "
				 "priority, mobile, home, other, aliases, "
				 "company, email, note, external, deputy",
				 r->field[i]);
			return false;
		}
		if (h->at[c] >= 0) {
			snprintf(why, whysz, "column '%s' is given twice",
				 columns[c]);
			return false;
		}
		h->at[c] = (int)i;
		snprintf(h->text + strlen(h->text),
			 sizeof(h->text) - strlen(h->text), ",%s",
			 columns[c]);
	}
	return true;
}

/* Column C of the row, "" when the file has no such column. */
static const char *cell(const struct row *r, const struct header *h,
			int c)
{
	return h->at[c] < 0 ? "" : r->field[h->at[c]];
}

/* A vip cell: empty is no. Returns -1 when it is not yes or no. */
static int vip_parse(const char *v)
{
	return contact_yes_no(v);
}

/* A priority cell: empty is 0. Returns -1 when it is not 0-9. */
static int priority_parse(const char *v)
{
	if (!v[0])
		return 0;
	if (v[1] || v[0] < '0' || v[0] > '0' + SETTINGS_PRIORITY_MAX)
		return -1;
	return v[0] - '0';
}

/* The numbers already in the directory: an index over the extension
 * array, rebuilt whenever the array moves (it grows by doubling). */
struct numbers {
	struct name_index ix;
	const struct extension *indexed;  /* the array the keys point into */
	size_t cap;                        /* room in cfg->extensions */
};

static int numbers_sync(struct numbers *nb, const struct cb_config *cfg)
{
	size_t i;

	if (nb->indexed != cfg->extensions) {
		name_index_clear(&nb->ix);
		for (i = 0; i + 1 < cfg->n_extensions; i++) {
			if (name_index_put(&nb->ix, cfg->extensions[i].number,
					   i))
				return ENOMEM;
		}
		nb->indexed = cfg->extensions;
	}
	/* the newest, or (first call) the last of those already there */
	if (cfg->n_extensions &&
	    name_index_put(&nb->ix,
			   cfg->extensions[cfg->n_extensions - 1].number,
			   cfg->n_extensions - 1))
		return ENOMEM;
	return 0;
}

static bool number_taken(const struct numbers *nb, const char *number)
{
	return name_index_find(&nb->ix, number, NULL);
}

/* Why a row cannot be used, or NULL. */
static const char *row_problem(const struct numbers *nb,
			       const struct header *h, const struct row *r,
			       char *buf, size_t sz)
{

	if (r->bad_quote)
		return "unbalanced quotes";
	if (r->count != h->count) {
		snprintf(buf, sz, "%zu fields, expected %zu (%s)", r->count,
			 h->count, h->text);
		return buf;
	}
	if (r->too_long ||
	    strlen(r->field[COL_NUMBER]) >= EXT_NUMBER_SIZE ||
	    strlen(r->field[COL_NAME]) >= EXT_NAME_SIZE ||
	    strlen(r->field[COL_DEPARTMENT]) >= EXT_DEPARTMENT_SIZE ||
	    strlen(r->field[COL_URI]) >= EXT_URI_SIZE ||
	    strlen(r->field[COL_VOICEMAIL]) >= EXT_VOICEMAIL_SIZE)
		return "a field is too long";
	for (size_t i = 0; i < COL_COUNT; i++) {
		if (config_has_control(cell(r, h, (int)i))) {
			snprintf(buf, sz, "%s contains a control character or "
				 "invalid UTF-8", columns[i]);
			return buf;
		}
	}
	if (!config_number_valid(r->field[COL_NUMBER])) {
		snprintf(buf, sz, "number '%s' is not a number (digits, "
			 "optionally with * # +)", r->field[COL_NUMBER]);
		return buf;
	}
	if (r->field[COL_URI][0] && !config_sip_uri_valid(r->field[COL_URI])) {
		snprintf(buf, sz, "uri '%s' is not a sip: or sips: URI with a "
			 "host", r->field[COL_URI]);
		return buf;
	}
	if (r->field[COL_VOICEMAIL][0] &&
	    !config_sip_uri_valid(r->field[COL_VOICEMAIL])) {
		snprintf(buf, sz, "voicemail '%s' is not a sip: or sips: URI "
			 "with a host", r->field[COL_VOICEMAIL]);
		return buf;
	}
	if (vip_parse(cell(r, h, COL_VIP)) < 0) {
		snprintf(buf, sz, "vip '%s' is not yes or no",
			 cell(r, h, COL_VIP));
		return buf;
	}
	if (priority_parse(cell(r, h, COL_PRIORITY)) < 0) {
		snprintf(buf, sz, "priority '%s' is not a number from 0 to %d",
			 cell(r, h, COL_PRIORITY), SETTINGS_PRIORITY_MAX);
		return buf;
	}
	for (int c = COL_CONTACT; c < COL_COUNT; c++) {
		if (contact_field_bad(columns[c], cell(r, h, c), buf, sz))
			return buf;
	}
	if (number_taken(nb, r->field[COL_NUMBER])) {
		snprintf(buf, sz, "extension '%s' is already defined",
			 r->field[COL_NUMBER]);
		return buf;
	}
	return NULL;
}

static int extension_append(struct cb_config *cfg, struct numbers *nb,
			    const struct header *h, const struct row *r)
{
	struct extension *grown, *e;

	if (cfg->n_extensions == nb->cap) {
		size_t cap = nb->cap < 64 ? 64 : nb->cap * 2;

		grown = realloc(cfg->extensions, cap * sizeof(*grown));
		if (!grown)
			return ENOMEM;
		cfg->extensions = grown;
		nb->cap = cap;
	}
	e = &cfg->extensions[cfg->n_extensions++];
	ext_init(e);
	ext_text_set(e, &e->number, r->field[COL_NUMBER]);
	ext_text_set(e, &e->name, r->field[COL_NAME]);
	ext_text_set(e, &e->department, r->field[COL_DEPARTMENT]);
	ext_text_set(e, &e->uri, r->field[COL_URI]);
	ext_text_set(e, &e->voicemail, r->field[COL_VOICEMAIL]);
	e->vip = vip_parse(cell(r, h, COL_VIP)) == 1;
	e->priority = priority_parse(cell(r, h, COL_PRIORITY));
	for (int c = COL_CONTACT; c < COL_COUNT; c++)
		contact_field_set(e, columns[c], cell(r, h, c));
	e->presence = PRESENCE_UNKNOWN;
	e->line_state = EXT_LINE_UNKNOWN;
	/* the board watches everyone it lists who has a phone to watch */
	e->watch_presence = true;
	e->watch_dialog = true;
	contact_watch_fix(e);
	ext_texts_pack(e);
	return numbers_sync(nb, cfg);
}

bool config_directory_path(const struct cb_config *cfg, char *out,
			   size_t sz)
{
	const char *slash = strrchr(cfg->path, '/');
	int n;

	if (cfg->directory_file[0] == '/' || !slash)
		n = snprintf(out, sz, "%s", cfg->directory_file);
	else
		n = snprintf(out, sz, "%.*s/%s", (int)(slash - cfg->path),
			     cfg->path, cfg->directory_file);
	if (n >= 0 && (size_t)n < sz)
		return true;
	out[0] = '\0';
	return false;
}

/* A deputy must be someone in the directory (this file or
 * cordboard.conf): checked once every row is read, at the row's LINE. */
static int deputies_check(const struct cb_config *cfg,
			  const struct numbers *nb, size_t first,
			  const int *lines, const char *path, struct diag *d)
{
	int err = 0;
	size_t i;

	for (i = first; i < cfg->n_extensions; i++) {
		const struct extension *e = &cfg->extensions[i];

		if (!e->deputy[0] || number_taken(nb, e->deputy))
			continue;
		diag_add(d, DIAG_ERROR, path, lines[i - first], "deputy '%s' "
			 "of %s is no extension of the directory", e->deputy,
			 e->number);
		err = EINVAL;
	}
	return err;
}

int directory_load(struct cb_config *cfg, struct diag *d)
{
	size_t first = cfg->n_extensions;
	char path[PATH_MAX], why[320];
	char *line = NULL;
	size_t cap = 0;
	struct header h;
	bool header = false;
	int lineno = 0, err = 0;
	struct numbers nb = { .cap = cfg->n_extensions };
	size_t lines_cap = 0;
	int *lines = NULL;
	ssize_t n;
	FILE *fp;

	name_index_init(&nb.ix);
	if (numbers_sync(&nb, cfg)) {
		diag_add(d, DIAG_ERROR, cfg->path, 0, "%s", strerror(ENOMEM));
		return ENOMEM;
	}
	if (!config_directory_path(cfg, path, sizeof(path))) {
		diag_add(d, DIAG_ERROR, cfg->path, 0, "directory_file %s: "
			 "the path is too long", cfg->directory_file);
		name_index_free(&nb.ix);
		return ENAMETOOLONG;
	}
	fp = fopen(path, "re");
	if (!fp) {
		err = errno;
		diag_add(d, DIAG_ERROR, cfg->path, 0,
			 "directory_file %s: %s", path, strerror(err));
		name_index_free(&nb.ix);
		return err;
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		struct row r;
		const char *problem;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		row_split(line, &r);
		if (!header) {
			if (!header_parse(&r, &h, why, sizeof(why))) {
				diag_add(d, DIAG_ERROR, path, lineno, "%s",
					 why[0] ? why : "the first line must "
					 "be the header number,name,"
					 "department,uri,voicemail");
				err = EINVAL;
				break;
			}
			header = true;
			continue;
		}
		problem = row_problem(&nb, &h, &r, why, sizeof(why));
		if (problem) {
			diag_add(d, DIAG_WARNING, path, lineno,
				 "%s (row skipped)", problem);
			continue;
		}
		err = extension_append(cfg, &nb, &h, &r);
		if (!err && cfg->n_extensions - first > lines_cap) {
			size_t more = lines_cap ? lines_cap * 2 : 64;
			int *grown = realloc(lines, more * sizeof(*lines));

			if (!grown)
				err = ENOMEM;
			lines = grown ? grown : lines;
			lines_cap = grown ? more : lines_cap;
		}
		if (!err)
			lines[cfg->n_extensions - first - 1] = lineno;
		if (err)
			break;
	}
	if (!err && !header) {
		diag_add(d, DIAG_ERROR, path, 0, "no header line "
			 "number,name,department,uri,voicemail");
		err = EINVAL;
	}
	if (!err)
		err = deputies_check(cfg, &nb, first, lines, path, d);
	name_index_free(&nb.ix);
	free(lines);
	free(line);
	fclose(fp);
	return err;
}
