/*
 * fuzz_state.c — any bytes as one of the state files cordboard reads
 * back at start (the history, the messages, the absences; the first
 * byte picks which): no crash, no leak, and every name and text the
 * screen would show from them is safe for the terminal once sanitised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/absence.h"
#include "core/history_book.h"
#include "core/messages.h"
#include "core/sanitize.h"
#include "fuzz_common.h"
#include "fuzz_desk.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_desk_init();
	return 0;
}

static void history_read(struct fuzz_desk *d, const char *path)
{
	struct history_book book;
	char shown[512];
	size_t i, *hits;

	if (history_book_open(&book, path, 0, 3, &d->b))
		return;
	while (history_book_more(&book, 7))
		;
	for (i = 0; i < book.n; i++) {
		history_outcome_text(&book.recs[i], shown, sizeof(shown));
		fuzz_check_terminal_safe("history outcome", shown);
		sanitize_text(shown, sizeof(shown), book.recs[i].name,
			      strlen(book.recs[i].name));
		fuzz_check_terminal_safe("history name", shown);
	}
	hits = malloc((book.n ? book.n : 1) * sizeof(*hits));
	if (hits) {
		history_book_find(&book, "a", NULL, 0, hits);
		free(hits);
	}
	history_book_free(&book);
}

static void messages_read(struct fuzz_desk *d, const char *path)
{
	struct messages_config cfg = { .retry_after_s = 300 };
	size_t i;

	snprintf(cfg.path, sizeof(cfg.path), "%s", path);
	board_messages_open(&d->b, &cfg, NULL, NULL);
	/* the messages view draws these as they are */
	for (i = 0; i < board_messages_count(&d->b); i++) {
		const struct message *m = board_message_at(&d->b, i);

		fuzz_check_terminal_safe("message from", m->from);
		fuzz_check_terminal_safe("message number", m->number);
		fuzz_check_terminal_safe("message company", m->company);
		fuzz_check_terminal_safe("message text", m->text);
		fuzz_check_terminal_safe("message for", m->for_number);
	}
}

static void absences_read(struct fuzz_desk *d, const char *path)
{
	const struct absence *a;
	char shown[256];

	board_absence_open(&d->b, path, NULL);
	a = board_absence(&d->b, "201");
	if (a) {
		absence_text(a, 0, shown, sizeof(shown));
		fuzz_check_terminal_safe("absence", shown);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_desk *d;
	const char *path;

	if (!size)
		return 0;
	path = fuzz_write("state", data + 1, size - 1);
	d = fuzz_desk_reset();
	switch (data[0] % 3) {
	case 0:
		history_read(d, path);
		break;
	case 1:
		messages_read(d, path);
		break;
	default:
		absences_read(d, path);
		break;
	}
	return 0;
}
