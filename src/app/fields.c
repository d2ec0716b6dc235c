#include "app/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/csv.h"
#include "app/parse.h"

int fields_add(struct fields *f, const char *name, const char *value)
{
	if (f->n >= FIELDS_MAX || strlen(name) >= FIELD_NAME_MAX)
		return -1;
	char *v = strdup(value ? value : "");
	if (!v)
		return -1;
	snprintf(f->v[f->n].name, sizeof f->v[f->n].name, "%s", name);
	f->v[f->n++].value = v;
	return 0;
}

void fields_free(struct fields *f)
{
	for (int i = 0; i < f->n; i++)
		free(f->v[i].value);
	f->n = 0;
}

const char *fields_get(const struct fields *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value;
	return NULL;
}

int fields_each(const struct fields *f, const char *name,
		int (*cb)(void *ctx, const char *value), void *ctx)
{
	for (int i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].name, name) != 0)
			continue;
		int rc = cb(ctx, f->v[i].value);
		if (rc)
			return rc;
	}
	return 0;
}

static bool listed(const char *name, const char *const *names, bool prefix)
{
	for (int i = 0; names && names[i]; i++)
		if (prefix ? strncmp(name, names[i], strlen(names[i])) == 0 : strcmp(name, names[i]) == 0)
			return true;
	return false;
}

int fields_check(const struct fields *f, const char *const *allowed, const char *const *prefixes,
		 struct app_error *err)
{
	for (int i = 0; i < f->n; i++) {
		const char *n = f->v[i].name;
		if (!strcmp(n, "csrf") || !strcmp(n, "next") || listed(n, allowed, false) ||
		    listed(n, prefixes, true))
			continue;
		return app_fail(err, ERR_INPUT, n, "'%s' is not a field of this form", n);
	}
	return 0;
}

bool fields_any(const struct fields *f, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (fields_get(f, names[i]))
			return true;
	return false;
}

int fields_text(const struct fields *f, const char *name, char *out, size_t len, bool required,
		bool multiline, struct app_error *err)
{
	const char *v = fields_get(f, name);
	if (!multiline)
		return parse_text_field(name, v, out, len, required, err);
	if (!v)
		v = "";
	if (!csv_text_ok(v))
		return app_fail(err, ERR_INPUT, name, "%s is not valid UTF-8 text", name);
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	size_t n = 0;
	for (const char *p = v; *p; p++) {
		if (*p == '\r')
			continue; /* CR LF (a form's line breaks) -> LF */
		if (n + 1 >= len)
			return app_fail(err, ERR_INPUT, name, "%s is longer than %zu characters", name,
					len - 1);
		out[n++] = *p;
	}
	while (n > 0 && strchr(" \t\n", out[n - 1]))
		n--;
	out[n] = '\0';
	if (required && n == 0)
		return app_fail(err, ERR_INPUT, name, "%s is empty", name);
	return 0;
}

int fields_int(const struct fields *f, const char *name, long min, long max, long dflt,
	       bool required, long *out, struct app_error *err)
{
	const char *v = fields_get(f, name);
	if (!v || !*v) {
		if (required)
			return app_fail(err, ERR_INPUT, name, "%s is required", name);
		*out = dflt;
		return 0;
	}
	return parse_int_field(name, v, min, max, out, err);
}

int fields_date(const struct fields *f, const char *name, date_t dflt, bool required, date_t *out,
		struct app_error *err)
{
	const char *v = fields_get(f, name);
	if (!v || !*v) {
		if (required)
			return app_fail(err, ERR_INPUT, name, "%s is required (YYYY-MM-DD)", name);
		*out = dflt;
		return 0;
	}
	return parse_date_field(name, v, out, err);
}

int fields_choice(const struct fields *f, const char *name, const char *const *names, int n,
		  int dflt, bool required, int *out, struct app_error *err)
{
	const char *v = fields_get(f, name);
	if ((!v || !*v) && !required && dflt >= 0) {
		*out = dflt;
		return 0;
	}
	for (int i = 0; v && i < n; i++) {
		if (strcmp(v, names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	char list[400] = "";
	for (int i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
			 names[i]);
	if (!v || !*v)
		return app_fail(err, ERR_INPUT, name, "%s is required: one of %s", name, list);
	return app_fail(err, ERR_INPUT, name, "%s '%.40s' is not one of %s", name, v, list);
}

int fields_bool(const struct fields *f, const char *name, bool dflt, bool *out,
		struct app_error *err)
{
	static const char *const yes[] = {"Y", "y", "yes", "1", "true", "on"};
	static const char *const no[] = {"N", "n", "no", "0", "false", "off"};
	const char *v = fields_get(f, name);
	*out = dflt;
	if (!v || !*v)
		return 0;
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (!strcmp(v, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(v, no[i])) {
			*out = false;
			return 0;
		}
	}
	return app_fail(err, ERR_INPUT, name, "%s '%.20s' is not yes or no", name, v);
}
