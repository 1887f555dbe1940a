/*
 * keys.c — key names to codes and back.
 */
#include "keys.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/sanitize.h"

static const struct {
	const char *name;
	keycode code;
} key_names[] = {
	{ "Enter",   KEYC_ENTER },
	{ "Esc",     KEYC_ESC },
	{ "Tab",     KEYC_TAB },
	{ "BTab",    KEYC_BTAB },
	{ "BSpace",  KEYC_BSPACE },
	{ "Space",   KEYC_SPACE },
	{ "Up",      KEYC_UP },
	{ "Down",    KEYC_DOWN },
	{ "Left",    KEYC_LEFT },
	{ "Right",   KEYC_RIGHT },
	{ "Home",    KEYC_HOME },
	{ "End",     KEYC_END },
	{ "PgUp",    KEYC_PPAGE },
	{ "PgDn",    KEYC_NPAGE },
	{ "Insert",  KEYC_IC },
	{ "Delete",  KEYC_DC },
	{ "KPEnter", KEYC_KP_ENTER },
	{ "KP+",     KEYC_KP_PLUS },
	{ "KP-",     KEYC_KP_MINUS },
	{ "KP*",     KEYC_KP_STAR },
	{ "KP/",     KEYC_KP_SLASH },
};

#define N_KEY_NAMES (sizeof(key_names) / sizeof(key_names[0]))

static int parse_base(const char *s, keycode *out)
{
	size_t i, len = strlen(s);
	long cp;
	unsigned f;

	for (i = 0; i < N_KEY_NAMES; i++) {
		if (!strcasecmp(s, key_names[i].name)) {
			*out = key_names[i].code;
			return 0;
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3 &&
	    sscanf(s + 1, "%u", &f) == 1 && f >= 1 && f <= 24) {
		char check[4];
		snprintf(check, sizeof(check), "%u", f);
		if (!strcmp(check, s + 1)) {
			*out = KEYC_F1 + f - 1;
			return 0;
		}
	}
	if (len == 0 || text_utf8_decode(s, len, &cp) != len || cp < 0x21 ||
	    cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return EINVAL;
	*out = (keycode)cp;
	return 0;
}

int keys_parse(const char *name, keycode *out)
{
	keycode mods = 0, base;
	const char *p = name;

	/* modifiers are single letters followed by '-', e.g. C-M-x */
	while ((p[0] == 'C' || p[0] == 'M') && p[1] == '-' && p[2]) {
		mods |= p[0] == 'C' ? KEYC_CTRL : KEYC_META;
		p += 2;
	}
	if (parse_base(p, &base))
		return EINVAL;
	if ((mods & KEYC_CTRL) && base >= 'A' && base <= 'Z')
		base = base - 'A' + 'a';
	*out = base | mods;
	return 0;
}

int keys_name(keycode k, char *buf, size_t sz)
{
	keycode base = k & ~KEYC_MASK_MODS;
	char prefix[8] = "";
	size_t i;

	if (k & KEYC_CTRL)
		strcat(prefix, "C-");
	if (k & KEYC_META)
		strcat(prefix, "M-");
	for (i = 0; i < N_KEY_NAMES; i++) {
		if (key_names[i].code == base)
			return snprintf(buf, sz, "%s%s", prefix,
					key_names[i].name);
	}
	if (base >= KEYC_F1 && base <= KEYC_F24)
		return snprintf(buf, sz, "%sF%u", prefix, base - KEYC_F1 + 1);
	if (base == KEYC_RESIZE)
		return snprintf(buf, sz, "Resize");
	if (base < 0x80)
		return snprintf(buf, sz, "%s%c", prefix, (char)base);
	if (base < 0x800)
		return snprintf(buf, sz, "%s%c%c", prefix,
				(char)(0xc0 | (base >> 6)),
				(char)(0x80 | (base & 0x3f)));
	if (base < 0x10000)
		return snprintf(buf, sz, "%s%c%c%c", prefix,
				(char)(0xe0 | (base >> 12)),
				(char)(0x80 | ((base >> 6) & 0x3f)),
				(char)(0x80 | (base & 0x3f)));
	return snprintf(buf, sz, "%s%c%c%c%c", prefix,
			(char)(0xf0 | (base >> 18)),
			(char)(0x80 | ((base >> 12) & 0x3f)),
			(char)(0x80 | ((base >> 6) & 0x3f)),
			(char)(0x80 | (base & 0x3f)));
}

uint32_t keys_char(keycode k)
{
	if (k & KEYC_MASK_MODS)
		return 0;
	if (k == KEYC_SPACE)
		return ' ';
	if (k >= KEYC_BASE)
		return 0;
	return k;
}
