/*
 * module_env.h — what the module reads from its environment at start:
 * the locale, whether colour is wanted, the identity the status bar
 * shows, and where the crash line points.
 */
#ifndef CORDBOARD_APP_MODULE_ENV_H
#define CORDBOARD_APP_MODULE_ENV_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"

/* What callers dial, for the status bar. */
void identity_text(const struct cb_account *a, char *buf, size_t sz);
/* FILE:LINE: message with FILE's directories left out. */
const char *diag_short(const char *msg);
/* NO_COLOR and --mono say no. */
bool colour_wanted(void);
/* The user's charset; a UTF-8 locale not installed stands as C.UTF-8. */
void locale_setup(void);
/* The crash line names the baresip.log of the runtime directory. */
void crash_guard_log_in_rundir(void);
/* The crash test's way in: CORDBOARD_DEBUG_CRASH crashes 2 s after start. */
void crash_when_asked(void);

#endif
