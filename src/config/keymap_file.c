/*
 * keymap_file.c — the schema of keymaps/NAME.keymap: modes holding
 * bind(KEY, ACTION[, HELP]) calls, read in file order with their lines.
 */
#include "keymap_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <confuse.h>

#include "cfgfile.h"
#include "config.h"

#define FIELD_MAX(member) (sizeof(((struct keymap_entry *)0)->member) - 1)

enum {
	INCLUDE_MAX = 8,            /* include() calls in one file */
	INCLUDE_DEPTH_MAX = 4,      /* a includes b includes c ... */
};

struct keymap_include {
	char name[256];
	int line;
};

struct keymap_load {
	struct keymap_file *kf;
	struct keymap_include incv[INCLUDE_MAX];
	size_t incc;
};

static int bind_call(cfg_t *cfg, cfg_opt_t *opt, int argc,
		     const char **argv);
static int include_call(cfg_t *cfg, cfg_opt_t *opt, int argc,
			const char **argv);

static cfg_opt_t mode_opts[] = {
	CFG_FUNC("bind", bind_call),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static cfg_opt_t macro_opts[] = {
	CFG_STR_LIST("do", NULL, CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static cfg_opt_t keymap_opts[] = {
	CFG_FUNC("include", include_call),
	CFG_SEC("macro", macro_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_SEC("mode", mode_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

/* A mode may appear twice: its bindings add up, like tmux's bind. A
 * macro may not. */
static void mode_opened(struct cfgfile *cf, cfg_t *sec, int line,
			int first_line)
{
	const char *title = cfg_title(sec);

	if (!strcmp(cfg_name(sec), "macro")) {
		if (!title[0] || strlen(title) >= 64)
			cfgfile_error(cf, line, "macro name must be 1 to 63 "
				      "characters");
		else if (first_line)
			cfgfile_error(cf, line, "macro '%s' is already "
				      "defined on line %d", title, first_line);
		return;
	}

	if (!title[0])
		cfgfile_error(cf, line, "mode name is empty");
	else if (strlen(title) > FIELD_MAX(mode))
		cfgfile_error(cf, line,
			      "mode name '%s' is too long (at most %zu characters)",
			      title, FIELD_MAX(mode));
}

static bool arg_fits(struct cfgfile *cf, int line, const char *what,
		     const char *value, size_t max)
{
	if (strlen(value) <= max)
		return true;
	cfgfile_error(cf, line, "bind: %s is too long (at most %zu characters)",
		      what, max);
	return false;
}

static int entry_add(struct keymap_load *kl, const char *mode,
		     const char *path, int line, const char **argv, int argc)
{
	struct keymap_file *kf = kl->kf;
	struct keymap_entry *e;

	if (kf->count == kf->cap) {
		size_t cap = kf->cap ? kf->cap * 2 : 32;
		struct keymap_entry *grown;

		grown = realloc(kf->entries, cap * sizeof(*grown));
		if (!grown)
			return ENOMEM;
		kf->entries = grown;
		kf->cap = cap;
	}
	e = &kf->entries[kf->count++];
	memset(e, 0, sizeof(*e));
	snprintf(e->mode, sizeof(e->mode), "%s", mode);
	snprintf(e->key, sizeof(e->key), "%s", argv[0]);
	snprintf(e->action, sizeof(e->action), "%s", argv[1]);
	snprintf(e->help, sizeof(e->help), "%s", argc > 2 ? argv[2] : "");
	snprintf(e->file, sizeof(e->file), "%s", path);
	e->line = line;
	e->file_id = kf->files;
	return 0;
}

/* include("NAME"): the bindings of keymaps/NAME.keymap (or a file)
 * come first; this file's own bindings may then rebind their keys. */
static int include_call(cfg_t *cfg, cfg_opt_t *opt, int argc,
			const char **argv)
{
	struct cfgfile *cf = cfgfile_current();
	struct keymap_load *kl;
	int line = cfg->line;

	if (!cf)
		return 0;
	kl = cf->arg;
	if (argc != 1 || !argv[0][0]) {
		cfgfile_error(cf, line, "include takes one keymap name or file");
		return 0;
	}
	if (kl->incc == INCLUDE_MAX) {
		cfgfile_error(cf, line, "at most %d includes in one keymap",
			      INCLUDE_MAX);
		return 0;
	}
	if (strlen(argv[0]) >= sizeof(kl->incv[0].name)) {
		cfgfile_error(cf, line, "include: name is too long");
		return 0;
	}
	snprintf(kl->incv[kl->incc].name, sizeof(kl->incv[0].name), "%s",
		 argv[0]);
	kl->incv[kl->incc++].line = line;
	return 0;
}

/* Called by libconfuse at the closing parenthesis of each bind(). Bad
 * arguments are reported and skipped so one run shows every error. */
static int bind_call(cfg_t *cfg, cfg_opt_t *opt, int argc,
		     const char **argv)
{
	struct cfgfile *cf = cfgfile_current();
	struct keymap_load *kl;
	int line = cfg->line;
	bool ok = true;

	if (!cf)
		return 0;
	kl = cf->arg;

	if (argc < 2 || argc > 3) {
		cfgfile_error(cf, line,
			      "bind takes 2 or 3 arguments (key, action, help), not %d",
			      argc);
		return 0;
	}
	if (!argv[0][0]) {
		cfgfile_error(cf, line, "bind: empty key");
		ok = false;
	}
	if (!argv[1][0]) {
		cfgfile_error(cf, line, "bind: empty action");
		ok = false;
	}
	ok = arg_fits(cf, line, "key", argv[0], FIELD_MAX(key)) && ok;
	ok = arg_fits(cf, line, "action", argv[1], FIELD_MAX(action)) && ok;
	if (argc > 2)
		ok = arg_fits(cf, line, "help", argv[2], FIELD_MAX(help)) && ok;
	if (!ok)
		return 0;

	if (entry_add(kl, cfg_title(cfg), cf->path, line, argv, argc)) {
		cfgfile_error(cf, line, "%s", strerror(ENOMEM));
		return -1;
	}
	return 0;
}

/* Where include("NAME") in FROM points: a file beside FROM (or an
 * absolute path) when NAME has a slash, else a keymap found as the
 * config's would be, but never FROM itself. */
static int include_path(char *out, size_t sz, const char *from,
			const char *name)
{
	const char *slash = strrchr(from, '/');
	int n;

	if (!strchr(name, '/'))
		return config_find_data_except(out, sz, "keymaps", name,
					       "keymap", from);
	if (name[0] == '/' || !slash)
		n = snprintf(out, sz, "%s", name);
	else
		n = snprintf(out, sz, "%.*s/%s", (int)(slash - from), from,
			     name);
	return n < 0 || (size_t)n >= sz ? ENAMETOOLONG : 0;
}

/* The macros of one file; a later file's macro replaces an included
 * one of the same name. */
static int macros_read(struct keymap_file *kf, cfg_t *cfg, const char *path,
		       struct cfgfile *cf)
{
	unsigned i, k;

	for (i = 0; i < cfg_size(cfg, "macro"); i++) {
		cfg_t *sec = cfg_getnsec(cfg, "macro", i);
		struct keymap_macro *m = NULL, *grown;
		unsigned n = cfg_size(sec, "do");
		size_t j;

		for (j = 0; j < kf->nmacros; j++)
			if (!strcmp(kf->macros[j].name, cfg_title(sec)))
				m = &kf->macros[j];
		if (n == 0 || n > KEYMAP_MACRO_STEPS_MAX) {
			cfgfile_error(cf, cfgfile_section_line(sec), "macro "
				      "'%s' needs 1 to %d steps in do = { }",
				      cfg_title(sec), KEYMAP_MACRO_STEPS_MAX);
			return EINVAL;
		}
		if (!m) {
			grown = realloc(kf->macros,
					(kf->nmacros + 1) * sizeof(*grown));
			if (!grown)
				return ENOMEM;
			kf->macros = grown;
			m = &grown[kf->nmacros++];
			memset(m, 0, sizeof(*m));
		}
		free(m->steps);
		m->steps = calloc(n, sizeof(*m->steps));
		if (!m->steps)
			return ENOMEM;
		snprintf(m->name, sizeof(m->name), "%s", cfg_title(sec));
		snprintf(m->file, sizeof(m->file), "%s", path);
		m->line = cfgfile_section_line(sec);
		m->nsteps = n;
		for (k = 0; k < n; k++) {
			const char *step = cfg_getnstr(sec, "do", k);

			if (strlen(step) >= KEYMAP_MACRO_STEP_MAX) {
				cfgfile_error(cf, m->line, "macro '%s': step %u "
					      "is too long", m->name, k + 1);
				return EINVAL;
			}
			snprintf(m->steps[k], sizeof(m->steps[k]), "%s", step);
		}
	}
	return 0;
}

/* Moves M into KF, replacing a macro of the same name. */
static int macro_put(struct keymap_file *kf, struct keymap_macro *m)
{
	struct keymap_macro *grown;
	size_t j;

	for (j = 0; j < kf->nmacros; j++) {
		if (!strcmp(kf->macros[j].name, m->name)) {
			free(kf->macros[j].steps);
			kf->macros[j] = *m;
			m->steps = NULL;
			return 0;
		}
	}
	grown = realloc(kf->macros, (kf->nmacros + 1) * sizeof(*grown));
	if (!grown)
		return ENOMEM;
	kf->macros = grown;
	grown[kf->nmacros++] = *m;
	m->steps = NULL;
	return 0;
}

struct keymap_macro *keymap_file_take_macros(struct keymap_file *kf,
					     size_t *n)
{
	struct keymap_macro *m = kf->macros;

	*n = kf->nmacros;
	kf->macros = NULL;
	kf->nmacros = 0;
	return m;
}

static int load_depth(struct keymap_file *kf, const char *path,
		      struct diag *d, int depth)
{
	struct keymap_file own = { 0 };
	struct keymap_load kl = { .kf = &own };
	struct cfgfile cf = {
		.path = path,
		.d = d,
		.openh = mode_opened,
		.arg = &kl,
	};
	size_t before = kf->count, i;
	cfg_t *cfg;
	int err;

	if (strlen(path) >= sizeof(kf->entries[0].file)) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(ENAMETOOLONG));
		return ENAMETOOLONG;
	}
	cfg = cfg_init(keymap_opts, CFGF_NONE);
	if (!cfg) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(ENOMEM));
		return ENOMEM;
	}
	own.files = kf->files + 1;   /* an id of its own */
	err = cfgfile_parse(&cf, cfg);
	if (!err)
		err = macros_read(&own, cfg, path, &cf);
	cfg_free(cfg);
	kf->files = own.files;

	for (i = 0; !err && i < kl.incc; i++) {
		char inc[4096];

		if (depth >= INCLUDE_DEPTH_MAX) {
			diag_add(d, DIAG_ERROR, path, kl.incv[i].line,
				 "include '%s': includes nested too deep "
				 "(a loop?)", kl.incv[i].name);
			err = ELOOP;
		}
		else if (include_path(inc, sizeof(inc), path,
				      kl.incv[i].name)) {
			diag_add(d, DIAG_ERROR, path, kl.incv[i].line,
				 "include '%s': keymap not found",
				 kl.incv[i].name);
			err = ENOENT;
		}
		else {
			err = load_depth(kf, inc, d, depth + 1);
		}
	}
	/* then this file's own macros and bindings, after what it includes */
	for (i = 0; !err && i < own.nmacros; i++)
		err = macro_put(kf, &own.macros[i]);
	for (i = 0; !err && i < own.count; i++) {
		if (kf->count == kf->cap) {
			size_t cap = kf->cap ? kf->cap * 2 : 32;
			struct keymap_entry *grown;

			grown = realloc(kf->entries, cap * sizeof(*grown));
			if (!grown) {
				err = ENOMEM;
				break;
			}
			kf->entries = grown;
			kf->cap = cap;
		}
		kf->entries[kf->count++] = own.entries[i];
	}
	keymap_file_free(&own);
	if (err)
		kf->count = before;     /* all of this file, or none of it */
	return err;
}

int keymap_file_load(struct keymap_file *kf, const char *path,
		     struct diag *d)
{
	return load_depth(kf, path, d, 0);
}

void keymap_file_free(struct keymap_file *kf)
{
	if (!kf)
		return;
	size_t i;

	for (i = 0; i < kf->nmacros; i++)
		free(kf->macros[i].steps);
	free(kf->macros);
	kf->macros = NULL;
	kf->nmacros = 0;
	free(kf->entries);
	kf->entries = NULL;
	kf->count = 0;
	kf->cap = 0;
}
