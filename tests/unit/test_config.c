/*
 * test_config.c — cordboard.conf: defaults, a full file, every mistake a
 * user can make reported as "FILE:LINE: what is wrong", the password
 * permission warning, and where the files are looked for.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "expect_config.h"

#include "build_config.h"
#include "config/config.h"

#define DATA(name) TEST_DATA_DIR "/config/" name

/* A scratch directory for files the test writes and removes itself. */
struct scratch {
	char dir[64];
	char files[8][PATH_MAX];
	size_t n_files;
	char dirs[8][PATH_MAX];
	size_t n_dirs;
};

static void scratch_init(struct scratch *s)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->dir, sizeof(s->dir), "/tmp/cordboard-test-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
}

static const char *scratch_mkdir(struct scratch *s, const char *rel)
{
	char *p = s->dirs[s->n_dirs++];
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s/%s", s->dir, rel);
	memcpy(p, tmp, sizeof(tmp));
	assert_int_equal(mkdir(p, 0700), 0);
	return p;
}

static const char *scratch_write(struct scratch *s, const char *rel,
				 const char *text, mode_t mode)
{
	char *p = s->files[s->n_files++];
	char tmp[PATH_MAX];
	FILE *fp;

	snprintf(tmp, sizeof(tmp), "%s/%s", s->dir, rel);
	memcpy(p, tmp, sizeof(tmp));
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(p, mode), 0);
	return p;
}

static void scratch_remove(struct scratch *s)
{
	while (s->n_files)
		unlink(s->files[--s->n_files]);
	while (s->n_dirs)
		rmdir(s->dirs[--s->n_dirs]);
	rmdir(s->dir);
}

static void assert_defaults(const struct cb_config *cfg)
{
	assert_string_equal(cfg->account.aor, "sip:reception@127.0.0.1");
	assert_string_equal(cfg->account.listen, "127.0.0.1:5060");
	assert_string_equal(cfg->account.display_name, "Reception");
	assert_string_equal(cfg->account.registrar, "");
	assert_string_equal(cfg->account.auth_user, "");
	assert_string_equal(cfg->account.password, "");
	/* safe by default: certificates checked, encryption only if asked */
	assert_string_equal(cfg->account.transport, "udp");
	assert_int_equal(cfg->account.tls_verify, 1);
	assert_string_equal(cfg->account.media_encryption, "none");
	assert_string_equal(cfg->audio.device, "alsa,default");
	assert_string_equal(cfg->theme, "default");
	assert_string_equal(cfg->keymap, "default");
	assert_string_equal(cfg->presence_server, "");
	assert_int_equal(cfg->subscribe_expires, 600);
	assert_null(cfg->extensions);
	assert_int_equal(cfg->n_extensions, 0);
}

/* Loads a bad file: every message, in order, is path + want[i]. */
/* A file with mistakes is not half-applied. */
static void expect_errors(const char *path, const char *const *want)
{
	expect_config_errors(path, want, assert_defaults);
}

static void test_defaults_are_a_console_on_loopback(void **state)
{
	struct cb_config cfg;

	(void)state;
	setenv("XDG_STATE_HOME", "/var/tmp/state", 1);
	config_defaults(&cfg);
	assert_defaults(&cfg);
	assert_string_equal(cfg.path, "");
	assert_string_equal(cfg.history_file,
			    "/var/tmp/state/cordboard/history");
	config_free(&cfg);

	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/reception", 1);
	config_defaults(&cfg);
	assert_string_equal(cfg.history_file,
			    "/home/reception/.local/state/cordboard/history");
	config_free(&cfg);
}

/* The sample --print-config writes is a good file that changes nothing,
 * and the config's defaults of core's settings are core's own. */
