/*
 * rlmi_apply.c — a resource list NOTIFY onto the extensions board, in
 * the list's order: each extension remembers the list version that last
 * told its state, so a NOTIFY the server sent late (several of its
 * processes send them) cannot undo a newer one. The list names its
 * colleagues by URI: a sorted index finds each in log time, as the
 * board is watched by thousands and every NOTIFY names them all.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "board_int.h"
#include "events_xml.h"
#include "rlmi.h"

struct uri_entry {
	const char *uri;
	size_t index;            /* into the board's extensions */
};

struct rlmi_book {
	struct board *b;
	bool dialog;
	const struct extension *exts;  /* the board's, when built */
	size_t n;
	struct uri_entry *by_uri;      /* sorted by URI, then index */
	uint64_t *told;          /* 1 + the version that told it, 0: none */
	unsigned *named;         /* the NOTIFY that last named it */
	unsigned notifies;
};

static int by_uri(const void *a, const void *b)
{
	const struct uri_entry *x = a, *y = b;
	int c = strcmp(x->uri, y->uri);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* (Re)builds the index when the board's extensions changed. */
static int book_build(struct rlmi_book *k)
{
	struct board *b = k->b;
	size_t i, n = b->nexts;

	if (k->exts == b->exts && k->n == n && k->told)
		return 0;
	free(k->by_uri);
	free(k->told);
	free(k->named);
	k->by_uri = calloc(n ? n : 1, sizeof(*k->by_uri));
	k->told = calloc(n ? n : 1, sizeof(*k->told));
	k->named = calloc(n ? n : 1, sizeof(*k->named));
	k->exts = NULL;
	k->n = 0;
	if (!k->by_uri || !k->told || !k->named)
		return ENOMEM;
	for (i = 0; i < n; i++) {
		k->by_uri[i].uri = b->exts[i].uri;
		k->by_uri[i].index = i;
	}
	if (n)
		qsort(k->by_uri, n, sizeof(*k->by_uri), by_uri);
	k->exts = b->exts;
	k->n = n;
	return 0;
}

int rlmi_book_alloc(struct rlmi_book **kp, struct board *b, bool dialog)
{
	struct rlmi_book *k = calloc(1, sizeof(*k));

	if (!k)
		return ENOMEM;
	k->b = b;
	k->dialog = dialog;
	if (book_build(k)) {
		rlmi_book_free(k);
		return ENOMEM;
	}
	*kp = k;
	return 0;
}

void rlmi_book_free(struct rlmi_book *k)
{
	if (!k)
		return;
	free(k->by_uri);
	free(k->told);
	free(k->named);
	free(k);
}

void rlmi_book_restart(struct rlmi_book *k)
{
	if (k && k->told)
		memset(k->told, 0, k->n * sizeof(*k->told));
}

int rlmi_book_directory_changed(struct rlmi_book *k)
{
	struct extension *old;
	struct uri_entry *old_index;
	uint64_t *old_told;
	unsigned *old_named;
	size_t nold, i;
	int err;

	if (!k)
		return 0;
	old = (struct extension *)k->exts;
	nold = k->n;
	old_index = k->by_uri;
	old_told = k->told;
	old_named = k->named;
	k->by_uri = NULL;
	k->told = NULL;
	k->named = NULL;
	err = book_build(k);
	for (i = 0; !err && old_told && i < k->n; i++) {
		const struct extension *was = exts_find(old, nold,
							k->b->exts[i].number);

		if (was) {
			k->told[i] = old_told[was - old];
			k->named[i] = old_named[was - old];
		}
	}
	free(old_index);
	free(old_told);
	free(old_named);
	return err;
}

/* The first extension whose configured URI is uri, or -1. */
static long index_of_uri(const struct rlmi_book *k, const char *uri)
{
	size_t lo = 0, hi = k->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(k->by_uri[mid].uri, uri) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < k->n && !strcmp(k->by_uri[lo].uri, uri))
		return (long)k->by_uri[lo].index;
	return -1;
}

/* The extension a list names: by its number (the URI's user), else by
 * its configured URI; -1 when none. */
static long index_of(const struct rlmi_book *k, const char *uri)
{
	const char *u = uri, *end;
	char user[32];
	size_t n;

	if (!strncasecmp(u, "sip:", 4))
		u += 4;
	else if (!strncasecmp(u, "sips:", 5))
		u += 5;
	end = u + strcspn(u, "@;>");
	n = (size_t)(end - u);
	if (*end == '@' && n > 0 && n < sizeof(user)) {
		struct extension *e;

		memcpy(user, u, n);
		user[n] = '\0';
		e = board_extension(k->b, user);
		if (e)
			return (long)(e - k->b->exts);
	}
	return index_of_uri(k, uri);
}

static void tell_unknown(struct rlmi_book *k, const char *number)
{
	if (k->dialog) {
		struct dialog_info d = { .state = EXT_LINE_UNKNOWN };

		board_on_line_state(k->b, number, &d);
	}
	else {
		struct presence_info p = { .presence = PRESENCE_UNKNOWN };

		board_on_presence(k->b, number, &p);
	}
}

struct apply_ctx {
	struct rlmi_book *k;
	int told;
};

static void apply_resource(const struct rlmi_resource *r, void *arg)
{
	struct apply_ctx *x = arg;
	struct rlmi_book *k = x->k;
	long i = index_of(k, r->uri);
	bool over = strcmp(r->state, "active") != 0;
	const char *number;

	if (i < 0)
		return;
	k->named[i] = k->notifies;
	if (r->versioned && k->told[i] > (uint64_t)r->version + 1)
		return;   /* a newer NOTIFY told it already */
	number = k->b->exts[i].number;
	if (k->dialog) {
		struct dialog_info d = { .state = EXT_LINE_UNKNOWN };

		if (!over && (!r->body ||
			      strcmp(r->type, "application/dialog-info+xml") ||
			      dialoginfo_parse(r->body, r->len, &d)))
			return;   /* nothing new about it in this NOTIFY */
		board_on_line_state(k->b, number, &d);
	}
	else {
		struct presence_info p = { .presence = PRESENCE_UNKNOWN };

		if (!over && (!r->body ||
			      strcmp(r->type, "application/pidf+xml") ||
			      pidf_parse(r->body, r->len, &p)))
			return;
		board_on_presence(k->b, number, &p);
	}
	if (r->versioned)
		k->told[i] = (uint64_t)r->version + 1;
	x->told++;
}

/* Full state names the whole list: a watched extension it leaves out
 * is not (or no longer) on the server's list, so nothing is known of
 * it - unless a newer NOTIFY told its state. */
static void omitted_unknown(struct rlmi_book *k, const struct rlmi_list *l)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		const struct extension *e = &k->b->exts[i];

		if (k->named[i] == k->notifies ||
		    !(k->dialog ? e->watch_dialog : e->watch_presence))
			continue;
		if (l->versioned && k->told[i] > (uint64_t)l->version + 1)
			continue;
		tell_unknown(k, e->number);
		if (l->versioned)
			k->told[i] = (uint64_t)l->version + 1;
	}
}

int rlmi_apply(struct rlmi_book *k, const char *content_type,
	       const char *body, size_t len)
{
	struct apply_ctx x = { .k = k };
	struct rlmi_list list;
	int err;

	if (book_build(k))
		return -ENOMEM;
	/* 0 marks "never named": the count skips it when it wraps */
	if (++k->notifies == 0)
		k->notifies = 1;
	err = rlmi_parse(content_type, body, len, &list, apply_resource, &x);
	if (err)
		return -err;
	if (list.full_state)
		omitted_unknown(k, &list);
	return x.told;
}
