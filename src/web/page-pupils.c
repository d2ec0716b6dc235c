/* GET /pupils: the pupils a person sees, filtered (year, form, cohort,
 * band, flag, pattern), each with the flag of the action their attendance
 * calls for, sortable and in pages; GET /pupils.csv: the same list whole,
 * as CSV; GET /moved: the weekly "who moved" list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/parse.h"
#include "web/views.h"

#define PAGE_SIZE 100
#define MOVED_MAX 20

static const char *const list_args[] = {"from", "to", "sort", "dir", "page", NULL};

/* sort, dir and page of a list; -1 with err on a bad one. */
static int list_order(struct web_req *r, int *sort, bool *desc, long *page, struct app_error *err)
{
	const char *s = web_query(r, "sort"), *d = web_query(r, "dir"), *p = web_query(r, "page");
	*sort = PS_ACTION;
	*desc = false;
	*page = 1;
	if (s && *s && (*sort = pupil_sort_parse(s)) < 0)
		return app_fail(err, ERR_INPUT, "sort",
				"sort '%.24s' is not name, year, form, attendance, absence, authorised, "
				"unauthorised, week_change, half_term_change, minutes_late or action",
				s);
	if (d && *d && strcmp(d, "asc") && strcmp(d, "desc"))
		return app_fail(err, ERR_INPUT, "dir", "dir must be asc or desc");
	*desc = d && !strcmp(d, "desc");
	if (p && *p && parse_int_field("page", p, 1, 1000000, page, err) < 0)
		return -1;
	return 0;
}

/* The list's query string without page (and with sort and dir as given). */
static void list_query(const struct view *v, int sort, bool desc, char *buf, size_t len)
{
	char f[400];
	pupil_filter_query(&v->filter, &v->e->m, f, sizeof f);
	snprintf(buf, len, "from=%s&to=%s%s%s&sort=%s&dir=%s", v->from, v->to, f[0] ? "&" : "", f,
		 pupil_sort_name((enum pupil_sort)sort), desc ? "desc" : "asc");
}

static void option(struct html *h, const char *value, const char *label, bool selected)
{
	html_lit(h, "<option value=\"");
	html_attr(h, value);
	html_lit(h, "\"");
	if (selected)
		html_lit(h, " selected");
	html_lit(h, ">");
	html_txt(h, label);
	html_lit(h, "</option>");
}

static void select_open(struct html *h, const char *name, const char *label)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <select name=\"");
	html_attr(h, name);
	html_lit(h, "\">");
	option(h, "", "any", false);
}

static void yn_select(struct html *h, const char *name, const char *label, int value)
{
	select_open(h, name, label);
	option(h, "Y", "yes", value == 1);
	option(h, "N", "no", value == 0);
	html_lit(h, "</select></label>");
}

