/*
 * theme.c — the schema of themes/NAME.theme and the built-in plain
 * theme underneath every file.
 */
#include "theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <confuse.h>

#include "cfgfile.h"

static const char *const style_names[STYLE_COUNT] = {
	[STYLE_NORMAL]             = "normal",
	[STYLE_BORDER]             = "border",
	[STYLE_TITLE]              = "title",
	[STYLE_SELECTED]           = "selected",
	[STYLE_RINGING]            = "ringing",
	[STYLE_DIALING]            = "dialing",
	[STYLE_TALKING]            = "talking",
	[STYLE_HELD]               = "held",
	[STYLE_RECALL]             = "recall",
	[STYLE_CONSULT]            = "consult",
	[STYLE_CONFERENCE]         = "conference",
	[STYLE_STATUS]             = "status",
	[STYLE_STATUS_ERROR]       = "status-error",
	[STYLE_PROMPT]             = "prompt",
	[STYLE_HELP]               = "help",
	[STYLE_LOG]                = "log",
	[STYLE_LOG_ERROR]          = "log-error",
	[STYLE_PRESENCE_AVAILABLE] = "presence-available",
	[STYLE_PRESENCE_AWAY]      = "presence-away",
	[STYLE_PRESENCE_BUSY]      = "presence-busy",
	[STYLE_PRESENCE_DND]       = "presence-dnd",
	[STYLE_PRESENCE_OFFLINE]   = "presence-offline",
	[STYLE_PRESENCE_UNKNOWN]   = "presence-unknown",
	[STYLE_ALARM]              = "alarm",
};

/* What a monochrome terminal shows when the theme says nothing. */
static const unsigned mono_defaults[STYLE_COUNT] = {
	[STYLE_TITLE]              = ATTR_BOLD,
	[STYLE_SELECTED]           = ATTR_REVERSE,
	[STYLE_RINGING]            = ATTR_BOLD,
	[STYLE_HELD]               = ATTR_DIM,
	[STYLE_RECALL]             = ATTR_BOLD | ATTR_REVERSE,
	[STYLE_CONSULT]            = ATTR_UNDERLINE,
	[STYLE_CONFERENCE]         = ATTR_BOLD,
	[STYLE_STATUS]             = ATTR_REVERSE,
	[STYLE_STATUS_ERROR]       = ATTR_BOLD | ATTR_REVERSE,
	[STYLE_PROMPT]             = ATTR_BOLD,
	[STYLE_LOG_ERROR]          = ATTR_BOLD,
	[STYLE_PRESENCE_AVAILABLE] = ATTR_BOLD,
	[STYLE_PRESENCE_OFFLINE]   = ATTR_DIM,
	[STYLE_PRESENCE_UNKNOWN]   = ATTR_DIM,
	[STYLE_ALARM]              = ATTR_REVERSE | ATTR_UNDERLINE,
};

