/*
 * fold.c — lower case and accent folding for Latin letters (Latin-1
 * Supplement and Latin Extended-A), enough for names in an office
 * directory.
 */
#include "fold.h"

#include <ctype.h>
#include <string.h>

#include "sanitize.h"

/* Base letters of U+00C0..U+017F, in order; "" keeps the character. */
static const char *const latin[] = {
	/* C0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* C8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* D0 */ "d", "n", "o", "o", "o", "o", "o", "",
	/* D8 */ "o", "u", "u", "u", "u", "y", "th", "ss",
	/* E0 */ "a", "a", "a", "a", "a", "a", "ae", "c",
	/* E8 */ "e", "e", "e", "e", "i", "i", "i", "i",
	/* F0 */ "d", "n", "o", "o", "o", "o", "o", "",
	/* F8 */ "o", "u", "u", "u", "u", "y", "th", "y",
	/* 100 */ "a", "a", "a", "a", "a", "a", "c", "c",
	/* 108 */ "c", "c", "c", "c", "c", "c", "d", "d",
	/* 110 */ "d", "d", "e", "e", "e", "e", "e", "e",
	/* 118 */ "e", "e", "e", "e", "g", "g", "g", "g",
	/* 120 */ "g", "g", "g", "g", "h", "h", "h", "h",
	/* 128 */ "i", "i", "i", "i", "i", "i", "i", "i",
	/* 130 */ "i", "i", "ij", "ij", "j", "j", "k", "k",
	/* 138 */ "k", "l", "l", "l", "l", "l", "l", "l",
	/* 140 */ "l", "l", "l", "n", "n", "n", "n", "n",
	/* 148 */ "n", "n", "n", "n", "o", "o", "o", "o",
	/* 150 */ "o", "o", "oe", "oe", "r", "r", "r", "r",
	/* 158 */ "r", "r", "s", "s", "s", "s", "s", "s",
	/* 160 */ "s", "s", "t", "t", "t", "t", "t", "t",
	/* 168 */ "u", "u", "u", "u", "u", "u", "u", "u",
	/* 170 */ "u", "u", "u", "u", "w", "w", "y", "y",
	/* 178 */ "y", "z", "z", "z", "z", "z", "z", "s",
};

size_t text_fold(char *out, size_t sz, const char *in)
{
	size_t len = strlen(in), i = 0, o = 0;

	if (sz == 0)
		return 0;
	while (i < len) {
		long c;
		size_t n = text_utf8_decode(in + i, len - i, &c);
		const char *rep = NULL;
		size_t rlen;

		if (c >= 0xc0 && c <= 0x17f && latin[c - 0xc0][0])
			rep = latin[c - 0xc0];
		if (rep) {
			rlen = strlen(rep);
		}
		else if (c >= 0 && c < 0x80) {
			rep = in + i;
			rlen = 1;
		}
		else {
			rep = in + i;
			rlen = n;
		}
		if (o + rlen >= sz)
			break;
		memcpy(out + o, rep, rlen);
		if (c >= 0 && c < 0x80)
			out[o] = (char)tolower((unsigned char)out[o]);
		o += rlen;
		i += n;
	}
	out[o] = '\0';
	return o;
}
