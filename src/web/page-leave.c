/* Leave of absence in term time, for the school:
 *   GET  /leave, /leave/ID (/api/leave)   requests, refused leave that was taken
 *   POST /leave/ID (/api/leave/ID)        the head teacher's decision, and the letter
 *   GET  /leave/ID/letter                 the decision letter's PDF
 *   POST /leave/ID/unauthorised           G on the sessions of refused leave the pupil missed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/absence.h"
#include "app/analytics.h"
#include "app/clock.h"
#include "app/family_reports.h"
#include "app/leave.h"
#include "app/parse.h"
#include "web/family.h"

/* ---- leave ---- */

static bool may_decide(struct web_req *r)
{
	unsigned roles;
	struct app_error err = {0};
	return leave_deciders_load(r->rd, r->srv->e.school.id, &roles, &err) == 0 &&
	       (roles & ROLE_BIT(r->who.role));
}

static json_t *leave_json(struct web_req *r, const struct leave_request_rec *q)
{
	const struct engine *e = &r->srv->e;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	int row = engine_row_of_id(e, q->pupil_id, DATE_INVALID, -1);
	json_t *out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s}", "id",
				(json_int_t)q->id, "upn", row >= 0 ? e->m.rows[row].upn : "",
				"requested_by", q->requested_by, "from", date_format(q->from_date, a),
				"from_session", session_name(q->from_session), "to",
				date_format(q->to_date, b), "to_session", session_name(q->to_session),
				"sessions", q->sessions, "reason", q->reason, "requested_at",
				q->requested_at, "status", q->status);
	struct leave_decision_rec d;
	if (store_leave_decision_get(r->rd, e->school.id, q->id, &d) == 0)
		json_object_set_new(
			out, "decision",
			json_pack("{s:s, s:s?, s:s, s:s, s:s, s:s, s:o, s:s}", "decision", d.decision,
				  "code", d.code == CODE_NONE ? NULL : code_text(d.code, SESSION_AM),
				  "reason", d.reason, "decided_by", d.decided_by, "decided_role",
				  d.decided_role, "decided_at", d.decided_at, "outbox_id",
				  d.outbox_id ? json_integer(d.outbox_id) : json_null(), "letter_note",
				  d.letter_note));
	else
		json_object_set_new(out, "decision", json_null());
	return out;
}

struct leave_page {
	struct html *h;
	struct web_req *r;
	bool open;
	int n, max;
	json_t *json;
};

static int leave_item(void *ctx, const struct leave_request_rec *q)
{
	struct leave_page *lp = ctx;
	bool open = strcmp(q->status, "requested") == 0;
	if (open != lp->open || lp->n >= lp->max)
		return 0;
	lp->n++;
	if (lp->json)
		return json_array_append_new(lp->json, leave_json(lp->r, q));
	struct html *h = lp->h;
	char href[40];
	snprintf(href, sizeof href, "/leave/%lld", (long long)q->id);
	html_lit(h, "<tr><td><a href=\"");
	html_attr(h, href);
	html_lit(h, "\">#");
	html_int(h, (long)q->id);
	html_lit(h, "</a></td><td>");
	html_pupil_accounts_link(h, &lp->r->srv->e, q->pupil_id);
	html_lit(h, "</td><td>");
	html_family_dates(h, q->from_date, q->from_session, q->to_date, q->to_session);
	html_lit(h, "</td><td>");
	html_int(h, q->sessions);
	html_lit(h, "</td><td>");
	html_txt(h, q->status);
	html_lit(h, "</td></tr>");
	return 0;
}

struct unauth_page {
	struct html *h;
	struct web_req *r;
	int64_t request;
	int n_request, n;
	json_t *json;
};

static void unauth_flush(struct unauth_page *u)
{
	if (!u->request || !u->h)
		return;
	char action[64];
	snprintf(action, sizeof action, "/leave/%lld/unauthorised", (long long)u->request);
	html_lit(u->h, "</td><td><form method=\"post\" action=\"");
	html_attr(u->h, action);
	html_lit(u->h, "\">");
	html_csrf(u->h, u->r);
	html_lit(u->h, "<input type=\"hidden\" name=\"sessions\" value=\"");
	html_int(u->h, u->n_request);
	html_lit(u->h, "\"><button type=\"submit\">Record G on ");
	html_int(u->h, u->n_request);
	html_txt(u->h, u->n_request == 1 ? " session" : " sessions");
	html_lit(u->h, "</button></form></td></tr>");
}