static void test_printed_sample_loads_as_the_defaults(void **state)
{
	struct scratch s;
	struct cb_config cfg;
	struct xfer_config x;
	struct intercom_config ic;
	struct park_config pk;
	struct queue_config q;
	struct diag d;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	config_print(fp, false);
	fclose(fp);
	scratch_init(&s);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, scratch_write(&s, "sample.conf",
							 text, 0600), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);
	assert_defaults(&cfg);

	settings_defaults(&x, &ic, &pk);
	assert_int_equal(cfg.transfer.recall_after_s, x.recall_after_s);
	assert_string_equal(cfg.transfer.announce, x.announce);
	assert_string_equal(cfg.transfer.operator_name, x.operator_name);
	assert_string_equal(cfg.transfer.voicemail_uri, x.voicemail_uri);
	assert_int_equal(cfg.intercom.method, ic.method);
	assert_string_equal(cfg.intercom.header, ic.header);
	assert_int_equal(cfg.park.slots, pk.slots);
	assert_int_equal(cfg.park.timeout_s, pk.timeout_s);
	assert_string_equal(cfg.park.uri_prefix, pk.uri_prefix);
	queue_config_defaults(&q);
	assert_int_equal(cfg.queue.answer_alert_after_s,
			 q.answer_alert_after_s);
	assert_int_equal(cfg.queue.hold_reminder_after_s,
			 q.hold_reminder_after_s);
	assert_int_equal(cfg.queue.overflow_after_s, q.overflow_after_s);
	assert_string_equal(cfg.queue.overflow_target, q.overflow_target);
	assert_int_equal(cfg.queue.camp_on, q.camp_on);
	assert_int_equal(cfg.queue.camp_on_ring_s, q.camp_on_ring_s);
	assert_int_equal(cfg.queue.camp_on_max_s, q.camp_on_max_s);
	assert_int_equal(cfg.queue.camp_on_retry_s, q.camp_on_retry_s);
	/* no opening hours: always day */
	assert_string_equal(cfg.service.open, "");
	assert_string_equal(cfg.service.night_target, "");
	assert_int_equal(cfg.service.mode, SERVICE_AUTO);
	/* the sample's line section is an example, commented out */
	assert_non_null(strstr(text, "# line \"100\" {"));
	assert_int_equal(cfg.n_lines, 0);
	config_free(&cfg);
	diag_free(&d);
	scratch_remove(&s);
	free(text);
}

static void test_empty_file_gives_defaults(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("empty.conf"), &d), 0);
	assert_int_equal(d.count, 0);
	assert_defaults(&cfg);
	assert_string_equal(cfg.path, DATA("empty.conf"));
	config_free(&cfg);
	diag_free(&d);
}

static void test_full_file_sets_every_option(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("good.conf"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);

	assert_string_equal(cfg.account.aor, "sip:reception@example.org");
	assert_string_equal(cfg.account.listen, "0.0.0.0:5070");
	assert_string_equal(cfg.account.registrar, "sip:pbx.example.org");
	assert_string_equal(cfg.account.auth_user, "reception");
	assert_string_equal(cfg.account.password, "");
	assert_string_equal(cfg.account.display_name, "Front Desk");
	assert_string_equal(cfg.audio.device, "none");
	assert_string_equal(cfg.theme, "mono");
	assert_string_equal(cfg.keymap, "vi");
	assert_string_equal(cfg.history_file, "/tmp/cordboard-test-history");

	/* The board lists colleagues in the order the file gives them. */
	assert_int_equal(cfg.n_extensions, 4);
	assert_string_equal(cfg.extensions[0].number, "201");
	assert_string_equal(cfg.extensions[0].name, "Alice Martin");
	assert_string_equal(cfg.extensions[0].uri, "sip:201@127.0.0.1:5090");
	assert_string_equal(cfg.extensions[0].department, "Sales");
	assert_string_equal(cfg.extensions[0].voicemail,
			    "sip:vm201@127.0.0.1:5099");
	assert_int_equal(cfg.extensions[0].presence, PRESENCE_UNKNOWN);
	assert_int_equal(cfg.extensions[0].line_state, EXT_LINE_UNKNOWN);
	assert_string_equal(cfg.extensions[1].number, "202");
	assert_string_equal(cfg.extensions[1].name, "Bob # Stone");
	assert_string_equal(cfg.extensions[1].uri, "sips:202@[::1]:5091");
	assert_string_equal(cfg.extensions[1].voicemail, "");
	assert_string_equal(cfg.extensions[2].number, "*97");
	assert_string_equal(cfg.extensions[3].number, "+33155512345");
	assert_string_equal(cfg.extensions[3].name, "");
	assert_string_equal(cfg.extensions[3].uri,
			    "sip:+33155512345@gw.example.org");
	config_free(&cfg);
	assert_null(cfg.extensions);
	diag_free(&d);
}

