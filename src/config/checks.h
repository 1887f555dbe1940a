/*
 * checks.h — value checks shared by cordboard.conf and the directory CSV.
 */
#ifndef CORDBOARD_CONFIG_CHECKS_H
#define CORDBOARD_CONFIG_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

/* A sip: or sips: URI with a host. */
bool config_sip_uri_valid(const char *v);

/* "HOST:PORT", with "[v6]:PORT" for IPv6 addresses, port 1..65535. */
bool config_hostport_valid(const char *v);

/* "LOW-HIGH": UDP ports 1024..65535, at least two (RTP and RTCP). */
bool config_port_range_valid(const char *v);

/* True when v holds what the terminal must not get: a control
 * character (C0, C1, DEL), a bidirectional override or invalid UTF-8. */
bool config_has_control(const char *v);

/* V into DST of SIZE bytes, cut as snprintf "%s" would cut it (without
 * its cost: thousands of extensions copy a dozen fields each). */
void config_text_copy(char *dst, size_t size, const char *v);

/* What an operator types as an extension: digits, with * # + allowed. */
bool config_number_valid(const char *s);

/* A sound the console can play: a 16-bit WAV file, mono or stereo, at
 * 8, 12, 16, 24 or 48 kHz. Otherwise says why in WHY and returns an
 * errno value. */
int config_sound_check(const char *path, char *why, size_t whysz);

#endif
