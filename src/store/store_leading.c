/* Leading attendance in the store (migration 0012-leading): the
 * self-assessment, the action plan, the view log, and the outbox's counts
 * the evidence beside the self-assessment reads. */
#include <stdio.h>
#include <string.h>

#include "store/store_rows.h"
#include "store/store_leading.h"

/* ---- questions ---- */

#define Q_COLS "id, builtin_key, area, section, position, text, evidence, active, created_by, created_at"

static const char SQL_Q_ADD[] =
	"INSERT INTO sa_questions (school_id, builtin_key, area, section, position, text, evidence, "
	"active, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	"ON CONFLICT (school_id, builtin_key) DO NOTHING RETURNING id";
static const char SQL_Q_ACTIVE[] =
	"UPDATE sa_questions SET active = ?3 WHERE school_id = ?1 AND id = ?2";
static const char SQL_Q_EACH[] =
	"SELECT " Q_COLS " FROM sa_questions WHERE school_id = ?1 AND (?2 = 1 OR active = 1) "
	"ORDER BY position, id";
static const char SQL_Q_NEXT[] =
	"SELECT coalesce((SELECT max(position) + 1 FROM sa_questions WHERE school_id = ?1 AND "
	"area = ?2), (SELECT (max(position) / 1000 + 1) * 1000 FROM sa_questions WHERE "
	"school_id = ?1), 1000)";

static void read_question(struct db_stmt *st, struct sa_question_rec *q)
{
	q->id = db_col_int64(st, 0);
	st_col_copy(st, 1, q->builtin_key, sizeof q->builtin_key);
	st_col_copy(st, 2, q->area, sizeof q->area);
	st_col_copy(st, 3, q->section, sizeof q->section);
	q->position = db_col_int(st, 4);
	st_col_copy(st, 5, q->text, sizeof q->text);
	st_col_copy(st, 6, q->evidence, sizeof q->evidence);
	q->active = db_col_int(st, 7);
	st_col_copy(st, 8, q->created_by, sizeof q->created_by);
	st_col_copy(st, 9, q->created_at, sizeof q->created_at);
}

int store_sa_question_add(struct store *s, int64_t school_id, struct sa_question_rec *q)
{
	struct db_stmt *st = store_prepare(s, SQL_Q_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_text_or_null(st, 2, q->builtin_key);
	db_bind_text(st, 3, q->area);
	db_bind_text(st, 4, q->section);
	db_bind_int(st, 5, q->position);
	db_bind_text(st, 6, q->text);
	db_bind_text(st, 7, q->evidence);
	db_bind_int(st, 8, q->active);
	db_bind_text(st, 9, q->created_by);
	db_bind_text(st, 10, q->created_at);
	return st_step_new_id(s, st, "adding a self-assessment question", &q->id);
}

int store_sa_question_set_active(struct store *s, int64_t school_id, int64_t id, bool active)
{
	struct db_stmt *st = store_prepare(s, SQL_Q_ACTIVE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_int(st, 3, active);
	return st_step_one(s, st, "changing a self-assessment question");
}

int store_sa_questions_each(struct store *s, int64_t school_id, bool all, store_sa_question_cb cb,
			    void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_Q_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int(st, 2, all);
	struct sa_question_rec rec;
	STEP_EACH(s, st, &rec, read_question, cb, ctx, "reading the self-assessment's questions");
}

int store_sa_question_next_position(struct store *s, int64_t school_id, const char *area, int *pos)
{
	struct db_stmt *st = store_prepare(s, SQL_Q_NEXT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, area);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return st_db_fail(s, "placing a question");
	}
	*pos = db_col_int(st, 0);
	db_reset(st);
	return 0;
}

/* ---- assessments and answers ---- */

#define A_COLS "id, held_on, title, status, created_by, created_at, completed_by, completed_at"

static const char SQL_A_INSERT[] =
	"INSERT INTO sa_assessments (school_id, held_on, title, status, created_by, created_at) "
	"VALUES (?1, ?2, ?3, 'draft', ?4, ?5) RETURNING id";
static const char SQL_A_GET[] = "SELECT " A_COLS " FROM sa_assessments WHERE school_id = ?1 AND id = ?2";
static const char SQL_A_EACH[] =
	"SELECT " A_COLS " FROM sa_assessments WHERE school_id = ?1 ORDER BY held_on, id";
static const char SQL_A_COMPLETE[] =
	"UPDATE sa_assessments SET status = 'complete', completed_by = ?3, completed_at = ?4 "
	"WHERE school_id = ?1 AND id = ?2 AND status = 'draft'";

static void read_assessment(struct db_stmt *st, struct sa_assessment_rec *a)
{
	a->id = db_col_int64(st, 0);
	a->held_on = st_col_date(st, 1);
	st_col_copy(st, 2, a->title, sizeof a->title);
	st_col_copy(st, 3, a->status, sizeof a->status);
	st_col_copy(st, 4, a->created_by, sizeof a->created_by);
	st_col_copy(st, 5, a->created_at, sizeof a->created_at);
	st_col_copy(st, 6, a->completed_by, sizeof a->completed_by);
	st_col_copy(st, 7, a->completed_at, sizeof a->completed_at);
}

int store_sa_assessment_insert(struct store *s, int64_t school_id, struct sa_assessment_rec *a)
{
	struct db_stmt *st = store_prepare(s, SQL_A_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, a->held_on);
	db_bind_text(st, 3, a->title);
	db_bind_text(st, 4, a->created_by);
	db_bind_text(st, 5, a->created_at);
	snprintf(a->status, sizeof a->status, "draft");
	return st_step_id(s, st, "starting a self-assessment", &a->id);
}

int store_sa_assessment_get(struct store *s, int64_t school_id, int64_t id,
			    struct sa_assessment_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_A_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_assessment, "reading a self-assessment");
}

