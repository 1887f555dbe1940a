/*
 * office_values.c — the words and texts the office file and the office_*
 * commands share: answer and refer modes, kinds of people, presence
 * states, and what makes a presence note. Plain C, like office_file.c.
 */
#include "office_file.h"

#include <errno.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const answer_names[] = {
	"manual", "auto", "reject", "busy", "noanswer", "intercom",
};
static const char *const refer_names[] = {
	"accept", "reject405", "reject501", "silent",
};
static const char *const presence_names[] = {
	"available", "away", "busy", "dnd", "offline",
};
static const char *const kind_names[] = {
	"caller", "colleague", "voicemail",
};

/* Index of S in NAMES, or -1. */
static int name_index(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++) {
		if (0 == strcmp(s, names[i]))
			return (int)i;
	}
	return -1;
}

int office_answer_parse(const char *s, enum office_answer *answer)
{
	int i = name_index(answer_names, ARRAY_LEN(answer_names), s);

	if (i < 0)
		return EINVAL;
	*answer = (enum office_answer)i;
	return 0;
}

const char *office_answer_name(enum office_answer answer)
{
	if ((size_t)answer < ARRAY_LEN(answer_names))
		return answer_names[answer];
	return "?";
}

int office_refer_parse(const char *s, enum office_refer *refer)
{
	int i = name_index(refer_names, ARRAY_LEN(refer_names), s);

	if (i < 0)
		return EINVAL;
	*refer = (enum office_refer)i;
	return 0;
}

const char *office_refer_name(enum office_refer refer)
{
	if ((size_t)refer < ARRAY_LEN(refer_names))
		return refer_names[refer];
	return "?";
}

int office_presence_parse(const char *s, enum office_presence *presence)
{
	int i = name_index(presence_names, ARRAY_LEN(presence_names), s);

	if (i < 0)
		return EINVAL;
	*presence = (enum office_presence)i;
	return 0;
}

const char *office_presence_name(enum office_presence presence)
{
	if ((size_t)presence < ARRAY_LEN(presence_names))
		return presence_names[presence];
	return "?";
}

size_t office_utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80
		    || (s[0] == 0xe0 && s[1] < 0xa0)
		    || (s[0] == 0xed && s[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80
		    || (s[3] & 0xc0) != 0x80
		    || (s[0] == 0xf0 && s[1] < 0x90)
		    || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

bool office_note_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;

	if (!s || strlen(s) >= OFFICE_NOTE_MAX)
		return false;
	for (; *p; p += n) {
		n = office_utf8_len(p);
		if (n == 0 || (*p < 0x20 && *p != '\t') || *p == 0x7f)
			return false;
		/* U+FFFE and U+FFFF are not XML characters either */
		if (n == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe)
			return false;
	}
	return true;
}

const char *office_kind_name(enum office_kind kind)
{
	if ((size_t)kind < ARRAY_LEN(kind_names))
		return kind_names[kind];
	return "?";
}
