/*
 * history_book.c — the history file read back with jansson, newest
 * first and lazily: opening maps the file and parses only the lines the
 * view shows first; the rest is parsed in slices from the main loop.
 * The file's upkeep (marks, sealing, pruning) is history_file.c.
 */
#define _GNU_SOURCE
#include "history_book.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "callback.h"
#include "duration.h"
#include "evlog.h"
#include "fold.h"

#define ARENA_BLOCK 65536
/* a mark names a call by its time; records are in time order, so a mark
 * far newer than the record being read marks nothing older: an hour of
 * slack for a clock set back */
#define MARK_SLACK_S 3600

struct history_mark {
	int64_t of;
	const char *number;
	const char *how;
};

struct history_arena_block {
	struct history_arena_block *next;
	size_t used, cap;
	char data[];
};

bool history_record_missed(const struct history_record *r)
{
	return r->inbound && (!strcmp(r->outcome, "missed") ||
			      !strcmp(r->outcome, "abandoned"));
}

/* A copy of S that lives as long as the book; "" costs nothing. */
static const char *arena_put(struct history_book *book, const char *s)
{
	struct history_arena_block *blk = book->arena;
	size_t len = strlen(s) + 1;
	char *p;

	if (len == 1)
		return "";
	if (!blk || blk->used + len > blk->cap) {
		size_t cap = len > ARENA_BLOCK ? len : ARENA_BLOCK;

		blk = malloc(sizeof(*blk) + cap);
		if (!blk)
			return NULL;
		blk->next = book->arena;
		blk->used = 0;
		blk->cap = cap;
		book->arena = blk;
		book->arena_bytes += sizeof(*blk) + cap;
	}
	p = blk->data + blk->used;
	memcpy(p, s, len);
	blk->used += len;
	return p;
}

static const char *field_str(struct history_book *book, json_t *o,
			     const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return arena_put(book, s ? s : "");
}

static int64_t field_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : -1;
}

static int32_t field_i32(json_t *o, const char *key)
{
	int64_t v = field_int(o, key);

	return v > INT32_MAX ? INT32_MAX : (int32_t)v;
}

static int record_push(struct history_book *book,
		       const struct history_record *r)
{
	if (book->n == book->cap) {
		size_t cap = book->cap ? book->cap * 2 : 256;
		void *p = realloc(book->recs, cap * sizeof(*book->recs));
		void *q;

		if (!p)
			return ENOMEM;
		book->recs = p;
		q = realloc(book->hay_at, cap * sizeof(*book->hay_at));
		if (!q)
			return ENOMEM;
		book->hay_at = q;
		book->cap = cap;
	}
	book->recs[book->n++] = *r;
	return 0;
}

static int mark_push(struct history_book *book, json_t *o)
{
	struct history_mark *m;

	if (book->nmarks == book->capmarks) {
		size_t cap = book->capmarks ? book->capmarks * 2 : 32;
		void *p = realloc(book->marks, cap * sizeof(*book->marks));

		if (!p)
			return ENOMEM;
		book->marks = p;
		book->capmarks = cap;
	}
	m = &book->marks[book->nmarks];
	m->of = field_int(o, "of");
	m->number = field_str(book, o, "number");
	m->how = field_str(book, o, "how");
	if (!m->number || !m->how)
		return ENOMEM;
	book->nmarks++;
	return 0;
}

/* The marks read so far (all newer) that name R make it handled. */
static void marks_apply(struct history_book *book, struct history_record *r)
{
	size_t i = 0;

	while (i < book->nmarks) {
		const struct history_mark *m = &book->marks[i];

		if (m->of > r->at + MARK_SLACK_S) {
			book->marks[i] = book->marks[--book->nmarks];
			continue;
		}
		/* within a second, as the console learnt it from the board */
		if (r->at >= m->of - 1 && r->at <= m->of + 1 &&
		    !strcmp(r->number, m->number)) {
			r->handled = true;
			r->how = m->how;
		}
		i++;
	}
}

/* The URI for find, without what the rest already says: its scheme,
 * and its user part when that is the number. */
static const char *uri_rest(const struct history_record *r)
{
	const char *u = r->uri;
	size_t nlen = strlen(r->number);

	if (!strncmp(u, "sip:", 4))
		u += 4;
	if (nlen && !strncmp(u, r->number, nlen) && u[nlen] == '@')
		u += nlen;
	return u;
}

