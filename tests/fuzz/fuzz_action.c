/*
 * fuzz_action.c — lines of the action grammar (console_run: "dial 201",
 * "consult 202", "macro greet" ...) interleaved with what the network
 * does ('!' lines, see fuzz_desk.h): no crash, no leak, no undefined
 * behaviour in the grammar or in the board rules it reaches.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_desk.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_desk_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *d = fuzz_desk_reset();
	char *text = malloc(size + 1), *line, *next;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		fuzz_desk_line(d, line);
	}
	free(text);
	return 0;
}
