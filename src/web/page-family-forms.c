/* A parent reporting an absence (GET/POST /family/absence, POST
 * /api/family/absence) and asking for leave in term time (GET/POST
 * /family/leave, POST /api/family/leave). The form and the JSON take the
 * same fields; each is checked against the rules of app/family_reports and
 * app/leave before anything is queued for the writer, and a form with a
 * mistake comes back with the values kept, the mistake named at the top
 * (linked to its field) and beside the field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "app/clock.h"
#include "app/family_reports.h"
#include "app/leave.h"
#include "comms/lang.h"
#include "web/family.h"

enum form_kind { FORM_REPORT, FORM_LEAVE };

/* The submitted fields, from a form or a JSON object. */
struct fields {
	struct web_req *r;
	json_t *json;
};

static const char *field(const struct fields *f, const char *name)
{
	if (f->json) {
		json_t *v = json_object_get(f->json, name);
		return json_is_string(v) ? json_string_value(v) : NULL;
	}
	if (f->r->method == WEB_GET)
		return web_query(f->r, name);
	return web_form_value(f->r, name);
}

static int date_of(const struct fields *f, const char *name, bool required, date_t *out,
		   const char *lang, struct app_error *err)
{
	const char *v = field(f, name);
	*out = DATE_INVALID;
	if (!v || !*v)
		return required ? app_fail(err, ERR_INPUT, name, "%s", ft(lang, FT_ERR_DATE)) : 0;
	if ((*out = date_parse(v)) == DATE_INVALID)
		return app_fail(err, ERR_INPUT, name, "%s", ft(lang, FT_ERR_DATE));
	return 0;
}

static int session_of(const struct fields *f, const char *name, enum session dflt,
		      enum session *out, struct app_error *err)
{
	const char *v = field(f, name);
	*out = dflt;
	if (!v || !*v)
		return 0;
	int s = session_parse(v);
	if (s < 0)
		return app_fail(err, ERR_INPUT, name, "%s must be AM or PM", name);
	*out = (enum session)s;
	return 0;
}

/* The child the fields name; the only child when there is one. */
static const struct family_child *child_of(struct web_req *r, const struct family_scope *sc,
					   const struct fields *f, struct app_error *err)
{
	const char *upn = field(f, f->json ? "upn" : "child");
	if ((!upn || !*upn) && sc->n == 1)
		return &sc->child[0];
	const struct family_child *ch = family_scope_find(sc, &r->srv->e, upn);
	if (!ch)
		app_fail(err, f->json ? ERR_NOT_FOUND : ERR_INPUT, f->json ? "upn" : "child", "%s",
			 ft(r->lang, FT_ERR_CHILD));
	return ch;
}

/* ---- the form ---- */

static void date_input(struct html *h, const char *lang, enum ft label, enum ft hint,
		       const char *name, const char *value, bool required, const struct app_error *err)
{
	struct family_input in = {name, "date", value, NULL, label, hint, required};
	family_input(h, lang, &in, err);
}

