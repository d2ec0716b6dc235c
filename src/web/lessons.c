/* What the lesson pages and the lesson API share: the lesson a path names
 * (with the account's scope), handing a lesson register to the writer and
 * delivering its alerts after the commit, the reminders the writer raises
 * between groups, and the lessons part of the teacher's day. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/clock.h"
#include "app/parse.h"
#include "web/html.h"
#include "web/web.h"

#define TICK_SECONDS 30

int web_lesson_path(struct web_req *r, int first_arg, struct lesson_ref *out,
		    struct app_error *err)
{
	const struct engine *e = &r->srv->e;
	if (lessons_ref(e, r->args[first_arg], r->args[first_arg + 1], r->args[first_arg + 2], out,
			err) < 0)
		return -1;
	const struct lesson_class *k = &e->lessons->classes[out->cls];
	if (!account_sees_class(&r->who, k))
		return app_fail(err, ERR_FORBIDDEN, "class", "class %s is not one of your classes",
				k->code);
	return 0;
}

void web_lesson_href(struct html *h, const struct engine *e, const struct lesson_ref *l)
{
	char d[DATE_ISO_LEN];
	html_lit(h, "/lessons/");
	html_txt(h, date_format(l->date, d));
	html_lit(h, "/");
	html_url_seg(h, lessons_day(e->lessons, &e->cal, l->day)->p[l->period].label);
	html_lit(h, "/");
	html_url_path(h, e->lessons->classes[l->cls].code);
}

/* ---- a lesson register through the writer ---- */

struct lesson_job {
	struct lesson_submission sub;
	struct lesson_outcome out;
};

static void lesson_job_free(void *arg)
{
	struct lesson_job *lj = arg;
	free(lj->sub.marks);
	free(lj);
}

static int lesson_run(struct server *srv, struct write_job *j, struct app_error *err)
{
	struct lesson_job *lj = j->arg;
	enum register_mode mode;
	if (lessons_register_mode(srv->store, srv->e.school.id, &mode, err) < 0)
		return -1;
	return lessons_write(&srv->e, &lj->sub, mode, &lj->out, err);
}

static void lesson_committed(struct server *srv, struct write_job *j)
{
	(void)srv;
	const struct lesson_job *lj = j->arg;
	alerts_deliver(lj->out.alerts, lj->out.n_alerts);
}

int web_submit_lesson(struct web_req *r, const struct lesson_ref *l, struct register_mark *marks,
		      int n, const char *reason, int (*finish)(struct web_req *r, struct write_job *j))
{
	struct app_error err = {0};
	struct lesson_job *lj = calloc(1, sizeof *lj);
	struct write_job *j = calloc(1, sizeof *j);
	if (!lj || !j) {
		free(lj);
		free(j);
		free(marks);
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	}
	lj->sub = (struct lesson_submission){.at = *l, .marks = marks, .n_marks = n, .by = &r->who,
					     .source = (r->route->flags & ROUTE_API) ? "api" : "web"};
	j->arg = lj;
	j->free_arg = lesson_job_free;
	j->run = lesson_run;
	j->committed = lesson_committed;
	j->finish = finish;
	if (reason && parse_text_field("reason", reason, lj->sub.reason, sizeof lj->sub.reason, 0,
				       &err) < 0)
		goto fail;
	pthread_rwlock_rdlock(&r->srv->lock);
	int rc = lessons_check(&r->srv->e, &lj->sub, web_today(), clock_minute_of_day(), &err);
	pthread_rwlock_unlock(&r->srv->lock);
	if (rc < 0)
		goto fail;
	return web_defer(r, j);
fail:
	lesson_job_free(lj);
	free(j);
	return web_error(r, &err);
}

const struct lesson_outcome *web_lesson_outcome(const struct write_job *j)
{
	return &((const struct lesson_job *)j->arg)->out;
}

const struct lesson_submission *web_lesson_submission(const struct write_job *j)
{
	return &((const struct lesson_job *)j->arg)->sub;
}

