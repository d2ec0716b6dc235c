/* GET /pupils/UPN?from=&to=: a pupil's attendance profile. Figures in days
 * and lessons as well as percentages, lateness, the way back to 90%, the
 * patterns worth saying, the week-by-week line, a calendar of every session
 * of the year (each code on hover and on keyboard focus), enrolment,
 * characteristics and every amendment of their marks. Sections are a table:
 * later ones (contacts, the contact log, plans) join it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/dash_charts.h"
#include "web/svg.h"
#include "web/views.h"

struct profile {
	struct view *v;
	int row;                     /* the enrolment shown */
	const struct pupil_trend *p; /* its figures (NULL when not on roll in the range) */
	int index;                   /* of p in v->d.t.pupils */
};

typedef void (*profile_section)(struct html *h, const struct profile *pr);

/* "Since last week: +1.2 points (90.0% last week, 91.2% this week)". */
static void change(struct html *h, const struct trend_change *c, const char *period)
{
	html_lit(h, "<div><dt>Since last ");
	html_txt(h, period);
	html_lit(h, "</dt><dd>");
	view_pp(h, c->change_pp100);
	html_lit(h, " points<small>");
	view_pct(h, c->before_pct100);
	html_txtf(h, " last %s, ", period);
	view_pct(h, c->now_pct100);
	html_txtf(h, " this %s", period);
	html_lit(h, "</small></dd></div>");
}

static void figures_section(struct html *h, const struct profile *pr)
{
	const struct view *v = pr->v;
	const struct pupil_trend *p = pr->p;
	html_lit(h, "<h2 id=\"figures\">Attendance</h2>");
	if (!p) {
		html_lit(h, "<p class=\"hint\">Not on roll in this range.</p>");
		return;
	}
	const struct figures *f = &p->f;
	char text[320];
	html_lit(h, "<dl class=\"figures\"><div><dt>Attendance</dt><dd>");
	view_figure(h, "attendance_pct", stats_pct100(stats_attendance(f), f->possible), FIG_PCT, NULL);
	html_lit(h, "<small>");
	html_int(h, (long)stats_attendance(f));
	html_lit(h, " of ");
	html_int(h, f->possible);
	html_lit(h, " sessions</small></dd></div><div><dt>Missed</dt><dd>");
	view_days(h, v, stats_absence(f));
	html_lit(h, "<small>");
	view_figure(h, "absence_pct", stats_pct100(stats_absence(f), f->possible), FIG_PCT, NULL);
	html_lit(h, " of possible sessions</small></dd></div><div><dt>Authorised</dt><dd>");
	view_days(h, v, f->authorised);
	html_lit(h, "<small>");
	view_figure(h, "authorised", f->authorised, FIG_COUNT, NULL);
	html_lit(h, " sessions</small></dd></div><div><dt>Unauthorised</dt><dd>");
	view_days(h, v, f->unauthorised);
	html_lit(h, "<small>");
	view_figure(h, "unauthorised", f->unauthorised, FIG_COUNT, NULL);
	html_lit(h, " sessions</small></dd></div><div><dt>Late</dt><dd>");
	view_figure(h, "minutes_late", f->minutes_late, FIG_COUNT, NULL);
	html_lit(h, " minutes<small>");
	if (f->late_before_close + f->late_after_close == 0) {
		html_lit(h, "no late arrivals");
	} else {
		html_int(h, f->late_before_close);
		html_lit(h, " before the register closed, ");
		html_int(h, f->late_after_close);
		html_lit(h, " after: ");
		html_txt(h, wording_minutes_lost(f->minutes_late, &v->a.words, text, sizeof text));
	}
	html_lit(h, "</small></dd></div>");
	change(h, &p->week, "week");
	change(h, &p->half, "half-term");
	html_lit(h, "</dl>");
	html_lit(h, "<p class=\"recovery\" id=\"recovery\">");
	if (p->has_recovery) {
		html_lit(h, "<strong>Back to 90%:</strong> ");
		html_txt(h, wording_recovery(&p->rec, text, sizeof text));
		if (!p->rec.below)
			html_txtf(h, "; %d full day%s in a row to leave persistent absence",
				  p->rec.days_to_leave_pa, p->rec.days_to_leave_pa == 1 ? "" : "s");
		html_lit(h, ".");
	} else {
		html_lit(h, "Attendance is above 90%: not persistently absent.");
	}
	html_lit(h, "</p>");
}

