/*
 * ctl_line.c — one control socket line, checked before it runs.
 */
#include "ctl_line.h"

#include <string.h>

#include "wait.h"

enum ctl_line_verdict ctl_line_prepare(char **linep)
{
	char *line = *linep;
	const unsigned char *p;
	size_t len = strlen(line);

	if (len > 0 && line[len - 1] == '\r')
		line[--len] = '\0';
	line += strspn(line, " \t");
	*linep = line;
	if (!*line || *line == '#')
		return CTL_LINE_SKIP;
	for (p = (const unsigned char *)line; *p; p++) {
		if (*p < 0x20 && *p != '\t')
			return CTL_LINE_CONTROL;
	}
	if (wait_is_step(line))
		return CTL_LINE_WAIT;
	return CTL_LINE_RUN;
}
