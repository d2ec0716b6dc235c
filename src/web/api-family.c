/* The family's JSON: GET /api/family (a parent's children, each with the
 * figures of their page), GET /api/family/UPN (one child, with the
 * parent's reports and leave requests), GET /api/me (a pupil's own). The
 * same figures as the pages, from app/family_view; a UPN outside the
 * account's scope is answered as one that does not exist. */
#include <stdio.h>
#include <string.h>

#include "app/analytics.h"
#include "app/family_reports.h"
#include "app/leave.h"
#include "app/report.h"
#include "comms/lang.h"
#include "web/family.h"

static json_t *period_json(const struct family_figures *p, int lessons_per_day, const char *lang)
{
	if (!p->has)
		return json_null();
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], days[96];
	int64_t missed = stats_absence(&p->f);
	return json_pack("{s:s, s:s, s:i, s:I, s:I, s:i, s:i, s:i, s:o, s:s, s:I}", "from",
			 date_format(p->from, a), "to", date_format(p->to, b), "possible", p->f.possible,
			 "attendance", (json_int_t)stats_attendance(&p->f), "absence", (json_int_t)missed,
			 "authorised", p->f.authorised, "unauthorised", p->f.unauthorised, "unmarked",
			 p->f.unmarked, "attendance_pct", report_pct_json(p->pct100), "missed",
			 lang_days_lessons(lang, missed, lessons_per_day, days, sizeof days),
			 "lessons_missed", (json_int_t)wording_lessons(missed, lessons_per_day));
}

static json_t *change_json(const struct trend_change *c)
{
	const char *d = trend_direction_name(c->direction);
	return json_pack("{s:o, s:o, s:s?}", "now_pct", report_pct_json(c->now_pct100), "before_pct",
			 report_pct_json(c->before_pct100), "trend", d);
}

static json_t *view_json(struct web_req *r, const struct family_child *ch,
			 const struct family_view *v, const char *lang)
{
	const struct pupil_row *p = &r->srv->e.m.rows[ch->row];
	const struct figures *y = &v->p[FP_THIS_YEAR].f;
	char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], text[600];
	json_t *weeks = json_array();
	for (int i = 0; i < v->n_weeks; i++) {
		const struct family_week *w = &v->weeks[i];
		json_array_append_new(weeks, json_pack("{s:s, s:i, s:I, s:I, s:o}", "monday",
						       date_format(w->monday, d1), "school_days",
						       w->school_days, "possible", (json_int_t)w->possible,
						       "attendance", (json_int_t)w->attendance,
						       "attendance_pct", report_pct_json(w->pct100)));
	}
	json_t *school_band = json_null();
	if (v->school_band >= 0 && y->possible) {
		const struct school_band *b = &v->bands.band[v->school_band];
		school_band = json_pack("{s:s, s:o, s:o}", "name", b->name, "from_pct",
					report_pct_json(b->lower100), "below_pct",
					b->upper100 > 10000 ? json_null() : report_pct_json(b->upper100));
	}
	json_t *back = json_null();
	if (v->has_recovery && v->rec.below) {
		lang_recovery(lang, &v->rec, text, sizeof text);
		back = json_pack("{s:b, s:i, s:i, s:o, s:o, s:o, s:s}", "reachable", v->rec.reachable,
				 "days_needed", v->rec.days_needed, "school_days_left", v->rec.days_left,
				 "from", analytics_date_json(v->rec.from_day), "reached_on",
				 analytics_date_json(v->rec.reached_on), "best_pct",
				 report_pct_json(v->rec.best_pct100), "text", text);
	}
	json_t *periods = json_pack(
		"{s:o, s:o, s:o, s:o, s:o}", "this_week",
		period_json(&v->p[FP_THIS_WEEK], v->words.lessons_per_day, lang), "last_week",
		period_json(&v->p[FP_LAST_WEEK], v->words.lessons_per_day, lang), "this_half_term",
		period_json(&v->p[FP_THIS_HALF_TERM], v->words.lessons_per_day, lang), "last_half_term",
		period_json(&v->p[FP_LAST_HALF_TERM], v->words.lessons_per_day, lang), "this_year",
		period_json(&v->p[FP_THIS_YEAR], v->words.lessons_per_day, lang));
	json_t *today = json_pack(
		"{s:b, s:s?, s:s?}", "school_day", v->today_is_school_day, "am",
		v->today_code[SESSION_AM] == CODE_NONE ? NULL : code_text(v->today_code[SESSION_AM], SESSION_AM),
		"pm",
		v->today_code[SESSION_PM] == CODE_NONE ? NULL : code_text(v->today_code[SESSION_PM], SESSION_PM));
	json_t *out = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:o, s:s?, s:b, s:b, s:b}, s:o, s:o, "
		"s:o, s:o, s:{s:i, s:i, s:i}, s:{s:i, s:i, s:i}}",
		"upn", p->upn, "forename", p->forename, "surname", p->surname, "year", year_name(p->year),
		"form", r->srv->e.m.forms[p->form], "as_of", date_format(v->today, d2), "today", today,
		"periods", periods, "school_band", school_band, "dfe", "absence_pct",
		report_pct_json(stats_pct100(stats_absence(y), y->possible)), "band",
		v->dfe_band >= 0 ? stats_band_label(v->dfe_band) : NULL, "persistent", v->persistent,
		"severe", v->severe, "at_risk", v->at_risk, "weeks", weeks, "week_change",
		change_json(&v->week_change), "half_term_change", change_json(&v->half_term_change),
		"back_to_90", back, "lateness", "late", y->late_before_close + y->late_after_close,
		"after_close", y->late_after_close, "minutes", y->minutes_late, "full_weeks", "count",
		v->full_weeks, "best_run", v->best_run, "current_run", v->current_run);
	return out;
}

