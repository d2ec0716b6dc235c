#include "app/parse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/csv.h"

int parse_date_field(const char *field, const char *text, date_t *out, struct app_error *err)
{
	*out = date_parse(text);
	if (*out == DATE_INVALID)
		return app_fail(err, ERR_INPUT, field, "%s '%s' is not a date (YYYY-MM-DD)", field,
				text ? text : "");
	return 0;
}

int parse_text_field(const char *field, const char *text, char *out, size_t len, int required,
		     struct app_error *err)
{
	if (!text)
		text = "";
	if (!csv_text_ok(text) || strpbrk(text, "\r\n"))
		return app_fail(err, ERR_INPUT, field, "%s is not valid single-line UTF-8 text", field);
	while (*text == ' ' || *text == '\t')
		text++;
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (required && n == 0)
		return app_fail(err, ERR_INPUT, field, "%s is empty", field);
	if (n >= len)
		return app_fail(err, ERR_INPUT, field, "%s is longer than %zu characters", field,
				len - 1);
	memcpy(out, text, n);
	out[n] = '\0';
	return 0;
}

int parse_int_field(const char *field, const char *text, long min, long max, long *out,
		    struct app_error *err)
{
	char *end;
	errno = 0;
	long v = text && *text ? strtol(text, &end, 10) : 0;
	if (!text || !*text || *end || errno)
		return app_fail(err, ERR_INPUT, field, "%s '%s' is not a whole number", field,
				text ? text : "");
	if (v < min || v > max)
		return app_fail(err, ERR_INPUT, field, "%s %ld is not between %ld and %ld", field, v,
				min, max);
	*out = v;
	return 0;
}

int parse_mark_fields(const char *date, const char *session, const char *code,
		      const char *minutes_late, struct mark_input *in, struct app_error *err)
{
	if (!in->upn || !*in->upn)
		return app_fail(err, ERR_INPUT, "upn", "upn is empty");
	if (parse_date_field("date", date, &in->date, err) < 0)
		return -1;
	int s = session_parse(session);
	if (s < 0)
		return app_fail(err, ERR_INPUT, "session", "session '%s' is not AM or PM",
				session ? session : "");
	in->session = (enum session)s;
	in->code = code_parse(code);
	if (in->code == CODE_NONE)
		return app_fail(err, ERR_INPUT, "code",
				"'%s' is not a DfE attendance code (`attend codes` lists them)",
				code ? code : "");
	in->minutes_late = -1;
	if (minutes_late && *minutes_late) {
		long m;
		if (parse_int_field("minutes_late", minutes_late, 0, 300, &m, err) < 0)
			return -1;
		in->minutes_late = (int)m;
	}
	return 0;
}

int parse_setting_value(struct store *s, int64_t school_id, const char *name, const char *key,
			const char *value, char *buf, size_t len, struct app_error *err)
{
	if (key && strcmp(key, name) == 0) {
		snprintf(buf, len, "%s", value);
		return 0;
	}
	int rc = store_setting_get(s, school_id, name, buf, len);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
	return rc;
}
