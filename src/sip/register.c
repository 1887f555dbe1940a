/*
 * register.c — the console's registration as the operator sees it: the
 * first REGISTER and each try core's registration.c plans, a wrong
 * password ended at the server's second challenge, and a refusal said
 * in words (a TLS server refused for its certificate is tls_ca's).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "baresip_abi.h"
#include "core/registration.h"
#include "phone_int.h"
#include "sip.h"

struct sip_reg {
	struct board *board;
	struct ua *ua;
	struct tmr stop_tmr;      /* ends the stack's own REGISTER retries */
	unsigned challenges;      /* 401/407 in a row to this try */
	char refusal[48];         /* a refusal reg_stop reports, or "" */
};

/* Drops the failed registration with the retries libre had planned
 * (registration.c plans ours); one that never succeeded sends nothing. */
static void reg_stop(void *arg)
{
	struct sip_reg *r = arg;
	char refusal[sizeof(r->refusal)];

	ua_unregister(r->ua);
	if (!r->refusal[0])
		return;
	str_ncpy(refusal, r->refusal, sizeof(refusal));
	r->refusal[0] = '\0';
	board_on_registration(r->board, REG_FAILED, refusal);
}

/* libre answers each fresh challenge to a wrong password with another
 * REGISTER (16 in a few ms): a second challenge in one try is the
 * server's no, and the try ends there. */
static void on_register_answer(void *arg, uint16_t scode,
			       uint32_t retry_after_s)
{
	struct sip_reg *r = arg;

	/* the REGISTER_FAIL event that follows plans the try after it */
	if (scode >= 300)
		registration_server_wait(r->board, retry_after_s);

	if (scode != 401 && scode != 407) {
		r->challenges = 0;
		return;
	}
	if (++r->challenges != 2)
		return;
	snprintf(r->refusal, sizeof(r->refusal), "%u %s", scode,
		 scode == 401 ? "Unauthorized" :
		 "Proxy Authentication Required");
	tmr_start(&r->stop_tmr, 0, reg_stop, r);
}

static void reg_destructor(void *arg)
{
	struct sip_reg *r = arg;

	tmr_cancel(&r->stop_tmr);
	sip_dialog_on_register(NULL, NULL);
}

int sip_reg_alloc(struct sip_reg **rp, struct board *b, struct ua *ua)
{
	struct sip_reg *r = mem_zalloc(sizeof(*r), reg_destructor);

	if (!r)
		return ENOMEM;
	r->board = b;
	r->ua = ua;
	tmr_init(&r->stop_tmr);
	sip_dialog_on_register(on_register_answer, r);
	*rp = r;
	return 0;
}

void sip_reg_start(struct sip_reg *r)
{
	int err;

	r->challenges = 0;
	board_on_registration(r->board, REG_REGISTERING, "");
	err = ua_register(r->ua);
	if (err)
		board_on_registration(r->board, REG_FAILED, strerror(err));
}

void sip_reg_failed(struct sip_reg *r, const char *prm)
{
	const char *why = sip_tls_refusal();
	char text[256];

	/* libre would try again on its own timer: registration.c decides
	 * when; baresip said why itself */
	r->refusal[0] = '\0';
	tmr_start(&r->stop_tmr, 0, reg_stop, r);
	if (!why) {
		board_on_registration(r->board, REG_FAILED, prm);
		return;
	}
	snprintf(text, sizeof(text), "TLS server refused: %s", why);
	board_on_registration(r->board, REG_FAILED, text);
	board_status(r->board, true, "%s", text);
}