static json_t *child_json(struct web_req *r, const struct family_child *ch, const char *lang,
			  struct app_error *err)
{
	struct family_view v;
	if (web_family_view(r, ch, &v, err) < 0)
		return NULL;
	json_t *out = view_json(r, ch, &v, lang);
	family_view_free(&v);
	return out;
}

static int api_family_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	struct app_error err = {0};
	json_t *children = json_array();
	for (int i = 0; i < sc.n; i++) {
		json_t *c = child_json(r, &sc.child[i], r->lang, &err);
		if (!c) {
			json_decref(children);
			return web_error(r, &err);
		}
		json_array_append_new(children, c);
	}
	return web_json(r, 200, json_pack("{s:s, s:o}", "language", r->lang, "children", children));
}

struct mine {
	json_t *list;
	int64_t user_id;
	const char *kind;
};

static int report_of_mine(void *ctx, const struct parent_report_rec *p)
{
	struct mine *m = ctx;
	if (p->user_id != m->user_id)
		return 0;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	return json_array_append_new(
		m->list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s}", "id",
				   (json_int_t)p->id, "from", date_format(p->from_date, a),
				   "from_session", session_name(p->from_session), "to",
				   date_format(p->to_date, b), "to_session", session_name(p->to_session),
				   "reason", p->reason, "status", p->status, "code",
				   p->code == CODE_NONE ? NULL : code_text(p->code, SESSION_AM), "note",
				   p->decision_note));
}

static int leave_of_mine(void *ctx, const struct leave_request_rec *q)
{
	struct mine *m = ctx;
	if (q->user_id != m->user_id)
		return 0;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	return json_array_append_new(
		m->list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:s}", "id", (json_int_t)q->id, "from",
				   date_format(q->from_date, a), "from_session",
				   session_name(q->from_session), "to", date_format(q->to_date, b),
				   "to_session", session_name(q->to_session), "sessions", q->sessions,
				   "status", q->status));
}

static int api_family_child_locked(struct web_req *r)
{
	struct family_scope sc;
	const struct family_child *ch = web_family_path_child(r, &sc);
	if (!ch)
		return 0;
	struct app_error err = {0};
	json_t *out = child_json(r, ch, r->lang, &err);
	if (!out)
		return web_error(r, &err);
	struct mine reports = {json_array(), r->who.id, "report"}, leave = {json_array(), r->who.id, "leave"};
	if (store_parent_reports_each(r->rd, r->srv->e.school.id, NULL, ch->pupil_id, report_of_mine,
				      &reports) < 0 ||
	    store_leave_requests_each(r->rd, r->srv->e.school.id, NULL, ch->pupil_id, leave_of_mine,
				      &leave) < 0) {
		json_decref(out);
		json_decref(reports.list);
		json_decref(leave.list);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	json_object_set_new(out, "reports", reports.list);
	json_object_set_new(out, "leave", leave.list);
	return web_json(r, 200, out);
}

static int api_me_locked(struct web_req *r)
{
	struct family_scope sc;
	if (web_family_scope(r, &sc) < 0)
		return 0;
	if (sc.n == 0)
		return web_fail(r, ERR_NOT_FOUND, NULL, "this account is not linked to a pupil");
	struct app_error err = {0};
	json_t *out = child_json(r, &sc.child[0], r->lang, &err);
	return out ? web_json(r, 200, out) : web_error(r, &err);
}

/* ---- the handlers, each under the engine's read lock (web_family_locked) ---- */

WEB_FAMILY_HANDLER(api_family)
WEB_FAMILY_HANDLER(api_family_child)
WEB_FAMILY_HANDLER(api_me)
