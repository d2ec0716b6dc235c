#include "app/dash_charts.h"

#include <stdio.h>

int dash_chart_weekly(struct chart *c, const struct dash *d, const char *id, int pupil,
		      int64_t national)
{
	const struct trends_result *t = &d->t;
	if (chart_init(c, CHART_LINE, id, t->wl.n, 1) < 0)
		return -1;
	c->pct = true;
	snprintf(c->title, sizeof c->title, "Attendance week by week");
	chart_series(c, 0, "Attendance", PAL_BLUE, FILL_SOLID);
	const int32_t *pw = pupil >= 0 ? &t->pupil_weekly[(size_t)pupil * t->wl.n * 2] : NULL;
	for (int w = 0; w < t->wl.n; w++) {
		int y, m, day;
		date_to_ymd(t->wl.w[w].monday, &y, &m, &day);
		snprintf(c->cat[w], sizeof c->cat[w], "%d/%d", day, m);
		int64_t pct = pw ? stats_pct100(pw[2 * w], pw[2 * w + 1])
				 : stats_pct100(tally_attendance(&t->weekly[w]), tally_possible(&t->weekly[w]));
		*chart_v(c, w, 0) = pct < 0 ? CHART_NONE : pct;
	}
	c->y_min = pw ? 0 : 8000;
	c->y_max = 10000;
	c->ref[c->n_ref++] = (struct chart_ref){9000, "90%"};
	if (national >= 0) {
		char pct[16];
		c->ref[c->n_ref].y = national;
		snprintf(c->ref[c->n_ref++].label, sizeof c->ref[0].label, "national %s",
			 wording_pct(national, pct, sizeof pct));
	}
	return 0;
}

int dash_chart_bands(struct chart *c, const char *id, int n_cat)
{
	if (chart_init(c, CHART_STACKED, id, n_cat, BAND__MAX) < 0)
		return -1;
	for (int b = 0; b < BAND__MAX; b++) {
		char name[24];
		snprintf(name, sizeof name, "%s%%", stats_band_label(b));
		chart_series(c, b, name, PAL_BAND0 + b,
			     b >= BAND__MAX - 1 ? FILL_CROSS : b >= 2 ? FILL_HATCH : FILL_SOLID);
	}
	return 0;
}

int dash_chart_cohorts(struct chart *c, const char *id)
{
	if (chart_init(c, CHART_BARS, id, dash_n_cohorts, 3) < 0)
		return -1;
	c->pct = true;
	snprintf(c->title, sizeof c->title, "Absence by cohort, the rest of the school and nationally");
	chart_series(c, 0, "Cohort", PAL_ORANGE, FILL_SOLID);
	chart_series(c, 1, "Rest of the school", PAL_SKY, FILL_DOTS);
	chart_series(c, 2, "National", PAL_BLACK, FILL_HATCH);
	for (int i = 0; i < dash_n_cohorts; i++)
		snprintf(c->cat[i], sizeof c->cat[i], "%s", dash_cohorts[i].short_label);
	return 0;
}

void dash_pattern_parts(const struct pattern *p, struct dash_part out[DASH_PARTS])
{
	static const char *const labels[PATTERN_WEEKDAYS] = {"Mon", "Tue", "Wed", "Thu", "Fri"};
	for (int d = 0; d < PATTERN_WEEKDAYS; d++)
		out[d] = (struct dash_part){&p->day[d], date_weekday_name((enum weekday)d), labels[d],
					    pattern_at_name(d), pattern_at_name(d)};
	out[5] = (struct dash_part){&p->session[SESSION_AM], "Mornings", "AM", "am", "am"};
	out[6] = (struct dash_part){&p->session[SESSION_PM], "Afternoons", "PM", "pm", "pm"};
	out[7] = (struct dash_part){&p->edge[EDGE_BEFORE_BREAK], "Before a break", "Before", "before",
				    "holiday"};
	out[8] = (struct dash_part){&p->edge[EDGE_AFTER_BREAK], "After a break", "After", "after",
				    "holiday"};
}

int dash_chart_parts(struct chart *c, const char *id, const struct dash_part parts[DASH_PARTS])
{
	if (chart_init(c, CHART_BARS, id, DASH_PARTS, 1) < 0)
		return -1;
	c->pct = true;
	snprintf(c->title, sizeof c->title, "Where absence falls");
	chart_series(c, 0, "Absence", PAL_VERMILLION, FILL_SOLID);
	for (int i = 0; i < DASH_PARTS; i++) {
		int64_t rate = stats_pct100(tally_absence(parts[i].t), tally_possible(parts[i].t));
		snprintf(c->cat[i], sizeof c->cat[i], "%s", parts[i].label);
		*chart_v(c, i, 0) = rate < 0 ? CHART_NONE : rate;
	}
	return 0;
}
