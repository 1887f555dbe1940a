/*
 * office_main.c — cordboard-office FILE [--log LOG] [--check]
 *
 * Validates the office description, writes a private baresip directory
 * that loads office.so (next to this executable) and ctrl_tcp, and execs
 * baresip on it. The module reads the same description and removes the
 * directory when baresip exits.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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

/* 0 if HOST:PORT can be bound now, else the errno of bind. */
static int port_probe(const char *host, unsigned port, int type)
{
	struct sockaddr_in sin;
	int fd, one = 1, err = 0;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
		return EINVAL;
	fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	/* as libre does for TCP, so a TIME_WAIT socket does not count */
	if (type == SOCK_STREAM)
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
				 sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		err = errno;
	close(fd);
	return err;
}

/* baresip would start without the office (or not at all) when a port is
 * taken, and leave its directory behind: say so now, with the line. */
static int ports_check(const struct office_desc *d, char *msg, size_t sz)
{
	static const struct {
		const char *key;
		unsigned offset;
		int type;
		const char *what;
	} probes[] = {
		{ "listen", 0, SOCK_DGRAM,  "UDP" },
		{ "listen", 0, SOCK_STREAM, "TCP" },
		{ "listen", 1, SOCK_STREAM, "TLS (TCP)" },
		{ "ctrl",   0, SOCK_STREAM, "TCP" },
	};
	char host[64];
	unsigned port;
	size_t i;
	int err;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		const char *addr = 0 == strcmp(probes[i].key, "listen")
			? d->listen : d->ctrl;

		if (office_addr_split(addr, host, sizeof(host), &port))
			return EINVAL;
		port += probes[i].offset;
		err = port_probe(host, port, probes[i].type);
		if (err) {
			/* FILE:LINE: first, as every file error; a cut
			 * message says so */
			if ((size_t)snprintf(msg, sz, "%s:%d: %s %s: %s port "
					     "%u: %s", d->path,
					     office_key_line(d->path,
							     probes[i].key),
					     probes[i].key, addr,
					     probes[i].what, port,
					     strerror(err)) >= sz && sz > 4)
				memcpy(msg + sz - 4, "...", 4);
			return err;
		}
	}
	return 0;
}

/* The baresip config: no sound card (FACTS: none,none keeps it ~1% CPU),
 * tones from ausine at 48 kHz stereo, ctrl_tcp before the office. No
 * player is needed to hear tones: baresip 1.0.0 decodes and runs the
 * office's filter (office_tone.c) before it looks for a player. No
 * local ring timeout: a phone rings until the caller gives up
 * (answer=noanswer is "180 and nothing, for ever"). No presence module:
 * it would take baresip's one SUBSCRIBE slot, which office_notify.c
 * needs to publish presence and dialog state. */
/* Someone's mediaenc needs the SRTP modules; others go without them. */
static bool encrypts(const struct office_desc *d)
{
	size_t i;

	for (i = 0; i < d->personc; i++) {
		if (d->personv[i].mediaenc[0])
			return true;
	}
	return false;
}

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
		"call_local_timeout\t0\n"
		"audio_player\t\tnone,none\n"
		"audio_alert\t\tnone,none\n"
		"audio_source\t\tausine,440\n"
		"ausrc_srate\t\t48000\n"
		"ausrc_channels\t\t2\n"
		"module_path\t\t%s\n"
		"module\t\t\tg711.so\n"
		"module\t\t\tausine.so\n"
		"%s%s%s%s"
		"module_app\t\tctrl_tcp.so\n"
		"module_app\t\t%s\n"
		"ctrl_tcp_listen\t\t%s\n",
		d->path, d->listen, host, CORDBOARD_BARESIP_MODULES,
		encrypts(d) ? "module\t\t\tsrtp.so\n"
		"module\t\t\tdtls_srtp.so\n" : "",
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
	int i, err, rc = 0;

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
		goto out;
	}
	rc = 2;
	err = ports_check(&desc, msg, sizeof(msg));
	if (err) {
		fprintf(stderr, "%s\n", msg);
		goto out;
	}
	if (!realpath(file, abs_file)) {
		fprintf(stderr, "%s: %s\n", file, strerror(errno));
		goto out;
	}

	rc = 1;
	err = bsdir_find_module(module, sizeof(module), "office.so",
				CORDBOARD_MODULEDIR);
	if (err) {
		fprintf(stderr, "cordboard-office: office.so not found "
			"(next to the executable, $CORDBOARD_MODULE_DIR, %s)\n",
			CORDBOARD_MODULEDIR);
		goto out;
	}
	err = bsdir_module_path(module_app, sizeof(module_app),
				CORDBOARD_BARESIP_MODULES, module);
	if (!err)
		err = config_write(config, sizeof(config), &desc, module_app);
	if (err) {
		fprintf(stderr, "cordboard-office: config: %s\n",
			strerror(err));
		goto out;
	}
	office_desc_free(&desc);

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

 out:
	office_desc_free(&desc);
	return rc;
}
