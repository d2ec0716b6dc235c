/* GET /dashboard?from=&to=: the school dashboard the attendance lead opens
 * every morning. As of `to` (default today): today, this week, last week,
 * this half-term, this year to date and the same point last year side by
 * side with the national figures of the school's phase; who moved this
 * week; the absence bands of each year group; the cohort gaps; where
 * absence falls; lateness. Every number links to the pupils behind it. */
#include <stdio.h>
#include <string.h>

#include "web/svg.h"
#include "web/views.h"

static const enum period columns[] = {PERIOD_TODAY,	     PERIOD_THIS_WEEK, PERIOD_LAST_WEEK,
				      PERIOD_THIS_HALF_TERM, PERIOD_THIS_YEAR, PERIOD_SAME_POINT_LAST_YEAR};
#define N_COLUMNS ((int)(sizeof columns / sizeof *columns))

static const char *column_label(enum period p)
{
	switch (p) {
	case PERIOD_TODAY: return "Today";
	case PERIOD_THIS_WEEK: return "This week";
	case PERIOD_LAST_WEEK: return "Last week";
	case PERIOD_THIS_HALF_TERM: return "This half-term";
	case PERIOD_THIS_YEAR: return "This year to date";
	case PERIOD_SAME_POINT_LAST_YEAR: return "Same point last year";
	default: return period_name(p);
	}
}

enum measure_row { M_ATTENDANCE, M_ABSENCE, M_AUTHORISED, M_UNAUTHORISED, M_PA, M_SA, M_PUPILS, M__MAX };

static const struct {
	const char *label, *key, *extra; /* extra: the list's filter and order */
	enum bm_measure bm;
} measures[M__MAX] = {
	[M_ATTENDANCE] = {"Attendance", "attendance_pct", "sort=attendance", BM_ATTENDANCE},
	[M_ABSENCE] = {"Absence", "absence_pct", "sort=absence&dir=desc", BM_ABSENCE},
	[M_AUTHORISED] = {"Authorised absence", "authorised_pct", "sort=authorised&dir=desc",
			  BM_AUTHORISED},
	[M_UNAUTHORISED] = {"Unauthorised absence", "unauthorised_pct", "flag=unauthorised&sort=unauthorised&dir=desc",
			    BM_UNAUTHORISED},
	[M_PA] = {"Persistent absence (10% or more)", "persistent", "flag=pa&sort=attendance", BM_PERSISTENT},
	[M_SA] = {"Severe absence (50% or more)", "severe", "flag=sa&sort=attendance", BM_SEVERE},
	[M_PUPILS] = {"Pupils on roll", "pupils", "sort=name", BM_MEASURE__MAX},
};

static int64_t measure_value(const struct group_figures *g, enum measure_row m)
{
	switch (m) {
	case M_ATTENDANCE: return stats_pct100(g->present + g->approved, g->possible);
	case M_ABSENCE: return stats_pct100(g->authorised + g->unauthorised, g->possible);
	case M_AUTHORISED: return stats_pct100(g->authorised, g->possible);
	case M_UNAUTHORISED: return stats_pct100(g->unauthorised, g->possible);
	case M_PA: return g->persistent;
	case M_SA: return g->severe;
	default: return g->pupils;
	}
}

