/*
 * checks.h — value checks shared by cordboard.conf and the directory CSV.
 */
#ifndef CORDBOARD_CONFIG_CHECKS_H
#define CORDBOARD_CONFIG_CHECKS_H

#include <stdbool.h>

/* A sip: or sips: URI with a host. */
bool config_sip_uri_valid(const char *v);

/* What an operator types as an extension: digits, with * # + allowed. */
bool config_number_valid(const char *s);

#endif
