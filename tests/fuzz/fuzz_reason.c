/*
 * fuzz_reason.c — untrusted Reason header values (RFC 3326, from a
 * CANCEL) through operators_reason_elsewhere: it never reads past the
 * text, and says "answered elsewhere" only for a value that names the
 * SIP protocol and cause 200.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/operators.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	bool elsewhere;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	elsewhere = operators_reason_elsewhere(text);
	/* a value that says "elsewhere" names the SIP protocol and 200 */
	if (elsewhere && (strncasecmp(text + strspn(text, " \t"), "SIP", 3) ||
			  !strstr(text, "200"))) {
		fprintf(stderr, "fuzz_reason: elsewhere without SIP 200: %s\n",
			text);
		abort();
	}
	free(text);
	return 0;
}
