/* GET /today: the registers of the day for the forms the account sees, each
 * with its state (taken by whom and when, open, overdue) and a link. */
#include <stdlib.h>

#include "app/clock.h"
#include "web/html.h"
#include "web/web.h"

/* "Taken by ms.hughes at 09:04", "Not taken: overdue", ... */
void web_status_text(struct html *h, const struct register_status *s)
{
	char when[CLOCK_ISO_LEN];
	if (s->taken) {
		clock_local_display(s->taken_at, when);
		html_lit(h, "<span class=\"state taken\">Taken</span> <small>by ");
		html_txt(h, s->taken_by);
		html_lit(h, " at ");
		html_txtf(h, "%.5s", when + 11);
		html_lit(h, "</small>");
	} else if (s->overdue) {
		html_lit(h, "<span class=\"state overdue\">Not taken: overdue</span>");
	} else {
		html_lit(h, "<span class=\"state open\">Not taken yet</span>");
	}
}

void web_register_href(struct html *h, const char *form, date_t day, int s)
{
	char d[DATE_ISO_LEN];
	html_lit(h, "/registers/");
	html_url_seg(h, form);
	html_lit(h, "/");
	html_txt(h, date_format(day, d));
	html_lit(h, "/");
	html_txt(h, session_name((enum session)s));
}

int page_today(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	char title[64], longd[40], t[6];
	struct html h = {0};
	snprintf(title, sizeof title, "Registers for %s", html_long_date(day, longd));
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1>");
	struct register_status *list = NULL;
	int n = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = web_registers_of_day(r, day, &list, &n, &err);
	if (rc < 0) {
		html_lit(&h, "<p class=\"flash\">");
		html_txt(&h, err.message);
		html_lit(&h, "</p>");
	} else if (n == 0) {
		html_lit(&h, "<p class=\"flash\">You have no forms with pupils on roll today. The "
			     "office can add your forms to your account.</p>");
	} else {
		html_lit(&h, "<p class=\"hint\">Morning registers close at ");
		html_txt(&h, register_time_text(r->srv->rs.close[SESSION_AM], t));
		html_lit(&h, ", afternoon registers at ");
		html_txt(&h, register_time_text(r->srv->rs.close[SESSION_PM], t));
		html_lit(&h, ".</p><ul class=\"registers\">");
	}
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct register_status *s = &list[i];
		const char *form = r->srv->e.m.forms[s->form];
		html_lit(&h, "<li><a class=\"register-link\" href=\"");
		web_register_href(&h, form, day, s->session);
		html_lit(&h, "\"><strong>");
		html_txt(&h, form);
		html_lit(&h, " ");
		html_txt(&h, session_name(s->session));
		html_lit(&h, "</strong> ");
		web_status_text(&h, s);
		html_lit(&h, " <small>");
		html_int(&h, s->marked);
		html_lit(&h, " of ");
		html_int(&h, s->on_roll);
		html_lit(&h, " marked</small></a></li>");
	}
	if (rc == 0 && n > 0)
		html_lit(&h, "</ul>");
	web_lessons_today(&h, r, day);
	pthread_rwlock_unlock(&r->srv->lock);
	free(list);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
