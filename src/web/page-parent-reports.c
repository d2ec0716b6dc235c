/* The absences parents reported through attend, for the office:
 *   GET  /parent-reports (/api/parent-reports)   waiting, and decided lately
 *   POST /parent-reports/ID (/api/...)           accept (the codes go on the register) or decline
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

/* ---- absences parents reported ---- */

struct reports_page {
	struct html *h;
	struct web_req *r;
	bool awaiting;
	int n, max;
	json_t *json;
};

static void code_options(struct html *h, enum code chosen)
{
	static const enum code codes[] = {CODE_I, CODE_M, CODE_R, CODE_J1, CODE_S, CODE_T,
					  CODE_O, CODE_Y1, CODE_Y2, CODE_Y6, CODE_Y7};
	for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
		html_lit(h, "<option value=\"");
		html_txt(h, code_text(codes[i], SESSION_AM));
		html_lit(h, "\"");
		if (codes[i] == chosen)
			html_lit(h, " selected");
		html_lit(h, ">");
		html_txtf(h, "%s: %s", code_text(codes[i], SESSION_AM), code_info(codes[i])->meaning);
		html_lit(h, "</option>");
	}
}

static json_t *report_json(const struct engine *e, const struct parent_report_rec *p)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], c[DATE_ISO_LEN];
	int row = engine_row_of_id(e, p->pupil_id, DATE_INVALID, -1);
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b, s:s, s:s, s:s?, s:s?, "
			 "s:s?, s:s, s:o}",
			 "id", (json_int_t)p->id, "upn", row >= 0 ? e->m.rows[row].upn : "",
			 "reported_by", p->reported_by, "from", date_format(p->from_date, a),
			 "from_session", session_name(p->from_session), "to",
			 date_format(p->to_date, b), "to_session", session_name(p->to_session),
			 "reason", p->reason, "note", p->note, "expected_return",
			 p->expected_return == DATE_INVALID ? NULL : date_format(p->expected_return, c),
			 "late", p->late, "submitted_at", p->submitted_at, "status", p->status, "code",
			 p->code == CODE_NONE ? NULL : code_text(p->code, SESSION_AM), "decided_by",
			 p->decided_by[0] ? p->decided_by : NULL, "decided_at",
			 p->decided_at[0] ? p->decided_at : NULL, "decision_note", p->decision_note,
			 "absence_report_id",
			 p->absence_report_id ? json_integer(p->absence_report_id) : json_null());
}

/* The register's marks of a report's sessions, as they stand. */
static void report_marks(struct html *h, const struct engine *e, const struct parent_report_rec *p)
{
	int shown = 0;
	html_lit(h, "<span class=\"marks\">");
	for (date_t d = p->from_date; d <= p->to_date && shown < 6; d++) {
		int row = engine_row_of_id(e, p->pupil_id, d, -1);
		int col = calendar_session_col(&e->cal, d, SESSION_AM);
		if (row < 0 || col < 0)
			continue;
		for (int s = SESSION_AM; s <= SESSION_PM && shown < 6; s++) {
			if ((d == p->from_date && s < (int)p->from_session) ||
			    (d == p->to_date && s > (int)p->to_session))
				continue;
			uint8_t c = matrix_row_cells(&e->m, row)[col + s];
			char dd[DATE_ISO_LEN];
			html_txtf(h, "%s%s %s %s", shown ? ", " : "", date_format(d, dd) + 5,
				  session_name((enum session)s),
				  c == CODE_NONE ? "–" : code_text((enum code)c, (enum session)s));
			shown++;
		}
	}
	html_lit(h, "</span>");
}

