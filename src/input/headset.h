/*
 * headset.h — a headset's buttons as actions. The buttons arrive as
 * Linux input events (evdev) from the device cordboard.conf names; this
 * part checks the key names and actions of the headset section and turns
 * the bytes read from the device into the actions to run. Opening and
 * watching the device is the app's.
 */
#ifndef CORDBOARD_INPUT_HEADSET_H
#define CORDBOARD_INPUT_HEADSET_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"

struct keymap;

struct headset_button {
	uint16_t code;            /* EV_KEY code, e.g. KEY_PHONE */
	char action[256];
};

struct headset_map {
	struct headset_button buttons[CB_HEADSET_KEYS_MAX];
	size_t n;
};

/* Builds the map from cfg->headset: every key name must be an evdev key
 * name (KEY_... or BTN_...), every action one of the action table with
 * its argument, a macro one of KM's. Errors are "FILE:LINE: ..." in d;
 * returns 0 or EINVAL. */
int headset_map_build(struct headset_map *m, const struct cb_config *cfg,
		      const struct keymap *km, struct diag *d);

/* The action of a button, or NULL. */
const char *headset_action(const struct headset_map *m, uint16_t code);

/* Bytes from an evdev device come in whole events, but a read may end
 * inside one: the decoder keeps the part. */
struct headset_decoder {
	unsigned char part[64];
	size_t have;
};

/* Feeds LEN bytes; calls fn(arg, action) for each press of a mapped
 * button (not for releases or auto-repeat). Returns the presses seen. */
size_t headset_feed(struct headset_decoder *dec, const struct headset_map *m,
		    const void *data, size_t len,
		    void (*fn)(void *arg, const char *action), void *arg);

/* The evdev name of CODE ("KEY_PHONE"), or NULL. */
const char *headset_key_name(uint16_t code);

#endif
