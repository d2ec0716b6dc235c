/* What the pages and API of leading attendance share (see web/leading.h). */
#include "web/leading.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/contacts.h"
#include "app/monitoring.h"
#include "app/parse.h"
#include "app/plan.h"
#include "app/recognition.h"
#include "app/selfassess.h"
#include "core/firstday.h"
#include "core/wording.h"
#include "web/html.h"
#include "web/web.h"

void web_leading_ctx(struct web_req *r, struct engine *view, struct leading_ctx *x,
		     char *public_url, size_t len)
{
	web_engine_view(r, view);
	*x = (struct leading_ctx){view, r->rd, web_today(), clock_minute_of_day(), &r->srv->rs, ""};
	struct app_error err = {0};
	if (leading_ctx_settings(x, public_url, len, &err) < 0)
		x->public_url = "";
}

int web_query_date(struct web_req *r, const char *name, date_t dflt, date_t *out)
{
	const char *v = web_query(r, name);
	*out = dflt;
	if (!v || !*v)
		return 0;
	struct app_error err = {0};
	if (parse_date_field(name, v, out, &err) < 0) {
		web_error(r, &err);
		return -1;
	}
	return 0;
}

int web_path_id(struct web_req *r, int i, int64_t *id)
{
	char *end;
	const char *a = i < r->n_args ? r->args[i] : "";
	long long v = strtoll(a, &end, 10);
	if (!*a || *end || v <= 0) {
		web_fail(r, ERR_NOT_FOUND, NULL, "there is no '%.20s' here: it is not a number", a);
		return -1;
	}
	*id = v;
	return 0;
}

/* ---- fields ---- */

static int json_scalar(json_t *v, char *buf, size_t len)
{
	if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, len, "%.2f", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, len, "%s", json_is_true(v) ? "yes" : "no");
	else if (json_is_null(v))
		buf[0] = '\0';
	else
		return -1;
	return 0;
}

static int add_answers(struct fields *f, json_t *answers, struct app_error *err)
{
	size_t i;
	json_t *a;
	json_array_foreach(answers, i, a) {
		json_t *q = json_object_get(a, "question_id");
		if (!json_is_object(a) || !json_is_integer(q))
			return app_fail(err, ERR_INPUT, "answers",
					"answers[%zu] is not an object with a question_id", i);
		const char *key;
		json_t *v;
		json_object_foreach(a, key, v) {
			if (!strcmp(key, "question_id"))
				continue;
			if (strcmp(key, "score") && strcmp(key, "evidence") && strcmp(key, "actions"))
				return app_fail(err, ERR_INPUT, key,
						"answers[%zu].%s is not score, evidence or actions", i, key);
			char name[FIELD_NAME_MAX], value[STORE_LONG_TEXT_MAX + 16];
			snprintf(name, sizeof name, "%s_%lld", key, (long long)json_integer_value(q));
			if (json_scalar(v, value, sizeof value) < 0)
				return app_fail(err, ERR_INPUT, key, "answers[%zu].%s is not text or a number",
						i, key);
			if (fields_add(f, name, value) < 0)
				return app_fail(err, ERR_TOO_LARGE, "answers", "too many answers in one request");
		}
	}
	return 0;
}

int web_fields(struct web_req *r, struct fields *f, struct app_error *err)
{
	memset(f, 0, sizeof *f);
	if (!(r->route->flags & ROUTE_API)) {
		for (int i = 0; i < r->n_form; i++)
			if (fields_add(f, r->form[i].name, r->form[i].value) < 0)
				goto full;
		return 0;
	}
	json_t *body = web_json_body(r, err);
	if (!body)
		return -1;
	const char *key;
	json_t *v;
	int rc = 0;
	json_object_foreach(body, key, v) {
		char value[STORE_LONG_TEXT_MAX + 16];
		if (!strcmp(key, "answers") && json_is_array(v)) {
			if ((rc = add_answers(f, v, err)) < 0)
				break;
			continue;
		}
		if (json_is_array(v)) {
			size_t i;
			json_t *x;
			if (!json_array_size(v) && fields_add(f, key, "") < 0) {
				rc = -2; /* named, so an unknown field is still refused */
				break;
			}
			json_array_foreach(v, i, x) {
				if (json_scalar(x, value, sizeof value) < 0) {
					rc = app_fail(err, ERR_INPUT, key, "%s[%zu] is not text or a number", key, i);
					break;
				}
				if (fields_add(f, key, value) < 0) {
					rc = -2;
					break;
				}
			}
			if (rc)
				break;
			continue;
		}
		if (json_scalar(v, value, sizeof value) < 0) {
			rc = app_fail(err, ERR_INPUT, key, "%s is not text, a number or true/false", key);
			break;
		}
		if (fields_add(f, key, value) < 0) {
			rc = -2;
			break;
		}
	}
	json_decref(body);
	if (rc == -2)
		goto full;
	if (rc < 0)
		fields_free(f);
	return rc;
full:
	fields_free(f);
	return app_fail(err, ERR_TOO_LARGE, NULL, "too many fields in one request");
}

