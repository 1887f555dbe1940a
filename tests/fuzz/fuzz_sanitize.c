/*
 * fuzz_sanitize.c — untrusted bytes through sanitize_text and text_fit:
 * the result is valid UTF-8 without control characters or bidirectional
 * overrides, fits the byte buffer, and the fitted prefix never takes
 * more columns than asked.
 * Columns are counted with the C library's wcwidth under C.UTF-8 (what
 * ncurses itself uses to place characters), not with text_width, so a
 * mistake in the project's own measuring shows.
 */
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/sanitize.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "fuzz_sanitize: no C.UTF-8 locale\n");
		abort();
	}
	return 0;
}

/* Columns of s by wcwidth; a character wcwidth cannot measure counts as
 * one column, as the screen draws it as a replacement. */
static int columns(const char *s, size_t len)
{
	mbstate_t st;
	size_t i = 0;
	int cols = 0;

	memset(&st, 0, sizeof(st));
	while (i < len) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, len - i, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			fprintf(stderr, "fuzz_sanitize: mbrtowc refused the "
				"sanitised text at byte %zu\n", i);
			abort();
		}
		if ((wc >= 0x202a && wc <= 0x202e) ||
		    (wc >= 0x2066 && wc <= 0x2069) || wc == 0x200e ||
		    wc == 0x200f || wc == 0x061c) {
			fprintf(stderr, "fuzz_sanitize: bidirectional control "
				"U+%04lX kept\n", (unsigned long)wc);
			abort();
		}
		w = wcwidth(wc);
		cols += w < 0 ? 1 : w;
		i += n;
	}
	return cols;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char out[512];
	size_t outsz, len, fit;
	int cols, used, w;

	if (size < 2)
		return 0;
	/* the first two bytes choose the buffer size and the width */
	outsz = data[0] % sizeof(out) + 1;
	cols = data[1] % 100;
	data += 2;
	size -= 2;

	len = sanitize_text(out, outsz, (const char *)data, size);
	if (len >= outsz || out[len] != '\0' || strlen(out) != len) {
		fprintf(stderr, "fuzz_sanitize: %zu bytes in a buffer of %zu\n",
			len, outsz);
		abort();
	}
	fuzz_check_terminal_safe("sanitize_text", out);

	fit = text_fit(out, cols, &used);
	if (fit > len) {
		fprintf(stderr, "fuzz_sanitize: fitted %zu of %zu bytes\n",
			fit, len);
		abort();
	}
	w = columns(out, fit);
	if (w > cols || w != used) {
		fprintf(stderr, "fuzz_sanitize: fitted %d columns (text_fit "
			"says %d) into %d\n", w, used, cols);
		abort();
	}
	if (text_width(out) != columns(out, len)) {
		fprintf(stderr, "fuzz_sanitize: text_width %d, wcwidth %d\n",
			text_width(out), columns(out, len));
		abort();
	}
	return 0;
}
