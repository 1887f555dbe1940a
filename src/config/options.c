/*
 * options.c — the table of cordboard.conf's scalar options and what is
 * built from it: the libconfuse schema, the value checks, the copy into
 * struct cb_config and the commented sample of --print-config.
 */
#include "options.h"
#include "checks.h"

#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "core/board.h"
#include "core/history_book.h"
#include "service_conf.h"

#define AT(member) offsetof(struct cb_config, member), \
	sizeof(((struct cb_config *)0)->member)
#define INT(sec, name, member, def, min, max, unit, doc) \
	{ sec, name, OPT_INT, offsetof(struct cb_config, member), \
	  sizeof(int), def, NULL, min, max, unit, CHECK_NONE, NULL, NULL, \
	  doc }
#define INT_OWN(sec, name, member, def, min, max, unit, validate, doc) \
	{ sec, name, OPT_INT, offsetof(struct cb_config, member), \
	  sizeof(int), def, NULL, min, max, unit, CHECK_NONE, NULL, \
	  validate, doc }
#define STR(sec, name, member, def, check, doc) \
	{ sec, name, OPT_STR, AT(member), 0, def, 0, 0, NULL, check, NULL, \
	  NULL, doc }
#define STR_HINT(sec, name, member, def, check, hint, doc) \
	{ sec, name, OPT_STR, AT(member), 0, def, 0, 0, NULL, check, hint, \
	  NULL, doc }
#define STR_OWN(sec, name, member, def, validate, doc) \
	{ sec, name, OPT_STR, AT(member), 0, def, 0, 0, NULL, CHECK_NONE, \
	  NULL, validate, doc }
#define STR_ELSEWHERE(sec, name, def, validate, doc) \
	{ sec, name, OPT_STR, OPTION_NOWHERE, 0, 0, def, 0, 0, NULL, \
	  CHECK_NONE, NULL, validate, doc }
#define BOOL(sec, name, member, def, doc) \
	{ sec, name, OPT_BOOL, offsetof(struct cb_config, member), \
	  sizeof(int), def, NULL, 0, 0, NULL, CHECK_NONE, NULL, NULL, doc }
#define BOOL_OWN(sec, name, member, def, validate, doc) \
	{ sec, name, OPT_BOOL, offsetof(struct cb_config, member), \
	  sizeof(int), def, NULL, 0, 0, NULL, CHECK_NONE, NULL, validate, \
	  doc }

static const char *const log_level_names[] = PANE_LOG_NAMES;
#define LOG_LEVELS (sizeof(log_level_names) / sizeof(log_level_names[0]))

int config_log_level(const char *name)
{
	size_t i;

	for (i = 0; i < LOG_LEVELS; i++) {
		if (!strcmp(name, log_level_names[i]))
			return (int)i;
	}
	return PANE_LOG_INFO;
}

int config_log_level_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	size_t i;

	for (i = 0; v && i < LOG_LEVELS; i++) {
		if (!strcmp(v, log_level_names[i]))
			return 0;
	}
	if (cf)
		cfgfile_error(cf, cfg->line, "log_level '%s' is not warning, "
			      "info or debug", v ? v : "");
	return 0;
}

