/*
 * office_demo.c — `cordboard --demo`: now and then a random idle caller
 * calls the console, and gives up after a while if nobody answers.
 */
#include "office.h"

static void demo_hangup_handler(void *arg)
{
	struct office_member *m = arg;
	struct le *le;

	for (le = m->ua ? list_head(ua_calls(m->ua)) : NULL; le;
	     le = le->next) {
		if (m->demo_callid && 0 == str_cmp(call_id(le->data),
						   m->demo_callid)) {
			office_member_end(m, le->data, 0, "Gave up");
			break;
		}
	}
	m->demo_callid = mem_deref(m->demo_callid);
}

/* Demo: a random idle caller calls the console now and then. */
static void demo_call_handler(void *arg)
{
	struct office *o = arg;
	struct office_member *idle[64];
	struct office_member *m;
	size_t n = 0;
	struct le *le;

	tmr_start(&o->tmr_demo, (uint64_t)o->desc.demo.call_every * 1000,
		  demo_call_handler, o);
	for (le = o->members.head; le && n < 64; le = le->next) {
		m = le->data;
		if (m->p.kind == OFFICE_CALLER && m->ua
		    && list_isempty(ua_calls(m->ua)))
			idle[n++] = m;
	}
	if (n == 0)
		return;
	m = idle[rand_u32() % n];
	if (office_member_call(o, m, NULL))
		return;
	le = list_tail(ua_calls(m->ua));
	if (!le || !o->desc.demo.hangup_after)
		return;
	mem_deref(m->demo_callid);
	m->demo_callid = NULL;
	(void)str_dup(&m->demo_callid, call_id(le->data));
	tmr_start(&m->tmr_demo, (uint64_t)o->desc.demo.hangup_after * 1000,
		  demo_hangup_handler, m);
}

void office_demo_start(struct office *o)
{
	tmr_start(&o->tmr_demo, (uint64_t)o->desc.demo.first_call_after * 1000,
		  demo_call_handler, o);
}
