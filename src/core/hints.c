/*
 * hints.c — the hints the status line repeats, in the operator's keys:
 * core names the actions (board_key), each hint is written here once.
 */
#include <stdio.h>

#include "board_int.h"

const char *board_consult_hint(struct board *b, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s completes, %s swaps, %s cancels",
		 board_key(b, "complete"), board_key(b, "swap"),
		 board_key(b, "cancel"));
	return buf;
}

const char *board_page_hint(struct board *b, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s ends the page", board_key(b, "hangup"));
	return buf;
}
