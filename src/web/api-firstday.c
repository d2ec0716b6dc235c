/* The first-day response and tasks as JSON:
 *   GET  /api/first-day?date=         the queue: [{"upn","name","form","sessions",
 *                                     "flags","run","escalation","due","actions"}],
 *                                     and the N overdue
 *   POST /api/first-day/UPN/STEP      {"result","contact","note","template"}
 *   GET  /api/tasks                   the tasks you may see
 *   POST /api/tasks/ID/done           {"result","contact","note"} */
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/firstday.h"
#include "app/tasks.h"
#include "web/web.h"

static json_t *str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

static json_t *item_json(const struct engine *e, const struct firstday_list *l,
			 const struct firstday_item *it)
{
	const struct pupil_row *p = &e->m.rows[it->row];
	char name[300], flags[128], t[6];
	snprintf(name, sizeof name, "%s %s", p->forename, p->surname);
	firstday_flags_text(it->flags, flags, sizeof flags);
	json_t *sessions = json_array();
	for (int s = 0; s < SESSION__MAX; s++)
		if (it->n[s])
			json_array_append_new(sessions, json_string(session_name((enum session)s)));
	json_t *due = json_null();
	if (it->due.step < FD_STEP__MAX)
		due = json_pack("{s:s, s:s, s:s, s:b}", "step", fd_step_name((enum fd_step)it->due.step),
				"by", register_time_text(it->due.by, t), "owner",
				fd_step_owner((enum fd_step)it->due.step), "late", it->due.late);
	json_t *actions = json_array();
	for (int i = 0; i < it->n_actions; i++) {
		const struct first_day_action_rec *a = &l->actions[it->first_action + i];
		json_array_append_new(
			actions, json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:o}", "step", a->step,
					   "result", a->result, "contact", str_or_null(a->contact_name),
					   "note", a->note, "by", a->done_by, "at", a->done_at,
					   "outbox_id", a->outbox_id ? json_integer(a->outbox_id) : json_null(),
					   "outbox_status", str_or_null(a->outbox_status)));
	}
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:b, s:i, s:o, s:i, s:b, s:o, s:o, s:o}", "upn",
			 p->upn, "name", name, "form", e->m.forms[p->form], "sessions", sessions,
			 "flags", flags, "flagged", it->flags != 0, "run", it->run, "escalation",
			 it->escalation >= 0 ? json_string(esc_who_name((enum esc_who)it->escalation))
					     : json_null(),
			 "working_contacts", it->working, "contacted", it->progress.contacted, "due",
			 due, "actions", actions, "task_id",
			 it->task_id ? json_integer(it->task_id) : json_null());
}

int api_first_day(struct web_req *r)
{
	struct app_error err = {0};
	date_t day;
	if (web_day_param(r, &day, &err) < 0)
		return web_error(r, &err);
	struct engine view;
	struct firstday_list l;
	struct firstday_overdue *o = NULL;
	int n_o = 0;
	char d[DATE_ISO_LEN];
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	if (firstday_list_build(&view, day, web_today(), clock_minute_of_day(), &l, &err) < 0 ||
	    firstday_overdue_build(&view, web_today(), &o, &n_o, &err) < 0) {
		pthread_rwlock_unlock(&r->srv->lock);
		return web_error(r, &err);
	}
	json_t *items = json_array(), *resolved = json_array(), *overdue = json_array();
	for (int i = 0; i < l.n; i++)
		json_array_append_new(items, item_json(&view, &l, &l.items[i]));
	for (int i = 0; i < l.n_resolved; i++)
		json_array_append_new(resolved, item_json(&view, &l, &l.resolved[i]));
	for (int i = 0; i < n_o; i++)
		json_array_append_new(overdue, json_pack("{s:s, s:s, s:s, s:i}", "upn",
							 view.m.rows[o[i].row].upn, "date",
							 date_format(o[i].date, d), "session",
							 session_name(o[i].session), "school_days",
							 o[i].school_days));
	pthread_rwlock_unlock(&r->srv->lock);
	firstday_list_free(&l);
	free(o);
	return web_json(r, 200, json_pack("{s:s, s:o, s:o, s:o}", "date", date_format(day, d),
					  "pupils", items, "resolved", resolved, "overdue", overdue));
}

/* A member of the body as text: NULL when absent or null; a whole number
 * as its digits where buf is given; anything else "" (which the field's
 * rule then refuses). */
static const char *member(json_t *body, const char *key, char *buf, size_t len)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_integer(v) && buf) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

static int step_done(struct web_req *r, struct write_job *j)
{
	if (j->rc < 0)
		return web_error(r, &j->err);
	return web_json(r, 200, json_pack("{s:b}", "ok", true));
}

int api_first_day_step(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	char contact[24];
	int rc = web_first_day_submit(r, r->args[1], member(body, "result", NULL, 0),
				      member(body, "contact", contact, sizeof contact),
				      member(body, "note", NULL, 0), member(body, "template", NULL, 0),
				      step_done);
	json_decref(body);
	return rc;
}

static json_t *task_json(struct web_req *r, const struct task_rec *t)
{
	char who[160], d1[DATE_ISO_LEN], d2[DATE_ISO_LEN];
	tasks_assignee_text(t, who, sizeof who);
	int row = web_row_of_pupil(&r->srv->e, t->pupil_id);
	return json_pack("{s:I, s:o, s:s, s:s, s:b, s:s, s:s, s:i, s:s, s:o, s:o, s:s}", "id",
			 (json_int_t)t->id, "upn",
			 row >= 0 ? json_string(r->srv->e.m.rows[row].upn) : json_null(), "title",
			 t->title, "for", who, "mine", tasks_for_account(&r->who, t), "absence_date",
			 date_format(t->absence_date, d1), "due", date_format(t->due_date, d2), "day",
			 t->day_number, "state", t->state, "done_by", str_or_null(t->done_by),
			 "done_at", str_or_null(t->done_at), "outcome", t->outcome);
}

int api_tasks(struct web_req *r)
{
	struct app_error err = {0};
	struct web_tasks l;
	if (web_tasks_load(r, &l, &err) < 0)
		return web_error(r, &err);
	json_t *out = json_array();
	pthread_rwlock_rdlock(&r->srv->lock);
	for (int i = 0; i < l.n; i++)
		json_array_append_new(out, task_json(r, &l.v[i]));
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	return web_json(r, 200, out);
}

int api_task_done(struct web_req *r)
{
	struct app_error err = {0};
	json_t *body = web_json_body(r, &err);
	if (!body)
		return web_error(r, &err);
	char contact[24];
	const char *result = member(body, "result", NULL, 0);
	int rc = web_task_submit(r, r->args[0], result ? result : "",
				 member(body, "contact", contact, sizeof contact),
				 member(body, "note", NULL, 0), step_done);
	json_decref(body);
	return rc;
}
