/*
 * action.h — the one table of actions: name, the argument it takes and
 * what the state must be for it, help, handler. Keys, the command line,
 * macros, scripts, the keymap checker and --list-actions all read the
 * same declaration, so an action's argument is parsed, checked,
 * completed and prompted for in one place (action_arg.c).
 */
#ifndef CORDBOARD_INPUT_ACTION_H
#define CORDBOARD_INPUT_ACTION_H

#include <stdbool.h>
#include <stddef.h>

struct board;
struct console;

/* What the argument is; the kind decides its parsing, its completion
 * and the prompt a missing one opens. */
enum action_arg_kind {
	ARG_NONE,     /* takes nothing */
	ARG_TARGET,   /* an extension, number, name or SIP URI: completed
		       * from the directory, prompted with matches */
	ARG_NUMBER,   /* an integer in min..max, or one of words */
	ARG_WORD,     /* one of words ("on|off") */
	ARG_TEXT,     /* free text (a theme or macro name, a find) */
	ARG_LINE,     /* an action line: the ':' command line */
};

/* Flags of a target argument. */
enum {
	ARGF_SELECTED = 1 << 0,  /* its prompt starts with the selected
				  * extension's number */
	ARGF_ASK_AWAY = 1 << 1,  /* sends a caller: a busy, DND or offline
				  * extension is asked about first */
};

struct action_argdef {
	enum action_arg_kind kind;
	const char *help;     /* e.g. "TARGET", shown in listings/errors */
	bool optional;        /* the handler runs without one */
	const char *prompt;   /* a missing one opens this prompt ("Dial") */
	const char *words;    /* ARG_WORD/ARG_NUMBER: "up|down" */
	long min, max;        /* ARG_NUMBER */
	const char *what;     /* refusal: "'x' is not WHAT" */
	unsigned flags;       /* ARGF_* */
};

/* The parsed argument a handler receives. */
struct action_arg {
	const char *text;     /* as given, "" when none */
	long num;             /* ARG_NUMBER: the value */
	int word;             /* index in words, -1 when none matched */
};

/* What the board must hold for an action to run. The check is the
 * input layer's quick refusal, in the words core would use; core still
 * refuses the finer cases itself. */
enum action_need {
	NEED_NOTHING = 0,
	NEED_CALL,          /* any call on the board */
	NEED_RINGING,       /* a call being offered */
	NEED_TALKING,       /* a call the operator talks on */
	NEED_CONSULT,       /* a consult waits (or a ring group rings) */
	NEED_CONFERENCE,    /* a conference is up */
};

struct action_needdef {
	enum action_need need;
	const char *refusal;  /* the status line when unmet; "%s" is the
			       * argument */
};

struct action_def {
	const char *name;
	struct action_argdef arg;
	struct action_needdef needs;
	const char *help;
	int (*run)(struct console *c, const struct action_arg *a);
};

const struct action_def *action_find(const char *name);
const struct action_def *action_at(size_t i);   /* NULL past the end */

/* Splits "name args" in place-free fashion: copies the name into name
 * and returns a pointer to the argument text (never NULL). */
const char *action_split(const char *line, char *name, size_t namesz);

/* Parses TEXT as DEF's argument into out; 0, or EINVAL with why in err
 * ("takes no argument", "needs DIGIT", "'Z' is not a DTMF digit"), the
 * action's name not included. A missing argument that opens a prompt
 * is no error. */
int action_arg_parse(const struct action_def *def, const char *text,
		     struct action_arg *out, char *err, size_t errsz);

/* Checks an action line as keys, macros and scripts may bind it: 0, or
 * EINVAL with "unknown action 'x'" or the argument's refusal prefixed
 * by the action's name. */
int action_line_check(const char *line, char *err, size_t errsz);

/* Whether the board holds what DEF needs; when not, writes the
 * refusal into err.  */
bool action_need_met(const struct action_def *def, struct board *b,
		     const char *arg, char *err, size_t errsz);

/* "a call", "a consult": what NEED asks for, for --list-actions. */
const char *action_need_name(enum action_need need);

/* "dial [TARGET]", "dtmf DIGIT", "hold": the action with its argument,
 * for listings and the help. */
void action_usage(const struct action_def *def, char *buf, size_t sz);

#endif
