/* A target's live figure and its trajectory: one pass over the register
 * for the whole series. Each point is the target's span as of its day (the
 * school year, term or half-term to that day); the cohort's rows are each
 * read once into cumulative tallies at every boundary of every point
 * (core/tally), so each point's figures are a difference of two tallies,
 * classified and summed by core/stats exactly as `attend stats` does. */
#include <stdlib.h>
#include <string.h>

#include "app/dash.h"
#include "app/governor.h"
#include "app/plan.h"
#include "core/tally.h"

#define MAX_POINTS 60

/* The days of the series: the baseline's, the last school day of each
 * school week after it, and as_of (the latest MAX_POINTS of them). */
static int point_days(const struct calendar *cal, date_t base, date_t as_of, bool trajectory,
		      date_t *days)
{
	int n = 0;
	if (trajectory && base != DATE_INVALID && base < as_of) {
		days[n++] = base;
		int lo, hi;
		calendar_day_range(cal, base + 1, as_of - 1, &lo, &hi);
		for (int i = lo; i < hi; i++) {
			date_t d = cal->school_days[i];
			bool last_of_week = i + 1 >= cal->n_school_days ||
					    date_week_start(cal->school_days[i + 1]) != date_week_start(d);
			if (!last_of_week)
				continue;
			if (n == MAX_POINTS - 1) {
				memmove(days + 1, days + 2, (size_t)(n - 2) * sizeof *days);
				n--;
			}
			days[n++] = d;
		}
	}
	days[n++] = as_of;
	return n;
}

int plan_target_live(const struct engine *e, const struct plan_target_rec *t, date_t as_of,
		     bool trajectory, struct target_live *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->now.value = out->now.expected = -1;
	out->now.day = as_of;
	int m = target_measure_parse(t->measure);
	if (m < 0)
		return 0;
	out->figure = true;
	out->measure = (enum target_measure)m;
	int span = target_span_parse(t->span);
	if (span < 0)
		span = TS_YEAR;
	struct pupil_filter filter;
	struct app_error ce = {0};
	if (plan_cohort_filter(e, t->cohort, &filter, &ce) < 0)
		return 0; /* a cohort the school no longer has (a form renamed): no figure */

	date_t days[MAX_POINTS];
	int n = point_days(&e->cal, t->baseline_date, as_of, trajectory, days);
	struct target_point *pts = calloc((size_t)n, sizeof *pts);
	struct group_figures *g = calloc((size_t)n, sizeof *g);
	int *c0 = calloc((size_t)n * 2, sizeof *c0), *bounds = calloc((size_t)n * 2, sizeof *bounds);
	struct segments seg = {0};
	struct tally *cum = NULL;
	int ret = -1;
	if (!pts || !g || !c0 || !bounds)
		goto oom;
	int nb = 0;
	for (int k = 0; k < n; k++) {
		date_t from, to;
		int *a = &c0[2 * k], *b = &c0[2 * k + 1];
		*a = *b = 0;
		if (target_span_range(&e->cal, (enum target_span)span, days[k], &from, &to) == 0)
			stats_cols(&e->cal, from, to, a, b);
		if (*b > *a) {
			bounds[nb++] = *a;
			bounds[nb++] = *b;
		}
	}
	if (segments_build(&seg, bounds, nb) < 0 ||
	    !(cum = calloc((size_t)seg.n + 1, sizeof *cum)))
		goto oom;
	struct tally_plan plan;
	tally_plan_init(&plan);
	for (int row = 0; seg.n > 0 && row < e->m.n_rows; row++) {
		if (!dash_row_matches(&e->m, row, &filter))
			continue;
		bool any = false;
		for (int k = 0; k < n && !any; k++)
			any = c0[2 * k + 1] > c0[2 * k] && stats_on_roll(&e->m.rows[row], c0[2 * k], c0[2 * k + 1]);
		if (!any)
			continue;
		memset(cum, 0, ((size_t)seg.n + 1) * sizeof *cum);
		tally_row_cumulative(&plan, &e->m, row, &seg, cum);
		for (int k = 0; k < n; k++) {
			int a = c0[2 * k], b = c0[2 * k + 1];
			if (b <= a || !stats_on_roll(&e->m.rows[row], a, b))
				continue;
			struct tally x;
			struct figures f;
			struct figures_class c;
			tally_between(cum, segments_at(&seg, a), segments_at(&seg, b), &x);
			tally_figures(&x, &f);
			stats_classify(&f, &c);
			stats_add_classified(&g[k], &f, &c);
		}
	}
	for (int k = 0; k < n; k++) {
		struct target_point *p = &pts[k];
		p->day = days[k];
		p->value = target_measure_value(&g[k], out->measure);
		p->pupils = g[k].pupils_with_possible;
		p->count = out->measure == TM_PERSISTENT ? g[k].persistent
			   : out->measure == TM_SEVERE	 ? g[k].severe
							 : 0;
		p->expected = t->baseline100 >= 0 && t->baseline_date != DATE_INVALID
				      ? target_expected(&e->cal, t->baseline100, t->baseline_date,
							t->goal100, t->goal_date, days[k])
				      : -1;
	}
	out->now = pts[n - 1];
	out->track = out->now.expected < 0
			     ? TT_UNKNOWN
			     : target_track_of(out->measure, out->now.value, out->now.expected, t->goal100);
	if (trajectory) {
		out->points = pts;
		out->n_points = n;
		pts = NULL;
	}
	ret = 0;
	goto out;
oom:
	app_fail(err, ERR_INTERNAL, NULL, "out of memory");
out:
	free(pts);
	free(g);
	free(c0);
	free(bounds);
	free(cum);
	segments_free(&seg);
	return ret;
}

void plan_target_live_free(struct target_live *l)
{
	free(l->points);
	l->points = NULL;
	l->n_points = 0;
}

bool plan_point_hidden(const struct target_live *l, const struct target_point *p)
{
	if (!l->figure || p->value < 0)
		return false;
	if (p->pupils < GOV_MIN_PUPILS)
		return true;
	return target_measure_counts_pupils(l->measure) && p->count > 0 && p->count < GOV_MIN_PUPILS;
}
