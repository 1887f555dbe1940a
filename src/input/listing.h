/*
 * listing.h — the action table and a keymap as text (--list-actions,
 * --list-keys).
 */
#ifndef CORDBOARD_INPUT_LISTING_H
#define CORDBOARD_INPUT_LISTING_H

#include <stdio.h>

#include "console.h"

void listing_actions(FILE *out);
void listing_keys(FILE *out, const struct keymap *km);

#endif
