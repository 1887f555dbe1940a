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
#include "core/name_index.h"
#include "cfgfile.h"
#include "contact_conf.h"
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
	{ "root", CFG_SEC("group", config_group_opts,
			  CFGF_MULTI | CFGF_TITLE) },
	{ "root", CFG_SEC("line", config_line_opts,
			  CFGF_MULTI | CFGF_TITLE) },
	{ "messages", CONFIG_MESSAGES_COMMAND },
};

/* The extension sections' strings: where each goes and how it is
 * checked (the scalar options are in the table of options.c). */
struct str_field {
	const char *name;
	size_t offset;           /* in struct extension */
	size_t size;
	enum option_check check;
};

#define EXT_FIELD(name, member, check) \
	{ name, offsetof(struct extension, member), \
	  sizeof(((struct extension *)0)->member), check }

static const struct str_field fields[] = {
	EXT_FIELD("name", name, CHECK_NONE),
	EXT_FIELD("uri", uri, CHECK_SIP_URI),
	EXT_FIELD("department", department, CHECK_NONE),
	EXT_FIELD("voicemail", voicemail, CHECK_SIP_URI_OR_EMPTY),
	EXT_FIELD("deputy", deputy, CHECK_NONE),
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

/* libconfuse calls this right after reading a value, while cfg->line is
 * still the value's line. */
static int field_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t i;

	for (i = 0; cf && v && i < N_FIELDS; i++) {
		if (!strcmp(fields[i].name, opt->name))
			config_value_check(cf, cfg->line, fields[i].name,
					   fields[i].size, fields[i].check,
					   NULL, v);
	}
	return 0;
}

/* The directory's fields, checked as the CSV columns are. */
static int contact_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	char why[160];

	if (cf && v && contact_field_bad(opt->name, v, why, sizeof(why)))
		cfgfile_error(cf, cfg->line, "%s", why);
	return 0;
}

/* What the parse remembers: the extension being read (its closing brace
 * checks it) and the lines of values checked once the file is read. */
struct ext_open {
	cfg_t *sec;
	int line;
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
	if (strcmp(sec->name, "extension") != 0)
		return;
	ext->sec = sec;
	ext->line = line;
	if (!config_number_valid(title)) {
		cfgfile_error(cf, line,
			      "extension '%s' is not a number (digits, optionally with * # +)",
			      title);
	} else if (strlen(title) >= sizeof(((struct extension *)0)->number)) {
		cfgfile_error(cf, line,
			      "extension '%s' is too long (at most %zu characters)",
			      title,
			      sizeof(((struct extension *)0)->number) - 1);
	}
	if (first_line)
		cfgfile_error(cf, line,
			      "duplicate extension '%s' (first defined on line %d)",
			      title, first_line);
}

/* Called at an extension's closing brace: checks needing the whole
 * section, reported at the line it opened on. */
static int extension_closed(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *ext = cf ? cf->arg : NULL;
	const char *uri, *title;

	if (!ext || !ext->sec)
		return 0;
	uri = cfg_getstr(ext->sec, "uri");
	title = cfg_title(ext->sec);
	/* an external contact (client, supplier) is dialled at its number */
	if ((!uri || !uri[0]) && !cfg_getbool(ext->sec, "external"))
		cfgfile_error(cf, ext->line,
			      "extension '%s' has no uri (add uri = \"sip:%s@HOST\")",
			      title, title);
	ext->sec = NULL;
	cfgfile_set_aside(opt);
	return 0;
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
	size_t i;
	char path[64];

	if (!cfg)
		return NULL;
	for (i = 0; i < N_FIELDS; i++) {
		snprintf(path, sizeof(path), "extension|%s", fields[i].name);
		cfg_set_validate_func(cfg, path, field_validate);
	}
	for (i = 0; contact_field_names[i]; i++) {
		if (!strcmp(contact_field_names[i], "external"))
			continue;
		snprintf(path, sizeof(path), "extension|%s",
			 contact_field_names[i]);
		cfg_set_validate_func(cfg, path, contact_validate);
	}
	cfg_set_validate_func(cfg, "extension", extension_closed);
	cfg_set_validate_func(cfg, "extension|priority",
			      config_priority_validate);
	config_groups_validators(cfg);
	config_queue_validators(cfg);
	cfg_set_validate_func(cfg, "messages|command",
			      mail_command_line_validate);
	return cfg;
}

