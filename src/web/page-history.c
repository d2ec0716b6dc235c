/* GET /pupils/UPN/history[?date=&session=]: a pupil's marks of the last two
 * school weeks, or every version of one mark: who, when, why. */
#include <stdlib.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

#define RECENT_DAYS 10

void web_version_cells(struct html *h, const struct mark_rec *m)
{
	char when[CLOCK_ISO_LEN];
	html_lit(h, "<td>");
	html_int(h, m->version);
	html_lit(h, "</td><td class=\"code\">");
	html_txt(h, code_text(m->code, m->session));
	if (m->minutes_late > 0)
		html_txtf(h, " (%d min late)", m->minutes_late);
	html_lit(h, "</td><td>");
	html_txt(h, clock_local_display(m->recorded_at, when));
	html_lit(h, "<br><small>by ");
	html_txt(h, m->recorded_by);
	html_lit(h, "</small></td><td>");
	html_txt(h, m->reason[0] ? m->reason : (m->version == 1 ? "first entry" : "–"));
	html_lit(h, "</td>");
}

static int version_row(void *ctx, const struct mark_rec *m)
{
	struct html *h = ctx;
	html_lit(h, "<tr>");
	web_version_cells(h, m);
	html_lit(h, "</tr>");
	return 0;
}

static void recent(struct html *h, struct web_req *r, int row)
{
	const struct engine *e = &r->srv->e;
	const struct pupil_row *p = &e->m.rows[row];
	char d[DATE_ISO_LEN];
	int lo, hi;
	calendar_day_range(&e->cal, p->admitted, web_today(), &lo, &hi);
	if (lo < hi - RECENT_DAYS)
		lo = hi - RECENT_DAYS;
	html_lit(h, "<h2>The last school days</h2><table class=\"list\"><thead><tr><th>Day</th>"
		    "<th>AM</th><th>PM</th></tr></thead><tbody>");
	for (int day = hi - 1; day >= lo; day--) {
		date_t date = e->cal.school_days[day];
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, date_weekday_name(date_weekday(date)));
		html_lit(h, " ");
		html_txt(h, date_format(date, d));
		html_lit(h, "</th>");
		for (int s = 0; s < SESSION__MAX; s++) {
			uint8_t c = matrix_row_cells(&e->m, row)[2 * day + s];
			html_lit(h, "<td class=\"code\"><a href=\"?date=");
			html_txt(h, d);
			html_lit(h, "&amp;session=");
			html_txt(h, session_name((enum session)s));
			html_lit(h, "\">");
			html_txt(h, c == CODE_NONE ? "–" : code_text(c, (enum session)s));
			html_lit(h, "</a></td>");
		}
		html_lit(h, "</tr>");
	}
	html_lit(h, "</tbody></table>");
}

int page_history(struct web_req *r)
{
	struct app_error err = {0};
	const char *date = web_query(r, "date"), *session = web_query(r, "session");
	date_t day = web_today();
	int ses = -1;
	if (date && *date && parse_date_field("date", date, &day, &err) < 0)
		return web_error(r, &err);
	if (session && *session && (ses = session_parse(session)) < 0)
		return web_fail(r, ERR_INPUT, "session", "session must be AM or PM");
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_pupil_row(r, r->args[0], day, &row, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &r->srv->e.m.rows[row];
	char title[300], d[DATE_ISO_LEN];
	snprintf(title, sizeof title, "%s %s", p->forename, p->surname);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>");
	html_txt(&h, r->srv->e.m.forms[p->form]);
	html_lit(&h, " · UPN ");
	html_txt(&h, p->upn);
	html_lit(&h, "</small></h1><p class=\"links\"><a href=\"/pupils/");
	html_url_seg(&h, p->upn);
	html_lit(&h, "/family\">Family: contacts and contact log</a></p>");
	if (account_whole_school(&r->who)) {
		html_lit(&h, "<p><a href=\"/pupils/");
		html_url_seg(&h, p->upn);
		html_lit(&h, "/accounts\">Family accounts</a></p>");
	}
	int64_t pupil_id = p->pupil_id;
	if (ses < 0)
		recent(&h, r, row);
	pthread_rwlock_unlock(&r->srv->lock);
	if (ses >= 0) {
		html_lit(&h, "<h2>");
		html_txt(&h, date_format(day, d));
		html_lit(&h, " ");
		html_txt(&h, session_name((enum session)ses));
		html_lit(&h, ": every version</h2><table class=\"list wrap\" id=\"versions\"><thead>"
			     "<tr><th>Version</th><th>Mark</th><th>Recorded</th><th>Why</th></tr>"
			     "</thead><tbody>");
		if (store_history_each(r->rd, r->srv->e.school.id, pupil_id, day, (enum session)ses,
				       version_row, &h) < 0) {
			free(h.buf);
			return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		}
		html_lit(&h, "</tbody></table><p><a href=\"?\">The last school days</a></p>");
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}
