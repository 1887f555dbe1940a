/*
 * keys.h — key codes and their names ("C-x", "M-Enter", "F5", "KP+").
 * One module turns names into codes and back: the keymap parser, the
 * help overlay and the tests all use it. Codes are Unicode code points
 * for characters, KEYC_* above Unicode for special keys, plus modifier
 * bits.
 */
#ifndef CORDBOARD_INPUT_KEYS_H
#define CORDBOARD_INPUT_KEYS_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t keycode;

#define KEYC_NONE 0u
#define KEYC_CTRL 0x20000000u
#define KEYC_META 0x40000000u
#define KEYC_MASK_MODS (KEYC_CTRL | KEYC_META)

enum {
	KEYC_BASE = 0x110000,
	KEYC_ENTER,
	KEYC_ESC,
	KEYC_TAB,
	KEYC_BTAB,
	KEYC_BSPACE,
	KEYC_SPACE,
	KEYC_UP,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_HOME,
	KEYC_END,
	KEYC_PPAGE,
	KEYC_NPAGE,
	KEYC_IC,
	KEYC_DC,
	KEYC_KP_ENTER,
	KEYC_KP_PLUS,
	KEYC_KP_MINUS,
	KEYC_KP_STAR,
	KEYC_KP_SLASH,
	KEYC_F1,                 /* F1..F24 follow in order */
	KEYC_F24 = KEYC_F1 + 23,
	KEYC_RESIZE,             /* never bound: the screen changed size */
};

/* Parses a key name; returns 0 or EINVAL. */
int keys_parse(const char *name, keycode *out);

/* Writes the canonical name of k; returns its length. */
int keys_name(keycode k, char *buf, size_t sz);

/* The printable character of k, or 0 when k is a special or modified
 * key. */
uint32_t keys_char(keycode k);

#endif
