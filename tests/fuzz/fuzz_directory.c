/*
 * fuzz_directory.c — any bytes as the CSV company directory through
 * directory_load: no crash, no leak, and every extension it keeps has a
 * number, and a valid URI when it has one (a contact without a SIP
 * extension has none).
 */
#include <stdio.h>
#include <stdlib.h>

#include "config/checks.h"
#include "config/config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cb_config cfg;
	struct diag d;
	size_t i;

	fuzz_write("directory.csv", data, size);
	config_defaults(&cfg);
	/* the CSV path is relative to the config file's directory */
	snprintf(cfg.path, sizeof(cfg.path), "%s/cordboard.conf", fuzz_dir());
	snprintf(cfg.directory_file, sizeof(cfg.directory_file),
		 "directory.csv");
	diag_init(&d);
	directory_load(&cfg, &d);
	for (i = 0; i < cfg.n_extensions; i++) {
		const struct extension *e = &cfg.extensions[i];

		if (!e->number[0] ||
		    (e->uri[0] && !config_sip_uri_valid(e->uri))) {
			fprintf(stderr, "fuzz_directory: extension %zu kept "
				"without a number or with a bad URI\n", i);
			abort();
		}
	}
	config_free(&cfg);
	diag_free(&d);
	return 0;
}
