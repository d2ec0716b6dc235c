/* Lesson patterns for people:
 *   GET /pupils/{upn}/lessons       a pupil's lessons: by subject, the first
 *                                   lesson after lunch, after registration,
 *                                   lateness, and what stands out
 *   GET /lesson-patterns?year=      the head of year's view of a year group
 *   GET /api/pupils/{upn}/lessons   the pupil's patterns as JSON
 * Figures from core/lesson_stats (app/report_lessons' JSON), in the
 * account's scope. */
#include <stdlib.h>
#include <string.h>

#include "app/parse.h"
#include "app/report_lessons.h"
#include "web/html.h"
#include "web/web.h"

/* The range of ?from=&to= (default this academic year to date). */
static int range(struct web_req *r, struct lesson_report_query *q, struct app_error *err)
{
	struct stats_query sq;
	uint8_t *scope = NULL;
	if (web_stats_query(r, &sq, &scope, err) < 0)
		return -1;
	free(scope);
	*q = (struct lesson_report_query){.from = sq.from, .to = sq.to, .by = -1, .year = YEAR_INVALID};
	return 0;
}

static void figures_row(struct html *h, const char *label, json_t *f)
{
	char pct[16];
	json_int_t lessons = json_integer_value(json_object_get(f, "lessons"));
	json_int_t absent = json_integer_value(json_object_get(f, "absent"));
	json_int_t late = json_integer_value(json_object_get(f, "late"));
	html_lit(h, "<tr><th scope=\"row\">");
	html_txt(h, label);
	html_lit(h, "</th><td>");
	html_int(h, (long)lessons);
	html_lit(h, "</td><td>");
	html_int(h, (long)absent);
	html_lit(h, " <small>");
	report_pct1(pct, sizeof pct, absent, lessons);
	html_txt(h, pct);
	html_lit(h, "%</small></td><td>");
	html_int(h, (long)late);
	html_lit(h, " <small>");
	html_int(h, (long)json_integer_value(json_object_get(f, "minutes_late")));
	html_lit(h, " min</small></td></tr>");
}

static void notes_list(struct html *h, json_t *notes)
{
	size_t i;
	json_t *n;
	if (json_array_size(notes) == 0)
		return;
	html_lit(h, "<ul class=\"notes\">");
	json_array_foreach(notes, i, n)
	{
		html_lit(h, "<li>");
		html_txt(h, json_string_value(json_object_get(n, "text")));
		html_lit(h, "</li>");
	}
	html_lit(h, "</ul>");
}

/* A pattern (pupil or group) as tables. */
static void pattern_tables(struct html *h, json_t *p)
{
	json_t *post = json_object_get(p, "post_registration");
	notes_list(h, json_object_get(p, "notes"));
	html_lit(h, "<table class=\"list\" id=\"subjects\"><thead><tr><th>Subject</th><th>Lessons</th>"
		    "<th>Missed</th><th>Late</th></tr></thead><tbody>");
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(p, "subjects"), i, s)
		figures_row(h, json_string_value(json_object_get(s, "subject")), s);
	figures_row(h, "All lessons", json_object_get(p, "total"));
	html_lit(h, "</tbody></table><h2>When</h2><table class=\"list\"><thead><tr><th></th>"
		    "<th>Lessons</th><th>Missed</th><th>Late</th></tr></thead><tbody>");
	figures_row(h, "First lesson after lunch", json_object_get(p, "after_lunch"));
	figures_row(h, "Other lessons", json_object_get(p, "other_lessons"));
	html_lit(h, "</tbody></table><p id=\"post-registration\">");
	html_txtf(h, "After being registered present for the session: %lld of %lld lessons missed "
		     "with no reason.",
		  (long long)json_integer_value(json_object_get(post, "missed")),
		  (long long)json_integer_value(json_object_get(post, "lessons")));
	html_lit(h, "</p>");
}

static json_t *pupil_patterns(struct web_req *r, int *row, struct lesson_report_query *q,
			      struct app_error *err)
{
	if (range(r, q, err) < 0 || web_pupil_row(r, r->args[0], q->to, row, err) < 0)
		return NULL;
	q->upn = r->srv->e.m.rows[*row].upn;
	json_t *out = report_lessons_patterns_json(&r->srv->e, q);
	if (!out)
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	return out;
}

