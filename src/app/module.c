/*
 * module.c — cordboard.so, the baresip application module: it loads the
 * files the launcher checked, opens the screen on the terminal and wires
 * keys -> console -> board -> phone, and phone -> board -> screen.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <re.h>

#include "automation.h"
#include "config/options.h"
#include "detach.h"
#include "core/evlog.h"
#include "core/absence.h"
#include "core/callback.h"
#include "core/cues.h"
#include "core/durable.h"
#include "disk_watch.h"
#include "core/registration.h"
#include "core/history.h"
#include "core/messages.h"
#include "core/operators.h"
#include "core/queue.h"
#include "core/service.h"
#include "input/history_view.h"
#include "launch.h"
#include "mailer.h"
#include "reload.h"
#include "module_env.h"
#include "sip/bsdir.h"
#include "sip/sip.h"
#include "startup.h"
#include "tui/selection.h"
#include "tui/tui.h"

#define TICK_MS 1000

static struct {
	struct app_files files;
	struct board board;
	struct console console;
	struct selection sel;
	struct sip_phone *phone;
	struct sip_subs *subs;
	struct sip_publish *publish;
	struct tui *tui;
	struct sip_timer *tick;
	struct sip_timer *reader;   /* reads the history view's book on */
	struct evlog evlog;
	struct history history;
	struct mailer mailer;
	bool draw_pending;
	bool quitting;
	bool reg_lost;   /* a registration failed since the last success */
	char rundir[4096];
} app;

static void on_tick(void *arg);
static int module_close(void);
static void draw_request(void *arg);

/* A slice of the open history view per turn of the main loop, keys
 * read between slices, until the book is complete. */
static void on_reader(void *arg)
{
	(void)arg;
	history_view_read_more(&app.console);
	draw_request(NULL);
	if (!history_view_reading(&app.console) && app.reader) {
		sip_timer_free(app.reader);
		app.reader = NULL;
	}
}

static void reader_update(void)
{
	if (history_view_reading(&app.console) && !app.reader)
		sip_timer_alloc(&app.reader, 1, on_reader, NULL);
	else if (!history_view_reading(&app.console) && app.reader) {
		sip_timer_free(app.reader);
		app.reader = NULL;
	}
}

/* Idle means no wake-ups: the 1 Hz tick runs only while a call shows a
 * running duration. */
static void tick_update(void)
{
	/* a message waiting to be sent again needs the clock too, and
	 * so does a REGISTER to try again */
	bool ticking = app.board.nlines > 0 ||
		board_messages_waiting(&app.board) ||
		mailer_busy(&app.mailer) ||
		registration_retry_at(&app.board) != 0;

	if (ticking && !app.tick)
		sip_timer_alloc(&app.tick, TICK_MS, on_tick, NULL);
	else if (!ticking && app.tick) {
		sip_timer_free(app.tick);
		app.tick = NULL;
	}
}

static void draw_now(void *arg)
{
	(void)arg;
	app.draw_pending = false;
	tick_update();
	reader_update();
	if (app.tui)
		tui_draw(app.tui, &app.board, &app.console, sip_now_ms());
}

static void find_prepare(void *arg)
{
	(void)arg;
	console_find_prepare(&app.console);
}

/* Draws once per main-loop turn, however many changes came in it. */
static void draw_request(void *arg)
{
	(void)arg;
	if (app.draw_pending || !app.tui)
		return;
	if (sip_defer(draw_now, NULL) == 0)
		app.draw_pending = true;
}

/* Gives the terminal back at once; baresip may take a while to stop.
 * LOST: it hung up, and not a byte more goes to it. */
static void screen_close_as(bool lost)
{
	if (app.tui) {
		sip_fd_unwatch(tui_key_fd(app.tui));
		sip_fd_unwatch(tui_resize_fd(app.tui));
		if (lost)
			tui_close_lost(app.tui);
		else
			tui_close(app.tui);
		app.tui = NULL;
	}
}

static void screen_close(void)
{
	screen_close_as(false);
}

static void subs_end(void *arg)
{
	(void)arg;
	/* the user agent is going: nothing may subscribe again */
	reload_stop();
	sip_subs_free(app.subs);
	app.subs = NULL;
	sip_publish_free(app.publish);
	app.publish = NULL;
}

