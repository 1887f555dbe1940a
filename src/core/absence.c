/*
 * absence.c — the operator keeps track of colleagues who are out: until
 * when and why, shown on the board, kept across restarts in a state
 * file, and offered instead of a transfer to them (their voicemail,
 * their deputy). An absence ends by itself at its time: on the tick
 * while calls exist, and whenever the board asks about it.
 */
#include "board.h"
#include "absence.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "board_int.h"
#include "durable.h"
#include "operation.h"
#include "pending_offer.h"
#include "target.h"

#define ABSENCES_MAX 256

struct absence_state {
	struct absence list[ABSENCES_MAX];
	size_t n;
	char path[PATH_MAX];
	int64_t (*wall_s)(void);
	struct pending_offer offer;   /* the absent colleague just named */
};

extern const struct op_kind op_absence;

static struct absence_state *absences(struct board *b)
{
	return op_state(b, &op_absence);
}

static int64_t wall_now(const struct absence_state *st)
{
	return st && st->wall_s ? st->wall_s() : (int64_t)time(NULL);
}

int absence_parse_until(const char *word, int64_t now_s, int64_t *until)
{
	time_t now = (time_t)now_s, t;
	struct tm tm;
	int h, m, y, mo, d;
	char end;

	if (!localtime_r(&now, &tm))
		return EINVAL;
	if (sscanf(word, "%d:%d%c", &h, &m, &end) == 2 && h >= 0 && h < 24 &&
	    m >= 0 && m < 60 && strlen(word) <= 5) {
		tm.tm_hour = h;
		tm.tm_min = m;
		tm.tm_sec = 0;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t <= now) {
			/* passed today: the same time tomorrow */
			tm.tm_mday++;
			tm.tm_hour = h;
			tm.tm_min = m;
			tm.tm_isdst = -1;
			t = mktime(&tm);
		}
	}
	else if (sscanf(word, "%4d-%2d-%2d%c", &y, &mo, &d, &end) == 3 &&
		 strlen(word) == 10 && mo >= 1 && mo <= 12 && d >= 1 &&
		 d <= 31) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (tm.tm_mday != d || t <= now)
			return EINVAL;   /* 31 February, or already past */
	}
	else {
		return EINVAL;
	}
	if (t == (time_t)-1)
		return EINVAL;
	*until = (int64_t)t;
	return 0;
}

/* When A ends, as a person says it: the time today, else the day. */
static void until_words(const struct absence *a, int64_t now_s, bool brief,
			char *when, size_t sz)
{
	time_t now = (time_t)now_s, until = (time_t)a->until_s;
	struct tm tn, tu;

	localtime_r(&now, &tn);
	localtime_r(&until, &tu);
	if ((tn.tm_year == tu.tm_year && tn.tm_yday == tu.tm_yday) ||
	    (brief && a->until_s - now_s < 24 * 3600))
		strftime(when, sz, "%H:%M", &tu);
	else if (!tu.tm_hour && !tu.tm_min)
		strftime(when, sz, "%Y-%m-%d", &tu);
	else
		strftime(when, sz, "%a %H:%M", &tu);
}

/* "out - back 14:00, lunch"; BRIEF drops the "out - " and names no
 * day within 24 hours. */
static void absence_words(const struct absence *a, int64_t now_s,
			  bool brief, char *buf, size_t sz)
{
	const char *out = brief ? "" : "out - ";
	char when[32];

	if (!a->until_s) {
		snprintf(buf, sz, a->note[0] ? "out - %s" : "out", a->note);
		return;
	}
	until_words(a, now_s, brief, when, sizeof(when));
	snprintf(buf, sz, "%sback %s%s%s", out, when, a->note[0] ? ", " : "",
		 a->note);
}

void absence_text(const struct absence *a, int64_t now_s, char *buf,
		  size_t sz)
{
	absence_words(a, now_s, false, buf, sz);
}

void absence_text_brief(const struct absence *a, int64_t now_s, char *buf,
			size_t sz)
{
	absence_words(a, now_s, true, buf, sz);
}

/* The whole list, written beside and renamed over the old one, so a
 * crash leaves the old file or the new one, never half of one; the
 * new file and its directory are fsync'd off the main loop. */