static void test_missing_file_says_so(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("no-such.conf"), &d), ENOENT);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.msgs[0].text, DATA("no-such.conf")
			    ": No such file or directory");
	assert_defaults(&cfg);
	config_free(&cfg);
	diag_free(&d);
}

static void test_unknown_option(void **state)
{
	static const char *const top[] = {
		":3: no such option 'colour'", NULL };
	static const char *const in_section[] = {
		":4: no such option 'pasword'", NULL };

	(void)state;
	expect_errors(DATA("bad-unknown-option.conf"), top);
	expect_errors(DATA("bad-unknown-in-section.conf"), in_section);
}

static void test_syntax_errors(void **state)
{
	static const char *const equal[] = {
		":2: missing equal sign after option 'aor'", NULL };
	static const char *const eof[] = {
		":1: '{' is never closed (missing '}')", NULL };
	static const char *const string[] = {
		":2: string is never closed (missing quote)", NULL };

	(void)state;
	expect_errors(DATA("bad-syntax-equal.conf"), equal);
	expect_errors(DATA("bad-syntax-eof.conf"), eof);
	expect_errors(DATA("bad-syntax-string.conf"), string);
}

static void test_account_addresses_are_checked(void **state)
{
	static const char *const aor[] = {
		":3: aor 'http://example.org' is not a sip: or sips: URI with a host",
		NULL };
	static const char *const nohost[] = {
		":1: aor 'sip:reception@' is not a sip: or sips: URI with a host",
		NULL };
	static const char *const port[] = {
		":2: listen '127.0.0.1:65536' is not HOST:PORT with a port from 1 to 65535",
		NULL };
	static const char *const noport[] = {
		":3: listen 'localhost' is not HOST:PORT with a port from 1 to 65535",
		NULL };
	static const char *const rtp[] = {
		":3: rtp_ports '10000-9000' is not LOW-HIGH: two or more UDP "
		"ports from 1024 to 65535", NULL };
	static const char *const rtp_low[] = {
		":2: rtp_ports '80-90' is not LOW-HIGH: two or more UDP "
		"ports from 1024 to 65535", NULL };

	(void)state;
	expect_errors(DATA("bad-aor.conf"), aor);
	expect_errors(DATA("bad-aor-nohost.conf"), nohost);
	expect_errors(DATA("bad-listen.conf"), port);
	expect_errors(DATA("bad-listen-noport.conf"), noport);
	expect_errors(DATA("bad-rtp-ports.conf"), rtp);
	expect_errors(DATA("bad-rtp-ports-low.conf"), rtp_low);
}

static void test_subscribe_expires_has_bounds(void **state)
{
	static const char *const want[] = {
		":3: subscribe_expires 5 is out of range (10 to 86400 seconds)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-subscribe-expires.conf"), want);
}

static void test_service_section_is_read(void **state)
{
	struct cb_config cfg;
	struct diag d;

	(void)state;
	diag_init(&d);
	assert_int_equal(config_load(&cfg, DATA("service.conf"), &d), 0);
	diag_print(&d);
	assert_int_equal(d.count, 0);
	assert_string_equal(cfg.service.open, "Mon-Fri 08:00-12:30,"
			    "13:30-18:00; Sat 09:00-12:00");
	assert_string_equal(cfg.service.night_target, "202");
	assert_int_equal(cfg.service.mode, SERVICE_NIGHT);
	config_free(&cfg);
	diag_free(&d);
}

static void test_service_hours_and_mode_are_checked(void **state)
{
	static const char *const want[] = {
		":4: open \"Mon-Fri 08:00-18:00; Sta 09:00-12:00\": 'Sta' is "
		"not a day or days like Mon-Fri (Mon Tue Wed Thu Fri Sat Sun)",
		":5: mode 'evening' is not auto, day or night",
		NULL };

	(void)state;
	expect_errors(DATA("bad-service.conf"), want);
}

static void test_line_numbers_survive_comments(void **state)
{
	static const char *const want[] = {
		":10: aor 'sip:desk@' is not a sip: or sips: URI with a host",
		NULL };

	(void)state;
	expect_errors(DATA("bad-after-comments.conf"), want);
}