static const struct config_option options[] = {
	STR("root", "theme", theme, "default", CHECK_NOT_EMPTY,
	    "colour theme: a name from themes/ or a path"),
	STR("root", "keymap", keymap, "default", CHECK_NOT_EMPTY,
	    "keys: default, attendant, vi, a name from keymaps/ or a path"),
	STR_OWN("root", "log_level", log_level, "info",
		config_log_level_validate,
		"the log pane besides the operator's sentences: warning "
		"(the console's warnings), info (and its notes) or debug "
		"(and the SIP stack's own lines)"),
	BOOL("root", "accessible", accessible, 0,
	     "a screen a reader and braille follow: words, the cursor on "
	     "the focus, announcements"),
	STR("root", "history_file", history_file, "", CHECK_NONE,
	    "finished calls, one line each; \"\" = "
	    "$XDG_STATE_HOME/cordboard/history"),
	STR("root", "absence_file", absence_file, "", CHECK_NONE,
	    "colleagues marked out, kept across restarts; \"\" = "
	    "absences beside the history file"),
	STR("root", "messages_file", messages.path, "", CHECK_NONE,
	    "messages taken for colleagues, kept until delivered; \"\" = "
	    "messages beside the history file"),
	STR("root", "directory_file", directory_file, "", CHECK_NONE,
	    "CSV of more extensions (number,name,department,uri,voicemail"
	    "[,vip,priority])"),
	STR("root", "presence_server", presence_server, "",
	    CHECK_SIP_URI_OR_EMPTY,
	    "subscribe to presence and BLF through it; \"\" = each extension"),
	INT("root", "subscribe_expires", subscribe_expires, 600, 10, 86400,
	    " seconds", "a subscription is refreshed within this time"),
	INT("root", "detached_grace", detached_grace, 120, 0, 86400,
	    " seconds", "the terminal lost, calls go on this long for "
	    "cordboard --attach; then callers are handed on and it ends"),
	STR("presence", "list_uri", presence_list_uri, "",
	    CHECK_SIP_URI_OR_EMPTY,
	    "one subscription to this resource list (RFC 4662) for every "
	    "extension; \"\" = one each"),

	STR("account", "aor", account.aor, "sip:reception@127.0.0.1",
	    CHECK_SIP_URI, "the console's own SIP address"),
	STR("account", "display_name", account.display_name,
	    SETTINGS_OPERATOR_NAME, CHECK_NONE,
	    "the name callees see (%o in announce_name)"),
	STR("account", "listen", account.listen, "127.0.0.1:5060",
	    CHECK_HOSTPORT,
	    "HOST:PORT of the console's SIP: UDP and TCP there, TLS on PORT+1"),
	STR("account", "rtp_ports", account.rtp_ports, "",
	    CHECK_PORT_RANGE_OR_EMPTY,
	    "LOW-HIGH UDP ports for call audio (a firewall's range); \"\" = "
	    "any"),
	STR("account", "registrar", account.registrar, "",
	    CHECK_SIP_URI_OR_EMPTY, "REGISTER there; \"\" = peer-to-peer"),
	INT("account", "register_expires", account.register_expires, 600, 10,
	    86400, " seconds",
	    "a registration lasts this long: a lost server shows within it "
	    "and 32 s"),
	STR("account", "dial_domain", account.dial_domain, "", CHECK_NONE,
	    "HOST[:PORT] numbers and mobiles are dialled at; \"\" = the "
	    "aor's host"),
	STR("account", "operator_uri", account.operator_uri, "",
	    CHECK_SIP_URI_OR_EMPTY, "publish this console's line state "
	    "there (dialog-info), for the other operators; \"\" = none"),
	STR("account", "auth_user", account.auth_user, "", CHECK_NONE,
	    "user name for digest authentication"),
	STR("account", "password", account.password, "", CHECK_NONE,
	    "password for digest authentication (chmod 600 this file)"),
	STR_OWN("account", "transport", account.transport, "udp",
		config_transport_validate,
		"how SIP reaches the registrar: udp, tcp or tls"),
	STR_OWN("account", "tls_ca", account.tls_ca, "",
		config_tls_ca_validate,
		"PEM file of the CA that signed the server's certificate; "
		"\"\" = the system's CAs"),
	BOOL_OWN("account", "tls_verify", account.tls_verify, 1,
		 config_tls_verify_validate,
		 "refuse a TLS server whose certificate the CA did not sign "
		 "for its name"),
	STR_OWN("account", "media_encryption", account.media_encryption,
		"none", config_media_encryption_validate,
		"none, srtp (if the peer offers it), srtp-mandatory or dtls"),

	STR_HINT("audio", "device", audio.device, "alsa,default",
		 CHECK_NOT_EMPTY, " (\"none\" runs without audio)",
		 "the headset: baresip driver,device, or \"none\""),
	STR_OWN("audio", "ring_device", audio.ring_device, "",
		config_audio_line_validate,
		"where calls ring; \"\" = the headset, \"none\" = silent"),
	STR_OWN("audio", "hold_music", audio.hold_music, "",
		config_audio_line_validate,
		"16-bit WAV looped to held callers; \"\" = silence"),
	INT("audio", "volume", audio.volume, 0, BOARD_VOLUME_MIN_DB,
	    BOARD_VOLUME_MAX_DB, " dB", "headset volume at start"),

	STR("headset", "device", headset.device, "", CHECK_NONE,
	    "evdev device of the headset's buttons; \"\" = none"),
	BOOL("headset", "grab", headset.grab, 1,
	     "take the buttons from other programs"),
	STR_ELSEWHERE("headset", "answer_key", "KEY_PHONE",
		      config_button_validate,
		      "answers, or hangs up when nothing rings"),
	STR_ELSEWHERE("headset", "hangup_key", "", config_button_validate,
		      "hangs up"),
	STR_ELSEWHERE("headset", "mute_key", "KEY_MICMUTE",
		      config_button_validate, "mutes the microphone"),
	STR_ELSEWHERE("headset", "volume_up_key", "KEY_VOLUMEUP",
		      config_button_validate, "louder"),
	STR_ELSEWHERE("headset", "volume_down_key", "KEY_VOLUMEDOWN",
		      config_button_validate, "softer"),

	STR("transfer", "announce_name", transfer.announce,
	    SETTINGS_ANNOUNCE, CHECK_NONE,
	    "consult caller ID: %c the caller, %o display_name"),
	INT("transfer", "recall_after", transfer.recall_after_s,
	    SETTINGS_RECALL_AFTER_S, 1, 600, " seconds",
	    "a transfer with no final answer by then comes back"),
	STR("transfer", "voicemail_uri", transfer.voicemail_uri, "",
	    CHECK_SIP_URI_OR_EMPTY,
	    "voicemail of extensions without one: %e the number"),

	STR_ELSEWHERE("intercom", "method", "call-info",
		      config_intercom_validate,
		      "call-info, alert-info, answer-mode or intercom-param"),
	STR_OWN("intercom", "header", intercom.header, "",
		config_intercom_validate,
		"\"Name: value\" sent instead of the method's header"),

	INT("park", "slots", park.slots, SETTINGS_PARK_SLOTS, 1,
	    BOARD_PARK_SLOTS_MAX, "", "park slots 1 to slots"),
	INT("park", "timeout", park.timeout_s, SETTINGS_PARK_TIMEOUT_S, 10,
	    3600, " seconds", "a parked caller comes back after it"),
	STR_OWN("park", "uri_prefix", park.uri_prefix,
		SETTINGS_PARK_URI_PREFIX, config_park_prefix_validate,
		"an extension calls PREFIX N to pick up slot N"),

	INT("queue", "answer_alert_after", queue.answer_alert_after_s,
	    SETTINGS_ANSWER_ALERT_AFTER_S, 0, SETTINGS_ANSWER_ALERT_MAX_S,
	    " seconds", "a call ringing longer turns to the alarm; 0 = never"),
	INT("queue", "hold_reminder_after", queue.hold_reminder_after_s,
	    SETTINGS_HOLD_REMINDER_AFTER_S, SETTINGS_HOLD_REMINDER_MIN_S,
	    SETTINGS_HOLD_REMINDER_MAX_S, " seconds",
	    "held or parked longer: a reminder tone, again after it"),
	INT_OWN("queue", "overflow_after", queue.overflow_after_s,
		SETTINGS_OVERFLOW_AFTER_S, 0, SETTINGS_OVERFLOW_MAX_S,
		" seconds", config_queue_line_validate,
		"a call ringing longer goes to overflow_target; 0 = never"),
	STR_OWN("queue", "overflow_target", queue.overflow_target, "",
		config_queue_line_validate,
		"where overflow sends callers: a number, group or sip: URI"),
	STR_ELSEWHERE("queue", "camp_on", "announce", config_camp_on_validate,
		      "once the colleague is free: announce (a consult) or blind "
		      "(a REFER)"),
	INT("queue", "camp_on_ring", queue.camp_on_ring_s,
	    SETTINGS_CAMP_ON_RING_S, SETTINGS_CAMP_ON_RING_MIN_S,
	    SETTINGS_CAMP_ON_RING_MAX_S, " seconds",
	    "the colleague does not take the caller: back to you"),
	INT("queue", "camp_on_max", queue.camp_on_max_s,
	    SETTINGS_CAMP_ON_MAX_S, SETTINGS_CAMP_ON_MAX_MIN_S,
	    SETTINGS_CAMP_ON_MAX_MAX_S, " seconds",
	    "a camp-on gives up and the caller comes back after it"),
	INT("queue", "camp_on_retry", queue.camp_on_retry_s,
	    SETTINGS_CAMP_ON_RETRY_S, SETTINGS_CAMP_ON_RETRY_MIN_S,
	    SETTINGS_CAMP_ON_RETRY_MAX_S, " seconds",
	    "without a line state for the colleague, try this often"),

	BOOL("cues", "new_caller", cues.new_caller, 1,
	     "a rising tone on the ring device when a caller rings"),
	BOOL("cues", "reminder", cues.reminder, 1,
	     "the queue's reminder tones (answer_alert_after, "
	     "hold_reminder_after)"),
	BOOL("cues", "transfer_failed", cues.transfer_failed, 1,
	     "a falling tone when a caller comes back from a transfer"),
	BOOL("cues", "hung_up", cues.hung_up, 1,
	     "two low notes when a caller of yours hangs up"),

	INT("messages", "retry_after", messages.retry_after_s,
	    SETTINGS_MESSAGE_RETRY_S, SETTINGS_MESSAGE_RETRY_MIN_S,
	    SETTINGS_MESSAGE_RETRY_MAX_S, " seconds",
	    "a message not delivered is sent again this often"),

	STR_OWN("service", "open", service.open, "",
		config_service_open_validate,
		"opening hours, e.g. \"Mon-Fri 08:00-18:00; Sat 09:00-12:00\"; "
		"\"\" = always open"),
	STR_OWN("service", "night_target", service.night_target, "",
		config_queue_line_validate,
		"night calls go there (number, group or sip: URI); \"\" = 480"),
	STR_ELSEWHERE("service", "mode", "auto", config_service_mode_validate,
		      "auto (follows open), day, or night"),

	INT("history", "keep_days", history_keep_days,
	    SETTINGS_HISTORY_KEEP_DAYS, 0, SETTINGS_HISTORY_KEEP_DAYS_MAX,
	    " days", "older calls leave the history file at start; 0 = keep "
	    "all"),
};

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

