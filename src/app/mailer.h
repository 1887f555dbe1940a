/*
 * mailer.h — the messages section's e-mail command, run for a message
 * the colleague's phone did not take: no shell, the mail on its
 * standard input, its exit status collected on the tick.
 */
#ifndef CORDBOARD_APP_MAILER_H
#define CORDBOARD_APP_MAILER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "config/config.h"

struct board;

#define MAILER_RUNNING_MAX 16

struct mailer {
	const struct cb_config *cfg;  /* mail_command, mail_argc */
	struct board *board;
	struct {
		pid_t pid;
		unsigned id;
	} running[MAILER_RUNNING_MAX];
	size_t nrunning;
};

/* message_mail_fn (core/messages.h): starts the command. */
int  mailer_send(void *arg, unsigned id, const char *to,
		 const char *subject, const char *body);
/* Collects the commands that ended and tells the board. */
void mailer_poll(struct mailer *m);
bool mailer_busy(const struct mailer *m);

#endif
