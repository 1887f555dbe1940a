/*
 * rlmi.c — resource list NOTIFYs (RFC 4662): the multipart/related body
 * split into its parts (RFC 2046, RFC 2387), the RLMI document read
 * with libxml2; rlmi_apply.c hands each colleague's part on to the
 * board.
 */
#include "rlmi.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "sanitize.h"

#define XML_SAFE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
			  XML_PARSE_NOWARNING | XML_PARSE_NOBLANKS)
#define RLMI_MAX_XML (4 * 1024 * 1024)
#define RLMI_MAX_DEPTH 3     /* a list of lists of lists, no deeper */
#define BOUNDARY_MAX 70      /* RFC 2046 */

struct part {
	const char *type;    /* Content-Type value, or NULL */
	size_t type_len;
	const char *cid;     /* Content-ID without its angle brackets */
	size_t cid_len;
	const char *body;
	size_t len;
};

struct parts {
	struct part *v;
	size_t n, cap;
	size_t cursor;       /* parts usually follow the list's order */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_token(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || (c && strchr("!#$&^_.+-/", c));
}

/* The media type of a Content-Type value, lower case, no parameters;
 * it ends at the first byte no media type may hold. */
static void media_type(const char *s, size_t n, char *out, size_t sz)
{
	size_t i = 0, k = 0;

	while (i < n && is_space(s[i]))
		i++;
	while (i < n && is_token(s[i]) && k + 1 < sz) {
		char c = s[i++];

		out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
	out[k] = '\0';
}

/* The value of parameter name in a Content-Type value, unquoted. */
static bool param_of(const char *s, size_t n, const char *name, char *out,
		     size_t sz)
{
	size_t nl = strlen(name), i = 0;

	while (i < n) {
		size_t k = 0;

		while (i < n && s[i] != ';') {
			if (s[i] == '"') {   /* a quoted ';' is no separator */
				for (i++; i < n && s[i] != '"'; i++)
					;
			}
			if (i < n)
				i++;
		}
		if (i >= n)
			return false;
		i++;
		while (i < n && is_space(s[i]))
			i++;
		if (n - i <= nl || strncasecmp(s + i, name, nl))
			continue;
		i += nl;
		while (i < n && is_space(s[i]))
			i++;
		if (i >= n || s[i] != '=')
			continue;
		i++;
		while (i < n && is_space(s[i]))
			i++;
		if (i < n && s[i] == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (k + 1 < sz)
					out[k++] = s[i];
		}
		else {
			for (; i < n && s[i] != ';' && !is_space(s[i]); i++)
				if (k + 1 < sz)
					out[k++] = s[i];
		}
		out[k] = '\0';
		return k > 0;
	}
	return false;
}

bool rlmi_is_list(const char *content_type)
{
	char media[32], type[64];
	size_t n = content_type ? strlen(content_type) : 0;

	media_type(content_type ? content_type : "", n, media, sizeof(media));
	if (strcmp(media, "multipart/related"))
		return false;
	return param_of(content_type, n, "type", type, sizeof(type)) &&
		!strcasecmp(type, "application/rlmi+xml");
}

/* The next delimiter line "--boundary" at or after from, at a line's
 * start; len when there is none. */
static size_t find_delimiter(const char *s, size_t len, size_t from,
			     const char *delim, size_t dlen)
{
	size_t i;

	for (i = from; i + dlen <= len; i++) {
		if ((i == 0 || s[i - 1] == '\n') && s[i] == '-' &&
		    !memcmp(s + i, delim, dlen))
			return i;
	}
	return len;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

/* Reads a part's headers (Content-Type, Content-ID) and finds its body. */
static void part_read(struct part *p, const char *s, size_t len)
{
	size_t i = 0;

	memset(p, 0, sizeof(*p));
	p->body = s + len;
	while (i < len) {
		size_t end = i, n;
		const char *line = s + i;

		while (end < len && s[end] != '\n')
			end++;
		n = end - i;
		if (n && line[n - 1] == '\r')
			n--;
		i = end < len ? end + 1 : len;
		if (n == 0) {
			p->body = s + i;
			break;
		}
		if (n > 13 && !strncasecmp(line, "Content-Type:", 13)) {
			p->type = line + 13;
			p->type_len = n - 13;
			trim(&p->type, &p->type_len);
		}
		else if (n > 11 && !strncasecmp(line, "Content-ID:", 11)) {
			p->cid = line + 11;
			p->cid_len = n - 11;
			trim(&p->cid, &p->cid_len);
			if (p->cid_len >= 2 && p->cid[0] == '<' &&
			    p->cid[p->cid_len - 1] == '>') {
				p->cid++;
				p->cid_len -= 2;
			}
		}
	}
	p->len = (size_t)(s + len - p->body);
}

/* Splits a multipart body at its boundary; a part with no closing
 * delimiter is dropped (it may have been cut). */
static int parts_split(struct parts *ps, const char *s, size_t len,
		       const char *boundary)
{
	char delim[BOUNDARY_MAX + 3];
	size_t dlen, pos;

	dlen = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	if (dlen >= sizeof(delim))
		return EINVAL;
	pos = find_delimiter(s, len, 0, delim, dlen);
	while (pos < len) {
		size_t start = pos + dlen, next, end;

		if (start + 2 <= len && s[start] == '-' && s[start + 1] == '-')
			break;          /* the close delimiter */
		while (start < len && s[start] != '\n')
			start++;
		if (start >= len)
			break;
		start++;
		next = find_delimiter(s, len, start, delim, dlen);
		if (next >= len)
			break;
		end = next;
		/* the line break before a delimiter belongs to it */
		if (end > start && s[end - 1] == '\n')
			end--;
		if (end > start && s[end - 1] == '\r')
			end--;
		if (ps->n == ps->cap) {
			size_t cap = ps->cap ? ps->cap * 2 : 16;
			struct part *v = realloc(ps->v, cap * sizeof(*v));

			if (!v)
				return ENOMEM;
			ps->v = v;
			ps->cap = cap;
		}
		part_read(&ps->v[ps->n++], s + start, end - start);
		pos = next;
	}
	return ps->n ? 0 : EINVAL;
}

static bool cid_is(const struct part *p, const char *cid, size_t n)
{
	return p->cid && p->cid_len == n && !memcmp(p->cid, cid, n);
}

static struct part *part_by_cid(struct parts *ps, const char *cid)
{
	size_t n = strlen(cid), i;

	for (i = 0; i < ps->n; i++) {
		size_t k = (ps->cursor + i) % ps->n;

		if (cid_is(&ps->v[k], cid, n)) {
			ps->cursor = k + 1;
			return &ps->v[k];
		}
	}
	return NULL;
}

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
		!strcmp((const char *)n->name, name);
}

/* An attribute's value, sanitised, into out ("" when absent). */
static void attr_of(xmlNode *n, const char *name, char *out, size_t sz)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	out[0] = '\0';
	if (v) {
		sanitize_text(out, sz, (const char *)v,
			      strlen((const char *)v));
		xmlFree(v);
	}
}

/* The instance that says most: an active one with a body first. */
static xmlNode *best_instance(xmlNode *res)
{
	xmlNode *c, *first = NULL;

	for (c = res->children; c; c = c->next) {
		xmlChar *st, *cid;
		bool active;

		if (!named(c, "instance"))
			continue;
		if (!first)
			first = c;
		st = xmlGetProp(c, (const xmlChar *)"state");
		cid = xmlGetProp(c, (const xmlChar *)"cid");
		active = st && cid && !strcmp((const char *)st, "active");
		xmlFree(st);
		xmlFree(cid);
		if (active)
			return c;
	}
	return first;
}

/* What the walk through a list and its nested lists carries along. */
struct walk {
	rlmi_resource_h *h;
	void *arg;
	bool versioned;          /* the outermost list has a version */
	unsigned long version;
};

static int parse_depth(const char *ct, size_t ct_len, const char *body,
		       size_t len, struct rlmi_list *list, struct walk *w,
		       int depth);

static void resource_report(xmlNode *res, struct parts *ps, struct walk *w,
			    int depth)
{
	char uri[256], state[16] = "", cid[256] = "", type[64] = "";
	xmlNode *inst = best_instance(res);
	struct rlmi_resource r = { .uri = uri, .state = state, .type = type,
				   .versioned = w->versioned,
				   .version = w->version };
	struct part *p = NULL;

	attr_of(res, "uri", uri, sizeof(uri));
	if (!uri[0])
		return;
	if (inst) {
		attr_of(inst, "state", state, sizeof(state));
		attr_of(inst, "cid", cid, sizeof(cid));
	}
	if (cid[0])
		p = part_by_cid(ps, cid);
	if (p && p->type)
		media_type(p->type, p->type_len, type, sizeof(type));
	if (p && !strcmp(type, "multipart/related")) {
		/* the colleague is a list itself: its members count */
		if (depth < RLMI_MAX_DEPTH)
			(void)parse_depth(p->type, p->type_len, p->body, p->len,
					  NULL, w, depth + 1);
		return;
	}
	if (p) {
		r.body = p->body;
		r.len = p->len;
	}
	w->h(&r, w->arg);
}

/* The outermost list's version (RFC 4662 section 5.2): nested lists
 * count their own, but only the NOTIFY's own orders its NOTIFYs. */
static void version_read(xmlNode *list, struct walk *w)
{
	xmlChar *v = xmlGetProp(list, (const xmlChar *)"version");
	char *end = NULL;

	w->versioned = false;
	if (v && v[0] >= '0' && v[0] <= '9') {
		errno = 0;
		w->version = strtoul((const char *)v, &end, 10);
		w->versioned = errno == 0 && end && *end == '\0';
	}
	xmlFree(v);
}

static int rlmi_read(const struct part *root, struct parts *ps,
		     struct rlmi_list *out, struct walk *w, int depth)
{
	xmlDocPtr doc;
	xmlNode *list, *c;
	xmlChar *fs;

