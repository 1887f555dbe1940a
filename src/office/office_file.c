/*
 * office_file.c — parse and validate an office description (libconfuse).
 */
#include "office_file.h"

#include <arpa/inet.h>
#include <confuse.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* options common to every kind of person */
#define PERSON_OPTS(default_answer, default_tone)                  \
	CFG_STR("name", NULL, CFGF_NONE),                          \
	CFG_STR("answer", default_answer, CFGF_NONE),              \
	CFG_INT("delay", 0, CFGF_NONE),                            \
	CFG_INT("reject_code", 486, CFGF_NONE),                    \
	CFG_INT("tone", default_tone, CFGF_NONE),                  \
	CFG_STR("refer", "accept", CFGF_NONE),                     \
	CFG_INT("transfer_timeout", 30, CFGF_NONE),                \
	CFG_STR("presence", "available", CFGF_NONE),               \
	CFG_STR("note", "", CFGF_NONE),                            \
	CFG_STR("mediaenc", "", CFGF_NONE)

static cfg_opt_t caller_opts[] = {
	CFG_STR("number", NULL, CFGF_NODEFAULT),
	CFG_STR("dials", "", CFGF_NONE),
	PERSON_OPTS("manual", 440),
	CFG_END()
};

static cfg_opt_t colleague_opts[] = {
	PERSON_OPTS("manual", 880),
	CFG_END()
};

static cfg_opt_t voicemail_opts[] = {
	PERSON_OPTS("auto", 330),
	CFG_END()
};