/* ---- the write job ---- */

struct lj {
	enum lj_op op;
	struct fields f;
	int64_t id;
	struct account who;
	char next[320];
	web_render_fn render;
	bool api;
	int64_t made;
	int a, b;
};

static void lj_free(void *arg)
{
	struct lj *j = arg;
	fields_free(&j->f);
	free(j);
}

/* The digests' settings: daily_at, weekly_at (HH:MM or off), public_url. */
static int digest_settings_write(struct engine *e, const struct fields *f, const char *by,
				 struct app_error *err)
{
	static const char *const allowed[] = {"daily_at", "weekly_at", "public_url", NULL};
	static const char *const keys[] = {SETTING_DIGEST_DAILY_AT, SETTING_DIGEST_WEEKLY_AT,
					   "public_url"};
	char now[CLOCK_ISO_LEN];
	if (fields_check(f, allowed, NULL, err) < 0)
		return -1;
	if (!fields_any(f, allowed))
		return app_fail(err, ERR_INPUT, "daily_at", "give daily_at, weekly_at or public_url");
	clock_iso_utc(clock_now(), now);
	for (int i = 0; i < 3; i++) {
		char v[256];
		if (!fields_get(f, allowed[i]))
			continue;
		if (fields_text(f, allowed[i], v, sizeof v, false, false, err) < 0)
			return -1;
		if (i < 2 && v[0] && strcmp(v, "off") && fd_parse_time(v) < 0)
			return app_fail(err, ERR_INPUT, allowed[i], "%s '%s' is not HH:MM or off", allowed[i], v);
		if (i == 2 && v[0] && strncmp(v, "https://", 8) && strncmp(v, "http://", 7))
			return app_fail(err, ERR_INPUT, "public_url", "public_url starts http:// or https://");
		if (store_setting_set(e->store, e->school.id, keys[i], v, by, now) < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	}
	return 0;
}

static int recipient_write(struct engine *e, const struct fields *f, const char *by, int64_t *id,
			   struct app_error *err)
{
	static const char *const allowed[] = {"name", "email", "daily", "weekly", NULL};
	struct digest_recipient_rec r = {0};
	bool daily, weekly;
	const char *why;
	if (fields_check(f, allowed, NULL, err) < 0 ||
	    fields_text(f, "name", r.name, sizeof r.name, true, false, err) < 0 ||
	    fields_text(f, "email", r.email, sizeof r.email, true, false, err) < 0 ||
	    fields_bool(f, "daily", false, &daily, err) < 0 ||
	    fields_bool(f, "weekly", false, &weekly, err) < 0)
		return -1;
	if ((why = contact_email_error(r.email)))
		return app_fail(err, ERR_INPUT, "email", "email '%s': %s", r.email, why);
	if (!daily && !weekly)
		return app_fail(err, ERR_INPUT, "daily", "choose the daily digest, the weekly pack or both");
	r.daily = daily;
	r.weekly = weekly;
	snprintf(r.added_by, sizeof r.added_by, "%s", by);
	clock_iso_utc(clock_now(), r.added_at);
	int rc = store_digest_recipient_add(e->store, e->school.id, &r);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
	if (rc == 1)
		return app_fail(err, ERR_CONFLICT, "email", "%s gets the digests already", r.email);
	*id = r.id;
	return 0;
}

static int lj_run(struct server *srv, struct write_job *wj, struct app_error *err)
{
	struct lj *j = wj->arg;
	struct engine *e = &srv->e;
	const char *by = j->who.username;
	char public_url[256] = "";
	struct leading_ctx x = {e, e->store, clock_today(), clock_minute_of_day(), &srv->rs,
				public_url};
	const struct fields *f = &j->f;
	switch (j->op) {
	case LJ_SA_CREATE:
		return sa_create_write(e, f, x.today, by, &j->made, err);
	case LJ_SA_SAVE:
		return sa_save_write(e, &x, j->id, f, by, err);
	case LJ_SA_ACTION: {
		/* the page's button sits in the answers' form: what was typed is
		 * saved first, then the agreed action goes in the plan */
		struct fields answers = {0}, rest = {0};
		int rc = 0;
		for (int i = 0; i < f->n && rc == 0; i++) {
			const char *n = f->v[i].name;
			bool answer = !strncmp(n, "score_", 6) || !strncmp(n, "evidence_", 9) ||
				      !strncmp(n, "actions_", 8);
			if (strcmp(n, "csrf") && strcmp(n, "next"))
				rc = fields_add(answer ? &answers : &rest, n, f->v[i].value);
		}
		if (rc < 0)
			rc = app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		else if (answers.n)
			rc = sa_save_write(e, &x, j->id, &answers, by, err);
		if (rc == 0)
			rc = sa_action_write(e, j->id, &rest, by, &j->made, err);
		fields_free(&answers);
		fields_free(&rest);
		return rc;
	}
	case LJ_SA_QUESTION:
		return sa_question_write(e, f, by, &j->made, err);
	case LJ_SA_QUESTION_ACTIVE: {
		static const char *const allowed[] = {"active", NULL};
		bool active;
		if (fields_check(f, allowed, NULL, err) < 0)
			return -1;
		if (!fields_get(f, "active"))
			return app_fail(err, ERR_INPUT, "active", "active is required (yes or no)");
		if (fields_bool(f, "active", true, &active, err) < 0)
			return -1;
		int rc = store_sa_question_set_active(e->store, e->school.id, j->id, active);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		return rc == 1 ? app_fail(err, ERR_NOT_FOUND, NULL, "there is no question %lld",
					  (long long)j->id)
			       : 0;
	}
	case LJ_TARGET: {
		struct plan_target_rec t = {0};
		if (j->id) {
			if (!fields_any(f, (const char *const[]){"title", "measure", "cohort", "span",
								  "baseline", "baseline_date", "goal",
								  "goal_date", "foundation", "step",
								  "owner", "status", NULL}))
				return app_fail(err, ERR_INPUT, "status", "nothing to change");
			int rc = store_plan_target_get(e->store, e->school.id, j->id, &t);
			if (rc)
				return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
					      : app_fail(err, ERR_NOT_FOUND, NULL, "there is no target %lld",
							 (long long)j->id);
		}
		if (plan_target_from_fields(e, f, x.today, &t, err) < 0 ||
		    plan_target_write(e, &t, by, err) < 0)
			return -1;
		j->made = t.id;
		return 0;
	}
	case LJ_ACTION: {
		struct plan_action_rec a = {0};
		if (j->id) {
			/* the input first: it says nothing of actions that may not be yours */
			if (!fields_any(f, (const char *const[]){"title", "owner", "due", "status",
								  "evidence", "target", "foundation",
								  "step", NULL}))
				return app_fail(err, ERR_INPUT, "status", "nothing to change");
			int rc = store_plan_action_get(e->store, e->school.id, j->id, &a);
			if (rc)
				return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
					      : app_fail(err, ERR_NOT_FOUND, NULL, "there is no action %lld",
							 (long long)j->id);
			bool leader = j->who.role == ROLE_ADMIN || j->who.role == ROLE_ATTENDANCE_LEAD;
			if (!leader && strcmp(a.owner, by) != 0)
				return app_fail(err, ERR_FORBIDDEN, NULL,
						"this action is %s's: only they or a leader can update it",
						a.owner);
			if (!leader && fields_any(f, (const char *const[]){"title", "owner", "due", "target",
									    "foundation", "step", NULL}))
				return app_fail(err, ERR_FORBIDDEN, NULL,
						"an action's owner updates its status and evidence; a "
						"leader changes the rest");
		}
		if (plan_action_from_fields(e, f, &a, err) < 0 || plan_action_write(e, &a, by, err) < 0)
			return -1;
		j->made = a.id;
		return 0;
	}
	case LJ_REVIEW: {
		struct plan_review_rec rv;
		if (plan_review_from_fields(f, x.today, &rv, err) < 0 ||
		    plan_review_write(e, &rv, by, err) < 0)
			return -1;
		j->made = rv.id;
		return 0;
	}
	case LJ_TASK_DONE: {
		static const char *const allowed[] = {"date", "note", NULL};
		date_t day;
		char note[STORE_NOTE_MAX];
		if (fields_check(f, allowed, NULL, err) < 0 ||
		    fields_date(f, "date", DATE_INVALID, true, &day, err) < 0 ||
		    fields_text(f, "note", note, sizeof note, false, true, err) < 0)
			return -1;
		return mon_done_write(e, &x, j->id, day, note, &j->who, NULL, err);
	}
	case LJ_TASK: {
		struct sched_task_rec t = {0};
		if (j->id) {
			if (!fields_any(f, (const char *const[]){"title", "cadence", "timing",
								  "owner_role", "proof", "active", NULL}))
				return app_fail(err, ERR_INPUT, "title", "nothing to change");
			int rc = store_sched_task_get(e->store, e->school.id, j->id, &t);
			if (rc)
				return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
					      : app_fail(err, ERR_NOT_FOUND, NULL,
							 "there is no schedule task %lld", (long long)j->id);
		}
		if (mon_task_from_fields(f, &t, err) < 0 || mon_task_write(e, &t, by, err) < 0)
			return -1;
		j->made = t.id;
		return 0;
	}
	case LJ_DIGEST_SETTINGS:
		return digest_settings_write(e, f, by, err);
	case LJ_RECIPIENT_ADD:
		return recipient_write(e, f, by, &j->made, err);
	case LJ_RECIPIENT_REMOVE: {
		static const char *const allowed[] = {"remove", NULL};
		char now[CLOCK_ISO_LEN];
		if (fields_check(f, allowed, NULL, err) < 0)
			return -1;
		if (!fields_get(f, "remove"))
			return app_fail(err, ERR_INPUT, "remove", "remove is required (yes)");
		clock_iso_utc(clock_now(), now);
		int rc = store_digest_recipient_remove(e->store, e->school.id, j->id, by, now);
		if (rc < 0)
			return app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store));
		return rc ? app_fail(err, ERR_NOT_FOUND, NULL, "there is no recipient %lld", (long long)j->id)
			  : 0;
	}
	case LJ_RULE: {
		struct award_rule_rec rl = {0};
		if (j->id) {
			if (!fields_any(f, (const char *const[]){"name", "kind", "period", "minimum",
								  "top", "min_rise", "template", "active",
								  NULL}))
				return app_fail(err, ERR_INPUT, "name", "nothing to change");
			int rc = store_award_rule_get(e->store, e->school.id, j->id, &rl);
			if (rc)
				return rc < 0 ? app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(e->store))
					      : app_fail(err, ERR_NOT_FOUND, NULL, "there is no award %lld",
							 (long long)j->id);
		}
		if (recog_rule_from_fields(e, f, &rl, err) < 0 || recog_rule_write(e, &rl, by, err) < 0)
			return -1;
		j->made = rl.id;
		return 0;
	}
	case LJ_LIST_GENERATE: {
		static const char *const allowed[] = {"award", "date", NULL};
		long award;
		date_t day;
		if (fields_check(f, allowed, NULL, err) < 0 ||
		    fields_int(f, "award", 1, INT32_MAX, 0, true, &award, err) < 0 ||
		    fields_date(f, "date", x.today, false, &day, err) < 0)
			return -1;
		if (day > x.today)
			return app_fail(err, ERR_INPUT, "date", "date is after today: awards are for what "
								"has happened");
		return recog_generate_write(e, award, day, by, &j->made, err);
	}
	case LJ_LIST_DECIDE:
		return recog_decide_write(e, j->id, f, by, err);
	case LJ_LIST_SEND: {
		static const char *const allowed[] = {"send", NULL};
		if (fields_check(f, allowed, NULL, err) < 0)
			return -1;
		if (!fields_get(f, "send"))
			return app_fail(err, ERR_INPUT, "send", "send is required (yes)");
		return recog_send_write(e, j->id, by, &j->a, &j->b, err);
	}
	case LJ_EXCLUDE:
		return recog_exclude_write(e, j->id, f, by, err);
	case LJ_LIFT:
		return recog_lift_write(e, j->id, f, by, err);
	default:
		return app_fail(err, ERR_INTERNAL, NULL, "unknown operation");
	}
}

