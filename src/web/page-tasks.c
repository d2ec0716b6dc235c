/* A person's tasks (escalation of unexplained absence):
 *   GET  /tasks            the open tasks for you (your forms, your years, your
 *                          role), then, for the office and leaders, everyone
 *                          else's, and what was done in the last week
 *   POST /tasks/ID/done    done: a call (reached, no answer) goes in the
 *                          contact log; anything else with a note */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/parse.h"
#include "app/tasks.h"
#include "web/html.h"
#include "web/web.h"

#define DONE_DAYS 7

static int add_task(void *ctx, const struct task_rec *t)
{
	struct web_tasks *l = ctx;
	return web_push(&l->v, &l->n, sizeof *t, t);
}

int web_tasks_load(struct web_req *r, struct web_tasks *out, struct app_error *err)
{
	char since[DATE_ISO_LEN];
	struct web_tasks all = {0};
	memset(out, 0, sizeof *out);
	if (store_tasks_each(r->rd, r->srv->e.school.id, false,
			     date_format(web_today() - DONE_DAYS, since), 0, add_task, &all) < 0) {
		free(all.v);
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(r->rd));
	}
	for (int i = 0; i < all.n; i++)
		if (tasks_visible(&r->who, &all.v[i]))
			all.v[out->n++] = all.v[i];
	out->v = all.v;
	return 0;
}

static void task_card(struct html *h, struct web_req *r, const struct engine *e,
		      const struct task_rec *t)
{
	char who[160], people[400] = "", d[DATE_ISO_LEN];
	struct app_error err = {0};
	int row = web_row_of_pupil(e, t->pupil_id);
	bool open = strcmp(t->state, "open") == 0;
	tasks_assignee_text(t, who, sizeof who);
	tasks_people(e->store, e->school.id, t, people, sizeof people, &err);
	html_lit(h, "<article class=\"task card");
	if (open && t->due_date < web_today())
		html_lit(h, " is-late");
	html_lit(h, "\" id=\"task-");
	html_int(h, t->id);
	html_lit(h, "\"><h3>");
	html_txt(h, t->title);
	html_lit(h, "</h3><p class=\"fd-meta\">For ");
	html_txt(h, who);
	if (people[0]) {
		html_lit(h, " <small>(");
		html_txt(h, people);
		html_lit(h, ")</small>");
	}
	html_lit(h, " · due ");
	html_txt(h, date_format(t->due_date, d));
	if (open && t->due_date < web_today())
		html_lit(h, " <strong class=\"state overdue\">overdue</strong>");
	if (row >= 0) {
		html_lit(h, " · <a href=\"/pupils/");
		html_url_seg(h, e->m.rows[row].upn);
		html_lit(h, "/family\">contacts and log</a>");
	}
	html_lit(h, "</p>");
	if (!open) {
		html_lit(h, "<p class=\"done\"><span class=\"state taken\">");
		html_txt(h, strcmp(t->state, "done") == 0 ? "Done" : "Closed");
		html_lit(h, "</span> ");
		html_time(h, t->done_at, web_today());
		html_lit(h, " by ");
		html_txt(h, t->done_by);
		html_lit(h, ": ");
		html_txt(h, t->outcome);
		html_lit(h, "</p></article>");
		return;
	}
	html_lit(h, "<form method=\"post\" class=\"step js-swap\" action=\"/tasks/");
	html_int(h, t->id);
	html_lit(h, "/done\" data-swap=\"task-");
	html_int(h, t->id);
	html_lit(h, " tasks-summary\">");
	html_csrf(h, r);
	struct web_contacts c = {0};
	if (row >= 0 && web_contacts_load(e->store, e->school.id, t->pupil_id, &c, &err) == 0 && c.n) {
		html_lit(h, "<label>Called <select name=\"contact\">");
		html_contact_options(h, &c, true, 0);
		html_lit(h, "</select></label>");
	}
	web_contacts_free(&c);
	html_lit(h, "<label>Note <input name=\"note\" maxlength=\"500\" placeholder=\"what was said "
		    "or done\"></label><span class=\"buttons\"><button name=\"result\" "
		    "value=\"reached\">Reached</button><button name=\"result\" value=\"no_answer\">"
		    "No answer</button><button name=\"result\" value=\"done\">Done (with a note)"
		    "</button></span></form></article>");
}

