/*
 * reload.c — the files users edit, read again while calls go on (see
 * reload.h). Everything is read and checked into new structures first;
 * only when all of it is valid does anything change, in one turn of
 * the main loop: the directory (core/directory_swap.c), the
 * subscriptions that follow it (sip/subscribe_update.c), the settings
 * that can change live, the keymap and the theme. SIGUSR1 only writes
 * to a pipe, as SIGHUP does in detach.c; the main loop reloads.
 */
#define _GNU_SOURCE
#include "reload.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/options.h"
#include "core/cues.h"
#include "core/directory_swap.h"
#include "core/queue.h"
#include "core/service.h"
#include "detach.h"
#include "module_env.h"
#include "sip/sip.h"
#include "tui/tui.h"

static struct {
	const struct reload_app *app;
	int usr1_pipe[2];
	struct keymap retired;     /* the keymap replaced, freed next turn */
	bool has_retired;
} rl = { .usr1_pipe = { -1, -1 } };

/* Settings the console takes at start only: the SIP account, its ports
 * and transport, the audio devices, the files it keeps open. A whole
 * section, or "section.name" ("name" on top). */
static const char *const restart_only[] = {
	"account", "audio", "park", "headset.device", "headset.grab",
	"accessible", "history_file", "absence_file", "messages_file",
	"history.keep_days", "messages.retry_after", NULL,
};
/* ...but for these, read only when a number is dialled */
static const char *const live_anyway[] = { "account.dial_domain", NULL };

static bool named_in(const char *const *list, const char *section,
		     const char *full)
{
	size_t i;

	for (i = 0; list[i]; i++) {
		if (!strcmp(list[i], section) || !strcmp(list[i], full))
			return true;
	}
	return false;
}

/* The settings that need a restart, kept as they run now. */
struct kept {
	const struct cb_config *now;
	struct cb_config *next;
	char names[200];
	size_t n;
	size_t listed;        /* how many of the n names fit */
};

static void keep_if_restart_only(void *arg, const struct config_option *o)
{
	struct kept *k = arg;
	char full[96];
	size_t len = strlen(k->names);

	if (!strcmp(o->section, "root"))
		snprintf(full, sizeof(full), "%s", o->name);
	else
		snprintf(full, sizeof(full), "%s.%s", o->section, o->name);
	if (!named_in(restart_only, o->section, full) ||
	    named_in(live_anyway, o->section, full))
		return;
	config_option_keep(k->next, k->now, o);
	k->n++;
	/* the names that do not fit are counted, never cut mid-name */
	if (k->listed + 1 == k->n &&
	    len + strlen(full) + 2 < sizeof(k->names)) {
		snprintf(k->names + len, sizeof(k->names) - len, "%s%s",
			 len ? ", " : "", full);
		k->listed++;
	}
}

/* A skipped row of the directory is a warning at start (one bad row
 * must not cost the operator the others) but a reload changes nothing
 * until the file is right. */
static bool blocks_reload(const struct diag_msg *m, const char *dir_path)
{
	size_t n = strlen(dir_path);

	return m->level == DIAG_ERROR || (n && !strncmp(m->text, dir_path, n)
					  && m->text[n] == ':');
}

/* Every problem in the log pane, the first on the status line. */
static void refuse(struct board *b, const struct diag *d,
		   const struct cb_config *next, int err)
{
	char dir[PATH_MAX] = "";
	const char *first = NULL;
	size_t i, n = 0;

	if (next->directory_file[0])
		config_directory_path(next, dir, sizeof(dir));
	for (i = 0; i < d->count; i++) {
		if (!blocks_reload(&d->msgs[i], dir))
			continue;
		board_log(b, 2, d->msgs[i].text);
		if (!first)
			first = d->msgs[i].text;
		n++;
	}
	board_status(b, true, "Not reloaded, nothing changed: %s%s",
		     first ? diag_short(first) : strerror(err),
		     n > 1 ? " (and more in the log)" : "");
}

static bool refused(const struct diag *d, const struct cb_config *next)
{
	char dir[PATH_MAX] = "";
	size_t i;

	if (next->directory_file[0])
		config_directory_path(next, dir, sizeof(dir));
	for (i = 0; i < d->count; i++) {
		if (blocks_reload(&d->msgs[i], dir))
			return true;
	}
	return false;
}

