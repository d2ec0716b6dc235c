/* The web side of leading attendance (issue 13): what its pages and API
 * share: the request's leading context, input fields from a form or a JSON
 * body, one write job for every operation, the view log, the server's
 * minute run of the schedule, and the action plan's section of the
 * dashboard. */
#ifndef ATTEND_WEB_LEADING_H
#define ATTEND_WEB_LEADING_H

#include <stdbool.h>

#include "app/fields.h"
#include "app/leading.h"

struct web_req;
struct server;
struct html;

/* The leading context of a request: the shared engine read through the
 * request's own connection (view), under the read lock the caller holds. */
void web_leading_ctx(struct web_req *r, struct engine *view, struct leading_ctx *x,
		     char *public_url, size_t len);

/* The request's input as fields: the form (pages) or the JSON object
 * (API: strings, numbers and booleans as text; an array of scalars as the
 * field repeated; "answers": [{"question_id", "score", "evidence",
 * "actions"}] as score_N, evidence_N, actions_N). */
int web_fields(struct web_req *r, struct fields *f, struct app_error *err);

/* The writes of leading attendance, one job type for all. */
enum lj_op {
	LJ_SA_CREATE,
	LJ_SA_SAVE,
	LJ_SA_ACTION,
	LJ_SA_QUESTION,
	LJ_SA_QUESTION_ACTIVE,
	LJ_TARGET,
	LJ_ACTION,
	LJ_REVIEW,
	LJ_TASK_DONE,
	LJ_TASK,
	LJ_DIGEST_SETTINGS,
	LJ_RECIPIENT_ADD,
	LJ_RECIPIENT_REMOVE,
	LJ_RULE,
	LJ_LIST_GENERATE,
	LJ_LIST_DECIDE,
	LJ_LIST_SEND,
	LJ_EXCLUDE,
	LJ_LIFT,
	LJ__MAX
};
/* A page to show again with the error of a bad form (status 400 or 409). */
typedef int (*web_render_fn)(struct web_req *r, int status, const char *error);
/* Queues the operation with the request's fields on the item id (0: a new
 * one); answers, once written, with JSON (the API) or by going to next
 * with ?done=KEY (a page; creations go to what they made). */
int web_leading_submit(struct web_req *r, enum lj_op op, int64_t id, const char *next,
		       web_render_fn render);
/* The flash of ?done= on leading's pages. */
void web_leading_flash(struct html *h, struct web_req *r);
/* ?name= as a date (absent: dflt); else 400 and -1. */
int web_query_date(struct web_req *r, const char *name, date_t dflt, date_t *out);

/* The id in path argument i: a whole number; else the request is answered
 * 404 and -1 returned (the handler then returns 0). */
int web_path_id(struct web_req *r, int i, int64_t *id);

/* <option>s of names (labels shown, NULL: the names), selected chosen. */
void html_options(struct html *h, const char *const *names, const char *const *labels, int n,
		  const char *selected);
/* "Tuesday 3 November 2026" from a date. */
void html_date_words(struct html *h, date_t d);

/* ---- the view log ---- */
/* Notes that the signed-in person opened a view (VIEW_FORM, ...) of a
 * subject (a form, a year; "" none): once a day each, written by the
 * writer between groups (a crash may lose the last second's notes: a
 * usage count, not a record). */
void web_view_note(struct web_req *r, const char *view, const char *subject);
/* On the writer thread: writes the notes queued. */
void web_view_flush(struct server *srv);

/* On the writer thread between groups: the schedule's run once a minute. */
void web_leading_tick(struct server *srv);

/* The dashboard's section: actions overdue and targets off track. Under
 * the read lock (the view the dashboard holds). */
void web_plan_flags_section(struct html *h, struct web_req *r, const struct engine *e, date_t as_of);

/* ---- the pages and API (page-leading.c, page-selfassess.c, page-plan.c,
 * page-schedule.c, page-recognition.c) ---- */
int page_leading(struct web_req *r);
int page_sa_list(struct web_req *r);
int page_sa_create(struct web_req *r);
int page_sa_get(struct web_req *r);
int page_sa_post(struct web_req *r);
int page_sa_action(struct web_req *r);
int page_sa_compare(struct web_req *r);
int page_sa_questions(struct web_req *r);
int page_sa_question_add(struct web_req *r);
int page_sa_question_post(struct web_req *r);
int api_sa_list(struct web_req *r);
int api_sa_create(struct web_req *r);
int api_sa_get(struct web_req *r);
int api_sa_put(struct web_req *r);
int api_sa_action(struct web_req *r);
int page_plan(struct web_req *r);
int page_plan_pdf(struct web_req *r);
int page_plan_target(struct web_req *r);
int page_plan_target_add(struct web_req *r);
int page_plan_target_post(struct web_req *r);
int page_plan_action_add(struct web_req *r);
int page_plan_action_post(struct web_req *r);
int page_plan_review_add(struct web_req *r);
int api_plan(struct web_req *r);
int api_plan_target_add(struct web_req *r);
int api_plan_target_put(struct web_req *r);
int api_plan_action_add(struct web_req *r);
int api_plan_action_put(struct web_req *r);
int api_plan_review_add(struct web_req *r);
int page_schedule(struct web_req *r);
int page_schedule_done(struct web_req *r);
int page_schedule_missed(struct web_req *r);
int page_schedule_tasks(struct web_req *r);
int page_schedule_task_add(struct web_req *r);
int page_schedule_task_post(struct web_req *r);
int page_schedule_digests(struct web_req *r);
int page_schedule_digests_post(struct web_req *r);
int page_schedule_recipient_add(struct web_req *r);
int page_schedule_recipient_post(struct web_req *r);
int api_schedule(struct web_req *r);
int api_schedule_done(struct web_req *r);
int api_schedule_missed(struct web_req *r);
int api_schedule_tasks(struct web_req *r);
int api_schedule_task_add(struct web_req *r);
int api_schedule_task_put(struct web_req *r);
int page_recognition(struct web_req *r);
int page_recognition_award_add(struct web_req *r);
int page_recognition_award_post(struct web_req *r);
int page_recognition_generate(struct web_req *r);
int page_recognition_lift(struct web_req *r);
int page_recognition_list(struct web_req *r);
int page_recognition_decide(struct web_req *r);
int page_recognition_send(struct web_req *r);
int page_recognition_certificates(struct web_req *r);
int page_pupil_recognition(struct web_req *r);
int page_pupil_exclude(struct web_req *r);
int api_recognition(struct web_req *r);
int api_recognition_list(struct web_req *r);
int api_recognition_generate(struct web_req *r);
int api_recognition_decide(struct web_req *r);
int api_recognition_send(struct web_req *r);
int api_pupil_exclude(struct web_req *r);
int api_recognition_lift(struct web_req *r);

#endif
