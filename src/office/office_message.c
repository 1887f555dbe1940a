/*
 * office_message.c — a colleague's phone receiving SIP MESSAGE (RFC
 * 3428): each one is kept (from, content type, body) for office_status,
 * and a colleague whose presence is offline is unreachable, as a PBX
 * answers for an unregistered phone (480), so a test sees a message
 * stay pending and then delivered when they come back.
 */
#include <string.h>

#include "office.h"

enum {
	MESSAGES_KEPT_MAX = 16,     /* oldest forgotten first */
};

struct office_message {
	struct le le;
	char *from;
	char *ctype;
	char *body;
};

static void message_destructor(void *arg)
{
	struct office_message *om = arg;

	list_unlink(&om->le);
	mem_deref(om->from);
	mem_deref(om->ctype);
	mem_deref(om->body);
}

static int message_keep(struct office_member *m, const struct sip_msg *msg)
{
	struct office_message *om = mem_zalloc(sizeof(*om),
					       message_destructor);
	int err;

	if (!om)
		return ENOMEM;
	err = pl_strdup(&om->from, &msg->from.auri);
	err |= re_sdprintf(&om->ctype, "%r/%r%r", &msg->ctyp.type,
			   &msg->ctyp.subtype, &msg->ctyp.params);
	err |= re_sdprintf(&om->body, "%b", mbuf_buf(msg->mb),
			   mbuf_get_left(msg->mb));
	if (err) {
		mem_deref(om);
		return err;
	}
	list_append(&m->messagel, &om->le, om);
	while (list_count(&m->messagel) > MESSAGES_KEPT_MAX)
		mem_deref(list_head(&m->messagel)->data);
	return 0;
}

bool office_message_recv(struct office_member *m, const struct sip_msg *msg)
{
	if (pl_strcmp(&msg->met, "MESSAGE"))
		return false;
	if (m->p.presence == OFFICE_PRESENCE_OFFLINE) {
		info("office: MESSAGE for %s, who is offline: 480\n",
		     m->p.id);
		(void)sip_treply(NULL, uag_sip(), msg, 480,
				 "Temporarily Unavailable");
		return true;
	}
	if (message_keep(m, msg)) {
		(void)sip_treply(NULL, uag_sip(), msg, 500,
				 "Server Internal Error");
		return true;
	}
	info("office: %s received a MESSAGE from %r\n", m->p.id,
	     &msg->from.auri);
	(void)sip_treply(NULL, uag_sip(), msg, 200, "OK");
	return true;
}

int office_message_json(struct re_printf *pf,
			const struct office_member *m)
{
	struct le *le;
	int err = re_hprintf(pf, ",\"messages\":[");

	for (le = list_head(&m->messagel); le && !err; le = le->next) {
		const struct office_message *om = le->data;

		err = re_hprintf(pf, "%s{\"from\":%H,\"content_type\":%H,"
				 "\"body\":%H}",
				 le == list_head(&m->messagel) ? "" : ",",
				 office_json_str, om->from,
				 office_json_str, om->ctype,
				 office_json_str, om->body);
	}
	return err ? err : re_hprintf(pf, "]");
}