static const char *const done_keys[LJ__MAX] = {
	"sa_created", "sa_saved",	"sa_action",   "sa_question", "sa_question", "target",
	"action",     "review",		"task_done",   "task",	      "digests",     "recipient",
	"recipient_removed", "award", "list",	       "decided",     "sent",	     "excluded",
	"lifted",
};

static int lj_finish(struct web_req *r, struct write_job *wj)
{
	struct lj *j = wj->arg;
	if (wj->rc < 0) {
		int status = web_status_of(wj->err.kind);
		if (!j->api && j->render && (status == 400 || status == 409))
			return j->render(r, status, wj->err.message);
		return web_error(r, &wj->err);
	}
	if (j->api) {
		json_t *out = json_pack("{s:b}", "ok", 1);
		if (j->made)
			json_object_set_new(out, "id", json_integer(j->made));
		if (j->op == LJ_LIST_SEND) {
			json_object_set_new(out, "queued", json_integer(j->a));
			json_object_set_new(out, "skipped", json_integer(j->b));
		}
		return web_json(r, j->made && (!j->id || j->op == LJ_SA_ACTION) ? 201 : 200, out);
	}
	char next[340];
	snprintf(next, sizeof next, "%s", j->next);
	if (j->op == LJ_SA_CREATE)
		snprintf(next, sizeof next, "/self-assessment/%lld", (long long)j->made);
	else if (j->op == LJ_LIST_GENERATE)
		snprintf(next, sizeof next, "/recognition/lists/%lld", (long long)j->made);
	else if (j->op == LJ_TARGET && !j->id)
		snprintf(next, sizeof next, "/plan/targets/%lld", (long long)j->made);
	if (j->op == LJ_LIST_SEND) {
		char loc[420];
		snprintf(loc, sizeof loc, "%s%squeued=%d&skipped=%d", next, strchr(next, '?') ? "&" : "?",
			 j->a, j->b);
		return web_done(r, loc, done_keys[j->op]);
	}
	return web_done(r, next, done_keys[j->op]);
}

