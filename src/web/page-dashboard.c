/* GET /dashboard?from=&to=: the school dashboard the attendance lead opens
 * every morning. As of `to` (default today): today, this week, last week,
 * this half-term, this year to date and the same point last year side by
 * side with the national figures of the school's phase; who moved this
 * week; the absence bands of each year group; the cohort gaps; where
 * absence falls; lateness. Every number links to the pupils behind it. */
#include <stdio.h>
#include <string.h>

#include "app/dash_charts.h"
#include "web/leading.h"
#include "web/svg.h"
#include "web/views.h"

static const enum period columns[] = {PERIOD_TODAY,	     PERIOD_THIS_WEEK, PERIOD_LAST_WEEK,
				      PERIOD_THIS_HALF_TERM, PERIOD_THIS_YEAR, PERIOD_SAME_POINT_LAST_YEAR};
#define N_COLUMNS ((int)(sizeof columns / sizeof *columns))

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
	for (int c = 0; c < N_COLUMNS; c++)
		view_period_th(h, v, columns[c]);
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
		if (measures[m].bm != BM_MEASURE__MAX) {
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
	if (dash_chart_weekly(&c, &v->d, "weekly", -1, view_national(v, BM_ATTENDANCE, "all")) < 0)
		return;
	snprintf(c.desc, sizeof c.desc,
		 "Attendance of each school week from %s to %s; each point links to that week's pupils.",
		 v->from, v->to);
	for (int w = 0; w < t->wl.n; w++) {
		const struct week *wk = &t->wl.w[w];
		char a[DATE_ISO_LEN], href[300];
		view_pupils_href(v, wk->first, wk->last, "sort=attendance", href, sizeof href);
		if (*href)
			chart_set_href(&c, w, 0, href);
		snprintf(href, sizeof href, "w.%s.attendance_pct", date_format(wk->monday, a));
		if (*chart_v(&c, w, 0) != CHART_NONE)
			chart_set_key(&c, w, 0, href);
	}
	svg_chart(h, &c);
	chart_free(&c);
}

static void bands_chart(struct html *h, const struct view *v)
{
	const struct trends_grouping *g = dash_groups(&v->d, DG_YEAR);
	struct chart c;
	if (!g || dash_chart_bands(&c, "bands", g->gr.n) < 0)
		return;
	snprintf(c.title, sizeof c.title, "Absence bands by year group");
	snprintf(c.desc, sizeof c.desc,
		 "How many pupils of each year group missed 0-5%%, 5-10%%, ... or 50%% or more of "
		 "their sessions from %s to %s (pupils with at least %d possible sessions). Bands of "
		 "10%% and more are persistent absence (hatched), 50%% and more severe (crossed).",
		 v->from, v->to, BAND_MIN_POSSIBLE);
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
		int64_t national = view_national(v, BM_ABSENCE, dash_cohorts[i].cohort);
		if (national >= 0)
			*chart_v(c, i, 2) = national;
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
	if (dash_chart_cohorts(&c, "cohorts") < 0)
		return;
	snprintf(c.desc, sizeof c.desc,
		 "Overall absence of each cohort from %s to %s beside the rest of the school's and the "
		 "latest national figure for that cohort where one is published.",
		 v->from, v->to);
	cohort_table(h, v, &c);
	svg_chart(h, &c);
	chart_free(&c);
}

static void patterns_section(struct html *h, const struct view *v)
{
	struct pattern p;
	struct dash_part parts[DASH_PARTS];
	struct chart c;
	trends_school_pattern(&v->d.t, &p);
	dash_pattern_parts(&p, parts);
	if (dash_chart_parts(&c, "days", parts) < 0)
		return;
	snprintf(c.desc, sizeof c.desc,
		 "Absence rate on each weekday, in the mornings and afternoons, and on the school days "
		 "just before and after a holiday, from %s to %s. Each bar links to the pupils whose "
		 "absence leans that way.",
		 v->from, v->to);
	html_lit(h, "<h2 id=\"patterns\">Where absence falls</h2><div class=\"scroll\"><table "
		    "class=\"list\" id=\"pattern-table\"><thead><tr><th scope=\"col\"></th><th "
		    "scope=\"col\">Absence</th><th scope=\"col\">Share of all absence</th><th "
		    "scope=\"col\">Late</th></tr></thead><tbody>");
	for (int i = 0; i < DASH_PARTS; i++) {
		char key[48], href[300], q[48];
		snprintf(q, sizeof q, "pattern=%s", parts[i].filter);
		view_pupils_href(v, v->a.q.from, v->a.q.to, q, href, sizeof href);
		if (*href)
			chart_set_href(&c, i, 0, href);
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, parts[i].name);
		html_lit(h, "</th><td>");
		snprintf(key, sizeof key, "d.%s.absence_pct", parts[i].key);
		view_figure(h, key, stats_pct100(tally_absence(parts[i].t), tally_possible(parts[i].t)),
			    FIG_PCT, href);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "d.%s.share_pct", parts[i].key);
		view_figure(h, key, stats_pct100(tally_absence(parts[i].t), tally_absence(&p.total)), FIG_PCT,
			    NULL);
		html_lit(h, "</td><td>");
		html_int(h, (long)tally_late(parts[i].t));
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
		     "href=\"#lateness\">Lateness</a><a href=\"#plan-flags\">Action plan</a><a href=\"/cup\">Champions' Cup</a><a "
		     "href=\"/governors\">Governor report</a></nav>");
	headline(&h, &v);
	movement(&h, &v);
	weekly_chart(&h, &v);
	html_lit(&h, "<h2>Absence bands</h2>");
	bands_chart(&h, &v);
	cohorts_section(&h, &v);
	patterns_section(&h, &v);
	web_plan_flags_section(&h, r, v.e, v.a.q.to);
	view_close(&v);
	web_view_note(r, VIEW_DASHBOARD, "");
	html_end(&h, r);
	return html_send(&h, r, 200);
}
