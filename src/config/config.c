/*
 * config.c — the schema of cordboard.conf, the checks that need the
 * parse (lines, sections), and the copy into struct cb_config.
 */
#include "config.h"
#include "checks.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <confuse.h>

#include "build_config.h"
#include "cfgfile.h"
#include "cfglift.h"
#include "contact_conf.h"
#include "ext_conf.h"
#include "groups.h"
#include "options.h"
#include "messages_conf.h"
#include "queue_conf.h"
#include "service_conf.h"

static cfg_opt_t headset_key_opts[] = {
	CFG_STR("action", "", CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

/* The buttons a headset has (their default keys are in the option table),
 * each to what a receptionist expects of it; the answer button hangs up
 * when nothing rings (a one-button headset). */
static const struct {
	const char *option;
	const char *action;
} headset_buttons[] = {
	{ "answer_key", "answer-or-hangup" },
	{ "hangup_key", "hangup" },
	{ "mute_key", "mute" },
	{ "volume_up_key", "volume up" },
	{ "volume_down_key", "volume down" },
};
#define N_HEADSET_BUTTONS \
	(sizeof(headset_buttons) / sizeof(headset_buttons[0]))

static cfg_opt_t extension_opts[] = {
	CFG_STR("name", "", CFGF_NONE),
	CFG_STR("uri", "", CFGF_NONE),
	CFG_STR("department", "", CFGF_NONE),
	CFG_STR("voicemail", "", CFGF_NONE),
	CFG_STR("deputy", "", CFGF_NONE),
	CFG_BOOL("presence", cfg_true, CFGF_NONE),
	CFG_BOOL("blf", cfg_true, CFGF_NONE),
	CFG_STR("intercom", "default", CFGF_NONE),
	CFG_BOOL("vip", cfg_false, CFGF_NONE),
	CFG_INT("priority", 0, CFGF_NONE),
	/* the directory's fields (contact_conf.c) */
	CFG_STR("mobile", "", CFGF_NONE),
	CFG_STR("home", "", CFGF_NONE),
	CFG_STR("other", "", CFGF_NONE),
	CFG_STR("aliases", "", CFGF_NONE),
	CFG_STR("company", "", CFGF_NONE),
	CFG_STR("email", "", CFGF_NONE),
	CFG_STR("note", "", CFGF_NONE),
	CFG_BOOL("external", cfg_false, CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

/* The titled blocks, which keep parsing of their own. */
static const struct config_extra extras[] = {
	{ "headset", CFG_SEC("key", headset_key_opts,
			     CFGF_MULTI | CFGF_TITLE) },
	{ "root", CFG_SEC("extension", extension_opts,
			  CFGF_MULTI | CFGF_TITLE) },
	{ "root", CFGLIFT_OPTION },
	{ "root", CFG_SEC("group", config_group_opts,
			  CFGF_MULTI | CFGF_TITLE) },
	{ "root", CFG_SEC("line", config_line_opts,
			  CFGF_MULTI | CFGF_TITLE) },
	{ "messages", CONFIG_MESSAGES_COMMAND },
};

/* What the parse remembers: the extension sections, and the lines of
 * values checked once the file is read. */
struct ext_open {
	struct ext_sections exts;
	int button_line[N_HEADSET_BUTTONS];
	int ring_device_line;
	int hold_music_line;
	int mail_command_line;
	int overflow_after_line;
	int overflow_target_line;
	int night_target_line;
};

static void section_opened(struct cfgfile *cf, cfg_t *sec, int line,
			   int first_line)
{
	struct ext_open *ext = cf->arg;
	const char *title = cfg_title(sec);

	/* first: a large file has thousands */
	if (!strcmp(sec->name, "extension")) {
		ext_conf_opened(&ext->exts, cf, sec, line, first_line);
		return;
	}
	if (!strcmp(sec->name, "key")) {
		if (first_line)
			cfgfile_error(cf, line, "headset key '%s' is given twice "
				      "(first on line %d)", title, first_line);
		if (strlen(title) >= sizeof(((struct cb_headset_key *)0)->key))
			cfgfile_error(cf, line, "headset key '%s' is too long",
				      title);
		return;
	}
	if (!strcmp(sec->name, "line")) {
		config_line_opened(cf, sec, line, first_line);
		return;
	}
	if (!strcmp(sec->name, "group") && first_line)
		cfgfile_error(cf, line, "duplicate group '%s' (first defined on "
			      "line %d)", title, first_line);
}

/* Called at an extension's closing brace. */
static int extension_closed(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *ext = cf ? cf->arg : NULL;

	if (!ext)
		return 0;
	ext_conf_closed(&ext->exts, cf);
	cfgfile_set_aside(opt);
	return 0;
}

static void extension_lifted(struct cfgfile *cf, cfg_t *sec, int line)
{
	struct ext_open *ext = cf->arg;

	ext_conf_lifted(&ext->exts, cf, sec, line);
}

/* A headset button's key name: checked against the evdev names later
 * (src/input), so its line is kept here. */
int config_button_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *st = cf ? cf->arg : NULL;
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t i;

	if (!st)
		return 0;
	for (i = 0; i < N_HEADSET_BUTTONS; i++) {
		if (!strcmp(headset_buttons[i].option, opt->name))
			st->button_line[i] = cfg->line;
	}
	if (v && strlen(v) >= sizeof(((struct cb_headset_key *)0)->key))
		cfgfile_error(cf, cfg->line, "%s '%s' is too long", opt->name,
			      v);
	return 0;
}

/* Values checked once the whole file is read remember their line. */
int config_audio_line_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *st = cf ? cf->arg : NULL;

	if (st && !strcmp(opt->name, "ring_device"))
		st->ring_device_line = cfg->line;
	else if (st)
		st->hold_music_line = cfg->line;
	return config_option_validate(cfg, opt);
}

/* The e-mail command is checked once its list is complete. */
static int mail_command_line_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *st = cf ? cf->arg : NULL;

	(void)opt;
	if (st)
		st->mail_command_line = cfg->line;
	return 0;
}

/* The overflow and night targets are checked once the groups are known. */
int config_queue_line_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *st = cf ? cf->arg : NULL;

	if (st && !strcmp(opt->name, "overflow_after"))
		st->overflow_after_line = cfg->line;
	else if (st && !strcmp(opt->name, "night_target"))
		st->night_target_line = cfg->line;
	else if (st)
		st->overflow_target_line = cfg->line;
	return config_option_validate(cfg, opt);
}