static void patterns_section(struct html *h, const struct profile *pr)
{
	html_lit(h, "<h2 id=\"patterns\">Patterns</h2>");
	if (!pr->p || pr->p->n_notes == 0) {
		html_lit(h, "<p class=\"hint\">No pattern stands out in this pupil's absence (a pattern "
			    "needs at least 4 absent sessions, 2 of them in one part of the week, at "
			    "twice the rate of the rest).</p>");
		return;
	}
	html_lit(h, "<ul class=\"notes\">");
	for (int i = 0; i < pr->p->n_notes; i++) {
		char text[128];
		html_lit(h, "<li>");
		html_txt(h, patterns_note_text(&pr->p->notes[i], text, sizeof text));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
}

static void trend_section(struct html *h, const struct profile *pr)
{
	const struct trends_result *t = &pr->v->d.t;
	struct chart c;
	if (!pr->p || !t->pupil_weekly || t->wl.n == 0 ||
	    dash_chart_weekly(&c, &pr->v->d, "pupil-weekly", pr->index, -1) < 0)
		return;
	snprintf(c.desc, sizeof c.desc,
		 "This pupil's attendance in each school week from %s to %s; weeks with no possible "
		 "session are left out.",
		 pr->v->from, pr->v->to);
	c.ref[c.n_ref++] = (struct chart_ref){9500, "95%"};
	html_lit(h, "<h2 id=\"trend\">Week by week</h2>");
	svg_chart(h, &c);
	chart_free(&c);
}

/* The class of a cell for the calendar's colours. */
static const char *cell_class(enum code code)
{
	if (code == CODE_L)
		return "hm-late";
	switch (code_category(code)) {
	case CAT_PRESENT: return "hm-present";
	case CAT_APPROVED: return "hm-approved";
	case CAT_AUTHORISED: return "hm-authorised";
	case CAT_UNAUTHORISED: return "hm-unauthorised";
	case CAT_NOT_POSSIBLE: return "hm-notpossible";
	default: return "hm-unmarked";
	}
}

static void day_off(struct html *h, const struct calendar *cal, date_t day)
{
	const char *what = "";
	switch (calendar_day_kind(cal, day)) {
	case DAY_INSET: what = "INSET day"; break;
	case DAY_BANK_HOLIDAY: what = "bank holiday"; break;
	case DAY_CLOSURE: what = "closure"; break;
	default: what = "holiday"; break;
	}
	char d[40];
	html_lit(h, "<td colspan=\"2\" class=\"hm-off\"><span class=\"sr\">");
	html_txt(h, html_long_date(day, d));
	html_lit(h, ": </span>");
	html_txt(h, what);
	html_lit(h, "</td>");
}

static void cell(struct html *h, const struct engine *e, int row, date_t day, enum session s)
{
	const struct pupil_row *p = &e->m.rows[row];
	int col = calendar_session_col(&e->cal, day, s);
	char d[40], tip[200];
	html_long_date(day, d);
	if (col < p->first_col || col >= p->end_col) {
		html_lit(h, "<td class=\"hm-out\"><span class=\"sr\">");
		html_txtf(h, "%s %s: not on roll", d, session_name(s));
		html_lit(h, "</span></td>");
		return;
	}
	enum code code = (enum code)(matrix_row_cells(&e->m, row)[col] & 63);
	const char *text = code == CODE_NONE ? "·" : code_text(code, s);
	int minutes = matrix_minutes_late(&e->m, row, col);
	if (code == CODE_NONE)
		snprintf(tip, sizeof tip, "%s %s: no mark yet", d, session_name(s));
	else
		snprintf(tip, sizeof tip, "%s %s: %s, %s (%s)", d, session_name(s), text,
			 code_info(code)->meaning, code_category_name(code_category(code)));
	if (minutes > 0)
		snprintf(tip + strlen(tip), sizeof tip - strlen(tip), ", %d minutes late", minutes);
	html_lit(h, "<td class=\"");
	html_attr(h, cell_class(code));
	html_lit(h, "\"><span class=\"hm\" tabindex=\"0\" data-c=\"");
	html_int(h, 2 * (int)date_weekday(day) + (int)s);
	html_lit(h, "\" aria-label=\"");
	html_attr(h, tip);
	html_lit(h, "\" data-tip=\"");
	html_attr(h, tip);
	html_lit(h, "\">");
	html_txt(h, text);
	html_lit(h, "</span></td>");
}

static void calendar_section(struct html *h, const struct profile *pr)
{
	const struct engine *e = pr->v->e;
	const struct calendar *cal = &e->cal;
	struct date_range year;
	range_academic_year(pr->v->a.q.to, &year);
	int lo, hi;
	calendar_day_range(cal, year.from, year.to, &lo, &hi);
	char y[8];
	date_academic_year_label(date_academic_year(pr->v->a.q.to), y);
	html_lit(h, "<h2 id=\"calendar\">Every session of ");
	html_txt(h, y);
	html_lit(h, "</h2><p class=\"hint\">One square a session, morning then afternoon; the code is "
		    "written in each, and its meaning shows when you point at it or move to it with "
		    "the Tab or arrow keys.</p>");
	if (hi <= lo) {
		html_lit(h, "<p class=\"hint\">The calendar has no school days this year.</p>");
		return;
	}
	html_lit(h, "<ul class=\"legend hm-legend\"><li><span class=\"hm-present\">/</span>present</li>"
		    "<li><span class=\"hm-late\">L</span>late (before the register closed)</li>"
		    "<li><span class=\"hm-approved\">V</span>approved educational activity</li>"
		    "<li><span class=\"hm-authorised\">I</span>authorised absence</li>"
		    "<li><span class=\"hm-unauthorised\">N</span>unauthorised absence</li>"
		    "<li><span class=\"hm-notpossible\">#</span>not a possible session</li>"
		    "<li><span class=\"hm-unmarked\">·</span>no mark yet</li></ul>"
		    "<div class=\"scroll\"><table class=\"heatmap\" id=\"heatmap\"><thead><tr><th "
		    "scope=\"col\">Week of</th>");
	for (int d = 0; d < PATTERN_WEEKDAYS; d++) {
		html_lit(h, "<th scope=\"colgroup\" colspan=\"2\">");
		html_txtf(h, "%.3s", date_weekday_name((enum weekday)d));
		html_lit(h, "</th>");
	}
	html_lit(h, "</tr></thead><tbody>");
	date_t last_monday = DATE_INVALID;
	for (int i = lo; i < hi; i++) {
		date_t monday = date_week_start(cal->school_days[i]);
		if (monday == last_monday)
			continue;
		if (last_monday != DATE_INVALID && monday - last_monday > 7)
			html_lit(h, "<tr class=\"hm-break\"><td colspan=\"11\">holiday</td></tr>");
		last_monday = monday;
		char a[DATE_ISO_LEN];
		int yy, mm, dd;
		date_to_ymd(monday, &yy, &mm, &dd);
		html_lit(h, "<tr><th scope=\"row\"><time datetime=\"");
		html_attr(h, date_format(monday, a));
		html_lit(h, "\">");
		html_txtf(h, "%d/%d", dd, mm);
		html_lit(h, "</time></th>");
		for (int d = 0; d < PATTERN_WEEKDAYS; d++) {
			date_t day = monday + d;
			if (calendar_day_index(cal, day) < 0) {
				day_off(h, cal, day);
				continue;
			}
			cell(h, e, pr->row, day, SESSION_AM);
			cell(h, e, pr->row, day, SESSION_PM);
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table></div>");
}

static void enrolment_section(struct html *h, const struct profile *pr)
{
	const struct engine *e = pr->v->e;
	const struct pupil_row *p = &e->m.rows[pr->row];
	char a[40];
	html_lit(h, "<h2 id=\"enrolment\">Enrolment</h2><table class=\"list\"><thead><tr><th "
		    "scope=\"col\">Admitted</th><th scope=\"col\">Left</th><th scope=\"col\">Year</th>"
		    "<th scope=\"col\">Form</th></tr></thead><tbody>");
	for (int x = engine_pupil_row(e, p->upn); x >= 0; x = engine_next_row(e, x)) {
		const struct pupil_row *q = &e->m.rows[x];
		if (x == pr->row)
			html_lit(h, "<tr class=\"current\"><td>");
		else
			html_lit(h, "<tr><td>");
		html_txt(h, html_long_date(q->admitted, a));
		html_lit(h, "</td><td>");
		if (q->left == DATE_OPEN_END)
			html_lit(h, "on roll");
		else
			html_txt(h, html_long_date(q->left, a));
		html_lit(h, "</td><td>");
		html_txt(h, year_name(q->year));
		html_lit(h, "</td><td>");
		html_txt(h, e->m.forms[q->form]);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

static void yes_no(struct html *h, const char *label, bool v)
{
	html_lit(h, "<div><dt>");
	html_txt(h, label);
	html_lit(h, "</dt><dd>");
	html_txt(h, v ? "Yes" : "No");
	html_lit(h, "</dd></div>");
}

static void characteristics_section(struct html *h, const struct profile *pr)
{
	const struct pupil_row *p = &pr->v->e->m.rows[pr->row];
	char a[40];
	html_lit(h, "<h2 id=\"characteristics\">Characteristics</h2><dl class=\"facts\"><div><dt>Date "
		    "of birth</dt><dd>");
	html_txt(h, html_long_date(p->dob, a));
	html_lit(h, "</dd></div><div><dt>Sex</dt><dd>");
	html_txt(h, p->gender == 'F' ? "Female" : p->gender == 'M' ? "Male" : "Not known");
	html_lit(h, "</dd></div>");
	yes_no(h, "Free school meals", p->fsm);
	yes_no(h, "Pupil premium", p->pp);
	html_lit(h, "<div><dt>SEND</dt><dd>");
	html_txt(h, p->send == 'E' ? "EHC plan" : p->send == 'K' ? "SEN support" : "None");
	html_lit(h, "</dd></div>");
	yes_no(h, "English as an additional language", p->eal);
	html_lit(h, "<div><dt>Ethnicity</dt><dd>");
	html_txt(h, p->ethnicity[0] ? p->ethnicity : "Not recorded");
	html_lit(h, "</dd></div>");
	/* Safeguarding flags: the attendance lead and administrators only. */
	enum role role = pr->v->r->who.role;
	if (ROLE_BIT(role) & ROLES_LEADS) {
		yes_no(h, "Looked after", p->looked_after);
		yes_no(h, "Child in need", p->cin);
		yes_no(h, "Child protection plan", p->cp);
	}
	html_lit(h, "</dl>");
}

struct amend_ctx {
	struct html *h;
	int n;
	date_t day;
	enum session session;
};

static int amendment(void *ctx, const struct mark_rec *m)
{
	struct amend_ctx *c = ctx;
	struct html *h = c->h;
	char d[40];
	if (c->n++ == 0)
		html_lit(h, "<table class=\"list wrap\" id=\"amendments\"><thead><tr><th "
			    "scope=\"col\">Session</th><th scope=\"col\">Version</th><th "
			    "scope=\"col\">Mark</th><th scope=\"col\">Recorded</th><th "
			    "scope=\"col\">Why</th></tr></thead><tbody>");
	bool first = m->date != c->day || m->session != c->session;
	c->day = m->date;
	c->session = m->session;
	if (first)
		html_lit(h, "<tr class=\"first\"><th scope=\"row\">");
	else
		html_lit(h, "<tr><th scope=\"row\">");
	if (first) {
		html_txt(h, html_long_date(m->date, d));
		html_lit(h, " ");
		html_txt(h, session_name(m->session));
	}
	html_lit(h, "</th>");
	web_version_cells(h, m);
	html_lit(h, "</tr>");
	return 0;
}

static void casework_section(struct html *h, const struct profile *pr)
{
	web_casework_profile_section(h, pr->v->r, pr->row);
}

static void history_section(struct html *h, const struct profile *pr)
{
	const struct view *v = pr->v;
	const struct pupil_row *p = &v->e->m.rows[pr->row];
	html_lit(h, "<h2 id=\"history\">Amended marks</h2><p class=\"hint\">Every version of each mark "
		    "changed after it was first taken, from ");
	html_attr(h, v->from);
	html_lit(h, " to ");
	html_attr(h, v->to);
	html_lit(h, ": who, when and why. <a href=\"/pupils/");
	html_url_seg(h, p->upn);
	html_lit(h, "/history\">The marks of the last school days</a>.</p>");
	struct amend_ctx c = {h, 0, DATE_INVALID, SESSION_AM};
	if (store_pupil_amendments_each(v->r->rd, v->e->school.id, p->pupil_id, v->a.q.from, v->a.q.to,
					amendment, &c) < 0) {
		html_lit(h, "<p class=\"flash bad\">The history could not be read: ");
		html_txt(h, store_error(v->r->rd));
		html_lit(h, "</p>");
		return;
	}
	if (c.n)
		html_lit(h, "</tbody></table>");
	else
		html_lit(h, "<p class=\"hint\">No mark in this range was amended.</p>");
}

static void statutory_section(struct html *h, const struct profile *pr)
{
	web_statutory_section(h, pr->v->r, pr->row);
}

/* The profile, in order. Later sections (contacts, the contact log, plans
 * and interventions) are added here. */
static const struct {
	const char *anchor, *title;
	profile_section write;
} sections[] = {
	{"figures", "Attendance", figures_section},
	{"patterns", "Patterns", patterns_section},
	{"trend", "Week by week", trend_section},
	{"calendar", "Every session", calendar_section},
	{"enrolment", "Enrolment", enrolment_section},
	{"characteristics", "Characteristics", characteristics_section},
	{"casework", "Casework", casework_section},
	{"history", "Amended marks", history_section},
	{"statutory", "Admission register and files", statutory_section},
};

int page_pupil(struct web_req *r)
{
	static const char *const args[] = {"from", "to", NULL};
	struct app_error err = {0};
	struct view v;
	if (view_open(r, &v, args, 0, &err) < 0)
		return web_error(r, &err);
	struct profile pr = {&v, -1, NULL, -1};
	const char *bad = upn_shape_error(r->args[0]);
	if (bad) {
		view_close(&v);
		return web_fail(r, ERR_NOT_FOUND, "upn", "no pupil with UPN %.16s: %s", r->args[0], bad);
	}
	if (web_pupil_row(r, r->args[0], v.a.q.to, &pr.row, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	v.a.upn = v.e->m.rows[pr.row].upn;
	/* Only this pupil's rows: the profile needs no one else's figures. */
	uint8_t *own = calloc((size_t)v.e->m.n_rows + 1, 1);
	if (!own) {
		view_close(&v);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	for (int x = engine_pupil_row(v.e, v.a.upn); x >= 0; x = engine_next_row(v.e, x))
		own[x] = !v.scope || v.scope[x];
	free(v.scope);
	v.scope = own;
	v.a.q.row_scope = own;
	if (view_compute(&v, DASH_SUMMARY | DASH_PUPILS | DASH_PATTERNS | DASH_WEEKLY, &err) < 0) {
		view_close(&v);
		return web_error(r, &err);
	}
	for (int i = 0; i < v.d.t.n_pupils; i++)
		if (v.d.t.pupils[i].row == pr.row) {
			pr.p = &v.d.t.pupils[i];
			pr.index = i;
		}
	const struct pupil_row *p = &v.e->m.rows[pr.row];
	char title[300];
	snprintf(title, sizeof title, "%s %s", p->forename, p->surname);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>Year ");
	html_txt(&h, year_name(p->year));
	html_lit(&h, " · <a href=\"/forms/");
	html_url_seg(&h, v.e->m.forms[p->form]);
	html_lit(&h, "\">");
	html_txt(&h, v.e->m.forms[p->form]);
	html_lit(&h, "</a> · UPN ");
	html_txt(&h, p->upn);
	html_lit(&h, "</small></h1>");
	if (pr.p) {
		enum action a = dash_action(pr.p);
		html_lit(&h, "<p class=\"next-step\">");
		view_flag(&h, a);
		html_lit(&h, " ");
		html_txt(&h, action_step(a));
		html_lit(&h, "</p>");
	}
	view_range_form(&h, &v, "");
	html_lit(&h, "<nav class=\"toc\" aria-label=\"On this page\">");
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++) {
		html_lit(&h, "<a href=\"#");
		html_attr(&h, sections[i].anchor);
		html_lit(&h, "\">");
		html_txt(&h, sections[i].title);
		html_lit(&h, "</a>");
	}
	html_lit(&h, "</nav>");
	for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
		sections[i].write(&h, &pr);
	view_close(&v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
