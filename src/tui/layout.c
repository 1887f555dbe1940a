/*
 * layout.c — calls beside extensions on wide terminals, stacked on
 * narrow ones; the log pane only when there are rows to spare.
 */
#include "layout.h"

#include <string.h>

void layout_compute(struct layout *l, int rows, int cols)
{
	int body, log_h = 0;

	memset(l, 0, sizeof(*l));
	if (rows < 3 || cols < 10) {
		l->status = (struct rect){ rows > 0 ? rows - 1 : 0, 0, 1, cols };
		l->calls = (struct rect){ 0, 0, rows > 1 ? rows - 1 : 0, cols };
		return;
	}
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	body = rows - 1;
	if (body >= 16) {
		log_h = body >= 30 ? 8 : 6;
		l->log = (struct rect){ body - log_h, 0, log_h, cols };
		body -= log_h;
	}
	if (cols >= 72) {
		int cw = cols * 60 / 100;

		l->calls = (struct rect){ 0, 0, body, cw };
		l->exts = (struct rect){ 0, cw, body, cols - cw };
	}
	else if (body >= 10) {
		int ch = body / 2 + 1;

		l->calls = (struct rect){ 0, 0, ch, cols };
		l->exts = (struct rect){ ch, 0, body - ch, cols };
	}
	else {
		l->calls = (struct rect){ 0, 0, body, cols };
	}
}

void layout_compute_accessible(struct layout *l, int rows, int cols)
{
	int body, log_h = 0, calls_h;

	memset(l, 0, sizeof(*l));
	if (rows < 4 || cols < 10) {
		/* no room for an announcement line: the calls and status */
		l->status = (struct rect){ rows > 0 ? rows - 1 : 0, 0, 1, cols };
		l->calls = (struct rect){ 0, 0, rows > 1 ? rows - 1 : 0, cols };
		return;
	}
	l->status = (struct rect){ rows - 1, 0, 1, cols };
	l->announce = (struct rect){ rows - 2, 0, 1, cols };
	body = rows - 2;
	if (body >= 18) {
		log_h = body >= 30 ? 8 : 5;
		l->log = (struct rect){ body - log_h, 0, log_h, cols };
		body -= log_h;
	}
	if (body < 6) {
		l->calls = (struct rect){ 0, 0, body, cols };
		return;
	}
	calls_h = body / 2;
	l->calls = (struct rect){ 0, 0, calls_h, cols };
	l->exts = (struct rect){ calls_h, 0, body - calls_h, cols };
}
