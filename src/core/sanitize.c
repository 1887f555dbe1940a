/*
 * sanitize.c — nothing from the network reaches the terminal raw.
 */
#define _XOPEN_SOURCE 700
#include "sanitize.h"

#include <string.h>
#include <wchar.h>

size_t text_utf8_decode(const char *str, size_t len, long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, i;
	long c, min;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	}
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	}
	else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	}
	else {
		*cp = -1;
		return 1;
	}
	if (len < n) {
		*cp = -1;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

static size_t utf8_encode(char *out, long c)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static int is_bidi_control(long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
		|| c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Length of the escape or control sequence starting at an ESC or a C1
 * introducer, so the whole sequence is dropped, not just its first byte. */
static size_t escape_length(const char *s, size_t len, long first,
			    size_t first_len)
{
	size_t i = first_len;
	long kind = first;
	long c;
	size_t n;

	if (first == 0x1b) {
		if (i >= len)
			return i;
		kind = (unsigned char)s[i];
		i++;
		if (kind == '[')
			kind = 0x9b;
		else if (kind == ']' || kind == 'P' || kind == '_' ||
			 kind == '^' || kind == 'X')
			kind = 0x9d;
		else
			return i;   /* two-character escape */
	}
	if (kind == 0x9b) {
		/* CSI: parameters and intermediates, then one final byte */
		while (i < len) {
			unsigned char b = (unsigned char)s[i++];
			if (b >= 0x40 && b <= 0x7e)
				return i;
			if (b < 0x20 || b > 0x3f)
				return i;
		}
		return i;
	}
	if (kind == 0x9d || kind == 0x90 || kind == 0x9e || kind == 0x9f ||
	    kind == 0x98) {
		/* string: up to BEL, ST (ESC \ or U+009C) */
		while (i < len) {
			n = text_utf8_decode(s + i, len - i, &c);
			if (c == 0x07 || c == 0x9c)
				return i + n;
			if (c == 0x1b) {
				if (i + 1 < len && s[i + 1] == '\\')
					return i + 2;
				return i;
			}
			i += n;
		}
		return i;
	}
	return i;
}

size_t sanitize_text(char *out, size_t outsz, const char *in, size_t inlen)
{
	size_t i = 0, o = 0;

	if (outsz == 0)
		return 0;
	while (i < inlen && in[i]) {
		char enc[4];
		size_t n, elen;
		long c;

		n = text_utf8_decode(in + i, inlen - i, &c);
		if (c == 0x1b || c == 0x9b || c == 0x9d || c == 0x90 ||
		    c == 0x98 || c == 0x9e || c == 0x9f) {
			i += escape_length(in + i, inlen - i, c, n);
			continue;
		}
		i += n;
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		else if (c < 0)
			c = 0xfffd;
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ||
			 is_bidi_control(c))
			continue;
		elen = utf8_encode(enc, c);
		if (o + elen >= outsz)
			break;
		memcpy(out + o, enc, elen);
		o += elen;
	}
	out[o] = '\0';
	return o;
}

static int char_width(long c)
{
	int w = wcwidth((wchar_t)c);

	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t len = strlen(s), i = 0;
	int cols = 0;

	while (i < len) {
		long c;
		size_t n = text_utf8_decode(s + i, len - i, &c);

		cols += c < 0 ? 1 : char_width(c);
		i += n;
	}
	return cols;
}

size_t text_fit(const char *s, int cols, int *used)
{
	size_t len = strlen(s), i = 0;
	int w = 0;

	while (i < len) {
		long c;
		size_t n;
		int cw;

		/* printable ASCII is one column: no decoding, no wcwidth
		 * for most of what every row of a redraw shows */
		if ((unsigned char)s[i] - 0x20u < 0x5fu) {
			if (w + 1 > cols)
				break;
			w++;
			i++;
			continue;
		}
		n = text_utf8_decode(s + i, len - i, &c);
		cw = c < 0 ? 1 : char_width(c);
		if (w + cw > cols)
			break;
		w += cw;
		i += n;
	}
	if (used)
		*used = w;
	return i;
}

size_t text_wrap(const char *s, int cols, size_t *next)
{
	size_t fit = text_fit(s, cols, NULL), row, i;

	if (!s[fit] || s[fit] == ' ') {
		row = fit;        /* all of it, or it ends on a word's end */
	} else {
		for (i = fit; i > 0 && s[i - 1] != ' '; i--)
			;
		row = i ? i : fit;
	}
	if (!row && s[0] && s[0] != ' ') {
		long c;   /* narrower than one character: one anyway */

		row = text_utf8_decode(s, strlen(s), &c);
	}
	*next = row;
	while (s[*next] == ' ')
		(*next)++;
	while (row > 0 && s[row - 1] == ' ')
		row--;
	return row;
}