static cfg_opt_t demo_opts[] = {
	CFG_INT("call_every", 25, CFGF_NONE),
	CFG_INT("first_call_after", 2, CFGF_NONE),
	CFG_INT("hangup_after", 90, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t office_opts[] = {
	CFG_STR("listen", "127.0.0.1:5090", CFGF_NONE),
	CFG_STR("ctrl", "127.0.0.1:5099", CFGF_NONE),
	CFG_STR("console", "sip:reception@127.0.0.1:5060", CFGF_NONE),
	CFG_STR("record_dir", "", CFGF_NONE),
	CFG_STR("registrar", "", CFGF_NONE),
	CFG_INT_LIST("tones", "{}", CFGF_NONE),
	CFG_SEC("caller", caller_opts,
		CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("colleague", colleague_opts,
		CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("voicemail", voicemail_opts,
		CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("demo", demo_opts, CFGF_MULTI),
	CFG_END()
};

/* where the error function of the parse in progress writes */
static char *parse_msg;
static size_t parse_msgsz;

/* the options of a person, "number" and "dials" for callers only */
static const char *const person_opts[] = {
	"number", "dials", "name", "answer", "delay", "reject_code", "tone", "refer",
	"transfer_timeout", "presence", "note", "mediaenc",
};
#define CALLER_ONLY_OPTS 2   /* the first ones of person_opts */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* libconfuse reports through this; keep the first message only */
static void parse_error(cfg_t *cfg, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static void parse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	char text[512];

	if (!parse_msg || parse_msg[0])
		return;
	vsnprintf(text, sizeof(text), fmt, ap);
	snprintf(parse_msg, parse_msgsz, "%s:%d: %s",
		 cfg && cfg->filename ? cfg->filename : "?",
		 cfg ? cfg->line : 0, text);
}

static int fail(const struct office_desc *desc, int line, char *msg,
		size_t msgsz, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int fail(const struct office_desc *desc, int line, char *msg,
		size_t msgsz, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(msg, msgsz, "%s:%d: %s", desc->path, line, text);
	return EINVAL;
}

int office_addr_split(const char *addr, char *host, size_t hostsz,
		      unsigned *port)
{
	const char *colon = addr ? strrchr(addr, ':') : NULL;
	struct in_addr in;
	char *end;
	unsigned long p;
	size_t n;

	if (!colon)
		return EINVAL;
	n = (size_t)(colon - addr);
	if (n == 0 || n >= hostsz)
		return EINVAL;
	memcpy(host, addr, n);
	host[n] = '\0';
	if (inet_pton(AF_INET, host, &in) != 1)
		return EINVAL;
	errno = 0;
	p = strtoul(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || p == 0 || p > 65534)
		return EINVAL;
	*port = (unsigned)p;
	return 0;
}

/* A SIP user part we can put into an AOR without escaping. */
static bool user_valid(const char *s)
{
	if (!s || !*s || strlen(s) >= OFFICE_ID_MAX)
		return false;
	for (; *s; s++) {
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z')
		      || (*s >= 'A' && *s <= 'Z') || strchr("+-_.", *s)))
			return false;
	}
	return true;
}

/* A display name that survives the quoted From header unchanged. */
static bool name_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (strlen(s) >= OFFICE_NAME_MAX)
		return false;
	for (; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			return false;
	}
	return true;
}

/* libconfuse keeps no line per top-level option: find the last
 * line that sets KEY (the value that wins), or 0. */
int office_key_line(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char buf[1024];
	size_t klen = strlen(key);
	int line = 0, found = 0;

	if (!f)
		return 0;
	while (fgets(buf, sizeof(buf), f)) {
		const char *p = buf;

		line++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (0 == strncmp(p, key, klen)
		    && (p[klen] == ' ' || p[klen] == '\t' || p[klen] == '='))
			found = line;
	}
	fclose(f);
	return found;
}

/* libconfuse gives a section the line where it ends: find the line
 * that opens KIND "TITLE" instead (or keep FALLBACK). */
static int section_line(const char *path, const char *kind,
			const char *title, int fallback)
{
	FILE *f = fopen(path, "r");
	char buf[1024], quoted[OFFICE_ID_MAX + 2];
	size_t klen = strlen(kind);
	int line = 0;

	if (!f)
		return fallback;
	snprintf(quoted, sizeof(quoted), "\"%s\"", title);
	while (fgets(buf, sizeof(buf), f)) {
		const char *p = buf;

		line++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, kind, klen) || (p[klen] != ' '
					       && p[klen] != '\t'))
			continue;
		p += klen;
		while (*p == ' ' || *p == '\t')
			p++;
		if (0 == strncmp(p, quoted, strlen(quoted))) {
			fclose(f);
			return line;
		}
	}
	fclose(f);
	return fallback;
}

/* What is wrong with option OPT of a caller or colleague, or NULL. */
static const char *person_problem(cfg_t *sec, const char *opt)
{
	enum office_answer answer;
	enum office_refer refer;
	long v;

	if (0 == strcmp(opt, "number")) {
		const char *num = cfg_getstr(sec, "number");

		if (!num)
			return "has no number";
		if (!user_valid(num))
			return "number must be 1-63 of 0-9 a-z A-Z + - _ .";
	}
	else if (0 == strcmp(opt, "dials")) {
		const char *dials = cfg_getstr(sec, "dials");

		if (dials[0] && !user_valid(dials))
			return "dials must be 1-63 of 0-9 a-z A-Z + - _ .";
	}
	else if (0 == strcmp(opt, "name")) {
		const char *name = cfg_getstr(sec, "name");

		if (name && !name_valid(name))
			return "name must be under 128 bytes without quotes, "
				"backslashes or control characters";
	}
	else if (0 == strcmp(opt, "answer")) {
		if (office_answer_parse(cfg_getstr(sec, "answer"), &answer))
			return "answer must be manual, auto, reject, busy, "
				"noanswer or intercom";
	}
	else if (0 == strcmp(opt, "refer")) {
		if (office_refer_parse(cfg_getstr(sec, "refer"), &refer))
			return "refer must be accept, reject405, reject501 "
				"or silent";
	}
	else if (0 == strcmp(opt, "presence")) {
		enum office_presence pres;

		if (office_presence_parse(cfg_getstr(sec, "presence"), &pres))
			return "presence must be available, away, busy, dnd or "
				"offline";
	}
	else if (0 == strcmp(opt, "note")) {
		if (!office_note_valid(cfg_getstr(sec, "note")))
			return "note must be under 256 bytes of UTF-8 without "
				"control characters";
	}
	else if (0 == strcmp(opt, "transfer_timeout")) {
		v = cfg_getint(sec, "transfer_timeout");
		if (v < 1 || v > OFFICE_TRANSFER_TIMEOUT_MAX)
			return "transfer_timeout must be 1-50 seconds";
	}
	else if (0 == strcmp(opt, "delay")) {
		v = cfg_getint(sec, "delay");
		if (v < 0 || v > 3600)
			return "delay must be 0-3600 seconds";
	}
	else if (0 == strcmp(opt, "reject_code")) {
		v = cfg_getint(sec, "reject_code");
		if (v < 400 || v > 699)
			return "reject_code must be 400-699";
	}
	else if (0 == strcmp(opt, "tone")) {
		v = cfg_getint(sec, "tone");
		if (v != 0 && (v < OFFICE_TONE_MIN || v > OFFICE_TONE_MAX))
			return "tone must be 20-20000 Hz, or 0 for silence";
	}
	else if (0 == strcmp(opt, "mediaenc")) {
		const char *m = cfg_getstr(sec, "mediaenc");

		if (m && *m && strcmp(m, "srtp") && strcmp(m, "srtp-mand") &&
		    strcmp(m, "dtls_srtp"))
			return "mediaenc must be srtp, srtp-mand or dtls_srtp";
	}
	return NULL;
}

/* Called by libconfuse right after the option was read, so the error
 * names the line of the option itself. */
static int person_validate(cfg_t *sec, cfg_opt_t *opt)
{
	const char *problem = person_problem(sec, opt->name);

	if (!problem)
		return 0;
	cfg_error(sec, "%s \"%s\": %s", sec->name,
		  cfg_title(sec) ? cfg_title(sec) : "", problem);
	return -1;
}

static int person_load(struct office_desc *desc, struct office_person *p,
		       cfg_t *sec, enum office_kind kind,
		       char *msg, size_t msgsz)
{
	const char *title = cfg_title(sec);
	const char *what = office_kind_name(kind);
	size_t i;

	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->line = section_line(desc->path, what, title ? title : "",
			       sec->line);

	if (!user_valid(title))
		return fail(desc, p->line, msg, msgsz,
			    "%s \"%s\": the title must be 1-63 of "
			    "0-9 a-z A-Z + - _ .", what, title ? title : "");
	for (i = kind == OFFICE_CALLER ? 0 : CALLER_ONLY_OPTS;
	     i < ARRAY_LEN(person_opts);
	     i++) {
		const char *problem = person_problem(sec, person_opts[i]);

		if (problem)
			return fail(desc, p->line, msg, msgsz, "%s \"%s\": %s",
				    what, title, problem);
	}
	strcpy(p->id, title);
	strcpy(p->user, kind == OFFICE_CALLER ? cfg_getstr(sec, "number")
	       : title);
	strcpy(p->name, cfg_getstr(sec, "name") ? cfg_getstr(sec, "name")
	       : title);
	if (kind == OFFICE_CALLER)
		strcpy(p->dials, cfg_getstr(sec, "dials"));
	(void)office_answer_parse(cfg_getstr(sec, "answer"), &p->answer);
	p->delay = (unsigned)cfg_getint(sec, "delay");
	p->reject_code = (unsigned)cfg_getint(sec, "reject_code");
	p->tone = (unsigned)cfg_getint(sec, "tone");
	(void)office_refer_parse(cfg_getstr(sec, "refer"), &p->refer);
	p->transfer_timeout = (unsigned)cfg_getint(sec, "transfer_timeout");
	(void)office_presence_parse(cfg_getstr(sec, "presence"),
				    &p->presence);
	strcpy(p->note, cfg_getstr(sec, "note"));
	snprintf(p->mediaenc, sizeof(p->mediaenc), "%s",
		 cfg_getstr(sec, "mediaenc"));
	return 0;
}

static int persons_unique(struct office_desc *desc, char *msg, size_t msgsz)
{
	size_t i, j;

	for (i = 0; i < desc->personc; i++) {
		for (j = 0; j < i; j++) {
			const struct office_person *a = &desc->personv[i];
			const struct office_person *b = &desc->personv[j];

			/* name the later line as the duplicate */
			if (a->line < b->line) {
				a = &desc->personv[j];
				b = &desc->personv[i];
			}
			if (0 == strcmp(a->id, b->id)
			    || 0 == strcmp(a->user, b->id)
			    || 0 == strcmp(a->id, b->user))
				return fail(desc, a->line, msg, msgsz,
					    "\"%s\" is already used on line %d",
					    a->id, b->line);
			if (0 == strcasecmp(a->user, b->user))
				return fail(desc, a->line, msg, msgsz,
					    "number \"%s\" is already used on "
					    "line %d", a->user, b->line);
		}
	}
	return 0;
}

/* fail() at the line of top-level option KEY */
static int key_fail(const struct office_desc *desc, const char *key,
		    char *msg, size_t msgsz, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int key_fail(const struct office_desc *desc, const char *key,
		    char *msg, size_t msgsz, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return fail(desc, office_key_line(desc->path, key), msg, msgsz,
		    "%s", text);
}

static int top_load(struct office_desc *desc, cfg_t *cfg,
		    char *msg, size_t msgsz)
{
	const char *listen = cfg_getstr(cfg, "listen");
	const char *ctrl = cfg_getstr(cfg, "ctrl");
	const char *console = cfg_getstr(cfg, "console");
	const char *rec = cfg_getstr(cfg, "record_dir");
	const char *registrar = cfg_getstr(cfg, "registrar");
	char host[64];
	unsigned port;
	struct stat st;
	unsigned i;

	if (office_addr_split(listen, host, sizeof(host), &port))
		return key_fail(desc, "listen", msg, msgsz,
				"listen \"%s\" must be IPv4:PORT (1-65534)",
				listen);
	if (office_addr_split(ctrl, host, sizeof(host), &port))
		return key_fail(desc, "ctrl", msg, msgsz,
				"ctrl \"%s\" must be IPv4:PORT (1-65534)",
				ctrl);
	if (*registrar && office_addr_split(registrar, host, sizeof(host),
					    &port))
		return key_fail(desc, "registrar", msg, msgsz,
				"registrar \"%s\" must be IPv4:PORT "
				"(1-65534)", registrar);
	if (strncmp(console, "sip:", 4) || strlen(console) >= OFFICE_URI_MAX
	    || strpbrk(console, " \t\"<>"))
		return key_fail(desc, "console", msg, msgsz,
				"console \"%s\" must be a sip: URI", console);
	if (strlen(rec) >= OFFICE_PATH_MAX)
		return key_fail(desc, "record_dir", msg, msgsz,
				"record_dir is too long");
	if (*rec && (stat(rec, &st) || !S_ISDIR(st.st_mode)
		     || access(rec, W_OK)))
		return key_fail(desc, "record_dir", msg, msgsz,
				"record_dir \"%s\" is not a writable "
				"directory", rec);
	for (i = 0; i < cfg_size(cfg, "tones"); i++) {
		long hz = cfg_getnint(cfg, "tones", i);

		if (hz < OFFICE_TONE_MIN || hz > OFFICE_TONE_MAX
		    || desc->tonec == OFFICE_TONES_MAX)
			return key_fail(desc, "tones", msg, msgsz, "tones: "
					"%ld: up to %d tones of 20-20000 Hz",
					hz, OFFICE_TONES_MAX);
		desc->tonev[desc->tonec++] = (unsigned)hz;
	}
	strcpy(desc->listen, listen);
	strcpy(desc->ctrl, ctrl);
	strcpy(desc->console, console);
	strcpy(desc->record_dir, rec);
	strcpy(desc->registrar, registrar);
	return 0;
}

static int demo_load(struct office_desc *desc, cfg_t *cfg,
		     char *msg, size_t msgsz)
{
	cfg_t *sec;
	long every, first, hangup;

	if (cfg_size(cfg, "demo") == 0)
		return 0;
	sec = cfg_getnsec(cfg, "demo", cfg_size(cfg, "demo") - 1);
	if (cfg_size(cfg, "demo") > 1)
		return fail(desc, sec->line, msg, msgsz,
			    "only one demo section is allowed");
	every = cfg_getint(sec, "call_every");
	first = cfg_getint(sec, "first_call_after");
	hangup = cfg_getint(sec, "hangup_after");
	if (every < 1 || every > 86400)
		return fail(desc, sec->line, msg, msgsz,
			    "demo: call_every must be 1-86400 seconds");
	if (first < 0 || first > 86400)
		return fail(desc, sec->line, msg, msgsz,
			    "demo: first_call_after must be 0-86400 seconds");
	if (hangup < 0 || hangup > 86400)
		return fail(desc, sec->line, msg, msgsz,
			    "demo: hangup_after must be 0-86400 seconds");
	desc->demo.enabled = true;
	desc->demo.call_every = (unsigned)every;
	desc->demo.first_call_after = (unsigned)first;
	desc->demo.hangup_after = (unsigned)hangup;
	return 0;
}

int office_desc_load(struct office_desc *desc, const char *path,
		     char *msg, size_t msgsz)
{
	cfg_t *cfg = NULL;
	size_t k, i, n = 0;
	int err = 0, rc;

	memset(desc, 0, sizeof(*desc));
	msg[0] = '\0';
	if (strlen(path) >= sizeof(desc->path)) {
		snprintf(msg, msgsz, "%s: path too long", path);
		return ENAMETOOLONG;
	}
	strcpy(desc->path, path);

	cfg = cfg_init(office_opts, CFGF_NONE);
	if (!cfg) {
		snprintf(msg, msgsz, "%s: out of memory", path);
		return ENOMEM;
	}
	cfg_set_error_function(cfg, parse_error);
	for (k = 0; k < OFFICE_KIND_COUNT; k++) {
		char key[64];

		for (i = k == OFFICE_CALLER ? 0 : CALLER_ONLY_OPTS;
		     i < ARRAY_LEN(person_opts); i++) {
			snprintf(key, sizeof(key), "%s|%s", office_kind_name((enum office_kind)k),
				 person_opts[i]);
			cfg_set_validate_func(cfg, key, person_validate);
		}
	}
	parse_msg = msg;
	parse_msgsz = msgsz;
	rc = cfg_parse(cfg, path);
	parse_msg = NULL;
	if (rc == CFG_FILE_ERROR) {
		err = errno ? errno : ENOENT;
		snprintf(msg, msgsz, "%s: %s", path, strerror(err));
		goto out;
	}
	if (rc != CFG_SUCCESS) {
		if (!msg[0])
			snprintf(msg, msgsz, "%s:0: parse error", path);
		err = EINVAL;
		goto out;
	}

	err = top_load(desc, cfg, msg, msgsz);
	if (err)
		goto out;

	for (k = 0; k < OFFICE_KIND_COUNT; k++)
		n += cfg_size(cfg, office_kind_name((enum office_kind)k));
	if (n == 0) {
		err = fail(desc, 1, msg, msgsz,
			   "no caller, colleague or voicemail: the office is "
			   "empty");
		goto out;
	}
	desc->personv = calloc(n, sizeof(*desc->personv));
	if (!desc->personv) {
		err = ENOMEM;
		snprintf(msg, msgsz, "%s: out of memory", path);
		goto out;
	}
	for (k = 0; k < OFFICE_KIND_COUNT; k++) {
		for (i = 0; i < cfg_size(cfg, office_kind_name((enum office_kind)k)); i++) {
			err = person_load(desc, &desc->personv[desc->personc],
					  cfg_getnsec(cfg, office_kind_name((enum office_kind)k), i),
					  (enum office_kind)k, msg, msgsz);
			if (err)
				goto out;
			desc->personc++;
		}
	}
	err = persons_unique(desc, msg, msgsz);
	if (!err)
		err = demo_load(desc, cfg, msg, msgsz);

 out:
	cfg_free(cfg);
	if (err)
		office_desc_free(desc);
	return err;
}

void office_desc_free(struct office_desc *desc)
{
	free(desc->personv);
	desc->personv = NULL;
	desc->personc = 0;
}
