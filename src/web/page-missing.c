/* The office's view of the lesson registers of a day, and everyone's alerts:
 *   GET /missing?date=       missing now (pupils seen earlier and absent from
 *                            a lesson with no reason), lesson registers not
 *                            taken, and how many lesson and session marks
 *                            disagree
 *   GET /alerts?date=        the alerts the account sees
 *   POST /alerts/{id}        resolve one (every copy of it), with what happened
 *   GET /api/missing, GET /api/alerts: the same as JSON */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

struct alert_list {
	struct alert_rec *v;
	int n, cap;
	const struct account *who;
	const char *kind; /* only this kind, or NULL */
	const char *audience;
};

static int keep_alert(void *ctx, const struct alert_rec *a)
{
	struct alert_list *l = ctx;
	if ((l->who && !account_sees_alert(l->who, a)) || (l->kind && strcmp(a->kind, l->kind)) ||
	    (l->audience && strcmp(a->audience, l->audience)))
		return 0;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		struct alert_rec *v = realloc(l->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *a;
	return 0;
}

/* The pupil of an alert: its row on the alert's day, or -1. */
static int alert_row(const struct engine *e, const struct alert_rec *a)
{
	return a->pupil_id ? engine_row_of_id(e, a->pupil_id, a->date, -1) : -1;
}

static const char *alert_class(const struct engine *e, const struct alert_rec *a)
{
	int c = lessons_class_of_id(e->lessons, a->class_id);
	return c >= 0 ? e->lessons->classes[c].code : "?";
}

static void resolve_form(struct html *h, struct web_req *r, const struct alert_rec *a,
			 bool from_missing)
{
	html_lit(h, "<form method=\"post\" class=\"resolve\" action=\"/alerts/");
	html_int(h, (long)a->id);
	html_lit(h, "\">");
	html_csrf(h, r);
	if (from_missing)
		html_lit(h, "<input type=\"hidden\" name=\"back\" value=\"missing\">");
	html_lit(h, "<input name=\"resolution\" maxlength=\"500\" required aria-label=\"What happened\" "
		    "placeholder=\"What happened (found in the library…)\"><button type=\"submit\">"
		    "Resolve</button></form>");
}

static void missing_table(struct html *h, struct web_req *r, const struct alert_list *l)
{
	const struct engine *e = &r->srv->e;
	char when[CLOCK_ISO_LEN];
	int open = 0;
	for (int i = 0; i < l->n; i++)
		open += !l->v[i].resolved_at[0];
	html_lit(h, "<h2>Missing now <small>");
	html_int(h, open);
	html_lit(h, " open</small></h2>");
	if (l->n == 0) {
		html_lit(h, "<p class=\"hint\" id=\"missing-none\">Nobody is missing from a lesson: every "
			    "pupil marked absent was absent from the start or has a reason.</p>");
		return;
	}
	html_lit(h, "<table class=\"list wrap\" id=\"missing\"><thead><tr><th>Pupil</th><th>Lesson</th>"
		    "<th>Last seen</th><th>Since</th><th></th></tr></thead><tbody>");
	for (int i = 0; i < l->n; i++) {
		const struct alert_rec *a = &l->v[i];
		int row = alert_row(e, a);
		if (a->resolved_at[0])
			html_lit(h, "<tr class=\"resolved\"><td>");
		else
			html_lit(h, "<tr><td>");
		if (row >= 0) {
			const struct pupil_row *p = &e->m.rows[row];
			html_lit(h, "<a href=\"/pupils/");
			html_url_seg(h, p->upn);
			html_lit(h, "/lessons\">");
			html_txt(h, p->surname);
			html_lit(h, ", ");
			html_txt(h, p->forename);
			html_lit(h, "</a> <small>");
			html_txt(h, e->m.forms[p->form]);
			if (p->safeguarding || p->cp || p->cin || p->looked_after)
				html_lit(h, " · <span class=\"alert-flag\">DSL told</span>");
			html_lit(h, "</small>");
		}
		html_lit(h, "</td><td>");
		html_txt(h, alert_class(e, a));
		html_lit(h, " P");
		html_txt(h, a->period);
		html_lit(h, "</td><td>");
		const char *seen = strstr(a->message, "last seen ");
		html_txt(h, seen ? seen + 10 : a->message);
		html_lit(h, "</td><td>");
		html_txtf(h, "%.5s", clock_local_display(a->created_at, when) + 11);
		html_lit(h, "</td><td>");
		if (a->resolved_at[0]) {
			html_lit(h, "<small>Resolved by ");
			html_txt(h, a->resolved_by);
			html_lit(h, ": ");
			html_txt(h, a->resolution);
			html_lit(h, "</small>");
		} else {
			resolve_form(h, r, a, true);
		}
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

static void registers_table(struct html *h, struct web_req *r, date_t day,
			    const struct lesson_slot *s, int n)
{
	const struct engine *e = &r->srv->e;
	char t[6];
	int overdue = 0;
	for (int i = 0; i < n; i++)
		overdue += s[i].overdue;
	html_lit(h, "<h2>Lesson registers not taken <small>");
	html_int(h, overdue);
	html_lit(h, " of ");
	html_int(h, n);
	html_lit(h, " lessons</small></h2>");
	if (!overdue) {
		html_lit(h, "<p class=\"hint\" id=\"registers-none\">Every lesson register due so far is "
			    "taken.</p>");
		return;
	}
	int di = calendar_day_index(&e->cal, day);
	const struct tt_day *td = lessons_day(e->lessons, &e->cal, di);
	html_lit(h, "<table class=\"list\" id=\"not-taken\"><thead><tr><th>Lesson</th><th>Starts</th>"
		    "<th>Teacher</th><th>Room</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		if (!s[i].overdue)
			continue;
		const struct lesson_class *k = &e->lessons->classes[s[i].cls];
		struct lesson_ref l = {s[i].cls, day, di, s[i].period};
		html_lit(h, "<tr><td><a href=\"");
		web_lesson_href(h, e, &l);
		html_lit(h, "\">");
		html_txt(h, k->code);
		html_lit(h, " P");
		html_txt(h, td->p[s[i].period].label);
		html_lit(h, "</a></td><td>");
		html_txt(h, tt_time_text(td->p[s[i].period].start, t));
		html_lit(h, "</td><td>");
		html_txt(h, k->teacher);
		html_lit(h, "</td><td>");
		html_txt(h, k->room);
		html_lit(h, "</td></tr>");
	}
	html_lit(h, "</tbody></table>");
}

int page_missing(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	const struct engine *e = &r->srv->e;
	char longd[40], title[80], d[DATE_ISO_LEN];
	snprintf(title, sizeof title, "Missing now: %s", html_long_date(day, longd));
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>Lessons <small>");
	html_txt(&h, longd);
	html_lit(&h, "</small></h1>");
	html_day_form(&h, "/missing", day);
	struct alert_list l = {.kind = "missing", .audience = "office"};
	struct lesson_slot *slots = NULL;
	struct disagreement_item *dis = NULL;
	int n = 0, nd = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = store_alerts_each(r->rd, e->school.id, day, day, false, keep_alert, &l);
	if (rc < 0)
		app_fail(&err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	if (rc == 0 && e->lessons->tt.n_weeks == 0) {
		html_lit(&h, "<p class=\"flash\">There is no timetable yet: import it with "
			     "<code>attend import timetable</code>, then the classes.</p>");
	} else if (rc == 0 && calendar_day_index(&e->cal, day) < 0) {
		html_lit(&h, "<p class=\"flash\">");
		html_txtf(&h, "%s is not a school day.", date_format(day, d));
		html_lit(&h, "</p>");
	} else if (rc == 0) {
		rc = lessons_of_day(e, r->rd, NULL, day, clock_minute_of_day(), web_today(), &slots, &n,
				    &err);
		if (rc == 0)
			rc = lessons_disagreements(e, &r->who, day, &dis, &nd, &err);
		if (rc == 0) {
			missing_table(&h, r, &l);
			registers_table(&h, r, day, slots, n);
			html_lit(&h, "<h2>Lesson and session marks</h2><p id=\"disagreement-count\">");
			if (nd) {
				html_lit(&h, "<a href=\"/disagreements?date=");
				html_txt(&h, date_format(day, d));
				html_lit(&h, "\">");
				html_txtf(&h, "%d lesson mark%s disagree%s with the session mark", nd,
					  nd == 1 ? "" : "s", nd == 1 ? "s" : "");
				html_lit(&h, "</a>: resolve them so parents see one story.");
			} else {
				html_lit(&h, "Every lesson mark agrees with its session mark.");
			}
			html_lit(&h, "</p>");
		}
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	free(slots);
	free(dis);
	if (rc < 0) {
		free(h.buf);
		return web_error(r, &err);
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_alerts(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	const struct engine *e = &r->srv->e;
	char longd[40], title[80], when[CLOCK_ISO_LEN];
	snprintf(title, sizeof title, "Alerts: %s", html_long_date(day, longd));
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>Alerts <small>");
	html_txt(&h, longd);
	html_lit(&h, "</small></h1>");
	html_day_form(&h, "/alerts", day);
	struct alert_list l = {.who = &r->who};
	pthread_rwlock_rdlock(&r->srv->lock);
	if (store_alerts_each(r->rd, e->school.id, day, day, false, keep_alert, &l) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		free(h.buf);
		free(l.v);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	if (l.n == 0)
		html_lit(&h, "<p class=\"hint\" id=\"alerts-none\">No alerts for you that day.</p>");
	else
		html_lit(&h, "<ul class=\"alerts\" id=\"alerts\">");
	for (int i = 0; i < l.n; i++) {
		const struct alert_rec *a = &l.v[i];
		if (a->resolved_at[0])
			html_lit(&h, "<li class=\"resolved\">");
		else
			html_lit(&h, "<li>");
		html_lit(&h, "<p><strong>");
		html_txt(&h, strcmp(a->kind, "missing") == 0 ? "Missing from a lesson"
							      : "Register not taken");
		html_lit(&h, "</strong> <small>");
		html_txtf(&h, "%.5s", clock_local_display(a->created_at, when) + 11);
		if (strcmp(a->audience, "dsl") == 0)
			html_lit(&h, " · for the DSL");
		else if (strcmp(a->audience, "head_of_year") == 0)
			html_txtf(&h, " · for the head of year %s", a->audience_year);
		html_lit(&h, "</small><br>");
		html_txt(&h, a->message);
		html_lit(&h, "</p>");
		if (a->resolved_at[0]) {
			html_lit(&h, "<p><small>Resolved by ");
			html_txt(&h, a->resolved_by);
			html_lit(&h, " at ");
			html_txtf(&h, "%.5s", clock_local_display(a->resolved_at, when) + 11);
			html_lit(&h, ": ");
			html_txt(&h, a->resolution);
			html_lit(&h, "</small></p>");
		} else {
			resolve_form(&h, r, a, false);
		}
		html_lit(&h, "</li>");
	}
	if (l.n)
		html_lit(&h, "</ul>");
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- resolving an alert ---- */

struct alert_job {
	struct alert_rec a;
	char by[STORE_USER_MAX];
	char resolution[512];
	int n;
};

static int resolve_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct alert_job *aj = j->arg;
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (store_alerts_resolve(srv->store, srv->e.school.id, aj->a.kind, aj->a.class_id,
				 aj->a.pupil_id, aj->a.date, aj->a.period, aj->by, now, aj->resolution,
				 &aj->n) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	if (aj->n == 0)
		return app_fail(err, ERR_CONFLICT, "alert", "this alert is resolved already");
	return 0;
}

static int resolved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	const char *back = web_form_value(r, "back");
	return web_redirect(r, back && strcmp(back, "missing") == 0 ? "/missing" : "/alerts");
}

int page_alert_post(struct web_req *r)
{
	struct app_error err = {0};
	long id;
	if (parse_int_field("id", r->args[0], 1, INT64_MAX / 2, &id, &err) < 0)
		return web_error(r, &err);
	struct alert_job *aj = calloc(1, sizeof *aj);
	if (!aj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	if (parse_text_field("resolution", web_form_value(r, "resolution"), aj->resolution,
			     sizeof aj->resolution, 1, &err) < 0) {
		free(aj);
		return web_error(r, &err);
	}
	int rc = store_alert_get(r->rd, r->srv->e.school.id, id, &aj->a);
	if (rc != 0 || !account_sees_alert(&r->who, &aj->a)) {
		free(aj);
		if (rc < 0)
			return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		return web_fail(r, ERR_NOT_FOUND, "alert", "there is no alert %ld for you", id);
	}
	snprintf(aj->by, sizeof aj->by, "%s", r->who.username);
	return web_write(r, resolve_run, aj, NULL, resolved, NULL);
}

/* ---- JSON ---- */

static json_t *alert_json(const struct engine *e, const struct alert_rec *a)
{
	char d[DATE_ISO_LEN];
	int row = alert_row(e, a);
	json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id",
			      (json_int_t)a->id, "kind", a->kind, "date", date_format(a->date, d),
			      "period", a->period, "class", alert_class(e, a), "audience", a->audience,
			      "message", a->message, "created_at", a->created_at, "resolved_by",
			      a->resolved_at[0] ? json_string(a->resolved_by) : json_null(),
			      "resolved_at", a->resolved_at[0] ? json_string(a->resolved_at) : json_null(),
			      "resolution", a->resolved_at[0] ? json_string(a->resolution) : json_null());
	if (row >= 0) {
		const struct pupil_row *p = &e->m.rows[row];
		json_t *pj = json_pack("{s:s, s:s, s:s, s:s, s:s}", "upn", p->upn, "surname", p->surname,
				       "forename", p->forename, "form", e->m.forms[p->form], "year",
				       year_name(p->year));
		json_object_update(j, pj);
		json_decref(pj);
	}
	return j;
}

static int alerts_json(struct web_req *r, struct alert_list *l, date_t day, json_t **out,
		       struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	if (store_alerts_each(r->rd, e->school.id, day, day, false, keep_alert, l) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	*out = json_array();
	for (int i = 0; i < l->n; i++)
		json_array_append_new(*out, alert_json(e, &l->v[i]));
	return 0;
}

int api_alerts(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	json_t *out = NULL;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	struct alert_list l = {.who = &r->who};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = alerts_json(r, &l, day, &out, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	return rc < 0 ? web_error(r, &err) : web_json(r, 200, out);
}

int api_missing(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	char d[DATE_ISO_LEN], t[6];
	json_t *missing = NULL;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	const struct engine *e = &r->srv->e;
	struct alert_list l = {.kind = "missing", .audience = "office"};
	struct lesson_slot *slots = NULL;
	int n = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = alerts_json(r, &l, day, &missing, &err);
	if (rc == 0)
		rc = lessons_of_day(e, r->rd, NULL, day, clock_minute_of_day(), web_today(), &slots, &n,
				    &err);
	json_t *regs = json_array();
	int di = calendar_day_index(&e->cal, day);
	for (int i = 0; rc == 0 && i < n; i++) {
		if (!slots[i].overdue)
			continue;
		const struct lesson_class *k = &e->lessons->classes[slots[i].cls];
		const struct tt_period *p = &lessons_day(e->lessons, &e->cal, di)->p[slots[i].period];
		json_array_append_new(regs, json_pack("{s:s, s:s, s:s, s:s, s:s}", "class", k->code,
						      "period", p->label, "starts_at",
						      tt_time_text(p->start, t), "teacher", k->teacher,
						      "room", k->room));
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	free(slots);
	if (rc < 0) {
		json_decref(missing);
		json_decref(regs);
		return web_error(r, &err);
	}
	return web_json(r, 200, json_pack("{s:s, s:o, s:o}", "date", date_format(day, d), "missing",
					  missing, "registers_not_taken", regs));
}