static void test_extension_number_must_be_dialable(void **state)
{
	static const char *const want[] = {
		":2: extension 'front desk' is not a number (digits, optionally with * # +)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-ext-number.conf"), want);
}

static void test_alice_without_uri_is_reported_on_her_line(void **state)
{
	static const char *const want[] = {
		":2: extension '201' has no uri (add uri = \"sip:201@HOST\")",
		NULL };

	(void)state;
	expect_errors(DATA("bad-ext-nouri.conf"), want);
}

static void test_empty_extensions_are_reported_where_they_open(void **state)
{
	static const char *const want[] = {
		":1: extension '201' has no uri (add uri = \"sip:201@HOST\")",
		":3: extension '202' has no uri (add uri = \"sip:202@HOST\")",
		NULL };

	(void)state;
	expect_errors(DATA("bad-ext-empty.conf"), want);
}

static void test_section_paths_are_refused(void **state)
{
	static const char *const want[] = {
		":2: '|' is only allowed inside quotes", NULL };

	(void)state;
	expect_errors(DATA("bad-pipe.conf"), want);
}

static void test_extension_uri_must_be_sip(void **state)
{
	static const char *const want[] = {
		":3: uri 'tel:+33155512345' is not a sip: or sips: URI with a host",
		NULL };

	(void)state;
	expect_errors(DATA("bad-ext-uri.conf"), want);
}

static void test_carol_given_alices_number_is_a_duplicate(void **state)
{
	static const char *const want[] = {
		":5: duplicate extension '201' (first defined on line 1)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-ext-dup.conf"), want);
}

static void test_empty_names_are_refused(void **state)
{
	static const char *const device[] = {
		":2: device must not be empty (\"none\" runs without audio)",
		NULL };
	static const char *const names[] = {
		":1: theme must not be empty",
		":2: keymap must not be empty", NULL };

	(void)state;
	expect_errors(DATA("bad-device-empty.conf"), device);
	expect_errors(DATA("bad-names-empty.conf"), names);
}

static void test_values_are_never_cut(void **state)
{
	static const char *const longv[] = {
		":2: display_name is too long (at most 127 characters)", NULL };
	static const char *const control[] = {
		":2: display_name contains a control character or invalid "
		"UTF-8", NULL };

	(void)state;
	expect_errors(DATA("bad-too-long.conf"), longv);
	expect_errors(DATA("bad-control.conf"), control);
}

static void test_every_mistake_is_listed_in_one_run(void **state)
{
	static const char *const want[] = {
		":3: aor 'reception' is not a sip: or sips: URI with a host",
		":4: listen '127.0.0.1:0' is not HOST:PORT with a port from 1 to 65535",
		":6: device must not be empty (\"none\" runs without audio)",
		":7: uri 'mailto:someone@example.org' is not a sip: or sips: URI with a host",
		":8: extension '302' has no uri (add uri = \"sip:302@HOST\")",
		":9: duplicate extension '301' (first defined on line 7)",
		NULL };

	(void)state;
	expect_errors(DATA("bad-many.conf"), want);
}

/* TLS and SRTP settings: words checked at their line, a relative CA
 * read beside the file, and verification turned off never in silence. */
