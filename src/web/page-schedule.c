/* The monitoring schedule (the toolkit's Annex C):
 *   GET  /schedule?date=          today's checklist: your role's tasks (a
 *                                 leader's: everyone's), done in one click
 *   POST /schedule/ID/done        done (date, optional note), time-stamped
 *   GET  /schedule/missed?from=&to=  what was missed, and whose it was
 *   GET|POST /schedule/tasks[/ID] the tasks, edited by the school
 *   GET|POST /schedule/digests, /schedule/recipients[/ID]  the daily digest
 *                                 and the weekly pack: when, and to whom
 * and the same in JSON under /api/schedule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/digest.h"
#include "app/monitoring.h"
#include "web/html.h"
#include "web/leading.h"
#include "web/web.h"

static bool is_leader(const struct web_req *r)
{
	return r->who.role == ROLE_ADMIN || r->who.role == ROLE_ATTENDANCE_LEAD;
}

static const char *role_words(const char *name)
{
	int r = role_parse(name);
	return r < 0 ? name : role_label((enum role)r);
}

static void meta(struct html *h, const struct mon_item *it)
{
	int c = sched_cadence_parse(it->task.cadence), t = sched_timing_parse(it->task.timing);
	html_lit(h, "<p class=\"fd-meta\">");
	html_txt(h, sched_cadence_label((enum sched_cadence)(c < 0 ? 0 : c)));
	html_lit(h, " · ");
	html_txt(h, sched_timing_label((enum sched_cadence)(c < 0 ? 0 : c), (enum sched_timing)(t < 0 ? 0 : t)));
	html_lit(h, " · ");
	html_txt(h, role_words(it->task.owner_role));
	html_lit(h, " · due ");
	html_date_words(h, it->occ.due);
	if (it->state == SS_OVERDUE)
		html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
	html_lit(h, "</p>");
}

static void evidence_line(struct html *h, const char *label, const char *text, const char *href)
{
	html_lit(h, "<p class=\"evidence\"><strong>");
	html_txt(h, label);
	html_lit(h, "</strong> ");
	html_txt(h, text);
	if (href && *href) {
		html_lit(h, " <a href=\"");
		html_attr(h, href);
		html_lit(h, "\">See it</a>");
	}
	html_lit(h, "</p>");
}

static void task_card(struct html *h, struct web_req *r, const struct mon_item *it, date_t day)
{
	html_lit(h, "<article class=\"card task sched");
	if (it->state == SS_DONE)
		html_lit(h, " is-done");
	else if (it->state == SS_OVERDUE)
		html_lit(h, " is-late");
	html_lit(h, "\" id=\"sched-");
	html_int(h, it->task.id);
	html_lit(h, "\" data-state=\"");
	html_txt(h, sched_state_name(it->state));
	html_lit(h, "\"><h3>");
	html_txt(h, it->task.title);
	html_lit(h, "</h3>");
	meta(h, it);
	if (it->recorded) {
		html_lit(h, "<p class=\"done\"><span class=\"state taken\">");
		html_txt(h, it->rec.automatic ? "Done by attend from the data" : "Done");
		html_lit(h, "</span> ");
		html_time(h, it->rec.done_at, day);
		if (!it->rec.automatic) {
			html_lit(h, " by ");
			html_txt(h, it->rec.done_by);
		}
		if (it->rec.note[0]) {
			html_lit(h, ": ");
			html_txt(h, it->rec.note);
		}
		html_lit(h, "</p>");
		if (it->rec.evidence[0])
			evidence_line(h, "The data:", it->rec.evidence, NULL);
	} else if (it->proven) {
		html_lit(h, "<p class=\"done\"><span class=\"state taken\">Done by attend from the "
			    "data</span></p>");
		evidence_line(h, "The evidence:", it->proof.evidence, it->proof.href);
	} else {
		if (it->task.proof[0] && it->proof.evidence[0])
			evidence_line(h, it->proof.ready ? "The data:" : "So far:", it->proof.evidence,
				      it->proof.href);
		if (mon_may_complete(&r->who, &it->task) && it->state != SS_UPCOMING) {
			char d[DATE_ISO_LEN];
			html_lit(h, "<form method=\"post\" class=\"step\" action=\"/schedule/");
			html_int(h, it->task.id);
			html_lit(h, "/done\">");
			html_csrf(h, r);
			html_lit(h, "<input type=\"hidden\" name=\"date\" value=\"");
			html_attr(h, date_format(day, d));
			html_lit(h, "\"><label>Note (optional) <input name=\"note\" maxlength=\"500\" "
				    "placeholder=\"what was done or found\"></label><button type=\"submit\" "
				    "class=\"primary\">Done</button></form>");
		}
	}
	html_lit(h, "</article>");
}

static int render_today(struct web_req *r, int status, const char *error)
{
	static const char *const args[] = {"date", NULL};
	date_t day;
	if (web_check_query(r, args) < 0 || web_query_date(r, "date", web_today(), &day) < 0)
		return 0;
	struct app_error err = {0};
	struct engine view;
	struct leading_ctx x;
	char public_url[256];
	struct mon_list l;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	int rc = mon_open_on(&x, day, is_leader(r) ? NULL : role_name(r->who.role), &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Today's checklist");
	html_lit(&h, "<h1>Checklist <small>");
	html_date_words(&h, day);
	html_lit(&h, "</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_day_form(&h, "/schedule", day);
	const char *mine = role_name(r->who.role);
	int open = 0, done = 0;
	for (int i = 0; i < l.n; i++) {
		if (strcmp(l.v[i].task.owner_role, mine))
			continue;
		open += l.v[i].state != SS_DONE;
		done += l.v[i].state == SS_DONE;
	}
	html_lit(&h, "<p class=\"summary\" id=\"sched-summary\">");
	html_txtf(&h, "%d task%s to do for you (%s), %d done.", open, open == 1 ? "" : "s",
		  role_label(r->who.role), done);
	html_lit(&h, "</p>");
	if (calendar_day_index(&r->srv->e.cal, day) < 0)
		html_lit(&h, "<p class=\"hint\">Not a school day: the schedule has no tasks on days "
			     "without pupils. Weekly, half-termly and termly tasks still open show "
			     "on school days.</p>");
	for (int part = 0; part < 2; part++) {
		int shown = 0;
		for (int i = 0; i < l.n; i++) {
			bool own = !strcmp(l.v[i].task.owner_role, mine);
			if (own != (part == 0))
				continue;
			if (!shown++) {
				html_lit(&h, "<h2>");
				html_txt(&h, part == 0 ? "Yours" : "Everyone else's");
				html_lit(&h, "</h2><div class=\"fd-list\" id=\"");
				html_txt(&h, part == 0 ? "sched-mine" : "sched-others");
				html_lit(&h, "\">");
			}
			task_card(&h, r, &l.v[i], day);
		}
		if (shown)
			html_lit(&h, "</div>");
		else if (part == 0)
			html_lit(&h, "<p class=\"hint\">Nothing for your role today.</p>");
	}
	mon_list_free(&l);
	if (is_leader(r))
		html_lit(&h, "<p><a href=\"/schedule/missed\">What was missed this half-term</a> · <a "
			     "href=\"/schedule/tasks\">The tasks</a> · <a href=\"/schedule/digests\">The "
			     "daily digest and the weekly pack</a></p>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_schedule(struct web_req *r)
{
	return render_today(r, 200, NULL);
}

int page_schedule_done(struct web_req *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id) < 0)
		return 0;
	char next[80];
	snprintf(next, sizeof next, "/schedule#sched-%lld", (long long)id);
	return web_leading_submit(r, LJ_TASK_DONE, id, next, render_today);
}

/* ---- missed ---- */

