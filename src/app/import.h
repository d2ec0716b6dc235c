/* CSV imports of a school's calendar, pupils and marks. Each import is one
 * transaction: one bad row rejects the whole file, names its line and the
 * rule it breaks, and leaves the database exactly as it was. */
#ifndef ATTEND_IMPORT_H
#define ATTEND_IMPORT_H

#include "app/error.h"
#include "app/marks.h"
#include "engine/engine.h"

struct import_result {
	long rows;
	long added, changed, unchanged;
};

int import_calendar(struct engine *e, const char *path, const struct actor *who,
		    struct import_result *res, struct app_error *err);
int import_pupils(struct engine *e, const char *path, const struct actor *who,
		  struct import_result *res, struct app_error *err);
/* Marks for sessions that already have one are amendments, kept with reason. */
int import_marks(struct engine *e, const char *path, const struct actor *who, const char *reason,
		 struct import_result *res, struct app_error *err);

/* How a file of marks names its columns and writes its dates: the marks CSV
 * above, or another system's export (a MIS). */
enum { MARKS_COL_UPN, MARKS_COL_DATE, MARKS_COL_SESSION, MARKS_COL_CODE, MARKS_COL_MINUTES,
       MARKS_COL__MAX };
struct marks_format {
	const char *column[MARKS_COL__MAX]; /* header names; minutes late is optional */
	bool uk_dates;                      /* DD/MM/YYYY rather than YYYY-MM-DD */
	bool other_columns;                 /* skip columns not named here */
};
/* import_marks for a file of that format: the same rules, one transaction. */
int import_marks_as(struct engine *e, const char *path, const struct marks_format *fmt,
		    const struct actor *who, const char *reason, struct import_result *res,
		    struct app_error *err);

#endif