static void test_tls_and_media_encryption(void **state)
{
	static const char bad[] =
		"account {\n"
		"\ttransport = \"sctp\"\n"
		"\ttls_ca = \"missing-ca.pem\"\n"
		"\tmedia_encryption = \"zrtp\"\n"
		"}\n";
	static const char good[] =
		"account {\n"
		"\ttransport = \"tls\"\n"
		"\ttls_ca = \"ca.pem\"\n"
		"\ttls_verify = no\n"
		"\tmedia_encryption = \"srtp-mandatory\"\n"
		"}\n";
	static const char *const want[] = {
		":2: transport 'sctp' is not udp, tcp or tls",
		":3: tls_ca 'missing-ca.pem': No such file or directory",
		":4: media_encryption 'zrtp' is not none, srtp, "
		"srtp-mandatory or dtls",
		NULL };
	static const char *const any_address[] = {
		":2: transport = tls needs listen with the console's own "
		"address, not '0.0.0.0:5060'",
		NULL };
	char text[PATH_MAX + 128];
	struct scratch s;
	struct cb_config cfg;
	struct diag d;
	const char *path;

	(void)state;
	scratch_init(&s);
	expect_errors(scratch_write(&s, "bad-tls.conf", bad, 0600), want);

	expect_errors(scratch_write(&s, "any-address.conf",
				    "account {\n\ttransport = \"tls\"\n"
				    "\tlisten = \"0.0.0.0:5060\"\n}\n", 0600),
		      any_address);

	scratch_write(&s, "ca.pem", "not checked here\n", 0644);
	path = scratch_write(&s, "tls.conf", good, 0600);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.msgs[0].level, DIAG_WARNING);
	snprintf(text, sizeof(text), "%s:4: tls_verify = no: the console "
		 "talks TLS to any server, even an impostor's", path);
	assert_string_equal(d.msgs[0].text, text);
	assert_string_equal(cfg.account.transport, "tls");
	snprintf(text, sizeof(text), "%s/ca.pem", s.dir);
	assert_string_equal(cfg.account.tls_ca, text);
	assert_int_equal(cfg.account.tls_verify, 0);
	assert_string_equal(cfg.account.media_encryption, "srtp-mandatory");
	config_free(&cfg);
	diag_free(&d);
	scratch_remove(&s);
}

static void test_password_readable_by_others_is_a_warning(void **state)
{
	static const char text[] =
		"account {\n"
		"\tauth_user = \"reception\"\n"
		"\tpassword = \"s3cret\"\n"
		"}\n";
	char want[PATH_MAX + 128];
	struct scratch s;
	struct cb_config cfg;
	struct diag d;
	const char *path;

	(void)state;
	scratch_init(&s);

	path = scratch_write(&s, "open.conf", text, 0644);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.count, 1);
	assert_int_equal(d.msgs[0].level, DIAG_WARNING);
	assert_false(diag_has_errors(&d));
	snprintf(want, sizeof(want),
		 "%s: password is readable by other users (chmod 600 %s)",
		 path, path);
	assert_string_equal(d.msgs[0].text, want);
	assert_string_equal(cfg.account.password, "s3cret");
	config_free(&cfg);
	diag_free(&d);

	path = scratch_write(&s, "private.conf", text, 0600);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.count, 0);
	config_free(&cfg);
	diag_free(&d);

	/* No password, nothing to protect. */
	path = scratch_write(&s, "nopass.conf", "theme = \"mono\"\n", 0644);
	diag_init(&d);
	assert_int_equal(config_load(&cfg, path, &d), 0);
	assert_int_equal(d.count, 0);
	config_free(&cfg);
	diag_free(&d);

	scratch_remove(&s);
}

static void test_config_find_search_order(void **state)
{
	char out[PATH_MAX], want[PATH_MAX], small[8];
	struct scratch s;
	struct stat st;
	int etc;
	const char *xdg;

	(void)state;
	scratch_init(&s);

	/* -c FILE wins, even before it exists: loading it says what is wrong. */
	assert_int_equal(config_find(out, sizeof(out), "/nowhere/x.conf"), 0);
	assert_string_equal(out, "/nowhere/x.conf");
	assert_int_equal(config_find(small, sizeof(small), "/nowhere/x.conf"),
			 ENAMETOOLONG);

	/* $XDG_CONFIG_HOME/cordboard/cordboard.conf */
	xdg = scratch_mkdir(&s, "xdg");
	scratch_mkdir(&s, "xdg/cordboard");
	scratch_write(&s, "xdg/cordboard/cordboard.conf", "", 0600);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	assert_int_equal(config_find(out, sizeof(out), NULL), 0);
	snprintf(want, sizeof(want), "%s/cordboard/cordboard.conf", xdg);
	assert_string_equal(out, want);

	/* ~/.config when XDG_CONFIG_HOME is unset */
	unsetenv("XDG_CONFIG_HOME");
	scratch_mkdir(&s, "home");
	scratch_mkdir(&s, "home/.config");
	scratch_mkdir(&s, "home/.config/cordboard");
	scratch_write(&s, "home/.config/cordboard/cordboard.conf", "", 0600);
	snprintf(want, sizeof(want), "%s/home", s.dir);
	setenv("HOME", want, 1);
	assert_int_equal(config_find(out, sizeof(out), NULL), 0);
	snprintf(want, sizeof(want), "%s/home/.config/cordboard/cordboard.conf",
		 s.dir);
	assert_string_equal(out, want);

	/* Nothing in the user's directory: /etc, or nothing at all. */
	setenv("XDG_CONFIG_HOME", s.dir, 1);
	etc = stat("/etc/cordboard/cordboard.conf", &st) == 0;
	if (etc) {
		assert_int_equal(config_find(out, sizeof(out), NULL), 0);
		assert_string_equal(out, "/etc/cordboard/cordboard.conf");
	} else {
		assert_int_equal(config_find(out, sizeof(out), NULL), ENOENT);
		assert_string_equal(out, "");
	}

	unsetenv("XDG_CONFIG_HOME");
	scratch_remove(&s);
}