/* Find reads one folded string: a search over all of them at once is
 * several times faster than a case-blind search of each field; the
 * shorter it is, the faster (who got the call is often in the outcome
 * text already). How often each byte occurs is counted for find. */
static int hay_make(struct history_book *book, const struct history_record *r)
{
	char outcome[96], hay[1024];
	size_t len;

	history_outcome_text(r, outcome, sizeof(outcome));
	len = (size_t)snprintf(hay, sizeof(hay), "%s\x1f%s\x1f%s\x1f%s\x1f%s"
			       "\x1f%s", r->number, r->name, r->company,
			       strstr(outcome, r->to) ? "" : r->to, outcome,
			       uri_rest(r));
	if (len >= sizeof(hay))
		len = sizeof(hay) - 1;
	/* folding never makes UTF-8 longer: the room for the text will do */
	if (book->hays_len + len + 1 > book->hays_cap) {
		size_t cap = book->hays_cap ? book->hays_cap * 2 : 65536;
		void *p;

		while (cap < book->hays_len + len + 1)
			cap *= 2;
		p = realloc(book->hays, cap);
		if (!p)
			return ENOMEM;
		book->hays = p;
		book->hays_cap = cap;
	}
	book->hay_at[book->n - 1] = (uint32_t)book->hays_len;
	len = text_fold(book->hays + book->hays_len, len + 1, hay) + 1;
	for (; len > 0; len--)
		book->freq[(unsigned char)book->hays[book->hays_len++]]++;
	return 0;
}

/* One line: false when it is not a record (torn, edited, not JSON). */
static bool line_take(struct history_book *book, const char *line,
		      size_t len, int *err)
{
	struct history_record r;
	json_error_t jerr;
	const char *kind, *dir;
	json_t *o = json_loadb(line, len, 0, &jerr);
	bool ok = false;

	if (!o)
		return false;
	if (!json_is_object(o))
		goto out;
	kind = json_string_value(json_object_get(o, "record"));
	memset(&r, 0, sizeof(r));
	r.at = field_int(o, "at");
	if (r.at < 0)
		goto out;
	ok = true;
	/* records are in time order: every line before this one is older */
	if (r.at < book->since) {
		book->left = 0;
		goto out;
	}
	if (kind && !strcmp(kind, "handled")) {
		*err = mark_push(book, o);
		goto out;
	}
	if (!kind || strcmp(kind, "call"))
		goto out;
	dir = json_string_value(json_object_get(o, "dir"));
	r.inbound = dir && !strcmp(dir, "in");
	r.answered = json_is_true(json_object_get(o, "answered"));
	r.waited_s = field_i32(o, "waited_s");
	r.talked_s = field_i32(o, "talked_s");
	r.rang_s = field_i32(o, "rang_s");
	r.reminders = field_i32(o, "reminders");
	r.outcome = field_str(book, o, "outcome");
	if (r.outcome && !r.outcome[0])
		r.outcome = r.answered ? "answered" : "missed";
	r.how = "";
	r.number = field_str(book, o, "number");
	r.uri = field_str(book, o, "uri");
	r.name = field_str(book, o, "name");
	r.company = field_str(book, o, "company");
	r.to = field_str(book, o, "to");
	if (!r.outcome || !r.number || !r.uri || !r.name || !r.company ||
	    !r.to) {
		*err = ENOMEM;
		goto out;
	}
	marks_apply(book, &r);
	*err = record_push(book, &r);
	if (!*err) {
		*err = hay_make(book, &r);
		if (*err)
			book->n--;   /* a record find cannot see is not kept */
	}
out:
	json_decref(o);
	return ok;
}

