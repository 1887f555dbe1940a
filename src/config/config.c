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
#include "groups.h"

static cfg_opt_t account_opts[] = {
	CFG_STR("aor", "sip:reception@127.0.0.1", CFGF_NONE),
	CFG_STR("display_name", "Reception", CFGF_NONE),
	CFG_STR("listen", "127.0.0.1:5060", CFGF_NONE),
	CFG_STR("registrar", "", CFGF_NONE),
	CFG_STR("auth_user", "", CFGF_NONE),
	CFG_STR("password", "", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t audio_opts[] = {
	CFG_STR("device", "alsa,default", CFGF_NONE),
	CFG_STR("ring_device", "", CFGF_NONE),
	CFG_STR("hold_music", "", CFGF_NONE),
	CFG_INT("volume", 0, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t headset_key_opts[] = {
	CFG_STR("action", "", CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

/* The buttons a headset has (their default keys are in headset_opts),
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

static cfg_opt_t headset_opts[] = {
	CFG_STR("device", "", CFGF_NONE),
	CFG_BOOL("grab", cfg_true, CFGF_NONE),
	CFG_STR("answer_key", "KEY_PHONE", CFGF_NONE),
	CFG_STR("hangup_key", "", CFGF_NONE),
	CFG_STR("mute_key", "KEY_MICMUTE", CFGF_NONE),
	CFG_STR("volume_up_key", "KEY_VOLUMEUP", CFGF_NONE),
	CFG_STR("volume_down_key", "KEY_VOLUMEDOWN", CFGF_NONE),
	CFG_SEC("key", headset_key_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

static cfg_opt_t transfer_opts[] = {
	CFG_STR("announce_name", "%c via %o", CFGF_NONE),
	CFG_INT("recall_after", 30, CFGF_NONE),
	CFG_STR("voicemail_uri", "", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t extension_opts[] = {
	CFG_STR("name", "", CFGF_NONE),
	CFG_STR("uri", "", CFGF_NONE),
	CFG_STR("department", "", CFGF_NONE),
	CFG_STR("voicemail", "", CFGF_NONE),
	CFG_BOOL("presence", cfg_true, CFGF_NONE),
	CFG_BOOL("blf", cfg_true, CFGF_NONE),
	CFG_STR("intercom", "default", CFGF_NONE),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static cfg_opt_t root_opts[] = {
	CFG_SEC("account", account_opts, CFGF_NONE),
	CFG_SEC("audio", audio_opts, CFGF_NONE),
	CFG_SEC("headset", headset_opts, CFGF_NONE),
	CFG_SEC("transfer", transfer_opts, CFGF_NONE),
	CFG_STR("theme", "default", CFGF_NONE),
	CFG_STR("keymap", "default", CFGF_NONE),
	CFG_STR("history_file", "", CFGF_NONE),
	CFG_STR("directory_file", "", CFGF_NONE),
	CFG_STR("presence_server", "", CFGF_NONE),
	CFG_INT("subscribe_expires", CB_SUBSCRIBE_EXPIRES_DEFAULT, CFGF_NONE),
	CFG_SEC("extension", extension_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_SEC("intercom", config_intercom_opts, CFGF_NONE),
	CFG_SEC("park", config_park_opts, CFGF_NONE),
	CFG_SEC("group", config_group_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

enum check {
	CHECK_NONE,
	CHECK_SIP_URI,           /* sip:/sips: with a host */
	CHECK_SIP_URI_OR_EMPTY,
	CHECK_HOSTPORT,
	CHECK_NOT_EMPTY,
};

/* Where each string option goes and how it is checked; drives the
 * validate callbacks and the copy into struct cb_config. */
struct str_field {
	const char *section;     /* libconfuse section name, "root" on top */
	const char *name;
	size_t offset;           /* in struct cb_config, or struct extension */
	size_t size;
	enum check check;
	const char *hint;        /* appended to a "must not be empty" error */
};

#define CB_FIELD(sec, name, member, check, hint) \
	{ sec, name, offsetof(struct cb_config, member), \
	  sizeof(((struct cb_config *)0)->member), check, hint }
#define EXT_FIELD(name, member, check) \
	{ "extension", name, offsetof(struct extension, member), \
	  sizeof(((struct extension *)0)->member), check, NULL }

static const struct str_field fields[] = {
	CB_FIELD("account", "aor", account.aor, CHECK_SIP_URI, NULL),
	CB_FIELD("account", "display_name", account.display_name,
		 CHECK_NONE, NULL),
	CB_FIELD("account", "listen", account.listen, CHECK_HOSTPORT, NULL),
	CB_FIELD("account", "registrar", account.registrar,
		 CHECK_SIP_URI_OR_EMPTY, NULL),
	CB_FIELD("account", "auth_user", account.auth_user, CHECK_NONE, NULL),
	CB_FIELD("account", "password", account.password, CHECK_NONE, NULL),
	CB_FIELD("audio", "device", audio.device, CHECK_NOT_EMPTY,
		 " (\"none\" runs without audio)"),
	CB_FIELD("audio", "ring_device", audio.ring_device, CHECK_NONE, NULL),
	CB_FIELD("audio", "hold_music", audio.hold_music, CHECK_NONE, NULL),
	CB_FIELD("headset", "device", headset.device, CHECK_NONE, NULL),
	CB_FIELD("transfer", "announce_name", transfer.announce_name,
		 CHECK_NONE, NULL),
	CB_FIELD("transfer", "voicemail_uri", transfer.voicemail_uri,
		 CHECK_SIP_URI_OR_EMPTY, NULL),
	CB_FIELD("root", "theme", theme, CHECK_NOT_EMPTY, NULL),
	CB_FIELD("root", "keymap", keymap, CHECK_NOT_EMPTY, NULL),
	CB_FIELD("root", "history_file", history_file, CHECK_NONE, NULL),
	CB_FIELD("root", "directory_file", directory_file, CHECK_NONE, NULL),
	CB_FIELD("root", "presence_server", presence_server,
		 CHECK_SIP_URI_OR_EMPTY, NULL),
	EXT_FIELD("name", name, CHECK_NONE),
	EXT_FIELD("uri", uri, CHECK_SIP_URI),
	EXT_FIELD("department", department, CHECK_NONE),
	EXT_FIELD("voicemail", voicemail, CHECK_SIP_URI_OR_EMPTY),
};

#define N_FIELDS (sizeof(fields) / sizeof(fields[0]))

static const struct str_field *field_find(const char *section,
					  const char *name)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++) {
		if (!strcmp(fields[i].section, section) &&
		    !strcmp(fields[i].name, name))
			return &fields[i];
	}
	return NULL;
}

/* Checks one string value; reports at line and returns false if bad. */
static bool field_check(struct cfgfile *cf, int line,
			const struct str_field *f, const char *v)
{
	if (strlen(v) >= f->size) {
		cfgfile_error(cf, line, "%s is too long (at most %zu characters)",
			      f->name, f->size - 1);
		return false;
	}
	if (config_has_control(v)) {
		cfgfile_error(cf, line, "%s contains a control character or invalid UTF-8",
			      f->name);
		return false;
	}

	switch (f->check) {
	case CHECK_SIP_URI_OR_EMPTY:
		if (!v[0])
			break;
		/* fall through */
	case CHECK_SIP_URI:
		if (!config_sip_uri_valid(v)) {
			cfgfile_error(cf, line,
				      "%s '%s' is not a sip: or sips: URI with a host",
				      f->name, v);
			return false;
		}
		break;
	case CHECK_HOSTPORT:
		if (!config_hostport_valid(v)) {
			cfgfile_error(cf, line,
				      "%s '%s' is not HOST:PORT with a port from 1 to 65535",
				      f->name, v);
			return false;
		}
		break;
	case CHECK_NOT_EMPTY:
		if (!v[0]) {
			cfgfile_error(cf, line, "%s must not be empty%s",
				      f->name, f->hint ? f->hint : "");
			return false;
		}
		break;
	case CHECK_NONE:
		break;
	}
	return true;
}

/* libconfuse calls this right after reading a value, while cfg->line is
 * still the value's line. */
static int field_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const struct str_field *f = field_find(cfg->name, opt->name);
	const char *v = cfg_opt_getnstr(opt, 0);

	if (cf && f && v)
		field_check(cf, cfg->line, f, v);
	return 0;
}

/* A transfer waits between 1 s and 10 minutes for its final answer. */
static int recall_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	long v = cfg_opt_getnint(opt, 0);

	if (cf && (v < 1 || v > 600))
		cfgfile_error(cf, cfg->line, "recall_after %ld is out of range "
			      "(1 to 600 seconds)", v);
	return 0;
}

/* A subscription lasts between 10 s and a day before it is refreshed. */
static int expires_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	long v = cfg_opt_getnint(opt, 0);

	if (cf && (v < CB_SUBSCRIBE_EXPIRES_MIN ||
		   v > CB_SUBSCRIBE_EXPIRES_MAX))
		cfgfile_error(cf, cfg->line,
			      "subscribe_expires %ld is out of range "
			      "(%d to %d seconds)", v, CB_SUBSCRIBE_EXPIRES_MIN,
			      CB_SUBSCRIBE_EXPIRES_MAX);
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
	if (!uri || !uri[0])
		cfgfile_error(cf, ext->line,
			      "extension '%s' has no uri (add uri = \"sip:%s@HOST\")",
			      title, title);
	ext->sec = NULL;
	return 0;
}

