/*
 * message.c — a message for a colleague as a SIP MESSAGE (RFC 3428):
 * sent outside any dialog with baresip's request helper (which answers
 * a digest challenge with the account's credentials), its final answer
 * reported to the board by the message's id.
 */
#include <string.h>

#include "baresip_abi.h"
#include "core/messages.h"
#include "phone_int.h"

/* One MESSAGE waiting for its answer; the board is forgotten when the
 * phone goes first, so a late answer reaches nobody. */
struct message_send {
	struct le le;
	struct board *board;
	unsigned id;
};

static struct list sends;

static void send_destructor(void *arg)
{
	struct message_send *s = arg;

	list_unlink(&s->le);
}

static void message_resp(int err, const struct sip_msg *msg, void *arg)
{
	struct message_send *s = arg;
	int status = !err && msg ? msg->scode : 0;

	if (s->board)
		board_message_result(s->board, s->id, status);
	mem_deref(s);
}

int sip_message_send(struct ua *ua, struct board *b, unsigned id,
		     const char *uri, const char *body)
{
	struct message_send *s;
	int err;

	if (!ua || !uri || !body)
		return EINVAL;
	s = mem_zalloc(sizeof(*s), send_destructor);
	if (!s)
		return ENOMEM;
	s->board = b;
	s->id = id;
	list_append(&sends, &s->le, s);
	err = sip_req_send(ua, "MESSAGE", uri, message_resp, s,
			   "Content-Type: text/plain;charset=utf-8\r\n"
			   "Content-Length: %zu\r\n"
			   "\r\n%s", strlen(body), body);
	if (err)
		mem_deref(s);
	return err;
}

void sip_message_close(void)
{
	struct le *le;

	for (le = list_head(&sends); le; le = le->next) {
		struct message_send *s = le->data;

		s->board = NULL;
	}
}