static void app_quit(void)
{
	if (app.quitting)
		return;
	app.quitting = true;
	board_log(&app.board, 0, "Quitting");
	automation_stop();
	screen_close();
	automation_failure_say();
	subs_end(NULL);
	sip_phone_shutdown(app.phone);
}

static void on_keys(void *arg)
{
	bool any = false;
	keycode k;

	(void)arg;
	while (app.tui && tui_read_key(app.tui, &k) == 0) {
		any = true;
		if (k == KEYC_RESIZE) {
			tui_resize(app.tui);
			continue;
		}
		console_key(&app.console, k);
		if (app.console.quit) {
			app_quit();
			return;
		}
	}
	/* readable with nothing to read: the terminal hung up */
	if (!any && app.tui && tui_hung_up(app.tui)) {
		detach_terminal_lost();
		return;
	}
	draw_request(NULL);
}

/* After actions from outside the keyboard (the headset's buttons). */
static void after_input(void)
{
	if (app.console.quit) {
		app_quit();
		return;
	}
	draw_request(NULL);
}

static void on_resize(void *arg)
{
	(void)arg;
	if (!app.tui)
		return;
	tui_resize(app.tui);
	draw_request(NULL);
}

/* Running durations change every second; nothing else needs a tick. */
static void on_tick(void *arg)
{
	(void)arg;
	if (app.board.nlines > 0)
		board_touch(&app.board, DIRTY_CALLS);
	board_tick(&app.board);
	mailer_poll(&app.mailer);
}

static void on_event(void *arg, const struct board_event *ev)
{
	(void)arg;
	/* registered again after a failure: the server may have restarted
	 * and lost our subscriptions with it */
	if (ev->type == EV_REGISTRATION && app.board.reg == REG_FAILED)
		app.reg_lost = true;
	if (ev->type == EV_REGISTRATION && app.board.reg == REG_OK &&
	    app.reg_lost) {
		app.reg_lost = false;
		sip_subs_renew(app.subs);
	}
	/* a new directory: the finder folded the old one's words */
	if (ev->type == EV_SERVICE && ev->text &&
	    !strcmp(ev->text, "reloaded"))
		console_directory_changed(&app.console);
	/* the newest sentence is the announcement; the log keeps the rest */
	if (ev->sentence && *ev->sentence)
		console_announce(&app.console, ev->sentence);
	draw_request(NULL);
}

static int64_t clock_ms(void)
{
	return sip_now_ms();
}

static int64_t wall_clock_s(void)
{
	return (int64_t)time(NULL);
}

/* The same files the launcher checked, through its environment. */
static int files_load(void)
{
	const char *cfg = getenv(ENV_CONFIG);
	struct diag d;
	int err;

	diag_init(&d);
	err = app_files_load(&app.files, cfg ? cfg : "", getenv(ENV_KEYMAP),
			     getenv(ENV_THEME), &d);
	if (err || diag_has_errors(&d)) {
		startup_why("%s", diag_first_error(&d) ?
			    diag_first_error(&d) : "cannot load configuration");
		err = err ? err : EINVAL;
	}
	diag_free(&d);
	return err;
}

/* The board with the config's extensions and settings, and the
 * console that runs the keymap's actions on it. */
static int board_setup(void)
{
	int err;

	err = board_init(&app.board, &sip_phone_ops, NULL, clock_ms);
	if (err)
		return err;
	board_set_extensions(&app.board, app.files.cfg.extensions,
			     app.files.cfg.n_extensions);
	app_default_domain(&app.files.cfg, app.board.default_domain,
			   sizeof(app.board.default_domain));
	app.board.xcfg = app.files.cfg.transfer;
	app.board.icfg = app.files.cfg.intercom;
	app.board.pcfg = app.files.cfg.park;
	err = queue_configure(&app.board, &app.files.cfg.queue,
			      app.files.cfg.lines, app.files.cfg.n_lines);
	if (err)
		return err;
	err = service_configure(&app.board, &app.files.cfg.service,
				wall_clock_s);
	if (err)
		return err;
	err = cues_configure(&app.board, &app.files.cfg.cues);
	if (err)
		return err;
	console_init(&app.console, &app.board, &app.files.km);
	app.console.log_level = (enum pane_log_level)config_log_level(
		app.files.cfg.log_level);
	return 0;
}