static void filter_form(struct html *h, const struct view *v, int sort, bool desc)
{
	const struct matrix *m = &v->e->m;
	const struct pupil_filter *f = &v->filter;
	html_lit(h, "<form class=\"inline filters\" method=\"get\" action=\"/pupils\"><input "
		    "type=\"hidden\" name=\"from\" value=\"");
	html_attr(h, v->from);
	html_lit(h, "\"><input type=\"hidden\" name=\"to\" value=\"");
	html_attr(h, v->to);
	html_lit(h, "\"><input type=\"hidden\" name=\"sort\" value=\"");
	html_attr(h, pupil_sort_name((enum pupil_sort)sort));
	html_lit(h, "\"><input type=\"hidden\" name=\"dir\" value=\"");
	html_attr(h, desc ? "desc" : "asc");
	html_lit(h, "\">");
	/* the years and forms the account sees */
	bool year_seen[YEAR_MAX - YEAR_MIN + 1] = {0};
	bool *form_seen = calloc((size_t)m->n_forms + 1, 1);
	for (int i = 0; i < v->d.t.n_pupils; i++) {
		const struct pupil_row *p = &m->rows[v->d.t.pupils[i].row];
		year_seen[p->year - YEAR_MIN] = true;
		if (form_seen)
			form_seen[p->form] = true;
	}
	select_open(h, "year", "Year");
	for (int y = YEAR_MIN; y <= YEAR_MAX; y++)
		if (year_seen[y - YEAR_MIN])
			option(h, year_name(y), year_name(y), f->year == y);
	html_lit(h, "</select></label>");
	select_open(h, "form", "Form");
	for (int i = 0; form_seen && i < m->n_forms; i++)
		if (form_seen[i])
			option(h, m->forms[i], m->forms[i], f->form == i);
	free(form_seen);
	html_lit(h, "</select></label>");
	yn_select(h, "fsm", "FSM", f->fsm);
	yn_select(h, "pp", "Pupil premium", f->pp);
	select_open(h, "send", "SEND");
	option(h, "N", "none", f->send == 'N');
	option(h, "K", "SEN support", f->send == 'K');
	option(h, "E", "EHC plan", f->send == 'E');
	html_lit(h, "</select></label>");
	yn_select(h, "eal", "EAL", f->eal);
	select_open(h, "gender", "Sex");
	option(h, "F", "girls", f->gender == 'F');
	option(h, "M", "boys", f->gender == 'M');
	html_lit(h, "</select></label>");
	select_open(h, "band", "Absence band");
	for (int b = 0; b < BAND__MAX; b++) {
		char l[24];
		snprintf(l, sizeof l, "%s%%", stats_band_label(b));
		option(h, stats_band_label(b), l, f->band == b);
	}
	option(h, "too_few_sessions", "too few sessions", f->band == BAND_TOO_FEW);
	html_lit(h, "</select></label>");
	select_open(h, "action", "Flag");
	for (int a = 0; a < ACTION__MAX; a++)
		option(h, action_name((enum action)a), action_label((enum action)a), f->action == a);
	html_lit(h, "</select></label>");
	static const char *const flag_labels[PF__MAX] = {
		"persistent absence",	     "severe absence",		 "at risk (5-10%)",
		"briefing group (5-15%)",    "declined this week",	 "improved this week",
		"declined this half-term",   "improved this half-term", "crossed into PA",
		"left PA",		     "late",			 "unauthorised absence",
		"at 90% or below"};
	select_open(h, "flag", "Showing");
	for (int x = 0; x < PF__MAX; x++)
		option(h, pupil_flag_name((enum pupil_flag)x), flag_labels[x], f->flag == x);
	html_lit(h, "</select></label>");
	select_open(h, "pattern", "Pattern");
	for (int x = 0; x < PATTERN_AT__MAX; x++)
		option(h, pattern_at_name(x), pattern_at_name(x), f->pattern == x);
	html_lit(h, "</select></label><button type=\"submit\">Filter</button><a href=\"/pupils?from=");
	html_attr(h, v->from);
	html_lit(h, "&amp;to=");
	html_attr(h, v->to);
	html_lit(h, "\">Clear</a></form>");
}

static const struct {
	const char *label;
	enum pupil_sort sort;
	bool first_desc; /* the first click sorts from the largest */
} cols[] = {
	{"Pupil", PS_NAME, false},		{"Year", PS_YEAR, false},
	{"Form", PS_FORM, false},		{"Attendance", PS_ATTENDANCE, false},
	{"Absence", PS_ABSENCE, true},		{"Unauthorised", PS_UNAUTHORISED, true},
	{"Since last week", PS_WEEK_CHANGE, false}, {"Late (minutes)", PS_MINUTES_LATE, true},
	{"Flag", PS_ACTION, false},
};

static void header(struct html *h, const struct view *v, int sort, bool desc)
{
	html_lit(h, "<thead><tr>");
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		bool on = cols[i].sort == (enum pupil_sort)sort;
		bool next_desc = on ? !desc : cols[i].first_desc;
		char q[600];
		list_query(v, cols[i].sort, next_desc, q, sizeof q);
		html_lit(h, "<th scope=\"col\"");
		if (on)
			html_txtf(h, " aria-sort=\"%s\"", desc ? "descending" : "ascending");
		html_lit(h, "><a href=\"/pupils?");
		html_attr(h, q);
		html_lit(h, "\">");
		html_txt(h, cols[i].label);
		if (on)
			html_txt(h, desc ? " ▼" : " ▲");
		html_lit(h, "</a></th>");
	}
	html_lit(h, "</tr></thead>");
}

static void pupil_row(struct html *h, const struct view *v, const struct pupil_trend *p)
{
	const struct pupil_row *r = &v->e->m.rows[p->row];
	const struct figures *f = &p->f;
	enum action a = dash_action(p);
	view_pupil_row(h, v, r, false);
	html_lit(h, "<td>");
	html_txt(h, year_name(r->year));
	html_lit(h, "</td><td>");
	html_txt(h, v->e->m.forms[r->form]);
	html_lit(h, "</td><td>");
	view_figure(h, "attendance_pct", stats_pct100(stats_attendance(f), f->possible), FIG_PCT, NULL);
	html_lit(h, "</td><td>");
	view_figure(h, "absence_pct", stats_pct100(stats_absence(f), f->possible), FIG_PCT, NULL);
	html_lit(h, "<br><small>");
	view_days(h, v, stats_absence(f));
	html_lit(h, "</small></td><td>");
	view_figure(h, "unauthorised", f->unauthorised, FIG_COUNT, NULL);
	html_lit(h, "</td><td>");
	view_pp(h, p->week.change_pp100);
	html_lit(h, "</td><td>");
	view_figure(h, "minutes_late", f->minutes_late, FIG_COUNT, NULL);
	html_lit(h, "</td><td>");
	view_flag(h, a);
	html_lit(h, "<br><small>");
	html_txt(h, action_step(a));
	html_lit(h, "</small></td></tr>");
}

