/*
 * fuzz_rlmi.c — resource list NOTIFYs from the network through the
 * multipart splitter and the RLMI reader, and each colleague's part on
 * through the PIDF and dialog-info readers: no crash, no leak, no read
 * outside the body, and every URI that comes out is safe for the
 * terminal. The input's first line is the NOTIFY's Content-Type, the
 * rest its body.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/events_xml.h"
#include "core/rlmi.h"
#include "fuzz_common.h"

static void check_resource(const struct rlmi_resource *r, void *arg)
{
	struct presence_info pi;
	struct dialog_info di;
	volatile char sink = 0;
	size_t i;

	fuzz_check_terminal_safe("rlmi uri", r->uri);
	fuzz_check_terminal_safe("rlmi state", r->state);
	fuzz_check_terminal_safe("rlmi type", r->type);
	if (!r->body)
		return;
	/* ASan flags any byte of the part outside the body */
	for (i = 0; i < r->len; i++)
		sink ^= r->body[i];
	(void)sink;
	(void)arg;
	if (pidf_parse(r->body, r->len, &pi) == 0)
		fuzz_check_terminal_safe("pidf note", pi.note);
	if (dialoginfo_parse(r->body, r->len, &di) == 0)
		fuzz_check_terminal_safe("dialog peer", di.peer);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t ct_len = nl ? (size_t)(nl - (const char *)data) : size;
	char *ct, *body;
	size_t blen = nl ? size - ct_len - 1 : 0;

	ct = malloc(ct_len + 1);
	/* an exact-size copy: a read past the body is caught */
	body = malloc(blen ? blen : 1);
	if (!ct || !body)
		abort();
	memcpy(ct, data, ct_len);
	ct[ct_len] = '\0';
	if (blen)
		memcpy(body, nl + 1, blen);
	(void)rlmi_parse(ct, body, blen, NULL, check_resource, NULL);
	free(ct);
	free(body);
	return 0;
}
