/* The classes of the timetable, for the attendance lead and the office, and
 * correcting a class's pupils:
 *   GET  /classes            every class: subject, teacher, room, when it meets, pupils
 *   GET  /classes/{class*}   one class: its meetings and pupils (with dates)
 *   POST /classes/{class*}   add a pupil from a date, or take one out from a
 *                            date (attendance lead and admin) */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/lesson_import.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

static bool may_edit(const struct account *a)
{
	return ROLE_BIT(a->role) & ROLES_LEADS;
}

static void class_href(struct html *h, const char *code)
{
	html_lit(h, "/classes/");
	html_url_path(h, code);
}

static void meetings_text(struct html *h, const struct lesson_engine *le,
			  const struct lesson_class *k)
{
	for (int j = 0; j < k->n_meetings; j++) {
		const struct lesson_meeting *m = &k->meetings[j];
		if (j)
			html_lit(h, ", ");
		if (le->tt.n_weeks > 1) {
			html_txt(h, tt_week_name(&le->tt, m->week));
			html_lit(h, " ");
		}
		html_txt(h, tt_weekday_short(m->weekday));
		html_lit(h, " P");
		html_txt(h, le->tt.day[m->week][m->weekday].p[m->period].label);
	}
}

static int members_on(const struct lesson_class *k, date_t day)
{
	int n = 0;
	for (int i = 0; i < k->n_members; i++)
		n += k->members[i].start <= day && day <= k->members[i].end;
	return n;
}