int store_sa_assessments_each(struct store *s, int64_t school_id, store_sa_assessment_cb cb,
			      void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_A_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct sa_assessment_rec rec;
	STEP_EACH(s, st, &rec, read_assessment, cb, ctx, "reading self-assessments");
}

int store_sa_assessment_complete(struct store *s, int64_t school_id, int64_t id, const char *by,
				 const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_A_COMPLETE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	return st_step_one(s, st, "completing a self-assessment");
}

#define ANS_COLS                                                                             \
	"assessment_id, question_id, score, evidence, actions, offered, plan_action_id, "      \
	"updated_by, updated_at"

static const char SQL_ANS_PUT[] =
	"INSERT INTO sa_answers (school_id, assessment_id, question_id, score, evidence, actions, "
	"offered, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	"ON CONFLICT (assessment_id, question_id) DO UPDATE SET score = excluded.score, "
	"evidence = excluded.evidence, actions = excluded.actions, offered = excluded.offered, "
	"updated_by = excluded.updated_by, updated_at = excluded.updated_at";
static const char SQL_ANS_EACH[] =
	"SELECT " ANS_COLS " FROM sa_answers WHERE school_id = ?1 AND (?2 = 0 OR assessment_id = ?2) "
	"ORDER BY assessment_id, question_id";
static const char SQL_ANS_GET[] =
	"SELECT " ANS_COLS " FROM sa_answers WHERE school_id = ?1 AND assessment_id = ?2 AND "
	"question_id = ?3";
static const char SQL_ANS_LINK[] =
	"UPDATE sa_answers SET plan_action_id = ?4 WHERE school_id = ?1 AND assessment_id = ?2 AND "
	"question_id = ?3";

static void read_answer(struct db_stmt *st, struct sa_answer_rec *a)
{
	a->assessment_id = db_col_int64(st, 0);
	a->question_id = db_col_int64(st, 1);
	a->score = db_col_int(st, 2);
	st_col_copy(st, 3, a->evidence, sizeof a->evidence);
	st_col_copy(st, 4, a->actions, sizeof a->actions);
	st_col_copy(st, 5, a->offered, sizeof a->offered);
	a->plan_action_id = db_col_int64(st, 6);
	st_col_copy(st, 7, a->updated_by, sizeof a->updated_by);
	st_col_copy(st, 8, a->updated_at, sizeof a->updated_at);
}

