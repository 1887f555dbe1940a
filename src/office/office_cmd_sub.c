/*
 * office_cmd_sub.c — the office_* commands of presence and subscriptions
 * (the rest are in office_cmd.c, with the same conventions):
 *
 *   office_presence UA STATE [NOTE...]
 *                  available|away|busy|dnd|offline, and the note: the
 *                  rest of the line, with the escapes of office_name
 *                  (none clears it). Its subscribers get a NOTIFY.
 *   office_subscribe UA URI EVENT [EXPIRES]
 *                  UA subscribes to EVENT (presence, dialog, or any
 *                  other to see it refused) of URI, for EXPIRES s
 *                  (600); office_status "watches" keeps the bodies
 *   office_unsubscribe UA [URI [EVENT]]
 *                  ends UA's subscriptions (Expires: 0)
 *   office_subs    the subscriptions the office's people have
 *                  accepted, as JSON: {"subs":[SUB]}, SUB as in
 *                  office_status.c
 */
#include <stdlib.h>
#include <string.h>

#include "office.h"

enum {
	WATCH_EXPIRES_DFL = 600,
	WATCH_EXPIRES_MAX = 86400,
};

static struct office *sub_office;

/* Word I of S (from 0) into BUF; "" if there is none. */
static void word_at(const char *s, int i, char *buf, size_t sz)
{
	size_t n = 0;

	s = office_words_after(s, i);
	while (*s == ' ' || *s == '\t')
		s++;
	while (s[n] && s[n] != ' ' && s[n] != '\t')
		n++;
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* The note: the rest of the line, escapes decoded, checked. */
static int note_parse(char *note, size_t sz, const char *text)
{
	struct mbuf *mb = mbuf_alloc(256);
	int err;

	if (!mb)
		return ENOMEM;
	err = office_unescape(mb, text);
	if (!err && mb->end >= sz)
		err = E2BIG;
	if (!err) {
		memcpy(note, mb->buf, mb->end);
		note[mb->end] = '\0';
		if (!office_note_valid(note))
			err = EINVAL;
	}
	mem_deref(mb);
	return err;
}

static int cmd_presence(struct re_printf *pf, void *arg)
{
	const char *prm = office_cmd_prm(arg);
	char key[OFFICE_ID_MAX + 1], state[32], note[OFFICE_NOTE_MAX];
	enum office_presence pres;
	struct office_member *m;
	int err;

	word_at(prm, 0, key, sizeof(key));
	word_at(prm, 1, state, sizeof(state));
	if (!key[0] || office_presence_parse(state, &pres)) {
		(void)re_hprintf(pf, "usage: office_presence UA available|away"
				 "|busy|dnd|offline [NOTE...]\n");
		return EINVAL;
	}
	err = office_cmd_find(pf, key, true, &m);
	if (err)
		return err;
	err = note_parse(note, sizeof(note), office_words_after(prm, 2));
	if (err) {
		(void)re_hprintf(pf, "bad note: under %d bytes of UTF-8, no "
				 "control characters, escapes as in "
				 "office_name\n", OFFICE_NOTE_MAX);
		return err;
	}
	m->p.presence = pres;
	str_ncpy(m->p.note, note, sizeof(m->p.note));
	office_notify_changed(m);
	return re_hprintf(pf, "%s is %s%s%s\n", m->p.id,
			  office_presence_name(pres), note[0] ? ": " : "",
			  note);
}

static int cmd_subscribe(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	unsigned long expires = WATCH_EXPIRES_DFL;
	char *end;
	int err;

	err = office_cmd_member(pf, arg, &a, 3, 4,
				"office_subscribe UA URI EVENT [EXPIRES]",
				false, &m);
	if (err)
		return err;
	if (a.argc > 3) {
		expires = strtoul(a.argv[3], &end, 10);
		if (*end || expires > WATCH_EXPIRES_MAX) {
			(void)re_hprintf(pf, "EXPIRES must be 0-%d seconds\n",
					 WATCH_EXPIRES_MAX);
			return EINVAL;
		}
	}
	err = office_watch_start(m, a.argv[1], a.argv[2], (uint32_t)expires);
	if (err) {
		(void)re_hprintf(pf, "%s cannot subscribe to %s: %m\n",
				 m->p.id, a.argv[1], err);
		return err;
	}
	return re_hprintf(pf, "%s subscribes to %s of %s for %lu s\n",
			  m->p.id, a.argv[2], a.argv[1], expires);
}

static int cmd_unsubscribe(struct re_printf *pf, void *arg)
{
	struct office_member *m;
	struct office_args a;
	unsigned n;
	int err;

	err = office_cmd_member(pf, arg, &a, 1, 3,
				"office_unsubscribe UA [URI [EVENT]]", true,
				&m);
	if (err)
		return err;
	n = office_watch_stop(m, a.argc > 1 ? a.argv[1] : NULL,
			      a.argc > 2 ? a.argv[2] : NULL);
	if (n == 0) {
		(void)re_hprintf(pf, "%s has no such live subscription\n",
				 m->p.id);
		return ENOENT;
	}
	return re_hprintf(pf, "%s unsubscribes %u subscription%s\n",
			  m->p.id, n, n == 1 ? "" : "s");
}

static int cmd_subs(struct re_printf *pf, void *arg)
{
	(void)arg;
	return office_subs_print(pf, sub_office);
}

static const struct cmd sub_cmdv[] = {
	{"office_presence",  0, CMD_PRM, "Presence: UA STATE [NOTE]",
	 cmd_presence},
	{"office_subscribe", 0, CMD_PRM, "UA subscribes: URI EVENT [EXPIRES]",
	 cmd_subscribe},
	{"office_unsubscribe", 0, CMD_PRM, "UA unsubscribes [URI [EVENT]]",
	 cmd_unsubscribe},
	{"office_subs",      0, 0,       "Subscriptions accepted, as JSON",
	 cmd_subs},
};

int office_cmd_sub_register(struct office *o)
{
	sub_office = o;
	return cmd_register(baresip_commands(), sub_cmdv,
			    sizeof(sub_cmdv) / sizeof(sub_cmdv[0]));
}

void office_cmd_sub_unregister(void)
{
	cmd_unregister(baresip_commands(), sub_cmdv);
	sub_office = NULL;
}