static int unauth_item(void *ctx, const struct leave_unauthorised *x)
{
	struct unauth_page *u = ctx;
	const struct engine *e = &u->r->srv->e;
	char d[DATE_ISO_LEN];
	u->n++;
	if (u->json)
		return json_array_append_new(
			u->json, json_pack("{s:I, s:s, s:s, s:s, s:s}", "request_id",
					   (json_int_t)x->request_id, "upn", e->m.rows[x->row].upn,
					   "date", date_format(x->date, d), "session",
					   session_name(x->session), "code", code_text(x->code, x->session)));
	if (x->request_id != u->request) {
		unauth_flush(u);
		u->request = x->request_id;
		u->n_request = 0;
		html_lit(u->h, "<tr><td>#");
		html_int(u->h, (long)x->request_id);
		html_lit(u->h, "</td><td>");
		html_pupil_accounts_link(u->h, e, e->m.rows[x->row].pupil_id);
		html_lit(u->h, "</td><td>");
	}
	html_txtf(u->h, "%s%s %s (%s)", u->n_request ? ", " : "", date_format(x->date, d),
		  session_name(x->session), code_text(x->code, x->session));
	u->n_request++;
	return 0;
}

int page_leave_list(struct web_req *r)
{
	struct html h = {0};
	struct app_error err = {0};
	html_begin(&h, r, "Leave of absence");
	html_lit(&h, "<h1>Leave of absence in term time</h1>");
	html_office_flash(&h, r);
	if (!may_decide(r))
		html_lit(&h, "<p class=\"hint\">The head teacher decides leave (setting "
			     "leave_deciders): you can see the requests and their decisions.</p>");
	html_lit(&h, "<h2>Waiting for a decision</h2><table class=\"list wrap\" id=\"leave-open\">"
		     "<thead><tr><th>#</th><th>Pupil</th><th>Dates</th><th>Sessions</th><th>State</th>"
		     "</tr></thead><tbody>");
	struct leave_page lp = {&h, r, true, 0, 500, NULL};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = store_leave_requests_each(r->rd, r->srv->e.school.id, "requested", 0, leave_item, &lp);
	html_lit(&h, "</tbody></table><h2>Refused leave that was taken</h2><p class=\"hint\">Sessions "
		     "of refused leave that the register shows as absent with no reason (N or O). "
		     "If no other reason is given, record G: leave not agreed by the school "
		     "(unauthorised). Each amendment names the refusal.</p>"
		     "<table class=\"list wrap\" id=\"leave-taken\"><thead><tr><th>#</th><th>Pupil</th>"
		     "<th>Sessions</th><th></th></tr></thead><tbody>");
	struct unauth_page u = {&h, r, 0, 0, 0, NULL};
	int n = rc < 0 ? -1 : leave_unauthorised_each(r->rd, &r->srv->e, web_today(), unauth_item, &u, &err);
	unauth_flush(&u);
	html_lit(&h, "</tbody></table><h2>Decided</h2><table class=\"list wrap\" id=\"leave-decided\">"
		     "<thead><tr><th>#</th><th>Pupil</th><th>Dates</th><th>Sessions</th><th>State</th>"
		     "</tr></thead><tbody>");
	lp = (struct leave_page){&h, r, false, 0, 50, NULL};
	if (rc == 0 && n >= 0)
		rc = store_leave_requests_each(r->rd, r->srv->e.school.id, NULL, 0, leave_item, &lp);
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</tbody></table>");
	if (rc < 0 || n < 0) {
		free(h.buf);
		return n < 0 ? web_error(r, &err) : web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int api_leave_list(struct web_req *r)
{
	struct app_error err = {0};
	json_t *list = json_array(), *taken = json_array();
	struct leave_page lp = {NULL, r, true, 0, 100000, list};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		lp.open = pass == 0;
		rc = store_leave_requests_each(r->rd, r->srv->e.school.id, NULL, 0, leave_item, &lp);
	}
	struct unauth_page u = {NULL, r, 0, 0, 0, taken};
	int n = rc < 0 ? -1 : leave_unauthorised_each(r->rd, &r->srv->e, web_today(), unauth_item, &u, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0 || n < 0) {
		json_decref(list);
		json_decref(taken);
		return n < 0 ? web_error(r, &err) : web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return web_json(r, 200, json_pack("{s:o, s:o}", "requests", list, "unauthorised", taken));
}

/* The request a path names. */
static int leave_of_path(struct web_req *r, struct leave_request_rec *q)
{
	int64_t id = web_id_arg(r);
	int rc = id ? store_leave_request_get(r->rd, r->srv->e.school.id, id, q) : 1;
	if (rc < 0)
		web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	else if (rc == 1)
		web_fail(r, ERR_NOT_FOUND, "id", "there is no leave request #%s", r->args[0]);
	return rc == 0 ? 0 : -1;
}

static int lsession_row(void *ctx, const struct leave_session_rec *x)
{
	struct html *h = ctx;
	char d[DATE_ISO_LEN];
	html_lit(h, "<tr><td>");
	html_txt(h, date_format(x->date, d));
	html_lit(h, " ");
	html_txt(h, session_name(x->session));
	html_lit(h, "</td><td>");
	html_txt(h, x->state);
	html_lit(h, "</td><td>");
	html_txt(h, x->detail);
	html_lit(h, "</td></tr>");
	return 0;
}

int page_leave_get(struct web_req *r)
{
	struct leave_request_rec q;
	if (leave_of_path(r, &q) < 0)
		return 0;
	struct app_error err = {0};
	struct wording_settings ws;
	if (analytics_settings_load(r->rd, r->srv->e.school.id, &ws, &err) < 0)
		return web_error(r, &err);
	struct leave_decision_rec d;
	int decided = store_leave_decision_get(r->rd, r->srv->e.school.id, q.id, &d);
	if (decided < 0)
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	char title[64], days[128], pct[16];
	snprintf(title, sizeof title, "Leave request #%lld", (long long)q.id);
	struct html h = {0};
	html_begin(&h, r, title);
	html_lit(&h, "<h1>");
	html_txt(&h, title);
	html_lit(&h, "</h1>");
	html_office_flash(&h, r);
	html_lit(&h, "<dl class=\"leave-facts\"><dt>Pupil</dt><dd>");
	pthread_rwlock_rdlock(&r->srv->lock);
	html_pupil_accounts_link(&h, &r->srv->e, q.pupil_id);
	int row = engine_row_of_id(&r->srv->e, q.pupil_id, DATE_INVALID, -1);
	struct family_view v = {0};
	int vrc = row >= 0 ? family_view_build(r->rd, &r->srv->e, row, web_today(), "en", &v, &err) : -1;
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</dd><dt>Dates</dt><dd>");
	html_family_dates(&h, q.from_date, q.from_session, q.to_date, q.to_session);
	html_lit(&h, "</dd><dt>It covers</dt><dd>");
	html_txt(&h, wording_days_lessons(q.sessions, ws.lessons_per_day, days, sizeof days));
	html_lit(&h, " of school</dd><dt>The parent's reason</dt><dd>");
	html_txt(&h, q.reason);
	html_lit(&h, "</dd><dt>Asked by</dt><dd>");
	html_txt(&h, q.requested_by[0] ? q.requested_by : "a parent");
	html_lit(&h, ", ");
	html_when(&h, q.requested_at);
	html_lit(&h, "</dd>");
	if (vrc == 0 && v.p[FP_THIS_YEAR].f.possible) {
		html_lit(&h, "<dt>Attendance this year</dt><dd>");
		html_txt(&h, family_pct("en", v.p[FP_THIS_YEAR].pct100, pct, sizeof pct));
		html_lit(&h, ", ");
		html_txt(&h, wording_days_lessons(stats_absence(&v.p[FP_THIS_YEAR].f), ws.lessons_per_day,
						 days, sizeof days));
		html_lit(&h, " missed so far</dd>");
	}
	family_view_free(&v);
	html_lit(&h, "</dl>");
	if (decided == 0) {
		html_lit(&h, "<h2>Decision</h2><p><strong>");
		html_txt(&h, d.decision);
		html_lit(&h, "</strong>");
		if (d.code != CODE_NONE)
			html_txtf(&h, " (recorded as %s)", code_text(d.code, SESSION_AM));
		html_lit(&h, " by ");
		html_txt(&h, d.decided_by);
		html_lit(&h, " (");
		html_txt(&h, d.decided_role);
		html_lit(&h, "), ");
		html_when(&h, d.decided_at);
		html_lit(&h, ": ");
		html_txt(&h, d.reason);
		html_lit(&h, "</p>");
		if (d.outbox_id) {
			html_lit(&h, "<p><a href=\"/leave/");
			html_int(&h, (long)q.id);
			html_lit(&h, "/letter\">The letter to the parent (PDF)</a></p>");
		} else if (d.letter_note[0]) {
			html_lit(&h, "<p class=\"flash bad\">");
			html_txt(&h, d.letter_note);
			html_lit(&h, "</p>");
		}
		html_lit(&h, "<table class=\"list wrap\"><tbody>");
		if (store_leave_sessions_each(r->rd, r->srv->e.school.id, q.id, lsession_row, &h) < 0) {
			free(h.buf);
			return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
		}
		html_lit(&h, "</tbody></table>");
	} else if (strcmp(q.status, "requested") == 0 && may_decide(r)) {
		html_lit(&h, "<h2>Your decision</h2><form method=\"post\" class=\"stack narrow-form\" "
			     "action=\"/leave/");
		html_int(&h, (long)q.id);
		html_lit(&h, "\">");
		html_csrf(&h, r);
		html_lit(&h, "<fieldset><legend>Decision</legend><label class=\"choice\"><input "
			     "type=\"radio\" name=\"decision\" value=\"grant\" required> Grant the leave"
			     "</label><label class=\"choice\"><input type=\"radio\" name=\"decision\" "
			     "value=\"refuse\"> Refuse it</label></fieldset><label for=\"code\">If granted, "
			     "recorded as</label><select id=\"code\" name=\"code\">");
		static const enum code leave_codes[] = {CODE_C, CODE_C1, CODE_M, CODE_J1, CODE_S, CODE_T, CODE_R};
		for (size_t i = 0; i < sizeof leave_codes / sizeof *leave_codes; i++) {
			html_lit(&h, "<option value=\"");
			html_txt(&h, code_text(leave_codes[i], SESSION_AM));
			html_lit(&h, "\">");
			html_txtf(&h, "%s: %s", code_text(leave_codes[i], SESSION_AM),
				  code_info(leave_codes[i])->meaning);
			html_lit(&h, "</option>");
		}
		html_lit(&h, "</select><label for=\"reason\">Why (the parent reads this in the letter)"
			     "</label><textarea id=\"reason\" name=\"reason\" rows=\"4\" required>"
			     "</textarea><button type=\"submit\" class=\"primary\">Record the decision"
			     "</button></form>");
	} else {
		html_lit(&h, "<p class=\"hint\">Waiting for the head teacher's decision.</p>");
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int page_leave_letter(struct web_req *r)
{
	struct leave_request_rec q;
	if (leave_of_path(r, &q) < 0)
		return 0;
	struct leave_decision_rec d;
	struct outbox_rec m;
	if (store_leave_decision_get(r->rd, r->srv->e.school.id, q.id, &d) != 0 || !d.outbox_id ||
	    store_outbox_get(r->rd, r->srv->e.school.id, d.outbox_id, true, &m) != 0)
		return web_fail(r, ERR_NOT_FOUND, "id", "leave request #%lld has no letter",
				(long long)q.id);
	return web_family_pdf(r, &m, "leave", q.id);
}

struct leave_job {
	struct leave_decision_input in;
	char reason[1024];
	struct account who;
	struct leave_decision_rec out;
	bool g;
	int sessions, applied;
	struct leave_request_rec request;
};

static int leave_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct leave_job *lj = j->arg;
	if (lj->g) {
		/* Only the sessions the office saw: the list must not have changed. */
		char source[48];
		snprintf(source, sizeof source, "leave:%lld", (long long)lj->in.id);
		struct actor a = {lj->who.username, source};
		if (leave_apply_g_write(&srv->e, lj->in.id, &a, &lj->applied, err) < 0)
			return -1;
		if (lj->applied != lj->sessions)
			return app_fail(err, ERR_CONFLICT, "sessions",
					"the register has changed: %d sessions of leave request #%lld "
					"are now marked N or O, not %d; reload the page",
					lj->applied, (long long)lj->in.id, lj->sessions);
		return 0;
	}
	lj->in.reason = lj->reason;
	if (leave_decide_write(&srv->e, &lj->in, &lj->who, &lj->out, err) < 0)
		return -1;
	if (store_leave_request_get(srv->store, srv->e.school.id, lj->in.id, &lj->request) != 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(srv->store));
	return 0;
}

static int leave_done(struct web_req *r, struct write_job *j)
{
	struct leave_job *lj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	char to[64];
	if (lj->g) {
		if (web_is_api(r))
			return web_json(r, 200, json_pack("{s:I, s:i}", "id", (json_int_t)lj->in.id,
							  "applied", lj->applied));
		return web_redirect(r, "/leave?done=unauthorised");
	}
	if (web_is_api(r)) {
		pthread_rwlock_rdlock(&r->srv->lock);
		json_t *out = leave_json(r, &lj->request);
		pthread_rwlock_unlock(&r->srv->lock);
		return web_json(r, 200, out);
	}
	snprintf(to, sizeof to, "/leave/%lld?done=%s", (long long)lj->in.id,
		 lj->out.outbox_id ? "decided" : "decided_no_letter");
	return web_redirect(r, to);
}

int page_leave_decide(struct web_req *r)
{
	struct app_error err = {0};
	struct web_input in;
	struct leave_job *lj = web_job_start(r, &in, sizeof *lj);
	if (!lj)
		return 0;
	int rc = 0;
	const char *decision = web_input_get(&in, "decision"), *code = web_input_get(&in, "code");
	if (!decision || (strcmp(decision, "grant") && strcmp(decision, "refuse")))
		rc = app_fail(&err, ERR_INPUT, "decision", "decision must be grant or refuse");
	if (rc == 0 && !(lj->in.id = web_id_arg(r)))
		rc = app_fail(&err, ERR_NOT_FOUND, "id", "there is no such leave request");
	if (rc == 0) {
		lj->in.grant = strcmp(decision, "grant") == 0;
		/* the page's form sends its code choice whatever the decision */
		if (!lj->in.grant && !web_is_api(r))
			code = NULL;
		lj->in.code = code && *code ? code_parse(code) : CODE_NONE;
		if (code && *code && (lj->in.grant ? !leave_code_allowed(lj->in.code)
						   : lj->in.code == CODE_NONE))
			rc = app_fail(&err, ERR_INPUT, "code", "code '%s' is not a leave code (" LEAVE_CODES ")",
				      code);
	}
	if (rc == 0)
		rc = web_input_text(&in, "reason", lj->reason, sizeof lj->reason, 1, &err);
	lj->who = r->who;
	return web_job_queue(r, &in, lj, rc, &err, leave_run, leave_done);
}

int page_leave_unauthorised(struct web_req *r)
{
	struct app_error err = {0};
	struct web_input in;
	struct leave_job *lj = web_job_start(r, &in, sizeof *lj);
	if (!lj)
		return 0;
	long n = 0;
	int rc = web_input_int(&in, "sessions", 1, 1000, &n, &err);
	if (rc == 0 && !(lj->in.id = web_id_arg(r)))
		rc = app_fail(&err, ERR_NOT_FOUND, "id", "there is no such leave request");
	lj->g = true;
	lj->sessions = (int)n;
	lj->who = r->who;
	return web_job_queue(r, &in, lj, rc, &err, leave_run, leave_done);
}
