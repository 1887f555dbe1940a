/*
 * action_int.h — the handlers of action.c's table that live in other
 * files (action_desk.c and the like), grouped by what they are about.
 */
#ifndef CORDBOARD_INPUT_ACTION_INT_H
#define CORDBOARD_INPUT_ACTION_INT_H

#include "action.h"

/* A target action runs with the target given; a missing one opened
 * its prompt already (console_run), whose Enter comes back here. */
int target_action(struct console *c, const struct action_arg *a,
		  int (*run)(struct console *c, const char *target));

/* action_prompt.c */
int act_prompt_complete(struct console *c, const struct action_arg *a);
int act_prompt_next(struct console *c, const struct action_arg *a);
int act_prompt_prev(struct console *c, const struct action_arg *a);
int act_prompt_cancel(struct console *c, const struct action_arg *a);
int act_prompt_erase(struct console *c, const struct action_arg *a);
int act_prompt_clear(struct console *c, const struct action_arg *a);

/* action_help.c */
int act_help_down(struct console *c, const struct action_arg *a);
int act_help_up(struct console *c, const struct action_arg *a);

/* action_app.c: what the app does for the console */
int act_theme(struct console *c, const struct action_arg *a);
int act_macro(struct console *c, const struct action_arg *a);
int act_reload(struct console *c, const struct action_arg *a);

/* action_log.c */
int act_log_older(struct console *c, const struct action_arg *a);
int act_log_newer(struct console *c, const struct action_arg *a);
/* action_access.c */
int act_repeat(struct console *c, const struct action_arg *a);
int act_situation(struct console *c, const struct action_arg *a);

/* action_desk.c */
int act_absent(struct console *c, const struct action_arg *a);
int act_present(struct console *c, const struct action_arg *a);
int act_deputy(struct console *c, const struct action_arg *a);
int act_camp_on(struct console *c, const struct action_arg *a);
int act_camp_on_cancel(struct console *c, const struct action_arg *a);
int act_service(struct console *c, const struct action_arg *a);
int act_stats(struct console *c, const struct action_arg *a);
int act_away(struct console *c, const struct action_arg *a);
int act_operator_away(struct console *c, const struct action_arg *a);
int act_operator_back(struct console *c, const struct action_arg *a);

/* action_directory.c */
int act_mobile(struct console *c, const struct action_arg *a);

/* action_history.c */
int act_history(struct console *c, const struct action_arg *a);
int act_history_close(struct console *c, const struct action_arg *a);
int act_history_up(struct console *c, const struct action_arg *a);
int act_history_down(struct console *c, const struct action_arg *a);
int act_history_erase(struct console *c, const struct action_arg *a);
int act_callback(struct console *c, const struct action_arg *a);
int act_dismiss(struct console *c, const struct action_arg *a);
int act_redial(struct console *c, const struct action_arg *a);

/* action_operators.c */
int act_take(struct console *c, const struct action_arg *a);

/* action_messages.c */
int act_message(struct console *c, const struct action_arg *a);
int act_message_form(struct console *c, const struct action_arg *a);
int act_messages(struct console *c, const struct action_arg *a);

#endif
