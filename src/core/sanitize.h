/*
 * sanitize.h — untrusted text (display names, URIs, notes from the
 * network) made safe for the terminal, and measured in columns.
 */
#ifndef CORDBOARD_CORE_SANITIZE_H
#define CORDBOARD_CORE_SANITIZE_H

#include <stddef.h>

/* Copies in (inlen bytes, NUL not required) to out as valid UTF-8 with
 * no C0/C1 control characters, DEL, terminal escape sequences or
 * bidirectional overrides; tabs and newlines become spaces, invalid
 * bytes become U+FFFD. Truncates on a character boundary to fit outsz.
 * Returns the length written (out is always NUL-terminated). */
size_t sanitize_text(char *out, size_t outsz, const char *in, size_t inlen);

/* Decodes one UTF-8 character; returns its length (0 at the end) and
 * sets *cp, or returns 1 with *cp = -1 for an invalid byte. */
size_t text_utf8_decode(const char *s, size_t len, long *cp);

/* Terminal columns of a sanitised string (wcwidth per character). */
int text_width(const char *s);

/* Bytes of the longest prefix of s that fits in cols columns; *used gets
 * its width when not NULL. */
size_t text_fit(const char *s, int cols, int *used);
/* The first row of S wrapped at COLS columns: returns its bytes, ending
 * at a word boundary (trailing spaces left out), and sets *NEXT to the
 * bytes up to the next row's start. Only a word wider than COLS is cut,
 * at a character boundary. */
size_t text_wrap(const char *s, int cols, size_t *next);

#endif
