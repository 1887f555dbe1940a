/*
 * script.c — running a file of actions and waits.
 */
#include "script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"

int script_check_line(const char *line, char *err, size_t errsz)
{
	struct wait_step w;
	char name[64];
	const char *arg = action_split(line, name, sizeof(name));
	const unsigned char *p;

	for (p = (const unsigned char *)line; *p; p++) {
		if (*p < 0x20 && *p != '\t') {
			snprintf(err, errsz, "control character in the line");
			return EINVAL;
		}
	}
	if (!strcmp(name, "wait"))
		return wait_parse(arg, &w, err, errsz);
	return action_line_check(line, err, errsz);
}

/* Trims in place; returns the start of the text. */
static char *trim(char *s)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return s;
}

int script_load(struct script *s, const char *path, struct diag *d)
{
	char buf[SCRIPT_LINE_MAX + 2], err[256];
	FILE *fp;
	int lineno = 0, ret = 0;
	bool skipping = false;

	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", path);
	fp = fopen(path, "re");
	if (!fp) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(errno));
		return errno;
	}
	s->lines = calloc(SCRIPT_MAX_LINES, sizeof(*s->lines));
	if (!s->lines) {
		fclose(fp);
		return ENOMEM;
	}
	while (fgets(buf, sizeof(buf), fp)) {
		bool whole = strchr(buf, '\n') || feof(fp);
		char *text;

		if (skipping) {   /* the rest of a line that was too long */
			skipping = !whole;
			continue;
		}
		lineno++;
		if (!whole) {
			diag_add(d, DIAG_ERROR, path, lineno, "line longer than "
				 "%d characters", SCRIPT_LINE_MAX - 1);
			skipping = true;
			ret = EINVAL;
			continue;
		}
		text = trim(buf);
		if (!*text || *text == '#')
			continue;
		if (script_check_line(text, err, sizeof(err))) {
			diag_add(d, DIAG_ERROR, path, lineno, "%s", err);
			ret = EINVAL;
			continue;
		}
		if (s->n == SCRIPT_MAX_LINES) {
			diag_add(d, DIAG_ERROR, path, lineno, "more than %d "
				 "actions", SCRIPT_MAX_LINES);
			ret = EINVAL;
			break;
		}
		s->lines[s->n].lineno = lineno;
		snprintf(s->lines[s->n].text, sizeof(s->lines[s->n].text),
			 "%s", text);
		s->n++;
	}
	if (ferror(fp)) {
		diag_add(d, DIAG_ERROR, path, lineno, "%s", strerror(errno));
		ret = EIO;
	}
	fclose(fp);
	return ret;
}

void script_free(struct script *s)
{
	free(s->lines);
	s->lines = NULL;
	s->n = 0;
	s->running = false;
}

void script_start(struct script *s, struct board *b,
		  const struct script_hooks *hooks)
{
	s->board = b;
	s->hooks = *hooks;
	s->next = 0;
	s->waiting = false;
	s->failed = false;
	s->running = true;
	s->hooks.wake(s->hooks.arg);
}

static void finish(struct script *s, bool ok)
{
	s->running = false;
	s->waiting = false;
	s->failed = !ok;
	if (ok)
		board_status(s->board, false, "Script %s: done", s->path);
	s->hooks.done(s->hooks.arg, ok);
}

static void fail(struct script *s, const struct script_line *l,
		 const char *why)
{
	char msg[200];

	/* the status line holds the action's own message: keep it */
	snprintf(msg, sizeof(msg), "%s", why);
	board_status(s->board, true, "Script %s:%d stopped: %s", s->path,
		     l->lineno, msg);
	finish(s, false);
}

void script_step(struct script *s)
{
	while (s->running && !s->waiting && s->next < s->n) {
		const struct script_line *l = &s->lines[s->next++];
		char err[256];

		if (wait_is_step(l->text)) {
			char name[16];

			if (wait_parse(action_split(l->text, name,
						    sizeof(name)), &s->wait,
				       err, sizeof(err))) {
				fail(s, l, err);
				return;
			}
			if (wait_satisfied(&s->wait, s->board))
				continue;
			s->waiting = true;
			s->hooks.arm(s->hooks.arg, (long)s->wait.timeout_ms);
			return;
		}
		if (s->hooks.run(s->hooks.arg, l->text)) {
			fail(s, l, s->board->status);
			return;
		}
	}
	if (s->running && !s->waiting && s->next >= s->n)
		finish(s, true);
}

void script_observer(void *arg, const struct board_event *ev)
{
	struct script *s = arg;

	if (!s->running || !s->waiting || !wait_matches(&s->wait, ev))
		return;
	s->waiting = false;
	s->hooks.arm(s->hooks.arg, -1);
	s->hooks.wake(s->hooks.arg);
}

void script_timeout(struct script *s)
{
	char why[96];
	long long ms = (long long)s->wait.timeout_ms;

	if (ms % 1000)
		snprintf(why, sizeof(why), "wait %s: nothing within %lldms",
			 s->wait.name, ms);
	else
		snprintf(why, sizeof(why), "wait %s: nothing within %llds",
			 s->wait.name, ms / 1000);
	if (!s->running || !s->waiting)
		return;
	s->waiting = false;
	fail(s, &s->lines[s->next - 1], why);
}
