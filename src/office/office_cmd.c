/*
 * office_cmd.c — the office_* commands on baresip's command table, as a
 * test or the demo sends them over ctrl_tcp. Parameters are separated by
 * spaces; UA is a caller id ("acme"), a number or an extension. Each
 * handler prints one line back (office_status: JSON); a failure sets
 * ctrl_tcp's "ok" to false and the line says why.
 *
 *   office_call CALLER [URI]      call the console (or URI; "202" works)
 *   office_answer UA [CALLID]     answer the ringing incoming call
 *   office_reject UA [CODE]       reject it (default 486)
 *   office_hangup UA [CALLID]     hang up all (or one) of its calls
 *   office_hold UA on|off [CALLID]  hold/resume its established calls
 *   office_transfer UA URI        blind transfer (REFER) of its call
 *   office_refer UA REFER-TO [CALLID]  REFER with exactly this Refer-To
 *                                 (e.g. <sip:201@h?Replaces=...>) on one
 *                                 of its established calls
 *   office_set UA answer=auto|manual|reject|busy|noanswer delay=N
 *                 reject_code=N refer=accept|reject405|reject501|silent
 *                 transfer_timeout=N
 *   office_die UA                 the UA vanishes: no BYE, no answers
 *   office_revive UA              it answers again (new calls only)
 *   office_name UA REPEAT TEXT    display name for its next call only:
 *                                 TEXT with \e \a \xHH \s \\ \" \r \n
 *                                 \t decoded, repeated REPEAT times
 *   office_hears UA               which tones each call of UA hears,
 *                                 with the numbers (office_tone.c)
 *   office_status                 everything, see office_status.c
 *
 * Presence and subscriptions: office_cmd_sub.c.
 */
#include <stdlib.h>
#include <string.h>

#include "office.h"

static struct office *cmd_office;

