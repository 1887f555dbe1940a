/*
 * test_sipmsg.c — what the console writes into its requests: each
 * intercom form's header, a configured header replacing it, and the
 * Refer-To of an attended transfer with RFC 3891 escaping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "sip/baresip_abi.h"
#include "sip/phone_int.h"
#include "core/phone.h"

/* baresip's, here: the headers written, "Name: value" each. */
static char written[512];

int custom_hdrs_add(struct list *hdrs, const char *name, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
int custom_hdrs_add(struct list *hdrs, const char *name, const char *fmt,
		    ...)
{
	char val[256];
	va_list ap;

	(void)hdrs;
	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	snprintf(written + strlen(written), sizeof(written) - strlen(written),
		 "%s: %s\n", name, val);
	return 0;
}

static const char *page(enum intercom_method m, const char *header)
{
	struct dial_opts o = { .intercom = m, .header = header };

	written[0] = '\0';
	assert_int_equal(sip_page_header(NULL, &o, "sip:201@pbx"), 0);
	return written;
}

static void each_method_writes_its_header(void **state)
{
	assert_string_equal(page(INTERCOM_CALL_INFO, NULL),
			    "Call-Info: <sip:201@pbx>;answer-after=0\n");
	assert_string_equal(page(INTERCOM_ALERT_INFO, NULL),
			    "Alert-Info: <sip:201@pbx>;info=alert-autoanswer;"
			    "delay=0\n");
	assert_string_equal(page(INTERCOM_ANSWER_MODE, NULL),
			    "Answer-Mode: Auto\n");
	/* said on the request URI instead */
	assert_string_equal(page(INTERCOM_PARAM, NULL), "");
}

static void a_configured_header_replaces_the_methods(void **state)
{
	struct dial_opts o = { .intercom = INTERCOM_CALL_INFO,
			       .header = "NoColonHere" };

	assert_string_equal(page(INTERCOM_CALL_INFO, "Alert-Info: Ring Answer"),
			    "Alert-Info: Ring Answer\n");
	written[0] = '\0';
	assert_int_equal(sip_page_header(NULL, &o, "sip:201@pbx"), EINVAL);
	assert_string_equal(written, "");
}

static void replaces_is_escaped(void **state)
{
	char out[256];

	assert_int_equal(sip_replaces_refer_to(out, sizeof(out),
					       "sip:201@10.0.0.1", "a1@host",
					       "ours", "its;x"), 0);
	assert_string_equal(out, "sip:201@10.0.0.1?Replaces=a1%40host"
			    "%3Bto-tag%3Dits%3Bx%3Bfrom-tag%3Dours");
	assert_int_equal(sip_replaces_refer_to(out, 40, "sip:201@10.0.0.1",
					       "a1@host", "ours", "its"),
			 ENAMETOOLONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_method_writes_its_header),
		cmocka_unit_test(a_configured_header_replaces_the_methods),
		cmocka_unit_test(replaces_is_escaped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
