/* The attendance action plan:
 *   GET  /plan                 targets with their live figures and trajectories,
 *                              actions by the strategy's foundations, review
 *                              meetings (governors: aggregate figures only)
 *   GET  /plan/targets/ID      a target: its trajectory, its figures, its history
 *   GET  /plan.pdf             the plan for governors
 *   POST /plan/targets[/ID], /plan/actions[/ID], /plan/reviews
 * and the same in JSON under /api/plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/leading_charts.h"
#include "app/plan.h"
#include "app/report.h"
#include "core/wording.h"
#include "web/html.h"
#include "web/leading.h"
#include "web/svg.h"
#include "web/web.h"

static bool is_leader(const struct web_req *r)
{
	return r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD;
}

static bool small_numbers(const struct web_req *r)
{
	return !account_identifies_pupils(&r->who);
}

static int load(struct web_req *r, bool trajectories, struct plan_view *v, struct app_error *err)
{
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	int rc = plan_view_load(&view, r->rd, web_today(), trajectories, v, err);
	pthread_rwlock_unlock(&r->srv->lock);
	return rc;
}

static void track_chip(struct html *h, enum target_track t)
{
	static const char *const cls[TT__MAX] = {"", "taken", "taken", "overdue"};
	html_lit(h, "<strong class=\"state track ");
	html_txt(h, cls[t]);
	html_lit(h, "\" data-track=\"");
	html_txt(h, target_track_name(t));
	html_lit(h, "\">");
	html_txt(h, target_track_label(t));
	html_lit(h, "</strong>");
}

static void point_value(struct html *h, const struct target_live *l, const struct target_point *p,
			bool small)
{
	if (small && plan_point_hidden(l, p)) {
		html_lit(h, "<span class=\"hint\">fewer than 6</span>");
		return;
	}
	char v[16];
	html_lit(h, "<span class=\"fig\" data-k=\"value\" data-v=\"");
	html_int(h, p->value);
	html_lit(h, "\">");
	html_txt(h, p->value < 0 ? "–" : wording_pct(p->value, v, sizeof v));
	html_lit(h, "</span>");
}

static int index_of(const char *const *names, int n, const char *v)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], v))
			return i;
	return 0;
}

static void target_card(struct html *h, const struct plan_target_rec *t, const struct target_live *l,
			bool small, bool chart)
{
	char sentence[300], exp[16];
	html_lit(h, "<article class=\"card target\" id=\"target-");
	html_int(h, t->id);
	html_lit(h, "\"><h3><a href=\"/plan/targets/");
	html_int(h, t->id);
	html_lit(h, "\">");
	html_txt(h, t->title);
	html_lit(h, "</a></h3><p>");
	plan_target_sentence(t, sentence, sizeof sentence);
	if (l->figure) {
		html_txt(h, sentence);
		html_lit(h, ".</p><p class=\"target-now\">Now ");
		point_value(h, l, &l->now, small);
		html_lit(h, "; the line to the goal stands at ");
		html_txt(h, l->now.expected < 0 ? "–" : wording_pct(l->now.expected, exp, sizeof exp));
		html_lit(h, " · ");
		track_chip(h, l->track);
	} else {
		html_lit(h, "By ");
		html_date_words(h, t->goal_date);
	}
	html_lit(h, " · ");
	html_txt(h, plan_target_status_labels[index_of(plan_target_status_names, PT__MAX, t->status)]);
	if (t->owner[0]) {
		html_lit(h, " · owner ");
		html_txt(h, t->owner);
	}
	if (t->foundation) {
		html_lit(h, "<br><small>Foundation ");
		html_int(h, t->foundation);
		html_lit(h, ": ");
		html_txt(h, plan_foundation_names[t->foundation]);
		html_lit(h, "</small>");
	}
	html_lit(h, "</p>");
	struct chart c;
	char id[24];
	snprintf(id, sizeof id, "target-%lld", (long long)t->id);
	if (chart && l->n_points > 1 && leading_target_chart(&c, id, t, l, small) == 0) {
		svg_chart(h, &c);
		chart_free(&c);
	}
	html_lit(h, "</article>");
}

static void foundation_select(struct html *h, const char *name, int selected, bool steps)
{
	html_lit(h, "<label>");
	html_txt(h, steps ? "Roadmap step" : "Foundation");
	html_lit(h, " <select name=\"");
	html_attr(h, name);
	html_lit(h, "\"><option value=\"0\">none</option>");
	for (int i = 1; i <= PLAN_FOUNDATIONS; i++) {
		html_lit(h, "<option value=\"");
		html_int(h, i);
		if (i == selected)
			html_lit(h, "\" selected>");
		else
			html_lit(h, "\">");
		html_int(h, i);
		html_lit(h, ". ");
		html_txt(h, steps ? plan_step_names[i] : plan_foundation_names[i]);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label>");
}

static void action_row(struct html *h, struct web_req *r, const struct plan_action_rec *a, bool overdue)
{
	bool editable = is_leader(r) || !strcmp(a->owner, r->who.username);
	html_lit(h, "<tr id=\"action-");
	html_int(h, a->id);
	html_lit(h, "\"");
	if (overdue)
		html_lit(h, " class=\"is-late\"");
	html_lit(h, "><th scope=\"row\">");
	html_txt(h, a->title);
	if (a->from_assessment) {
		html_lit(h, " <small>(from <a href=\"/self-assessment/");
		html_int(h, a->from_assessment);
		html_lit(h, "\">a self-assessment</a>)</small>");
	}
	if (a->step) {
		html_lit(h, "<br><small>Step ");
		html_int(h, a->step);
		html_lit(h, ": ");
		html_txt(h, plan_step_names[a->step]);
		html_lit(h, "</small>");
	}
	html_lit(h, "</th><td>");
	html_txt(h, a->owner);
	html_lit(h, "</td><td>");
	html_date_words(h, a->due);
	if (overdue)
		html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
	html_lit(h, "</td><td data-k=\"status\">");
	html_txt(h, plan_action_status_labels[index_of(plan_action_status_names, PA__MAX, a->status)]);
	html_lit(h, "</td><td>");
	html_txt(h, a->evidence);
	if (editable) {
		html_lit(h, "<form method=\"post\" class=\"step\" action=\"/plan/actions/");
		html_int(h, a->id);
		html_lit(h, "\">");
		html_csrf(h, r);
		html_lit(h, "<label>Status <select name=\"status\">");
		html_options(h, plan_action_status_names, plan_action_status_labels, PA__MAX, a->status);
		html_lit(h, "</select></label>");
		html_textarea(h, "Evidence", "evidence", a->evidence, 2, STORE_LONG_TEXT_MAX - 1);
		html_lit(h, "<button type=\"submit\">Update</button></form>");
	}
	html_lit(h, "</td></tr>");
}

static void actions_section(struct html *h, struct web_req *r, const struct plan_view *v)
{
	html_lit(h, "<h2 id=\"actions\">Actions <small>by the strategy's five foundations</small></h2>");
	for (int f = 1; f <= PLAN_FOUNDATIONS + 1; f++) {
		int fd = f == PLAN_FOUNDATIONS + 1 ? 0 : f, shown = 0;
		for (int i = 0; i < v->n_actions; i++) {
			const struct plan_action_rec *a = &v->actions[i];
			if (a->foundation != fd)
				continue;
			if (!shown++) {
				html_lit(h, "<h3>");
				if (fd) {
					html_txtf(h, "%d. %s", fd, plan_foundation_names[fd]);
				} else {
					html_lit(h, "Other actions");
				}
				html_lit(h, "</h3><div class=\"scroll\"><table class=\"list wrap actions-table\">"
					    "<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Owner"
					    "</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th "
					    "scope=\"col\">Evidence</th></tr></thead><tbody>");
			}
			action_row(h, r, a, plan_action_overdue(a, web_today()));
		}
		if (shown)
			html_lit(h, "</tbody></table></div>");
	}
	if (!v->n_actions)
		html_lit(h, "<p class=\"hint\">No actions yet.</p>");
	if (!is_leader(r))
		return;
	html_lit(h, "<h3>Add an action</h3><form method=\"post\" action=\"/plan/actions\" "
		    "class=\"stack card\" id=\"action-new\">");
	html_csrf(h, r);
	html_input(h, "Action", "title", "text", "", 290, true);
	html_input(h, "Owner", "owner", "text", r->who.username, 120, true);
	html_input(h, "Due (optional: ongoing)", "due", "date", "", 10, false);
	foundation_select(h, "foundation", 0, false);
	foundation_select(h, "step", 0, true);
	if (v->n_targets) {
		html_lit(h, "<label>For the target <select name=\"target\"><option value=\"0\">none"
			    "</option>");
		for (int i = 0; i < v->n_targets; i++) {
			html_lit(h, "<option value=\"");
			html_int(h, v->targets[i].id);
			html_lit(h, "\">");
			html_txt(h, v->targets[i].title);
			html_lit(h, "</option>");
		}
		html_lit(h, "</select></label>");
	}
	html_lit(h, "<button class=\"primary\" type=\"submit\">Add the action</button></form>");
}

static void target_form(struct html *h, struct web_req *r)
{
	static const char *const measures[] = {"", "attendance_pct", "absence_pct", "unauthorised_pct",
					       "persistent_pct", "severe_pct"};
	static const char *const measure_labels[] = {"not a figure", "attendance %", "overall absence %",
						     "unauthorised absence %",
						     "persistent absence (% of pupils)",
						     "severe absence (% of pupils)"};
	static const char *const spans[] = {"year", "term", "half_term"};
	static const char *const span_labels[] = {"the school year to date", "the term to date",
						  "the half-term to date"};
	html_lit(h, "<h3>Set a target</h3><form method=\"post\" action=\"/plan/targets\" "
		    "class=\"stack card\" id=\"target-new\">");
	html_csrf(h, r);
	html_input(h, "Target", "title", "text", "", 190, true);
	html_lit(h, "<label>Measure <select name=\"measure\">");
	html_options(h, measures, measure_labels, 6, "");
	html_lit(h, "</select></label>");
	html_input(h, "Cohort (all, year=8, form=7A, fsm=Y, pp=Y, send=K, eal=Y, gender=F)", "cohort",
		   "text", "all", 38, false);
	html_lit(h, "<label>Measured over <select name=\"span\">");
	html_options(h, spans, span_labels, 3, "year");
	html_lit(h, "</select></label>");
	html_input(h, "Baseline % (empty: attend's figure on the baseline's date)", "baseline", "text",
		   "", 8, false);
	html_input(h, "Baseline date (default today)", "baseline_date", "date", "", 10, false);
	html_input(h, "Goal %", "goal", "text", "", 8, false);
	html_input(h, "By", "goal_date", "date", "", 10, true);
	foundation_select(h, "foundation", 0, false);
	foundation_select(h, "step", 0, true);
	html_input(h, "Owner", "owner", "text", r->who.username, 120, false);
	html_lit(h, "<button class=\"primary\" type=\"submit\">Set the target</button></form>");
}

static void reviews_section(struct html *h, struct web_req *r, const struct plan_view *v)
{
	html_lit(h, "<h2 id=\"reviews\">Review meetings <small>support and challenge from the line "
		    "manager and governors</small></h2>");
	if (!v->n_reviews)
		html_lit(h, "<p class=\"hint\">No review meetings recorded yet.</p>");
	for (int i = 0; i < v->n_reviews; i++) {
		const struct plan_review_rec *rv = &v->reviews[i];
		html_lit(h, "<article class=\"card review\"><h3>");
		html_date_words(h, rv->held_on);
		html_lit(h, " · ");
		html_txt(h, plan_review_kind_labels[index_of(plan_review_kind_names, 3, rv->kind)]);
		html_lit(h, "</h3><dl class=\"facts\"><div><dt>Attended</dt><dd>");
		html_txt(h, rv->attendees);
		html_lit(h, "</dd></div><div><dt>Challenged</dt><dd>");
		html_txt(h, rv->challenged[0] ? rv->challenged : "–");
		html_lit(h, "</dd></div><div><dt>Agreed</dt><dd>");
		html_txt(h, rv->agreed[0] ? rv->agreed : "–");
		html_lit(h, "</dd></div></dl></article>");
	}
	if (!is_leader(r))
		return;
	char today[DATE_ISO_LEN];
	html_lit(h, "<h3>Record a review meeting</h3><form method=\"post\" action=\"/plan/reviews\" "
		    "class=\"stack card\" id=\"review-new\">");
	html_csrf(h, r);
	html_input(h, "Held on", "held_on", "date", date_format(web_today(), today), 10, true);
	html_lit(h, "<label>With <select name=\"kind\">");
	html_options(h, plan_review_kind_names, plan_review_kind_labels, 3, "line_manager");
	html_lit(h, "</select></label>");
	html_input(h, "Who attended", "attendees", "text", "", 590, true);
	html_textarea(h, "What was challenged", "challenged", "", 3, STORE_LONG_TEXT_MAX - 1);
	html_textarea(h, "What was agreed", "agreed", "", 3, STORE_LONG_TEXT_MAX - 1);
	html_lit(h, "<button class=\"primary\" type=\"submit\">Record it</button></form>");
}

static int render_plan(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	struct plan_view v;
	if (load(r, true, &v, &err) < 0)
		return web_error(r, &err);
	bool small = small_numbers(r);
	struct html h = {0};
	html_begin(&h, r, "Attendance action plan");
	html_lit(&h, "<h1>Attendance action plan <small>");
	html_txt(&h, r->srv->e.school.name);
	html_lit(&h, " · as of ");
	html_date_words(&h, web_today());
	html_lit(&h, "</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	if (small)
		html_lit(&h, "<p class=\"hint\">Aggregate figures only: no pupil is named. A figure about "
			     "fewer than 6 pupils is not shown (\"fewer than 6\").</p>");
	html_lit(&h, "<ul class=\"tiles\"><li><span class=\"fig\" id=\"plan-overdue\">");
	html_int(&h, v.overdue);
	html_lit(&h, "</span> <span>actions overdue</span></li><li><span class=\"fig\" "
		     "id=\"plan-off-track\">");
	html_int(&h, v.off_track);
	html_lit(&h, "</span> <span>targets off track</span></li></ul><p><a href=\"/plan.pdf\">The "
		     "plan as PDF, for governors</a></p>");
	html_lit(&h, "<h2 id=\"targets\">Targets <small>tied to the figures attend computes, live</small></h2>");
	if (!v.n_targets)
		html_lit(&h, "<p class=\"hint\">No targets yet.</p>");
	html_lit(&h, "<div class=\"fd-list targets\">");
	for (int i = 0; i < v.n_targets; i++)
		target_card(&h, &v.targets[i], &v.live[i], small, true);
	html_lit(&h, "</div>");
	if (is_leader(r))
		target_form(&h, r);
	actions_section(&h, r, &v);
	reviews_section(&h, r, &v);
	plan_view_free(&v);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_plan(struct web_req *r)
{
	return render_plan(r, 200, NULL);
}

int page_plan_target_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_TARGET, 0, "/plan", render_plan);
}

int page_plan_action_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_ACTION, 0, "/plan#actions", render_plan);
}

int page_plan_action_post(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[64];
	snprintf(next, sizeof next, "/plan#action-%lld", (long long)id);
	return web_leading_submit(r, LJ_ACTION, id, next, render_plan);
}

int page_plan_review_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_REVIEW, 0, "/plan#reviews", render_plan);
}

/* ---- one target ---- */

