/*
 * checks.h — value checks shared by cordboard.conf and the directory CSV.
 */
#ifndef CORDBOARD_CONFIG_CHECKS_H
#define CORDBOARD_CONFIG_CHECKS_H

#include <stdbool.h>

/* A sip: or sips: URI with a host. */
bool config_sip_uri_valid(const char *v);

/* "HOST:PORT", with "[v6]:PORT" for IPv6 addresses, port 1..65535. */
bool config_hostport_valid(const char *v);

/* True when v holds a C0 control character or DEL. */
bool config_has_control(const char *v);

/* What an operator types as an extension: digits, with * # + allowed. */
bool config_number_valid(const char *s);

#endif
