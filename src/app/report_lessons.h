/* The lesson figures as JSON (`attend lessons ... --json`, the API) and as
 * text for people: sums by class, subject, teacher, period or pupil over a
 * range, and pupils' lesson patterns with their notes. Figures come from
 * core/lesson_stats over the engine's lesson matrix. */
#ifndef ATTEND_REPORT_LESSONS_H
#define ATTEND_REPORT_LESSONS_H

#include <jansson.h>
#include <stdio.h>

#include "app/report.h"
#include "engine/lessons.h"

struct lesson_report_query {
	date_t from, to;
	int by;                   /* enum lesson_dim, or -1: by pupil */
	const uint8_t *row_scope; /* rows the caller may see; NULL: all */
	const char *upn;          /* patterns: only this pupil */
	int year;                 /* patterns: only this year group (YEAR_INVALID: any) */
};

/* {"from","to","by","total":{F},"rows":[{"key", F}]} with
 * F = "lessons","present","late","absent","authorised","unauthorised",
 *     "unexplained"... see the README. NULL when out of memory. */
json_t *report_lessons_summary_json(const struct engine *e, const struct lesson_report_query *q);
int report_lessons_summary_text(FILE *out, const struct engine *e,
				const struct lesson_report_query *q);
/* {"from","to","group":{P},"pupils":[{"upn","year","form", P, "notes":[...]}]};
 * a pupil's P is whole only when q->upn names them (the profile); in a list
 * it is "total" and "post_registration". */
json_t *report_lessons_patterns_json(const struct engine *e, const struct lesson_report_query *q);
int report_lessons_patterns_text(FILE *out, const struct engine *e,
				 const struct lesson_report_query *q);
/* The lesson figures of one tally as JSON members (F above). */
json_t *report_lesson_figures(const struct tally *t);

#endif