static const char *const colour_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
	const char *name;
	unsigned bit;
} attr_names[] = {
	{ "bold", ATTR_BOLD },
	{ "dim", ATTR_DIM },
	{ "underline", ATTR_UNDERLINE },
	{ "reverse", ATTR_REVERSE },
	{ "blink", ATTR_BLINK },
	{ "italic", ATTR_ITALIC },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Every option is CFGF_NODEFAULT so that a style only overrides what it
 * names and keeps the built-in value for the rest. */
static cfg_opt_t style_opts[] = {
	CFG_STR("fg", NULL, CFGF_NODEFAULT),
	CFG_STR("bg", NULL, CFGF_NODEFAULT),
	CFG_STR("attrs", NULL, CFGF_NODEFAULT),
	CFG_STR("mono", NULL, CFGF_NODEFAULT),
	CFG_INT("fg256", 0, CFGF_NODEFAULT),
	CFG_INT("bg256", 0, CFGF_NODEFAULT),
	CFGFILE_SECTION_MARK,
	CFG_END()
};

static cfg_opt_t theme_opts[] = {
	CFG_SEC("style", style_opts, CFGF_MULTI | CFGF_TITLE),
	CFG_END()
};

const char *style_name(enum style_id id)
{
	if ((unsigned)id >= STYLE_COUNT)
		return "?";
	return style_names[id];
}

static int style_find(const char *name)
{
	int i;

	for (i = 0; i < STYLE_COUNT; i++) {
		if (!strcmp(style_names[i], name))
			return i;
	}
	return -1;
}

void theme_defaults(struct theme *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	snprintf(t->name, sizeof(t->name), "built-in");
	for (i = 0; i < STYLE_COUNT; i++) {
		t->styles[i].fg = COLOUR_DEFAULT;
		t->styles[i].bg = COLOUR_DEFAULT;
		t->styles[i].fg256 = COLOUR_UNSET;
		t->styles[i].bg256 = COLOUR_UNSET;
		t->styles[i].attrs = 0;
		t->styles[i].mono_attrs = mono_defaults[i];
	}
}

static int colour_parse(const char *s, short *out)
{
	size_t i;

	if (!strcmp(s, "default")) {
		*out = COLOUR_DEFAULT;
		return 0;
	}
	for (i = 0; i < COUNT(colour_names); i++) {
		if (!strcmp(s, colour_names[i])) {
			*out = (short)i;
			return 0;
		}
	}
	return EINVAL;
}

/* Parses "bold,reverse" (spaces allowed around names; "none" or "" is
 * no attribute). On an unknown name, copies it to bad and fails. */
static int attrs_parse(const char *s, unsigned *out, char *bad,
		       size_t badsz)
{
	unsigned attrs = 0;
	size_t i, n;

	while (*s) {
		s += strspn(s, " \t,");
		n = strcspn(s, ",");
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (!n)
			break;
		for (i = 0; i < COUNT(attr_names); i++) {
			if (strlen(attr_names[i].name) == n &&
			    !strncmp(s, attr_names[i].name, n))
				break;
		}
		if (i < COUNT(attr_names))
			attrs |= attr_names[i].bit;
		else if (!(n == 4 && !strncmp(s, "none", 4))) {
			snprintf(bad, badsz, "%.*s", (int)n, s);
			return EINVAL;
		}
		s += n;
		s += strcspn(s, ",");
	}
	*out = attrs;
	return 0;
}

/* Checks a value as soon as it is read, so the error has its line. */
static int value_validate(cfg_t *cfg, cfg_opt_t *opt)
{
	struct cfgfile *cf = cfgfile_current();
	char bad[64];
	unsigned attrs;
	short colour;
	long n;

	if (!cf)
		return 0;

	if (opt->type == CFGT_INT) {
		n = cfg_opt_getnint(opt, 0);
		if (n < -1 || n > 255)
			cfgfile_error(cf, cfg->line,
				      "%s %ld is out of range (-1 to 255)",
				      opt->name, n);
	} else if (!strcmp(opt->name, "fg") || !strcmp(opt->name, "bg")) {
		const char *s = cfg_opt_getnstr(opt, 0);

		if (colour_parse(s, &colour))
			cfgfile_error(cf, cfg->line,
				      "unknown colour '%s' (use black, red, green, yellow, blue, magenta, cyan, white or default)",
				      s);
	} else {
		if (attrs_parse(cfg_opt_getnstr(opt, 0), &attrs, bad,
				sizeof(bad)))
			cfgfile_error(cf, cfg->line,
				      "unknown attribute '%s' (use bold, dim, underline, reverse, blink, italic or none)",
				      bad);
	}
	return 0;
}

static void style_opened(struct cfgfile *cf, cfg_t *sec, int line,
			 int first_line)
{
	const char *title = cfg_title(sec);

	if (!strcmp(title, "offered"))   /* its name until 0.1 */
		cfgfile_error(cf, line,
			      "unknown element 'offered' (it is called 'ringing' now)");
	else if (style_find(title) < 0)
		cfgfile_error(cf, line, "unknown element '%s'", title);
	else if (first_line)
		cfgfile_error(cf, line,
			      "duplicate style '%s' (first defined on line %d)",
			      title, first_line);
}

/* Applies one checked style section over the built-in style. */
static void style_apply(struct style *st, cfg_t *sec)
{
	char bad[64];

	if (cfg_size(sec, "fg"))
		colour_parse(cfg_getstr(sec, "fg"), &st->fg);
	if (cfg_size(sec, "bg"))
		colour_parse(cfg_getstr(sec, "bg"), &st->bg);
	if (cfg_size(sec, "fg256"))
		st->fg256 = (short)cfg_getint(sec, "fg256");
	if (cfg_size(sec, "bg256"))
		st->bg256 = (short)cfg_getint(sec, "bg256");
	if (cfg_size(sec, "attrs"))
		attrs_parse(cfg_getstr(sec, "attrs"), &st->attrs, bad,
			    sizeof(bad));
	if (cfg_size(sec, "mono"))
		attrs_parse(cfg_getstr(sec, "mono"), &st->mono_attrs, bad,
			    sizeof(bad));
}

/* The theme's name is its file name without directory and ".theme". */
static void theme_name_set(struct theme *t, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && !strcmp(base + n - 6, ".theme"))
		n -= 6;
	snprintf(t->name, sizeof(t->name), "%.*s", (int)n, base);
}

int theme_load(struct theme *t, const char *path, struct diag *d)
{
	static const char *const checked[] = {
		"style|fg", "style|bg", "style|attrs", "style|mono",
		"style|fg256", "style|bg256",
	};
	struct cfgfile cf = {
		.path = path,
		.d = d,
		.openh = style_opened,
	};
	struct theme loaded;
	cfg_t *cfg;
	size_t i;
	int err;

	theme_defaults(t);
	cfg = cfg_init(theme_opts, CFGF_NONE);
	if (!cfg) {
		diag_add(d, DIAG_ERROR, path, 0, "%s", strerror(ENOMEM));
		return ENOMEM;
	}
	for (i = 0; i < COUNT(checked); i++)
		cfg_set_validate_func(cfg, checked[i], value_validate);

	err = cfgfile_parse(&cf, cfg);
	if (err)
		goto out;

	theme_defaults(&loaded);
	theme_name_set(&loaded, path);
	for (i = 0; i < cfg_size(cfg, "style"); i++) {
		cfg_t *sec = cfg_getnsec(cfg, "style", i);

		style_apply(&loaded.styles[style_find(cfg_title(sec))], sec);
	}
	*t = loaded;

out:
	cfg_free(cfg);
	return err;
}
