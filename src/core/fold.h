/*
 * fold.h — text folded for searching: lower case, and Latin letters
 * without their accents, so "zoe" finds "Zoë" and "muller" "Müller".
 */
#ifndef CORDBOARD_CORE_FOLD_H
#define CORDBOARD_CORE_FOLD_H

#include <stddef.h>

/* Writes the folded form of in (UTF-8) to out; characters it does not
 * know are copied as they are. Returns the length written. */
size_t text_fold(char *out, size_t sz, const char *in);

#endif