/* baresip's log into the log pane, our audio modules, hold music. */
static int audio_setup(void)
{
	int err;

	sip_log_route(&app.board, config_log_level(app.files.cfg.log_level)
		      == PANE_LOG_DEBUG);
	err = sip_silence_register();
	if (!err)
		err = sip_audio_register(app_ring_device(&app.files.cfg));
	if (err)
		return err;
	if (app.files.cfg.audio.hold_music[0] &&
	    (err = sip_music_load(app.files.cfg.audio.hold_music)))
		board_status(&app.board, true, "No music on hold: %s: %s",
			     app.files.cfg.audio.hold_music, strerror(err));
	return 0;
}

/* Today's figures from the calls the history file already holds, so
 * they survive a restart; no file yet is no news. */
static void today_count(void)
{
	const char *path = app.files.cfg.history_file;
	int n;

	if (!path[0])
		return;
	/* pruned first: the figures and the owed callers read what stays */
	n = board_history_prepare(&app.board, path,
				  app.files.cfg.history_keep_days,
				  wall_clock_s);
	if (n && n != ENOENT)
		board_status(&app.board, true, "Cannot read the history %s: %s",
			     path, strerror(n));
	n = history_count_today(path, &app.board, wall_clock_s());
	if (n < 0 && n != -ENOENT)
		board_status(&app.board, true, "Cannot read the history %s: %s",
			     path, strerror(-n));
}

/* The missed callers of the last week, for the status line's count. */
static void owed_read(void *arg)
{
	int err;

	(void)arg;
	err = board_history_owed_read(&app.board);
	if (err && err != ENOENT)
		board_status(&app.board, true, "Cannot read the history %s: "
			     "%s", app.files.cfg.history_file, strerror(err));
	draw_request(NULL);
}

/* The messages kept from before; a damaged line is skipped and said. */
static void messages_open(void)
{
	const char *path = app.files.cfg.messages.path;
	unsigned skipped = 0;
	int err;

	err = board_messages_open(&app.board, &app.files.cfg.messages,
				  wall_clock_s, &skipped);
	if (err)
		board_status(&app.board, true, "Cannot read the messages %s: "
			     "%s", path, strerror(err));
	else if (skipped)
		board_status(&app.board, true, "%u damaged line%s skipped in "
			     "the messages %s", skipped, skipped == 1 ? "" :
			     "s", path);
	app.mailer.cfg = &app.files.cfg;
	app.mailer.board = &app.board;
	if (app.files.cfg.mail_argc)
		board_messages_set_mailer(&app.board, mailer_send,
					  &app.mailer);
}

/* The event log, the history and the screen learn every board event;
 * a file that cannot be written is a status line, not a stop - but the
 * history, the record of every call, is (history_file = "": none). */
static int observers_setup(void)
{
	const char *ev = getenv(ENV_EVENT_LOG);
	int err;

	if (ev && *ev) {
		app.evlog.fp = fopen(ev, "ae");
		app.evlog.now_ms = clock_ms;
		if (app.evlog.fp)
			board_observe(&app.board, evlog_observer, &app.evlog);
		else
			board_status(&app.board, true, "Cannot write event log "
				     "%s: %s", ev, strerror(errno));
	}
	app.history.now_ms = clock_ms;
	app.history.wall_s = wall_clock_s;
	app.history.board = &app.board;
	today_count();
	err = board_absence_open(&app.board, app.files.cfg.absence_file,
				 wall_clock_s);
	if (err)
		board_status(&app.board, true, "Cannot read the absences %s: %s",
			     app.files.cfg.absence_file, strerror(err));
	messages_open();
	disk_watch_start(&app.board);
	err = history_open(&app.history, app.files.cfg.history_file);
	if (!err)
		board_observe(&app.board, history_observer, &app.history);
	else if (app.files.cfg.history_file[0]) {
		startup_why("cannot write the history %s: %s (its directory "
			    "must be writable, or history_file another file)",
			    app.files.cfg.history_file, strerror(err));
		return err;
	}
	board_observe(&app.board, on_event, NULL);
	/* last: a closed line leaves the array after every observer */
	selection_init(&app.sel, &app.board);
	selection_wire(&app.sel, &app.console.sel);
	return 0;
}

