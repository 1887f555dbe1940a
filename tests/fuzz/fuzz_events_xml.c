/*
 * fuzz_events_xml.c — NOTIFY bodies from the network through both XML
 * parsers, PIDF and dialog-info: no crash, no leak, and every string
 * that comes out is safe for the terminal.
 */
#include <stdio.h>
#include <stdlib.h>

#include "core/events_xml.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct presence_info pi;
	struct dialog_info di;

	if (pidf_parse((const char *)data, size, &pi) == 0)
		fuzz_check_terminal_safe("pidf note", pi.note);
	if (dialoginfo_parse((const char *)data, size, &di) == 0) {
		fuzz_check_terminal_safe("dialog peer", di.peer);
		fuzz_check_terminal_safe("dialog peer name", di.peer_name);
	}
	return 0;
}