int store_sa_answer_put(struct store *s, int64_t school_id, const struct sa_answer_rec *a)
{
	struct db_stmt *st = store_prepare(s, SQL_ANS_PUT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, a->assessment_id);
	db_bind_int64(st, 3, a->question_id);
	if (a->score >= 1 && a->score <= 4)
		db_bind_int(st, 4, a->score);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, a->evidence);
	db_bind_text(st, 6, a->actions);
	db_bind_text(st, 7, a->offered);
	db_bind_text(st, 8, a->updated_by);
	db_bind_text(st, 9, a->updated_at);
	return st_step_done(s, st, "saving an answer");
}

int store_sa_answers_each(struct store *s, int64_t school_id, int64_t assessment_id,
			  store_sa_answer_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_ANS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, assessment_id);
	struct sa_answer_rec rec;
	STEP_EACH(s, st, &rec, read_answer, cb, ctx, "reading answers");
}

int store_sa_answer_get(struct store *s, int64_t school_id, int64_t assessment_id,
			int64_t question_id, struct sa_answer_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_ANS_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, assessment_id);
	db_bind_int64(st, 3, question_id);
	ST_GET_ROW(s, st, out, read_answer, "reading an answer");
}

int store_sa_answer_link(struct store *s, int64_t school_id, int64_t assessment_id,
			 int64_t question_id, int64_t plan_action_id)
{
	struct db_stmt *st = store_prepare(s, SQL_ANS_LINK);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, assessment_id);
	db_bind_int64(st, 3, question_id);
	db_bind_int64(st, 4, plan_action_id);
	return st_step_one(s, st, "linking an answer to the plan");
}

/* ---- the plan: targets, actions, their history, reviews ---- */

static const char SQL_HISTORY_ADD[] =
	"INSERT INTO plan_history (school_id, item, item_id, at, by, status, detail) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_HISTORY_EACH[] =
	"SELECT id, item, item_id, at, by, status, detail FROM plan_history WHERE school_id = ?1 "
	"AND item = ?2 AND item_id = ?3 ORDER BY id";

static int history_add(struct store *s, int64_t school_id, const char *item, int64_t id,
		       const char *at, const char *by, const char *status, const char *detail)
{
	struct db_stmt *st = store_prepare(s, SQL_HISTORY_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, item);
	db_bind_int64(st, 3, id);
	db_bind_text(st, 4, at);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, status);
	db_bind_text(st, 7, detail ? detail : "");
	return st_step_done(s, st, "recording the plan's history");
}

static void read_history(struct db_stmt *st, struct plan_history_rec *h)
{
	h->id = db_col_int64(st, 0);
	st_col_copy(st, 1, h->item, sizeof h->item);
	h->item_id = db_col_int64(st, 2);
	st_col_copy(st, 3, h->at, sizeof h->at);
	st_col_copy(st, 4, h->by, sizeof h->by);
	st_col_copy(st, 5, h->status, sizeof h->status);
	st_col_copy(st, 6, h->detail, sizeof h->detail);
}

int store_plan_history_each(struct store *s, int64_t school_id, const char *item, int64_t item_id,
			    store_plan_history_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_HISTORY_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, item);
	db_bind_int64(st, 3, item_id);
	struct plan_history_rec rec;
	STEP_EACH(s, st, &rec, read_history, cb, ctx, "reading the plan's history");
}

#define T_COLS                                                                               \
	"id, title, measure, cohort, span, baseline100, baseline_date, goal100, goal_date, "    \
	"foundation, step, owner, status, created_by, created_at, updated_by, updated_at"

static const char SQL_T_INSERT[] =
	"INSERT INTO plan_targets (school_id, title, measure, cohort, span, baseline100, "
	"baseline_date, goal100, goal_date, foundation, step, owner, status, created_by, "
	"created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
	"?12, ?13, ?14, ?15, ?14, ?15) RETURNING id";
static const char SQL_T_UPDATE[] =
	"UPDATE plan_targets SET title = ?2, measure = ?3, cohort = ?4, span = ?5, baseline100 = ?6, "
	"baseline_date = ?7, goal100 = ?8, goal_date = ?9, foundation = ?10, step = ?11, "
	"owner = ?12, status = ?13, updated_by = ?14, updated_at = ?15 WHERE school_id = ?1 AND "
	"id = ?16";