static void pager(struct html *h, const struct view *v, int sort, bool desc, long page, int n)
{
	long pages = (n + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages <= 1)
		return;
	char q[600];
	list_query(v, sort, desc, q, sizeof q);
	html_lit(h, "<nav class=\"pager\" aria-label=\"Pages\">");
	for (long p = 1; p <= pages; p++) {
		if (pages > 12 && p > 2 && p < pages - 1 && (p < page - 2 || p > page + 2)) {
			if (p == 3 || p == pages - 2)
				html_lit(h, "<span>…</span>");
			continue;
		}
		if (p == page) {
			html_lit(h, "<span aria-current=\"page\">");
			html_int(h, p);
			html_lit(h, "</span>");
			continue;
		}
		html_lit(h, "<a href=\"/pupils?");
		html_attr(h, q);
		html_txtf(h, "&page=%ld", p);
		html_lit(h, "\">");
		html_int(h, p);
		html_lit(h, "</a>");
	}
	html_lit(h, "</nav>");
}

/* Opens the view, computes every visible pupil and selects the list. */
static int open_list(struct web_req *r, struct view *v, int *sort, bool *desc, long *page,
		     bool csv, int **idx, int *n, struct app_error *err)
{
	if (list_order(r, sort, desc, page, err) < 0 ||
	    view_open(r, v, list_args, VIEW_FILTER, err) < 0)
		return -1;
	unsigned what = DASH_PUPILS | (v->filter.pattern >= 0 ? DASH_PATTERNS : 0);
	/* a page needs its own and the earlier pages' pupils in order; CSV all */
	int limit = csv ? 0 : (int)(*page * PAGE_SIZE < 1000000000 ? *page * PAGE_SIZE : 0);
	if (view_compute(v, what, err) < 0 ||
	    dash_select(&v->d, &v->filter, (enum pupil_sort)*sort, *desc, limit, idx, n) < 0) {
		view_close(v);
		return err->kind ? -1 : app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	}
	return 0;
}

