/* The charts the dashboard, the views, the profile and the governor report
 * share, built from a request's figures (app/dash.h) into chart models
 * (app/chart.h): pages draw them as SVG, the PDF with cairo. */
#ifndef ATTEND_DASH_CHARTS_H
#define ATTEND_DASH_CHARTS_H

#include "app/chart.h"
#include "app/dash.h"

/* Attendance week by week: the school's (the view's rows), or one listed
 * pupil's (pupil: an index into d->t.pupils, with DASH_WEEKLY; -1 for the
 * school). From 80% (the school) or 0% (a pupil) to 100%, with the 90% line
 * and, unless national is -1, the national attendance (hundredths). */
int dash_chart_weekly(struct chart *c, const struct dash *d, const char *id, int pupil,
		      int64_t national);
/* The 11 absence bands as series (viridis; persistent absence hatched,
 * severe crossed), over n_cat categories. */
int dash_chart_bands(struct chart *c, const char *id, int n_cat);
/* Each cohort (dash_cohorts) beside the rest of the school and nationally. */
int dash_chart_cohorts(struct chart *c, const char *id);

/* The parts of a pattern the views show, in order: Monday to Friday,
 * mornings, afternoons, the school day before a break and after one. */
enum { DASH_PARTS = PATTERN_WEEKDAYS + SESSION__MAX + 2 };
struct dash_part {
	const struct tally *t;
	const char *name;   /* "Monday", "Mornings", "Before a break" */
	const char *label;  /* for a chart: "Mon", "AM", "Before" */
	const char *key;    /* "monday", "am", "before" */
	const char *filter; /* the pupil list's pattern: "monday", "am", "holiday" */
};
void dash_pattern_parts(const struct pattern *p, struct dash_part out[DASH_PARTS]);
/* The absence rate of each part, as a bar chart. */
int dash_chart_parts(struct chart *c, const char *id, const struct dash_part parts[DASH_PARTS]);

#endif
