/*
 * subscribe_update.c — the subscriptions follow a new directory (a
 * reload): kept for the colleagues still watched the same way, made at
 * the usual pace for those who came, ended (SUBSCRIBE with Expires: 0)
 * at the same pace for those who went; a resource list is subscribed
 * again so that its full state tells the newcomers.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/rlmi.h"
#include "sip.h"
#include "subscribe_int.h"

/* Unsubscribes the subscriptions of extensions that went, a batch at a
 * time as they were made: thousands at once would overflow the SIP
 * socket with their answers. */
static void subs_leave_pace(void *arg)
{
	struct sip_subs *o = arg;
	size_t n;

	for (n = 0; n < PACE_BATCH && o->nleave; n++)
		subs_sub_free(o->leavev[--o->nleave]);
	if (o->nleave)
		tmr_start(&o->leave_pace, PACE_MS, subs_leave_pace, o);
}

/* One subscription the board's directory asks for, and where it is. */
struct sub_ref {
	struct sub *s;
	size_t at;               /* in subv */
	bool kept;
};

static int sub_key_order(const char *number, bool dialog, const char *uri,
			 const struct sub *s)
{
	int c = strcmp(number, s->number);

	if (!c)
		c = (int)dialog - (int)s->dialog;
	return c ? c : strcmp(uri, s->uri);
}

static int ref_order(const void *a, const void *b)
{
	const struct sub_ref *x = a, *y = b;
	int c = sub_key_order(x->s->number, x->s->dialog, x->s->uri, y->s);

	return c ? c : (x->at > y->at) - (x->at < y->at);
}

/* The first of REFS (sorted) for this subscription not kept yet. */
static struct sub_ref *ref_find(struct sub_ref *refs, size_t n,
				const struct extension *e, bool dialog)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sub_key_order(e->number, dialog, e->uri, refs[mid].s) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && !sub_key_order(e->number, dialog, e->uri,
					 refs[lo].s); lo++)
		if (!refs[lo].kept)
			return &refs[lo];
	return NULL;
}

/* The new list of subscriptions: those kept, the ones started first
 * (so the pace goes on where it was), then the new ones. */
static void subv_commit(struct sip_subs *o, struct sub **nv, size_t nnew,
			struct sub **fresh, size_t nfresh, const bool *kept)
{
	size_t i, n = 0, started = 0;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < o->subc; i++) {
			if (kept[i] && (i < o->next_start) == (pass == 0))
				nv[n++] = o->subv[i];
		}
		if (pass == 0)
			started = n;
	}
	for (i = 0; i < o->subc; i++) {
		struct sub *s = o->subv[i];

		if (kept[i])
			continue;
		s->leaving = true;
		subs_retry_cancel(s);
		if (s->sipsub)
			o->leavev[o->nleave++] = s;
		else
			free(s);
	}
	memcpy(nv + n, fresh, nfresh * sizeof(*fresh));
	free(o->subv);
	o->subv = nv;
	o->subc = nnew;
	o->next_start = started;
}

/* The lists learn the new directory; one whose extensions came or went
 * is subscribed again, so its full state tells the newcomers. */
static void lists_update(struct sip_subs *o, bool changed)
{
	int k;

	for (k = 0; k < 2; k++) {
		struct sub *s = &o->listv[k];

		if (s->ls->book && rlmi_book_directory_changed(s->ls->book))
			warning("cordboard: list index: out of memory\n");
		if (!changed || !o->by_list[k])
			continue;
		subs_retry_cancel(s);
		s->sipsub = mem_deref(s->sipsub);
		s->last_notify = 0;
		s->notified = false;
		s->backoff_s = 0;
		subs_sub_start(s);
	}
}

int sip_subs_update(struct sip_subs *o, size_t *added, size_t *removed)
{
	struct board *b = o->board;
	struct sub_ref *refs = NULL;
	struct sub **nv = NULL, **fresh = NULL, **leavev;
	bool watch[2] = { false, false }, *kept = NULL;
	size_t i, want = 0, nfresh = 0, nkept = 0;
	int k, err = ENOMEM;

	if (o->closing)
		return ESHUTDOWN;
	for (i = 0; i < b->nexts; i++) {
		want += b->exts[i].watch_presence + b->exts[i].watch_dialog;
		watch[0] |= b->exts[i].watch_presence;
		watch[1] |= b->exts[i].watch_dialog;
	}
	/* a list starts only for an event someone watches */
	if (o->listv[0].uri[0] && (watch[0] != o->watch[0] ||
				   watch[1] != o->watch[1]))
		return EAGAIN;
	refs = calloc(o->subc ? o->subc : 1, sizeof(*refs));
	kept = calloc(o->subc ? o->subc : 1, sizeof(*kept));
	nv = calloc(want ? want : 1, sizeof(*nv));
	fresh = calloc(want ? want : 1, sizeof(*fresh));
	leavev = realloc(o->leavev, (o->nleave + o->subc + 1) *
			 sizeof(*leavev));
	if (leavev)
		o->leavev = leavev;
	if (!refs || !kept || !nv || !fresh || !leavev)
		goto out;
	for (i = 0; i < o->subc; i++)
		refs[i] = (struct sub_ref){ o->subv[i], i, false };
	if (o->subc)
		qsort(refs, o->subc, sizeof(*refs), ref_order);
	for (i = 0; i < b->nexts; i++) {
		for (k = 0; k < 2; k++) {
			struct sub_ref *r;

			if (!subs_ext_watches(&b->exts[i], k))
				continue;
			r = ref_find(refs, o->subc, &b->exts[i], k == 1);
			if (r) {
				r->kept = kept[r->at] = true;
				nkept++;
			} else if (!(fresh[nfresh++] = subs_sub_new(o, &b->exts[i],
							       k == 1))) {
				goto out;
			}
		}
	}
	if (added)
		*added = nfresh;
	if (removed)
		*removed = o->subc - nkept;
	lists_update(o, nfresh || o->subc != nkept);
	subv_commit(o, nv, want, fresh, nfresh, kept);
	nv = NULL;
	nfresh = 0;
	if (o->next_start < o->subc)
		tmr_start(&o->pace, 0, subs_pace, o);
	if (o->nleave && !tmr_isrunning(&o->leave_pace))
		tmr_start(&o->leave_pace, 0, subs_leave_pace, o);
	if (o->subc && !tmr_isrunning(&o->sweep))
		tmr_start(&o->sweep, SWEEP_MS, subs_sweep, o);
	err = 0;
out:
	for (i = 0; i < nfresh; i++)
		free(fresh[i]);
	free(fresh);
	free(nv);
	free(kept);
	free(refs);
	return err;
}