/* The headset is optional: a volume out of range is the one thing
 * about the audio section a number can get wrong. */
static int volume_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	long v = cfg_opt_getnint(opt, 0);

	if (cf && (v < CB_VOLUME_MIN_DB || v > CB_VOLUME_MAX_DB))
		cfgfile_error(cf, cfg->line, "volume %ld is out of range "
			      "(%d to %d dB)", v, CB_VOLUME_MIN_DB,
			      CB_VOLUME_MAX_DB);
	return 0;
}

/* A headset button's key name: checked against the evdev names later
 * (src/input), so its line is kept here. */
static int button_validate(cfg_t *cfg, cfg_opt_t *opt)
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
static int audio_line_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	struct ext_open *st = cf ? cf->arg : NULL;

	if (st && !strcmp(opt->name, "ring_device"))
		st->ring_device_line = cfg->line;
	else if (st)
		st->hold_music_line = cfg->line;
	return field_validate(cfg, opt);
}

static cfg_t *schema_init(void)
{
	cfg_t *cfg = cfg_init(root_opts, CFGF_NONE);
	char path[64];
	size_t i;

	if (!cfg)
		return NULL;
	for (i = 0; i < N_FIELDS; i++) {
		if (!strcmp(fields[i].section, "root"))
			snprintf(path, sizeof(path), "%s", fields[i].name);
		else
			snprintf(path, sizeof(path), "%s|%s",
				 fields[i].section, fields[i].name);
		cfg_set_validate_func(cfg, path, field_validate);
	}
	cfg_set_validate_func(cfg, "extension", extension_closed);
	cfg_set_validate_func(cfg, "transfer|recall_after", recall_validate);
	cfg_set_validate_func(cfg, "subscribe_expires", expires_validate);
	cfg_set_validate_func(cfg, "audio|volume", volume_validate);
	cfg_set_validate_func(cfg, "audio|ring_device", audio_line_validate);
	cfg_set_validate_func(cfg, "audio|hold_music", audio_line_validate);
	config_groups_validators(cfg);
	for (i = 0; i < N_HEADSET_BUTTONS; i++) {
		snprintf(path, sizeof(path), "headset|%s",
			 headset_buttons[i].option);
		cfg_set_validate_func(cfg, path, button_validate);
	}
	return cfg;
}

