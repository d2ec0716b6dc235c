/* Year group and form views for heads of year and tutors, scoped by role:
 * GET /years and /forms list the groups a person sees; /years/Y and
 * /forms/F show a group's figures as of a day, its week-by-week line, its
 * absence bands, its forms (a league table) and the pupils who need action;
 * GET /cup is the Champions' Cup: every form and year group ranked by
 * attendance and by improvement (aggregate figures, no pupils). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dash_charts.h"
#include "web/svg.h"
#include "web/leading.h"
#include "web/views.h"

#define ACTION_LIST_MAX 30

/* Narrows the view's rows to those of one year group or one form. */
static int narrow(struct view *v, int year, int form, struct app_error *err)
{
	const struct matrix *m = &v->e->m;
	uint8_t *s = malloc((size_t)(m->n_rows ? m->n_rows : 1));
	if (!s)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int n = 0;
	for (int row = 0; row < m->n_rows; row++) {
		bool in = (!v->scope || v->scope[row]) && (year == YEAR_INVALID || m->rows[row].year == year) &&
			  (form < 0 || m->rows[row].form == form);
		s[row] = in;
		n += in;
	}
	free(v->scope);
	v->scope = s;
	v->a.q.row_scope = s;
	return n;
}

static const enum period summary_periods[] = {PERIOD_THIS_WEEK, PERIOD_LAST_WEEK,
					      PERIOD_THIS_HALF_TERM, PERIOD_THIS_YEAR,
					      PERIOD_SAME_POINT_LAST_YEAR};
#define N_SUMMARY 5