static void retired_free(void *arg)
{
	(void)arg;
	if (rl.has_retired)
		keymap_free(&rl.retired);
	rl.has_retired = false;
}

/* The subscriptions follow the new directory, or are made again when
 * where and how they are made changed. Call before the old directory
 * is freed. */
static void subs_follow(const struct cb_config *now,
			const struct cb_config *next)
{
	const struct reload_app *a = rl.app;
	char was[300], route[300];
	int err = EAGAIN;

	app_presence_route(now, was, sizeof(was));
	app_presence_route(next, route, sizeof(route));
	if (*a->subs && !strcmp(was, route) &&
	    !strcmp(now->presence_list_uri, next->presence_list_uri) &&
	    now->subscribe_expires == next->subscribe_expires)
		err = sip_subs_update(*a->subs, NULL, NULL);
	if (!err || !*a->phone)
		return;
	sip_subs_free(*a->subs);
	*a->subs = NULL;
	err = sip_subs_alloc(a->subs, a->board, *a->phone, route,
			     next->presence_list_uri,
			     (unsigned)next->subscribe_expires);
	if (err)
		board_status(a->board, true, "Cannot watch extensions: %s",
			     strerror(err));
}

static bool service_changed(const struct service_config *x,
			    const struct service_config *y)
{
	return strcmp(x->open, y->open) ||
		strcmp(x->night_target, y->night_target) || x->mode != y->mode;
}

/* The settings that change live, into the board and the console; the
 * service only when the file changed it (the operator's own day/night
 * choice stays otherwise). */
static void settings_apply(const struct cb_config *now,
			   const struct cb_config *next)
{
	const struct reload_app *a = rl.app;
	struct board *b = a->board;
	int level = config_log_level(next->log_level);

	app_default_domain(next, b->default_domain,
			   sizeof(b->default_domain));
	b->xcfg = next->transfer;
	b->icfg = next->intercom;
	if (queue_configure(b, &next->queue, next->lines, next->n_lines) ||
	    cues_configure(b, &next->cues))
		board_log(b, 2, "Reload: out of memory for the queue");
	if (service_changed(&now->service, &next->service) &&
	    service_configure(b, &next->service, NULL))
		board_log(b, 2, "Reload: the opening hours were not taken");
	a->console->log_level = (enum pane_log_level)level;
	sip_log_route(b, level == PANE_LOG_DEBUG);
	detach_set_grace(next->detached_grace);
}

/* Everything valid: the new files take the old ones' place. */
static void apply(struct app_files *next, const struct kept *kept)
{
	const struct reload_app *a = rl.app;
	struct app_files *now = a->files;
	const struct extension *sel = console_selected_extension(a->console);
	struct directory_change chg;
	struct extension *old_exts = now->cfg.extensions;
	size_t n_old = now->cfg.n_extensions;
	char selected[32] = "", summary[320], more[32] = "";

	if (sel)
		snprintf(selected, sizeof(selected), "%s", sel->number);
	board_directory_replace(a->board, next->cfg.extensions,
				next->cfg.n_extensions, &chg);
	subs_follow(&now->cfg, &next->cfg);
	settings_apply(&now->cfg, &next->cfg);
	/* a key's action may still be on the stack: freed next turn */
	retired_free(NULL);
	rl.retired = now->km;
	rl.has_retired = true;
	sip_defer(retired_free, NULL);
	*now = *next;
	ext_array_free(old_exts, n_old);
	if (*a->tui)
		tui_restyle(*a->tui, &now->theme);
	if (kept->n > kept->listed)
		snprintf(more, sizeof(more), " and %zu more",
			 kept->n - kept->listed);
	snprintf(summary, sizeof(summary), "Reloaded: %zu extension%s (%zu "
		 "came, %zu went)%s%s%s", now->cfg.n_extensions,
		 now->cfg.n_extensions == 1 ? "" : "s", chg.came, chg.went,
		 kept->n ? "; needs a restart: " : "", kept->names, more);
	board_reload_done(a->board, summary);
	/* the selection follows the extension, not its row */
	if (selected[0])
		console_select_extension(a->console, selected);
}

