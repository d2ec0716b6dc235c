/* Where a lesson mark and its session mark disagree (core/lessons' rules),
 * for the office, and their resolution in one action:
 *   GET  /disagreements?date=   every disagreement of the day, each with a
 *                               form: the session's new mark and/or the
 *                               lesson's, and why
 *   POST /disagreements         resolve one (both marks keep every version)
 *   GET  /api/disagreements?date=, POST /api/disagreements: the same as JSON */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

/* The codes offered for each side: keep, or one of these. */
static const enum code choices[] = {CODE_PRESENT, CODE_L, CODE_U, CODE_N, CODE_O, CODE_I,
				    CODE_M, CODE_C, CODE_V, CODE_E, CODE_B};

static void code_select(struct html *h, const char *name, const char *label, enum session s,
			enum code suggested)
{
	html_lit(h, "<label>");
	html_txt(h, label);
	html_lit(h, " <select name=\"");
	html_attr(h, name);
	html_lit(h, "\"><option value=\"\">keep</option>");
	for (size_t i = 0; i < sizeof choices / sizeof *choices; i++) {
		html_lit(h, "<option value=\"");
		html_attr(h, choices[i] == CODE_PRESENT ? "/" : code_info(choices[i])->text);
		if (choices[i] == suggested)
			html_lit(h, "\" selected>");
		else
			html_lit(h, "\">");
		html_txt(h, code_text(choices[i], s));
		html_lit(h, " – ");
		html_txt(h, code_info(choices[i])->meaning);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label>");
}

/* The likeliest decision, offered first: N at registration but in a lesson
 * is a late arrival; present at registration but N in a lesson is kept
 * open (the office finds out). */
static enum code suggest_session(const struct disagreement_item *d)
{
	return d->kind == DIS_PRESENT_IN_LESSON && d->session == CODE_N ? CODE_L : CODE_NONE;
}

int page_disagreements(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	const struct engine *e = &r->srv->e;
	char longd[40], title[80], d[DATE_ISO_LEN], text[600];
	snprintf(title, sizeof title, "Lesson and session marks: %s", html_long_date(day, longd));
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>Lesson and session marks <small>");
	html_txt(&h, longd);
	html_lit(&h, "</small></h1>");
	const char *done = web_query(r, "resolved");
	if (done)
		html_lit(&h, "<p class=\"flash good\" role=\"status\" id=\"resolved\">Resolved: both marks "
			     "keep every version, with your reason.</p>");
	html_lit(&h, "<p class=\"hint\">A lesson mark disagrees with its session mark when the pupil "
		     "was registered present and is absent from a lesson with no reason, or is present "
		     "in a lesson while the session says they were not there. Choose which mark "
		     "changes; both keep their history.</p>");
	struct disagreement_item *v = NULL;
	int n = 0;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = lessons_disagreements(e, &r->who, day, &v, &n, &err);
	if (rc == 0 && n == 0)
		html_lit(&h, "<p id=\"disagreements-none\">Every lesson mark agrees with its session "
			     "mark.</p>");
	else if (rc == 0)
		html_lit(&h, "<ul class=\"disagreements\" id=\"disagreements\">");
	int di = calendar_day_index(&e->cal, day);
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct disagreement_item *x = &v[i];
		const struct pupil_row *p = &e->m.rows[x->row];
		const struct tt_period *tp = &lessons_day(e->lessons, &e->cal, di)->p[x->period];
		enum session s = e->lessons->col_flags[e->lessons->lay.first[di] + x->period] & LESSON_COL_PM
					 ? SESSION_PM
					 : SESSION_AM;
		html_lit(&h, "<li><p><strong><a href=\"/pupils/");
		html_url_seg(&h, p->upn);
		html_lit(&h, "/lessons\">");
		html_txt(&h, p->surname);
		html_lit(&h, ", ");
		html_txt(&h, p->forename);
		html_lit(&h, "</a></strong> <small>");
		html_txt(&h, e->m.forms[p->form]);
		html_lit(&h, "</small><br>");
		html_txt(&h, lessons_disagreement_text(e, day, x, text, sizeof text));
		html_lit(&h, "</p><form method=\"post\" action=\"/disagreements\" class=\"inline\">");
		html_csrf(&h, r);
		html_lit(&h, "<input type=\"hidden\" name=\"upn\" value=\"");
		html_attr(&h, p->upn);
		html_lit(&h, "\"><input type=\"hidden\" name=\"date\" value=\"");
		html_attr(&h, date_format(day, d));
		html_lit(&h, "\"><input type=\"hidden\" name=\"period\" value=\"");
		html_attr(&h, tp->label);
		html_lit(&h, "\">");
		char label[40];
		snprintf(label, sizeof label, "%s mark", session_name(s));
		code_select(&h, "session", label, s, suggest_session(x));
		html_lit(&h, "<label>Minutes late <input type=\"number\" name=\"session_minutes\" min=\"0\" "
			     "max=\"300\" value=\"");
		if (suggest_session(x) == CODE_L) {
			int late = tp->start - e->lessons->session_start[s] + (x->lesson_minutes > 0 ? x->lesson_minutes : 0);
			html_int(&h, late > 0 ? late : 0);
		}
		html_lit(&h, "\"></label>");
		snprintf(label, sizeof label, "P%s mark", tp->label);
		code_select(&h, "lesson", label, s, CODE_NONE);
		html_lit(&h, "<label>Why <input name=\"reason\" required maxlength=\"500\"></label>"
			     "<button type=\"submit\">Resolve</button></form></li>");
	}
	if (rc == 0 && n)
		html_lit(&h, "</ul>");
	pthread_rwlock_unlock(&r->srv->lock);
	free(v);
	if (rc < 0) {
		free(h.buf);
		return web_error(r, &err);
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- resolving ---- */

struct resolve_job {
	struct resolution res;
};

static int resolve_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct resolve_job *rj = j->arg;
	return lessons_resolve(&srv->e, &srv->rs, &rj->res, err);
}

/* Reads a resolution from named values (form fields or JSON members). */
static int read_resolution(struct web_req *r, const char *(*get)(void *ctx, const char *name),
			   void *ctx, struct resolution *res, struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	memset(res, 0, sizeof *res);
	res->by = &r->who;
	res->session_minutes = res->lesson_minutes = -1;
	const char *upn = get(ctx, "upn"), *date = get(ctx, "date"), *period = get(ctx, "period");
	if (!upn || upn_shape_error(upn))
		return app_fail(err, ERR_INPUT, "upn", "upn must be a pupil's UPN");
	snprintf(res->upn, sizeof res->upn, "%s", upn);
	if (parse_date_field("date", date, &res->at.date, err) < 0)
		return -1;
	res->at.day = calendar_day_index(&e->cal, res->at.date);
	if (res->at.day < 0)
		return app_fail(err, ERR_INPUT, "date", "%s is not a school day", date);
	if (!period || (res->at.period = tt_period_index(lessons_day(e->lessons, &e->cal, res->at.day),
							  period)) < 0)
		return app_fail(err, ERR_INPUT, "period", "that day has no period %.16s",
				period ? period : "");
	int row = engine_row_on(e, upn, res->at.date);
	if (row < 0)
		return app_fail(err, ERR_NOT_FOUND, "upn", "no pupil with UPN %s on roll that day", upn);
	if (!account_sees_row(&r->who, e, row))
		return app_fail(err, ERR_FORBIDDEN, "upn", "pupil %s is not one you see", upn);
	int col = e->lessons->lay.first[res->at.day] + res->at.period;
	uint16_t cls = e->lessons->cell_class[(size_t)row * (size_t)e->lessons->m.n_cols + (size_t)col];
	if (cls == LESSON_NO_CLASS)
		return app_fail(err, ERR_INPUT, "period", "pupil %s has no lesson in period %s that day",
				upn, period);
	res->at.cls = cls;
	static const char *const names[2] = {"session", "lesson"};
	enum code *codes[2] = {&res->session, &res->lesson};
	int *minutes[2] = {&res->session_minutes, &res->lesson_minutes};
	for (int i = 0; i < 2; i++) {
		char key[32];
		const char *v = get(ctx, names[i]);
		if (v && *v && (*codes[i] = code_parse(v)) == CODE_NONE)
			return app_fail(err, ERR_INPUT, names[i], "'%.8s' is not a DfE attendance code", v);
		snprintf(key, sizeof key, "%s_minutes", names[i]);
		v = get(ctx, key);
		long m;
		if (v && *v) {
			if (parse_int_field(key, v, 0, 300, &m, err) < 0)
				return -1;
			*minutes[i] = (int)m;
		}
	}
	return parse_text_field("reason", get(ctx, "reason"), res->reason, sizeof res->reason, 1, err);
}

static const char *form_get(void *ctx, const char *name)
{
	return web_form_value(ctx, name);
}

static int page_resolved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	char loc[64];
	snprintf(loc, sizeof loc, "/disagreements?date=%s&resolved=1",
		 date_format(((struct resolve_job *)j->arg)->res.at.date, (char[DATE_ISO_LEN]){0}));
	return web_redirect(r, loc);
}