static const char SQL_T_GET[] = "SELECT " T_COLS " FROM plan_targets WHERE school_id = ?1 AND id = ?2";
static const char SQL_T_EACH[] =
	"SELECT " T_COLS " FROM plan_targets WHERE school_id = ?1 ORDER BY status = 'withdrawn', "
	"goal_date, id";

static void read_target(struct db_stmt *st, struct plan_target_rec *t)
{
	t->id = db_col_int64(st, 0);
	st_col_copy(st, 1, t->title, sizeof t->title);
	st_col_copy(st, 2, t->measure, sizeof t->measure);
	st_col_copy(st, 3, t->cohort, sizeof t->cohort);
	st_col_copy(st, 4, t->span, sizeof t->span);
	t->baseline100 = st_col_opt_int(st, 5, -1);
	t->baseline_date = st_col_date(st, 6);
	t->goal100 = st_col_opt_int(st, 7, -1);
	t->goal_date = st_col_date(st, 8);
	t->foundation = db_col_int(st, 9);
	t->step = db_col_int(st, 10);
	st_col_copy(st, 11, t->owner, sizeof t->owner);
	st_col_copy(st, 12, t->status, sizeof t->status);
	st_col_copy(st, 13, t->created_by, sizeof t->created_by);
	st_col_copy(st, 14, t->created_at, sizeof t->created_at);
	st_col_copy(st, 15, t->updated_by, sizeof t->updated_by);
	st_col_copy(st, 16, t->updated_at, sizeof t->updated_at);
}

int store_plan_target_save(struct store *s, int64_t school_id, struct plan_target_rec *t,
			   const char *detail)
{
	bool insert = t->id == 0;
	struct db_stmt *st = store_prepare(s, insert ? SQL_T_INSERT : SQL_T_UPDATE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, t->title);
	st_bind_text_or_null(st, 3, t->measure);
	db_bind_text(st, 4, t->cohort);
	db_bind_text(st, 5, t->span);
	st_bind_opt_int(st, 6, t->baseline100, -1);
	st_bind_date(st, 7, t->baseline_date);
	st_bind_opt_int(st, 8, t->goal100, -1);
	st_bind_date(st, 9, t->goal_date);
	st_bind_opt_int(st, 10, t->foundation, 0);
	st_bind_opt_int(st, 11, t->step, 0);
	db_bind_text(st, 12, t->owner);
	db_bind_text(st, 13, t->status);
	db_bind_text(st, 14, insert ? t->created_by : t->updated_by);
	db_bind_text(st, 15, insert ? t->created_at : t->updated_at);
	if (!insert)
		db_bind_int64(st, 16, t->id);
	int rc = insert ? st_step_id(s, st, "saving a target", &t->id)
			: st_step_one(s, st, "saving a target");
	if (rc != 0)
		return rc;
	return history_add(s, school_id, "target", t->id, insert ? t->created_at : t->updated_at,
			   insert ? t->created_by : t->updated_by, t->status, detail);
}

int store_plan_target_get(struct store *s, int64_t school_id, int64_t id,
			  struct plan_target_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_T_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_target, "reading a target");
}

int store_plan_targets_each(struct store *s, int64_t school_id, store_plan_target_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_T_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct plan_target_rec rec;
	STEP_EACH(s, st, &rec, read_target, cb, ctx, "reading targets");
}

#define AC_COLS                                                                              \
	"id, target_id, title, owner, due_date, status, evidence, foundation, step, "           \
	"from_assessment, from_question, created_by, created_at, updated_by, updated_at"

static const char SQL_AC_INSERT[] =
	"INSERT INTO plan_actions (school_id, target_id, title, owner, due_date, status, evidence, "
	"foundation, step, from_assessment, from_question, created_by, created_at, updated_by, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?12, ?13, ?10, ?11, ?10, ?11) "
	"ON CONFLICT DO NOTHING RETURNING id";