/* The 1-based line of byte AT. */
static size_t line_number(const char *map, size_t at)
{
	const char *p = map, *end = map + at;
	size_t n = 1;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Said once: the lines the board was already told about stay quiet. */
static void bad_say(struct history_book *book)
{
	char msg[sizeof(book->path) + 100];

	if (!book->bad || !book->warn_to ||
	    board_history_warned(book->warn_to, book->first_bad_at,
				 book->last_bad_at))
		return;
	snprintf(msg, sizeof(msg), "%s:%zu: an unreadable record skipped "
		 "(cut short by a crash?)", book->path, book->first_bad_line);
	if (book->bad > 1)
		snprintf(msg + strlen(msg), sizeof(msg) - strlen(msg),
			 ", and %zu more", book->bad - 1);
	board_log(book->warn_to, 1, msg);
}

/* Every line parsed: the file is let go, bad lines are said. */
static void book_finish(struct history_book *book)
{
	/* counting lines reads the whole file: only for someone to tell */
	if (book->bad && book->warn_to)
		book->first_bad_line = line_number(book->map,
					(size_t)book->first_bad_at);
	bad_say(book);
	if (book->map)
		munmap((void *)book->map, book->map_len);
	book->map = NULL;
	free(book->marks);
	book->marks = NULL;
	book->nmarks = book->capmarks = 0;
}

/* Parses the line that ends where book->left is; false on no memory. */
static bool line_back(struct history_book *book, int *err)
{
	const char *map = book->map, *nl;
	size_t end = book->left, start;
	bool whole = map[end - 1] == '\n';

	if (whole)
		end--;
	nl = end ? memrchr(map, '\n', end) : NULL;
	start = nl ? (size_t)(nl - map) + 1 : 0;
	book->left = start;
	/* a last line without its newline is a record cut short */
	if (whole && line_take(book, map + start, end - start, err))
		return !*err;
	if (*err)
		return false;
	book->bad++;
	book->first_bad_at = (long)start;
	if (book->last_bad_at < 0)
		book->last_bad_at = (long)start;
	return true;
}

bool history_book_more(struct history_book *book, size_t lines)
{
	int err = 0;

	if (!book->map)
		return false;
	while (lines-- > 0 && book->left > 0 && line_back(book, &err))
		;
	if (err)
		book->left = 0;   /* what was read stays; the rest is lost */
	if (book->left == 0)
		book_finish(book);
	return book->map != NULL;
}

bool history_book_complete(const struct history_book *book)
{
	return !book->map;
}

int history_book_percent(const struct history_book *book)
{
	if (!book->map || !book->map_len)
		return 100;
	return (int)((book->map_len - book->left) * 100 / book->map_len);
}

int history_book_open(struct history_book *book, const char *path,
		      int64_t since_wall_s, size_t first, struct board *b)
{
	struct stat st;
	void *map;
	int fd, err = 0;

	memset(book, 0, sizeof(*book));
	book->first_bad_at = book->last_bad_at = -1;
	if (!path || !*path)
		return EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		close(fd);
		return err;
	}
	snprintf(book->path, sizeof(book->path), "%s", path);
	book->since = since_wall_s;
	book->warn_to = b;
	if (st.st_size == 0) {
		close(fd);
		return 0;
	}
	/* only appended to while open (pruning runs before): no SIGBUS */
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	err = map == MAP_FAILED ? errno : 0;
	close(fd);
	if (err)
		return err;
	book->map = map;
	book->map_len = book->left = (size_t)st.st_size;
	while (book->n < first && history_book_more(book, 1))
		;
	return 0;
}

int history_book_load(struct history_book *book, const char *path,
		      int64_t since_wall_s, struct board *b)
{
	int err = history_book_open(book, path, since_wall_s, 0, b);

	while (!err && history_book_more(book, SIZE_MAX))
		;
	return err;
}

void history_book_free(struct history_book *book)
{
	struct history_arena_block *blk = book->arena, *next;

	if (book->map)
		munmap((void *)book->map, book->map_len);
	for (; blk; blk = next) {
		next = blk->next;
		free(blk);
	}
	free(book->marks);
	free(book->recs);
	free(book->hay_at);
	free(book->hays);
	memset(book, 0, sizeof(*book));
}

/* Record I's folded string, without its end. */
static size_t hay_len(const struct history_book *book, size_t i)
{
	size_t end = i + 1 < book->n ? book->hay_at[i + 1] : book->hays_len;

	return end - book->hay_at[i] - 1;
}

/* NEEDLE in one record's string: memchr and memcmp, with none of
 * memmem's set-up, which costs more than a short string takes. */
static bool hay_has(const char *h, size_t hl, const char *needle,
		    size_t nlen)
{
	const char *p = h, *last;

	if (hl < nlen)
		return false;
	last = h + hl - nlen;
	while (p <= last && (p = memchr(p, needle[0],
					(size_t)(last - p) + 1))) {
		if (!memcmp(p + 1, needle + 1, nlen - 1))
			return true;
		p++;
	}
	return false;
}

