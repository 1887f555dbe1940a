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

/* The most bytes (with the NUL) each text of an extension keeps: the
 * config refuses longer values, and what the network says is cut. */
#define EXT_NUMBER_SIZE 32
#define EXT_NAME_SIZE 128
#define EXT_DEPARTMENT_SIZE 64
#define EXT_URI_SIZE 256
#define EXT_VOICEMAIL_SIZE 256
#define EXT_DEPUTY_SIZE 32
#define EXT_NOTE_SIZE 128
#define EXT_PEER_SIZE 128
#define EXT_PEER_NUMBER_SIZE 128
#define EXT_PICKUP_SIZE 256
#define EXT_ALIASES_SIZE 96
#define EXT_COMPANY_SIZE 64
#define EXT_EMAIL_SIZE 128
#define EXT_COMMENT_SIZE 160

/* The texts are never NULL ("" when empty) and are changed only through
 * ext_text_set: each is sized to fit, because 5,000 extensions of fixed
 * arrays cost 10 MB where their texts take a tenth of it. */
struct extension {
	const char *number;
	const char *name;
	const char *department;
	const char *uri;
	const char *voicemail;
	const char *deputy;        /* who takes their calls when they are out */
	const char *note;          /* presence note, from its NOTIFYs */
	const char *peer;          /* who it rings with or talks to, when known */
	const char *peer_number;   /* ...its number (user part of its URI) */
	const char *pickup;        /* where its parked caller is taken, or "" */
	/* the directory (contacts.c): other names, where they work */
	const char *aliases;       /* other names, comma separated: "Bob, Rob" */
	const char *company;
	const char *email;
	const char *comment;       /* the operator's free note about them */
	unsigned texts_owned;      /* which texts ext_text_set allocated */
	char *texts_block;         /* the texts ext_texts_pack put together */
	enum presence presence;
	enum ext_line_state line_state;
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
	/* more numbers (contacts.c); an external contact (client,
	 * supplier) has no presence and is never subscribed */
	struct ext_number *numbers;   /* nnumbers; NULL: none */
	size_t nnumbers;
	bool external;
};

/* An empty extension: every text "", nothing else set. */
void ext_init(struct extension *e);
/* Texts left NULL (an array written as C initialisers) become "". */
void ext_texts_fill(struct extension *e);
/* FIELD (the address of one of E's texts) becomes a copy of VALUE, cut
 * to the field's size; ENOMEM leaves it "". */
int ext_text_set(struct extension *e, const char **field,
		 const char *value);
/* The texts E owns moved into one allocation: a directory's
 * thousands of extensions pay one malloc header each, not one a text.
 * A text set again afterwards is allocated apart, as before. */
void ext_texts_pack(struct extension *e);
/* One more number (at most EXT_NUMBERS_MAX; cut to size): ENOSPC when
 * full, ENOMEM. */
int ext_number_add(struct extension *e, const char *label,
		   const char *number);
/* The texts, numbers and members an extension owns; it is left
 * empty. */
void ext_release(struct extension *e);
/* Releases N extensions and frees the array. */
void ext_array_free(struct extension *v, size_t n);

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
