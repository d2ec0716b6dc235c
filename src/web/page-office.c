/* GET /office?date=: the office's view of a day: every form's AM and PM
 * register (taken by whom and when, or not taken and overdue after closing
 * time) and every pupil with no reason for absence yet (N): the list the
 * first-day response starts from. */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/family_reports.h"
#include "web/html.h"
#include "web/web.h"

/* A parent's report of that session waiting for the office: the reason may
 * be known already (issue 12). */
static void parent_report_note(struct html *h, struct web_req *r, int64_t pupil_id, date_t day,
			       enum session s)
{
	struct parent_report_rec rep;
	if (parent_report_on(r->rd, r->srv->e.school.id, pupil_id, day, s, &rep) != 0 ||
	    strcmp(rep.status, "awaiting") != 0)
		return;
	html_lit(h, " <a class=\"flag\" href=\"/parent-reports#report-");
	html_int(h, (long)rep.id);
	html_lit(h, "\">");
	html_txtf(h, "the parent reported it (%s): accept or decline", rep.reason);
	html_lit(h, "</a>");
}

/* "2 absence reports from parents are waiting". */
static void parent_reports_waiting(struct html *h, struct web_req *r)
{
	int n = 0;
	if (parent_reports_count(r->rd, r->srv->e.school.id, "awaiting", &n) < 0 || n == 0)
		return;
	html_lit(h, "<p class=\"flash\"><a href=\"/parent-reports\">");
	html_txtf(h, "%d absence report%s from parents %s waiting for you", n, n == 1 ? "" : "s",
		  n == 1 ? "is" : "are");
	html_lit(h, "</a></p>");
}

static void unexplained_list(struct html *h, struct web_req *r, date_t day)
{
	const struct engine *e = &r->srv->e;
	char d[DATE_ISO_LEN];
	int col = calendar_session_col(&e->cal, day, SESSION_AM), n = 0;
	html_lit(h, "<h2>No reason yet (N)</h2>");
	for (int row = 0; row < e->m.n_rows; row++) {
		const struct pupil_row *p = &e->m.rows[row];
		if (col < p->first_col || col >= p->end_col)
			continue;
		const uint8_t *cells = matrix_row_cells(&e->m, row);
		for (int s = 0; s < SESSION__MAX; s++) {
			if (cells[col + s] != CODE_N)
				continue;
			if (n++ == 0)
				html_lit(h, "<table class=\"list\" id=\"unexplained\"><thead><tr><th>Pupil</th>"
					    "<th>Form</th><th>Session</th></tr></thead><tbody>");
			html_lit(h, "<tr><td><a href=\"/pupils/");
			html_url_seg(h, p->upn);
			html_lit(h, "/history?date=");
			html_txt(h, date_format(day, d));
			html_lit(h, "&amp;session=");
			html_txt(h, session_name((enum session)s));
			html_lit(h, "\">");
			html_txt(h, p->surname);
			html_lit(h, ", ");
			html_txt(h, p->forename);
			html_lit(h, "</a>");
			parent_report_note(h, r, p->pupil_id, day, (enum session)s);
			html_lit(h, "</td><td>");
			html_txt(h, e->m.forms[p->form]);
			html_lit(h, "</td><td>");
			html_txt(h, session_name((enum session)s));
			html_lit(h, "</td></tr>");
		}
	}
	if (n)
		html_lit(h, "</tbody></table>");
	else
		html_lit(h, "<p class=\"hint\">Nobody is marked N: every absence so far has a reason.</p>");
}

int page_office(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	char longd[40], title[80];
	snprintf(title, sizeof title, "Office: %s", html_long_date(day, longd));
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>Registers <small>");
	html_txt(&h, longd);
	html_lit(&h, "</small></h1>");
	html_day_form(&h, "/office", day);
	parent_reports_waiting(&h, r);
	struct register_status *list = NULL;
	int n = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_registers_of_day(r, day, &list, &n, &err) < 0) {
		html_lit(&h, "<p class=\"flash\">");
		html_txt(&h, err.message);
		html_lit(&h, "</p>");
	} else {
		int taken = 0, overdue = 0;
		for (int i = 0; i < n; i++) {
			taken += list[i].taken;
			overdue += list[i].overdue;
		}
		html_lit(&h, "<p class=\"summary\">");
		html_txtf(&h, "%d of %d registers taken", taken, n);
		if (overdue)
			html_txtf(&h, "; %d overdue", overdue);
		html_lit(&h, ".</p><table class=\"list\" id=\"office\"><thead><tr><th>Form</th>"
			     "<th>AM</th><th>PM</th></tr></thead><tbody>");
		/* the list holds AM then PM of each form */
		for (int i = 0; i + 1 < n; i += 2) {
			const char *form = r->srv->e.m.forms[list[i].form];
			html_lit(&h, "<tr><th scope=\"row\">");
			html_txt(&h, form);
			html_lit(&h, "</th>");
			for (int s = 0; s < 2; s++) {
				const struct register_status *st = &list[i + s];
				html_lit(&h, "<td><a href=\"");
				web_register_href(&h, form, day, st->session);
				html_lit(&h, "\">");
				web_status_text(&h, st);
				html_lit(&h, "</a>");
				if (st->unexplained)
					html_txtf(&h, " · %d N", st->unexplained);
				html_lit(&h, "</td>");
			}
			html_lit(&h, "</tr>");
		}
		html_lit(&h, "</tbody></table>");
		unexplained_list(&h, r, day);
		html_lit(&h, "<p><a class=\"button\" href=\"/first-day\">The first-day response"
			     "</a></p>");
		struct engine view;
		web_engine_view(r, &view);
		web_overdue_section(&h, &view);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(list);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