/* Over every folded string from record FROM on at once, looking for
 * the needle's rarest byte (memchr is the fastest search there is) and
 * comparing around it; after a hit, on from the next record. IN, when
 * not NULL, keeps only the records it holds (both newest first, so OUT
 * may be IN). */
static size_t scan(const struct history_book *book, const char *needle,
		   size_t nlen, size_t from, const size_t *in, size_t nin,
		   size_t *out)
{
	const char *base = book->hays, *end, *p;
	size_t i = from, n = 0, j = 0, k = 0, x, off;

	if (from >= book->n || !base)
		return 0;
	end = base + book->hays_len;
	for (x = 1; x < nlen; x++) {
		if (book->freq[(unsigned char)needle[x]] <
		    book->freq[(unsigned char)needle[k]])
			k = x;
	}
	p = base + book->hay_at[from] + k;
	while (p < end && (p = memchr(p, needle[k], (size_t)(end - p)))) {
		off = (size_t)(p - base) - k;
		if (off + nlen > book->hays_len ||
		    memcmp(base + off, needle, nlen)) {
			p++;
			continue;
		}
		while (i + 1 < book->n && book->hay_at[i + 1] <= off)
			i++;
		while (in && j < nin && in[j] < i)
			j++;
		if (in && j == nin)
			break;
		if (!in || in[j] == i)
			out[n++] = i;
		if (++i >= book->n)
			break;
		p = base + book->hay_at[i] + k;
	}
	return n;
}

size_t history_book_find(const struct history_book *book, const char *text,
			 const size_t *in, size_t nin, size_t *out)
{
	char needle[256];
	size_t i, n = 0, nlen = text_fold(needle, sizeof(needle), text);

	if (!nlen) {
		for (i = 0; i < (in ? nin : book->n); i++)
			out[i] = in ? in[i] : i;
		return i;
	}
	/* a few hits to narrow: each one's string alone */
	if (in && nin < book->n / 8) {
		for (i = 0; i < nin; i++) {
			if (hay_has(book->hays + book->hay_at[in[i]],
				    hay_len(book, in[i]), needle, nlen))
				out[n++] = in[i];
		}
		return n;
	}
	return scan(book, needle, nlen, 0, in, nin, out);
}

size_t history_book_find_from(const struct history_book *book,
			      const char *text, size_t from, size_t *out)
{
	char needle[256];
	size_t i, nlen = text_fold(needle, sizeof(needle), text);

	if (!nlen) {
		for (i = from; i < book->n; i++)
			out[i - from] = i;
		return from < book->n ? book->n - from : 0;
	}
	return scan(book, needle, nlen, from, NULL, 0, out);
}

void history_outcome_text(const struct history_record *r, char *out,
			  size_t sz)
{
	const char *o = r->outcome ? r->outcome : "";
	const char *to = r->to ? r->to : "";
	char d[DURATION_TEXT_SIZE];

	if (!r->inbound && !strcmp(o, "missed"))
		snprintf(out, sz, "no answer");
	else if (!strcmp(o, "missed")) {
		duration_text(d, sizeof(d), r->rang_s >= 0 ? r->rang_s :
			      r->waited_s);
		snprintf(out, sz, "missed: rang %s unanswered", d);
	}
	else if (!strcmp(o, "abandoned")) {
		duration_text(d, sizeof(d), r->waited_s);
		snprintf(out, sz, "abandoned after %s", d);
	}
	else if (!strcmp(o, "elsewhere"))
		snprintf(out, sz, "answered by %s",
			 to[0] ? to : "another operator");
	else if (!strcmp(o, "transferred") && to[0])
		snprintf(out, sz, "transferred to %s", to);
	else if (!strcmp(o, "handed over") && to[0])
		snprintf(out, sz, "handed over to %s", to);
	else if (!strcmp(o, "voicemail") && to[0])
		snprintf(out, sz, "voicemail of %s", to);
	else if ((!strcmp(o, "parked") || !strcmp(o, "picked up")) && to[0])
		snprintf(out, sz, "parked - picked up by %s", to);
	else
		snprintf(out, sz, "%s", o);
}
