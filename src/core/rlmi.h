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
};

typedef void (rlmi_resource_h)(const struct rlmi_resource *r, void *arg);

/* content_type is the NOTIFY's Content-Type value. Calls h for every
 * resource of the list, nested lists included; *full_state (may be
 * NULL) says whether the NOTIFY lists the whole list or only what
 * changed. Returns 0, or EINVAL when the body is not a resource list. */
int rlmi_parse(const char *content_type, const char *body, size_t len,
	       bool *full_state, rlmi_resource_h *h, void *arg);

/* True when content_type announces a resource list body. */
bool rlmi_is_list(const char *content_type);

/* Applies a list NOTIFY of presence (dialog false) or dialog events to
 * the extensions board: each colleague's body through the PIDF or
 * dialog-info reader, a colleague whose subscription is pending or
 * over shown as unknown. Resources that are no extension of ours are
 * ignored. Returns how many extensions it told about, or -EINVAL. */
int rlmi_apply(struct board *b, bool dialog, const char *content_type,
	       const char *body, size_t len);

#endif
