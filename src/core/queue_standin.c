/*
 * queue_standin.c — TEMPORARY: queue_configure and queue_settings until
 * the integrator's queue.c lands on main; deleted by that merge.
 */
#include "queue.h"

static struct queue_config standin;
static bool standin_set;

int queue_configure(struct board *b, const struct queue_config *cfg,
		    const struct company_line *lines, size_t nlines)
{
	(void)b;
	(void)lines;
	(void)nlines;
	standin = *cfg;
	standin_set = true;
	return 0;
}

const struct queue_config *queue_settings(struct board *b)
{
	(void)b;
	if (!standin_set) {
		queue_config_defaults(&standin);
		standin_set = true;
	}
	return &standin;
}