static void headline(struct html *h, const struct view *v)
{
	const struct trends_result *t = &v->d.t;
	html_lit(h, "<h2 id=\"headline\">The figures</h2><div class=\"scroll\"><table class=\"list "
		    "figures-table\" id=\"periods\"><thead><tr><th scope=\"col\">Figure</th>");
	for (int c = 0; c < N_COLUMNS; c++) {
		enum period p = columns[c];
		char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
		html_lit(h, "<th scope=\"col\" data-period=\"");
		html_attr(h, period_name(p));
		html_lit(h, "\"");
		if (t->per.has[p]) {
			html_lit(h, " data-from=\"");
			html_attr(h, date_format(t->per.r[p].from, a));
			html_lit(h, "\" data-to=\"");
			html_attr(h, date_format(t->per.r[p].to, b));
			html_lit(h, "\"");
		}
		html_lit(h, ">");
		html_txt(h, column_label(p));
		if (t->per.has[p]) {
			char x[40], y[40];
			html_lit(h, "<br><small>");
			if (t->per.r[p].from == t->per.r[p].to)
				html_txt(h, html_long_date(t->per.r[p].from, x));
			else
				html_txtf(h, "%s to %s", date_format(t->per.r[p].from, x),
					  date_format(t->per.r[p].to, y));
			html_lit(h, "</small>");
		}
		html_lit(h, "</th>");
	}
	html_lit(h, "<th scope=\"col\">National <small>(");
	html_txt(h, bm_phase_name(v->phase));
	html_lit(h, ")</small></th></tr></thead><tbody>");
	for (int m = 0; m < M__MAX; m++) {
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, measures[m].label);
		html_lit(h, "</th>");
		for (int c = 0; c < N_COLUMNS; c++) {
			enum period p = columns[c];
			html_lit(h, "<td>");
			if (!t->per.has[p]) {
				html_lit(h, "<span class=\"hint\">–</span></td>");
				continue;
			}
			if ((m == M_PA || m == M_SA) &&
			    (p == PERIOD_TODAY || p == PERIOD_THIS_WEEK || p == PERIOD_LAST_WEEK)) {
				/* a pupil's share of a day or a week says little: persistent
				 * and severe absence are measured over longer periods */
				html_lit(h, "<span class=\"hint\" title=\"measured over a half-term or "
					    "longer\">–</span></td>");
				continue;
			}
			const struct group_figures *g = &t->school.period[p];
			char key[64], href[300];
			snprintf(key, sizeof key, "p.%s.%s", period_name(p), measures[m].key);
			view_pupils_href(v, t->per.r[p].from, t->per.r[p].to, measures[m].extra, href,
					 sizeof href);
			int64_t x = measure_value(g, (enum measure_row)m);
			if (m == M_PA || m == M_SA)
				view_count_rate(h, key, x,
						stats_pct100(m == M_PA ? g->persistent : g->severe,
							     g->pupils_with_possible),
						href);
			else
				view_figure(h, key, x, m != M_PUPILS ? FIG_PCT : FIG_COUNT, href);
			if (m == M_ABSENCE) {
				html_lit(h, "<br><small>");
				view_days(h, v, g->authorised + g->unauthorised);
				html_lit(h, "</small>");
			}
			struct trend_change ch;
			if (m == M_ATTENDANCE && p == PERIOD_THIS_WEEK) {
				trends_period_change(t->school.period, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &ch);
				html_lit(h, "<br><small>");
				view_pp(h, ch.change_pp100);
				html_lit(h, " points on last week</small>");
			}
			if (m == M_ATTENDANCE && p == PERIOD_THIS_YEAR && t->per.has[PERIOD_SAME_POINT_LAST_YEAR]) {
				trends_period_change(t->school.period, PERIOD_THIS_YEAR,
						     PERIOD_SAME_POINT_LAST_YEAR, &ch);
				html_lit(h, "<br><small>");
				view_pp(h, ch.change_pp100);
				html_lit(h, " points on last year</small>");
			}
			html_lit(h, "</td>");
		}
		html_lit(h, "<td>");
		const struct benchmark *att = view_find_benchmark(v, BM_ATTENDANCE, "all", BM_FULL_YEAR);
		const struct benchmark *abs = view_find_benchmark(v, BM_ABSENCE, "all", BM_FULL_YEAR);
		if (m == M_ATTENDANCE && !att && abs) {
			/* attendance is what absence leaves: 100% less the absence rate */
			char d[160];
			html_lit(h, "<span class=\"bench\"");
			view_data_attrs(h, "n.attendance_pct", 10000 - abs->value100, FIG_PCT);
			html_lit(h, " title=\"100% less the absence rate, ");
			html_attr(h, bm_describe(abs, d, sizeof d));
			html_lit(h, "\">");
			view_pct(h, 10000 - abs->value100);
			html_lit(h, "</span>");
		} else if (measures[m].bm != BM_MEASURE__MAX) {
			char key[64];
			snprintf(key, sizeof key, "n.%s", measures[m].key);
			if (m == M_PA || m == M_SA)
				snprintf(key, sizeof key, "n.%s_pct", measures[m].key);
			view_benchmark(h, v, key, measures[m].bm, "all", BM_FULL_YEAR);
		}
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

static void movement(struct html *h, const struct view *v)
{
	const struct trend_sums *s = &v->d.t.school;
	static const struct {
		const char *label, *key, *flag;
	} items[] = {
		{"declined this week (1 point or more)", "t.declined_week", "flag=declined&sort=week_change"},
		{"improved this week", "t.improving_week", "flag=improving&sort=week_change&dir=desc"},
		{"crossed into persistent absence", "t.crossed_into_pa", "flag=crossed_into_pa"},
		{"left persistent absence", "t.crossed_out_of_pa", "flag=crossed_out_of_pa"},
		{"at risk (absence 5% to under 10%)", "t.at_risk", "flag=at_risk&sort=absence&dir=desc"},
		{"in the briefing group (5% to under 15%)", "t.briefing", "flag=briefing&sort=absence&dir=desc"},
	};
	int32_t values[] = {s->declined_week,	 s->improving_week, s->crossed_into_pa,
			    s->crossed_out_of_pa, s->range.at_risk,   s->briefing};
	html_lit(h, "<h2 id=\"moved\">This week</h2><ul class=\"tiles\">");
	for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
		char href[300];
		view_pupils_href(v, v->a.q.from, v->a.q.to, items[i].flag, href, sizeof href);
		html_lit(h, "<li>");
		view_figure(h, items[i].key, values[i], FIG_COUNT, href);
		html_lit(h, " <span>pupils ");
		html_txt(h, items[i].label);
		html_lit(h, "</span></li>");
	}
	html_lit(h, "</ul>");
	if (v->a.q.identify_pupils) {
		html_lit(h, "<p><a href=\"/moved?from=");
		html_attr(h, v->from);
		html_lit(h, "&amp;to=");
		html_attr(h, v->to);
		html_lit(h, "\">Who moved this week: the largest falls and rises</a></p>");
	}
}

