#include "app/leading_charts.h"

#include <stdio.h>

#include "core/wording.h"

int leading_target_chart(struct chart *c, const char *id, const struct plan_target_rec *t,
			 const struct target_live *l, bool small_numbers)
{
	if (!l->figure || l->n_points < 1 || chart_init(c, CHART_LINE, id, l->n_points, 2) < 0)
		return -1;
	c->pct = true;
	char who[64];
	plan_cohort_label(t->cohort, who, sizeof who);
	snprintf(c->title, sizeof c->title, "%s of %s", target_measure_label(l->measure), who);
	snprintf(c->desc, sizeof c->desc,
		 "The %s of %s over %s, measured on the last school day of each week since the "
		 "baseline, beside the straight line from the baseline to the goal.",
		 target_measure_label(l->measure), who,
		 target_span_label((enum target_span)(target_span_parse(t->span) < 0 ? 0 : target_span_parse(t->span))));
	chart_series(c, 0, "The figure", PAL_BLUE, FILL_SOLID);
	chart_series(c, 1, "The line to the goal", PAL_ORANGE, FILL_SOLID);
	c->series[1].dashed = true;
	int64_t lo = 10000, hi = 0;
	for (int k = 0; k < l->n_points; k++) {
		const struct target_point *p = &l->points[k];
		int y, m, d;
		date_to_ymd(p->day, &y, &m, &d);
		snprintf(c->cat[k], sizeof c->cat[k], "%d/%d", d, m);
		if (small_numbers && plan_point_hidden(l, p)) {
			chart_set_note(c, k, 0, "fewer than 6");
		} else if (p->value >= 0) {
			*chart_v(c, k, 0) = p->value;
			lo = p->value < lo ? p->value : lo;
			hi = p->value > hi ? p->value : hi;
		}
		if (p->expected >= 0) {
			*chart_v(c, k, 1) = p->expected;
			lo = p->expected < lo ? p->expected : lo;
			hi = p->expected > hi ? p->expected : hi;
		}
	}
	if (t->goal100 >= 0) {
		char g[16];
		c->ref[c->n_ref].y = t->goal100;
		snprintf(c->ref[c->n_ref++].label, sizeof c->ref[0].label, "goal %s",
			 wording_pct(t->goal100, g, sizeof g));
		lo = t->goal100 < lo ? t->goal100 : lo;
		hi = t->goal100 > hi ? t->goal100 : hi;
	}
	/* the axis around the figures, to whole 5 points */
	c->y_min = lo >= hi ? 0 : (lo / 500) * 500;
	c->y_max = hi <= 0 ? 10000 : ((hi + 499) / 500) * 500;
	if (c->y_max > 10000)
		c->y_max = 10000;
	if (c->y_max <= c->y_min)
		c->y_max = c->y_min + 500;
	return 0;
}

int leading_sa_chart(struct chart *c, const char *id, const struct sa_compare *cmp)
{
	if (cmp->n < 1 || cmp->n_areas < 1 ||
	    chart_init(c, CHART_LINE, id, cmp->n, cmp->n_areas < CHART_SERIES_MAX ? cmp->n_areas
										   : CHART_SERIES_MAX) < 0)
		return -1;
	c->score = true;
	snprintf(c->title, sizeof c->title, "Average score by area");
	snprintf(c->desc, sizeof c->desc,
		 "The average score (1 to 4, on the toolkit's key) of each area's questions in each "
		 "self-assessment, oldest first: a rising line is practice getting stronger.");
	static const int colours[] = {PAL_BLUE, PAL_ORANGE, PAL_GREEN, PAL_PURPLE, PAL_VERMILLION,
				      PAL_SKY, PAL_BLACK, PAL_YELLOW};
	for (int k = 0; k < c->n_series; k++) {
		chart_series(c, k, cmp->area[k], colours[k % 8], FILL_SOLID);
		c->series[k].dashed = k % 2 == 1;
	}
	for (int i = 0; i < cmp->n; i++) {
		char d[DATE_ISO_LEN];
		snprintf(c->cat[i], sizeof c->cat[i], "%s", date_format(cmp->a[i].held_on, d));
		for (int k = 0; k < c->n_series; k++) {
			int64_t v = cmp->avg100[i * cmp->n_areas + k];
			*chart_v(c, i, k) = v < 0 ? CHART_NONE : v;
		}
	}
	c->y_min = 100;
	c->y_max = 400;
	return 0;
}
