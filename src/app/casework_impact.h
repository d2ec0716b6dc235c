/* The impact of interventions and support plans, from the register:
 *
 * For one intervention or plan of a pupil started on day S: attendance in
 * the N school weeks before the school week of S, against attendance from
 * S to the end of the N-th school week counting S's own (N: the setting
 * casework_impact_weeks, default 6), over every enrolment of the pupil,
 * from core/tally; the change in percentage points is exact.
 *
 * For each type across the school (support plans are a type too): each
 * pupil counts once, with the first one they had. A pupil counts when the
 * after-window has ended by today and each window holds at least 20
 * possible sessions. Their comparison pupils are those, over the same two
 * windows, with at least 20 possible sessions in each, in the same DfE
 * absence band (core/stats: 5-point bands) over the before-window, who had
 * not had that type by the end of the after-window. A pupil's comparison
 * change is the mean of their comparison pupils' changes; the type's
 * figures are means over pupils (each pupil's change once, whatever their
 * sessions), each to 0.01 points, rounded half away from zero. With fewer
 * than 10 pupils matched, or fewer than 10 comparison pupils, the figures
 * are shown with a plain warning that they are too few to conclude
 * anything. */
#ifndef ATTEND_APP_CASEWORK_IMPACT_H
#define ATTEND_APP_CASEWORK_IMPACT_H

#include "app/casework.h"

#define CW_PLAN_TYPE "support_plan"

struct cw_impact {
	struct cw_windows w;
	struct tally before, after;
	int64_t before_pct100, after_pct100; /* -1: no possible session */
	int64_t change_pp100;                /* PP_NONE: none */
	bool enough; /* each window has CW_IMPACT_MIN_POSSIBLE possible sessions */
};
/* wl: the calendar's school weeks (cw_weeks). -1 when the start has no
 * school day after it in the calendar. */
int cw_impact_of(const struct engine *e, const struct week_list *wl, int64_t pupil_id, date_t start,
		 int weeks, date_t as_of, struct cw_impact *out);

struct cw_type_impact {
	char type[STORE_CW_CODE_MAX]; /* an intervention's code, or CW_PLAN_TYPE */
	int pupils;            /* pupils who had it */
	int counted;           /* with complete windows and enough sessions */
	int matched;           /* of those, with at least one comparison pupil */
	int comparison_pupils; /* distinct comparison pupils */
	int64_t change_pp100;         /* mean change of the pupils counted */
	int64_t matched_change_pp100; /* ... of those matched */
	int64_t comparison_pp100;     /* mean of their comparison changes */
	int64_t difference_pp100;     /* mean of (own change - comparison change) */
	bool too_few;
};
/* Every type any pupil had, by type. *out malloc'd. */
int cw_impact_school(const struct engine *e, struct store *s, date_t as_of, int weeks,
		     struct cw_type_impact **out, int *n, struct app_error *err);
/* The warning of too few pupils, or "" when there are enough. */
char *cw_impact_warning(const struct cw_type_impact *t, char *buf, size_t len);

#endif