static void section_copy(cfg_t *sec, void *base)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++)
		snprintf((char *)base + fields[i].offset, fields[i].size, "%s",
			 cfg_getstr(sec, fields[i].name) ?
			 cfg_getstr(sec, fields[i].name) : "");
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

/* The directory's fields of an extension section. */
static void contact_copy(struct extension *e, cfg_t *sec)
{
	size_t i;

	for (i = 0; contact_field_names[i]; i++) {
		const char *name = contact_field_names[i];

		if (strcmp(name, "external"))
			contact_field_set(e, name, cfg_getstr(sec, name));
	}
	e->external = cfg_getbool(sec, "external");
	contact_watch_fix(e);
}

/* A deputy must be someone in the directory (cordboard.conf or the
 * CSV), said at the line of the extension that names them. */
static int deputies_check(const struct cb_config *out, cfg_t *cfg,
			  const char *path, struct diag *d)
{
	size_t i, n = cfg_size(cfg, "extension");
	struct name_index numbers;
	int err = 0;

	name_index_init(&numbers);
	for (i = 0; i < out->n_extensions; i++) {
		if (name_index_put(&numbers, out->extensions[i].number, i)) {
			name_index_free(&numbers);
			return ENOMEM;
		}
	}
	for (i = 0; i < n && i < out->n_extensions; i++) {
		const struct extension *e = &out->extensions[i];

		if (!e->deputy[0] || name_index_find(&numbers, e->deputy, NULL))
			continue;
		diag_add(d, DIAG_ERROR, path, cfgfile_section_line(
				 cfg_getnsec(cfg, "extension", i)),
			 "deputy '%s' of extension '%s' is no extension",
			 e->deputy, e->number);
		err = EINVAL;
	}
	name_index_free(&numbers);
	return err;
}

/* Copies what libconfuse read into cfg; fails with ENOMEM only. */
static int config_copy(struct cb_config *out, cfg_t *cfg,
		       const int *button_lines)
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
	n = cfg_size(cfg, "extension");
	ngroups = cfg_size(cfg, "group");
	if (!n && !ngroups)
		return 0;
	ext = calloc(n + ngroups, sizeof(*ext));
	if (!ext)
		return ENOMEM;
	for (i = 0; i < ngroups; i++)
		config_group_fill(&ext[n + i], cfg_getnsec(cfg, "group", i));
	for (i = 0; i < n; i++) {
		int m = intercom_method_parse(cfg_getstr(
			cfg_getnsec(cfg, "extension", i), "intercom"));

		cfg_t *sec = cfg_getnsec(cfg, "extension", i);

		snprintf(ext[i].number, sizeof(ext[i].number), "%s",
			 cfg_title(sec));
		section_copy(sec, &ext[i]);
		ext[i].watch_presence = cfg_getbool(sec, "presence");
		ext[i].watch_dialog = cfg_getbool(sec, "blf");
		ext[i].presence = PRESENCE_UNKNOWN;
		ext[i].line_state = EXT_LINE_UNKNOWN;
		ext[i].intercom = m > 0 ? (enum intercom_method)m :
			INTERCOM_DEFAULT;
		ext[i].vip = cfg_getbool(sec, "vip");
		ext[i].priority = (int)cfg_getint(sec, "priority");
		contact_copy(&ext[i], sec);
	}
	out->extensions = ext;
	out->n_extensions = n + ngroups;
	return 0;
}

void config_defaults(struct cb_config *cfg)
{
	cfg_t *schema = schema_init();

	memset(cfg, 0, sizeof(*cfg));
	if (schema) {
		config_copy(cfg, schema, NULL);
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

	if (!v[0])
		return 0;
	if (v[0] != '/' && slash)
		snprintf(full, sizeof(full), "%.*s/%s", (int)(slash - path),
			 path, v);
	else
		snprintf(full, sizeof(full), "%s", v);
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
		config_groups_check(&cf, cfg);
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
	err = config_copy(out, cfg, ext.button_line);
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
		err = deputies_check(out, cfg, path, d);

out:
	cfg_free(cfg);
	return err;
}

void config_free(struct cb_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->extensions);
	cfg->extensions = NULL;
	cfg->n_extensions = 0;
}