static const struct config_option *option_find(const char *section,
					       const char *name)
{
	size_t i;

	for (i = 0; i < N_OPTIONS; i++) {
		if (!strcmp(options[i].section, section) &&
		    !strcmp(options[i].name, name))
			return &options[i];
	}
	return NULL;
}

bool config_value_check(struct cfgfile *cf, int line, const char *name,
			size_t size, enum option_check check,
			const char *hint, const char *v)
{
	if (strlen(v) >= size) {
		cfgfile_error(cf, line, "%s is too long (at most %zu characters)",
			      name, size - 1);
		return false;
	}
	if (config_has_control(v)) {
		cfgfile_error(cf, line, "%s contains a control character or invalid UTF-8",
			      name);
		return false;
	}

	switch (check) {
	case CHECK_SIP_URI_OR_EMPTY:
		if (!v[0])
			break;
		/* fall through */
	case CHECK_SIP_URI:
		if (!config_sip_uri_valid(v)) {
			cfgfile_error(cf, line,
				      "%s '%s' is not a sip: or sips: URI with a host",
				      name, v);
			return false;
		}
		break;
	case CHECK_HOSTPORT:
		if (!config_hostport_valid(v)) {
			cfgfile_error(cf, line,
				      "%s '%s' is not HOST:PORT with a port from 1 to 65535",
				      name, v);
			return false;
		}
		break;
	case CHECK_PORT_RANGE_OR_EMPTY:
		if (v[0] && !config_port_range_valid(v)) {
			cfgfile_error(cf, line,
				      "%s '%s' is not LOW-HIGH: two or more UDP "
				      "ports from 1024 to 65535",
				      name, v);
			return false;
		}
		break;
	case CHECK_NOT_EMPTY:
		if (!v[0]) {
			cfgfile_error(cf, line, "%s must not be empty%s",
				      name, hint ? hint : "");
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
int config_option_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const struct config_option *o = option_find(cfg->name, opt->name);
	const char *v;
	long n;

	if (!cf || !o)
		return 0;
	if (o->type == OPT_INT) {
		n = cfg_opt_getnint(opt, 0);
		if (n < o->min || n > o->max)
			cfgfile_error(cf, cfg->line, "%s %ld is out of range "
				      "(%ld to %ld%s)", o->name, n, o->min,
				      o->max, o->unit);
	} else if (o->type == OPT_STR && o->offset != OPTION_NOWHERE &&
		   (v = cfg_opt_getnstr(opt, 0))) {
		config_value_check(cf, cfg->line, o->name, o->size, o->check,
				   o->hint, v);
	}
	return 0;
}

static cfg_opt_t option_schema(const struct config_option *o)
{
	cfg_opt_t opt;

	switch (o->type) {
	case OPT_INT:
		opt = (cfg_opt_t)CFG_INT(o->name, o->def, CFGF_NONE);
		break;
	case OPT_BOOL:
		opt = (cfg_opt_t)CFG_BOOL(o->name, o->def ? cfg_true :
					  cfg_false, CFGF_NONE);
		break;
	default:
		opt = (cfg_opt_t)CFG_STR(o->name, o->def_str, CFGF_NONE);
		break;
	}
	opt.validcb = o->validate ? o->validate : config_option_validate;
	return opt;
}

#define SECTIONS_MAX 16
#define SECTION_OPTS_MAX 32

/* The sections in the order the table first names them, root first. */
static size_t sections_list(const char **names)
{
	size_t i, k, n = 0;

	names[n++] = "root";
	for (i = 0; i < N_OPTIONS; i++) {
		for (k = 0; k < n && strcmp(names[k], options[i].section); k++)
			;
		if (k == n && n < SECTIONS_MAX)
			names[n++] = options[i].section;
	}
	return n;
}

/* Fills out with SECTION's rows and extras, then CFG_END. */
static size_t section_schema(cfg_opt_t *out, const char *section,
			     const struct config_extra *extra, size_t nextra)
{
	static const cfg_opt_t end = CFG_END();
	size_t i, n = 0;

	for (i = 0; i < N_OPTIONS && n < SECTION_OPTS_MAX - 1; i++) {
		if (!strcmp(options[i].section, section))
			out[n++] = option_schema(&options[i]);
	}
	for (i = 0; i < nextra && n < SECTION_OPTS_MAX - 1; i++) {
		if (!strcmp(extra[i].parent, section))
			out[n++] = extra[i].opt;
	}
	out[n] = end;
	return n;
}

cfg_opt_t *config_options_schema(const struct config_extra *extra,
				 size_t nextra)
{
	static cfg_opt_t opts[SECTIONS_MAX][SECTION_OPTS_MAX];
	static cfg_opt_t root[SECTIONS_MAX + SECTION_OPTS_MAX];
	static const cfg_opt_t end = CFG_END();
	const char *names[SECTIONS_MAX];
	size_t i, n, nsec = sections_list(names);

	n = section_schema(root, "root", extra, nextra);
	for (i = 1; i < nsec; i++) {
		section_schema(opts[i], names[i], extra, nextra);
		root[n++] = (cfg_opt_t)CFG_SEC(names[i], opts[i], CFGF_NONE);
	}
	root[n] = end;
	return root;
}

void config_options_copy(struct cb_config *cfg, cfg_t *root)
{
	const struct config_option *o;
	cfg_t *sec;
	char *at;

	for (o = options; o < options + N_OPTIONS; o++) {
		if (o->offset == OPTION_NOWHERE)
			continue;
		sec = strcmp(o->section, "root") ?
			cfg_getsec(root, o->section) : root;
		at = (char *)cfg + o->offset;
		if (o->type == OPT_INT)
			*(int *)at = (int)cfg_getint(sec, o->name);
		else if (o->type == OPT_BOOL)
			*(int *)at = cfg_getbool(sec, o->name) ? 1 : 0;
		else
			snprintf(at, o->size, "%s", cfg_getstr(sec, o->name) ?
				 cfg_getstr(sec, o->name) : "");
	}
}

static bool option_differs(const struct config_option *o,
			   const struct cb_config *a, const struct cb_config *b)
{
	const char *x = (const char *)a + o->offset;
	const char *y = (const char *)b + o->offset;

	if (o->type == OPT_STR)
		return strncmp(x, y, o->size) != 0;
	return *(const int *)x != *(const int *)y;
}

void config_options_diff(const struct cb_config *a,
			 const struct cb_config *b,
			 void (*fn)(void *arg, const struct config_option *o),
			 void *arg)
{
	const struct config_option *o;

	for (o = options; o < options + N_OPTIONS; o++) {
		if (o->offset != OPTION_NOWHERE && option_differs(o, a, b))
			fn(arg, o);
	}
}

void config_option_keep(struct cb_config *to, const struct cb_config *from,
			const struct config_option *o)
{
	if (o->offset != OPTION_NOWHERE)
		memcpy((char *)to + o->offset, (const char *)from + o->offset,
		       o->size);
}

/* Writes text for roff: a minus is \- and a backslash \e. */
static void man_puts(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '-')
			fputs("\\-", out);
		else if (*text == '\\')
			fputs("\\e", out);
		else
			fputc(*text, out);
	}
}