int page_pupils(struct web_req *r)
{
	struct app_error err = {0};
	struct view v;
	int sort, n, *idx;
	bool desc;
	long page;
	if (open_list(r, &v, &sort, &desc, &page, false, &idx, &n, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Pupils");
	view_heading(&h, &v, "Pupils", "/pupils");
	filter_form(&h, &v, sort, desc);
	char q[600];
	list_query(&v, sort, desc, q, sizeof q);
	html_lit(&h, "<p class=\"summary\"><strong data-k=\"count\" data-v=\"");
	html_int(&h, n);
	html_lit(&h, "\">");
	html_int(&h, n);
	html_lit(&h, "</strong> pupil");
	if (n != 1)
		html_lit(&h, "s");
	html_lit(&h, " · <a href=\"/pupils.csv?");
	html_attr(&h, q);
	html_lit(&h, "\" download>Download as CSV</a> · <a href=\"/moved?from=");
	html_attr(&h, v.from);
	html_lit(&h, "&amp;to=");
	html_attr(&h, v.to);
	html_lit(&h, "\">Who moved this week</a></p>");
	if (n == 0) {
		html_lit(&h, "<p class=\"hint\">No pupil matches these filters in this range.</p>");
	} else {
		html_lit(&h, "<div class=\"scroll\"><table class=\"list pupils\" id=\"pupils\">");
		header(&h, &v, sort, desc);
		html_lit(&h, "<tbody>");
		long first = (page - 1) * PAGE_SIZE;
		for (long i = first; i < n && i < first + PAGE_SIZE; i++)
			pupil_row(&h, &v, &v.d.t.pupils[idx[i]]);
		html_lit(&h, "</tbody></table></div>");
		pager(&h, &v, sort, desc, page, n);
	}
	free(idx);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_pupils_csv(struct web_req *r)
{
	struct app_error err = {0};
	struct view v;
	int sort, n, *idx;
	bool desc;
	long page;
	if (open_list(r, &v, &sort, &desc, &page, true, &idx, &n, &err) < 0)
		return web_error(r, &err);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out) {
		dash_pupils_csv(out, &v.d, idx, n);
		fclose(out);
	}
	free(idx);
	char name[80];
	snprintf(name, sizeof name, "pupils-%s-to-%s.csv", v.from, v.to);
	view_close(&v);
	if (!out || !buf) {
		free(buf);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory writing the CSV");
	}
	web_add_header(r, "Content-Disposition", "attachment; filename=\"%s\"", name);
	free(r->out);
	r->out = buf;
	r->out_len = len;
	r->status = 200;
	r->ctype = "text/csv; charset=utf-8";
	return 0;
}

static void moved_list(struct html *h, const struct view *v, const struct dash_moved *m, int k,
		       const char *title, const char *flag, const char *sort)
{
	char extra[120], href[300];
	html_lit(h, "<section class=\"moved\"><h2>");
	html_txt(h, title);
	html_lit(h, " <small>");
	html_int(h, m->total[k]);
	html_lit(h, " pupil");
	if (m->total[k] != 1)
		html_lit(h, "s");
	html_lit(h, "</small></h2>");
	if (m->n[k] == 0) {
		html_lit(h, "<p class=\"hint\">Nobody this week.</p></section>");
		return;
	}
	html_lit(h, "<table class=\"list\"><thead><tr><th scope=\"col\">Pupil</th><th scope=\"col\">Form"
		    "</th><th scope=\"col\">Last week</th><th scope=\"col\">This week</th><th "
		    "scope=\"col\">Change (points)</th><th scope=\"col\">This year</th><th "
		    "scope=\"col\">Flag</th></tr></thead><tbody>");
	for (int i = 0; i < m->n[k]; i++) {
		const struct pupil_trend *p = &v->d.t.pupils[m->list[k][i]];
		const struct pupil_row *r = &v->e->m.rows[p->row];
		view_pupil_row(h, v, r, true);
		html_lit(h, "<td>");
		view_pct(h, p->week.before_pct100);
		html_lit(h, "</td><td>");
		view_pct(h, p->week.now_pct100);
		html_lit(h, "</td><td>");
		view_figure(h, "week_change_pp", p->week.change_pp100, FIG_PP, NULL);
		html_lit(h, "</td><td>");
		view_pct(h, stats_pct100(stats_attendance(&p->f), p->f.possible));
		html_lit(h, "</td><td>");
		view_flag(h, dash_action(p));
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
	snprintf(extra, sizeof extra, "flag=%s&sort=%s", flag, sort);
	view_pupils_href(v, v->a.q.from, v->a.q.to, extra, href, sizeof href);
	if (m->total[k] > m->n[k]) {
		html_lit(h, "<p><a href=\"");
		html_attr(h, href);
		html_lit(h, "\">All ");
		html_int(h, m->total[k]);
		html_lit(h, "</a></p>");
	}
	html_lit(h, "</section>");
}

int page_moved(struct web_req *r)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	struct view v;
	struct dash_moved m;
	if (view_open(r, &v, args, 0, &err) < 0)
		return web_error(r, &err);
	if (view_compute(&v, DASH_PUPILS, &err) < 0 || dash_moved(&v.d, MOVED_MAX, &m) < 0) {
		view_close(&v);
		return err.kind ? web_error(r, &err) : web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	const struct trends_result *t = &v.d.t;
	struct html h = {0};
	html_begin(&h, r, "Who moved this week");
	html_lit(&h, "<h1>Who moved this week <small>");
	if (t->per.has[PERIOD_THIS_WEEK] && t->per.has[PERIOD_LAST_WEEK]) {
		html_lit(&h, "the week of ");
		char a[40];
		html_txt(&h, html_long_date(t->per.r[PERIOD_THIS_WEEK].from, a));
		html_lit(&h, " to date, against the week before");
	}
	html_lit(&h, "</small></h1>");
	view_range_form(&h, &v, "/moved");
	html_lit(&h, "<p class=\"hint\">Attendance this week to date against last week, for pupils "
		     "with possible sessions in both; a change of 1 point or more counts. Crossing into "
		     "or out of persistent absence compares the year to date now with the year up to "
		     "the end of last week.</p><div class=\"moved-grid\">");
	moved_list(&h, &v, &m, MOVED_FELL, "Fell most", "declined", "week_change");
	moved_list(&h, &v, &m, MOVED_ROSE, "Rose most", "improving", "week_change&dir=desc");
	moved_list(&h, &v, &m, MOVED_INTO_PA, "Crossed into persistent absence", "crossed_into_pa",
		   "name");
	moved_list(&h, &v, &m, MOVED_OUT_OF_PA, "Left persistent absence", "crossed_out_of_pa",
		   "name");
	html_lit(&h, "</div>");
	dash_moved_free(&m);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
