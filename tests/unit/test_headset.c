/*
 * test_headset.c — a headset's buttons: the headset section read and
 * checked (evdev key names, actions, macros, FILE:LINE for each mistake)
 * and the bytes of an input device turned into actions, whole events
 * only, presses only.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <linux/input.h>

#include "config/config.h"
#include "input/console.h"
#include "input/headset.h"
#include "expect_diag.h"

#define DATA(name) TEST_DATA_DIR "/config/" name

static void load(struct cb_config *cfg, const char *path, struct diag *d)
{
	diag_init(d);
	assert_int_equal(config_load(cfg, path, d), 0);
}

static void the_default_buttons_are_those_of_a_headset(void **state)
{
	struct cb_config cfg;
	struct headset_map m;
	struct diag d;

	(void)state;
	config_defaults(&cfg);
	diag_init(&d);
	assert_string_equal(cfg.headset.device, "");
	assert_true(cfg.headset.grab);
	assert_string_equal(cfg.audio.ring_device, "");
	assert_int_equal(cfg.audio.volume, 0);
	assert_int_equal(headset_map_build(&m, &cfg, NULL, &d), 0);
	assert_int_equal(m.n, 4);
	assert_string_equal(headset_action(&m, KEY_PHONE), "answer-or-hangup");
	assert_string_equal(headset_action(&m, KEY_MICMUTE), "mute");
	assert_string_equal(headset_action(&m, KEY_VOLUMEUP), "volume up");
	assert_string_equal(headset_action(&m, KEY_VOLUMEDOWN),
			    "volume down");
	assert_null(headset_action(&m, KEY_A));
	config_free(&cfg);
	diag_free(&d);
}

static void a_configured_headset_maps_its_own_buttons(void **state)
{
	struct cb_config cfg;
	struct headset_map m;
	struct diag d;

	(void)state;
	load(&cfg, DATA("headset.conf"), &d);
	assert_string_equal(cfg.audio.ring_device, "alsa,plughw:CARD=PCH");
	assert_int_equal(cfg.audio.volume, -6);
	assert_string_equal(cfg.headset.device,
			    "/dev/input/by-id/usb-Headset-event-if03");
	assert_false(cfg.headset.grab);
	assert_int_equal(headset_map_build(&m, &cfg, NULL, &d), 0);
	assert_string_equal(headset_action(&m, KEY_PICKUP_PHONE),
			    "answer-or-hangup");
	assert_string_equal(headset_action(&m, KEY_HANGUP_PHONE), "hangup");
	assert_string_equal(headset_action(&m, KEY_PROG1), "consult 201");
	/* a key section gives a named button another action */
	assert_string_equal(headset_action(&m, KEY_MICMUTE), "mute on");
	assert_null(headset_action(&m, KEY_PHONE));
	assert_int_equal(d.count, 0);
	config_free(&cfg);
	diag_free(&d);
}

static void audio_mistakes_are_reported_where_they_are(void **state)
{
	static const char *const want[] = {
		":4: volume 20 is out of range (-30 to 12 dB)",
		":8: headset key 'KEY_PROG1' is given twice (first on line 7)",
		":3: ring_device 'alsa,default' needs an audio device "
		"(device is \"none\")",
		NULL };
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("bad-audio.conf"), &d),
			 EINVAL);
	expect_diag_lines(&d, DATA("bad-audio.conf"), want);
	config_free(&cfg);
	diag_free(&d);
}

/* The music on hold is looked for beside the configuration and must be
 * a sound the console can play. */
static void bad_hold_music_is_reported_on_its_line(void **state)
{
	static const char *const missing[] = {
		":4: hold_music 'no-such-music.wav': no such file", NULL };
	static const char *const not_music[] = {
		":4: hold_music 'headset.conf': not a WAV file we can read "
		"(Bad message)", NULL };
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("bad-hold-music.conf"), &d),
			 EINVAL);
	expect_diag_lines(&d, DATA("bad-hold-music.conf"), missing);
	config_free(&cfg);
	diag_free(&d);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("not-music.conf"), &d),
			 EINVAL);
	expect_diag_lines(&d, DATA("not-music.conf"), not_music);
	config_free(&cfg);
	diag_free(&d);
}

