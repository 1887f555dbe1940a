/*
 * logroute.c — baresip's and libre's own lines go to standard error,
 * which the launcher sends to baresip.log, and to the log pane only when
 * the operator asked for them (log_level = debug): the pane is for the
 * operator's sentences.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "sip.h"

static struct board *log_board;
static bool log_to_pane;

static void log_handler(uint32_t level, const char *msg)
{
	char line[256];
	size_t n;

	if (!msg)
		return;
	/* one line per message, without the trailing newline */
	n = strcspn(msg, "\n");
	if (n == 0)
		return;
	fprintf(stderr, "%.*s\n", (int)n, msg);
	if (!log_board || !log_to_pane)
		return;
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	memcpy(line, msg, n);
	line[n] = '\0';
	board_log_from(log_board, LOG_SIP_STACK, level >= LEVEL_ERROR ? 2 :
		       level >= LEVEL_WARN ? 1 : 0, line);
}

static struct log log_entry = { .h = log_handler };

void sip_log_route(struct board *b, bool to_pane)
{
	bool routed = log_board != NULL;

	log_board = b;
	log_to_pane = to_pane;
	/* a reload changes the level only: the handler is in baresip's
	 * list already */
	if (routed)
		return;
	log_enable_stdout(false);
	log_register_handler(&log_entry);
}

void sip_log_unroute(void)
{
	log_unregister_handler(&log_entry);
	log_board = NULL;
}