static int args_split(struct office_args *a, const char *prm)
{
	char *save = NULL, *tok;

	a->argc = 0;
	if (str_len(prm) >= sizeof(a->buf))
		return E2BIG;
	str_ncpy(a->buf, prm ? prm : "", sizeof(a->buf));
	for (tok = strtok_r(a->buf, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (a->argc == OFFICE_ARGV_MAX)
			return E2BIG;
		a->argv[a->argc++] = tok;
	}
	return 0;
}

const char *office_cmd_prm(void *arg)
{
	const struct cmd_arg *carg = arg;

	return carg && carg->prm ? carg->prm : "";
}

int office_cmd_find(struct re_printf *pf, const char *key, bool dead_ok,
		    struct office_member **mp)
{
	struct office_member *m = office_member_find(cmd_office, key);

	if (!m) {
		(void)re_hprintf(pf, "no such caller or colleague: %s\n", key);
		return ENOENT;
	}
	if (!m->ua) {
		(void)re_hprintf(pf, "%s has no UA (shutting down)\n",
				 m->p.id);
		return ENODEV;
	}
	if (m->dead && !dead_ok) {
		(void)re_hprintf(pf, "%s has vanished (office_revive)\n",
				 m->p.id);
		return ENODEV;
	}
	*mp = m;
	return 0;
}

/* Splits the parameters and finds the member named by the first one;
 * one that has vanished only for DEAD_OK commands. */
int office_cmd_member(struct re_printf *pf, void *arg, struct office_args *a,
		      int min, int max, const char *usage, bool dead_ok,
		      struct office_member **mp)
{
	if (args_split(a, office_cmd_prm(arg)) || a->argc < min
	    || a->argc > max) {
		(void)re_hprintf(pf, "usage: %s\n", usage);
		return EINVAL;
	}
	return office_cmd_find(pf, a->argv[0], dead_ok, mp);
}

static int member_args(struct re_printf *pf, void *arg, struct office_args *a,
		       int min, int max, const char *usage,
		       struct office_member **mp)
{
	return office_cmd_member(pf, arg, a, min, max, usage, false, mp);
}

static int cmd_call(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	int err;

	err = member_args(pf, arg, &a, 1, 2, "office_call CALLER [URI]", &m);
	if (err)
		return err;
	err = office_member_call(cmd_office, m, a.argc > 1 ? a.argv[1] : NULL);
	if (err) {
		(void)re_hprintf(pf, "%s cannot call: %m\n", m->p.id, err);
		return err;
	}
	if (a.argc == 1 && m->p.dials[0])
		return re_hprintf(pf, "%s calls %s at %s\n", m->p.id,
				  m->p.dials, cmd_office->desc.console);
	return re_hprintf(pf, "%s calls %s\n", m->p.id,
			  a.argc > 1 ? a.argv[1] : cmd_office->desc.console);
}

static int cmd_answer(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct call *call;
	struct office_args a;
	int err;

	err = member_args(pf, arg, &a, 1, 2, "office_answer UA [CALLID]", &m);
	if (err)
		return err;
	call = a.argc > 1 ? office_member_call_by_id(m, a.argv[1])
		: office_member_call_in(m, CALL_STATE_INCOMING);
	if (!call || call_state(call) != CALL_STATE_INCOMING) {
		(void)re_hprintf(pf, "%s has no ringing incoming call\n",
				 m->p.id);
		return ENOENT;
	}
	err = ua_answer(m->ua, call, VIDMODE_OFF);
	if (err) {
		(void)re_hprintf(pf, "answer failed: %m\n", err);
		return err;
	}
	return re_hprintf(pf, "%s answers %s\n", m->p.id, call_peeruri(call));
}

static int cmd_reject(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct call *call;
	struct office_args a;
	unsigned long code = 486;
	int err;

	err = member_args(pf, arg, &a, 1, 2, "office_reject UA [CODE]", &m);
	if (err)
		return err;
	if (a.argc > 1) {
		code = strtoul(a.argv[1], NULL, 10);
		if (code < 400 || code > 699) {
			(void)re_hprintf(pf, "CODE must be 400-699\n");
			return EINVAL;
		}
	}
	call = office_member_call_in(m, CALL_STATE_INCOMING);
	if (!call) {
		(void)re_hprintf(pf, "%s has no ringing incoming call\n",
				 m->p.id);
		return ENOENT;
	}
	(void)re_hprintf(pf, "%s rejects %s with %lu\n", m->p.id,
			 call_peeruri(call), code);
	office_member_end(m, call, (uint16_t)code,
			  office_reason_phrase((uint16_t)code));
	return 0;
}

static int cmd_hangup(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct call *call;
	struct office_args a;
	unsigned n = 0;
	int err;

	err = member_args(pf, arg, &a, 1, 2, "office_hangup UA [CALLID]", &m);
	if (err)
		return err;
	if (a.argc > 1) {
		call = office_member_call_by_id(m, a.argv[1]);
		if (!call) {
			(void)re_hprintf(pf, "%s has no call %s\n", m->p.id,
					 a.argv[1]);
			return ENOENT;
		}
		office_member_end(m, call, 0, "Hung up by the office");
		return re_hprintf(pf, "%s hung up 1 call\n", m->p.id);
	}
	/* bounded: ending a call may resume (not create) another one */
	while (m->ua && !list_isempty(ua_calls(m->ua)) && n < 64) {
		call = list_head(ua_calls(m->ua))->data;
		office_member_end(m, call, 0, "Hung up by the office");
		n++;
	}
	return re_hprintf(pf, "%s hung up %u call%s\n", m->p.id, n,
			  n == 1 ? "" : "s");
}

static int cmd_hold(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	struct le *le;
	bool hold;
	unsigned n = 0;
	int err;

	err = member_args(pf, arg, &a, 2, 3, "office_hold UA on|off [CALLID]",
			  &m);
	if (err)
		return err;
	if (0 == strcmp(a.argv[1], "on"))
		hold = true;
	else if (0 == strcmp(a.argv[1], "off"))
		hold = false;
	else {
		(void)re_hprintf(pf, "usage: office_hold UA on|off [CALLID]\n");
		return EINVAL;
	}
	for (le = list_head(ua_calls(m->ua)); le; le = le->next) {
		struct call *call = le->data;

		if (a.argc > 2 && str_cmp(call_id(call), a.argv[2]))
			continue;
		if (call_state(call) != CALL_STATE_ESTABLISHED
		    || call_is_onhold(call) == hold)
			continue;
		err = call_hold(call, hold);
		if (err) {
			(void)re_hprintf(pf, "hold failed: %m\n", err);
			break;
		}
		n++;
	}
	/* the dialog state shows who holds: tell the subscribers now */
	if (n || err)
		office_notify_changed(m);
	if (err)
		return err;
	if (n == 0) {
		(void)re_hprintf(pf, "%s has no established call to %s\n",
				 m->p.id, hold ? "hold" : "resume");
		return ENOENT;
	}
	return re_hprintf(pf, "%s %s %u call%s\n", m->p.id,
			  hold ? "holds" : "resumes", n, n == 1 ? "" : "s");
}

static int cmd_transfer(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct call *call;
	struct office_args a;
	int err;

	err = member_args(pf, arg, &a, 2, 2, "office_transfer UA URI", &m);
	if (err)
		return err;
	call = office_member_call_in(m, CALL_STATE_ESTABLISHED);
	if (!call) {
		(void)re_hprintf(pf, "%s has no established call\n", m->p.id);
		return ENOENT;
	}
	err = call_transfer(call, a.argv[1]);
	if (err) {
		(void)re_hprintf(pf, "transfer failed: %m\n", err);
		return err;
	}
	return re_hprintf(pf, "%s transfers %s to %s\n", m->p.id,
			  call_peeruri(call), a.argv[1]);
}

static int cmd_refer(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct call *call;
	struct office_args a;
	int err;

	err = member_args(pf, arg, &a, 2, 3,
			  "office_refer UA REFER-TO [CALLID]", &m);
	if (err)
		return err;
	call = a.argc > 2 ? office_member_call_by_id(m, a.argv[2])
		: office_member_call_in(m, CALL_STATE_ESTABLISHED);
	if (!call || call_state(call) != CALL_STATE_ESTABLISHED) {
		(void)re_hprintf(pf, "%s has no such established call\n",
				 m->p.id);
		return ENOENT;
	}
	err = call_transfer(call, a.argv[1]);
	if (err) {
		(void)re_hprintf(pf, "REFER failed: %m\n", err);
		return err;
	}
	return re_hprintf(pf, "%s sends REFER to %s: Refer-To: %s\n",
			  m->p.id, call_peeruri(call), a.argv[1]);
}

static int cmd_die(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	int err;

	err = office_cmd_member(pf, arg, &a, 1, 1, "office_die UA", true, &m);
	if (err)
		return err;
	return office_die(m, pf);
}

static int cmd_revive(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	int err;

	err = office_cmd_member(pf, arg, &a, 1, 1, "office_revive UA", true,
			       &m);
	if (err)
		return err;
	if (!m->dead) {
		(void)re_hprintf(pf, "%s has not vanished\n", m->p.id);
		return EALREADY;
	}
	office_revive(m);
	return re_hprintf(pf, "%s is back\n", m->p.id);
}

static int set_one(struct office_member *m, const char *kv)
{
	const char *eq = strchr(kv, '=');
	char *end;
	unsigned long v;

	if (!eq)
		return EINVAL;
	if (0 == strncmp(kv, "answer=", 7))
		return office_answer_parse(eq + 1, &m->p.answer);
	if (0 == strncmp(kv, "refer=", 6))
		return office_refer_parse(eq + 1, &m->p.refer);
	v = strtoul(eq + 1, &end, 10);
	if (*end || end == eq + 1)
		return EINVAL;
	if (0 == strncmp(kv, "delay=", 6) && v <= 3600)
		m->p.delay = (unsigned)v;
	else if (0 == strncmp(kv, "reject_code=", 12) && v >= 400 && v <= 699)
		m->p.reject_code = (unsigned)v;
	else if (0 == strncmp(kv, "transfer_timeout=", 17) && v >= 1
		 && v <= OFFICE_TRANSFER_TIMEOUT_MAX)
		m->p.transfer_timeout = (unsigned)v;
	else
		return EINVAL;
	return 0;
}

static int cmd_set(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_person saved;
	struct office_args a;
	int i, err;

	err = office_cmd_member(pf, arg, &a, 2, OFFICE_ARGV_MAX,
			       "office_set UA [answer=auto|manual|reject|busy|"
			       "noanswer] [delay=N] [reject_code=N] "
			       "[refer=accept|reject405|reject501|silent] "
			       "[transfer_timeout=N]", true, &m);
	if (err)
		return err;
	saved = m->p;
	for (i = 1; i < a.argc; i++) {
		if (set_one(m, a.argv[i])) {
			m->p = saved;
			(void)re_hprintf(pf, "bad setting: %s\n", a.argv[i]);
			return EINVAL;
		}
	}
	office_member_behaviour_apply(m);
	return re_hprintf(pf, "%s: answer=%s delay=%u reject_code=%u "
			  "refer=%s transfer_timeout=%u\n",
			  m->p.id, office_answer_name(m->p.answer),
			  m->p.delay, m->p.reject_code,
			  office_refer_name(m->p.refer),
			  m->p.transfer_timeout);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int office_unescape(struct mbuf *mb, const char *text)
{
	const char *p;
	int err = 0;

	for (p = text; *p && !err; p++) {
		uint8_t c = (uint8_t)*p;

		if (c == '\\') {
			switch (*++p) {
			case 'e':  c = 0x1b; break;
			case 'a':  c = 0x07; break;
			case 'n':  c = '\n'; break;
			case 'r':  c = '\r'; break;
			case 't':  c = '\t'; break;
			case 's':  c = ' ';  break;
			case '"':  c = '"';  break;
			case '\\': c = '\\'; break;
			case 'x':
				if (hexval(p[1]) < 0 || hexval(p[2]) < 0)
					return EINVAL;
				c = (uint8_t)(hexval(p[1]) * 16 + hexval(p[2]));
				p += 2;
				break;
			default:
				return EINVAL;
			}
			if (c == 0)
				return EINVAL;
		}
		err = mbuf_write_u8(mb, c);
	}
	return err;
}

const char *office_words_after(const char *s, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		while (*s == ' ' || *s == '\t')
			s++;
		while (*s && *s != ' ' && *s != '\t')
			s++;
	}
	if (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int cmd_name(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct mbuf *one = NULL, *all = NULL;
	struct office_args a;
	unsigned long repeat, i;
	char *end;
	int err;

	err = member_args(pf, arg, &a, 2, OFFICE_ARGV_MAX,
			  "office_name UA REPEAT TEXT", &m);
	if (err)
		return err;
	repeat = strtoul(a.argv[1], &end, 10);
	if (*end) {
		(void)re_hprintf(pf, "REPEAT must be a number\n");
		return EINVAL;
	}
	one = mbuf_alloc(256);
	all = mbuf_alloc(1024);
	if (!one || !all) {
		err = ENOMEM;
		goto out;
	}
	err = office_unescape(one, office_words_after(office_cmd_prm(arg), 2));
	if (err) {
		(void)re_hprintf(pf, "bad escape in TEXT (\\e \\a \\s \\\\ "
				 "\\xHH, no NUL)\n");
		goto out;
	}
	if (repeat > OFFICE_NAME_BYTES_MAX
	    || repeat * one->end > OFFICE_NAME_BYTES_MAX) {
		(void)re_hprintf(pf, "name too long (max %d bytes)\n",
				 OFFICE_NAME_BYTES_MAX);
		err = E2BIG;
		goto out;
	}
	for (i = 0; i < repeat && !err; i++)
		err = mbuf_write_mem(all, one->buf, one->end);
	m->next_name = mem_deref(m->next_name);
	if (!err && all->end > 0) {
		all->pos = 0;
		err = mbuf_strdup(all, &m->next_name, all->end);
	}
	if (!err)
		(void)re_hprintf(pf, "%s: next call with a %zu-byte name\n",
				 m->p.id, all->end);
 out:
	mem_deref(one);
	mem_deref(all);
	return err;
}

static int cmd_hears(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct le *le;
	struct office_args a;
	int err;

	err = office_cmd_member(pf, arg, &a, 1, 1, "office_hears UA", true,
			       &m);
	if (err)
		return err;
	if (list_isempty(ua_calls(m->ua)))
		return re_hprintf(pf, "%s has no call\n", m->p.id);
	for (le = list_head(ua_calls(m->ua)); le && !err; le = le->next) {
		err = re_hprintf(pf, "%s: call %s with %s (%s)\n", m->p.id,
				 call_id(le->data), call_peeruri(le->data),
				 call_state(le->data) == CALL_STATE_ESTABLISHED
				 ? "established" : "not established");
		if (!err)
			err = office_tone_debug(pf, le->data);
	}
	return err;
}

static int cmd_status(struct re_printf *pf, void *arg)
{
	(void)arg;
	return office_status_print(pf, cmd_office);
}

static const struct cmd office_cmdv[] = {
	{"office_call",   0, CMD_PRM, "Caller calls the console [or URI]",
	 cmd_call},
	{"office_answer", 0, CMD_PRM, "Answer the ringing call at a UA",
	 cmd_answer},
	{"office_reject", 0, CMD_PRM, "Reject the ringing call [CODE]",
	 cmd_reject},
	{"office_hangup", 0, CMD_PRM, "Hang up all calls of a UA",
	 cmd_hangup},
	{"office_hold",   0, CMD_PRM, "Hold or resume: UA on|off",
	 cmd_hold},
	{"office_transfer", 0, CMD_PRM, "Blind transfer: UA URI (REFER)",
	 cmd_transfer},
	{"office_refer",  0, CMD_PRM, "REFER: UA REFER-TO [CALLID]",
	 cmd_refer},
	{"office_set",    0, CMD_PRM, "UA answer=.. delay=.. reject_code=.. "
	 "refer=.. transfer_timeout=..", cmd_set},
	{"office_die",    0, CMD_PRM, "The UA vanishes without a BYE",
	 cmd_die},
	{"office_revive", 0, CMD_PRM, "A vanished UA answers again",
	 cmd_revive},
	{"office_name",   0, CMD_PRM, "Display name for the next call",
	 cmd_name},
	{"office_hears",  0, CMD_PRM, "Tones each call of a UA hears",
	 cmd_hears},
	{"office_status", 0, 0,       "Office status as JSON",
	 cmd_status},
};

int office_cmd_register(struct office *o)
{
	int err;

	cmd_office = o;
	err = cmd_register(baresip_commands(), office_cmdv,
			   sizeof(office_cmdv) / sizeof(office_cmdv[0]));
	return err ? err : office_cmd_sub_register(o);
}

void office_cmd_unregister(void)
{
	office_cmd_sub_unregister();
	cmd_unregister(baresip_commands(), office_cmdv);
	cmd_office = NULL;
}