static void session_select(struct html *h, const char *lang, enum ft label, const char *name,
			   const char *value, enum ft am, enum ft pm, bool am_first)
{
	html_lit(h, "<div class=\"field\"><label for=\"");
	html_attr(h, name);
	html_lit(h, "\">");
	html_ft(h, lang, label);
	html_lit(h, "</label><select id=\"");
	html_attr(h, name);
	html_lit(h, "\" name=\"");
	html_attr(h, name);
	html_lit(h, "\">");
	for (int k = 0; k < 2; k++) {
		bool is_am = am_first ? k == 0 : k == 1;
		html_lit(h, "<option value=\"");
		html_txt(h, is_am ? "AM" : "PM");
		html_lit(h, "\"");
		if (value && strcmp(value, is_am ? "AM" : "PM") == 0)
			html_lit(h, " selected");
		html_lit(h, ">");
		html_ft(h, lang, is_am ? am : pm);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></div>");
}

static void child_choice(struct html *h, struct web_req *r, const char *lang,
			 const struct family_scope *sc, const char *chosen, const struct app_error *err)
{
	if (sc->n == 1) {
		const struct pupil_row *p = &r->srv->e.m.rows[sc->child[0].row];
		html_lit(h, "<input type=\"hidden\" name=\"child\" value=\"");
		html_attr(h, p->upn);
		html_lit(h, "\"><p><strong>");
		html_ft(h, lang, FT_CHILD);
		html_lit(h, ":</strong> ");
		html_txt(h, p->forename);
		html_lit(h, " ");
		html_txt(h, p->surname);
		html_lit(h, "</p>");
		return;
	}
	html_lit(h, "<fieldset class=\"field\"");
	if (err && err->kind && strcmp(err->field, "child") == 0)
		html_lit(h, " aria-describedby=\"child-error\"");
	html_lit(h, "><legend>");
	html_ft(h, lang, FT_CHILD);
	html_lit(h, "</legend>");
	family_field_error(h, err, "child");
	for (int i = 0; i < sc->n; i++) {
		const struct pupil_row *p = &r->srv->e.m.rows[sc->child[i].row];
		html_lit(h, "<label class=\"choice\"><input type=\"radio\" name=\"child\" required value=\"");
		html_attr(h, p->upn);
		html_lit(h, "\"");
		if (chosen && strcmp(chosen, p->upn) == 0)
			html_lit(h, " checked");
		html_lit(h, "> ");
		html_txt(h, p->forename);
		html_lit(h, " ");
		html_txt(h, p->surname);
		html_lit(h, "</label>");
	}
	html_lit(h, "</fieldset>");
}

static void error_summary(struct html *h, const char *lang, const struct app_error *err)
{
	if (!err || !err->kind)
		return;
	html_lit(h, "<div class=\"flash bad error-summary\" role=\"alert\" tabindex=\"-1\" "
		    "id=\"error-summary\"><h2>");
	html_ft(h, lang, FT_ERR_PROBLEM);
	html_lit(h, "</h2><p><a href=\"#");
	html_attr(h, err->field[0] ? err->field : "main");
	html_lit(h, "\">");
	html_txt(h, err->message);
	html_lit(h, "</a></p></div>");
}

static int form_page(struct web_req *r, enum form_kind kind, const struct family_scope *sc,
		     const struct fields *f, const struct app_error *err, int status)
{
	const char *lang = r->lang;
	bool report = kind == FORM_REPORT;
	enum ft title = report ? FT_REPORT_TITLE : FT_LEAVE_TITLE;
	struct html h = {0};
	html_begin(&h, r, ft(lang, title));
	html_lit(&h, "<h1>");
	html_ft(&h, lang, title);
	html_lit(&h, "</h1>");
	error_summary(&h, lang, err);
	html_lit(&h, "<p>");
	html_ft(&h, lang, report ? FT_REPORT_INTRO : FT_LEAVE_INTRO);
	html_lit(&h, "</p>");
	if (sc->n == 0) {
		html_lit(&h, "<p class=\"flash\">");
		html_ft(&h, lang, FT_NO_CHILDREN);
		html_lit(&h, "</p>");
		html_end(&h, r);
		return html_send(&h, r, status);
	}
	html_lit(&h, "<form method=\"post\" class=\"stack family-form\" action=\"");
	html_attr(&h, report ? "/family/absence" : "/family/leave");
	html_lit(&h, "\" novalidate>");
	html_csrf(&h, r);
	child_choice(&h, r, lang, sc, field(f, "child"), err);
	char today[DATE_ISO_LEN];
	date_format(web_today() + (report ? 0 : 1), today);
	const char *from = field(f, "from");
	date_input(&h, lang, FT_FIRST_DAY, FT__MAX, "from", from ? from : today, true, err);
	session_select(&h, lang, FT_STARTING, "from_session", field(f, "from_session"), FT_START_AM,
		       FT_START_PM, true);
	date_input(&h, lang, FT_LAST_DAY, FT_LAST_DAY_HINT, "to", field(f, "to"), false, err);
	session_select(&h, lang, FT_UNTIL, "to_session", field(f, "to_session"), FT_UNTIL_AM,
		       FT_UNTIL_PM, false);
	if (report) {
		static const struct {
			const char *value;
			enum ft label;
		} reasons[] = {{"illness", FT_REASON_ILLNESS},
			       {"medical", FT_REASON_MEDICAL},
			       {"other", FT_REASON_OTHER}};
		const char *chosen = field(f, "reason");
		html_lit(&h, "<fieldset class=\"field\" id=\"reason\"><legend>");
		html_ft(&h, lang, FT_REASON);
		html_lit(&h, "</legend>");
		family_field_error(&h, err, "reason");
		for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
			html_lit(&h, "<label class=\"choice\"><input type=\"radio\" name=\"reason\" value=\"");
			html_attr(&h, reasons[i].value);
			html_lit(&h, "\"");
			if (chosen && strcmp(chosen, reasons[i].value) == 0)
				html_lit(&h, " checked");
			html_lit(&h, "> ");
			html_ft(&h, lang, reasons[i].label);
			html_lit(&h, "</label>");
		}
		html_lit(&h, "</fieldset>");
	}
	const char *note_name = report ? "note" : "reason";
	html_lit(&h, "<div class=\"field\"><label for=\"");
	html_attr(&h, note_name);
	html_lit(&h, "\">");
	html_ft(&h, lang, report ? FT_NOTE : FT_LEAVE_REASON);
	html_lit(&h, "</label>");
	if (report) {
		html_lit(&h, "<p class=\"hint\" id=\"note-hint\">");
		html_ft(&h, lang, FT_NOTE_HINT);
		html_lit(&h, "</p>");
	}
	family_field_error(&h, err, note_name);
	html_lit(&h, "<textarea rows=\"4\" id=\"");
	html_attr(&h, note_name);
	html_lit(&h, "\" name=\"");
	html_attr(&h, note_name);
	html_lit(&h, "\"");
	family_describedby(&h, err, note_name, report);
	html_lit(&h, ">");
	html_txt(&h, field(f, note_name));
	html_lit(&h, "</textarea></div>");
	if (report)
		date_input(&h, lang, FT_EXPECTED_BACK, FT__MAX, "expected_return",
			   field(f, "expected_return"), false, err);
	html_lit(&h, "<button type=\"submit\" class=\"primary\">");
	html_ft(&h, lang, report ? FT_SEND : FT_LEAVE_SEND);
	html_lit(&h, "</button></form>");
	if (report) {
		html_lit(&h, "<p class=\"hint\"><a href=\"/family/leave\">");
		html_ft(&h, lang, FT_REPORT_LEAVE_HINT);
		html_lit(&h, "</a></p>");
	}
	html_end(&h, r);
	return html_send(&h, r, status);
}