static cfg_t *schema_init(void)
{
	cfg_t *cfg = cfg_init(config_options_schema(extras, sizeof(extras) /
						    sizeof(extras[0])),
			      CFGF_NONE);

	if (!cfg)
		return NULL;
	ext_conf_validators(cfg);
	cfg_set_validate_func(cfg, "extension", extension_closed);
	cfg_set_validate_func(cfg, "extension|priority",
			      config_priority_validate);
	config_groups_validators(cfg);
	config_queue_validators(cfg);
	cfg_set_validate_func(cfg, "messages|command",
			      mail_command_line_validate);
	return cfg;
}

/* The default history file: $XDG_STATE_HOME/cordboard/history, with
 * ~/.local/state when it is unset (XDG base directory rules). */
static void history_default(char *out, size_t outsz)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && state[0] == '/')
		snprintf(out, outsz, "%s/cordboard/history", state);
	else if (home && home[0])
		snprintf(out, outsz, "%s/.local/state/cordboard/history", home);
	else
		out[0] = '\0';
}

/* The absences and messages live beside the history unless told
 * otherwise: NAME in the history's directory. */
static void beside_history(char *out, size_t outsz, const char *history,
			   const char *name)
{
	const char *slash = strrchr(history, '/');

	if (slash)
		snprintf(out, outsz, "%.*s/%s", (int)(slash - history),
			 history, name);
	else
		snprintf(out, outsz, "%s", history[0] ? name : "");
}

