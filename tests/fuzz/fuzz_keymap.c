/*
 * fuzz_keymap.c — any bytes as a keymap file through keymap_load: the
 * libconfuse syntax, include(), key names, action names and the macro
 * checks. No crash, no leak; a refusal always says why.
 */
#include "fuzz_common.h"
#include "input/console.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("fuzz.keymap", data, size);
	struct keymap km;
	struct diag d;
	int err;

	diag_init(&d);
	err = keymap_load(&km, path, &d);
	fuzz_check_refusal_explained("fuzz_keymap", err, &d);
	keymap_free(&km);
	diag_free(&d);
	return 0;
}