static void field_copy(void *base, const struct str_field *f,
		       const char *v)
{
	snprintf((char *)base + f->offset, f->size, "%s", v ? v : "");
}

static void section_copy(cfg_t *sec, const char *section, void *base)
{
	size_t i;

	for (i = 0; i < N_FIELDS; i++) {
		if (!strcmp(fields[i].section, section))
			field_copy(base, &fields[i],
				   cfg_getstr(sec, fields[i].name));
	}
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

/* The headset's buttons: the named ones first (an empty name: not
 * used), then every key "NAME" { action = "..." } section. LINES are
 * those of the named options, 0 where the default stands. */
static void headset_copy(struct cb_headset *h, cfg_t *sec, const int *lines)
{
	size_t i, n;

	h->grab = cfg_getbool(sec, "grab");
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

/* Copies what libconfuse read into cfg; fails with ENOMEM only. */
static int config_copy(struct cb_config *out, cfg_t *cfg,
		       const int *button_lines)
{
	struct extension *ext;
	const char *hist;
	size_t i, n, ngroups;

	section_copy(cfg_getsec(cfg, "account"), "account", out);
	section_copy(cfg_getsec(cfg, "audio"), "audio", out);
	out->audio.volume = (int)cfg_getint(cfg_getsec(cfg, "audio"),
					    "volume");
	section_copy(cfg_getsec(cfg, "headset"), "headset", out);
	headset_copy(&out->headset, cfg_getsec(cfg, "headset"), button_lines);
	section_copy(cfg_getsec(cfg, "transfer"), "transfer", out);
	out->transfer.recall_after =
		(int)cfg_getint(cfg_getsec(cfg, "transfer"), "recall_after");
	section_copy(cfg, "root", out);
	out->subscribe_expires = (int)cfg_getint(cfg, "subscribe_expires");

	hist = cfg_getstr(cfg, "history_file");
	if (!hist || !hist[0])
		history_default(out->history_file, sizeof(out->history_file));

	config_groups_copy(out, cfg);
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
		section_copy(sec, "extension", &ext[i]);
		ext[i].watch_presence = cfg_getbool(sec, "presence");
		ext[i].watch_dialog = cfg_getbool(sec, "blf");
		ext[i].presence = PRESENCE_UNKNOWN;
		ext[i].line_state = EXT_LINE_UNKNOWN;
		ext[i].intercom = m > 0 ? (enum intercom_method)m :
			INTERCOM_DEFAULT;
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
		config_groups_check(&cf, cfg);
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
	err = hold_music_check(out, path, ext.hold_music_line, d);
	if (!err && out->directory_file[0])
		err = directory_load(out, d);

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