static void every_bad_button_is_reported_on_its_line(void **state)
{
	static const char *const want[] = {
		":3: headset: unknown key 'KEY_PHONNE' (evdev names such as "
		"KEY_PHONE, KEY_MICMUTE, BTN_0)",
		":6: headset key KEY_PROG1: unknown action 'teleport'",
		":7: headset key KEY_PROG2: action 'dtmf' needs DIGIT",
		":8: headset key KEY_PROG3: the keymap has no macro 'greet'",
		":9: headset key KEY_PROG4: action 'hold' takes no argument",
		NULL };
	struct cb_config cfg;
	struct headset_map m;
	struct diag d;

	(void)state;
	load(&cfg, DATA("bad-headset-keys.conf"), &d);
	assert_int_equal(headset_map_build(&m, &cfg, NULL, &d), EINVAL);
	expect_diag_lines(&d, DATA("bad-headset-keys.conf"), want);
	/* KEY_F13 is a key like any other */
	assert_string_equal(headset_action(&m, KEY_F13), "mute");
	config_free(&cfg);
	diag_free(&d);
}

struct ran {
	char actions[8][64];
	int n;
};

static void record(void *arg, const char *action)
{
	struct ran *r = arg;

	if (r->n < 8)
		snprintf(r->actions[r->n++], 64, "%s", action);
}

static size_t put(unsigned char *buf, size_t at, unsigned type,
		  unsigned code, int value)
{
	struct input_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = (unsigned short)type;
	ev.code = (unsigned short)code;
	ev.value = value;
	memcpy(buf + at, &ev, sizeof(ev));
	return at + sizeof(ev);
}

static void presses_run_actions_releases_and_repeats_do_not(void **state)
{
	struct cb_config cfg;
	struct headset_map m;
	struct headset_decoder dec = { .have = 0 };
	struct ran r = { .n = 0 };
	unsigned char buf[sizeof(struct input_event) * 8];
	size_t len = 0, i;
	struct diag d;

	(void)state;
	config_defaults(&cfg);
	diag_init(&d);
	headset_map_build(&m, &cfg, NULL, &d);
	len = put(buf, len, EV_MSC, MSC_SCAN, 0xb002f);
	len = put(buf, len, EV_KEY, KEY_PHONE, 1);     /* press */
	len = put(buf, len, EV_SYN, SYN_REPORT, 0);
	len = put(buf, len, EV_KEY, KEY_PHONE, 2);     /* auto-repeat */
	len = put(buf, len, EV_KEY, KEY_PHONE, 0);     /* release */
	len = put(buf, len, EV_KEY, KEY_A, 1);         /* not a button */
	len = put(buf, len, EV_KEY, KEY_VOLUMEDOWN, 1);
	/* a read may end anywhere: feed it a byte at a time */
	for (i = 0; i < len; i++)
		headset_feed(&dec, &m, buf + i, 1, record, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.actions[0], "answer-or-hangup");
	assert_string_equal(r.actions[1], "volume down");
	assert_int_equal(dec.have, 0);
	assert_string_equal(headset_key_name(KEY_PHONE), "KEY_PHONE");
	config_free(&cfg);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_default_buttons_are_those_of_a_headset),
		cmocka_unit_test(a_configured_headset_maps_its_own_buttons),
		cmocka_unit_test(audio_mistakes_are_reported_where_they_are),
		cmocka_unit_test(bad_hold_music_is_reported_on_its_line),
		cmocka_unit_test(every_bad_button_is_reported_on_its_line),
		cmocka_unit_test(
			presses_run_actions_releases_and_repeats_do_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
