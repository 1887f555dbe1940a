/*
 * module_env.c — the module's start-up reads of its environment (see
 * module_env.h).
 */
#include "module_env.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "launch.h"
#include "sip/sip.h"
#include "tui/crash.h"

/* What callers dial: the AOR, with the port when it is peer to peer. */
void identity_text(const struct cb_account *a, char *buf, size_t sz)
{
	const char *aor = strncmp(a->aor, "sip:", 4) ? a->aor : a->aor + 4;
	const char *port = strrchr(a->listen, ':');

	if (a->registrar[0] || !port || strchr(aor, ':'))
		snprintf(buf, sz, "%s", aor);
	else
		snprintf(buf, sz, "%s%s", aor, port);
}

/* FILE:LINE: message with FILE's directories left out. */
const char *diag_short(const char *msg)
{
	const char *end = strstr(msg, ": "), *s, *p = msg;

	for (s = msg; end && s < end; s++) {
		if (*s == '/')
			p = s + 1;
	}
	return p;
}

/* NO_COLOR (https://no-color.org) counts when set and not empty. */
bool colour_wanted(void)
{
	const char *no_color = getenv("NO_COLOR");

	return !getenv(ENV_MONO) && !(no_color && *no_color);
}

/* Whether the locale named by the environment (LC_ALL, LC_CTYPE, LANG,
 * first one set) is a UTF-8 one. */
static bool locale_asks_utf8(void)
{
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (v && *v)
			return strstr(v, "UTF-8") || strstr(v, "utf-8") ||
			       strstr(v, "UTF8") || strstr(v, "utf8");
	}
	return false;
}

/* The user's charset decides what reaches the terminal (LANG=C gets
 * ASCII); a UTF-8 locale not installed here stands as C.UTF-8. */
void locale_setup(void)
{
	if (!setlocale(LC_ALL, "") && !setlocale(LC_CTYPE, "") &&
	    locale_asks_utf8())
		setlocale(LC_CTYPE, "C.UTF-8");
	/* the event log, JSON and config files keep a decimal point */
	setlocale(LC_NUMERIC, "C");
}

/* A crash names the log the runtime directory keeps (nothing removes
 * it then). */
void crash_guard_log_in_rundir(void)
{
	const char *rundir = getenv(ENV_RUNDIR);
	char path[600];

	if (!rundir || !*rundir)
		return;
	snprintf(path, sizeof(path), "%s/baresip.log", rundir);
	crash_guard_name_log(path);
}


static const char *crash_wanted;
static struct sip_timer *crash_timer;

static void crash_now(void *arg)
{
	(void)arg;
	crash_on_purpose(crash_wanted);
}

void crash_when_asked(void)
{
	crash_wanted = getenv(ENV_DEBUG_CRASH);
	if (crash_wanted && *crash_wanted)
		sip_timer_alloc(&crash_timer, 2000, crash_now, NULL);
}
