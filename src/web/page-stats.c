/* GET /stats?from=&to=&group=: the figures of /api/stats for people. The
 * numbers come from src/app/report.c (core/stats); this page only shows
 * them, in days as well as percentages. Governors see no pupil rows. */
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "core/disclosure.h"
#include "core/stats.h"
#include "web/html.h"
#include "web/web.h"

static void pct(struct html *h, json_t *v)
{
	if (json_is_number(v))
		html_txtf(h, "%.1f%%", json_number_value(v));
	else
		html_lit(h, "–");
}

static long num(json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* A count of pupils, or the words of the small-number rule when it is
 * hidden (null) from a reader who may not identify pupils. */
static void count(struct html *h, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_null(v))
		html_lit(h, DISCLOSE_HIDDEN);
	else
		html_int(h, json_integer_value(v));
}

/* Sessions as days for people: "4 days", "4.5 days". */
static void days(struct html *h, long sessions)
{
	html_txtf(h, sessions % 2 ? "%ld.5 days" : "%ld days", sessions / 2);
}

static void summary(struct html *h, json_t *s)
{
	long absent = num(s, "authorised") + num(s, "unauthorised");
	html_lit(h, "<dl class=\"figures\"><div><dt>Attendance</dt><dd>");
	pct(h, json_object_get(s, "attendance_pct"));
	html_lit(h, "</dd></div><div><dt>Absence</dt><dd>");
	pct(h, json_object_get(s, "absence_pct"));
	html_lit(h, " <small>");
	days(h, absent);
	html_lit(h, " missed in all</small></dd></div><div><dt>Persistent absence</dt><dd>");
	count(h, s, "persistent");
	html_lit(h, " pupils <small>");
	pct(h, json_object_get(s, "persistent_pct"));
	html_lit(h, "</small></dd></div><div><dt>Severe absence</dt><dd>");
	count(h, s, "severe");
	html_lit(h, " pupils <small>");
	pct(h, json_object_get(s, "severe_pct"));
	html_lit(h, "</small></dd></div><div><dt>Pupils</dt><dd>");
	count(h, s, "pupils");
	html_lit(h, "</dd></div></dl>");
}

static void groups(struct html *h, json_t *list, const char *field)
{
	size_t i;
	json_t *g;
	if (!json_array_size(list))
		return;
	html_lit(h, "<table class=\"list\"><thead><tr><th>By ");
	html_txt(h, field);
	html_lit(h, "</th><th>Pupils</th><th>Attendance</th><th>Absence</th><th>Persistent</th>"
		    "<th>Severe</th></tr></thead><tbody>");
	json_array_foreach(list, i, g)
	{
		html_lit(h, "<tr><th scope=\"row\">");
		html_txt(h, json_string_value(json_object_get(g, "value")));
		if (json_object_get(g, "suppressed")) {
			html_lit(h, "</th><td colspan=\"5\">");
			html_txt(h, json_string_value(json_object_get(g, "suppressed")));
			html_lit(h, "</td></tr>");
			continue;
		}
		html_lit(h, "</th><td>");
		count(h, g, "pupils");
		html_lit(h, "</td><td>");
		pct(h, json_object_get(g, "attendance_pct"));
		html_lit(h, "</td><td>");
		pct(h, json_object_get(g, "absence_pct"));
		html_lit(h, "</td><td>");
		count(h, g, "persistent");
		html_lit(h, "</td><td>");
		count(h, g, "severe");
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

int page_stats(struct web_req *r)
{
	struct app_error err = {0};
	struct stats_query q;
	uint8_t *scope;
	json_t *out = NULL;
	pthread_rwlock_rdlock(&r->srv->lock);
	if (web_stats_query(r, &q, &scope, &err) == 0) {
		q.identify_pupils = false; /* the page shows groups; pupils are on their pages */
		if (q.group < 0)
			q.group = account_whole_school(&r->who) || r->who.role == ROLE_GOVERNOR
					  ? GROUP_YEAR
					  : GROUP_FORM;
		out = report_stats_json(&r->srv->e, &q);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(scope);
	if (!out)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Figures");
	html_lit(&h, "<h1>Attendance <small>");
	html_txt(&h, json_string_value(json_object_get(out, "from")));
	html_lit(&h, " to ");
	html_txt(&h, json_string_value(json_object_get(out, "to")));
	html_lit(&h, "</small></h1><form class=\"inline\" method=\"get\" action=\"/stats\">"
		     "<label>From <input type=\"date\" name=\"from\" value=\"");
	html_attr(&h, json_string_value(json_object_get(out, "from")));
	html_lit(&h, "\"></label><label>To <input type=\"date\" name=\"to\" value=\"");
	html_attr(&h, json_string_value(json_object_get(out, "to")));
	html_lit(&h, "\"></label><label>By <select name=\"group\">");
	for (int g = 0; g < GROUP__MAX; g++) {
		html_lit(&h, "<option");
		if (g == q.group)
			html_lit(&h, " selected");
		html_lit(&h, ">");
		html_txt(&h, group_field_name((enum group_field)g));
		html_lit(&h, "</option>");
	}
	html_lit(&h, "</select></label><button type=\"submit\">Show</button></form>");
	summary(&h, json_object_get(out, "summary"));
	groups(&h, json_object_get(out, "groups"), group_field_name((enum group_field)q.group));
	json_decref(out);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