int web_leading_submit(struct web_req *r, enum lj_op op, int64_t id, const char *next,
		       web_render_fn render)
{
	struct app_error err = {0};
	struct lj *j = calloc(1, sizeof *j);
	if (!j)
		return web_fail(r, ERR_INTERNAL, NULL, "out of memory");
	if (web_fields(r, &j->f, &err) < 0) {
		free(j);
		if (render && !(r->route->flags & ROUTE_API) && web_status_of(err.kind) == 400)
			return render(r, 400, err.message);
		return web_error(r, &err);
	}
	j->op = op;
	j->id = id;
	j->who = r->who;
	j->render = render;
	j->api = r->route->flags & ROUTE_API;
	snprintf(j->next, sizeof j->next, "%s", web_next(r, next));
	return web_write(r, lj_run, j, lj_free, lj_finish, NULL);
}

void web_leading_flash(struct html *h, struct web_req *r)
{
	static const struct {
		const char *key, *text;
	} done[] = {
		{"sa_created", "A new self-assessment is started: score each question, then complete it."},
		{"sa_saved", "Saved."},
		{"sa_action", "The agreed action is now an item of the action plan."},
		{"sa_question", "The questions are changed."},
		{"target", "The target is saved."},
		{"action", "The action is saved; its history keeps what changed."},
		{"review", "The review meeting is recorded."},
		{"task_done", "Done: recorded with the time."},
		{"task", "The schedule is changed."},
		{"digests", "The digests' settings are saved."},
		{"recipient", "The recipient is added."},
		{"recipient_removed", "The recipient is removed (kept in the record)."},
		{"award", "The award is saved."},
		{"list", "The list is generated: check it and approve it."},
		{"decided", "The decision is recorded."},
		{"sent", "Praise messages are in the outbox."},
		{"excluded", "The pupil is kept out of public recognition; the reason is kept."},
		{"lifted", "The exclusion is lifted; the record is kept."},
	};
	const char *key = web_query(r, "done");
	for (size_t i = 0; key && i < sizeof done / sizeof *done; i++) {
		if (strcmp(done[i].key, key) != 0)
			continue;
		html_lit(h, "<p class=\"flash good\" role=\"status\" id=\"flash\">");
		html_txt(h, done[i].text);
		const char *q = web_query(r, "queued"), *s = web_query(r, "skipped");
		if (!strcmp(key, "sent") && q && s)
			html_txtf(h, " %d queued; %d skipped (excluded, or no contact can get one).", atoi(q),
				  atoi(s));
		html_lit(h, "</p>");
		return;
	}
}

