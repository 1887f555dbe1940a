/*
 * ctl_line.h — what the control socket does with one line a client
 * sent, decided without the socket, so it can be tested and fuzzed.
 */
#ifndef CORDBOARD_INPUT_CTL_LINE_H
#define CORDBOARD_INPUT_CTL_LINE_H

enum ctl_line_verdict {
	CTL_LINE_SKIP,        /* blank or a '#' comment: no reply */
	CTL_LINE_RUN,         /* an action line to run */
	CTL_LINE_CONTROL,     /* holds a control character: refused */
	CTL_LINE_WAIT,        /* a wait step: refused, clients watch events */
};

/* Trims a trailing CR and leading blanks of *line in place (*line then
 * points at the action) and says what to do with it. */
enum ctl_line_verdict ctl_line_prepare(char **line);

#endif
