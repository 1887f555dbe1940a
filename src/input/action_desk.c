/*
 * action_desk.c — the desk's actions: absences, camp-on, day and night
 * service, today's figures. Their rows are in action.c's table.
 */
#include "action_int.h"

#include "console.h"
#include "core/absence.h"
#include "core/away.h"
#include "core/service.h"

static int present_run(struct console *c, const char *target)
{
	return board_present(c->board, target);
}

int act_absent(struct console *c, const struct action_arg *a)
{
	if (!*a->text)
		return 0;
	return board_absent(c->board, a->text);
}

int act_present(struct console *c, const struct action_arg *a)
{
	return target_action(c, a, present_run);
}

int act_deputy(struct console *c, const struct action_arg *a)
{
	return board_deputy(c->board, console_selected_line(c));
}

/* "camp-on" alone waits for the colleague a transfer just found busy. */
int act_camp_on(struct console *c, const struct action_arg *a)
{
	return board_camp_on(c->board, console_selected_line(c), a->text);
}

int act_camp_on_cancel(struct console *c, const struct action_arg *a)
{
	return board_camp_on_cancel(c->board, console_selected_call(c));
}

/* Without a word it turns the service over: night by day, day by night. */
int act_service(struct console *c, const struct action_arg *a)
{
	static const enum service_mode modes[] = {
		SERVICE_DAY, SERVICE_NIGHT, SERVICE_AUTO
	};

	if (a->word < 0)
		return board_service(c->board, service_night(c->board) ?
				     SERVICE_DAY : SERVICE_NIGHT);
	return board_service(c->board, modes[a->word]);
}

/* Today's figures on the status line (queue.c says them). */
int act_stats(struct console *c, const struct action_arg *a)
{
	return board_stats(c->board);
}

/* Without a word it turns it over: away at the desk, back when away. */
int act_away(struct console *c, const struct action_arg *a)
{
	bool away = a->word < 0 ? !operator_away(c->board) : a->word == 0;

	if (away)
		return board_operator_away(c->board, "");
	return board_operator_back(c->board);
}

int act_operator_away(struct console *c, const struct action_arg *a)
{
	return board_operator_away(c->board, a->text);
}

int act_operator_back(struct console *c, const struct action_arg *a)
{
	(void)a;
	return board_operator_back(c->board);
}