static int report_item(void *ctx, const struct parent_report_rec *p)
{
	struct reports_page *rp = ctx;
	bool awaiting = strcmp(p->status, "awaiting") == 0;
	if (awaiting != rp->awaiting || rp->n >= rp->max)
		return 0;
	rp->n++;
	const struct engine *e = &rp->r->srv->e;
	if (rp->json)
		return json_array_append_new(rp->json, report_json(e, p));
	struct html *h = rp->h;
	html_lit(h, "<li class=\"card report\" id=\"report-");
	html_int(h, (long)p->id);
	html_lit(h, "\"><p><strong>");
	html_pupil_accounts_link(h, e, p->pupil_id);
	html_lit(h, "</strong>: ");
	html_family_dates(h, p->from_date, p->from_session, p->to_date, p->to_session);
	html_lit(h, "</p><p>");
	html_txt(h, strcmp(p->reason, "illness") == 0	? "Illness"
		    : strcmp(p->reason, "medical") == 0 ? "Medical or dental appointment"
							 : "Something else");
	if (p->note[0]) {
		html_lit(h, ": “");
		html_txt(h, p->note);
		html_lit(h, "”");
	}
	if (p->expected_return != DATE_INVALID) {
		char back[DATE_ISO_LEN];
		html_lit(h, ". Expected back ");
		html_txt(h, date_format(p->expected_return, back));
	}
	html_lit(h, "</p><p class=\"hint\">From ");
	html_txt(h, p->reported_by[0] ? p->reported_by : "a parent");
	html_lit(h, ", ");
	html_when(h, p->submitted_at);
	if (p->late)
		html_lit(h, " · <span class=\"flag\">after the register closed or for past days: "
			    "check before accepting</span>");
	html_lit(h, "<br>Register now: ");
	report_marks(h, e, p);
	html_lit(h, "</p>");
	if (awaiting) {
		char action[48], id[40];
		snprintf(action, sizeof action, "/parent-reports/%lld", (long long)p->id);
		html_lit(h, "<form method=\"post\" class=\"decide\" action=\"");
		html_attr(h, action);
		html_lit(h, "\">");
		html_csrf(h, rp->r);
		snprintf(id, sizeof id, "code-%lld", (long long)p->id);
		html_lit(h, "<label for=\"");
		html_attr(h, id);
		html_lit(h, "\">Code</label><select id=\"");
		html_attr(h, id);
		html_lit(h, "\" name=\"code\">");
		code_options(h, parent_reason_code(p->reason));
		snprintf(id, sizeof id, "note-%lld", (long long)p->id);
		html_lit(h, "</select><label for=\"");
		html_attr(h, id);
		html_lit(h, "\">Note to the parent (needed to decline)</label><input id=\"");
		html_attr(h, id);
		html_lit(h, "\" name=\"note\"><div class=\"buttons\"><button type=\"submit\" "
			     "class=\"primary\" name=\"decision\" value=\"accept\">Accept</button> "
			     "<button type=\"submit\" name=\"decision\" value=\"decline\">Decline</button>"
			     "</div></form>");
	} else {
		html_lit(h, "<p><strong>");
		html_txt(h, p->status);
		html_lit(h, "</strong>");
		if (p->code != CODE_NONE)
			html_txtf(h, " as %s", code_text(p->code, SESSION_AM));
		if (p->decided_by[0]) {
			html_lit(h, " by ");
			html_txt(h, p->decided_by);
			html_lit(h, ", ");
			html_when(h, p->decided_at);
		}
		if (p->decision_note[0]) {
			html_lit(h, ": ");
			html_txt(h, p->decision_note);
		}
		html_lit(h, "</p>");
	}
	html_lit(h, "</li>");
	return 0;
}

int page_parent_reports(struct web_req *r)
{
	struct html h = {0};
	html_begin(&h, r, "Absence reports from parents");
	html_lit(&h, "<h1>Absence reports from parents</h1>");
	html_office_flash(&h, r);
	html_lit(&h, "<p class=\"hint\">Accepting puts the code on the register through an absence "
		     "report: sessions that have happened or are today get it now (N or O is "
		     "amended, any other mark kept), sessions to come when their register is taken. "
		     "Declining leaves the register as it is; the parent reads your note.</p>"
		     "<h2>Waiting for you</h2><ul class=\"reports\">");
	struct reports_page rp = {&h, r, true, 0, 500, NULL};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = store_parent_reports_each(r->rd, r->srv->e.school.id, "awaiting", 0, report_item, &rp);
	int waiting = rp.n;
	html_lit(&h, "</ul>");
	if (rc == 0 && !waiting)
		html_lit(&h, "<p class=\"hint\">Nothing waiting.</p>");
	html_lit(&h, "<h2>Decided lately</h2><ul class=\"reports\">");
	rp = (struct reports_page){&h, r, false, 0, 30, NULL};
	if (rc == 0)
		rc = store_parent_reports_each(r->rd, r->srv->e.school.id, NULL, 0, report_item, &rp);
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(&h, "</ul>");
	if (rc == 0 && !rp.n)
		html_lit(&h, "<p class=\"hint\">Nothing decided yet.</p>");
	if (rc < 0) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_end(&h, r);
	return html_send(&h, r, 200);
}