/* With transport = tls, a TLS transport that checks the server. */
static int tls_setup(void)
{
	const struct cb_account *a = &app.files.cfg.account;
	char msg[512];
	int err;

	if (strcmp(a->transport, "tls"))
		return 0;
	err = sip_tls_setup(a->listen, a->registrar, a->tls_ca,
			    a->tls_verify, msg, sizeof(msg));
	if (err)
		startup_why("%s", msg);
	return err;
}

/* The subscriptions to the extensions, once "Ready" is on the screen
 * (a reload may have made them first). */
static void subs_start(void *arg)
{
	char route[300];
	int err;

	(void)arg;
	if (app.subs || app.quitting || !app.phone)
		return;
	app_presence_route(&app.files.cfg, route, sizeof(route));
	err = sip_subs_alloc(&app.subs, &app.board, app.phone, route,
			     app.files.cfg.presence_list_uri,
			     (unsigned)app.files.cfg.subscribe_expires);
	if (err)
		board_status(&app.board, true, "Cannot watch extensions: %s",
			     strerror(err));
}

/* The user agent (the subscriptions follow "Ready": subs_start). */
static int phone_setup(void)
{
	char account[1200];
	int err;

	err = tls_setup();
	if (err)
		return err;
	err = app_account_line(&app.files.cfg, account, sizeof(account));
	if (!err)
		err = sip_phone_alloc(&app.phone, &app.board, account,
				      app.files.cfg.account.registrar[0]);
	memset(account, 0, sizeof(account));
	if (err) {
		startup_why("cannot create the user agent for %s: %s",
			    app.files.cfg.account.aor, strerror(err));
		return err;
	}
	app.board.phone = app.phone;
	board_volume_set(&app.board, app.files.cfg.audio.volume);
	sip_phone_on_shutdown(app.phone, subs_end, NULL);
	operators_set_line(&app.board, app.files.cfg.account.aor);
	err = sip_publish_alloc(&app.publish, &app.board, app.phone,
				app.files.cfg.account.operator_uri,
				app.files.cfg.account.display_name,
				app.files.cfg.account.listen);
	if (err)
		board_status(&app.board, true, "Cannot show this console to "
			     "the other operators: %s", strerror(err));
	return 0;
}

/* The reload action and SIGUSR1 read the files again; the theme
 * action switches one. */
static int reload_setup(void)
{
	static const struct reload_app live = {
		&app.files, &app.board, &app.console, &app.phone, &app.subs,
		&app.tui, draw_request,
	};
	int err = reload_start(&live);

	if (err)
		startup_why("cannot watch SIGUSR1 for a reload: %s",
			    strerror(err));
	return err;
}

/* The script and the socket run actions as keys do. */
static int automation_setup(void)
{
	char msg[600];
	int err;

	err = automation_start(&app.console, app_quit, draw_request, msg,
			       sizeof(msg));
	if (err)
		startup_why("%s", msg);
	return err;
}

/* The screen on FD (-1: the terminal the launcher ran in), its keys. */
static int screen_open(int fd)
{
	const char *tty = getenv(ENV_TTY);
	char ident[512];
	int err;

	err = fd >= 0 ? tui_open_fd(&app.tui, fd, &app.files.theme,
				    colour_wanted()) :
		tui_open(&app.tui, tty && *tty ? tty : "/dev/tty",
			 &app.files.theme, colour_wanted());
	if (err)
		return err;
	crash_guard_log_in_rundir();
	tui_set_accessible(app.tui, app.console.accessible);
	identity_text(&app.files.cfg.account, ident, sizeof(ident));
	tui_set_identity(app.tui, ident);
	tui_set_selection(app.tui, &app.sel);
	sip_fd_watch(tui_key_fd(app.tui), on_keys, NULL);
	sip_fd_watch(tui_resize_fd(app.tui), on_resize, NULL);
	draw_request(NULL);
	return 0;
}