/* Every parameter up to the highest is used (PostgreSQL infers their types):
 * ?12 is the id here, the answer it came from (?12, ?13) on insert. */
static const char SQL_AC_UPDATE[] =
	"UPDATE plan_actions SET target_id = ?2, title = ?3, owner = ?4, due_date = ?5, "
	"status = ?6, evidence = ?7, foundation = ?8, step = ?9, updated_by = ?10, "
	"updated_at = ?11 WHERE school_id = ?1 AND id = ?12";
static const char SQL_AC_GET[] = "SELECT " AC_COLS " FROM plan_actions WHERE school_id = ?1 AND id = ?2";
static const char SQL_AC_EACH[] =
	"SELECT " AC_COLS " FROM plan_actions WHERE school_id = ?1 ORDER BY due_date IS NULL, "
	"due_date, id";

static void read_action(struct db_stmt *st, struct plan_action_rec *a)
{
	a->id = db_col_int64(st, 0);
	a->target_id = db_col_int64(st, 1);
	st_col_copy(st, 2, a->title, sizeof a->title);
	st_col_copy(st, 3, a->owner, sizeof a->owner);
	a->due = st_col_date(st, 4);
	st_col_copy(st, 5, a->status, sizeof a->status);
	st_col_copy(st, 6, a->evidence, sizeof a->evidence);
	a->foundation = db_col_int(st, 7);
	a->step = db_col_int(st, 8);
	a->from_assessment = db_col_int64(st, 9);
	a->from_question = db_col_int64(st, 10);
	st_col_copy(st, 11, a->created_by, sizeof a->created_by);
	st_col_copy(st, 12, a->created_at, sizeof a->created_at);
	st_col_copy(st, 13, a->updated_by, sizeof a->updated_by);
	st_col_copy(st, 14, a->updated_at, sizeof a->updated_at);
}

int store_plan_action_save(struct store *s, int64_t school_id, struct plan_action_rec *a,
			   const char *detail)
{
	bool insert = a->id == 0;
	struct db_stmt *st = store_prepare(s, insert ? SQL_AC_INSERT : SQL_AC_UPDATE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_id_or_null(st, 2, a->target_id);
	db_bind_text(st, 3, a->title);
	db_bind_text(st, 4, a->owner);
	st_bind_date(st, 5, a->due);
	db_bind_text(st, 6, a->status);
	db_bind_text(st, 7, a->evidence);
	st_bind_opt_int(st, 8, a->foundation, 0);
	st_bind_opt_int(st, 9, a->step, 0);
	db_bind_text(st, 10, insert ? a->created_by : a->updated_by);
	db_bind_text(st, 11, insert ? a->created_at : a->updated_at);
	if (insert) {
		st_bind_id_or_null(st, 12, a->from_assessment);
		st_bind_id_or_null(st, 13, a->from_question);
	} else {
		db_bind_int64(st, 12, a->id);
	}
	int rc = insert ? st_step_new_id(s, st, "saving an action", &a->id)
			: st_step_one(s, st, "saving an action");
	if (rc != 0)
		return rc;
	return history_add(s, school_id, "action", a->id, insert ? a->created_at : a->updated_at,
			   insert ? a->created_by : a->updated_by, a->status, detail);
}

int store_plan_action_get(struct store *s, int64_t school_id, int64_t id,
			  struct plan_action_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_AC_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_action, "reading an action");
}

int store_plan_actions_each(struct store *s, int64_t school_id, store_plan_action_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_AC_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct plan_action_rec rec;
	STEP_EACH(s, st, &rec, read_action, cb, ctx, "reading actions");
}

static const char SQL_R_ADD[] =
	"INSERT INTO plan_reviews (school_id, held_on, kind, attendees, challenged, agreed, "
	"recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_R_EACH[] =
	"SELECT id, held_on, kind, attendees, challenged, agreed, recorded_by, recorded_at "
	"FROM plan_reviews WHERE school_id = ?1 ORDER BY held_on DESC, id DESC";