/* The headset's buttons: the named ones first (an empty name: not
 * used), then every key "NAME" { action = "..." } section. LINES are
 * those of the named options, 0 where the default stands. */
static void headset_copy(struct cb_headset *h, cfg_t *sec, const int *lines)
{
	size_t i, n;

	h->nkeys = 0;
	for (i = 0; i < N_HEADSET_BUTTONS; i++) {
		const char *key = cfg_getstr(sec, headset_buttons[i].option);
		struct cb_headset_key *k = &h->keys[h->nkeys];

		if (!key || !key[0])
			continue;
		snprintf(k->key, sizeof(k->key), "%s", key);
		snprintf(k->action, sizeof(k->action), "%s",
			 headset_buttons[i].action);
		k->line = lines ? lines[i] : 0;
		h->nkeys++;
	}
	n = cfg_size(sec, "key");
	for (i = 0; i < n && h->nkeys < CB_HEADSET_KEYS_MAX; i++) {
		cfg_t *ks = cfg_getnsec(sec, "key", i);
		struct cb_headset_key *k = &h->keys[h->nkeys++];

		snprintf(k->key, sizeof(k->key), "%s", cfg_title(ks));
		snprintf(k->action, sizeof(k->action), "%s",
			 cfg_getstr(ks, "action"));
		k->line = cfgfile_section_line(ks);
	}
}

/* Copies what libconfuse read into cfg, and the extensions lifted
 * (their array taken over); fails with ENOMEM only. */
static int config_copy(struct cb_config *out, cfg_t *cfg,
		       const int *button_lines, struct ext_sections *exts)
{
	struct extension *ext;
	const char *hist;
	size_t i, n, ngroups;

	config_options_copy(out, cfg);
	snprintf(out->transfer.operator_name,
		 sizeof(out->transfer.operator_name), "%s",
		 out->account.display_name);
	headset_copy(&out->headset, cfg_getsec(cfg, "headset"), button_lines);

	hist = cfg_getstr(cfg, "history_file");
	if (!hist || !hist[0])
		history_default(out->history_file, sizeof(out->history_file));
	hist = cfg_getstr(cfg, "absence_file");
	if (!hist || !hist[0])
		beside_history(out->absence_file, sizeof(out->absence_file),
			       out->history_file, "absences");
	hist = cfg_getstr(cfg, "messages_file");
	if (!hist || !hist[0])
		beside_history(out->messages.path,
			       sizeof(out->messages.path), out->history_file,
			       "messages");

	config_groups_copy(out, cfg);
	config_queue_copy(out, cfg);
	config_service_copy(out, cfg);
	config_messages_copy(out, cfg);
	ngroups = cfg_size(cfg, "group");
	ext = ext_conf_take(exts, cfg, ngroups, &n);
	if (!ext && (n || ngroups))
		return ENOMEM;
	for (i = 0; i < ngroups; i++)
		config_group_fill(&ext[n + i], cfg_getnsec(cfg, "group", i));
	out->extensions = ext;
	out->n_extensions = n + ngroups;
	return 0;
}

void config_defaults(struct cb_config *cfg)
{
	cfg_t *schema = schema_init();

	memset(cfg, 0, sizeof(*cfg));
	if (schema) {
		config_copy(cfg, schema, NULL, NULL);
		cfg_free(schema);
		return;
	}
	/* Out of memory: empty values, but still a usable history path. */
	history_default(cfg->history_file, sizeof(cfg->history_file));
	beside_history(cfg->absence_file, sizeof(cfg->absence_file),
		       cfg->history_file, "absences");
	beside_history(cfg->messages.path, sizeof(cfg->messages.path),
		       cfg->history_file, "messages");
	cfg->messages.retry_after_s = SETTINGS_MESSAGE_RETRY_S;
}

/* A ringer needs an audio module, and with device = "none" none is
 * loaded. */