static void weekly_chart(struct html *h, const struct view *v)
{
	const struct trends_result *t = &v->d.t;
	struct chart c;
	if (chart_init(&c, CHART_LINE, "weekly", t->wl.n, 1) < 0)
		return;
	c.pct = true;
	snprintf(c.title, sizeof c.title, "Attendance week by week");
	snprintf(c.desc, sizeof c.desc,
		 "Attendance of each school week from %s to %s; each point links to that week's pupils.",
		 v->from, v->to);
	chart_series(&c, 0, "Attendance", PAL_BLUE, FILL_SOLID);
	for (int w = 0; w < t->wl.n; w++) {
		const struct week *wk = &t->wl.w[w];
		char a[DATE_ISO_LEN], href[300];
		int y, mo, d;
		date_to_ymd(wk->monday, &y, &mo, &d);
		snprintf(c.cat[w], sizeof c.cat[w], "%d/%d", d, mo);
		*chart_v(&c, w, 0) = stats_pct100(tally_attendance(&t->weekly[w]), tally_possible(&t->weekly[w]));
		if (*chart_v(&c, w, 0) < 0)
			*chart_v(&c, w, 0) = CHART_NONE;
		view_pupils_href(v, wk->first, wk->last, "sort=attendance", href, sizeof href);
		if (*href)
			chart_set_href(&c, w, 0, href);
		snprintf(href, sizeof href, "w.%s.attendance_pct", date_format(wk->monday, a));
		if (*chart_v(&c, w, 0) != CHART_NONE)
			chart_set_key(&c, w, 0, href);
	}
	c.y_min = 8000;
	c.y_max = 10000;
	c.ref[c.n_ref++] = (struct chart_ref){9000, "90%: persistent absence below"};
	const struct benchmark *b = view_find_benchmark(v, BM_ABSENCE, "all", BM_FULL_YEAR);
	if (b) {
		c.ref[c.n_ref].y = 10000 - b->value100;
		snprintf(c.ref[c.n_ref++].label, sizeof c.ref[0].label, "national %d.%d%%",
			 (10000 - b->value100) / 100, (10000 - b->value100) % 100 / 10);
	}
	svg_chart(h, &c);
	chart_free(&c);
}

/* The series fill of an absence band: persistent absence hatched, severe crossed. */
static enum chart_fill band_fill(int band)
{
	return band >= BAND__MAX - 1 ? FILL_CROSS : band >= 2 ? FILL_HATCH : FILL_SOLID;
}