int page_classes(struct web_req *r)
{
	const struct engine *e = &r->srv->e;
	struct html h = {0};
	html_begin(&h, r, "Classes");
	html_lit(&h, "<h1>Classes</h1>");
	pthread_rwlock_rdlock(&r->srv->lock);
	const struct lesson_engine *le = e->lessons;
	if (!le || le->n_classes == 0) {
		html_lit(&h, "<p class=\"flash\">No classes yet: import the timetable and the classes "
			     "(<code>attend import timetable</code>, <code>attend import classes</code>).</p>");
	} else {
		html_lit(&h, "<table class=\"list\" id=\"classes\"><thead><tr><th>Class</th><th>Subject</th>"
			     "<th>Teacher</th><th>Room</th><th>Meets</th><th>Pupils</th></tr></thead><tbody>");
		for (int c = 0; c < le->n_classes; c++) {
			const struct lesson_class *k = &le->classes[c];
			html_lit(&h, "<tr><th scope=\"row\"><a href=\"");
			class_href(&h, k->code);
			html_lit(&h, "\">");
			html_txt(&h, k->code);
			html_lit(&h, "</a></th><td>");
			html_txt(&h, k->subject);
			html_lit(&h, "</td><td>");
			html_txt(&h, k->teacher);
			html_lit(&h, "</td><td>");
			html_txt(&h, k->room);
			html_lit(&h, "</td><td>");
			meetings_text(&h, le, k);
			html_lit(&h, "</td><td>");
			html_int(&h, members_on(k, web_today()));
			html_lit(&h, "</td></tr>");
		}
		html_lit(&h, "</tbody></table>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	html_end(&h, r);
	return html_send(&h, r, 200);
}

static int class_of_path(struct web_req *r, struct app_error *err)
{
	const struct lesson_engine *le = r->srv->e.lessons;
	int c = le ? lessons_class(le, r->args[0]) : -1;
	if (c < 0)
		return app_fail(err, ERR_NOT_FOUND, "class", "there is no class %.40s", r->args[0]);
	if (!account_sees_class(&r->who, &le->classes[c]))
		return app_fail(err, ERR_FORBIDDEN, "class", "class %s is not one of your classes",
				le->classes[c].code);
	return c;
}

static int render(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	const struct engine *e = &r->srv->e;
	char d[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	pthread_rwlock_rdlock(&r->srv->lock);
	int c = class_of_path(r, &err);
	if (c < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	const struct lesson_class *k = &e->lessons->classes[c];
	struct html h = {0};
	html_begin(&h, r, k->code);
	html_lit(&h, "<h1>");
	html_txt(&h, k->code);
	html_lit(&h, " <small>");
	html_txt(&h, k->subject);
	html_lit(&h, " · ");
	html_txt(&h, k->teacher);
	if (k->room[0]) {
		html_lit(&h, " · room ");
		html_txt(&h, k->room);
	}
	html_lit(&h, "</small></h1><p>Meets: ");
	meetings_text(&h, e->lessons, k);
	html_lit(&h, "</p>");
	if (error) {
		html_lit(&h, "<p class=\"flash bad\" role=\"alert\" id=\"error\">");
		html_txt(&h, error);
		html_lit(&h, "</p>");
	}
	if (web_query(r, "saved"))
		html_lit(&h, "<p class=\"flash good\" role=\"status\" id=\"saved\">Saved: the change is "
			     "in the audit log.</p>");
	html_lit(&h, "<table class=\"list\" id=\"pupils\"><thead><tr><th>Pupil</th><th>Form</th>"
		     "<th>In the class</th>");
	if (may_edit(&r->who))
		html_lit(&h, "<th></th>");
	html_lit(&h, "</tr></thead><tbody>");
	date_t today = web_today();
	for (int i = 0; i < k->n_members; i++) {
		const struct lesson_member *mb = &k->members[i];
		int row = engine_row_of_id(e, mb->pupil_id, DATE_INVALID, -1);
		if (row < 0)
			continue;
		const struct pupil_row *p = &e->m.rows[row];
		html_lit(&h, "<tr><td>");
		html_txt(&h, p->surname);
		html_lit(&h, ", ");
		html_txt(&h, p->forename);
		html_lit(&h, " <small>");
		html_txt(&h, p->upn);
		html_lit(&h, "</small></td><td>");
		html_txt(&h, e->m.forms[p->form]);
		html_lit(&h, "</td><td>");
		html_txt(&h, date_format(mb->start, d));
		if (mb->end == DATE_OPEN_END) {
			html_lit(&h, " on");
		} else {
			html_lit(&h, " to ");
			html_txt(&h, date_format(mb->end, d2));
		}
		html_lit(&h, "</td>");
		if (may_edit(&r->who)) {
			html_lit(&h, "<td>");
			if (mb->end >= today) {
				html_lit(&h, "<form method=\"post\" class=\"inline\" action=\"");
				class_href(&h, k->code);
				html_lit(&h, "\">");
				html_csrf(&h, r);
				html_lit(&h, "<input type=\"hidden\" name=\"action\" value=\"remove\">"
					     "<input type=\"hidden\" name=\"upn\" value=\"");
				html_attr(&h, p->upn);
				html_lit(&h, "\"><label>Leaves from <input type=\"date\" name=\"from\" value=\"");
				html_attr(&h, date_format(today, d));
				html_lit(&h, "\"></label><button type=\"submit\">Take out</button></form>");
			}
			html_lit(&h, "</td>");
		}
		html_lit(&h, "</tr>");
	}
	html_lit(&h, "</tbody></table>");
	if (may_edit(&r->who)) {
		html_lit(&h, "<h2>Add a pupil</h2><form method=\"post\" class=\"inline\" id=\"add\" action=\"");
		class_href(&h, k->code);
		html_lit(&h, "\">");
		html_csrf(&h, r);
		html_lit(&h, "<input type=\"hidden\" name=\"action\" value=\"add\"><label>UPN "
			     "<input name=\"upn\" required maxlength=\"13\"></label><label>From "
			     "<input type=\"date\" name=\"from\" value=\"");
		html_attr(&h, date_format(today, d));
		html_lit(&h, "\"></label><button type=\"submit\">Add</button></form>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_class_get(struct web_req *r)
{
	return render(r, 200, NULL);
}

struct member_job {
	int cls;
	int64_t *pupils;
	int n;
	date_t from;
	char by[STORE_USER_MAX];
};

static void member_job_free(void *arg)
{
	struct member_job *mj = arg;
	free(mj->pupils);
	free(mj);
}

static int member_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct member_job *mj = j->arg;
	struct actor who = {mj->by, "web:classes"};
	return lesson_class_set_pupils(&srv->e, mj->cls, mj->pupils, mj->n, mj->from, &who, err);
}

static int member_saved(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0) {
		int status = web_status_of(j->err.kind);
		return status >= 500 ? web_error(r, &j->err) : render(r, status, j->err.message);
	}
	char loc[600];
	snprintf(loc, sizeof loc, "%s?saved=1", r->path);
	return web_redirect(r, loc);
}

int page_class_post(struct web_req *r)
{
	struct app_error err = {0};
	const struct engine *e = &r->srv->e;
	const char *action = web_form_value(r, "action"), *upn = web_form_value(r, "upn"),
		   *from = web_form_value(r, "from");
	bool add = action && strcmp(action, "add") == 0, remove = action && strcmp(action, "remove") == 0;
	struct member_job *mj = calloc(1, sizeof *mj);
	if (!mj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	pthread_rwlock_rdlock(&r->srv->lock);
	int c = class_of_path(r, &err), rc = -1;
	if (c < 0)
		goto out;
	if (!add && !remove) {
		app_fail(&err, ERR_INPUT, "action", "action must be add or remove");
		goto out;
	}
	mj->from = web_today();
	if (from && *from && parse_date_field("from", from, &mj->from, &err) < 0)
		goto out;
	const char *why = upn ? upn_shape_error(upn) : "is missing";
	int row = why ? -1 : engine_pupil_row(e, upn);
	if (why) {
		app_fail(&err, ERR_INPUT, "upn", "upn '%.20s' %s", upn ? upn : "", why);
		goto out;
	}
	if (row < 0) {
		app_fail(&err, ERR_INPUT, "upn", "no pupil with UPN %s", upn);
		goto out;
	}
	const struct lesson_class *k = &e->lessons->classes[c];
	int64_t pid = e->m.rows[row].pupil_id;
	mj->pupils = malloc((size_t)(k->n_members + 1) * sizeof *mj->pupils);
	if (!mj->pupils) {
		app_fail(&err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	bool member = false;
	for (int i = 0; i < k->n_members; i++) {
		int64_t m = k->members[i].pupil_id;
		if (!lessons_member_on(k, m, mj->from))
			continue;
		bool dup = false;
		for (int x = 0; x < mj->n && !dup; x++)
			dup = mj->pupils[x] == m;
		if (dup)
			continue;
		if (m == pid) {
			member = true;
			if (remove)
				continue;
		}
		mj->pupils[mj->n++] = m;
	}
	if (add && member) {
		app_fail(&err, ERR_CONFLICT, "upn", "pupil %s is in %s on that day already", upn, k->code);
		goto out;
	}
	if (remove && !member) {
		app_fail(&err, ERR_INPUT, "upn", "pupil %s is not in %s on that day", upn, k->code);
		goto out;
	}
	if (add)
		mj->pupils[mj->n++] = pid;
	mj->cls = c;
	snprintf(mj->by, sizeof mj->by, "%s", r->who.username);
	rc = 0;
out:
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0) {
		member_job_free(mj);
		int status = web_status_of(err.kind);
		return status == 400 || status == 409 ? render(r, status, err.message) : web_error(r, &err);
	}
	return web_write(r, member_run, mj, member_job_free, member_saved, web_reload_lessons);
}