static int history_row(void *ctx, const struct plan_history_rec *hr)
{
	struct html *h = ctx;
	html_lit(h, "<li>");
	html_time(h, hr->at, web_today());
	html_lit(h, " ");
	html_txt(h, hr->by);
	html_lit(h, ": ");
	html_txt(h, hr->detail);
	html_lit(h, "</li>");
	return 0;
}

static int render_target(struct web_req *r, int status, const char *error)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	struct plan_target_rec t;
	int rc = store_plan_target_get(r->rd, r->srv->e.school.id, id, &t);
	if (rc)
		return rc < 0 ? web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd))
			      : web_fail(r, ERR_NOT_FOUND, NULL, "there is no target %lld", (long long)id);
	struct app_error err = {0};
	struct target_live l;
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	rc = plan_target_live(&view, &t, web_today(), true, &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	bool small = small_numbers(r);
	struct html h = {0};
	html_begin(&h, r, t.title);
	html_lit(&h, "<h1>");
	html_txt(&h, t.title);
	html_lit(&h, " <small>a target of the action plan</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	target_card(&h, &t, &l, small, true);
	if (l.n_points) {
		html_lit(&h, "<h2>The figure week by week</h2><div class=\"scroll\"><table class=\"list\" "
			     "id=\"trajectory\"><thead><tr><th scope=\"col\">Day</th><th "
			     "scope=\"col\">Figure</th><th scope=\"col\">The line to the goal</th>");
		if (!small)
			html_lit(&h, "<th scope=\"col\">Pupils</th>");
		html_lit(&h, "</tr></thead><tbody>");
		for (int k = 0; k < l.n_points; k++) {
			char e[16];
			html_lit(&h, "<tr><th scope=\"row\">");
			html_date_words(&h, l.points[k].day);
			html_lit(&h, "</th><td>");
			point_value(&h, &l, &l.points[k], small);
			html_lit(&h, "</td><td>");
			html_txt(&h, l.points[k].expected < 0 ? "–" : wording_pct(l.points[k].expected, e, sizeof e));
			if (!small) {
				html_lit(&h, "</td><td>");
				html_int(&h, l.points[k].pupils);
			}
			html_lit(&h, "</td></tr>");
		}
		html_lit(&h, "</tbody></table></div>");
	}
	plan_target_live_free(&l);
	html_lit(&h, "<h2>History</h2><ul class=\"history\">");
	store_plan_history_each(r->rd, r->srv->e.school.id, "target", id, history_row, &h);
	html_lit(&h, "</ul>");
	if (is_leader(r)) {
		char d[DATE_ISO_LEN], g[16] = "";
		html_lit(&h, "<h2>Change it</h2><form method=\"post\" class=\"stack card\" action=\"/plan/targets/");
		html_int(&h, id);
		html_lit(&h, "\">");
		html_csrf(&h, r);
		html_input(&h, "Target", "title", "text", t.title, 190, true);
		html_lit(&h, "<label>Status <select name=\"status\">");
		html_options(&h, plan_target_status_names, plan_target_status_labels, PT__MAX, t.status);
		html_lit(&h, "</select></label>");
		if (t.goal100 >= 0)
			snprintf(g, sizeof g, "%lld.%02lld", (long long)(t.goal100 / 100), (long long)(t.goal100 % 100));
		html_input(&h, "Goal %", "goal", "text", g, 8, false);
		html_input(&h, "By", "goal_date", "date", date_format(t.goal_date, d), 10, true);
		html_input(&h, "Owner", "owner", "text", t.owner, 120, false);
		html_lit(&h, "<button class=\"primary\" type=\"submit\">Save</button></form>");
	}
	html_lit(&h, "<p><a href=\"/plan\">The whole plan</a></p>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_plan_target(struct web_req *r)
{
	return render_target(r, 200, NULL);
}

int page_plan_target_post(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[64];
	snprintf(next, sizeof next, "/plan/targets/%lld", (long long)id);
	return web_leading_submit(r, LJ_TARGET, id, next, render_target);
}

int page_plan_pdf(struct web_req *r)
{
	struct app_error err = {0};
	struct plan_view v;
	if (load(r, true, &v, &err) < 0)
		return web_error(r, &err);
	unsigned char *pdf;
	size_t len;
	int rc = plan_pdf(&r->srv->e, &v, web_today(), &pdf, &len, &err);
	plan_view_free(&v);
	if (rc < 0)
		return web_error(r, &err);
	char d[DATE_ISO_LEN];
	web_add_header(r, "Content-Disposition", "inline; filename=\"action-plan-%s.pdf\"",
		       date_format(web_today(), d));
	return web_bytes(r, 200, "application/pdf", pdf, len);
}

/* ---- JSON ---- */

static json_t *point_json(const struct target_live *l, const struct target_point *p, bool small)
{
	char d[DATE_ISO_LEN];
	bool hidden = small && plan_point_hidden(l, p);
	json_t *j = json_pack("{s:s,s:o,s:o}", "date", date_format(p->day, d), "value",
			      hidden || p->value < 0 ? json_null() : report_pct_json(p->value),
			      "expected", p->expected < 0 ? json_null() : report_pct_json(p->expected));
	if (hidden)
		json_object_set_new(j, "hidden", json_string("fewer than 6"));
	else if (!small)
		json_object_set_new(j, "pupils", json_integer(p->pupils));
	return j;
}

int api_plan(struct web_req *r)
{
	struct app_error err = {0};
	struct plan_view v;
	if (load(r, true, &v, &err) < 0)
		return web_error(r, &err);
	bool small = small_numbers(r);
	char d[DATE_ISO_LEN], g[DATE_ISO_LEN];
	json_t *targets = json_array(), *actions = json_array(), *reviews = json_array();
	for (int i = 0; i < v.n_targets; i++) {
		const struct plan_target_rec *t = &v.targets[i];
		const struct target_live *l = &v.live[i];
		json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i}", "id", (json_int_t)t->id,
				      "title", t->title, "measure", t->measure, "cohort", t->cohort,
				      "span", t->span, "goal_date", date_format(t->goal_date, g),
				      "status", t->status, "owner", t->owner, "foundation", t->foundation,
				      "step", t->step);
		json_object_set_new(j, "baseline", t->baseline100 < 0 ? json_null() : report_pct_json(t->baseline100));
		json_object_set_new(j, "baseline_date", t->baseline_date == DATE_INVALID
								? json_null()
								: json_string(date_format(t->baseline_date, d)));
		json_object_set_new(j, "goal", t->goal100 < 0 ? json_null() : report_pct_json(t->goal100));
		if (l->figure) {
			json_t *pts = json_array();
			for (int k = 0; k < l->n_points; k++)
				json_array_append_new(pts, point_json(l, &l->points[k], small));
			json_t *now = point_json(l, &l->now, small);
			json_object_set_new(now, "track", json_string(target_track_name(l->track)));
			json_object_set_new(now, "trajectory", pts);
			json_object_set_new(j, "live", now);
		}
		json_array_append_new(targets, j);
	}
	for (int i = 0; i < v.n_actions; i++) {
		const struct plan_action_rec *a = &v.actions[i];
		json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:i,s:b}", "id", (json_int_t)a->id, "title",
				      a->title, "owner", a->owner, "status", a->status, "evidence",
				      a->evidence, "foundation", a->foundation, "step", a->step, "overdue",
				      plan_action_overdue(a, web_today()));
		json_object_set_new(j, "due", a->due == DATE_INVALID ? json_null()
								     : json_string(date_format(a->due, d)));
		json_object_set_new(j, "target", a->target_id ? json_integer(a->target_id) : json_null());
		if (a->from_assessment)
			json_object_set_new(j, "from", json_pack("{s:I,s:I}", "assessment",
								 (json_int_t)a->from_assessment, "question",
								 (json_int_t)a->from_question));
		json_array_append_new(actions, j);
	}
	for (int i = 0; i < v.n_reviews; i++) {
		const struct plan_review_rec *rv = &v.reviews[i];
		json_array_append_new(reviews, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)rv->id,
							 "held_on", date_format(rv->held_on, d), "kind",
							 rv->kind, "attendees", rv->attendees,
							 "challenged", rv->challenged, "agreed",
							 rv->agreed));
	}
	json_t *out = json_pack("{s:s,s:i,s:i,s:o,s:o,s:o}", "as_of", date_format(web_today(), d),
				"overdue", v.overdue, "off_track", v.off_track, "targets", targets,
				"actions", actions, "reviews", reviews);
	plan_view_free(&v);
	return web_json(r, 200, out);
}

int api_plan_target_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_TARGET, 0, "", NULL);
}

int api_plan_target_put(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_TARGET, id, "", NULL);
}

int api_plan_action_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_ACTION, 0, "", NULL);
}

int api_plan_action_put(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_ACTION, id, "", NULL);
}

int api_plan_review_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_REVIEW, 0, "", NULL);
}
