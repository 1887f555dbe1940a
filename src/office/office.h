/*
 * office.h — the simulated office inside baresip: one member per UA of
 * the description, its scripted behaviour, and the office_* commands
 * that drive it over ctrl_tcp. Internal to src/office/.
 */
#ifndef CORDBOARD_OFFICE_H
#define CORDBOARD_OFFICE_H

#include <re.h>

#include "sip/baresip_abi.h"
#include "office_file.h"

enum {
	OFFICE_ENDED_MAX = 16,      /* ended calls kept per member */
	OFFICE_ENDED_NAME_MAX = 256, /* peername bytes kept per ended call */
	OFFICE_NAME_BYTES_MAX = 8192,
};

/* A person of the office and the UA that speaks for it. */
struct office_member {
	struct le le;
	struct office_person p;     /* mutable copy: office_set changes it */
	char aor[OFFICE_URI_MAX];
	struct ua *ua;              /* baresip's; NULL once shut down */
	char *next_name;            /* display name for the next call only */
	struct list pendl;          /* struct office_pending */
	struct list endedl;         /* struct office_ended, oldest first */
	uint16_t hangup_scode;      /* set while we end a call ourselves */
	const char *hangup_reason;
	struct tmr tmr_demo;        /* demo: give up on the console */
	char *demo_callid;
	char dtmf[65];              /* DTMF digits received, newest last */
};

/* What a test wants to know about a call that is over. */
struct office_ended {
	struct le le;
	char *callid;
	char *peer;
	char *peername;
	bool outgoing;
	uint16_t scode;
	char *reason;
	bool by_us;                 /* we hung up or rejected it */
	uint32_t duration;
};

struct office {
	struct office_desc desc;
	struct list members;
	struct tmr tmr_demo;
	struct tmr tmr_fail;
};

struct office_member *office_member_find(struct office *o, const char *key);
int  office_member_call(struct office *o, struct office_member *m,
			const char *uri);
void office_member_end(struct office_member *m, struct call *call,
		       uint16_t scode, const char *reason);
struct call *office_member_call_in(const struct office_member *m,
				   enum call_state state);
void office_member_behaviour_apply(struct office_member *m);

int  office_cmd_register(struct office *o);
void office_cmd_unregister(void);

int  office_status_print(struct re_printf *pf, const struct office *o);

/* Decodes \e \a \xHH \\ \s \n \r \t \" in TEXT. Returns 0 or EINVAL
 * (bad escape, or NUL which no SIP header can carry). */
int  office_unescape(struct mbuf *mb, const char *text);

const char *office_reason_phrase(uint16_t scode);

#endif
