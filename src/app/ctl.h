/*
 * ctl.h — the control socket: a Unix stream socket per console, at
 * $XDG_RUNTIME_DIR/cordboard/NAME.ctl (else /tmp/cordboard-UID/NAME.ctl;
 * NAME is --name's, "default" unless given, "demo" for --demo), mode
 * 0600 in a 0700 directory, open to the console's own uid only
 * (SO_PEERCRED). Each line in is an action in the grammar of
 * console_run; each line out is JSON: an event, exactly as --event-log
 * writes it, or a reply {"reply":"ok"|"error","action":...,"text":...}.
 * The server (ctl.c) lives in the module on the main loop; the client
 * (ctl_client.c, cordboard --send) in the launcher.
 */
#ifndef CORDBOARD_APP_CTL_H
#define CORDBOARD_APP_CTL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/board.h"

/* --ctl PATH / --no-ctl, across the exec: unset is the default path,
 * empty is no socket. */
#define ENV_CTL "CORDBOARD_CTL"
/* --name NAME: which console, across the exec and for --send. */
#define ENV_NAME "CORDBOARD_NAME"
#define CTL_NAME_MAX 32
#define CTL_DEFAULT_NAME "default"

/* 0 when NAME is usable in a file name (letters, digits, '.', '_', '-',
 * not first '.' or '-', at most CTL_NAME_MAX), else EINVAL and why. */
int ctl_name_check(const char *name, char *msg, size_t msgsz);

#define CTL_LINE_MAX 1024       /* one line in, with its newline */
#define CTL_CLIENTS_MAX 16
#define CTL_OUT_MAX (256 * 1024) /* unread output that drops a client */

/* The socket path (ENV_CTL when set, else ENV_NAME's, else the
 * default name's); with make_dir, the default
 * directory is created (0700) and checked: ours, a directory, no access
 * for anyone else. 0, or an errno value with why in msg. */
int ctl_path(char *out, size_t sz, bool make_dir, char *msg, size_t msgsz);

/* 0 when no console answers at the socket path, else EADDRINUSE with
 * "another cordboard named NAME is running (PATH)" in msg. */
int ctl_check_free(char *msg, size_t msgsz);

/* Server: runs each action line through run(arg, line), which returns
 * 0 or an errno value, the board's status line saying why. */
struct ctl_server;
typedef int (ctl_run_fn)(void *arg, const char *line);

/* Listens at the socket path; a live console there is an error
 * ("another cordboard is running"), a stale socket is replaced. */
int  ctl_open(struct ctl_server **sp, struct board *b, ctl_run_fn *run,
	      void *arg, char *msg, size_t msgsz);
/* Closes every client and removes the socket. */
void ctl_close(struct ctl_server *s);

/* cordboard --attach: the line "attach [TERM]" comes with the client's
 * terminal (SCM_RIGHTS). take(fd, term) opens the screen on it and
 * returns 0 (the fd is then its own), or an errno value with why in
 * msg; the client stays connected while the screen is on its terminal.
 * gone() runs when that client goes away. */
typedef int (ctl_attach_fn)(int fd, const char *term, char *msg,
			    size_t msgsz);
void ctl_on_attach(ctl_attach_fn *take, void (*gone)(void));
/* The screen left the attached client's terminal: its connection is
 * closed, and the client ends, giving the terminal back to its shell. */
void ctl_attach_end(void);
/* The socket a client talks to: ctl_path's when ENV_CTL or ENV_NAME is
 * set, else the only console's that answers; none or several is said on
 * stderr ("no console WHAT", or the names and --name NAME). 0 or an
 * errno value. */
int  ctl_find(char *path, size_t sz, const char *what);
/* SA for the socket at PATH; ENAMETOOLONG when it does not fit. */
struct sockaddr_un;
int  ctl_address(struct sockaddr_un *sa, const char *path);
/* A connected socket to the console at PATH, or -1 with errno set. */
int  ctl_connect(const char *path);
/* Client: cordboard --attach (attach.c); the exit status. */
int  ctl_attach(void);

/* Client: to the console ctl_path names when ENV_CTL or ENV_NAME is
 * set, else to the only one running (several: an error naming them);
 * sends each of lines (n of them; none: only listens) and
 * prints each reply; with follow, prints every event line until the
 * console goes away. Returns the exit status: 0 all replies ok, 1 not. */
int  ctl_send(char *const *lines, size_t n, bool follow);

#endif
