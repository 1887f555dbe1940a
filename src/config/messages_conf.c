/*
 * messages_conf.c — the e-mail command of the messages section: an
 * argv list, never a shell line, so nothing a caller says can become
 * part of a command.
 */
#include "messages_conf.h"

#include <stdio.h>
#include <string.h>

#include "cfgfile.h"

void config_messages_check(struct cfgfile *cf, cfg_t *cfg, int line)
{
	cfg_t *sec = cfg_getsec(cfg, "messages");
	unsigned i, n = sec ? cfg_size(sec, "command") : 0;

	if (!n)
		return;
	if (n > MAIL_ARGS_MAX)
		cfgfile_error(cf, line, "command has %u words (at most %d)", n,
			      MAIL_ARGS_MAX);
	if (cfg_getnstr(sec, "command", 0)[0] != '/')
		cfgfile_error(cf, line, "command '%s': the program must be an "
			      "absolute path (no shell runs it)",
			      cfg_getnstr(sec, "command", 0));
	for (i = 0; i < n; i++) {
		if (strlen(cfg_getnstr(sec, "command", i)) >= MAIL_ARG_SIZE)
			cfgfile_error(cf, line, "command word %u is longer "
				      "than %d bytes", i + 1,
				      MAIL_ARG_SIZE - 1);
	}
}

void config_messages_copy(struct cb_config *out, cfg_t *cfg)
{
	cfg_t *sec = cfg_getsec(cfg, "messages");
	size_t i, n = sec ? cfg_size(sec, "command") : 0;

	if (n > MAIL_ARGS_MAX)
		n = MAIL_ARGS_MAX;
	for (i = 0; i < n; i++)
		snprintf(out->mail_command[i], MAIL_ARG_SIZE, "%s",
			 cfg_getnstr(sec, "command", i));
	out->mail_argc = n;
}
