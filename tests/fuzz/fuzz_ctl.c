/*
 * fuzz_ctl.c — bytes a control socket client sends: split into lines
 * as the server does (at most CTL_LINE_MAX - 1 bytes each, the rest of
 * a longer line dropped), checked by ctl_line_prepare and, when it says
 * run, run by the console; the reply's JSON quoting of the line is
 * checked too. A line let through never holds a control character and
 * never is a wait step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "core/evlog.h"
#include "fuzz_common.h"
#include "fuzz_desk.h"
#include "input/ctl_line.h"
#include "input/wait.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_desk_init();
	return 0;
}

static void check_quoted(const char *line)
{
	char q[CTL_LINE_MAX * 2 + 8];
	int n = json_quote(q, sizeof(q), line);
	size_t i;

	if (n < 0 || (size_t)n >= sizeof(q))
		return;   /* the server replaces it with "" */
	if (q[0] != '"' || q[n - 1] != '"' || n < 2)
		abort();
	for (i = 0; q[i]; i++)
		if ((unsigned char)q[i] < 0x20)
			abort();
}

static void one_line(struct fuzz_desk *d, char *line)
{
	const unsigned char *p;

	switch (ctl_line_prepare(&line)) {
	case CTL_LINE_SKIP:
		if (*line && *line != '#')
			abort();
		return;
	case CTL_LINE_CONTROL:
	case CTL_LINE_WAIT:
		check_quoted(line);
		return;
	case CTL_LINE_RUN:
		break;
	}
	if (*line == ' ' || *line == '\t' || wait_is_step(line))
		abort();
	for (p = (const unsigned char *)line; *p; p++)
		if (*p < 0x20 && *p != '\t')
			abort();
	check_quoted(line);
	console_run(&d->c, line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *d = fuzz_desk_reset();
	char line[CTL_LINE_MAX];
	size_t i = 0;

	while (i < size) {
		const uint8_t *nl = memchr(data + i, '\n', size - i);
		size_t len = nl ? (size_t)(nl - (data + i)) : size - i;

		if (len < sizeof(line)) {
			memcpy(line, data + i, len);
			line[len] = '\0';
			one_line(d, line);
		}
		i += len + 1;
	}
	return 0;
}