void web_reload_lessons(struct server *srv, struct write_job *j)
{
	(void)j;
	struct app_error err = {0};
	pthread_rwlock_wrlock(&srv->lock);
	int rc = lessons_load(&srv->e, &err);
	pthread_rwlock_unlock(&srv->lock);
	if (rc < 0)
		web_log("error reloading the classes: %s", err.message);
}

/* ---- between groups: reminders ---- */

void web_alert_log(void *ctx, const struct alert_rec *a)
{
	(void)ctx;
	web_log("alert %lld (%s) for %s%s%s%s: %s", (long long)a->id, a->kind, a->audience,
		a->audience_year[0] || a->audience_user[0] ? " " : "", a->audience_year,
		a->audience_user, a->message);
}

void web_tick(struct server *srv)
{
	time_t *last = &srv->tick.lessons_last; /* the school's writer thread's alone */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (*last && now.tv_sec - *last < TICK_SECONDS)
		return;
	*last = now.tv_sec;
	struct engine *e = &srv->e;
	if (!e->lessons || e->lessons->n_classes == 0)
		return;
	struct app_error err = {0};
	struct alert_rec raised[LESSON_ALERTS_MAX];
	int n = 0;
	if (engine_begin(e, &err) < 0)
		goto fail;
	if (lessons_remind(e, clock_today(), clock_minute_of_day(), raised, &n, LESSON_ALERTS_MAX,
			   &err) < 0) {
		engine_rollback(e);
		goto fail;
	}
	if (engine_commit(e, &err) < 0)
		goto fail;
	alerts_deliver(raised, n);
	return;
fail:
	web_log("error raising lesson register reminders: %s", err.message);
}

/* ---- the teacher's day ---- */

void web_lessons_today(struct html *h, struct web_req *r, date_t day)
{
	const struct engine *e = &r->srv->e;
	struct app_error err = {0};
	struct lesson_slot *slots = NULL;
	int n = 0;
	char t[6], t2[6];
	if (!e->lessons || e->lessons->n_classes == 0 || calendar_day_index(&e->cal, day) < 0)
		return;
	if (lessons_of_day(e, r->rd, &r->who, day, clock_minute_of_day(), web_today(), &slots, &n,
			   &err) < 0 || n == 0) {
		free(slots);
		return;
	}
	int di = calendar_day_index(&e->cal, day);
	const struct tt_day *td = lessons_day(e->lessons, &e->cal, di);
	html_lit(h, "<h2>Lessons</h2><ul class=\"registers lessons\" id=\"lessons\">");
	for (int i = 0; i < n; i++) {
		const struct lesson_slot *s = &slots[i];
		const struct lesson_class *k = &e->lessons->classes[s->cls];
		const struct tt_period *p = &td->p[s->period];
		struct lesson_ref l = {s->cls, day, di, s->period};
		html_lit(h, "<li><a class=\"register-link\" href=\"");
		web_lesson_href(h, e, &l);
		html_lit(h, "\"><strong>");
		html_txt(h, k->code);
		html_lit(h, " <span class=\"ses\">P");
		html_txt(h, p->label);
		html_lit(h, "</span></strong> <small>");
		html_txt(h, tt_time_text(p->start, t));
		html_lit(h, "–");
		html_txt(h, tt_time_text(p->end, t2));
		html_lit(h, " · ");
		html_txt(h, k->subject);
		if (k->room[0]) {
			html_lit(h, " · ");
			html_txt(h, k->room);
		}
		html_lit(h, "</small> ");
		struct register_status st = {.taken = s->taken, .overdue = s->overdue};
		memcpy(st.taken_by, s->taken_by, sizeof st.taken_by);
		memcpy(st.taken_at, s->taken_at, sizeof st.taken_at);
		web_status_text(h, &st);
		html_lit(h, " <small>");
		html_int(h, s->marked);
		html_lit(h, " of ");
		html_int(h, s->pupils);
		html_lit(h, " marked</small></a></li>");
	}
	html_lit(h, "</ul>");
	free(slots);
}