static void test_config_find_data_search_order(void **state)
{
	char out[PATH_MAX], want[PATH_MAX];
	struct scratch s;
	const char *xdg;

	(void)state;
	scratch_init(&s);
	xdg = scratch_mkdir(&s, "xdg");
	setenv("XDG_CONFIG_HOME", xdg, 1);

	/* A shipped theme, run from the source tree. */
	assert_int_equal(config_find_data(out, sizeof(out), "themes",
					  "default", "theme"), 0);
	assert_string_equal(out, SOURCE_ROOT "/themes/default.theme");

	/* The user's own copy comes first. */
	scratch_mkdir(&s, "xdg/cordboard");
	scratch_mkdir(&s, "xdg/cordboard/themes");
	scratch_write(&s, "xdg/cordboard/themes/default.theme", "", 0600);
	scratch_write(&s, "xdg/cordboard/themes/night.theme", "", 0600);
	assert_int_equal(config_find_data(out, sizeof(out), "themes",
					  "default", "theme"), 0);
	snprintf(want, sizeof(want), "%s/cordboard/themes/default.theme", xdg);
	assert_string_equal(out, want);
	assert_int_equal(config_find_data(out, sizeof(out), "themes",
					  "night", "theme"), 0);
	snprintf(want, sizeof(want), "%s/cordboard/themes/night.theme", xdg);
	assert_string_equal(out, want);

	/* A name with a slash is a path, taken as it is. */
	assert_int_equal(config_find_data(out, sizeof(out), "keymaps",
					  "./my.keymap", "keymap"), 0);
	assert_string_equal(out, "./my.keymap");

	assert_int_equal(config_find_data(out, sizeof(out), "themes",
					  "no-such-theme-anywhere", "theme"),
			 ENOENT);
	assert_int_equal(config_find_data(out, sizeof(out), "themes", "",
					  "theme"), EINVAL);

	unsetenv("XDG_CONFIG_HOME");
	scratch_remove(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_are_a_console_on_loopback),
		cmocka_unit_test(test_empty_file_gives_defaults),
		cmocka_unit_test(test_printed_sample_loads_as_the_defaults),
		cmocka_unit_test(test_full_file_sets_every_option),
		cmocka_unit_test(test_missing_file_says_so),
		cmocka_unit_test(test_unknown_option),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_account_addresses_are_checked),
		cmocka_unit_test(test_line_numbers_survive_comments),
		cmocka_unit_test(test_extension_number_must_be_dialable),
		cmocka_unit_test(test_alice_without_uri_is_reported_on_her_line),
		cmocka_unit_test(test_empty_extensions_are_reported_where_they_open),
		cmocka_unit_test(test_section_paths_are_refused),
		cmocka_unit_test(test_extension_uri_must_be_sip),
		cmocka_unit_test(test_carol_given_alices_number_is_a_duplicate),
		cmocka_unit_test(test_empty_names_are_refused),
		cmocka_unit_test(test_values_are_never_cut),
		cmocka_unit_test(test_every_mistake_is_listed_in_one_run),
		cmocka_unit_test(test_password_readable_by_others_is_a_warning),
		cmocka_unit_test(test_tls_and_media_encryption),
		cmocka_unit_test(test_config_find_search_order),
		cmocka_unit_test(test_config_find_data_search_order),
		cmocka_unit_test(test_subscribe_expires_has_bounds),
		cmocka_unit_test(test_service_section_is_read),
		cmocka_unit_test(test_service_hours_and_mode_are_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
