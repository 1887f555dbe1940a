/*
 * automation.c — the --script runner and the control socket, wired to
 * the console on the main loop.
 */
#include "automation.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "input/macro.h"
#include "input/script.h"
#include "sip/sip.h"

static struct {
	struct console *c;
	void (*quit)(void);
	void (*changed)(void *arg);
	struct ctl_server *ctl;
	struct script script;
	bool scripted;
	bool macro;               /* au.script holds a running macro */
	bool exit_after;          /* --script-exit */
	bool exit_pending;        /* the script ended: quit once calls end */
	bool quit_deferred;
	struct sip_timer *timer;
	/* --script-exit after a failed script: why, for the terminal */
	char failure[300];
} au;

static void quit_now(void *arg)
{
	(void)arg;
	au.quit_deferred = false;
	au.quit();
}

static void quit_soon(void)
{
	if (!au.quit_deferred && sip_defer(quit_now, NULL) == 0)
		au.quit_deferred = true;
}

/* One action line, exactly as a key bound to it would run it. The quit
 * itself waits for the next turn, so a client still gets its reply. */
static int run_line(void *arg, const char *line)
{
	int err;

	(void)arg;
	if (au.c->quit)
		return ECANCELED;
	err = console_run(au.c, line);
	if (au.c->quit)
		quit_soon();
	au.changed(NULL);
	return err;
}

static void timer_fired(void *arg)
{
	(void)arg;
	sip_timer_free(au.timer);
	au.timer = NULL;
	script_timeout(&au.script);
	au.changed(NULL);
}

static void hook_arm(void *arg, long ms)
{
	(void)arg;
	sip_timer_free(au.timer);
	au.timer = NULL;
	if (ms >= 0 && sip_timer_alloc(&au.timer, (unsigned)ms, timer_fired,
				       NULL))
		board_status(au.c->board, true, "Script: no timer for a wait");
}

static void step(void *arg)
{
	(void)arg;
	script_step(&au.script);
	au.changed(NULL);
}

static void hook_wake(void *arg)
{
	(void)arg;
	if (sip_defer(step, NULL))
		board_status(au.c->board, true, "Script: cannot continue: %s",
			     strerror(ENOMEM));
}

/* --script-exit never drops a caller: it quits when no call is up. */
static void exit_check(void)
{
	if (au.exit_pending && board_count_live(au.c->board) == 0)
		quit_soon();
}

static void hook_done(void *arg, bool ok)
{
	(void)arg;
	if (au.macro) {
		/* the lines go on the next turn: done runs inside the runner */
		au.macro = false;
		if (ok)
			board_status(au.c->board, false, "Macro %s: done",
				     au.script.path + strlen("macro "));
		return;
	}
	if (!au.exit_after)
		return;
	if (!ok)
		snprintf(au.failure, sizeof(au.failure), "%s",
			 au.c->board->status);
	au.exit_pending = true;
	if (board_count_live(au.c->board) > 0)
		board_log(au.c->board, 0, "Script over: quitting once the "
			  "calls are over");
	exit_check();
}

static void observer(void *arg, const struct board_event *ev)
{
	script_observer(&au.script, ev);
	if (ev->type == EV_LINE_CLOSED || ev->type == EV_TRANSFERRED)
		exit_check();
}

/* "macro NAME": expanded from the keymap, then run as a script is,
 * one at a time. */
static int run_macro(struct console *c, const char *name)
{
	static const struct script_hooks hooks = {
		run_line, hook_arm, hook_wake, hook_done, NULL
	};
	char err[256];
	size_t n, i;
	char (*steps)[KEYMAP_MACRO_STEP_MAX];
	int ret;

	if (au.script.running) {
		board_status(c->board, true, "Macro %s not run: %s is still "
			     "running", name, au.script.path);
		return EBUSY;
	}
	steps = calloc(MACRO_EXPANDED_MAX, sizeof(*steps));
	if (!steps)
		return ENOMEM;
	ret = macro_expand(c->km, name, steps, &n, err, sizeof(err));
	if (ret) {
		board_status(c->board, true, "Macro %s: %s", name, err);
		free(steps);
		return ret;
	}
	if (au.scripted || au.macro)
		script_free(&au.script);
	memset(&au.script, 0, sizeof(au.script));
	au.script.lines = calloc(n, sizeof(*au.script.lines));
	if (!au.script.lines) {
		free(steps);
		return ENOMEM;
	}
	for (i = 0; i < n; i++) {
		au.script.lines[i].lineno = (int)i + 1;
		snprintf(au.script.lines[i].text,
			 sizeof(au.script.lines[i].text), "%s", steps[i]);
	}
	free(steps);
	au.script.n = n;
	snprintf(au.script.path, sizeof(au.script.path), "macro %s", name);
	au.macro = true;
	au.scripted = true;
	board_status(c->board, false, "Macro %s: running", name);
	script_start(&au.script, c->board, &hooks);
	return 0;
}

int automation_start(struct console *c, void (*quit)(void),
		     void (*changed)(void *arg), char *msg, size_t msgsz)
{
	static const struct script_hooks hooks = {
		run_line, hook_arm, hook_wake, hook_done, NULL
	};
	const char *script = getenv(ENV_SCRIPT), *ctl = getenv(ENV_CTL);
	struct diag d;
	int err;

	au.c = c;
	au.quit = quit;
	au.changed = changed;
	msg[0] = '\0';
	c->run_macro = run_macro;
	board_observe(c->board, observer, NULL);
	if (!ctl || *ctl) {
		err = ctl_open(&au.ctl, c->board, run_line, NULL, msg, msgsz);
		if (err)
			return err;
	}
	if (!script || !*script)
		return 0;
	diag_init(&d);
	err = script_load(&au.script, script, &d);
	if (err) {
		snprintf(msg, msgsz, "%s", diag_first_error(&d) ?
			 diag_first_error(&d) : strerror(err));
		diag_free(&d);
		return err;
	}
	diag_free(&d);
	au.scripted = true;
	au.exit_after = getenv(ENV_SCRIPT_EXIT) != NULL;
	script_start(&au.script, c->board, &hooks);
	return 0;
}

const char *automation_failure(void)
{
	return au.failure[0] ? au.failure : NULL;
}

void automation_stop(void)
{
	sip_timer_free(au.timer);
	au.timer = NULL;
	if (au.scripted)
		script_free(&au.script);
	au.scripted = false;
	ctl_close(au.ctl);
	au.ctl = NULL;
}
