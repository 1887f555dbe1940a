/*
 * app — the launcher (main.c: arguments, validation, the private baresip
 * directory; startup.c: baresip as its child, why it could not start)
 * and the baresip module (module.c: wires config, core,
 * sip, input and tui together on baresip's main loop).
 */
#ifndef CORDBOARD_APP_LAUNCH_H
#define CORDBOARD_APP_LAUNCH_H

#include <stddef.h>

#include "config/config.h"
#include "config/theme.h"
#include "core/diag.h"
#include "input/console.h"
#include "input/headset.h"

/* Environment the launcher hands to the module across the exec. */
#define ENV_CONFIG    "CORDBOARD_CONFIG"
#define ENV_KEYMAP    "CORDBOARD_KEYMAP_FILE"
#define ENV_THEME     "CORDBOARD_THEME_FILE"
/* set only when --keymap or --theme chose the file: a reload keeps it
 * instead of the configuration's */
#define ENV_KEYMAP_CLI "CORDBOARD_KEYMAP_CLI"
#define ENV_THEME_CLI  "CORDBOARD_THEME_CLI"
#define ENV_EVENT_LOG "CORDBOARD_EVENT_LOG"
#define ENV_RUNDIR    "CORDBOARD_RUNDIR"
#define ENV_TTY       "CORDBOARD_TTY"
#define ENV_MONO      "CORDBOARD_MONO"     /* --mono: no colour at all */
#define ENV_ACCESSIBLE "CORDBOARD_ACCESSIBLE" /* --accessible */
/* tests only: crash on purpose 2 s after the screen is up (segv, abort,
 * fpe), to prove the terminal comes back */
#define ENV_DEBUG_CRASH "CORDBOARD_DEBUG_CRASH"

/* Everything a console needs from the files users edit. */
struct app_files {
	struct cb_config cfg;
	struct keymap km;
	struct theme theme;
	struct headset_map headset;   /* the headset's buttons */
	char keymap_path[4096];
	char theme_path[4096];
};

/* Loads the config at path ("" = built-in defaults), then the keymap and
 * theme it names (or the given paths when not NULL). Errors and warnings
 * go to d. Returns 0 when everything is usable. */
int app_files_load(struct app_files *f, const char *path,
		   const char *keymap_path, const char *theme_path,
		   struct diag *d);
void app_files_free(struct app_files *f);

/* Finds a theme the way the configuration's theme = "NAME" does: a name
 * is themes/NAME.theme (see config_find_data); text with a '/' or ending
 * in ".theme" is a file. Returns 0 or ENOENT. */
int app_theme_find(char *out, size_t sz, const char *name);

/* Loads theme NAME (app_theme_find) into f->theme for a live switch.
 * On any error f is left as it was and d says why (FILE:LINE: ...). */
int app_theme_switch(struct app_files *f, const char *name,
		     struct diag *d);

/* The device the ringer plays on: ring_device, else the headset's. */
const char *app_ring_device(const struct cb_config *cfg);

/* baresip's name for account.media_encryption: none, srtp, srtp-mand or
 * dtls_srtp. */
const char *app_media_encryption(const struct cb_account *a);

/* The headset's buttons (headset_dev.c): opens the evdev device of
 * cfg->headset, runs each button's action on the console, and says in
 * the log pane when the device is missing, unreadable, plugged in or
 * pulled out (it is looked for again every few seconds). after() runs
 * once the actions of a read have run (to redraw, or quit). */
int  headset_dev_start(struct console *c, const struct cb_headset *h,
		       const struct headset_map *m, void (*after)(void));
void headset_dev_stop(void);

/* Writes the baresip "config" text for cfg. */
int app_baresip_config(const struct cb_config *cfg, const char *module_rel,
		       char *config, size_t configsz);

/* Writes the baresip account line for cfg's account (with its password:
 * it stays in memory, the module hands it straight to baresip). */
int app_account_line(const struct cb_config *cfg, char *line, size_t sz);

/* The host bare numbers are dialled at: dial_domain, else the aor's. */
void app_default_domain(const struct cb_config *cfg, char *out, size_t sz);

/* Where subscriptions go: presence_server, or with transport tcp or tls
 * the registrar over it, so that none leaves in clear. */
void app_presence_route(const struct cb_config *cfg, char *route,
			size_t sz);

#endif
