/*
 * messages.h — messages the operator takes for colleagues who could not
 * take a call: who called, their number and company, what they said;
 * sent to the colleague as a SIP MESSAGE (or an e-mail), kept in a file
 * until delivered, and tried again when the colleague is back.
 */
#ifndef CORDBOARD_CORE_MESSAGES_H
#define CORDBOARD_CORE_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct board;

#define MESSAGE_TEXT_MAX 1000   /* characters the operator may type */

enum message_state {
	MESSAGE_PENDING = 0,      /* not delivered yet: tried again */
	MESSAGE_DELIVERED,        /* the colleague's phone took it (2xx) */
	MESSAGE_MAILED,           /* the e-mail command took it (exit 0) */
	MESSAGE_FAILED,           /* nowhere to send it: no URI, no e-mail */
};

struct message {
	unsigned id;
	int64_t at_s;             /* wall clock when taken */
	char for_number[32];      /* the colleague's extension number */
	char from[128];           /* the caller's name */
	char number[64];          /* ...their number */
	char company[64];
	char text[MESSAGE_TEXT_MAX * 4 + 1];
	enum message_state state;
	unsigned attempts;
};

/* How messages are kept and retried (cordboard.conf's messages
 * section and messages_file). */
struct messages_config {
	char path[4096];          /* "" keeps none across restarts */
	int retry_after_s;        /* a pending message is tried this often */
};

/* Runs the e-mail command for message ID: to TO (the colleague's
 * address), SUBJECT and BODY on its standard input, never waiting for
 * it; its exit status comes back through board_message_mail_result.
 * 0, or an errno value when it could not be started. */
typedef int (message_mail_fn)(void *arg, unsigned id, const char *to,
			      const char *subject, const char *body);

#define SETTINGS_MESSAGE_RETRY_S 300
#define SETTINGS_MESSAGE_RETRY_MIN_S 10
#define SETTINGS_MESSAGE_RETRY_MAX_S 86400

/* Reads the messages kept in CFG->path (a torn or damaged line is
 * skipped and counted in *SKIPPED, may be NULL); WALL_S is the wall
 * clock (NULL: time()). A missing file is no news. 0 or an errno. */
int board_messages_open(struct board *b, const struct messages_config *cfg,
			int64_t (*wall_s)(void), unsigned *skipped);

/* NULL when TEXT may be sent, else why not in the operator's words:
 * empty, over MESSAGE_TEXT_MAX characters, control characters or not
 * UTF-8. */
const char *message_text_refusal(const char *text);

/* Takes a message for TARGET (an extension) from FROM (name), NUMBER,
 * COMPANY (may be ""), and sends it at once. 0, or an errno value with
 * the reason on the status line. */
int board_message_take(struct board *b, const char *target,
		       const char *from, const char *number,
		       const char *company, const char *text);

/* A message the colleague's phone did not take is also e-mailed, once,
 * to their address (struct extension's email) through FN. */
void board_messages_set_mailer(struct board *b, message_mail_fn *fn,
			       void *arg);

/* The phone's answer to the MESSAGE of ID: 2xx delivered, else it
 * stays pending (0: no answer at all). */
void board_message_result(struct board *b, unsigned id, int status);
/* The e-mail command's exit status for ID: 0 mailed (no more tries),
 * else it stays pending. */
void board_message_mail_result(struct board *b, unsigned id, int status);

/* The messages, newest first (I = 0), NULL past the end. */
const struct message *board_message_at(struct board *b, size_t i);
size_t board_messages_count(struct board *b);
/* True while some message waits to be tried again (the app keeps the
 * tick running). */
bool board_messages_waiting(struct board *b);

const char *message_state_name(enum message_state s);

/* "Message from NAME (COMPANY), NUMBER, at HH:MM:\nTEXT": what the
 * colleague reads. */
void message_body(const struct message *m, char *buf, size_t sz);

#endif