static void bands_chart(struct html *h, const struct view *v)
{
	const struct trends_grouping *g = dash_groups(&v->d, DG_YEAR);
	struct chart c;
	if (!g || chart_init(&c, CHART_STACKED, "bands", g->gr.n, BAND__MAX) < 0)
		return;
	snprintf(c.title, sizeof c.title, "Absence bands by year group");
	snprintf(c.desc, sizeof c.desc,
		 "How many pupils of each year group missed 0-5%%, 5-10%%, ... or 50%% or more of "
		 "their sessions from %s to %s (pupils with at least %d possible sessions). Bands of "
		 "10%% and more are persistent absence (hatched), 50%% and more severe (crossed).",
		 v->from, v->to, BAND_MIN_POSSIBLE);
	for (int b = 0; b < BAND__MAX; b++) {
		char name[24];
		snprintf(name, sizeof name, "%s%%", stats_band_label(b));
		chart_series(&c, b, name, PAL_BAND0 + b, band_fill(b));
	}
	for (int s = 0; s < g->gr.n; s++) {
		const char *year = year_name(g->gr.slot_key[s] + YEAR_MIN);
		snprintf(c.cat[s], sizeof c.cat[s], "Year %s", year);
		for (int b = 0; b < BAND__MAX; b++) {
			char q[64], href[300], key[48];
			*chart_v(&c, s, b) = g->sums[s].range.bands[b];
			snprintf(q, sizeof q, "year=%s&band=%s", year, stats_band_label(b));
			view_pupils_href(v, v->a.q.from, v->a.q.to, q, href, sizeof href);
			if (*href && g->sums[s].range.bands[b] > 0)
				chart_set_href(&c, s, b, href);
			snprintf(key, sizeof key, "b.%s.%s", year, stats_band_label(b));
			chart_set_key(&c, s, b, key);
		}
	}
	svg_chart(h, &c);
	chart_free(&c);
}

static void cohort_table(struct html *h, const struct view *v, struct chart *c)
{
	const struct group_figures *all = &v->d.t.school.range;
	html_lit(h, "<h2 id=\"cohorts\">Cohorts against the rest of the school</h2><div class=\"scroll\">"
		    "<table class=\"list\" id=\"cohort-gaps\"><thead><tr><th scope=\"col\">Cohort</th>"
		    "<th scope=\"col\">Pupils</th><th scope=\"col\">Absence</th><th scope=\"col\">Rest "
		    "of school</th><th scope=\"col\">Gap (points)</th><th scope=\"col\">Persistent "
		    "absence</th><th scope=\"col\">PA gap (points)</th><th scope=\"col\">National "
		    "absence</th></tr></thead><tbody>");
	for (int i = 0; i < dash_n_cohorts; i++) {
		const struct group_figures *x = dash_cohort_sums(&v->d, &dash_cohorts[i]);
		snprintf(c->cat[i], sizeof c->cat[i], "%s", dash_cohorts[i].short_label);
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, dash_cohorts[i].label);
		html_lit(h, "</th>");
		if (!x) {
			html_lit(h, "<td>0</td><td colspan=\"6\" class=\"hint\">No pupils in this cohort</td>"
				    "<td></td></tr>");
			continue;
		}
		struct group_figures rest;
		struct cohort_gap gap;
		group_figures_sub(&rest, all, x);
		groups_cohort_gap(x, all, &gap);
		char key[64], href[300];
		view_pupils_href(v, v->a.q.from, v->a.q.to, dash_cohorts[i].cohort, href, sizeof href);
		int64_t abs = stats_pct100(x->authorised + x->unauthorised, x->possible);
		int64_t rest_abs = stats_pct100(rest.authorised + rest.unauthorised, rest.possible);
		html_lit(h, "<td>");
		snprintf(key, sizeof key, "c.%s.pupils", dash_cohorts[i].cohort);
		view_figure(h, key, x->pupils, FIG_COUNT, href);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "c.%s.absence_pct", dash_cohorts[i].cohort);
		view_figure(h, key, abs, FIG_PCT, href);
		html_lit(h, "</td><td>");
		view_pct(h, rest_abs);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "c.%s.gap_absence_pp", dash_cohorts[i].cohort);
		view_figure(h, key, gap.absence_pp100, FIG_PP, NULL);
		html_lit(h, "</td><td>");
		char pa[300];
		snprintf(key, sizeof key, "%s&flag=pa", dash_cohorts[i].cohort);
		view_pupils_href(v, v->a.q.from, v->a.q.to, key, pa, sizeof pa);
		snprintf(key, sizeof key, "c.%s.persistent", dash_cohorts[i].cohort);
		view_count_rate(h, key, x->persistent, stats_pct100(x->persistent, x->pupils_with_possible),
				pa);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "c.%s.gap_persistent_pp", dash_cohorts[i].cohort);
		view_figure(h, key, gap.persistent_pp100, FIG_PP, NULL);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "n.%s.absence_pct", dash_cohorts[i].cohort);
		view_benchmark(h, v, key, BM_ABSENCE, dash_cohorts[i].cohort, BM_FULL_YEAR);
		html_lit(h, "</td></tr>");
		*chart_v(c, i, 0) = abs < 0 ? CHART_NONE : abs;
		*chart_v(c, i, 1) = rest_abs < 0 ? CHART_NONE : rest_abs;
		const struct benchmark *b = view_find_benchmark(v, BM_ABSENCE, dash_cohorts[i].cohort, BM_FULL_YEAR);
		if (b)
			*chart_v(c, i, 2) = b->value100;
		if (*href)
			chart_set_href(c, i, 0, href);
	}
	html_lit(h, "</tbody></table></div><p class=\"hint\">Gaps are the cohort's rate minus the rest of "
		    "the school's, in percentage points: a positive gap means the cohort misses more. "
		    "National figures are the latest published for the cohort (hover for the source).</p>");
}