/* ---- small writers ---- */

void html_options(struct html *h, const char *const *names, const char *const *labels, int n,
		  const char *selected)
{
	for (int i = 0; i < n; i++) {
		html_lit(h, "<option value=\"");
		html_attr(h, names[i]);
		html_lit(h, "\"");
		if (selected && strcmp(selected, names[i]) == 0)
			html_lit(h, " selected");
		html_lit(h, ">");
		html_txt(h, labels ? labels[i] : names[i]);
		html_lit(h, "</option>");
	}
}

void html_date_words(struct html *h, date_t d)
{
	char buf[40];
	html_txt(h, d == DATE_INVALID ? "no date" : wording_date(d, buf, sizeof buf));
}

/* ---- the view log ---- */

#define SEEN_SLOTS 8192
/* One queue for the whole process: with several schools (schools.c) each
 * view keeps its school, and whichever writer flushes writes it there. */
struct view_queued {
	int64_t school_id;
	struct view_log_rec rec;
};
static pthread_mutex_t view_mu = PTHREAD_MUTEX_INITIALIZER;
static struct view_queued *view_q;
static int view_n, view_cap;
static uint64_t seen[SEEN_SLOTS];
static date_t seen_day = DATE_INVALID;

static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return (h ^ 0xff) * 0x100000001b3ull;
}