static bool screen_is_open(void)
{
	return app.tui != NULL;
}

static bool screen_hung_up(void)
{
	return app.tui && tui_hung_up(app.tui);
}

static const struct detach_screen detach_screen = {
	screen_open, screen_close_as, screen_is_open, screen_hung_up,
	app_quit,
};

/* The terminal, its keys, "Ready", then the headset's buttons. */
static int screen_setup(void)
{
	int err;

	app.console.accessible = app.files.cfg.accessible ||
		getenv(ENV_ACCESSIBLE);
	err = screen_open(-1);
	if (err) {
		startup_why("cannot open the terminal: %s", strerror(err));
		return err;
	}
	app.board.on_change = draw_request;
	err = detach_start(&app.board, &detach_screen,
			   app.files.cfg.detached_grace);
	if (err)
		board_status(&app.board, true, "A lost terminal would end "
			     "the calls: %s", strerror(err));
	if (!strcmp(app.files.cfg.account.transport, "tls") &&
	    !app.files.cfg.account.tls_verify)
		board_status(&app.board, true, "Ready: listening on %s - "
			     "tls_verify = no: the server's certificate is "
			     "not checked", app.files.cfg.account.listen);
	else
		board_status(&app.board, false, "Ready: listening on %s",
			     app.files.cfg.account.listen);
	/* after "Ready", so a missing headset is what the status line says */
	headset_dev_start(&app.console, &app.files.cfg.headset,
			  &app.files.headset, after_input);
	draw_request(NULL);
	/* the callers owed a call are read, and thousands of colleagues
	 * subscribed, once "Ready" is on the screen */
	sip_defer(owed_read, NULL);
	sip_defer(subs_start, NULL);
	/* and the directory folded for type-to-find, off the first key */
	sip_defer(find_prepare, NULL);
	crash_when_asked();
	return 0;
}

/* Each step says what went wrong (startup_why); module_close undoes
 * them in reverse, and removes the runtime directory once all went well
 * (else the launcher names the log it keeps). */
static int module_init(void)
{
	const char *rundir = getenv(ENV_RUNDIR);
	int err;

	locale_setup();
	err = files_load();
	if (!err)
		err = board_setup();
	if (!err)
		err = audio_setup();
	if (!err)
		err = observers_setup();
	if (!err)
		err = phone_setup();
	if (!err)
		err = reload_setup();
	if (!err)
		err = automation_setup();
	if (!err)
		err = screen_setup();
	if (err) {
		/* baresip would run on without its console: stop here */
		startup_why("the console could not start: %s", strerror(err));
		module_close();
		fflush(NULL);
		_exit(EXIT_FAILURE);
	}
	snprintf(app.rundir, sizeof(app.rundir), "%s", rundir ? rundir : "");
	startup_up();
	return 0;
}

static int module_close(void)
{
	/* no screen to tell any more; the wake stays until the syncer ends */
	disk_watch_quiet();
	detach_stop();
	reload_stop();
	headset_dev_stop();
	sip_timer_free(app.tick);
	app.tick = NULL;
	sip_timer_free(app.reader);
	app.reader = NULL;
	screen_close();
	automation_stop();
	subs_end(NULL);
	sip_phone_free(app.phone);
	app.phone = NULL;
	sip_tls_close();
	history_close(&app.history);
	selection_free(&app.sel);
	console_close(&app.console);
	if (app.evlog.fp)
		fclose(app.evlog.fp);
	app.evlog.fp = NULL;
	sip_music_unload();
	sip_audio_unregister();
	sip_silence_unregister();
	sip_log_unroute();
	board_close(&app.board);
	/* the last records reach the disk before the console ends */
	durable_stop();
	disk_watch_stop();
	app_files_free(&app.files);
	if (app.rundir[0])
		bsdir_remove(app.rundir);
	/* a failed --script-exit script: exit 1 (baresip's main says 0) */
	if (automation_failure()) {
		fprintf(stderr, "cordboard: %s\n", automation_failure());
		fflush(NULL);
		_exit(EXIT_FAILURE);
	}
	return 0;
}

__attribute__((visibility("default")))
const struct mod_export exports = {
	"cordboard",
	"application",
	module_init,
	module_close,
};
