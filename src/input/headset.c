/*
 * headset.c — the headset section checked, and evdev events turned into
 * actions. Key names are libevdev's, which are the kernel's.
 */
#include "headset.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libevdev/libevdev.h>
#include <linux/input.h>

#include "action.h"
#include "config/keymap_file.h"
#include "console.h"

enum { KEY_RELEASED = 0, KEY_PRESSED = 1 };

/* An action line a button may run: the same rules as a keymap's. */
static int button_action_check(const struct cb_headset_key *k,
			       const char *file, const struct keymap *km,
			       struct diag *d)
{
	const struct action_def *def;
	struct action_arg a;
	char name[64], why[160];
	const char *arg = action_split(k->action, name, sizeof(name));
	size_t i;

	def = action_find(name);
	if (!def) {
		diag_add(d, DIAG_ERROR, file, k->line, "headset key %s: "
			 "unknown action '%s'", k->key, name);
		return EINVAL;
	}
	if (action_arg_parse(def, arg, &a, why, sizeof(why))) {
		diag_add(d, DIAG_ERROR, file, k->line, "headset key %s: "
			 "action '%s' %s", k->key, name, why);
		return EINVAL;
	}
	if (strcmp(name, "macro"))
		return 0;
	for (i = 0; km && i < km->nmacros; i++) {
		if (!strcmp(km->macros[i].name, arg))
			return 0;
	}
	diag_add(d, DIAG_ERROR, file, k->line, "headset key %s: the keymap "
		 "has no macro '%s'", k->key, arg);
	return EINVAL;
}

int headset_map_build(struct headset_map *m, const struct cb_config *cfg,
		      const struct keymap *km, struct diag *d)
{
	const char *file = cfg->path[0] ? cfg->path : NULL;
	size_t i, j;
	int err = 0;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < cfg->headset.nkeys; i++) {
		const struct cb_headset_key *k = &cfg->headset.keys[i];
		int code = libevdev_event_code_from_name(EV_KEY, k->key);
		struct headset_button *b;

		if (code < 0) {
			diag_add(d, DIAG_ERROR, file, k->line,
				 "headset: unknown key '%s' (evdev names such "
				 "as KEY_PHONE, KEY_MICMUTE, BTN_0)", k->key);
			err = EINVAL;
			continue;
		}
		if (button_action_check(k, file, km, d)) {
			err = EINVAL;
			continue;
		}
		/* a key section gives a named button a new action */
		for (j = 0; j < m->n && m->buttons[j].code != code; j++)
			;
		b = &m->buttons[j];
		if (j == m->n)
			m->n++;
		b->code = (uint16_t)code;
		snprintf(b->action, sizeof(b->action), "%s", k->action);
	}
	return err;
}

const char *headset_action(const struct headset_map *m, uint16_t code)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (m->buttons[i].code == code)
			return m->buttons[i].action;
	}
	return NULL;
}

size_t headset_feed(struct headset_decoder *dec, const struct headset_map *m,
		    const void *data, size_t len,
		    void (*fn)(void *arg, const char *action), void *arg)
{
	const unsigned char *p = data;
	size_t presses = 0;

	while (len) {
		size_t take = sizeof(struct input_event) - dec->have;
		struct input_event ev;
		const char *action;

		if (take > len)
			take = len;
		memcpy(dec->part + dec->have, p, take);
		dec->have += take;
		p += take;
		len -= take;
		if (dec->have < sizeof(ev))
			break;
		memcpy(&ev, dec->part, sizeof(ev));
		dec->have = 0;
		if (ev.type != EV_KEY || ev.value != KEY_PRESSED)
			continue;
		action = headset_action(m, ev.code);
		if (!action)
			continue;
		presses++;
		fn(arg, action);
	}
	return presses;
}

const char *headset_key_name(uint16_t code)
{
	return libevdev_event_code_get_name(EV_KEY, code);
}
