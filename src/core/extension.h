/*
 * extension.h — a colleague the operator can send callers to.
 */
#ifndef CORDBOARD_CORE_EXTENSION_H
#define CORDBOARD_CORE_EXTENSION_H

#include <stdbool.h>

enum presence {
	PRESENCE_UNKNOWN = 0,
	PRESENCE_AVAILABLE,
	PRESENCE_AWAY,
	PRESENCE_BUSY,
	PRESENCE_DND,
	PRESENCE_OFFLINE,
};

enum ext_line_state {
	EXT_LINE_UNKNOWN = 0,
	EXT_LINE_IDLE,
	EXT_LINE_RINGING,
	EXT_LINE_INCALL,
	EXT_LINE_HELD,
};

struct extension {
	char number[32];
	char name[128];
	char department[64];
	char uri[256];
	char voicemail[256];
	enum presence presence;
	char note[128];
	enum ext_line_state line_state;
	char peer[128];        /* who it rings with or talks to, when known */
	bool watch_presence;   /* subscribe to its presence */
	bool watch_dialog;     /* subscribe to its dialogs (BLF) */
};

const char *presence_name(enum presence p);
const char *ext_line_state_name(enum ext_line_state s);

/* One letter per state, so the board reads without colour. */
char presence_letter(enum presence p);
char ext_line_state_letter(enum ext_line_state s);

#endif