/* The group's figures by period; links keep the group's filter. */
static void summary(struct html *h, const struct view *v, const char *filter)
{
	const struct trends_result *t = &v->d.t;
	html_lit(h, "<div class=\"scroll\"><table class=\"list\" id=\"periods\"><thead><tr><th "
		    "scope=\"col\"></th>");
	for (int c = 0; c < N_SUMMARY; c++)
		view_period_th(h, v, summary_periods[c]);
	html_lit(h, "</tr></thead><tbody>");
	static const char *const rows[] = {"Attendance", "Absence", "Persistent absence",
					   "Severe absence", "Pupils"};
	static const char *const keys[] = {"attendance_pct", "absence_pct", "persistent", "severe",
					   "pupils"};
	static const char *const extra[] = {"sort=attendance", "sort=absence&dir=desc", "flag=pa",
					    "flag=sa", "sort=name"};
	for (int m = 0; m < 5; m++) {
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, rows[m]);
		html_lit(h, "</th>");
		for (int c = 0; c < N_SUMMARY; c++) {
			enum period p = summary_periods[c];
			html_lit(h, "<td>");
			if (!t->per.has[p]) {
				html_lit(h, "–</td>");
				continue;
			}
			const struct group_figures *g = &t->school.period[p];
			char key[64], q[200], href[400];
			snprintf(key, sizeof key, "p.%s.%s", period_name(p), keys[m]);
			snprintf(q, sizeof q, "%s&%s", filter, extra[m]);
			view_pupils_href(v, t->per.r[p].from, t->per.r[p].to, q, href, sizeof href);
			switch (m) {
			case 0:
				view_figure(h, key, stats_pct100(g->present + g->approved, g->possible), true,
					    href);
				break;
			case 1:
				view_figure(h, key, stats_pct100(g->authorised + g->unauthorised, g->possible),
					    true, href);
				html_lit(h, "<br><small>");
				view_days(h, v, g->authorised + g->unauthorised);
				html_lit(h, "</small>");
				break;
			case 2:
				view_count_rate(h, key, g->persistent,
						stats_pct100(g->persistent, g->pupils_with_possible), href);
				break;
			case 3:
				view_count_rate(h, key, g->severe, stats_pct100(g->severe, g->pupils_with_possible),
						href);
				break;
			default: view_figure(h, key, g->pupils, FIG_COUNT, href); break;
			}
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

static void weekly(struct html *h, const struct view *v, const char *what)
{
	struct chart c;
	if (v->d.t.wl.n == 0 || dash_chart_weekly(&c, &v->d, "weekly", -1, -1) < 0)
		return;
	snprintf(c.desc, sizeof c.desc, "Attendance of %s in each school week from %s to %s.", what,
		 v->from, v->to);
	svg_chart(h, &c);
	chart_free(&c);
}

/* One bar of the group's absence bands. */
static void bands(struct html *h, const struct view *v, const char *label, const char *filter)
{
	const struct group_figures *g = &v->d.t.school.range;
	struct chart c;
	if (dash_chart_bands(&c, "bands", 1) < 0)
		return;
	snprintf(c.title, sizeof c.title, "Absence bands");
	snprintf(c.desc, sizeof c.desc,
		 "How many pupils of %s missed 0-5%%, 5-10%%, ... or 50%% or more of their sessions "
		 "from %s to %s (pupils with at least %d possible sessions); persistent absence "
		 "hatched, severe crossed.",
		 label, v->from, v->to, BAND_MIN_POSSIBLE);
	snprintf(c.cat[0], sizeof c.cat[0], "%s", label);
	for (int b = 0; b < BAND__MAX; b++) {
		char q[200], href[400], key[32];
		*chart_v(&c, 0, b) = g->bands[b];
		snprintf(q, sizeof q, "%s&band=%s", filter, stats_band_label(b));
		view_pupils_href(v, v->a.q.from, v->a.q.to, q, href, sizeof href);
		if (*href && g->bands[b])
			chart_set_href(&c, 0, b, href);
		snprintf(key, sizeof key, "b.%s", stats_band_label(b));
		chart_set_key(&c, 0, b, key);
	}
	svg_chart(h, &c);
	chart_free(&c);
}

/* A league table of forms or year groups; links to the groups in scope. */
static void league(struct html *h, const struct view *v, enum dash_grouping g, bool half_term,
		   const char *id, bool links)
{
	struct league_row *rows;
	int n;
	const struct trends_grouping *gg = dash_groups(&v->d, g);
	if (!gg || dash_league(&v->d, g, half_term, &rows, &n) < 0)
		return;
	html_lit(h, "<div class=\"scroll\"><table class=\"list league\" id=\"");
	html_attr(h, id);
	html_lit(h, "\"><thead><tr><th scope=\"col\">Place</th><th scope=\"col\">");
	html_txt(h, g == DG_FORM ? "Form" : "Year group");
	html_lit(h, "</th><th scope=\"col\">Pupils</th><th scope=\"col\">");
	html_txt(h, half_term ? "This half-term" : "This week");
	html_lit(h, "</th><th scope=\"col\">");
	html_txt(h, half_term ? "Last half-term" : "Last week");
	html_lit(h, "</th><th scope=\"col\">Change (points)</th><th scope=\"col\">Most improved"
		    "</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct league_row *x = &rows[i];
		char label[64], key[96];
		group_key_label(&v->e->m, dash_grouping_field(g), gg->gr.slot_key[x->slot], label);
		if (x->rank == 1)
			html_lit(h, "<tr class=\"top\"><td>");
		else
			html_lit(h, "<tr><td>");
		html_int(h, x->rank);
		html_lit(h, "</td><th scope=\"row\">");
		if (links) {
			if (g == DG_FORM)
				html_lit(h, "<a href=\"/forms/");
			else
				html_lit(h, "<a href=\"/years/");
			html_url_seg(h, label);
			html_lit(h, "\">");
		}
		if (g == DG_YEAR)
			html_lit(h, "Year ");
		html_txt(h, label);
		if (links)
			html_lit(h, "</a>");
		html_lit(h, "</th><td>");
		html_int(h, x->pupils);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "%s.%s.now_pct", id, label);
		view_figure(h, key, x->change.now_pct100, FIG_PCT, NULL);
		html_lit(h, "</td><td>");
		view_pct(h, x->change.before_pct100);
		html_lit(h, "</td><td>");
		snprintf(key, sizeof key, "%s.%s.change_pp", id, label);
		view_figure(h, key, x->change.change_pp100, FIG_PP, NULL);
		html_lit(h, "</td><td>");
		if (x->change.change_pp100 != PP_NONE)
			html_int(h, x->improvement_rank);
		else
			html_lit(h, "–");
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table></div>");
	free(rows);
}

/* The pupils of the group whose flag asks for action, most pressing first. */
static void action_list(struct html *h, const struct view *v, const char *filter)
{
	int *idx, n;
	struct pupil_filter f;
	pupil_filter_init(&f);
	if (dash_select(&v->d, &f, PS_ACTION, false, ACTION_LIST_MAX, &idx, &n) < 0)
		return;
	int shown = 0;
	html_lit(h, "<h2 id=\"action\">Pupils who need action</h2>");
	for (int i = 0; i < n && shown < ACTION_LIST_MAX; i++) {
		const struct pupil_trend *p = &v->d.t.pupils[idx[i]];
		enum action a = dash_action(p);
		if (a > ACTION_DECLINED)
			break;
		const struct pupil_row *r = &v->e->m.rows[p->row];
		if (shown++ == 0)
			html_lit(h, "<table class=\"list\" id=\"action-list\"><thead><tr><th "
				    "scope=\"col\">Pupil</th><th scope=\"col\">Form</th><th "
				    "scope=\"col\">Attendance</th><th scope=\"col\">Since last week</th><th "
				    "scope=\"col\">Flag</th><th scope=\"col\">Next step</th></tr></thead>"
				    "<tbody>");
		view_pupil_row(h, v, r, true);
		html_lit(h, "<td>");
		view_pct(h, stats_pct100(stats_attendance(&p->f), p->f.possible));
		html_lit(h, "</td><td>");
		view_pp(h, p->week.change_pp100);
		html_lit(h, "</td><td>");
		view_flag(h, a);
		html_lit(h, "</td><td>");
		html_txt(h, action_step(a));
		html_lit(h, "</td></tr>");
	}
	if (shown)
		html_lit(h, "</tbody></table>");
	else
		html_lit(h, "<p class=\"hint\">Nobody: every pupil is at 95% or above and steady.</p>");
	char href[400];
	view_pupils_href(v, v->a.q.from, v->a.q.to, filter, href, sizeof href);
	html_lit(h, "<p><a href=\"");
	html_attr(h, href);
	html_lit(h, "\">Every pupil, with filters and CSV</a></p>");
	free(idx);
}

static bool has_year(const struct account *a, int year)
{
	for (int i = 0; i < a->n_years; i++)
		if (a->years[i] == year)
			return true;
	return false;
}

int page_year(struct web_req *r)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	int year = year_parse(r->args[0]);
	if (year == YEAR_INVALID)
		return web_fail(r, ERR_NOT_FOUND, "year", "there is no year group %.8s", r->args[0]);
	if (r->who.role == ROLE_HEAD_OF_YEAR && !has_year(&r->who, year))
		return web_fail(r, ERR_FORBIDDEN, "year", "year %s is not one of the years you see",
				year_name(year));
	struct view v;
	if (view_open(r, &v, args, VIEW_BENCHMARKS, &err) < 0)
		return web_error(r, &err);
	int n = narrow(&v, year, -1, &err);
	if (n == 0) {
		view_close(&v);
		return web_fail(r, ERR_NOT_FOUND, "year", "year %s has no pupils", year_name(year));
	}
	if (n < 0 || view_compute(&v, DASH_SUMMARY | DASH_PUPILS | DASH_GROUPS, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	char title[64], filter[32];
	snprintf(title, sizeof title, "Year %s", year_name(year));
	snprintf(filter, sizeof filter, "year=%s", year_name(year));
	web_view_note(r, VIEW_YEAR, year_name(year));
	struct html h = {0};
	html_begin(&h, r, title);
	view_heading(&h, &v, title, "");
	summary(&h, &v, filter);
	weekly(&h, &v, title);
	bands(&h, &v, title, filter);
	html_lit(&h, "<h2 id=\"forms\">Forms: the Champions' Cup this week</h2>");
	league(&h, &v, DG_FORM, false, "forms-week", true);
	html_lit(&h, "<h2>This half-term</h2>");
	league(&h, &v, DG_FORM, true, "forms-half-term", true);
	action_list(&h, &v, filter);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_form(struct web_req *r)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	const struct engine *e = &r->srv->e;
	struct view v;
	if (view_open(r, &v, args, 0, &err) < 0)
		return web_error(r, &err);
	int form = -1;
	for (int i = 0; i < e->m.n_forms; i++)
		if (strcmp(e->m.forms[i], r->args[0]) == 0)
			form = i;
	if (form < 0) {
		view_close(&v);
		return web_fail(r, ERR_NOT_FOUND, "form", "there is no form %.32s", r->args[0]);
	}
	if (!account_sees_form(&r->who, e, form, v.a.q.to)) {
		view_close(&v);
		return web_fail(r, ERR_FORBIDDEN, "form", "form %s is not one you see", e->m.forms[form]);
	}
	int n = narrow(&v, YEAR_INVALID, form, &err);
	if (n < 0 || view_compute(&v, DASH_SUMMARY | DASH_PUPILS, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	char title[64], filter[160];
	snprintf(title, sizeof title, "Form %s", e->m.forms[form]);
	web_view_note(r, VIEW_FORM, e->m.forms[form]);
	struct pupil_filter pf;
	pupil_filter_init(&pf);
	pf.form = form;
	pupil_filter_query(&pf, &e->m, filter, sizeof filter);
	struct html h = {0};
	html_begin(&h, r, title);
	view_heading(&h, &v, title, "");
	summary(&h, &v, filter);
	weekly(&h, &v, title);
	bands(&h, &v, title, filter);
	action_list(&h, &v, filter);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* The index of year groups or forms the account sees, with their figures. */
static int index_page(struct web_req *r, enum dash_grouping g)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	struct view v;
	if (view_open(r, &v, args, 0, &err) < 0)
		return web_error(r, &err);
	if (view_compute(&v, DASH_GROUPS, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	const char *title = g == DG_YEAR ? "Year groups" : "Forms";
	struct html h = {0};
	html_begin(&h, r, title);
	view_heading(&h, &v, title, "");
	league(&h, &v, g, false, g == DG_YEAR ? "years-week" : "forms-week", true);
	html_lit(&h, "<p class=\"hint\">Ranked by attendance this week to date; the change is "
		     "against last week. <a href=\"/cup\">The Champions' Cup</a> ranks the whole "
		     "school.</p>");
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_years(struct web_req *r)
{
	return index_page(r, DG_YEAR);
}

int page_forms(struct web_req *r)
{
	return index_page(r, DG_FORM);
}

int page_cup(struct web_req *r)
{
	static const char *const args[] = {"from", "to", "period", NULL};
	struct app_error err = {0};
	const char *period = web_query(r, "period");
	if (period && *period && strcmp(period, "week") && strcmp(period, "half_term"))
		return web_fail(r, ERR_INPUT, "period", "period must be week or half_term");
	bool half = period && !strcmp(period, "half_term");
	struct view v;
	if (view_open(r, &v, args, 0, &err) < 0)
		return web_error(r, &err);
	/* The cup is a competition of the whole school: every form's and year
	 * group's aggregate figures, whoever looks (no pupil is shown). */
	uint8_t *own = v.scope;
	v.scope = NULL;
	v.a.q.row_scope = NULL;
	if (view_compute(&v, DASH_GROUPS, &err) < 0) {
		free(own);
		view_close(&v);
		return web_error(r, &err);
	}
	struct html h = {0};
	html_begin(&h, r, "Champions' Cup");
	html_lit(&h, "<h1>The Champions' Cup <small>");
	html_txt(&h, half ? "this half-term against the last" : "this week against last week");
	html_lit(&h, "</small></h1><p><a href=\"/cup?period=");
	html_txt(&h, half ? "week" : "half_term");
	html_lit(&h, "&amp;to=");
	html_attr(&h, v.to);
	html_lit(&h, "\">");
	html_txt(&h, half ? "Rank this week instead" : "Rank this half-term instead");
	html_lit(&h, "</a></p><h2>Forms</h2>");
	league(&h, &v, DG_FORM, half, "cup-forms", account_whole_school(&r->who));
	html_lit(&h, "<h2>Year groups</h2>");
	league(&h, &v, DG_YEAR, half, "cup-years", account_whole_school(&r->who));
	html_lit(&h, "<p class=\"hint\">Place: attendance, highest first; most improved: the change "
		     "in points, largest rise first. Equal figures share a place.</p>");
	free(own);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