static int missed_range(struct web_req *r, date_t *from, date_t *to)
{
	static const char *const args[] = {"from", "to", NULL};
	date_t f = web_today(), t = web_today();
	if (!leading_half_term(&r->srv->e, web_today(), &f, &t))
		f = t = web_today();
	if (web_check_query(r, args) < 0 || web_query_date(r, "from", f, from) < 0 ||
	    web_query_date(r, "to", t, to) < 0)
		return -1;
	if (*from > *to) {
		web_fail(r, ERR_INPUT, "from", "from is after to");
		return -1;
	}
	return 0;
}

static int load_closed(struct web_req *r, date_t from, date_t to, struct mon_list *l)
{
	struct app_error err = {0};
	struct engine view;
	struct leading_ctx x;
	char public_url[256];
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	int rc = mon_closed_in(&x, from, to, l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		web_error(r, &err);
	return rc;
}

int page_schedule_missed(struct web_req *r)
{
	date_t from, to;
	struct mon_list l;
	if (missed_range(r, &from, &to) < 0 || load_closed(r, from, to, &l) < 0)
		return 0;
	struct html h = {0};
	html_begin(&h, r, "Missed tasks");
	html_lit(&h, "<h1>Monitoring tasks missed <small>");
	html_date_words(&h, from);
	html_lit(&h, " to ");
	html_date_words(&h, to);
	html_lit(&h, "</small></h1><form method=\"get\" class=\"inline\" action=\"/schedule/missed\">");
	char d[DATE_ISO_LEN];
	html_input(&h, "From", "from", "date", date_format(from, d), 10, true);
	html_input(&h, "To", "to", "date", date_format(to, d), 10, true);
	html_lit(&h, "<button type=\"submit\">Show</button></form>");
	/* by role: due, done, missed */
	static const char *const roles[] = {"admin", "attendance_lead", "office", "head_of_year",
					    "teacher", "dsl"};
	html_lit(&h, "<div class=\"scroll\"><table class=\"list\" id=\"missed-by-role\"><thead><tr><th "
		     "scope=\"col\">Whose</th><th scope=\"col\">Due</th><th scope=\"col\">Done</th><th "
		     "scope=\"col\">Missed</th><th scope=\"col\">People</th></tr></thead><tbody>");
	for (size_t k = 0; k < sizeof roles / sizeof *roles; k++) {
		int due = 0, missed = 0;
		for (int i = 0; i < l.n; i++) {
			if (strcmp(l.v[i].task.owner_role, roles[k]))
				continue;
			due++;
			missed += l.v[i].state == SS_MISSED;
		}
		if (!due)
			continue;
		char people[400];
		struct app_error err = {0};
		mon_people_of_role(r->rd, r->srv->e.school.id, roles[k], people, sizeof people, &err);
		html_lit(&h, "<tr><th scope=\"row\">");
		html_txt(&h, role_words(roles[k]));
		html_lit(&h, "</th><td>");
		html_int(&h, due);
		html_lit(&h, "</td><td>");
		html_int(&h, due - missed);
		html_lit(&h, "</td><td data-k=\"missed\" data-v=\"");
		html_int(&h, missed);
		html_lit(&h, "\">");
		html_int(&h, missed);
		html_lit(&h, "</td><td>");
		html_txt(&h, people[0] ? people : "nobody holds this role");
		html_lit(&h, "</td></tr>");
	}
	html_lit(&h, "</tbody></table></div><h2>Each task missed</h2><div class=\"scroll\"><table "
		     "class=\"list wrap\" id=\"missed\"><thead><tr><th scope=\"col\">Due</th><th "
		     "scope=\"col\">Task</th><th scope=\"col\">Whose</th><th scope=\"col\">Its period "
		     "ended</th></tr></thead><tbody>");
	int n = 0;
	for (int i = 0; i < l.n; i++) {
		const struct mon_item *it = &l.v[i];
		if (it->state != SS_MISSED)
			continue;
		n++;
		html_lit(&h, "<tr><td>");
		html_txt(&h, date_format(it->occ.due, d));
		html_lit(&h, "</td><th scope=\"row\">");
		html_txt(&h, it->task.title);
		if (it->task.proof[0] && it->proof.evidence[0]) {
			html_lit(&h, "<br><small>");
			html_txt(&h, it->proof.evidence);
			html_lit(&h, "</small>");
		}
		html_lit(&h, "</th><td>");
		html_txt(&h, role_words(it->task.owner_role));
		html_lit(&h, "</td><td>");
		html_txt(&h, date_format(it->occ.close, d));
		html_lit(&h, "</td></tr>");
	}
	if (!n)
		html_lit(&h, "<tr><td colspan=\"4\" class=\"hint\">Nothing missed.</td></tr>");
	html_lit(&h, "</tbody></table></div>");
	mon_list_free(&l);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

/* ---- the tasks ---- */

static const char *const cadences[SC__MAX] = {"daily", "weekly", "half_termly", "termly"};
static const char *const cadence_labels[SC__MAX] = {"Daily", "Weekly", "Half-termly", "Termly"};
static const char *const timings[ST__MAX] = {"start", "end", "any"};
static const char *const timing_labels[ST__MAX] = {"at the start", "at the end", "any time"};
static const char *const owner_roles[] = {"admin", "attendance_lead", "office", "head_of_year",
					  "teacher", "dsl"};
static const char *const owner_labels[] = {"Administrator (head teacher)", "Attendance lead",
					   "Office", "Head of year", "Teacher", "DSL"};

static void task_fields(struct html *h, const struct sched_task_rec *t)
{
	html_input(h, "Task", "title", "text", t ? t->title : "", 290, true);
	html_lit(h, "<label>How often <select name=\"cadence\">");
	html_options(h, cadences, cadence_labels, SC__MAX, t ? t->cadence : "weekly");
	html_lit(h, "</select></label><label>When in the period <select name=\"timing\">");
	html_options(h, timings, timing_labels, ST__MAX, t ? t->timing : "any");
	html_lit(h, "</select></label><label>Whose <select name=\"owner_role\">");
	html_options(h, owner_roles, owner_labels, 6, t ? t->owner_role : "attendance_lead");
	html_lit(h, "</select></label><label>attend proves it <select name=\"proof\"><option "
		    "value=\"\">no: a person ticks it</option>");
	for (int i = 0; i < mon_n_proof_kinds; i++) {
		html_lit(h, "<option value=\"");
		html_attr(h, mon_proof_kinds[i].name);
		html_lit(h, "\"");
		if (t && !strcmp(t->proof, mon_proof_kinds[i].name))
			html_lit(h, " selected");
		html_lit(h, ">");
		html_txt(h, mon_proof_kinds[i].label);
		html_lit(h, "</option>");
	}
	html_lit(h, "</select></label>");
}

struct task_page {
	struct html *h;
	struct web_req *r;
};

static int task_row(void *ctx, const struct sched_task_rec *t)
{
	struct task_page *p = ctx;
	struct html *h = p->h;
	html_lit(h, "<details class=\"card\" id=\"task-");
	html_int(h, t->id);
	html_lit(h, "\"><summary>");
	html_txt(h, t->title);
	html_lit(h, " <small>(");
	html_txt(h, t->cadence);
	html_lit(h, ", ");
	html_txt(h, role_words(t->owner_role));
	if (!t->active)
		html_lit(h, ", retired");
	html_lit(h, ")</small></summary><form method=\"post\" class=\"stack\" action=\"/schedule/tasks/");
	html_int(h, t->id);
	html_lit(h, "\">");
	html_csrf(h, p->r);
	task_fields(h, t);
	html_lit(h, "<label>In use <select name=\"active\">");
	html_options(h, (const char *const[]){"yes", "no"}, (const char *const[]){"yes", "no: retired"}, 2,
		     t->active ? "yes" : "no");
	html_lit(h, "</select></label><button type=\"submit\">Save</button></form></details>");
	return 0;
}

static int render_tasks(struct web_req *r, int status, const char *error)
{
	struct html h = {0};
	html_begin(&h, r, "The monitoring schedule");
	html_lit(&h, "<h1>The monitoring schedule <small>the toolkit's Annex C, as the school runs "
		     "it</small></h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p>Tasks come from the school calendar: never on a day without pupils. Weekly "
		     "tasks fall on the first (or last) school day of the week; half-termly and termly "
		     "ones within the first (or last) week, or any time in the period. A task not done "
		     "by the end of its period is missed.</p><div class=\"stack\" id=\"tasks\">");
	struct task_page p = {&h, r};
	if (store_sched_tasks_each(r->rd, r->srv->e.school.id, true, task_row, &p) < 0) {
		free(h.buf);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	html_lit(&h, "</div><h2>Add a task</h2><form method=\"post\" class=\"stack card\" "
		     "action=\"/schedule/tasks\">");
	html_csrf(&h, r);
	task_fields(&h, NULL);
	html_lit(&h, "<button class=\"primary\" type=\"submit\">Add</button></form>");
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_schedule_tasks(struct web_req *r)
{
	return render_tasks(r, 200, NULL);
}

int page_schedule_task_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_TASK, 0, "/schedule/tasks", render_tasks);
}

int page_schedule_task_post(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0
					    : web_leading_submit(r, LJ_TASK, id, "/schedule/tasks",
								 render_tasks);
}

/* ---- digests ---- */

static int recipient_row(void *ctx, const struct digest_recipient_rec *rc)
{
	struct task_page *p = ctx;
	struct html *h = p->h;
	html_lit(h, "<tr><th scope=\"row\">");
	html_txt(h, rc->name);
	html_lit(h, "</th><td>");
	html_txt(h, rc->email);
	html_lit(h, "</td><td>");
	html_txt(h, rc->daily && rc->weekly ? "both" : rc->daily ? "daily digest" : "weekly pack");
	html_lit(h, "</td><td><form method=\"post\" action=\"/schedule/recipients/");
	html_int(h, rc->id);
	html_lit(h, "\">");
	html_csrf(h, p->r);
	html_lit(h, "<input type=\"hidden\" name=\"remove\" value=\"yes\"><button "
		    "type=\"submit\">Remove</button></form></td></tr>");
	return 0;
}

static void preview(struct html *h, struct web_req *r, const char *kind)
{
	struct engine view;
	struct leading_ctx x;
	char public_url[256];
	struct digest d;
	struct app_error err = {0};
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	int rc = digest_compose(&x, kind, web_today(), &d, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	html_lit(h, "<details class=\"card\"><summary>");
	html_txt(h, strcmp(kind, DIGEST_DAILY) ? "The weekly pack as it stands today"
					      : "Today's daily digest as it stands");
	html_lit(h, "</summary>");
	if (rc < 0) {
		html_lit(h, "<p class=\"hint\">");
		html_txt(h, err.message);
		html_lit(h, "</p></details>");
		return;
	}
	html_lit(h, "<p><strong>");
	html_txt(h, d.subject);
	html_lit(h, "</strong></p><pre class=\"digest\">");
	html_txt(h, d.text.p);
	html_lit(h, "</pre></details>");
	digest_free(&d);
}

static int render_digests(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	int daily, weekly;
	char public_url[256] = "", a[8] = "off", b[8] = "off";
	if (mon_digest_times(r->rd, r->srv->e.school.id, &daily, &weekly, &err) < 0)
		return web_error(r, &err);
	store_setting_get(r->rd, r->srv->e.school.id, "public_url", public_url, sizeof public_url);
	if (daily >= 0)
		register_time_text(daily, a);
	if (weekly >= 0)
		register_time_text(weekly, b);
	struct html h = {0};
	html_begin(&h, r, "Daily digest and weekly pack");
	html_lit(&h, "<h1>The daily digest and the weekly pack</h1>");
	html_error_flash(&h, error);
	web_leading_flash(&h, r);
	html_lit(&h, "<p>At the end of each school day the leads below get today's attendance, the "
		     "pupils absent with no reason and what came of it, and the registers taken late; "
		     "on the last school day of each week, the week's figures by key cohorts, the "
		     "absence bands and who moved, for the leadership meeting. Both go through the "
		     "outbox, name no pupil, and link to the lists in attend. The server sends them "
		     "(or a cron job running <code>attend schedule run</code>).</p>"
		     "<form method=\"post\" class=\"inline\" action=\"/schedule/digests\">");
	html_csrf(&h, r);
	html_input(&h, "Daily digest at (HH:MM or off)", "daily_at", "text", a, 5, false);
	html_input(&h, "Weekly pack at (HH:MM or off)", "weekly_at", "text", b, 5, false);
	html_input(&h, "attend's address, for links (also in invitations)", "public_url", "url", public_url, 250, false);
	html_lit(&h, "<button type=\"submit\">Save</button></form><h2>Who gets them</h2><div "
		     "class=\"scroll\"><table class=\"list\" id=\"recipients\"><thead><tr><th "
		     "scope=\"col\">Name</th><th scope=\"col\">Email</th><th scope=\"col\">Gets</th><th "
		     "scope=\"col\"></th></tr></thead><tbody>");
	struct task_page p = {&h, r};
	store_digest_recipients_each(r->rd, r->srv->e.school.id, recipient_row, &p);
	html_lit(&h, "</tbody></table></div><form method=\"post\" class=\"inline\" "
		     "action=\"/schedule/recipients\">");
	html_csrf(&h, r);
	html_input(&h, "Name", "name", "text", "", 120, true);
	html_input(&h, "Email", "email", "email", "", 250, true);
	html_lit(&h, "<label class=\"check\"><input type=\"checkbox\" name=\"daily\" value=\"yes\" "
		     "checked> daily digest</label><label class=\"check\"><input type=\"checkbox\" "
		     "name=\"weekly\" value=\"yes\" checked> weekly pack</label><button "
		     "type=\"submit\">Add</button></form>");
	preview(&h, r, DIGEST_DAILY);
	preview(&h, r, DIGEST_WEEKLY);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_schedule_digests(struct web_req *r)
{
	return render_digests(r, 200, NULL);
}

int page_schedule_digests_post(struct web_req *r)
{
	return web_leading_submit(r, LJ_DIGEST_SETTINGS, 0, "/schedule/digests", render_digests);
}

int page_schedule_recipient_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_RECIPIENT_ADD, 0, "/schedule/digests", render_digests);
}

int page_schedule_recipient_post(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0
					    : web_leading_submit(r, LJ_RECIPIENT_REMOVE, id,
								 "/schedule/digests", render_digests);
}

/* ---- JSON ---- */

int api_schedule(struct web_req *r)
{
	static const char *const args[] = {"date", NULL};
	date_t day;
	if (web_check_query(r, args) < 0 || web_query_date(r, "date", web_today(), &day) < 0)
		return 0;
	struct app_error err = {0};
	struct engine view;
	struct leading_ctx x;
	char public_url[256], d[DATE_ISO_LEN];
	struct mon_list l;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_leading_ctx(r, &view, &x, public_url, sizeof public_url);
	int rc = mon_open_on(&x, day, is_leader(r) ? NULL : role_name(r->who.role), &l, &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		return web_error(r, &err);
	json_t *tasks = json_array();
	for (int i = 0; i < l.n; i++) {
		json_t *j = mon_item_json(&l.v[i]);
		json_object_set_new(j, "yours", json_boolean(!strcmp(l.v[i].task.owner_role,
								     role_name(r->who.role))));
		json_array_append_new(tasks, j);
	}
	mon_list_free(&l);
	return web_json(r, 200, json_pack("{s:s,s:s,s:o}", "date", date_format(day, d), "role",
					  role_name(r->who.role), "tasks", tasks));
}

int api_schedule_done(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_TASK_DONE, id, "", NULL);
}

int api_schedule_missed(struct web_req *r)
{
	date_t from, to;
	struct mon_list l;
	if (missed_range(r, &from, &to) < 0 || load_closed(r, from, to, &l) < 0)
		return 0;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];
	json_t *missed = json_array();
	int done = 0;
	for (int i = 0; i < l.n; i++) {
		if (l.v[i].state != SS_MISSED) {
			done++;
			continue;
		}
		json_t *j = mon_item_json(&l.v[i]);
		char people[400];
		struct app_error err = {0};
		mon_people_of_role(r->rd, r->srv->e.school.id, l.v[i].task.owner_role, people,
				   sizeof people, &err);
		json_object_set_new(j, "people", json_string(people));
		json_array_append_new(missed, j);
	}
	json_t *out = json_pack("{s:s,s:s,s:i,s:i,s:o}", "from", date_format(from, a), "to",
				date_format(to, b), "closed", l.n, "done", done, "missed", missed);
	mon_list_free(&l);
	return web_json(r, 200, out);
}

static int task_json(void *ctx, const struct sched_task_rec *t)
{
	return json_array_append_new(ctx, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:b}", "id",
						     (json_int_t)t->id, "title", t->title, "cadence",
						     t->cadence, "timing", t->timing, "owner_role",
						     t->owner_role, "proof", t->proof, "active",
						     t->active, "builtin", t->builtin_key[0] != 0));
}

int api_schedule_tasks(struct web_req *r)
{
	json_t *out = json_array();
	if (store_sched_tasks_each(r->rd, r->srv->e.school.id, true, task_json, out) < 0) {
		json_decref(out);
		return web_fail(r, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	return web_json(r, 200, out);
}

int api_schedule_task_add(struct web_req *r)
{
	return web_leading_submit(r, LJ_TASK, 0, "", NULL);
}

int api_schedule_task_put(struct web_req *r)
{
	int64_t id;
	return web_path_id(r, 0, &id) < 0 ? 0 : web_leading_submit(r, LJ_TASK, id, "", NULL);
}
