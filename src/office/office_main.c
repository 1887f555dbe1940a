/*
 * office_main.c — cordboard-office FILE [--log LOG] [--check]
 *
 * Validates the office description, writes a private baresip directory
 * that loads office.so (next to this executable) and ctrl_tcp, and execs
 * baresip on it. The module reads the same description and removes the
 * directory when baresip exits.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_config.h"
#include "office_file.h"
#include "sip/bsdir.h"

enum { CONFIG_MAX = 8192 };

static void usage(FILE *f)
{
	fprintf(f, "usage: cordboard-office FILE [--log LOG] [--check]\n"
		"  Runs the simulated office described in FILE: its callers\n"
		"  and colleagues as SIP UAs on loopback, driven by office_*\n"
		"  commands over ctrl_tcp.\n"
		"  --log LOG  baresip's output (default: in its private dir,\n"
		"             removed at exit)\n"
		"  --check    only validate FILE\n");
}

/* The baresip config: no sound card (FACTS: none,none keeps it ~1% CPU),
 * tones from ausine at 48 kHz stereo, ctrl_tcp before the office. */
static int config_write(char *buf, size_t sz, const struct office_desc *d,
			const char *module_app)
{
	char host[64];
	unsigned port;
	size_t n;

	if (office_addr_split(d->listen, host, sizeof(host), &port))
		return EINVAL;
	n = (size_t)snprintf(buf, sz,
		"# written by cordboard-office for %s\n"
		"poll_method\t\tepoll\n"
		"sip_listen\t\t%s\n"
		"net_interface\t\t%s\n"
		"call_max_calls\t\t16\n"
		"call_local_timeout\t120\n"
		"audio_player\t\tnone,none\n"
		"audio_alert\t\tnone,none\n"
		"audio_source\t\tausine,440\n"
		"ausrc_srate\t\t48000\n"
		"ausrc_channels\t\t2\n"
		"module_path\t\t%s\n"
		"module\t\t\tg711.so\n"
		"module\t\t\tausine.so\n"
		"%s%s%s"
		"module_app\t\tctrl_tcp.so\n"
		"module_app\t\t%s\n"
		"ctrl_tcp_listen\t\t%s\n",
		d->path, d->listen, host, CORDBOARD_BARESIP_MODULES,
		d->record_dir[0] ? "module\t\t\tsndfile.so\nsnd_path\t\t" : "",
		d->record_dir, d->record_dir[0] ? "\n" : "",
		module_app, d->ctrl);
	return n < sz ? 0 : ENAMETOOLONG;
}

int main(int argc, char **argv)
{
	struct office_desc desc;
	const char *file = NULL, *log = NULL;
	char abs_file[PATH_MAX], module[PATH_MAX], module_app[PATH_MAX];
	char dir[PATH_MAX / 2], logpath[PATH_MAX], msg[1024];
	char config[CONFIG_MAX];
	bool check = false;
	int i, err;

	for (i = 1; i < argc; i++) {
		if (0 == strcmp(argv[i], "--log") && i + 1 < argc)
			log = argv[++i];
		else if (0 == strcmp(argv[i], "--check"))
			check = true;
		else if (0 == strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		}
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (!file) {
		usage(stderr);
		return 2;
	}

	err = office_desc_load(&desc, file, msg, sizeof(msg));
	if (err) {
		fprintf(stderr, "%s\n", msg);
		return 2;
	}
	if (check) {
		printf("%s: ok, %zu people\n", file, desc.personc);
		office_desc_free(&desc);
		return 0;
	}
	if (!realpath(file, abs_file)) {
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
		return 2;
	}

	err = bsdir_find_module(module, sizeof(module), "office.so",
				CORDBOARD_MODULEDIR);
	if (err) {
		fprintf(stderr, "cordboard-office: office.so not found "
			"(next to the executable, $CORDBOARD_MODULE_DIR, %s)\n",
			CORDBOARD_MODULEDIR);
		return 1;
	}
	err = bsdir_module_path(module_app, sizeof(module_app),
				CORDBOARD_BARESIP_MODULES, module);
	if (!err)
		err = config_write(config, sizeof(config), &desc, module_app);
	office_desc_free(&desc);
	if (err) {
		fprintf(stderr, "cordboard-office: config: %s\n",
			strerror(err));
		return 1;
	}

	err = bsdir_create(dir, sizeof(dir), "office", config, "", msg,
			   sizeof(msg));
	if (err) {
		fprintf(stderr, "cordboard-office: %s\n", msg);
		return 1;
	}
	snprintf(logpath, sizeof(logpath), "%s/baresip.log", dir);
	if (setenv("CORDBOARD_OFFICE_FILE", abs_file, 1)
	    || setenv("CORDBOARD_OFFICE_DIR", dir, 1)) {
		err = errno;
	}
	else {
		err = bsdir_exec_baresip(CORDBOARD_BARESIP, dir,
					 log ? log : logpath);
	}
	fprintf(stderr, "cordboard-office: cannot run %s: %s\n",
		CORDBOARD_BARESIP, strerror(err));
	bsdir_remove(dir);
	return 1;
}