static int submit(struct web_req *r, const char *(*get)(void *ctx, const char *name), void *ctx,
		  int (*finish)(struct web_req *r, struct write_job *j))
{
	struct app_error err = {0};
	struct resolve_job *rj = calloc(1, sizeof *rj);
	if (!rj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = read_resolution(r, get, ctx, &rj->res, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		free(rj);
		return web_error(r, &err);
	}
	return web_write(r, resolve_run, rj, NULL, finish, NULL);
}

int page_disagreement_post(struct web_req *r)
{
	return submit(r, form_get, r, page_resolved);
}

static const char *json_get(void *ctx, const char *name)
{
	json_t *v = json_object_get(ctx, name);
	static __thread char num[24];
	if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int api_resolved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	return web_json(r, 200, json_pack("{s:b}", "resolved", 1));
}

int api_disagreement_post(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	int rc = submit(r, json_get, body, api_resolved);
	json_decref(body);
	return rc;
}

int api_disagreements(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	const struct engine *e = &r->srv->e;
	struct disagreement_item *v = NULL;
	int n = 0;
	char text[600];
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = lessons_disagreements(e, &r->who, day, &v, &n, &err);
	json_t *out = json_array();
	int di = calendar_day_index(&e->cal, day);
	for (int i = 0; rc == 0 && i < n; i++) {
		const struct disagreement_item *x = &v[i];
		const struct pupil_row *p = &e->m.rows[x->row];
		enum session s = e->lessons->col_flags[e->lessons->lay.first[di] + x->period] & LESSON_COL_PM
					 ? SESSION_PM
					 : SESSION_AM;
		json_array_append_new(
			out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "upn",
				       p->upn, "surname", p->surname, "forename", p->forename, "form",
				       e->m.forms[p->form], "period",
				       lessons_day(e->lessons, &e->cal, di)->p[x->period].label, "class",
				       x->cls >= 0 ? e->lessons->classes[x->cls].code : "", "session",
				       session_name(s), "session_code", code_text(x->session, s),
				       "lesson_code", code_text(x->lesson, s), "kind",
				       lessons_disagreement_name(x->kind), "text",
				       lessons_disagreement_text(e, day, x, text, sizeof text)));
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(v);
	if (rc < 0) {
		json_decref(out);
		return web_error(r, &err);
	}
	return web_json(r, 200, out);
}
