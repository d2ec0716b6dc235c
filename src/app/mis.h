/* Marks history from another system's export (a MIS): a CSV with a pupil
 * identifier, date, session and code column whose names (and date style) a
 * school gives by options or a small mapping file, since MIS exports differ.
 * The rows go through the same register rules as `attend import marks`. */
#ifndef ATTEND_MIS_H
#define ATTEND_MIS_H

#include "app/error.h"
#include "app/import.h"

#define MIS_COLUMN_MAX 128

struct mis_mapping {
	char column[MARKS_COL__MAX][MIS_COLUMN_MAX];
	bool uk_dates;
	bool given[MARKS_COL__MAX + 1]; /* which keys were set (the last: date_format) */
};

/* The marks CSV's column names and ISO dates. */
void mis_mapping_default(struct mis_mapping *m);
/* Sets one key: upn, date, session, code, minutes_late (a column name) or
 * date_format (YYYY-MM-DD or DD/MM/YYYY). A key set twice is an error. */
int mis_mapping_set(struct mis_mapping *m, const char *key, const char *value,
		    struct app_error *err);
/* Reads a mapping file: one "key = value" a line; blank lines and lines
 * starting with # are skipped. Errors name the file and line. */
int mis_mapping_read(const char *path, struct mis_mapping *m, struct app_error *err);

/* Imports the file in one transaction; other columns of the export are skipped. */
int import_mis(struct engine *e, const char *path, const struct mis_mapping *m,
	       const struct actor *who, const char *reason, struct import_result *res,
	       struct app_error *err);

#endif