/* ---- checking and writing ---- */

struct family_job {
	enum form_kind kind;
	struct parent_report_rec report;
	struct leave_request_rec leave;
	char lang[8], by[STORE_USER_MAX];
	bool api;
};

static int job_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct family_job *fj = j->arg;
	if (fj->kind == FORM_REPORT)
		return parent_report_write(&srv->e, &fj->report, fj->lang, fj->by, err);
	return leave_request_write(&srv->e, &fj->leave, fj->lang, fj->by, err);
}

static int job_done(struct web_req *r, struct write_job *j)
{
	struct family_job *fj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	char to[96];
	if (fj->api) {
		struct app_error err = {0};
		struct wording_settings ws;
		if (analytics_settings_load(r->rd, r->srv->e.school.id, &ws, &err) < 0)
			return web_error(r, &err);
		char days[128];
		if (fj->kind == FORM_REPORT)
			return web_json(r, 201,
					json_pack("{s:I, s:s, s:b}", "id", (json_int_t)fj->report.id,
						  "status", fj->report.status, "late", fj->report.late));
		return web_json(r, 201,
				json_pack("{s:I, s:s, s:i, s:s}", "id", (json_int_t)fj->leave.id, "status",
					  fj->leave.status, "sessions", fj->leave.sessions, "days_lessons",
					  lang_days_lessons(fj->lang, fj->leave.sessions, ws.lessons_per_day,
							    days, sizeof days)));
	}
	if (fj->kind == FORM_REPORT)
		snprintf(to, sizeof to, "/family/requests?done=%s",
			 fj->report.late ? "report_late" : "report");
	else
		snprintf(to, sizeof to, "/family/requests?done=leave&id=%lld", (long long)fj->leave.id);
	return web_redirect(r, to);
}