static int absences_save(struct absence_state *st)
{
	char tmp[PATH_MAX + 8];
	FILE *fp;
	size_t i;
	int err = 0, fd;

	if (!st->path[0])
		return 0;
	snprintf(tmp, sizeof(tmp), "%s.tmp", st->path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	fp = fdopen(fd, "w");
	if (!fp) {
		err = errno;
		close(fd);
		unlink(tmp);
		return err;
	}
	/* one JSON object a line: number, until (s since 1970, 0: until
	 * marked present), note */
	for (i = 0; i < st->n && !err; i++) {
		json_t *o = json_pack("{s:s, s:I, s:s}",
				      "number", st->list[i].number,
				      "until", (json_int_t)st->list[i].until_s,
				      "note", st->list[i].note);
		char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;

		if (!text || fprintf(fp, "%s\n", text) < 0)
			err = text ? EIO : ENOMEM;
		free(text);
		json_decref(o);
	}
	if (!err && fflush(fp))
		err = errno;
	if (fclose(fp) && !err)
		err = errno;
	if (!err && rename(tmp, st->path))
		err = errno;
	if (err) {
		unlink(tmp);
		return err;
	}
	durable_sync(open(st->path, O_RDONLY | O_CLOEXEC));
	durable_sync_dir(st->path);
	return 0;
}

static void absences_write(struct board *b, struct absence_state *st)
{
	int err = absences_save(st);

	if (err)
		board_status(b, true, "Cannot keep the absences in %s: %s",
			     st->path, strerror(err));
}

static struct absence *absence_find(struct absence_state *st,
				    const char *number)
{
	size_t i;

	for (i = 0; st && i < st->n; i++) {
		if (!strcmp(st->list[i].number, number))
			return &st->list[i];
	}
	return NULL;
}

static void absence_remove(struct absence_state *st, struct absence *a)
{
	size_t i = (size_t)(a - st->list);

	memmove(&st->list[i], &st->list[i + 1],
		(st->n - i - 1) * sizeof(st->list[0]));
	st->n--;
}

/* Absences whose time has come end: the board shows them present. */
static void absences_expire(struct board *b, struct absence_state *st)
{
	int64_t now = wall_now(st);
	bool ended = false;
	size_t i;

	for (i = 0; st && i < st->n; ) {
		if (st->list[i].until_s && st->list[i].until_s <= now) {
			absence_remove(st, &st->list[i]);
			ended = true;
			continue;
		}
		i++;
	}
	if (ended) {
		board_touch(b, DIRTY_EXTS);
		absences_write(b, st);
	}
}

/* Notes from the file keep to what the board can show. */
static void note_clean(char *dst, size_t sz, const char *src)
{
	size_t o = 0;

	for (; *src && o + 1 < sz; src++)
		dst[o++] = (unsigned char)*src < 0x20 || *src == 0x7f ? ' ' :
			   *src;
	dst[o] = '\0';
}

int board_absence_open(struct board *b, const char *path,
		       int64_t (*wall_s)(void))
{
	struct absence_state *st = absences(b);
	char line[1024];
	unsigned lineno = 0;
	FILE *fp;

	if (!st)
		return ENOMEM;
	st->wall_s = wall_s;
	snprintf(st->path, sizeof(st->path), "%s", path ? path : "");
	if (!st->path[0])
		return 0;
	fp = fopen(st->path, "re");
	if (!fp)
		return errno == ENOENT ? 0 : errno;
	while (fgets(line, sizeof(line), fp)) {
		const char *number = NULL, *note = "";
		json_int_t until = -1;
		struct absence a;
		json_t *o;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			continue;
		o = json_loads(line, 0, NULL);
		if (!o || json_unpack(o, "{s:s, s:I, s?s}", "number", &number,
				      "until", &until, "note", &note) ||
		    until < 0 || !number[0] ||
		    strlen(number) >= sizeof(a.number)) {
			/* a torn or foreign line costs only itself */
			board_status(b, true, "%s:%u: not an absence, "
				     "skipped", st->path, lineno);
			json_decref(o);
			continue;
		}
		if (!absence_find(st, number) && st->n < ABSENCES_MAX) {
			memset(&a, 0, sizeof(a));
			snprintf(a.number, sizeof(a.number), "%s", number);
			a.until_s = until;
			note_clean(a.note, sizeof(a.note), note);
			st->list[st->n++] = a;
		}
		json_decref(o);
	}
	fclose(fp);
	absences_expire(b, st);
	board_touch(b, DIRTY_EXTS);
	return 0;
}

const struct absence *board_absence(struct board *b, const char *number)
{
	struct absence_state *st = absences(b);

	if (!st || !st->n)
		return NULL;
	absences_expire(b, st);
	return absence_find(st, number);
}

int board_absent(struct board *b, const char *text)
{
	struct absence_state *st = absences(b);
	const struct extension *ext;
	struct absence a, *old;
	char word[64], shown[160];
	const char *p = text;
	int n = 0;

	if (!st)
		return ENOMEM;
	memset(&a, 0, sizeof(a));
	if (sscanf(p, "%63s%n", word, &n) != 1) {
		board_status(b, true, "absent needs a colleague: absent 201 "
			     "[until 14:00] [note]");
		return EINVAL;
	}
	p += n;
	ext = board_extension(b, word);
	if (!ext || ext_is_group(ext)) {
		board_status(b, true, "absent: '%s' is no colleague's "
			     "extension number", word);
		return EINVAL;
	}
	if (sscanf(p, "%63s%n", word, &n) == 1 && !strcmp(word, "until")) {
		p += n;
		if (sscanf(p, "%63s%n", word, &n) != 1 ||
		    absence_parse_until(word, wall_now(st), &a.until_s)) {
			board_status(b, true, "absent: until takes HH:MM or "
				     "YYYY-MM-DD (a day to come)%s%s",
				     n ? ", not " : "", n ? word : "");
			return EINVAL;
		}
		p += n;
	}
	p += strspn(p, " \t");
	if (strlen(p) >= sizeof(a.note)) {
		board_status(b, true, "absent: a note has at most %zu "
			     "characters", sizeof(a.note) - 1);
		return EINVAL;
	}
	note_clean(a.note, sizeof(a.note), p);
	snprintf(a.number, sizeof(a.number), "%s", ext->number);
	old = absence_find(st, a.number);
	if (old)
		*old = a;
	else if (st->n < ABSENCES_MAX)
		st->list[st->n++] = a;
	else {
		board_status(b, true, "Cannot mark %s out: %d colleagues are "
			     "out already", ext->name, ABSENCES_MAX);
		return ENOSPC;
	}
	absences_write(b, st);
	board_touch(b, DIRTY_EXTS);
	absence_text(&a, wall_now(st), shown, sizeof(shown));
	board_status(b, false, "%s is %s", ext->name, shown);
	return 0;
}

int board_present(struct board *b, const char *target)
{
	struct absence_state *st = absences(b);
	const struct extension *ext = board_extension(b, target);
	struct absence *a;

	if (!ext) {
		board_status(b, true, "present: '%s' is no colleague's "
			     "extension number", target);
		return EINVAL;
	}
	a = absence_find(st, ext->number);
	if (!a) {
		board_status(b, false, "%s is not marked out", ext->name);
		return 0;
	}
	absence_remove(st, a);
	absences_write(b, st);
	board_touch(b, DIRTY_EXTS);
	board_status(b, false, "%s is back", ext->name);
	return 0;
}

/* A contact's mobile number, NULL when the directory has none. */
static const char *mobile_of(const struct extension *ext)
{
	size_t i;

	for (i = 0; i < ext->nnumbers; i++) {
		if (!strcmp(ext->numbers[i].label, "mobile") &&
		    ext->numbers[i].number[0])
			return ext->numbers[i].number;
	}
	return NULL;
}

bool board_absence_offer(struct board *b, line_id caller,
			 const struct extension *ext, bool blind)
{
	struct absence_state *st = absences(b);
	const struct absence *a;
	const struct extension *deputy;
	char text[160], when[160], alt[160] = "", reach[48] = "";
	const char *back;

	(void)blind;
	if (!st || !ext || ext->kind != EXT_PERSON)
		return false;
	a = board_absence(b, ext->number);
	if (!a || pending_offer_again(&st->offer, caller, ext->number))
		return false;
	pending_offer_set(&st->offer, caller, ext->number);
	absence_text(a, wall_now(st), text, sizeof(text));
	back = strncmp(text, "out - back ", 11) ? NULL : text + 11;
	deputy = ext->deputy[0] ? board_extension(b, ext->deputy) : NULL;
	if (deputy)
		snprintf(alt, sizeof(alt), ", %s deputy %s",
			 board_key(b, "deputy"), deputy->name);
	if (mobile_of(ext))
		snprintf(reach, sizeof(reach), "%s mobile, ",
			 board_key(b, "mobile"));
	if (back)
		snprintf(when, sizeof(when), "out until %s", back);
	board_status(b, false, "%s is %s - %s%s voicemail%s, %s keeps the "
		     "caller", ext->name, back ? when : "out", reach,
		     board_key(b, "voicemail"), alt, board_key(b, "cancel"));
	return true;
}

/* The absent colleague of the offer still pending for a caller that
 * is still here; NULL otherwise. */
static const struct extension *offered(struct board *b, line_id *caller)
{
	struct absence_state *st = absences(b);

	if (!st || !st->offer.caller || !board_line(b, st->offer.caller))
		return NULL;
	*caller = st->offer.caller;
	return board_extension(b, st->offer.target);
}

int board_deputy(struct board *b, line_id sel)
{
	struct absence_state *st = absences(b);
	const struct extension *ext, *deputy;
	line_id caller = 0;

	ext = offered(b, &caller);
	if (!ext) {
		board_status(b, true, "No transfer to an absent colleague "
			     "to send to their deputy");
		return ENOENT;
	}
	deputy = ext->deputy[0] ? board_extension(b, ext->deputy) : NULL;
	if (!deputy) {
		board_status(b, true, "%s has no deputy (deputy = \"NUMBER\" "
			     "in their extension)", ext->name);
		return ENOENT;
	}
	(void)sel;
	st->offer.caller = 0;
	return board_blind(b, caller, deputy->number);
}

int board_mobile(struct board *b, line_id sel, const char *target)
{
	struct absence_state *st = absences(b);
	const struct extension *ext;
	const char *mobile;
	line_id caller = sel;
	char uri[256], why[160];

	if (target && target[0]) {
		if (target_resolve(target, b->exts, b->nexts,
				   b->default_domain, uri, sizeof(uri), &ext,
				   why, sizeof(why)) != TARGET_OK || !ext ||
		    ext->kind != EXT_PERSON) {
			board_status(b, true, "mobile: '%s' is no contact of "
				     "the directory", target);
			return ENOENT;
		}
	} else {
		ext = offered(b, &caller);
		if (!ext) {
			board_status(b, true, "No transfer to an absent "
				     "colleague: give a name (%s NAME)",
				     board_key(b, "mobile"));
			return ENOENT;
		}
	}
	mobile = mobile_of(ext);
	if (!mobile) {
		board_status(b, true, "%s has no mobile number in the "
			     "directory", ext->name);
		return ENOENT;
	}
	if (!caller || !board_line(b, caller)) {
		board_status(b, true, "No caller to send to %s's mobile",
			     ext->name);
		return ENOENT;
	}
	if (st && st->offer.caller == caller)
		st->offer.caller = 0;
	return board_blind(b, caller, mobile);
}

/* The voicemail key right after an offer: the absent colleague's. */
const char *board_absence_offered(struct board *b)
{
	line_id caller = 0;
	const struct extension *ext = offered(b, &caller);

	return ext ? ext->number : NULL;
}

/* Esc after an offer: the caller stays with the operator. */
bool board_absence_decline(struct board *b)
{
	struct absence_state *st = absences(b);
	line_id caller = 0;
	struct line *l;

	if (!offered(b, &caller))
		return false;
	st->offer.caller = 0;
	l = board_line(b, caller);
	board_status(b, false, "%s stays with you%s", board_line_label(l),
		     l->state == LINE_HELD ? ", on hold" : "");
	return true;
}

static void absence_tick(struct board *b, int64_t now)
{
	(void)now;
	absences_expire(b, absences(b));
}

const struct op_kind op_absence = {
	.name = "absence",
	.tick = absence_tick,
	.state_size = sizeof(struct absence_state),
};
