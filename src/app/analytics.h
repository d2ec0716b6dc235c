/* The trends and patterns reports (`attend trends`, `attend patterns`, and
 * the JSON the dashboards read): figures from core/trends, core/patterns and
 * core/stats over the engine's matrix, as JSON and as text for people. */
#ifndef ATTEND_ANALYTICS_H
#define ATTEND_ANALYTICS_H

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "app/report.h"
#include "core/wording.h"
#include "store/store.h"

struct analytics_query {
	struct stats_query q; /* range, grouping, row scope, identify_pupils */
	const char *upn;      /* list only this pupil's enrolments (NULL: every pupil) */
	struct wording_settings words;
};

/* The school's wording settings: lessons_per_day (1-12, default 5) and
 * school_day_minutes (60-720, default 390). A stored value out of range is
 * an error naming the setting; nothing is changed. */
int analytics_settings_load(struct store *s, int64_t school_id, struct wording_settings *w,
			    struct app_error *err);

/* Whether the UPN has an enrolment in the school (for a clear error). */
bool analytics_upn_known(const struct engine *e, const char *upn);

/* NULL when out of memory. */
json_t *report_trends_json(const struct engine *e, const struct analytics_query *a);
int report_trends_text(FILE *out, const struct engine *e, const struct analytics_query *a);
json_t *report_patterns_json(const struct engine *e, const struct analytics_query *a);
int report_patterns_text(FILE *out, const struct engine *e, const struct analytics_query *a);

/* Shared by the analytics reports. */
static inline bool analytics_visible(const struct stats_query *q, int row)
{
	return !q->row_scope || q->row_scope[row];
}
/* Whether a row is listed among "pupils": pupils may be named and it is the
 * UPN asked for (any, when none was). */
static inline bool analytics_listed(const struct engine *e, const struct analytics_query *a,
				    int row)
{
	return a->q.identify_pupils && (!a->upn || strcmp(e->m.rows[row].upn, a->upn) == 0);
}
/* "YYYY-MM-DD", or null for DATE_INVALID. */
json_t *analytics_date_json(date_t day);
/* Copies the members of from into into, and drops from. Returns into. */
json_t *analytics_merge(json_t *into, json_t *from);
/* {"upn", "year", "form"} of a row. */
json_t *analytics_pupil_head(const struct engine *e, int row);

#endif