static void option_print_man(FILE *out, const struct config_option *o)
{
	fputs(".TP\n\\fB", out);
	if (strcmp(o->section, "root"))
		fprintf(out, "%s.", o->section);
	fprintf(out, "%s\\fR = ", o->name);
	if (o->type == OPT_INT)
		fprintf(out, "%s%ld (%s%ld to %s%ld", o->def < 0 ? "\\-" : "",
			labs(o->def), o->min < 0 ? "\\-" : "", labs(o->min),
			o->max < 0 ? "\\-" : "", labs(o->max));
	else if (o->type == OPT_BOOL)
		fputs(o->def ? "true" : "false", out);
	else {
		fputc('"', out);
		man_puts(out, o->def_str);
		fputc('"', out);
	}
	if (o->type == OPT_INT)
		fprintf(out, "%s)", o->unit);
	fputc('\n', out);
	man_puts(out, o->doc);
	fputc('\n', out);
}

static void option_print(FILE *out, const struct config_option *o,
			 const char *indent)
{
	const char *p;

	fprintf(out, "%s# %s", indent, o->doc);
	if (o->type == OPT_INT)
		fprintf(out, " (%ld to %ld%s)", o->min, o->max, o->unit);
	fprintf(out, "\n%s%s = ", indent, o->name);
	if (o->type == OPT_INT) {
		fprintf(out, "%ld\n", o->def);
		return;
	}
	if (o->type == OPT_BOOL) {
		fprintf(out, "%s\n", o->def ? "true" : "false");
		return;
	}
	fputc('"', out);
	for (p = o->def_str; *p; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', out);
		fputc(*p, out);
	}
	fputs("\"\n", out);
}