void web_view_note(struct web_req *r, const char *view, const char *subject)
{
	/* A read-only reporting server writes nothing, views included. */
	if (!r->signed_in || r->srv->read_only)
		return;
	struct view_log_rec v = {.day = web_today()};
	snprintf(v.username, sizeof v.username, "%s", r->who.username);
	snprintf(v.role, sizeof v.role, "%s", role_name(r->who.role));
	snprintf(v.view, sizeof v.view, "%s", view);
	snprintf(v.subject, sizeof v.subject, "%s", subject ? subject : "");
	clock_iso_utc(clock_now(), v.at);
	int64_t school_id = r->srv->e.school.id;
	uint64_t h = hash_str(hash_str(hash_str(0xcbf29ce484222325ull ^ (uint64_t)school_id, v.username),
				       v.view),
			      v.subject);
	if (!h)
		h = 1;
	pthread_mutex_lock(&view_mu);
	if (seen_day != v.day) {
		memset(seen, 0, sizeof seen);
		seen_day = v.day;
	}
	/* once a day per person, view and subject: the table's key ignores repeats
	 * anyway, this only spares the writer */
	bool known = false;
	for (unsigned i = 0; i < 16; i++) {
		uint64_t *slot = &seen[(h + i) % SEEN_SLOTS];
		if (*slot == h) {
			known = true;
			break;
		}
		if (!*slot) {
			*slot = h;
			break;
		}
	}
	if (!known && view_n < 100000) {
		if (view_n == view_cap) {
			int cap = view_cap ? view_cap * 2 : 64;
			struct view_queued *q = realloc(view_q, (size_t)cap * sizeof *q);
			if (q) {
				view_q = q;
				view_cap = cap;
			}
		}
		if (view_n < view_cap)
			view_q[view_n++] = (struct view_queued){school_id, v};
	}
	pthread_mutex_unlock(&view_mu);
}

void web_view_flush(struct server *srv)
{
	pthread_mutex_lock(&view_mu);
	struct view_queued *q = view_q;
	int n = view_n;
	view_q = NULL;
	view_n = view_cap = 0;
	pthread_mutex_unlock(&view_mu);
	if (!n)
		return;
	struct store *s = srv->store;
	bool ok = store_begin(s) == 0;
	for (int i = 0; ok && i < n; i++)
		ok = store_view_log_add(s, q[i].school_id, &q[i].rec) == 0;
	if (ok && store_commit(s) == 0) {
		free(q);
		return;
	}
	web_log("error writing the view log (%d views not counted): %s", n, store_error(s));
	store_rollback(s);
	free(q);
}

