/* Casework as JSON, for the API and `attend casework --json`: one shape
 * each, written in one place. Dates are "YYYY-MM-DD" or null; percentages
 * as numbers with two decimals; changes in points. */
#ifndef ATTEND_APP_CASEWORK_JSON_H
#define ATTEND_APP_CASEWORK_JSON_H

#include <jansson.h>

#include "app/casework.h"
#include "app/casework_impact.h"

/* {"id","upn","name","form","year","kind","label","key","raised_on","detail",
 *  "stage_then","suggested","state","decided_by","decided_at","reason","stage_set"} */
json_t *cw_review_json(const struct engine *e, const struct cw_review_rec *r);
/* {"before_pct","after_pct","change_pp","before_weeks","after_weeks","complete",
 *  "enough","from","to"} */
json_t *cw_impact_json(const struct engine *e, const struct cw_impact *m);
/* {"as_of","weeks","min_pupils","types":[{"type","label","pupils","counted","matched",
 *  "comparison_pupils","change_pp","matched_change_pp","comparison_pp","difference_pp",
 *  "too_few","warning"}]} */
json_t *cw_impact_school_json(const struct cw_catalogues *cat, date_t as_of, int weeks,
			      const struct cw_type_impact *t, int n);
/* A pupil's casework as the account may see it (c from cw_case_load), with
 * the impact of each plan and intervention as of as_of. */
json_t *cw_case_json(const struct engine *e, const struct cw_catalogues *cat,
		     const struct cw_case *c, int weeks, date_t as_of);
/* A label for a type of the impact table (a plan, or the catalogue's). */
const char *cw_type_label(const struct cw_catalogues *cat, const char *type);

#endif
