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

#define FIELD_MAX(member) (sizeof(((struct keymap_entry *)0)->member) - 1)

struct keymap_load {
	struct keymap_file *kf;
	size_t cap;
};

static int bind_call(cfg_t *cfg, cfg_opt_t *opt, int argc,
		     const char **argv);

static cfg_opt_t mode_opts[] = {
	CFG_FUNC("bind", bind_call),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static cfg_opt_t keymap_opts[] = {
	CFG_SEC("mode", mode_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

/* A mode may appear twice: its bindings add up, like tmux's bind. */
static void mode_opened(struct cfgfile *cf, cfg_t *sec, int line,
			int first_line)
{
	const char *title = cfg_title(sec);

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

	if (kf->count == kl->cap) {
		size_t cap = kl->cap ? kl->cap * 2 : 32;
		struct keymap_entry *grown;

		grown = realloc(kf->entries, cap * sizeof(*grown));
		if (!grown)
			return ENOMEM;
		kf->entries = grown;
		kl->cap = cap;
	}
	e = &kf->entries[kf->count++];
	memset(e, 0, sizeof(*e));
	snprintf(e->mode, sizeof(e->mode), "%s", mode);
	snprintf(e->key, sizeof(e->key), "%s", argv[0]);
	snprintf(e->action, sizeof(e->action), "%s", argv[1]);
	snprintf(e->help, sizeof(e->help), "%s", argc > 2 ? argv[2] : "");
	snprintf(e->file, sizeof(e->file), "%s", path);
	e->line = line;
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

int keymap_file_load(struct keymap_file *kf, const char *path,
		     struct diag *d)
{
	struct keymap_load kl = {
		.kf = kf,
		.cap = kf->count,
	};
	struct cfgfile cf = {
		.path = path,
		.d = d,
		.openh = mode_opened,
		.arg = &kl,
	};
	size_t before = kf->count;
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

	err = cfgfile_parse(&cf, cfg);
	if (err)
		kf->count = before;     /* all of this file, or none of it */
	cfg_free(cfg);
	return err;
}

void keymap_file_free(struct keymap_file *kf)
{
	if (!kf)
		return;
	free(kf->entries);
	kf->entries = NULL;
	kf->count = 0;
}