void config_print(FILE *out, bool man)
{
	const char *names[SECTIONS_MAX];
	size_t i, k, nsec = sections_list(names);

	if (man) {
		for (i = 0; i < nsec; i++) {
			for (k = 0; k < N_OPTIONS; k++) {
				if (!strcmp(options[k].section, names[i]))
					option_print_man(out, &options[k]);
			}
		}
		return;
	}

	fprintf(out, "# cordboard.conf: every option at its default "
		"(cordboard --print-config)\n"
		"# extension \"NUMBER\" { ... }, group \"NAME\" { ... }, "
		"line \"NUMBER\" { ... } and\n# headset key \"KEY\" { ... } "
		"blocks are described in cordboard(1).\n");
	for (i = 0; i < nsec; i++) {
		bool root = !strcmp(names[i], "root");

		fputc('\n', out);
		if (!root)
			fprintf(out, "%s {\n", names[i]);
		for (k = 0; k < N_OPTIONS; k++) {
			if (!strcmp(options[k].section, names[i]))
				option_print(out, &options[k],
					     root ? "" : "\t");
		}
		if (!root)
			fprintf(out, "}\n");
	}
	fprintf(out, "\n# A company line: a caller who dials NUMBER rings "
		"with COMPANY shown, and\n# answering shows the greeting to "
		"say. Priority 0-9: the higher waits less.\n"
		"# line \"100\" { company = \"ACME Legal\" priority = 0\n"
		"#     greeting = \"Good morning, ACME Legal, how can I help?\" "
		"}\n");
}
