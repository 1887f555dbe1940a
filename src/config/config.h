/*
 * config — the files users edit, parsed with libconfuse: cordboard.conf,
 * themes/NAME.theme and keymaps/NAME.keymap. One schema per file type
 * lives in this directory and is the single source of truth.
 * Errors are reported through struct diag as "FILE:LINE: what is wrong".
 */
#ifndef CORDBOARD_CONFIG_CONFIG_H
#define CORDBOARD_CONFIG_CONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/cues.h"
#include "core/diag.h"
#include "core/extension.h"
#include "core/messages.h"
#include "core/service.h"
#include "core/settings.h"

struct cb_account {
	char aor[256];         /* "sip:reception@127.0.0.1" */
	char display_name[128];/* shown to callees; default "Reception" */
	char listen[64];       /* "127.0.0.1:5060" */
	char registrar[256];   /* "" = no REGISTER */
	char auth_user[128];
	char password[128];
	char dial_domain[128]; /* HOST[:PORT] for bare numbers; "" = aor's */
	char transport[8];     /* to the registrar: "udp", "tcp", "tls" */
	char tls_ca[PATH_MAX]; /* "" = the system's CAs */
	int tls_verify;        /* refuse servers the CA did not sign */
	char media_encryption[16]; /* "none", "srtp", "srtp-mandatory", "dtls" */
	char rtp_ports[16];    /* "10000-10999"; "" = any */
	int register_expires;  /* s a registration lasts; refreshed before */
	char operator_uri[256];/* line state published there; "" = none */
};

enum {
	CB_HEADSET_KEYS_MAX = 32,
};

struct cb_audio {
	char device[128];      /* the headset: "alsa,default", or "none" */
	char ring_device[128]; /* the ringer; "" = device, "none" = silent */
	int volume;            /* dB the headset starts at */
	char hold_music[512];  /* WAV looped to held calls; "" = silence */
};

/* One button of the headset: an evdev key name and the action it runs,
 * with the line it was given on (0: a built-in default). */
struct cb_headset_key {
	char key[48];          /* "KEY_PHONE" */
	char action[256];
	int line;
};

/* headset { device = "/dev/input/by-id/..." ... }: its buttons run
 * actions. The key names are checked by src/input. */
struct cb_headset {
	char device[PATH_MAX]; /* "" = no headset buttons */
	int grab;              /* take the device for ourselves */
	struct cb_headset_key keys[CB_HEADSET_KEYS_MAX];
	size_t nkeys;
};

struct cb_config {
	char path[PATH_MAX];   /* file read, "" for built-in defaults */
	struct cb_account account;
	struct cb_audio audio;
	struct cb_headset headset;
	/* core's own structs, filled by the option table */
	struct xfer_config transfer;
	struct intercom_config intercom;
	struct park_config park;
	struct queue_config queue;
	struct service_config service;
	struct messages_config messages;   /* path: messages_file */
	struct cue_config cues;
	/* messages { command = [...] }: the e-mail program and its
	 * arguments, mail_argc = 0 when none */
#define MAIL_ARGS_MAX 16
#define MAIL_ARG_SIZE 256
	char mail_command[MAIL_ARGS_MAX][MAIL_ARG_SIZE];
	size_t mail_argc;
	/* line "NUMBER" { ... } sections, in the file's order */
	struct company_line lines[COMPANY_LINES_MAX];
	size_t n_lines;
	char theme[64];        /* theme name or path */
	char keymap[64];       /* keymap name or path */
	char log_level[16];    /* warning, info, debug (board.h log_level) */
	int accessible;        /* the screen for a reader (--accessible) */
	char history_file[PATH_MAX];
	char absence_file[PATH_MAX];
	int history_keep_days;    /* 0: keep every record */
	char directory_file[PATH_MAX]; /* CSV of more extensions, or "" */
	char presence_server[256];     /* subscribe through it, or "" */
	int subscribe_expires;         /* s; a dead phone shows within it */
	int detached_grace;            /* s without a terminal before the end */
	char presence_list_uri[256];   /* the server's list of them all, or "" */
	struct extension *extensions;   /* then the groups */
	size_t n_extensions;
};

/* Fills cfg with the built-in defaults (what an empty file gives). */
void config_defaults(struct cb_config *cfg);

/* Parses path into cfg. Returns 0 when usable; errors and warnings are
 * added to d (a password in a file readable by group/others is a
 * warning). On error cfg holds defaults and must still be freed. */
int config_load(struct cb_config *cfg, const char *path, struct diag *d);

void config_free(struct cb_config *cfg);

/* Reads a relative tls_ca beside the configuration file at CONF_PATH. */
void config_security_copy(struct cb_account *a, const char *conf_path);

/* Writes a complete commented cordboard.conf with every option of the
 * option table (options.c) at its default and what it means; with MAN,
 * the same as the man page's list of options (roff). */
void config_print(FILE *out, bool man);

/* Appends the rows of cfg->directory_file (CSV with the header
 * number,name,department,uri,voicemail, then optionally vip and
 * priority; a path relative to the config file's directory) to
 * cfg->extensions. A bad row is a warning
 * "FILE:LINE: ... (row skipped)"; a missing file or header is an error.
 * Returns 0, or an errno value when the file cannot be used at all. */
int directory_load(struct cb_config *cfg, struct diag *d);
/* The file directory_load reads: directory_file, relative to the
 * config file's directory; false (OUT empty) when it does not fit. */
bool config_directory_path(const struct cb_config *cfg, char *out,
			   size_t sz);

/* Finds the config file by the documented search order: explicit path,
 * $XDG_CONFIG_HOME/cordboard/cordboard.conf (~/.config when unset),
 * /etc/cordboard/cordboard.conf. Returns 0 and fills out, or ENOENT. */
int config_find(char *out, size_t outsz, const char *explicit_path);

/* Finds a keymap or theme by name: a name containing '/' is a path;
 * otherwise $XDG_CONFIG_HOME/cordboard/DIR/NAME.EXT, then the data
 * directories (source tree when run uninstalled, then the install
 * prefix). dir is "keymaps" or "themes", ext "keymap" or "theme". */
int config_find_data(char *out, size_t outsz, const char *dir,
		     const char *name, const char *ext);
/* The same, passing over EXCEPT (a user's keymap that includes the
 * shipped one of the same name). */
int config_find_data_except(char *out, size_t outsz, const char *dir,
			    const char *name, const char *ext,
			    const char *except);

#endif
