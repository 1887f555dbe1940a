/*
 * fuzz_config.c — any bytes as cordboard.conf through config_load
 * (libconfuse, the comment blanking in front of it and every check):
 * no crash, no leak, and an error always comes with a message.
 */
#include "config/config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("cordboard.conf", data, size);
	struct cb_config cfg;
	struct diag d;
	int err;

	diag_init(&d);
	err = config_load(&cfg, path, &d);
	fuzz_check_refusal_explained("fuzz_config", err, &d);
	config_free(&cfg);
	diag_free(&d);
	return 0;
}
