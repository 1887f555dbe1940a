/*
 * rlmi.h — a resource list NOTIFY (RFC 4662): one multipart/related
 * body whose first part, an RLMI document, names each colleague of the
 * list and points (by Content-ID) at the part carrying that colleague's
 * PIDF or dialog-info body. One such NOTIFY replaces a NOTIFY per
 * extension. The body comes from the network: every length is checked,
 * nothing is fetched, and URIs that come out are sanitised.
 */
#ifndef CORDBOARD_CORE_RLMI_H
#define CORDBOARD_CORE_RLMI_H

#include <stdbool.h>
#include <stddef.h>

struct board;

/* One colleague of the list as the NOTIFY tells it. */
struct rlmi_resource {
	const char *uri;       /* sanitised */
	const char *state;     /* "active", "pending", "terminated", or ""
				* when the list names it with no instance */
	const char *type;      /* its part's media type, lower case, no
				* parameters; "" when it has no part */
	const char *body;      /* its part's body (not NUL-terminated), or
				* NULL */
	size_t len;
	bool versioned;        /* the NOTIFY's list carries a version.. */
	unsigned long version; /* ..which grows by one per NOTIFY */
};

typedef void (rlmi_resource_h)(const struct rlmi_resource *r, void *arg);

/* The list itself, as the NOTIFY's outermost RLMI document tells it. */
struct rlmi_list {
	bool full_state;       /* the whole list, not only what changed */
	bool versioned;
	unsigned long version;
};

/* content_type is the NOTIFY's Content-Type value. Calls h for every
 * resource of the list, nested lists included, and fills *list (may be
 * NULL). Returns 0, or EINVAL when the body is not a resource list. */
int rlmi_parse(const char *content_type, const char *body, size_t len,
	       struct rlmi_list *list, rlmi_resource_h *h, void *arg);

/* True when content_type announces a resource list body. */
bool rlmi_is_list(const char *content_type);

/* What one list subscription remembers between its NOTIFYs, so that
 * they count in the list's order (RFC 4662 version), not in the order
 * they arrive: a server may send them out of order, or again. */
struct rlmi_book;

/* A book for the list of presence (dialog false) or dialog events that
 * watches b's extensions. Returns 0 or ENOMEM. */
int rlmi_book_alloc(struct rlmi_book **kp, struct board *b, bool dialog);
void rlmi_book_free(struct rlmi_book *k);

/* A new subscription to the list: its versions start again. */
void rlmi_book_restart(struct rlmi_book *k);

/* The board's extensions were replaced (directory_swap.h) while the
 * old array is still allocated: the index is built for the new one at
 * once, each number keeping the version that last told it. Returns 0
 * or ENOMEM (the book then rebuilds at the next NOTIFY). */
int rlmi_book_directory_changed(struct rlmi_book *k);

/* Applies a list NOTIFY to the extensions board: each colleague's body
 * through the PIDF or dialog-info reader, a colleague whose
 * subscription is pending or over shown as unknown, and with full state
 * every watched extension the list leaves out shown as unknown. What a
 * NOTIFY of an older version says never replaces what a newer one
 * said. Resources that are no extension of ours are ignored. Returns
 * how many extensions it told about, or -EINVAL. */
int rlmi_apply(struct rlmi_book *k, const char *content_type,
	       const char *body, size_t len);

#endif
