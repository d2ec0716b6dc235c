/* Named input values, from a form or from a JSON object alike, checked
 * against the fields a request declares (an unknown one is an error: it is
 * usually a typo) and read with a rule each: text (one line, or several
 * for notes), a whole number, a date, one of a list. Every message names
 * the field and the rule; nothing here writes anything. */
#ifndef ATTEND_FIELDS_H
#define ATTEND_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/error.h"
#include "core/date.h"

#define FIELDS_MAX 256
#define FIELD_NAME_MAX 40

struct fields {
	int n;
	struct {
		char name[FIELD_NAME_MAX];
		char *value;
	} v[FIELDS_MAX];
};

/* Adds a value (copied); a repeated name keeps both (fields_get returns
 * the first; fields_each walks them all). -1 when full or out of memory. */
int fields_add(struct fields *f, const char *name, const char *value);
void fields_free(struct fields *f);
/* The value of name, or NULL when absent. */
const char *fields_get(const struct fields *f, const char *name);
/* Every value of a name, in order, until cb returns non-zero (returned). */
int fields_each(const struct fields *f, const char *name,
		int (*cb)(void *ctx, const char *value), void *ctx);
/* Each field must be one of allowed (NULL-terminated) or start with one of
 * prefixes (NULL-terminated; may be NULL): else 400 naming it. */
int fields_check(const struct fields *f, const char *const *allowed, const char *const *prefixes,
		 struct app_error *err);
/* Whether any field is present (besides csrf and next). */
bool fields_any(const struct fields *f, const char *const *names);

/* Text: valid UTF-8 without control characters, trimmed, shorter than len;
 * multiline allows line breaks (CR LF becomes LF). Absent or empty is ""
 * unless required. */
int fields_text(const struct fields *f, const char *name, char *out, size_t len, bool required,
		bool multiline, struct app_error *err);
/* A whole number in [min, max]; absent or empty gives dflt, or an error
 * when required. */
int fields_int(const struct fields *f, const char *name, long min, long max, long dflt,
	       bool required, long *out, struct app_error *err);
/* A date (YYYY-MM-DD); absent or empty gives dflt (DATE_INVALID allowed),
 * or an error when required. */
int fields_date(const struct fields *f, const char *name, date_t dflt, bool required, date_t *out,
		struct app_error *err);
/* One of names (n of them): its index; absent or empty gives dflt, or an
 * error (listing the names) when required or dflt < 0. */
int fields_choice(const struct fields *f, const char *name, const char *const *names, int n,
		  int dflt, bool required, int *out, struct app_error *err);
/* "Y"/"N", "yes"/"no", "1"/"0", "true"/"false", "on" (a ticked box). */
int fields_bool(const struct fields *f, const char *name, bool dflt, bool *out,
		struct app_error *err);

#endif