static void audio_check(struct cfgfile *cf, cfg_t *cfg, int ring_line)
{
	cfg_t *audio = cfg_getsec(cfg, "audio");
	const char *dev = cfg_getstr(audio, "device");
	const char *ring = cfg_getstr(audio, "ring_device");

	if (dev && ring && !strcmp(dev, "none") && ring[0] &&
	    strcmp(ring, "none"))
		cfgfile_error(cf, ring_line, "ring_device '%s' needs an audio "
			      "device (device is \"none\")", ring);
}

/* The music file, relative to the configuration's folder, must be a
 * sound the console can play (see config_sound_check). */
static int hold_music_check(struct cb_config *out, const char *path,
			    int line, struct diag *d)
{
	char full[sizeof(out->audio.hold_music)], why[160];
	const char *slash = strrchr(path, '/');
	const char *v = out->audio.hold_music;
	int n;

	if (!v[0])
		return 0;
	if (v[0] != '/' && slash)
		n = snprintf(full, sizeof(full), "%.*s/%s",
			     (int)(slash - path), path, v);
	else
		n = snprintf(full, sizeof(full), "%s", v);
	if (n < 0 || (size_t)n >= sizeof(full)) {
		diag_add(d, DIAG_ERROR, path, line, "hold_music '%s': the "
			 "path beside the configuration is too long", v);
		return ENAMETOOLONG;
	}
	if (config_sound_check(full, why, sizeof(why))) {
		diag_add(d, DIAG_ERROR, path, line, "hold_music '%s': %s", v,
			 why);
		return EINVAL;
	}
	snprintf(out->audio.hold_music, sizeof(out->audio.hold_music), "%s",
		 full);
	return 0;
}

static void password_check(struct cfgfile *cf, cfg_t *cfg)
{
	const char *pw = cfg_getstr(cfg_getsec(cfg, "account"), "password");

	if (pw && pw[0] && (cf->st.st_mode & 077))
		diag_add(cf->d, DIAG_WARNING, cf->path, 0,
			 "password is readable by other users (chmod 600 %s)",
			 cf->path);
}

int config_load(struct cb_config *out, const char *path, struct diag *d)
{
	struct ext_open ext = { 0 };
	struct cfgfile cf = {
		.path = path,
		.d = d,
		.openh = section_opened,
		.arg = &ext,
		.lift_kind = "extension",
		.liftedh = extension_lifted,
	};
	cfg_t *cfg;
	int err;

	config_defaults(out);
	if (strlen(path) >= sizeof(out->path)) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(ENAMETOOLONG));
		return ENAMETOOLONG;
	}

	cfg = schema_init();
	if (!cfg) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(ENOMEM));
		return ENOMEM;
	}

	err = cfgfile_parse(&cf, cfg);
	if (cf.parsed) {
		password_check(&cf, cfg);
		audio_check(&cf, cfg, ext.ring_device_line);
		config_security_check(&cf, cfg);
		ext_conf_groups_check(&ext.exts, &cf, cfg);
		config_messages_check(&cf, cfg, ext.mail_command_line);
		config_queue_check(&cf, cfg, ext.overflow_after_line,
				   ext.overflow_target_line,
				   ext.night_target_line);
	}
	if (err || cfgfile_failed(&cf)) {
		err = err ? err : EINVAL;
		goto out;
	}

	config_free(out);
	memset(out, 0, sizeof(*out));
	err = config_copy(out, cfg, ext.button_line, &ext.exts);
	if (err) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(err));
		config_free(out);
		config_defaults(out);
		goto out;
	}
	snprintf(out->path, sizeof(out->path), "%s", path);
	config_security_copy(&out->account, path);
	err = hold_music_check(out, path, ext.hold_music_line, d);
	if (!err && out->directory_file[0])
		err = directory_load(out, d);
	if (!err)
		err = ext_conf_deputies_check(&ext.exts, out, cfg, path, d);

out:
	ext_conf_free(&ext.exts);
	cfg_free(cfg);
	return err;
}

void config_free(struct cb_config *cfg)
{
	if (!cfg)
		return;
	ext_array_free(cfg->extensions, cfg->n_extensions);
	cfg->extensions = NULL;
	cfg->n_extensions = 0;
}