static void cohorts_section(struct html *h, const struct view *v)
{
	struct chart c;
	if (chart_init(&c, CHART_BARS, "cohorts", dash_n_cohorts, 3) < 0)
		return;
	c.pct = true;
	snprintf(c.title, sizeof c.title, "Absence of each cohort, the rest of the school and nationally");
	snprintf(c.desc, sizeof c.desc,
		 "Overall absence of each cohort from %s to %s beside the rest of the school's and the "
		 "latest national figure for that cohort where one is published.",
		 v->from, v->to);
	chart_series(&c, 0, "Cohort", PAL_ORANGE, FILL_SOLID);
	chart_series(&c, 1, "Rest of the school", PAL_SKY, FILL_DOTS);
	chart_series(&c, 2, "National", PAL_BLACK, FILL_HATCH);
	cohort_table(h, v, &c);
	svg_chart(h, &c);
	chart_free(&c);
}

static void patterns_section(struct html *h, const struct view *v)
{
	struct pattern p;
	trends_school_pattern(&v->d.t, &p);
	struct chart c;
	if (chart_init(&c, CHART_BARS, "days", PATTERN_WEEKDAYS + SESSION__MAX + 2, 1) < 0)
		return;
	c.pct = true;
	snprintf(c.title, sizeof c.title, "Where absence falls");
	snprintf(c.desc, sizeof c.desc,
		 "Absence rate on each weekday, in the mornings and afternoons, and on the school days "
		 "just before and after a holiday, from %s to %s. Each bar links to the pupils whose "
		 "absence leans that way.",
		 v->from, v->to);
	chart_series(&c, 0, "Absence", PAL_VERMILLION, FILL_SOLID);
	const struct tally *parts[PATTERN_WEEKDAYS + SESSION__MAX + 2];
	const char *names[PATTERN_WEEKDAYS + SESSION__MAX + 2];
	const char *pattern[PATTERN_WEEKDAYS + SESSION__MAX + 2];
	for (int d = 0; d < PATTERN_WEEKDAYS; d++) {
		parts[d] = &p.day[d];
		names[d] = date_weekday_name((enum weekday)d);
		pattern[d] = pattern_at_name(d);
	}
	parts[5] = &p.session[SESSION_AM], names[5] = "Mornings", pattern[5] = "am";
	parts[6] = &p.session[SESSION_PM], names[6] = "Afternoons", pattern[6] = "pm";
	parts[7] = &p.edge[EDGE_BEFORE_BREAK], names[7] = "Before a break", pattern[7] = "holiday";
	parts[8] = &p.edge[EDGE_AFTER_BREAK], names[8] = "After a break", pattern[8] = "holiday";
	html_lit(h, "<h2 id=\"patterns\">Where absence falls</h2><div class=\"scroll\"><table "
		    "class=\"list\" id=\"pattern-table\"><thead><tr><th scope=\"col\"></th><th "
		    "scope=\"col\">Absence</th><th scope=\"col\">Share of all absence</th><th "
		    "scope=\"col\">Late</th></tr></thead><tbody>");
	for (int i = 0; i < c.n_cat; i++) {
		char key[48], href[300], q[48];
		int64_t rate = stats_pct100(tally_absence(parts[i]), tally_possible(parts[i]));
		snprintf(c.cat[i], sizeof c.cat[i], "%.3s", names[i]);
		if (i >= PATTERN_WEEKDAYS)
			snprintf(c.cat[i], sizeof c.cat[i], "%s", i == 5 ? "AM" : i == 6 ? "PM" : i == 7 ? "Before" : "After");
		*chart_v(&c, i, 0) = rate < 0 ? CHART_NONE : rate;
		snprintf(q, sizeof q, "pattern=%s", pattern[i]);
		view_pupils_href(v, v->a.q.from, v->a.q.to, q, href, sizeof href);
		if (*href)
			chart_set_href(&c, i, 0, href);
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, names[i]);
		html_lit(h, "</th><td>");
		snprintf(key, sizeof key, "d.%s.absence_pct", i < 7 ? pattern[i] : i == 7 ? "before" : "after");
		view_figure(h, key, rate, FIG_PCT, href);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "d.%s.share_pct", i < 7 ? pattern[i] : i == 7 ? "before" : "after");
		view_figure(h, key, stats_pct100(tally_absence(parts[i]), tally_absence(&p.total)), FIG_PCT, NULL);
		html_lit(h, "</td><td>");
		html_int(h, (long)tally_late(parts[i]));
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div>");
	svg_chart(h, &c);
	chart_free(&c);
	/* lateness */
	char text[160], href[300];
	const struct tally *t = &p.total;
	view_pupils_href(v, v->a.q.from, v->a.q.to, "flag=late&sort=minutes_late&dir=desc", href,
			 sizeof href);
	html_lit(h, "<h2 id=\"lateness\">Lateness</h2><p>");
	view_figure(h, "l.late_before_close", t->n[TB_LATE_BEFORE], FIG_COUNT, href);
	html_lit(h, " late arrivals before the register closed (L) and ");
	view_figure(h, "l.late_after_close", t->n[TB_LATE_AFTER], FIG_COUNT, href);
	html_lit(h, " after it closed (U): ");
	view_figure(h, "l.minutes", t->minutes_late, FIG_COUNT, href);
	html_lit(h, " minutes in all, ");
	html_txt(h, wording_minutes_lost(t->minutes_late, &v->a.words, text, sizeof text));
	html_lit(h, " of learning.</p>");
}