static int render(struct web_req *r, int status, const char *error)
{
	struct app_error err = {0};
	struct web_tasks l;
	if (web_tasks_load(r, &l, &err) < 0)
		return web_error(r, &err);
	struct html h = {0};
	html_begin(&h, r, "Tasks");
	html_lit(&h, "<h1>Tasks</h1>");
	html_error_flash(&h, error);
	html_done_flash(&h, r);
	int mine = 0, others = 0;
	for (int i = 0; i < l.n; i++) {
		bool open = strcmp(l.v[i].state, "open") == 0;
		mine += open && tasks_for_account(&r->who, &l.v[i]);
		others += open && !tasks_for_account(&r->who, &l.v[i]);
	}
	html_lit(&h, "<p class=\"summary\" id=\"tasks-summary\">");
	html_txtf(&h, "%d open task%s for you", mine, mine == 1 ? "" : "s");
	if (account_whole_school(&r->who))
		html_txtf(&h, "; %d for others", others);
	html_lit(&h, ".</p>");
	struct engine view;
	pthread_rwlock_rdlock(&r->srv->lock);
	web_engine_view(r, &view);
	static const char *const heads[3] = {"For you", "For others", "Done in the last week"};
	for (int part = 0; part < 3; part++) {
		int shown = 0;
		for (int i = 0; i < l.n; i++) {
			const struct task_rec *t = &l.v[i];
			bool open = strcmp(t->state, "open") == 0, for_me = tasks_for_account(&r->who, t);
			if ((part == 0 && !(open && for_me)) || (part == 1 && !(open && !for_me)) ||
			    (part == 2 && open))
				continue;
			if (!shown++) {
				html_lit(&h, "<h2>");
				html_txt(&h, heads[part]);
				html_lit(&h, "</h2><div class=\"fd-list\">");
			}
			task_card(&h, r, &view, t);
		}
		if (shown)
			html_lit(&h, "</div>");
		else if (part == 0)
			html_lit(&h, "<p class=\"hint\">Nothing for you now. Tasks come when a pupil of "
				     "yours is absent with no reason on consecutive school days.</p>");
	}
	pthread_rwlock_unlock(&r->srv->lock);
	free(l.v);
	html_end(&h, r);
	return html_send(&h, r, status);
}

int page_tasks(struct web_req *r)
{
	return render(r, 200, NULL);
}

struct task_job {
	struct task_finish f;
	struct account who;
	char note[STORE_NOTE_MAX];
	const char *source;
	char next[320];
};

static int task_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct task_job *tj = j->arg;
	struct actor who = {tj->who.username, tj->source};
	return tasks_finish_write(&srv->e, &tj->f, &tj->who, &who, err);
}

static int task_done_page(struct web_req *r, struct write_job *j)
{
	struct task_job *tj = j->arg;
	if (j->rc < 0)
		return web_status_of(j->err.kind) >= 500 || j->err.kind == ERR_NOT_FOUND
			       ? web_error(r, &j->err)
			       : render(r, web_status_of(j->err.kind), j->err.message);
	return web_done(r, tj->next, "task");
}

int web_task_submit(struct web_req *r, const char *id, const char *result, const char *contact,
		    const char *note, int (*finish)(struct web_req *r, struct write_job *j))
{
	struct app_error err = {0};
	struct task_job *tj = calloc(1, sizeof *tj);
	if (!tj)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	long task_id, prio = 0;
	int res = task_result_parse(result);
	tj->f.result = res < 0 ? TASK_RESULT__MAX : (enum task_result)res;
	/* the input first: it says nothing of tasks that may not be yours */
	if (parse_int_field("id", id, 1, LONG_MAX, &task_id, &err) < 0 ||
	    (contact && *contact && parse_int_field("contact", contact, 1, 99, &prio, &err) < 0) ||
	    (note && parse_text_field("note", note, tj->note, sizeof tj->note, 0, &err) < 0)) {
		free(tj);
		return web_error(r, &err);
	}
	tj->f.id = task_id;
	tj->f.contact_priority = (int)prio;
	tj->f.note = tj->note;
	if (tasks_finish_check_input(&tj->f, &err) < 0) {
		free(tj);
		return web_error(r, &err);
	}
	tj->who = r->who;
	tj->source = web_actor(r).source;
	snprintf(tj->next, sizeof tj->next, "%s", web_next(r, "/tasks"));
	return web_write(r, task_run, tj, free, finish, NULL);
}

int page_task_done(struct web_req *r)
{
	int rc = web_task_submit(r, r->args[0], web_form_value(r, "result"),
				 web_form_value(r, "contact"), web_form_value(r, "note"),
				 task_done_page);
	if (rc == 0 && r->status == 400)
		return render(r, 400, r->last_error);
	return rc;
}
