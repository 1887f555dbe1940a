/*
 * files.c — loading the three files a console needs, the same way in the
 * launcher (to validate before any SIP) and in the module.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "build_config.h"
#include "core/board.h"
#include "launch.h"
#include "sip/sip.h"

/* Seconds without RTP on a sendrecv call before baresip closes it (held
 * calls are not watched): a peer that crashed or was unplugged would
 * otherwise stay on the board for ever. */
enum { APP_RTP_TIMEOUT_S = 30 };

int app_files_load(struct app_files *f, const char *path,
		   const char *keymap_path, const char *theme_path,
		   struct diag *d)
{
	int err = 0;

	memset(f, 0, sizeof(*f));
	config_defaults(&f->cfg);
	theme_defaults(&f->theme);
	if (path && *path && config_load(&f->cfg, path, d))
		return EINVAL;

	if (keymap_path && *keymap_path)
		snprintf(f->keymap_path, sizeof(f->keymap_path), "%s",
			 keymap_path);
	else if (config_find_data(f->keymap_path, sizeof(f->keymap_path),
				  "keymaps", f->cfg.keymap, "keymap")) {
		diag_add(d, DIAG_ERROR, f->cfg.path[0] ? f->cfg.path : NULL,
			 0, "keymap '%s' not found", f->cfg.keymap);
		err = ENOENT;
	}
	if (theme_path && *theme_path) {
		if (app_theme_find(f->theme_path, sizeof(f->theme_path),
				   theme_path)) {
			diag_add(d, DIAG_ERROR, NULL, 0,
				 "theme '%s' not found", theme_path);
			err = ENOENT;
		}
	} else if (app_theme_find(f->theme_path, sizeof(f->theme_path),
				  f->cfg.theme)) {
		diag_add(d, DIAG_ERROR, f->cfg.path[0] ? f->cfg.path : NULL,
			 0, "theme '%s' not found", f->cfg.theme);
		err = ENOENT;
	}
	if (f->keymap_path[0] && keymap_load(&f->km, f->keymap_path, d))
		err = EINVAL;
	if (headset_map_build(&f->headset, &f->cfg, &f->km, d))
		err = EINVAL;
	if (f->theme_path[0] && theme_load(&f->theme, f->theme_path, d))
		err = EINVAL;
	return err;
}

int app_theme_find(char *out, size_t sz, const char *name)
{
	size_t n = strlen(name);

	if (n > 6 && !strcmp(name + n - 6, ".theme") && !strchr(name, '/'))
		return snprintf(out, sz, "%s", name) < (int)sz ? 0 :
			ENAMETOOLONG;
	return config_find_data(out, sz, "themes", name, "theme");
}

int app_theme_switch(struct app_files *f, const char *name,
		     struct diag *d)
{
	char path[sizeof(f->theme_path)];
	struct theme th;
	int err;

	if (app_theme_find(path, sizeof(path), name)) {
		diag_add(d, DIAG_ERROR, NULL, 0,
			 "theme '%s' not found (no themes/%s.theme)", name,
			 name);
		return ENOENT;
	}
	err = theme_load(&th, path, d);
	if (err)
		return err;
	f->theme = th;
	memcpy(f->theme_path, path, sizeof(path));
	return 0;
}

void app_files_free(struct app_files *f)
{
	keymap_free(&f->km);
	config_free(&f->cfg);
}

/* The host part of "host:port", or "" for a wildcard address. */
static void listen_host(const char *listen, char *host, size_t sz)
{
	const char *colon = strrchr(listen, ':');
	size_t n = colon ? (size_t)(colon - listen) : strlen(listen);

	if (n >= sz)
		n = sz - 1;
	memcpy(host, listen, n);
	host[n] = '\0';
	if (!strcmp(host, "0.0.0.0") || !strcmp(host, "[::]"))
		host[0] = '\0';
}

const char *app_media_encryption(const struct cb_account *a)
{
	if (!strcmp(a->media_encryption, "srtp"))
		return "srtp";
	if (!strcmp(a->media_encryption, "srtp-mandatory"))
		return "srtp-mand";
	if (!strcmp(a->media_encryption, "dtls"))
		return "dtls_srtp";
	return "none";
}

const char *app_ring_device(const struct cb_config *cfg)
{
	return cfg->audio.ring_device[0] ? cfg->audio.ring_device :
		cfg->audio.device;
}

/* baresip's CA file for its TLS transport and the module of the media
 * encryption asked for. */
static void app_security_config(const struct cb_account *a, char *out,
				size_t sz)
{
	const char *mod = app_media_encryption(a);
	int n = 0;

	out[0] = '\0';
	if (a->tls_ca[0])
		n = snprintf(out, sz, "sip_cafile\t\t%s\n", a->tls_ca);
	if (n >= 0 && (size_t)n < sz && strcmp(mod, "none"))
		snprintf(out + n, sz - (size_t)n, "module\t\t\t%s.so\n",
			 strcmp(mod, "dtls_srtp") ? "srtp" : "dtls_srtp");
}

