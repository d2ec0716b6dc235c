/* Attendance figures as JSON (the `attend stats --json` and /api/stats
 * contract) and as text for people. The figures come from core/stats. */
#ifndef ATTEND_REPORT_H
#define ATTEND_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "app/error.h"
#include "engine/engine.h"

struct stats_query {
	date_t from, to;
	int group;                /* enum group_field, or -1 for none */
	const uint8_t *row_scope; /* rows the caller may see (1) or not (0); NULL: all */
	bool identify_pupils;     /* false: no per-pupil rows (aggregate-only roles) */
};

/* Fills in from/to left as DATE_INVALID: the academic year to date, or the
 * latest academic year the calendar holds if today is past it. */
void report_default_range(const struct engine *e, date_t today, struct stats_query *q);
/* Checks the range: from <= to. */
int report_check_range(const struct stats_query *q, struct app_error *err);

json_t *report_stats_json(const struct engine *e, const struct stats_query *q);
void report_stats_text(FILE *out, const struct engine *e, const struct stats_query *q);

/* Percentages in hundredths as JSON numbers with two decimals (null for n/a). */
json_t *report_pct_json(int64_t pct100);
/* A percentage in hundredths to one decimal for people ("94.7"; "-" for n/a). */
void report_pct1(char *buf, size_t len, int64_t pct100);

#endif
