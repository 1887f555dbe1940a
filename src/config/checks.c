/*
 * checks.c — value checks shared by cordboard.conf and the directory CSV:
 * SIP URIs, HOST:PORT, extension numbers, control characters.
 */
#include "checks.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include <re.h>
#include <rem.h>

#include "core/sanitize.h"

bool config_sip_uri_valid(const char *v)
{
	const char *host, *at;
	size_t n;

	if (!strncasecmp(v, "sip:", 4))
		host = v + 4;
	else if (!strncasecmp(v, "sips:", 5))
		host = v + 5;
	else
		return false;

	if (strpbrk(v, " \t"))
		return false;
	at = strchr(host, '@');
	if (at)
		host = at + 1;
	if (host[0] == '[') {
		n = strcspn(host, "]");
		return host[n] == ']' && n > 1;
	}
	return strcspn(host, ":;?>") > 0;
}

static bool port_valid(const char *p)
{
	long port;
	char *end;

	if (!isdigit((unsigned char)p[0]))
		return false;
	errno = 0;
	port = strtol(p, &end, 10);
	return !errno && *end == '\0' && port >= 1 && port <= 65535;
}

bool config_port_range_valid(const char *v)
{
	long low, high;
	char *end;

	if (!isdigit((unsigned char)v[0]))
		return false;
	errno = 0;
	low = strtol(v, &end, 10);
	if (errno || *end != '-' || !isdigit((unsigned char)end[1]))
		return false;
	high = strtol(end + 1, &end, 10);
	return !errno && *end == '\0' && low >= 1024 && high <= 65535 &&
	       high > low;
}

/* "HOST:PORT", with "[v6]:PORT" for IPv6 addresses. */
bool config_hostport_valid(const char *v)
{
	const char *colon;

	if (v[0] == '[') {
		colon = strchr(v, ']');
		if (!colon || colon == v + 1 || colon[1] != ':')
			return false;
		return port_valid(colon + 2);
	}
	colon = strrchr(v, ':');
	if (!colon || colon == v || strchr(v, ':') != colon ||
	    strpbrk(v, " \t"))
		return false;
	return port_valid(colon + 1);
}

bool config_has_control(const char *v)
{
	size_t len, cap;
	char *clean;
	bool dirty;

	/* printable ASCII is what the sanitiser leaves alone, and nearly
	 * every value is: thousands of extensions skip its copy */
	for (len = 0; v[len] >= 0x20 && v[len] < 0x7f; len++)
		;
	if (!v[len])
		return false;
	len += strlen(v + len);
	cap = 3 * len + 1;
	/* the sanitiser's own rules: whatever it would change (C0, C1, DEL,
	 * bidi overrides, invalid UTF-8) the terminal must never see */
	clean = malloc(cap);
	if (!clean)
		return true;
	dirty = sanitize_text(clean, cap, v, len) != len ||
		memcmp(clean, v, len) != 0;
	free(clean);
	return dirty;
}

void config_text_copy(char *dst, size_t size, const char *v)
{
	size_t n;

	if (!size)
		return;
	n = strnlen(v, size - 1);
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* An extension number is what the operator types: digits, and the
 * * # + a PBX may use. */
bool config_number_valid(const char *s)
{
	bool digit = false;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digit = true;
		else if (!strchr("*#+", *s))
			return false;
	}
	return digit;
}


int config_sound_check(const char *path, char *why, size_t whysz)
{
	struct aufile *af = NULL;
	struct aufile_prm prm;
	struct auresamp rs;
	int err;

	err = aufile_open(&af, &prm, path, AUFILE_READ);
	mem_deref(af);
	if (err) {
		if (err == ENOENT)
			snprintf(why, whysz, "no such file");
		else
			snprintf(why, whysz, "not a WAV file we can read (%s)",
				 strerror(err));
		return err;
	}
	if (prm.fmt != AUFMT_S16LE) {
		snprintf(why, whysz, "must be 16-bit PCM, it is %s",
			 aufmt_name(prm.fmt));
		return ENOTSUP;
	}
	auresamp_init(&rs);
	if (prm.channels < 1 || prm.channels > 2 ||
	    auresamp_setup(&rs, prm.srate, prm.channels, 48000, 1)) {
		snprintf(why, whysz, "%u Hz with %u channels cannot be played "
			 "(8, 12, 16, 24 or 48 kHz, mono or stereo)",
			 prm.srate, prm.channels);
		return ENOTSUP;
	}
	return 0;
}
