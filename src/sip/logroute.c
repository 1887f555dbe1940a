/*
 * logroute.c — baresip's log goes to the log pane, never the screen.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baresip_abi.h"
#include "sip.h"

static struct board *log_board;

static void log_handler(uint32_t level, const char *msg)
{
	char line[160];
	size_t n;

	if (!log_board || !msg)
		return;
	/* one pane line per message, without the trailing newline */
	n = strcspn(msg, "\n");
	if (n == 0)
		return;
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	memcpy(line, msg, n);
	line[n] = '\0';
	board_log(log_board, level >= LEVEL_ERROR ? 2 :
		  level >= LEVEL_WARN ? 1 : 0, line);
}

static struct log log_entry = { .h = log_handler };

void sip_log_route(struct board *b)
{
	log_board = b;
	log_enable_stdout(false);
	log_register_handler(&log_entry);
}

void sip_log_unroute(void)
{
	log_unregister_handler(&log_entry);
	log_board = NULL;
}