/* ---- the schedule's run ---- */

void web_leading_tick(struct server *srv)
{
	/* Each school's own timer (web.h: server_tick), once a minute. */
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (srv->tick.leading_last && now.tv_sec - srv->tick.leading_last < 60)
		return;
	srv->tick.leading_last = now.tv_sec;
	char public_url[256] = "";
	struct leading_ctx x = {&srv->e, srv->store, clock_today(), clock_minute_of_day(), &srv->rs,
				public_url};
	struct app_error err = {0};
	struct mon_run r;
	if (leading_ctx_settings(&x, public_url, sizeof public_url, &err) < 0 ||
	    engine_begin(&srv->e, &err) < 0 ||
	    engine_end(&srv->e, mon_run_write(&srv->e, &x, "attend", &r, &err), &err) < 0) {
		web_log("the monitoring schedule's run failed: %s", err.message);
		return;
	}
	if (r.daily || r.weekly)
		web_log("digests queued: %d daily, %d weekly", r.daily, r.weekly);
}

/* ---- the dashboard's section ---- */

void web_plan_flags_section(struct html *h, struct web_req *r, const struct engine *e, date_t as_of)
{
	struct engine view = *e;
	view.store = r->rd;
	struct plan_view v;
	struct app_error err = {0};
	if (plan_view_load(&view, r->rd, as_of, false, &v, &err) < 0) {
		web_log("the dashboard's action plan section: %s", err.message);
		return;
	}
	html_lit(h, "<h2 id=\"plan-flags\">Action plan</h2>");
	if (!v.n_targets && !v.n_actions) {
		html_lit(h, "<p class=\"hint\">No action plan yet: <a href=\"/plan\">set targets and "
			    "actions</a>, or turn a self-assessment's agreed actions into items.</p>");
		plan_view_free(&v);
		return;
	}
	html_lit(h, "<ul class=\"tiles\"><li><a class=\"fig\" href=\"/plan#actions\" data-k=\"plan.overdue\" "
		    "data-v=\"");
	html_int(h, v.overdue);
	html_lit(h, "\">");
	html_int(h, v.overdue);
	html_lit(h, "</a> <span>actions overdue</span></li><li><a class=\"fig\" href=\"/plan#targets\" "
		    "data-k=\"plan.off_track\" data-v=\"");
	html_int(h, v.off_track);
	html_lit(h, "\">");
	html_int(h, v.off_track);
	html_lit(h, "</a> <span>targets off track</span></li></ul>");
	if (v.overdue || v.off_track) {
		html_lit(h, "<ul class=\"plan-flags\">");
		for (int i = 0; i < v.n_targets; i++) {
			if (strcmp(v.targets[i].status, "open") || v.live[i].track != TT_OFF_TRACK)
				continue;
			char now[16], exp[16];
			html_lit(h, "<li class=\"off-track\"><a href=\"/plan/targets/");
			html_int(h, v.targets[i].id);
			html_lit(h, "\">");
			html_txt(h, v.targets[i].title);
			html_lit(h, "</a>: ");
			html_txtf(h, "%s now, the line to the goal stands at %s",
				  wording_pct(v.live[i].now.value, now, sizeof now),
				  wording_pct(v.live[i].now.expected, exp, sizeof exp));
			html_lit(h, " <strong class=\"state overdue\">off track</strong></li>");
		}
		for (int i = 0; i < v.n_actions; i++) {
			if (!plan_action_overdue(&v.actions[i], as_of))
				continue;
			char due[DATE_ISO_LEN];
			html_lit(h, "<li class=\"overdue\">");
			html_txt(h, v.actions[i].title);
			html_lit(h, " <small>(");
			html_txt(h, v.actions[i].owner);
			html_lit(h, ", due ");
			html_txt(h, date_format(v.actions[i].due, due));
			html_lit(h, ")</small> <strong class=\"state overdue\">overdue</strong></li>");
		}
		html_lit(h, "</ul>");
	}
	plan_view_free(&v);
}
