/* Checking one input value against its rule, with a message that names the
 * field and the rule. Shared by CSV imports, the CLI and the JSON API. */
#ifndef ATTEND_PARSE_H
#define ATTEND_PARSE_H

#include <stddef.h>

#include "app/error.h"
#include "app/marks.h"

int parse_date_field(const char *field, const char *text, date_t *out, struct app_error *err);
/* Copies text (valid UTF-8, no control characters, trimmed length < len);
 * required: must not be empty. */
int parse_text_field(const char *field, const char *text, char *out, size_t len, int required,
		     struct app_error *err);
/* A whole number in [min, max]. */
int parse_int_field(const char *field, const char *text, long min, long max, long *out,
		    struct app_error *err);
/* date, session (AM/PM), code and minutes late (may be empty) of one mark. */
int parse_mark_fields(const char *date, const char *session, const char *code,
		      const char *minutes_late, struct mark_input *in, struct app_error *err);

/* A school setting as a rule reads it: the value being checked when key
 * names it (a setting about to be saved), else the stored one. Returns 0,
 * 1 when not set, -1 (err) when the store fails. */
struct store;
int parse_setting_value(struct store *s, int64_t school_id, const char *name, const char *key,
			const char *value, char *buf, size_t len, struct app_error *err);

#endif
