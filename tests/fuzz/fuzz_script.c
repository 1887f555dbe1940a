/*
 * fuzz_script.c — any bytes as a --script file through script_load
 * (every line checked against the action table, wait steps parsed):
 * no crash, no leak, and every line it keeps passes script_check_line.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "input/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("fuzz.script", data, size);
	struct script s;
	struct diag d;
	char err[256];
	size_t i;

	diag_init(&d);
	if (script_load(&s, path, &d) == 0) {
		for (i = 0; i < s.n; i++) {
			if (script_check_line(s.lines[i].text, err,
					      sizeof(err))) {
				fprintf(stderr, "fuzz_script: kept line %d "
					"fails: %s\n", s.lines[i].lineno, err);
				abort();
			}
		}
	}
	script_free(&s);
	diag_free(&d);
	return 0;
}
