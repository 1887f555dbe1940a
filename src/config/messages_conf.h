/*
 * messages_conf.h — the e-mail command of cordboard.conf's messages
 * section (a list: the program and its arguments, run without a shell).
 */
#ifndef CORDBOARD_CONFIG_MESSAGES_CONF_H
#define CORDBOARD_CONFIG_MESSAGES_CONF_H

#include <confuse.h>

#include "config.h"

/* The schema row: messages { command = ["/usr/sbin/sendmail", "-t"] } */
#define CONFIG_MESSAGES_COMMAND CFG_STR_LIST("command", "{}", CFGF_NONE)

struct cfgfile;
/* After the parse: FILE:LINE (LINE: where the command was read) when
 * the program is not an absolute path, or a word is too long. */
void config_messages_check(struct cfgfile *cf, cfg_t *cfg, int line);
void config_messages_copy(struct cb_config *out, cfg_t *cfg);

#endif