int page_dashboard(struct web_req *r)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	struct view v;
	if (view_open(r, &v, args, VIEW_BENCHMARKS, &err) < 0)
		return web_error(r, &err);
	if (view_compute(&v, DASH_SUMMARY | DASH_GROUPS | DASH_COHORTS | DASH_PATTERNS, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	struct html h = {0};
	html_begin(&h, r, "Attendance dashboard");
	html_lit(&h, "<h1>Attendance dashboard <small>");
	html_txt(&h, v.e->school.name);
	html_lit(&h, " · ");
	view_range_text(&h, v.a.q.from, v.a.q.to);
	html_lit(&h, "</small></h1>");
	view_range_form(&h, &v, "/dashboard");
	html_lit(&h, "<nav class=\"toc\" aria-label=\"On this page\"><a href=\"#headline\">Figures</a>"
		     "<a href=\"#moved\">This week</a><a href=\"#chart-bands\">Bands</a><a "
		     "href=\"#cohorts\">Cohorts</a><a href=\"#patterns\">Patterns</a><a "
		     "href=\"#lateness\">Lateness</a><a href=\"/cup\">Champions' Cup</a><a "
		     "href=\"/governors\">Governor report</a></nav>");
	headline(&h, &v);
	movement(&h, &v);
	weekly_chart(&h, &v);
	html_lit(&h, "<h2>Absence bands</h2>");
	bands_chart(&h, &v);
	cohorts_section(&h, &v);
	patterns_section(&h, &v);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
