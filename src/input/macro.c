/*
 * macro.c — expanding and checking keymap macros.
 */
#include "macro.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "action.h"
#include "script.h"
#include "wait.h"

const struct keymap_macro *macro_find(const struct keymap *km,
				      const char *name)
{
	size_t i;

	for (i = 0; km && i < km->nmacros; i++)
		if (!strcmp(km->macros[i].name, name))
			return &km->macros[i];
	return NULL;
}

struct expansion {
	const struct keymap *km;
	char (*out)[KEYMAP_MACRO_STEP_MAX];
	size_t n;
	int64_t wait_ms;
	const char *chain[MACRO_DEPTH_MAX + 1];
	int depth;
	char *err;
	size_t errsz;
};

static void chain_text(const struct expansion *x, const char *last,
		       char *buf, size_t sz)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < x->depth; i++)
		snprintf(buf + strlen(buf), sz - strlen(buf), "%s -> ",
			 x->chain[i]);
	snprintf(buf + strlen(buf), sz - strlen(buf), "%s", last);
}

static int expand(struct expansion *x, const char *name)
{
	const struct keymap_macro *m = macro_find(x->km, name);
	char chain[200];
	size_t i;
	int k;

	if (!m) {
		snprintf(x->err, x->errsz, "no macro '%s'", name);
		return EINVAL;
	}
	for (k = 0; k < x->depth; k++) {
		if (!strcmp(x->chain[k], name)) {
			chain_text(x, name, chain, sizeof(chain));
			snprintf(x->err, x->errsz, "macro loop detected: %s",
				 chain);
			return EINVAL;
		}
	}
	if (x->depth == MACRO_DEPTH_MAX) {
		chain_text(x, name, chain, sizeof(chain));
		snprintf(x->err, x->errsz, "macros nested deeper than %d: %s",
			 MACRO_DEPTH_MAX, chain);
		return EINVAL;
	}
	x->chain[x->depth++] = m->name;
	for (i = 0; i < m->nsteps; i++) {
		const char *step = m->steps[i];
		char act[64], why[160];
		const char *arg = action_split(step, act, sizeof(act));
		struct wait_step w;

		if (!strcmp(act, "macro")) {
			int err = expand(x, arg);

			if (err)
				return err;
			continue;
		}
		if (script_check_line(step, why, sizeof(why))) {
			snprintf(x->err, x->errsz, "macro '%s' step %zu: %s",
				 m->name, i + 1, why);
			return EINVAL;
		}
		if (!strcmp(act, "wait") && !wait_parse(arg, &w, why,
							 sizeof(why)))
			x->wait_ms += w.timeout_ms;
		if (x->n == MACRO_EXPANDED_MAX) {
			snprintf(x->err, x->errsz, "macro '%s' has more than "
				 "%d steps once expanded", x->chain[0],
				 MACRO_EXPANDED_MAX);
			return EINVAL;
		}
		if (x->out)
			snprintf(x->out[x->n], sizeof(x->out[0]), "%s", step);
		x->n++;
	}
	x->depth--;
	return 0;
}

int macro_expand(const struct keymap *km, const char *name,
		 char (*out)[KEYMAP_MACRO_STEP_MAX], size_t *n,
		 char *err, size_t errsz)
{
	struct expansion x = {
		.km = km, .out = out, .err = err, .errsz = errsz,
	};
	int ret = expand(&x, name);

	if (!ret && x.wait_ms > MACRO_WAIT_TOTAL_MS) {
		snprintf(err, errsz, "macro '%s' may wait %lld s in all, at "
			 "most %d", name, (long long)(x.wait_ms / 1000),
			 MACRO_WAIT_TOTAL_MS / 1000);
		ret = EINVAL;
	}
	*n = x.n;
	return ret;
}

int macro_check_all(const struct keymap *km, struct diag *d)
{
	size_t i, n;
	int ret = 0;

	for (i = 0; i < km->nmacros; i++) {
		const struct keymap_macro *m = &km->macros[i];
		char err[256];

		if (macro_expand(km, m->name, NULL, &n, err, sizeof(err))) {
			diag_add(d, DIAG_ERROR, m->file, m->line, "%s", err);
			ret = EINVAL;
		}
	}
	return ret;
}
