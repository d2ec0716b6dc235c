#include "app/mis.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/csv.h"

static const char *keys[MARKS_COL__MAX + 1] = {"upn", "date", "session", "code", "minutes_late",
					      "date_format"};
#define KEY_DATE_FORMAT MARKS_COL__MAX

void mis_mapping_default(struct mis_mapping *m)
{
	memset(m, 0, sizeof *m);
	for (int k = 0; k < MARKS_COL__MAX; k++)
		snprintf(m->column[k], sizeof m->column[k], "%s", keys[k]);
}

int mis_mapping_set(struct mis_mapping *m, const char *key, const char *value,
		    struct app_error *err)
{
	int k = 0;
	while (k <= MARKS_COL__MAX && strcmp(key, keys[k]) != 0)
		k++;
	if (k > MARKS_COL__MAX)
		return app_fail(err, ERR_INPUT, key,
				"'%s' is not upn, date, session, code, minutes_late or date_format",
				key);
	if (m->given[k])
		return app_fail(err, ERR_INPUT, key, "%s is given twice", key);
	if (!value || !*value || !csv_text_ok(value) || strpbrk(value, "\r\n"))
		return app_fail(err, ERR_INPUT, key, "%s needs a value (a column name)", key);
	m->given[k] = true;
	if (k == KEY_DATE_FORMAT) {
		if (strcmp(value, "YYYY-MM-DD") != 0 && strcmp(value, "DD/MM/YYYY") != 0)
			return app_fail(err, ERR_INPUT, key,
					"date_format '%s' is not YYYY-MM-DD or DD/MM/YYYY", value);
		m->uk_dates = value[0] == 'D';
		return 0;
	}
	if (strlen(value) >= sizeof m->column[k])
		return app_fail(err, ERR_INPUT, key, "the %s column's name is longer than %zu characters",
				key, sizeof m->column[k] - 1);
	snprintf(m->column[k], sizeof m->column[k], "%s", value);
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	return s;
}

int mis_mapping_read(const char *path, struct mis_mapping *m, struct app_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return app_fail(err, ERR_INPUT, "mapping", "%s: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, ret = 0;
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		char *t = trim(line);
		if (!*t || *t == '#')
			continue;
		char *eq = strchr(t, '=');
		if (!eq) {
			ret = app_fail(err, ERR_INPUT, NULL,
				       "'%s' is not 'key = column name' (keys: upn, date, session, code, "
				       "minutes_late, date_format)",
				       t);
		} else {
			*eq = '\0';
			ret = mis_mapping_set(m, trim(t), trim(eq + 1), err);
		}
		if (ret < 0) {
			app_error_where(err, "%s:%d", path, lineno);
			break;
		}
	}
	free(line);
	fclose(f);
	return ret;
}

int import_mis(struct engine *e, const char *path, const struct mis_mapping *m,
	       const struct actor *who, const char *reason, struct import_result *res,
	       struct app_error *err)
{
	struct marks_format fmt = {.uk_dates = m->uk_dates, .other_columns = true};
	for (int k = 0; k < MARKS_COL__MAX; k++)
		fmt.column[k] = m->column[k];
	return import_marks_as(e, path, &fmt, who, reason, res, err);
}
