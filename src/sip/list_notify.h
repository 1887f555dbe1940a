/*
 * list_notify.h — a resource list's NOTIFYs that libre would refuse:
 * Kamailio's rls sends them out of CSeq order (several of its processes
 * send them), libre answers an older CSeq "500 Bad Sequence", and rls
 * then drops the whole list subscription. An own request listener,
 * first in libre's list, answers those itself.
 */
#ifndef CORDBOARD_SIP_LIST_NOTIFY_H
#define CORDBOARD_SIP_LIST_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <re.h>

/* The dialog of one list subscription, as its accepted NOTIFYs show
 * it (libre keeps its own dialog private). */
struct list_dialog {
	char callid[256];
	char local_tag[128];     /* the NOTIFY's To tag */
	char from_user[128];     /* the list's URI, as the server writes */
	char from_host[128];
	uint32_t top_cseq;       /* the highest CSeq libre accepted */
	bool known;
};

/* A new subscription: nothing heard yet. */
void list_dialog_forget(struct list_dialog *d);

/* A NOTIFY libre accepted for this subscription. */
void list_dialog_note(struct list_dialog *d, const struct sip_msg *msg);

/* True when msg is a NOTIFY of event on this dialog whose CSeq is
 * lower than one libre accepted: libre would refuse it. */
bool list_dialog_late(const struct list_dialog *d, const struct sip_msg *msg,
		      const char *event);

/* sip_listen for requests, moved to the front of libre's listeners so
 * that it sees a request before baresip's. Degrades to the ordinary
 * place (said once on the log) when libre's layout is not the one
 * known. */
int sip_listen_first(struct sip_lsnr **lsnrp, struct sip *sip,
		     sip_msg_h *h, void *arg);

#endif