int page_pupil_lessons(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_report_query q;
	int row;
	char title[300], f[DATE_ISO_LEN], t[DATE_ISO_LEN];
	pthread_rwlock_rdlock(&r->srv->lock);
	json_t *j = pupil_patterns(r, &row, &q, &err);
	if (!j) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct pupil_row *p = &r->srv->e.m.rows[row];
	snprintf(title, sizeof title, "%s %s: lessons", p->forename, p->surname);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, " <small>");
	html_txt(&h, r->srv->e.m.forms[p->form]);
	html_lit(&h, " · ");
	html_txt(&h, date_format(q.from, f));
	html_lit(&h, " to ");
	html_txt(&h, date_format(q.to, t));
	html_lit(&h, "</small></h1>");
	pthread_rwlock_unlock(&r->srv->lock);
	json_t *pupil = json_array_get(json_object_get(j, "pupils"), 0);
	if (pupil)
		pattern_tables(&h, pupil);
	else
		html_lit(&h, "<p>No lessons in this range.</p>");
	json_decref(j);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int api_pupil_lessons(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_report_query q;
	int row;
	pthread_rwlock_rdlock(&r->srv->lock);
	json_t *j = pupil_patterns(r, &row, &q, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	return j ? web_json(r, 200, j) : web_error(r, &err);
}

int page_lesson_patterns(struct web_req *r)
{
	struct app_error err = {0};
	struct lesson_report_query q;
	const char *year = web_query(r, "year");
	const struct engine *e = &r->srv->e;
	if (range(r, &q, &err) < 0)
		return web_error(r, &err);
	q.year = year && *year ? year_parse(year)
			       : (r->who.n_years > 0 ? r->who.years[0] : YEAR_INVALID);
	for (int row = 0; !(year && *year) && !r->who.n_years && row < e->m.n_rows; row++)
		if (q.year == YEAR_INVALID || e->m.rows[row].year < q.year)
			q.year = e->m.rows[row].year; /* the youngest year group of the school */
	if (year && *year && q.year == YEAR_INVALID)
		return web_fail(r, ERR_INPUT, "year", "year '%.8s' is not N1, N2, R or 1 to 14", year);
	if (q.year == YEAR_INVALID)
		return web_fail(r, ERR_INPUT, "year", "choose a year group: ?year=7");
	bool allowed = account_whole_school(&r->who) || r->who.role == ROLE_DSL;
	for (int i = 0; i < r->who.n_years; i++)
		allowed |= r->who.years[i] == q.year;
	if (!allowed)
		return web_fail(r, ERR_FORBIDDEN, "year", "year %s is not one of the years you see",
				year_name(q.year));
	char title[80];
	snprintf(title, sizeof title, "Year %s: lessons", year_name(q.year));
	pthread_rwlock_rdlock(&r->srv->lock);
	json_t *j = report_lessons_patterns_json(e, &q);
	pthread_rwlock_unlock(&r->srv->lock);
	if (!j)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1>");
	pattern_tables(&h, json_object_get(j, "group"));
	html_lit(&h, "<h2>Pupils with a pattern</h2><ul class=\"notes\" id=\"pupil-notes\">");
	size_t i;
	json_t *p;
	int listed = 0;
	json_array_foreach(json_object_get(j, "pupils"), i, p)
	{
		json_t *notes = json_object_get(p, "notes");
		if (json_array_size(notes) == 0)
			continue;
		const char *upn = json_string_value(json_object_get(p, "upn"));
		int row = engine_pupil_row(e, upn);
		html_lit(&h, "<li><a href=\"/pupils/");
		html_url_seg(&h, upn);
		html_lit(&h, "/lessons\">");
		if (row >= 0) {
			html_txt(&h, e->m.rows[row].surname);
			html_lit(&h, ", ");
			html_txt(&h, e->m.rows[row].forename);
		}
		html_lit(&h, "</a>: ");
		size_t k;
		json_t *n;
		json_array_foreach(notes, k, n)
		{
			if (k)
				html_lit(&h, "; ");
			html_txt(&h, json_string_value(json_object_get(n, "text")));
		}
		html_lit(&h, "</li>");
		listed++;
	}
	html_lit(&h, "</ul>");
	if (!listed)
		html_lit(&h, "<p class=\"hint\">No pupil's lessons show a pattern worth saying.</p>");
	json_decref(j);
	html_end(&h, r);
	return html_send(&h, r, 200);
}