/* Checks the fields and queues the write; a mistake answers the form
 * again (or the API's error). */
static int submit(struct web_req *r, enum form_kind kind, json_t *json)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	const char *lang = r->lang;
	struct fields f = {r, json};
	struct app_error err = {0};
	struct family_job *fj = calloc(1, sizeof *fj);
	if (!fj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	fj->kind = kind;
	fj->api = json != NULL;
	snprintf(fj->lang, sizeof fj->lang, "%s", lang);
	snprintf(fj->by, sizeof fj->by, "%s", r->who.username);
	const struct family_child *ch = child_of(r, &sc, &f, &err);
	date_t from, to;
	enum session fs, ts;
	if (!ch || date_of(&f, "from", true, &from, lang, &err) < 0 ||
	    date_of(&f, "to", false, &to, lang, &err) < 0 ||
	    session_of(&f, "from_session", SESSION_AM, &fs, &err) < 0 ||
	    session_of(&f, "to_session", SESSION_PM, &ts, &err) < 0)
		goto fail;
	if (to == DATE_INVALID)
		to = from;
	int rc;
	if (kind == FORM_REPORT) {
		date_t back;
		int sessions;
		rc = date_of(&f, "expected_return", false, &back, lang, &err);
		struct parent_report_request rq = {.upn = NULL, .from = from, .to = to,
						   .from_session = fs, .to_session = ts,
						   .reason = field(&f, "reason"), .note = field(&f, "note"),
						   .expected_return = back};
		if (rc == 0)
			rc = parent_report_check(&r->srv->e, &r->srv->rs, ch, &rq, lang, web_today(),
						 clock_minute_of_day(), &fj->report, &sessions, &err);
		fj->report.user_id = r->who.id;
	} else {
		struct leave_request_input in = {.from = from, .to = to, .from_session = fs,
						 .to_session = ts, .reason = field(&f, "reason")};
		rc = leave_request_check(&r->srv->e, ch, &in, lang, web_today(), &fj->leave, &err);
		fj->leave.user_id = r->who.id;
	}
	if (rc < 0)
		goto fail;
	return web_write(r, job_run, fj, NULL, job_done, NULL);
fail:
	free(fj);
	if (json)
		return web_error(r, &err);
	return form_page(r, kind, &sc, &f, &err, web_status_of(err.kind));
}

static int form_get(struct web_req *r, enum form_kind kind)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	struct fields f = {r, NULL};
	return form_page(r, kind, &sc, &f, NULL, 200);
}

static int page_family_absence_get_locked(struct web_req *r)
{
	return form_get(r, FORM_REPORT);
}

static int page_family_absence_post_locked(struct web_req *r)
{
	return submit(r, FORM_REPORT, NULL);
}

static int page_family_leave_get_locked(struct web_req *r)
{
	return form_get(r, FORM_LEAVE);
}

static int page_family_leave_post_locked(struct web_req *r)
{
	return submit(r, FORM_LEAVE, NULL);
}

static int api_submit(struct web_req *r, enum form_kind kind)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	int rc = submit(r, kind, body);
	/* the job keeps no pointer into the body: fields were copied */
	json_decref(body);
	return rc;
}

static int api_family_absence_locked(struct web_req *r)
{
	return api_submit(r, FORM_REPORT);
}

static int api_family_leave_locked(struct web_req *r)
{
	return api_submit(r, FORM_LEAVE);
}

/* ---- the handlers, each under the engine's read lock (web_family_locked) ---- */

WEB_FAMILY_HANDLER(page_family_absence_get)
WEB_FAMILY_HANDLER(page_family_absence_post)
WEB_FAMILY_HANDLER(page_family_leave_get)
WEB_FAMILY_HANDLER(page_family_leave_post)
WEB_FAMILY_HANDLER(api_family_absence)
WEB_FAMILY_HANDLER(api_family_leave)
