/*
 * extension.h — a colleague the operator can send callers to.
 */
#ifndef CORDBOARD_CORE_EXTENSION_H
#define CORDBOARD_CORE_EXTENSION_H

#include <stdbool.h>
#include <stddef.h>

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

/* An entry of the directory: a person, or a group the console can send
 * callers to (ring group) or announce to (paging group). A group with
 * a uri is rung by the PBX; with members, the console rings them. */
enum ext_kind { EXT_PERSON = 0, EXT_RING_GROUP, EXT_PAGING_GROUP };
enum group_strategy { GROUP_ALL = 0, GROUP_IN_ORDER };

/* How a page asks the callee's phone to answer by itself. */
enum intercom_method {
	INTERCOM_DEFAULT = 0,     /* the intercom section's */
	INTERCOM_CALL_INFO,       /* Call-Info: <uri>;answer-after=0 */
	INTERCOM_ALERT_INFO,      /* Alert-Info: ...;info=alert-autoanswer */
	INTERCOM_ANSWER_MODE,     /* Answer-Mode: Auto (RFC 5373) */
	INTERCOM_PARAM,           /* ;intercom=true on the request URI */
};

#define EXT_MEMBERS_MAX 16
#define EXT_MEMBER_LEN 64
/* a contact's numbers besides its extension: mobile, home, other... */
#define EXT_NUMBERS_MAX 4

struct ext_number {
	char label[16];         /* "mobile", "home", "other", "work" */
	char number[32];        /* digits, +digits or a sip: URI's user */
};

struct extension {
	char number[32];
	char name[128];
	char department[64];
	char uri[256];
	char voicemail[256];
	char deputy[32];        /* who takes their calls when they are out */
	enum presence presence;
	char note[128];
	enum ext_line_state line_state;
	char peer[128];        /* who it rings with or talks to, when known */
	char peer_number[128]; /* ...its number (user part of its URI) */
	char pickup[256];      /* where its parked caller is taken, or "" */
	bool watch_presence;   /* subscribe to its presence */
	bool watch_dialog;     /* subscribe to its dialogs (BLF) */
	enum intercom_method intercom;  /* how pages to it auto-answer */
	enum ext_kind kind;
	/* groups: who the console rings itself (numbers or SIP URIs) */
	char (*members)[EXT_MEMBER_LEN]; /* nmembers, in a block of the
					  * config's (NULL: a person) */
	size_t nmembers;
	enum group_strategy strategy;
	int ring_time_s;       /* in-order: per member; all: in all */
	/* a caller from this number waits ahead of others (queue.c):
	 * priority 0-9, vip = yes is the highest and marked */
	int priority;
	bool vip;
	/* the directory (contacts.c): more numbers, other names, where
	 * they work; an external contact (client, supplier) has no
	 * presence and is never subscribed */
	struct ext_number numbers[EXT_NUMBERS_MAX];
	size_t nnumbers;
	char aliases[96];       /* other names, comma separated: "Bob, Rob" */
	char company[64];
	char email[128];
	char comment[160];      /* the operator's free note about them */
	bool external;
};

const char *intercom_method_name(enum intercom_method m);
/* "call-info" ... to the method; -1 when the word is none of them. */
int intercom_method_parse(const char *word);
const char *group_strategy_name(enum group_strategy s);
bool ext_is_group(const struct extension *e);

const char *presence_name(enum presence p);
const char *ext_line_state_name(enum ext_line_state s);

/* One letter per state, so the board reads without colour. */
char presence_letter(enum presence p);
char ext_line_state_letter(enum ext_line_state s);

#endif