/* The module part of "module,device". */
static void device_module(char *mod, size_t sz, const char *device)
{
	snprintf(mod, sz, "%.*s", (int)strcspn(device, ","), device);
}

int app_baresip_config(const struct cb_config *cfg, const char *module_rel,
		       char *config, size_t configsz)
{
	const struct cb_account *a = &cfg->account;
	bool no_audio = !strcmp(cfg->audio.device, "none");
	const char *ring = app_ring_device(cfg);
	char host[128], audio[1024], security[PATH_MAX + 64];
	size_t n;

	listen_host(a->listen, host, sizeof(host));
	if (no_audio) {
		/* no sound card: the module's silent source (DTMF leaves
		 * through the audio path) and no player module at all */
		snprintf(audio, sizeof(audio),
			 "audio_source\t\t" SIP_SILENCE_MOD ",silence\n"
			 "audio_player\t\tnone,none\n"
			 "audio_alert\t\tnone,none\n");
	}
	else {
		char mod[64], ring_mod[64], ring_load[96] = "";

		device_module(mod, sizeof(mod), cfg->audio.device);
		device_module(ring_mod, sizeof(ring_mod), ring);
		/* the ringer may sit on a sound card of another module */
		if (strcmp(ring, "none") && strcmp(ring_mod, mod))
			snprintf(ring_load, sizeof(ring_load),
				 "module\t\t\t%s.so\n", ring_mod);
		snprintf(audio, sizeof(audio),
			 "module\t\t\t%s.so\n"
			 "%s"
			 "audio_source\t\t%s\n"
			 "audio_player\t\t%s\n"
			 "audio_alert\t\t%s\n",
			 mod, ring_load, cfg->audio.device, cfg->audio.device,
			 strcmp(ring, "none") ? ring : "none,none");
	}
	app_security_config(a, security, sizeof(security));
	n = (size_t)snprintf(config, configsz,
		"# written by cordboard; edit cordboard.conf instead\n"
		"poll_method\t\tepoll\n"
		"sip_listen\t\t%s\n"
		"%s%s%s"
		"call_local_timeout\t0\n"
		"rtp_timeout\t\t%d\n"
		"call_max_calls\t\t%d\n"
		"%s%s%s"
		/* 1.0.0 decodes as packets arrive, so its jitter buffer only
		 * delays (5 frames by default, 100 ms); the player's and the
		 * conference's own buffers absorb the jitter */
		"jitter_buffer_delay\t1-10\n"
		"module_path\t\t%s\n"
		"module\t\t\tg711.so\n"
		"%s%s"
		"module_app\t\t%s\n",
		a->listen,
		host[0] ? "net_interface\t\t" : "", host, host[0] ? "\n" : "",
		APP_RTP_TIMEOUT_S, BOARD_MAX_LINES,
		a->rtp_ports[0] ? "rtp_ports\t\t" : "", a->rtp_ports,
		a->rtp_ports[0] ? "\n" : "", CORDBOARD_BARESIP_MODULES,
		security, audio, module_rel);
	return n >= configsz ? ENAMETOOLONG : 0;
}

void app_default_domain(const struct cb_config *cfg, char *out, size_t sz)
{
	const char *at = strchr(cfg->account.aor, '@');

	if (cfg->account.dial_domain[0])
		snprintf(out, sz, "%s", cfg->account.dial_domain);
	else if (at)
		snprintf(out, sz, "%.*s", (int)strcspn(at + 1, ":;>"), at + 1);
	else
		snprintf(out, sz, "%s", "");
}

void app_presence_route(const struct cb_config *cfg, char *route, size_t sz)
{
	const struct cb_account *a = &cfg->account;

	if (cfg->presence_server[0] || !a->registrar[0] ||
	    !strcmp(a->transport, "udp"))
		snprintf(route, sz, "%s", cfg->presence_server);
	else
		snprintf(route, sz, "%s;transport=%s;lr", a->registrar,
			 a->transport);
}

int app_account_line(const struct cb_config *cfg, char *line, size_t sz)
{
	const struct cb_account *a = &cfg->account;
	char extra[512];
	size_t n;

	const char *menc = app_media_encryption(a);
	bool transport = strcmp(a->transport, "udp") &&
		!strstr(a->registrar, "transport=");

	int need;

	if (a->registrar[0])
		need = snprintf(extra, sizeof(extra),
			 ";outbound=\"%s%s%s\";regint=%d%s%s%s%s",
			 a->registrar, transport ? ";transport=" : "",
			 transport ? a->transport : "", a->register_expires,
			 a->auth_user[0] ? ";auth_user=" : "", a->auth_user,
			 a->password[0] ? ";auth_pass=" : "", a->password);
	else
		need = snprintf(extra, sizeof(extra), ";regint=0");
	if (need < 0 || (size_t)need >= sizeof(extra))
		return ENAMETOOLONG;
	n = (size_t)snprintf(line, sz, "\"%s\" <%s>;answermode=manual%s%s%s",
			     a->display_name, a->aor, extra,
			     strcmp(menc, "none") ? ";mediaenc=" : "",
			     strcmp(menc, "none") ? menc : "");
	return n >= sz ? ENAMETOOLONG : 0;
}