int api_parent_reports(struct web_req *r)
{
	const char *status = web_query(r, "status");
	if (status && strcmp(status, "awaiting") && strcmp(status, "accepted") &&
	    strcmp(status, "declined") && strcmp(status, "withdrawn"))
		return web_fail(r, ERR_INPUT, "status",
				"status must be awaiting, accepted, declined or withdrawn");
	json_t *list = json_array();
	struct reports_page rp = {NULL, r, true, 0, 100000, list};
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = 0;
	/* awaiting first, then the rest, each newest first */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		rp.awaiting = pass == 0;
		rc = store_parent_reports_each(r->rd, r->srv->e.school.id, status, 0, report_item, &rp);
	}
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		json_decref(list);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return web_json(r, 200, json_pack("{s:o}", "reports", list));
}

struct decide_job {
	struct parent_report_decision d;
	char note[512], by[STORE_USER_MAX];
	struct parent_report_rec out;
	struct absence_outcome applied;
};

static int decide_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct decide_job *dj = j->arg;
	struct actor who = {dj->by, "parent-report"};
	dj->d.note = dj->note;
	return parent_report_decide_write(&srv->e, &dj->d, &who, web_today(), &dj->out, &dj->applied,
					  err);
}

static int decided(struct web_req *r, struct write_job *j)
{
	struct decide_job *dj = j->arg;
	if (j->rc < 0)
		return web_error(r, &j->err);
	if (web_is_api(r)) {
		pthread_rwlock_rdlock(&r->srv->lock);
		json_t *out = report_json(&r->srv->e, &dj->out);
		pthread_rwlock_unlock(&r->srv->lock);
		json_object_set_new(out, "register",
				    json_pack("{s:i, s:i, s:i, s:i, s:i}", "recorded", dj->applied.recorded,
					      "amended", dj->applied.amended, "unchanged",
					      dj->applied.unchanged, "pending", dj->applied.pending,
					      "kept", dj->applied.kept));
		return web_json(r, 200, out);
	}
	return web_redirect(r, dj->d.accept ? "/parent-reports?done=accepted"
					    : "/parent-reports?done=declined");
}

int page_parent_report_decide(struct web_req *r)
{
	struct app_error err = {0};
	struct web_input in;
	struct decide_job *dj = web_job_start(r, &in, sizeof *dj);
	if (!dj)
		return 0;
	int rc = 0;
	const char *decision = web_input_get(&in, "decision"), *code = web_input_get(&in, "code");
	if (!decision || (strcmp(decision, "accept") && strcmp(decision, "decline")))
		rc = app_fail(&err, ERR_INPUT, "decision", "decision must be accept or decline");
	if (rc == 0 && !(dj->d.id = web_id_arg(r)))
		rc = app_fail(&err, ERR_NOT_FOUND, "id", "there is no such report");
	if (rc == 0) {
		dj->d.accept = strcmp(decision, "accept") == 0;
		dj->d.code = code && *code && dj->d.accept ? code_parse(code) : CODE_NONE;
		if (code && *code && dj->d.accept && !absence_code_allowed(dj->d.code))
			rc = app_fail(&err, ERR_INPUT, "code",
				      "code '%s' is not a reason a family can report (" ABSENCE_CODES ")",
				      code);
	}
	if (rc == 0)
		rc = web_input_text(&in, "note", dj->note, sizeof dj->note, 0, &err);
	snprintf(dj->by, sizeof dj->by, "%s", r->who.username);
	return web_job_queue(r, &in, dj, rc, &err, decide_run, decided);
}
