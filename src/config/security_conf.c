/*
 * security_conf.c — how the console's SIP and media are protected:
 * account { transport, tls_ca, tls_verify, media_encryption }.
 */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfgfile.h"
#include "config.h"

static const char *const transports[] = { "udp", "tcp", "tls" };
static const char *const media_encryptions[] = {
	"none", "srtp", "srtp-mandatory", "dtls",
};

static bool word_in(const char *v, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!strcmp(v, words[i]))
			return true;
	}
	return false;
}

/* the line transport was given on, for the check against listen */
static int transport_line;

int config_transport_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);

	transport_line = cfg->line;
	if (cf && v && !word_in(v, transports, 3))
		cfgfile_error(cf, cfg->line, "transport '%s' is not udp, tcp "
			      "or tls", v);
	return 0;
}

int config_media_encryption_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);

	if (cf && v && !word_in(v, media_encryptions, 4))
		cfgfile_error(cf, cfg->line, "media_encryption '%s' is not "
			      "none, srtp, srtp-mandatory or dtls", v);
	return 0;
}

/* A relative tls_ca is read beside the configuration file, as the hold
 * music is. */
static void ca_resolve(char *out, size_t sz, const char *conf_path,
		       const char *v)
{
	const char *slash = conf_path ? strrchr(conf_path, '/') : NULL;

	if (v[0] && v[0] != '/' && slash)
		snprintf(out, sz, "%.*s/%s", (int)(slash - conf_path),
			 conf_path, v);
	else
		snprintf(out, sz, "%s", v);
}

int config_tls_ca_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	const char *v = cfg_opt_getnstr(opt, 0);
	char full[PATH_MAX];

	if (!cf || !v || !v[0])
		return config_option_validate(cfg, opt);
	ca_resolve(full, sizeof(full), cf->path, v);
	if (access(full, R_OK) != 0)
		cfgfile_error(cf, cfg->line, "tls_ca '%s': %s", v,
			      strerror(errno));
	return config_option_validate(cfg, opt);
}

/* Turning verification off is allowed for a test bench, never quietly. */
int config_tls_verify_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();

	if (cf && !cfg_opt_getnbool(opt, 0))
		diag_add(cf->d, DIAG_WARNING, cf->path, cfg->line,
			 "tls_verify = no: the console talks TLS to any "
			 "server, even an impostor's");
	return 0;
}

/* TLS binds the port after listen's on listen's address, and the
 * contact it gives must be one the server can name. */
void config_security_check(struct cfgfile *cf, cfg_t *cfg)
{
	cfg_t *account = cfg_getsec(cfg, "account");
	const char *transport = cfg_getstr(account, "transport");
	const char *listen = cfg_getstr(account, "listen");

	if (!transport || strcmp(transport, "tls") || !listen)
		return;
	if (!strncmp(listen, "0.0.0.0:", 8) || !strncmp(listen, "[::]:", 5)
	    || listen[0] == ':')
		cfgfile_error(cf, transport_line, "transport = tls needs "
			      "listen with the console's own address, not "
			      "'%s'", listen);
}

void config_security_copy(struct cb_account *a, const char *conf_path)
{
	char full[sizeof(a->tls_ca)];

	ca_resolve(full, sizeof(full), conf_path, a->tls_ca);
	memcpy(a->tls_ca, full, sizeof(full));
}
