/*
 * fuzz_common.h — what the libFuzzer targets share: a private scratch
 * directory for parsers that only read files, and the checks every
 * string bound for the terminal must pass.
 */
#ifndef CORDBOARD_TESTS_FUZZ_COMMON_H
#define CORDBOARD_TESTS_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A directory of our own under $TMPDIR, removed at exit. */
const char *fuzz_dir(void);

/* Writes data to fuzz_dir()/name and returns the path (a static
 * buffer, valid until the next call). Aborts when it cannot. */
const char *fuzz_write(const char *name, const void *data, size_t size);

/* Aborts, printing what and the text, unless s is valid UTF-8 with no
 * C0 or C1 control character and no DEL. */
void fuzz_check_terminal_safe(const char *what, const char *s);

struct diag;

/* Aborts when a loader refused its input (err) without saying why. */
void fuzz_check_refusal_explained(const char *what, int err,
				  const struct diag *d);

#endif