	if (root->len == 0 || root->len > RLMI_MAX_XML)
		return EINVAL;
	doc = xmlReadMemory(root->body, (int)root->len, "rlmi.xml", NULL,
			    XML_SAFE_OPTIONS);
	if (!doc)
		return EINVAL;
	list = xmlDocGetRootElement(doc);
	if (!list || !named(list, "list")) {
		xmlFreeDoc(doc);
		return EINVAL;
	}
	fs = xmlGetProp(list, (const xmlChar *)"fullState");
	if (out)
		out->full_state = fs && (!strcmp((const char *)fs, "true") ||
					 !strcmp((const char *)fs, "1"));
	xmlFree(fs);
	if (depth == 0)
		version_read(list, w);
	if (out) {
		out->versioned = w->versioned;
		out->version = w->version;
	}
	for (c = list->children; c; c = c->next)
		if (named(c, "resource"))
			resource_report(c, ps, w, depth);
	xmlFreeDoc(doc);
	return 0;
}

static int parse_depth(const char *ct, size_t ct_len, const char *body,
		       size_t len, struct rlmi_list *list, struct walk *w,
		       int depth)
{
	char boundary[BOUNDARY_MAX + 1], start[256] = "", type[64];
	struct parts ps = { 0 };
	struct part *root = NULL;
	int err;

	if (!body || !len ||
	    !param_of(ct, ct_len, "boundary", boundary, sizeof(boundary)))
		return EINVAL;
	err = parts_split(&ps, body, len, boundary);
	if (err)
		goto out;
	if (param_of(ct, ct_len, "start", start, sizeof(start))) {
		char *s = start;
		size_t n = strlen(s);

		if (n >= 2 && s[0] == '<' && s[n - 1] == '>') {
			s[n - 1] = '\0';
			s++;
		}
		root = part_by_cid(&ps, s);
	}
	if (!root)
		root = &ps.v[0];
	type[0] = '\0';
	if (root->type)
		media_type(root->type, root->type_len, type, sizeof(type));
	err = strcmp(type, "application/rlmi+xml") ? EINVAL :
		rlmi_read(root, &ps, list, w, depth);
out:
	free(ps.v);
	return err;
}

int rlmi_parse(const char *content_type, const char *body, size_t len,
	       struct rlmi_list *list, rlmi_resource_h *h, void *arg)
{
	struct walk w = { .h = h, .arg = arg };

	if (list)
		memset(list, 0, sizeof(*list));
	if (!rlmi_is_list(content_type))
		return EINVAL;
	return parse_depth(content_type, strlen(content_type), body, len,
			   list, &w, 0);
}
