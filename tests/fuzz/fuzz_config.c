/*
 * fuzz_config.c — any bytes as cordboard.conf through config_load
 * (libconfuse, the comment blanking in front of it and every check):
 * no crash, no leak, and an error always comes with a message.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config/config.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("cordboard.conf", data, size);
	struct cb_config cfg;
	struct diag d;
	int err;

	diag_init(&d);
	err = config_load(&cfg, path, &d);
	if (err && d.count == 0) {
		fprintf(stderr, "fuzz_config: error %d without a message\n",
			err);
		abort();
	}
	config_free(&cfg);
	diag_free(&d);
	return 0;
}
