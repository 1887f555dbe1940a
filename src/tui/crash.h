/*
 * crash.h — a crash gives the terminal back. While the screen is open,
 * SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT leave the alternate
 * screen, reset the attributes, show the cursor and restore the modes
 * the terminal had before curses, say on the terminal which signal it
 * was and where the log is kept, and then die of the same signal, so a
 * core dump is still made.
 */
#ifndef CORDBOARD_TUI_CRASH_H
#define CORDBOARD_TUI_CRASH_H

/* Saves TTY_FD's modes as they are now (before curses changes them) and
 * installs the handlers. */
void crash_guard_arm(int tty_fd);
/* The file the crash line names (copied; "" names none). */
void crash_guard_name_log(const char *path);
/* Puts the default actions back (the screen is closed). */
void crash_guard_disarm(void);

/* Crashes on purpose, for the tests: "segv" (a write through NULL),
 * "abort", "fpe" (SIGFPE raised); anything else does nothing. */
void crash_on_purpose(const char *how);

#endif