static void read_review(struct db_stmt *st, struct plan_review_rec *r)
{
	r->id = db_col_int64(st, 0);
	r->held_on = st_col_date(st, 1);
	st_col_copy(st, 2, r->kind, sizeof r->kind);
	st_col_copy(st, 3, r->attendees, sizeof r->attendees);
	st_col_copy(st, 4, r->challenged, sizeof r->challenged);
	st_col_copy(st, 5, r->agreed, sizeof r->agreed);
	st_col_copy(st, 6, r->recorded_by, sizeof r->recorded_by);
	st_col_copy(st, 7, r->recorded_at, sizeof r->recorded_at);
}

int store_plan_review_add(struct store *s, int64_t school_id, struct plan_review_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_R_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, r->held_on);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->attendees);
	db_bind_text(st, 5, r->challenged);
	db_bind_text(st, 6, r->agreed);
	db_bind_text(st, 7, r->recorded_by);
	db_bind_text(st, 8, r->recorded_at);
	return st_step_id(s, st, "recording a review meeting", &r->id);
}

int store_plan_reviews_each(struct store *s, int64_t school_id, store_plan_review_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_R_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct plan_review_rec rec;
	STEP_EACH(s, st, &rec, read_review, cb, ctx, "reading review meetings");
}

/* ---- the view log ---- */

static const char SQL_VIEW_ADD[] =
	"INSERT INTO view_log (school_id, day, username, role, view, subject, first_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING";
static const char SQL_VIEW_COUNT[] =
	"SELECT count(DISTINCT username), count(DISTINCT day) FROM view_log WHERE school_id = ?1 "
	"AND view = ?2 AND (?3 = '' OR role = ?3) AND day BETWEEN ?4 AND ?5";

int store_view_log_add(struct store *s, int64_t school_id, const struct view_log_rec *v)
{
	struct db_stmt *st = store_prepare(s, SQL_VIEW_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, v->day);
	db_bind_text(st, 3, v->username);
	db_bind_text(st, 4, v->role);
	db_bind_text(st, 5, v->view);
	db_bind_text(st, 6, v->subject);
	db_bind_text(st, 7, v->at);
	return st_step_done(s, st, "logging a view");
}

/* One integer from a query of one row. */
static int single_int(struct store *s, struct db_stmt *st, int *out, const char *what)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		*out = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : st_db_fail(s, what);
}

int store_view_log_count(struct store *s, int64_t school_id, const char *view, const char *role,
			 date_t from, date_t to, int *people, int *days)
{
	struct db_stmt *st = store_prepare(s, SQL_VIEW_COUNT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, view);
	db_bind_text(st, 3, role ? role : "");
	st_bind_date(st, 4, from);
	st_bind_date(st, 5, to);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*people = db_col_int(st, 0);
		*days = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : st_db_fail(s, "counting views");
}

/* ---- the outbox's counts ---- */

static const char SQL_OUTBOX_COUNT[] =
	"SELECT count(*) FROM outbox WHERE school_id = ?1 AND (?2 = '' OR template = ?2) AND "
	"queued_at >= ?3 AND queued_at < ?4 AND (?5 = 0 OR (?5 > 0 AND pupil_id = ?5) OR "
	"(?5 < 0 AND pupil_id IS NULL))";
static const char SQL_OUTBOX_TEMPLATES[] =
	"SELECT template, count(*) FROM outbox WHERE school_id = ?1 AND queued_at >= ?2 AND "
	"queued_at < ?3 AND pupil_id IS NOT NULL GROUP BY template ORDER BY template";

int store_outbox_count(struct store *s, int64_t school_id, const char *template_name,
		       const char *from_at, const char *to_at, int64_t pupil_id, int *n)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_COUNT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, template_name ? template_name : "");
	db_bind_text(st, 3, from_at);
	db_bind_text(st, 4, to_at);
	db_bind_int64(st, 5, pupil_id);
	return single_int(s, st, n, "counting messages");
}

int store_outbox_templates_each(struct store *s, int64_t school_id, const char *from_at,
				const char *to_at, store_template_count_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_OUTBOX_TEMPLATES);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, from_at);
	db_bind_text(st, 3, to_at);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (cb(ctx, db_col_text(st, 0), db_col_int(st, 1)) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "counting messages by template");
}
