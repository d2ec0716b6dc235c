/* The charts of leading attendance (app/chart.h: SVG on pages, cairo in
 * PDFs): a target's trajectory against its line to the goal, and the
 * self-assessments' area averages side by side. */
#ifndef ATTEND_LEADING_CHARTS_H
#define ATTEND_LEADING_CHARTS_H

#include "app/chart.h"
#include "app/plan.h"
#include "app/selfassess.h"

/* The target's figure at each point and the straight line from its
 * baseline to its goal. With small_numbers, a point resting on fewer than
 * 6 pupils is left out ("fewer than 6"). -1 when out of memory or there is
 * no trajectory. */
int leading_target_chart(struct chart *c, const char *id, const struct plan_target_rec *t,
			 const struct target_live *l, bool small_numbers);
/* Each area's average score (1 to 4) in each assessment, oldest first. */
int leading_sa_chart(struct chart *c, const char *id, const struct sa_compare *cmp);

#endif
