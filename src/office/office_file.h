/*
 * office_file — the office description file (libconfuse): who works in
 * the simulated office, how each of them answers (a call, a REFER), and
 * where it listens.
 * Parsed by the launcher (to fail early with FILE:LINE) and again by the
 * module inside baresip; the words of its values in office_values.c.
 * Plain C: no libre, no baresip.
 */
#ifndef CORDBOARD_OFFICE_FILE_H
#define CORDBOARD_OFFICE_FILE_H

#include <stdbool.h>
#include <stddef.h>

enum office_kind {
	OFFICE_CALLER = 0,
	OFFICE_COLLEAGUE,
	OFFICE_VOICEMAIL,          /* answers at once; user part = its id */
	OFFICE_KIND_COUNT,
};

enum office_answer {
	OFFICE_ANSWER_MANUAL = 0,
	OFFICE_ANSWER_AUTO,
	OFFICE_ANSWER_REJECT,
	OFFICE_ANSWER_BUSY,        /* 486 at once */
	OFFICE_ANSWER_NOANSWER,    /* 180 and nothing, for ever */
	OFFICE_ANSWER_INTERCOM,    /* auto when the INVITE asks a phone to
				    * answer by itself (a page), else rings */
};

/* What a person's phone publishes as presence (PIDF with RPID). */
enum office_presence {
	OFFICE_PRESENCE_AVAILABLE = 0,
	OFFICE_PRESENCE_AWAY,
	OFFICE_PRESENCE_BUSY,
	OFFICE_PRESENCE_DND,
	OFFICE_PRESENCE_OFFLINE,
};

/* How the UA answers a REFER (as transferee). */
enum office_refer {
	OFFICE_REFER_ACCEPT = 0,
	OFFICE_REFER_REJECT405,
	OFFICE_REFER_REJECT501,
	OFFICE_REFER_SILENT,        /* 202, then nothing: no NOTIFY, no call */
};

enum {
	OFFICE_ID_MAX = 64,
	OFFICE_NAME_MAX = 128,
	OFFICE_ADDR_MAX = 64,
	OFFICE_URI_MAX = 256,
	OFFICE_PATH_MAX = 1024,
	/* under the 60 s of baresip's REFER subscription */
	OFFICE_TRANSFER_TIMEOUT_MAX = 50,
	OFFICE_TONES_MAX = 32,         /* distinct tones the office listens for */
	OFFICE_TONE_MIN = 20,          /* Hz; tone = 0 means the UA is silent */
	OFFICE_TONE_MAX = 20000,
	OFFICE_NOTE_MAX = 256,         /* bytes of a presence note, with NUL */
};

/* One UA of the office: a caller (customer), a colleague (extension)
 * or a voicemail box. */
struct office_person {
	enum office_kind kind;
	char id[OFFICE_ID_MAX];        /* "acme", or the extension "201" */
	char user[OFFICE_ID_MAX];      /* SIP user: the number or extension */
	char name[OFFICE_NAME_MAX];    /* display name */
	char dials[OFFICE_ID_MAX];     /* caller: the user part it calls at
					* the console (a company line), "" =
					* the console's own */
	enum office_answer answer;
	unsigned delay;                /* seconds before auto answer/reject */
	unsigned reject_code;
	unsigned tone;                 /* Hz of the ausine source; 0 silence */
	enum office_refer refer;
	unsigned transfer_timeout;     /* s a transferee lets the target ring */
	enum office_presence presence;
	char note[OFFICE_NOTE_MAX];    /* UTF-8, no control characters */
	char mediaenc[16];             /* baresip's srtp, srtp-mand,
					* dtls_srtp; "" = plain RTP */
	int line;                      /* where it is described */
};

struct office_demo {
	bool enabled;
	unsigned call_every;           /* s between calls to the console */
	unsigned first_call_after;     /* s before the first one */
	unsigned hangup_after;         /* s until callers give up; 0 never */
};

struct office_desc {
	char path[OFFICE_PATH_MAX];
	char listen[OFFICE_ADDR_MAX];  /* sip_listen, "127.0.0.1:5090" */
	char ctrl[OFFICE_ADDR_MAX];    /* ctrl_tcp_listen */
	char console[OFFICE_URI_MAX];  /* where callers call by default */
	char record_dir[OFFICE_PATH_MAX];
	char registrar[OFFICE_ADDR_MAX]; /* "" or IPv4:PORT: everyone
					  * registers and publishes there */
	unsigned tonev[OFFICE_TONES_MAX]; /* tones = { .. }: listened for too */
	size_t tonec;
	struct office_person *personv;
	size_t personc;
	struct office_demo demo;
};

/* Loads and validates PATH. Returns 0, or an errno value with
 * "FILE:LINE: what is wrong" in msg. */
int  office_desc_load(struct office_desc *desc, const char *path,
		      char *msg, size_t msgsz);
void office_desc_free(struct office_desc *desc);

/* The line of PATH that sets top-level KEY ("listen"), or 0. */
int office_key_line(const char *path, const char *key);

/* Host and port of an "IP:PORT" text; 0 or EINVAL. */
int office_addr_split(const char *addr, char *host, size_t hostsz,
		      unsigned *port);

int  office_answer_parse(const char *s, enum office_answer *answer);
const char *office_answer_name(enum office_answer answer);
int  office_refer_parse(const char *s, enum office_refer *refer);
const char *office_refer_name(enum office_refer refer);
const char *office_kind_name(enum office_kind kind);
int  office_presence_parse(const char *s, enum office_presence *presence);
const char *office_presence_name(enum office_presence presence);

/* Length of the UTF-8 sequence at S (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0 if it is not one. */
size_t office_utf8_len(const unsigned char *s);

/* A presence note: under OFFICE_NOTE_MAX bytes of UTF-8 with no control
 * character but tab (XML 1.0 cannot carry them). */
bool office_note_valid(const char *s);

#endif