int reload_run(void)
{
	const struct reload_app *a = rl.app;
	const char *path = getenv(ENV_CONFIG);
	struct app_files *next;
	struct kept kept = { 0 };
	struct diag d;
	int err;

	if (!a)
		return ENOTSUP;
	next = calloc(1, sizeof(*next));
	if (!next) {
		board_status(a->board, true, "Not reloaded: %s",
			     strerror(ENOMEM));
		return ENOMEM;
	}
	diag_init(&d);
	/* the configuration's keymap and theme, unless the command line
	 * chose them */
	err = app_files_load(next, path ? path : "", getenv(ENV_KEYMAP_CLI),
			     getenv(ENV_THEME_CLI), &d);
	if (err || refused(&d, &next->cfg)) {
		err = err ? err : EINVAL;
		refuse(a->board, &d, &next->cfg, err);
		app_files_free(next);
		free(next);
		diag_free(&d);
		if (a->changed)
			a->changed(NULL);
		return err;
	}
	diag_free(&d);
	kept.now = &a->files->cfg;
	kept.next = &next->cfg;
	config_options_diff(&a->files->cfg, &next->cfg, keep_if_restart_only,
			    &kept);
	/* the consult's caller ID names the operator as the account does */
	memcpy(next->cfg.transfer.operator_name,
	       a->files->cfg.transfer.operator_name,
	       sizeof(next->cfg.transfer.operator_name));
	apply(next, &kept);
	free(next);
	if (a->changed)
		a->changed(NULL);
	return 0;
}

static int reload_hook(struct console *c, const char *unused)
{
	(void)c;
	(void)unused;
	return reload_run();
}

/* The theme action: the same lookup as at start; a bad file keeps the
 * theme on screen and shows its first FILE:LINE error (FILE without its
 * directories: the status line is narrow). */
static int theme_hook(struct console *c, const char *name)
{
	const struct reload_app *a = rl.app;
	const char *msg;
	struct diag d;
	int err;

	diag_init(&d);
	err = app_theme_switch(a->files, name, &d);
	msg = diag_first_error(&d) ? diag_first_error(&d) : strerror(err);
	if (err)
		board_status(c->board, true, "%s", diag_short(msg));
	else {
		if (*a->tui)
			tui_restyle(*a->tui, &a->files->theme);
		board_status(c->board, false, "Theme %s",
			     a->files->theme.name);
	}
	diag_free(&d);
	return err;
}

static void on_usr1(int sig)
{
	int saved = errno;
	char c = 'r';

	(void)sig;
	if (rl.usr1_pipe[1] >= 0 && write(rl.usr1_pipe[1], &c, 1) < 0) {
		/* the pipe is full: a reload is already on its way */
	}
	errno = saved;
}

static void on_usr1_pipe(void *arg)
{
	char buf[16];

	(void)arg;
	while (read(rl.usr1_pipe[0], buf, sizeof(buf)) > 0)
		;
	if (rl.app)
		reload_run();
}

int reload_start(const struct reload_app *app)
{
	struct sigaction sa;

	rl.app = app;
	app->console->reload = reload_hook;
	app->console->set_theme = theme_hook;
	if (pipe2(rl.usr1_pipe, O_CLOEXEC | O_NONBLOCK))
		return errno;
	if (sip_fd_watch(rl.usr1_pipe[0], on_usr1_pipe, NULL))
		return EMFILE;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	return 0;
}

void reload_stop(void)
{
	int i;

	if (!rl.app)
		return;
	/* the process ends: a late SIGUSR1 must not kill it */
	signal(SIGUSR1, SIG_IGN);
	rl.app->console->reload = NULL;
	rl.app->console->set_theme = NULL;
	rl.app = NULL;
	if (rl.usr1_pipe[0] >= 0)
		sip_fd_unwatch(rl.usr1_pipe[0]);
	for (i = 0; i < 2; i++) {
		if (rl.usr1_pipe[i] >= 0)
			close(rl.usr1_pipe[i]);
		rl.usr1_pipe[i] = -1;
	}
	retired_free(NULL);
}
