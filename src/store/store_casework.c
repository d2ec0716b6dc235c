/* Casework in the store (migration 0009-casework): stages, the
 * review list, the catalogues, support plans with their barriers, actions
 * and meetings, interventions, part-time timetables and their review
 * points, legal steps with events and documents, notes and the log of
 * reads of safeguarding notes. */
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* One row by id: 0 (read into out), 1 none, -1 error. */
static int get_row(struct store *s, struct db_stmt *st, void (*read)(struct db_stmt *, void *),
		   void *out, size_t size, const char *what)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		memset(out, 0, size);
		read(st, out);
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	return rc == DB_DONE ? 1 : st_db_fail(s, what);
}

/* Steps an INSERT ... ON CONFLICT DO NOTHING RETURNING id that may meet its
 * unique key: 1 when it did (no row; a conflict is not an error, as it
 * would be on PostgreSQL, where it would end the transaction). */
static int insert_once(struct store *s, struct db_stmt *st, int64_t *id, const char *what)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, what);
	return rc == DB_ROW ? 0 : 1;
}

/* Steps an update of a row in a given state: 1 when no row was. */
static int update_once(struct store *s, struct db_stmt *st, const char *what)
{
	if (st_step_done(s, st, what) < 0)
		return -1;
	return db_changes(s->db) == 0 ? 1 : 0;
}

static int col_int_or(struct db_stmt *st, int i, int none)
{
	return db_col_null(st, i) ? none : db_col_int(st, i);
}

static void bind_int_or_null(struct db_stmt *st, int i, int v, int none)
{
	if (v == none)
		db_bind_null(st, i);
	else
		db_bind_int(st, i, v);
}

/* ---- stages ---- */

static const char SQL_STAGE_ADD[] =
	"INSERT INTO casework_stages (school_id, pupil_id, stage, reason, review_id, changed_by, "
	"changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_STAGES_EACH[] =
	"SELECT id, pupil_id, stage, reason, review_id, changed_by, changed_at FROM casework_stages "
	"WHERE school_id = ?1 AND (?2 = 0 OR pupil_id = ?2) ORDER BY pupil_id, id";

int store_cw_stage_add(struct store *s, int64_t school_id, struct cw_stage_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_STAGE_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_text(st, 3, r->stage);
	db_bind_text(st, 4, r->reason);
	st_bind_id_or_null(st, 5, r->review_id);
	db_bind_text(st, 6, r->changed_by);
	db_bind_text(st, 7, r->changed_at);
	return st_step_id(s, st, "recording a stage", &r->id);
}

static void read_stage(struct db_stmt *st, void *out)
{
	struct cw_stage_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->stage, sizeof r->stage);
	st_col_copy(st, 3, r->reason, sizeof r->reason);
	r->review_id = db_col_int64(st, 4);
	st_col_copy(st, 5, r->changed_by, sizeof r->changed_by);
	st_col_copy(st, 6, r->changed_at, sizeof r->changed_at);
}

int store_cw_stages_each(struct store *s, int64_t school_id, int64_t pupil_id,
			 store_cw_stage_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_STAGES_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	struct cw_stage_rec r;
	STEP_EACH(s, st, &r, read_stage, cb, ctx, "reading stages");
}

/* ---- the review list ---- */

#define REVIEW_COLS                                                                          \
	"id, pupil_id, kind, key, raised_on, detail, stage_then, suggested, raised_at, state, " \
	"decided_by, decided_at, decision_reason, stage_set"
static const char SQL_REVIEW_ADD[] =
	"INSERT INTO casework_reviews (school_id, pupil_id, kind, key, raised_on, detail, "
	"stage_then, suggested, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	"ON CONFLICT (school_id, pupil_id, kind, key) DO NOTHING RETURNING id";
static const char SQL_REVIEW_GET[] =
	"SELECT " REVIEW_COLS " FROM casework_reviews WHERE school_id = ?1 AND id = ?2";
static const char SQL_REVIEWS_EACH[] =
	"SELECT " REVIEW_COLS " FROM casework_reviews WHERE school_id = ?1 AND (?2 = 0 OR "
	"pupil_id = ?2) AND (state = 'open' OR (?3 = 0 AND (raised_at >= ?4 OR ?4 IS NULL OR "
	"decided_at >= ?4))) ORDER BY raised_on DESC, id DESC";
static const char SQL_REVIEW_DECIDE[] =
	"UPDATE casework_reviews SET state = ?3, decided_by = ?4, decided_at = ?5, "
	"decision_reason = ?6, stage_set = ?7 WHERE school_id = ?1 AND id = ?2 AND state = 'open'";

int store_cw_review_add(struct store *s, int64_t school_id, struct cw_review_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_REVIEW_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->key);
	st_bind_date(st, 5, r->raised_on);
	db_bind_text(st, 6, r->detail);
	db_bind_text(st, 7, r->stage_then);
	db_bind_text(st, 8, r->suggested);
	db_bind_text(st, 9, r->raised_at);
	return insert_once(s, st, &r->id, "adding to the review list");
}

static void read_review(struct db_stmt *st, void *out)
{
	struct cw_review_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->kind, sizeof r->kind);
	st_col_copy(st, 3, r->key, sizeof r->key);
	r->raised_on = st_col_date(st, 4);
	st_col_copy(st, 5, r->detail, sizeof r->detail);
	st_col_copy(st, 6, r->stage_then, sizeof r->stage_then);
	st_col_copy(st, 7, r->suggested, sizeof r->suggested);
	st_col_copy(st, 8, r->raised_at, sizeof r->raised_at);
	st_col_copy(st, 9, r->state, sizeof r->state);
	st_col_copy(st, 10, r->decided_by, sizeof r->decided_by);
	st_col_copy(st, 11, r->decided_at, sizeof r->decided_at);
	st_col_copy(st, 12, r->decision_reason, sizeof r->decision_reason);
	st_col_copy(st, 13, r->stage_set, sizeof r->stage_set);
}

int store_cw_review_get(struct store *s, int64_t school_id, int64_t id, struct cw_review_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_REVIEW_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_review, out, sizeof *out, "reading a review item");
}

int store_cw_reviews_each(struct store *s, int64_t school_id, int64_t pupil_id, bool open_only,
			  const char *since, store_cw_review_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_REVIEWS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int(st, 3, open_only);
	st_bind_text_or_null(st, 4, since);
	struct cw_review_rec r;
	STEP_EACH(s, st, &r, read_review, cb, ctx, "reading the review list");
}

int store_cw_review_decide(struct store *s, int64_t school_id, int64_t id, const char *state,
			   const char *by, const char *at, const char *reason, const char *stage_set)
{
	struct db_stmt *st = store_prepare(s, SQL_REVIEW_DECIDE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, state);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	db_bind_text(st, 6, reason);
	st_bind_text_or_null(st, 7, stage_set);
	return update_once(s, st, "deciding a review item");
}

/* ---- the catalogues ---- */

static const char SQL_CATALOGUE_EACH[] =
	"SELECT kind, code, label, retired, changed_by, changed_at FROM casework_catalogue "
	"WHERE school_id = ?1 ORDER BY kind, id";
static const char SQL_CATALOGUE_PUT[] =
	"INSERT INTO casework_catalogue (school_id, kind, code, label, retired, changed_by, "
	"changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (school_id, kind, code) DO "
	"UPDATE SET label = excluded.label, retired = excluded.retired, changed_by = "
	"excluded.changed_by, changed_at = excluded.changed_at";
static const char SQL_CATALOGUE_HISTORY[] =
	"INSERT INTO casework_catalogue_history (school_id, kind, code, label, retired, changed_by, "
	"changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static void read_catalogue(struct db_stmt *st, void *out)
{
	struct cw_catalogue_rec *r = out;
	st_col_copy(st, 0, r->kind, sizeof r->kind);
	st_col_copy(st, 1, r->code, sizeof r->code);
	st_col_copy(st, 2, r->label, sizeof r->label);
	r->retired = db_col_int(st, 3) != 0;
	st_col_copy(st, 4, r->changed_by, sizeof r->changed_by);
	st_col_copy(st, 5, r->changed_at, sizeof r->changed_at);
}

int store_cw_catalogue_each(struct store *s, int64_t school_id, store_cw_catalogue_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_CATALOGUE_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct cw_catalogue_rec r;
	STEP_EACH(s, st, &r, read_catalogue, cb, ctx, "reading the catalogue");
}

int store_cw_catalogue_put(struct store *s, int64_t school_id, const struct cw_catalogue_rec *r)
{
	const char *sql[2] = {SQL_CATALOGUE_PUT, SQL_CATALOGUE_HISTORY};
	for (int i = 0; i < 2; i++) {
		struct db_stmt *st = store_prepare(s, sql[i]);
		if (!st)
			return -1;
		db_bind_int64(st, 1, school_id);
		db_bind_text(st, 2, r->kind);
		db_bind_text(st, 3, r->code);
		db_bind_text(st, 4, r->label);
		db_bind_int(st, 5, r->retired);
		db_bind_text(st, 6, r->changed_by);
		db_bind_text(st, 7, r->changed_at);
		if (st_step_done(s, st, "changing the catalogue") < 0)
			return -1;
	}
	return 0;
}

/* ---- support plans ---- */

#define PLAN_COLS                                                                            \
	"id, pupil_id, title, started_on, review_on, state, outcome, closed_on, created_by, "    \
	"created_at, closed_by, closed_at"
static const char SQL_PLAN_ADD[] =
	"INSERT INTO casework_plans (school_id, pupil_id, title, started_on, review_on, "
	"created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_PLAN_GET[] =
	"SELECT " PLAN_COLS " FROM casework_plans WHERE school_id = ?1 AND id = ?2";
static const char SQL_PLANS_EACH[] =
	"SELECT " PLAN_COLS " FROM casework_plans WHERE school_id = ?1 AND (?2 = 0 OR pupil_id = "
	"?2) AND (?3 = 0 OR state = 'open') ORDER BY started_on DESC, id DESC";
static const char SQL_PLAN_REVIEW[] =
	"UPDATE casework_plans SET review_on = ?3 WHERE school_id = ?1 AND id = ?2 AND state = "
	"'open'";
static const char SQL_PLAN_CLOSE[] =
	"UPDATE casework_plans SET state = 'closed', closed_on = ?3, outcome = ?4, closed_by = ?5, "
	"closed_at = ?6 WHERE school_id = ?1 AND id = ?2 AND state = 'open'";

int store_cw_plan_add(struct store *s, int64_t school_id, struct cw_plan_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_PLAN_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_text(st, 3, r->title);
	st_bind_date(st, 4, r->started_on);
	st_bind_date(st, 5, r->review_on);
	db_bind_text(st, 6, r->created_by);
	db_bind_text(st, 7, r->created_at);
	return st_step_id(s, st, "adding a support plan", &r->id);
}

static void read_plan(struct db_stmt *st, void *out)
{
	struct cw_plan_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->title, sizeof r->title);
	r->started_on = st_col_date(st, 3);
	r->review_on = st_col_date(st, 4);
	st_col_copy(st, 5, r->state, sizeof r->state);
	st_col_copy(st, 6, r->outcome, sizeof r->outcome);
	r->closed_on = st_col_date(st, 7);
	st_col_copy(st, 8, r->created_by, sizeof r->created_by);
	st_col_copy(st, 9, r->created_at, sizeof r->created_at);
	st_col_copy(st, 10, r->closed_by, sizeof r->closed_by);
	st_col_copy(st, 11, r->closed_at, sizeof r->closed_at);
}

int store_cw_plan_get(struct store *s, int64_t school_id, int64_t id, struct cw_plan_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_PLAN_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_plan, out, sizeof *out, "reading a support plan");
}

int store_cw_plans_each(struct store *s, int64_t school_id, int64_t pupil_id, bool open_only,
			store_cw_plan_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_PLANS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int(st, 3, open_only);
	struct cw_plan_rec r;
	STEP_EACH(s, st, &r, read_plan, cb, ctx, "reading support plans");
}

int store_cw_plan_set_review(struct store *s, int64_t school_id, int64_t id, date_t review_on)
{
	struct db_stmt *st = store_prepare(s, SQL_PLAN_REVIEW);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, review_on);
	return update_once(s, st, "setting a plan's review");
}

int store_cw_plan_close(struct store *s, int64_t school_id, int64_t id, date_t on,
			const char *outcome, const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_PLAN_CLOSE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, on);
	db_bind_text(st, 4, outcome);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, at);
	return update_once(s, st, "closing a support plan");
}

/* ---- barriers, actions, meetings ---- */

static const char SQL_BARRIER_ADD[] =
	"INSERT INTO casework_plan_barriers (school_id, plan_id, code, note, added_by, added_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (plan_id, code) DO NOTHING RETURNING id";
static const char SQL_BARRIERS_EACH[] =
	"SELECT id, plan_id, code, note, added_by, added_at FROM casework_plan_barriers WHERE "
	"school_id = ?1 AND (?2 = 0 OR plan_id = ?2) ORDER BY plan_id, id";

int store_cw_barrier_add(struct store *s, int64_t school_id, struct cw_barrier_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_BARRIER_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->plan_id);
	db_bind_text(st, 3, r->code);
	db_bind_text(st, 4, r->note);
	db_bind_text(st, 5, r->added_by);
	db_bind_text(st, 6, r->added_at);
	return insert_once(s, st, &r->id, "adding a barrier");
}

static void read_barrier(struct db_stmt *st, void *out)
{
	struct cw_barrier_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->plan_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->code, sizeof r->code);
	st_col_copy(st, 3, r->note, sizeof r->note);
	st_col_copy(st, 4, r->added_by, sizeof r->added_by);
	st_col_copy(st, 5, r->added_at, sizeof r->added_at);
}

int store_cw_barriers_each(struct store *s, int64_t school_id, int64_t plan_id,
			   store_cw_barrier_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_BARRIERS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, plan_id);
	struct cw_barrier_rec r;
	STEP_EACH(s, st, &r, read_barrier, cb, ctx, "reading barriers");
}

#define ACTION_COLS                                                                          \
	"id, plan_id, action, owner, due_on, state, note, created_by, created_at, done_by, done_at"
static const char SQL_ACTION_ADD[] =
	"INSERT INTO casework_plan_actions (school_id, plan_id, action, owner, due_on, created_by, "
	"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_ACTION_GET[] =
	"SELECT " ACTION_COLS " FROM casework_plan_actions WHERE school_id = ?1 AND id = ?2";
static const char SQL_ACTIONS_EACH[] =
	"SELECT " ACTION_COLS " FROM casework_plan_actions WHERE school_id = ?1 AND (?2 = 0 OR "
	"plan_id = ?2) ORDER BY plan_id, due_on, id";
static const char SQL_ACTION_FINISH[] =
	"UPDATE casework_plan_actions SET state = ?3, note = ?4, done_by = ?5, done_at = ?6 WHERE "
	"school_id = ?1 AND id = ?2 AND state = 'open'";

int store_cw_action_add(struct store *s, int64_t school_id, struct cw_action_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_ACTION_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->plan_id);
	db_bind_text(st, 3, r->action);
	db_bind_text(st, 4, r->owner);
	st_bind_date(st, 5, r->due_on);
	db_bind_text(st, 6, r->created_by);
	db_bind_text(st, 7, r->created_at);
	return st_step_id(s, st, "adding an action", &r->id);
}

static void read_action(struct db_stmt *st, void *out)
{
	struct cw_action_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->plan_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->action, sizeof r->action);
	st_col_copy(st, 3, r->owner, sizeof r->owner);
	r->due_on = st_col_date(st, 4);
	st_col_copy(st, 5, r->state, sizeof r->state);
	st_col_copy(st, 6, r->note, sizeof r->note);
	st_col_copy(st, 7, r->created_by, sizeof r->created_by);
	st_col_copy(st, 8, r->created_at, sizeof r->created_at);
	st_col_copy(st, 9, r->done_by, sizeof r->done_by);
	st_col_copy(st, 10, r->done_at, sizeof r->done_at);
}

int store_cw_action_get(struct store *s, int64_t school_id, int64_t id, struct cw_action_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_ACTION_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_action, out, sizeof *out, "reading an action");
}

int store_cw_actions_each(struct store *s, int64_t school_id, int64_t plan_id,
			  store_cw_action_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_ACTIONS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, plan_id);
	struct cw_action_rec r;
	STEP_EACH(s, st, &r, read_action, cb, ctx, "reading actions");
}

int store_cw_action_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
			   const char *note, const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_ACTION_FINISH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, state);
	db_bind_text(st, 4, note);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, at);
	return update_once(s, st, "finishing an action");
}

static const char SQL_MEETING_ADD[] =
	"INSERT INTO casework_meetings (school_id, plan_id, kind, held_on, attendees, pupil_voice, "
	"parent_voice, notes, next_review_on, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, "
	"?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id";
static const char SQL_MEETINGS_EACH[] =
	"SELECT id, plan_id, kind, held_on, attendees, pupil_voice, parent_voice, notes, "
	"next_review_on, recorded_by, recorded_at FROM casework_meetings WHERE school_id = ?1 AND "
	"plan_id = ?2 ORDER BY held_on, id";

int store_cw_meeting_add(struct store *s, int64_t school_id, struct cw_meeting_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_MEETING_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->plan_id);
	db_bind_text(st, 3, r->kind);
	st_bind_date(st, 4, r->held_on);
	db_bind_text(st, 5, r->attendees);
	db_bind_text(st, 6, r->pupil_voice);
	db_bind_text(st, 7, r->parent_voice);
	db_bind_text(st, 8, r->notes);
	st_bind_date(st, 9, r->next_review_on);
	db_bind_text(st, 10, r->recorded_by);
	db_bind_text(st, 11, r->recorded_at);
	return st_step_id(s, st, "recording a meeting", &r->id);
}

static void read_meeting(struct db_stmt *st, void *out)
{
	struct cw_meeting_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->plan_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->kind, sizeof r->kind);
	r->held_on = st_col_date(st, 3);
	st_col_copy(st, 4, r->attendees, sizeof r->attendees);
	st_col_copy(st, 5, r->pupil_voice, sizeof r->pupil_voice);
	st_col_copy(st, 6, r->parent_voice, sizeof r->parent_voice);
	st_col_copy(st, 7, r->notes, sizeof r->notes);
	r->next_review_on = st_col_date(st, 8);
	st_col_copy(st, 9, r->recorded_by, sizeof r->recorded_by);
	st_col_copy(st, 10, r->recorded_at, sizeof r->recorded_at);
}

int store_cw_meetings_each(struct store *s, int64_t school_id, int64_t plan_id,
			   store_cw_meeting_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_MEETINGS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, plan_id);
	struct cw_meeting_rec r;
	STEP_EACH(s, st, &r, read_meeting, cb, ctx, "reading meetings");
}

/* ---- interventions ---- */

#define INTERVENTION_COLS                                                                    \
	"id, pupil_id, plan_id, type, started_on, planned_end, ended_on, note, created_by, "     \
	"created_at, ended_by, ended_at"
static const char SQL_INTERVENTION_ADD[] =
	"INSERT INTO casework_interventions (school_id, pupil_id, plan_id, type, started_on, "
	"planned_end, note, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
static const char SQL_INTERVENTION_GET[] =
	"SELECT " INTERVENTION_COLS " FROM casework_interventions WHERE school_id = ?1 AND id = ?2";
static const char SQL_INTERVENTIONS_EACH[] =
	"SELECT " INTERVENTION_COLS " FROM casework_interventions WHERE school_id = ?1 AND (?2 = 0 "
	"OR pupil_id = ?2) ORDER BY started_on, id";
static const char SQL_INTERVENTION_END[] =
	"UPDATE casework_interventions SET ended_on = ?3, ended_by = ?4, ended_at = ?5 WHERE "
	"school_id = ?1 AND id = ?2 AND ended_on IS NULL";

int store_cw_intervention_add(struct store *s, int64_t school_id, struct cw_intervention_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_INTERVENTION_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	st_bind_id_or_null(st, 3, r->plan_id);
	db_bind_text(st, 4, r->type);
	st_bind_date(st, 5, r->started_on);
	st_bind_date(st, 6, r->planned_end);
	db_bind_text(st, 7, r->note);
	db_bind_text(st, 8, r->created_by);
	db_bind_text(st, 9, r->created_at);
	return st_step_id(s, st, "adding an intervention", &r->id);
}

static void read_intervention(struct db_stmt *st, void *out)
{
	struct cw_intervention_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->plan_id = db_col_int64(st, 2);
	st_col_copy(st, 3, r->type, sizeof r->type);
	r->started_on = st_col_date(st, 4);
	r->planned_end = st_col_date(st, 5);
	r->ended_on = st_col_date(st, 6);
	st_col_copy(st, 7, r->note, sizeof r->note);
	st_col_copy(st, 8, r->created_by, sizeof r->created_by);
	st_col_copy(st, 9, r->created_at, sizeof r->created_at);
	st_col_copy(st, 10, r->ended_by, sizeof r->ended_by);
	st_col_copy(st, 11, r->ended_at, sizeof r->ended_at);
}

int store_cw_intervention_get(struct store *s, int64_t school_id, int64_t id,
			      struct cw_intervention_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_INTERVENTION_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_intervention, out, sizeof *out, "reading an intervention");
}

int store_cw_interventions_each(struct store *s, int64_t school_id, int64_t pupil_id,
				store_cw_intervention_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_INTERVENTIONS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	struct cw_intervention_rec r;
	STEP_EACH(s, st, &r, read_intervention, cb, ctx, "reading interventions");
}

/* Sets the end of a row not ended yet (interventions, part-time
 * timetables): ?1 school, ?2 id, ?3 day, then the statement's own. */
static int end_row(struct store *s, const char *sql, int64_t school_id, int64_t id, date_t on,
		   const char *reason, const char *by, const char *at, const char *what)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, on);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	if (reason)
		db_bind_text(st, 6, reason);
	return update_once(s, st, what);
}

int store_cw_intervention_end(struct store *s, int64_t school_id, int64_t id, date_t on,
			      const char *by, const char *at)
{
	return end_row(s, SQL_INTERVENTION_END, school_id, id, on, NULL, by, at,
		       "ending an intervention");
}

/* ---- part-time timetables ---- */

#define PART_TIME_COLS                                                                       \
	"id, pupil_id, intervention_id, sessions, started_on, planned_end, ended_on, agreed_with, " \
	"reason, end_reason, created_by, created_at, ended_by, ended_at"
static const char SQL_PART_TIME_ADD[] =
	"INSERT INTO casework_part_time (school_id, pupil_id, intervention_id, sessions, "
	"started_on, planned_end, agreed_with, reason, created_by, created_at) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
static const char SQL_PART_TIME_GET[] =
	"SELECT " PART_TIME_COLS " FROM casework_part_time WHERE school_id = ?1 AND id = ?2";
static const char SQL_PART_TIMES_EACH[] =
	"SELECT " PART_TIME_COLS " FROM casework_part_time WHERE school_id = ?1 AND (?2 = 0 OR "
	"pupil_id = ?2) AND (?3 = 0 OR ended_on IS NULL) ORDER BY started_on, id";
static const char SQL_PART_TIME_END[] =
	"UPDATE casework_part_time SET ended_on = ?3, ended_by = ?4, ended_at = ?5, end_reason = "
	"?6 WHERE school_id = ?1 AND id = ?2 AND ended_on IS NULL";

int store_cw_part_time_add(struct store *s, int64_t school_id, struct cw_part_time_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_PART_TIME_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int64(st, 3, r->intervention_id);
	db_bind_text(st, 4, r->sessions);
	st_bind_date(st, 5, r->started_on);
	st_bind_date(st, 6, r->planned_end);
	db_bind_text(st, 7, r->agreed_with);
	db_bind_text(st, 8, r->reason);
	db_bind_text(st, 9, r->created_by);
	db_bind_text(st, 10, r->created_at);
	return st_step_id(s, st, "adding a part-time timetable", &r->id);
}

static void read_part_time(struct db_stmt *st, void *out)
{
	struct cw_part_time_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->intervention_id = db_col_int64(st, 2);
	st_col_copy(st, 3, r->sessions, sizeof r->sessions);
	r->started_on = st_col_date(st, 4);
	r->planned_end = st_col_date(st, 5);
	r->ended_on = st_col_date(st, 6);
	st_col_copy(st, 7, r->agreed_with, sizeof r->agreed_with);
	st_col_copy(st, 8, r->reason, sizeof r->reason);
	st_col_copy(st, 9, r->end_reason, sizeof r->end_reason);
	st_col_copy(st, 10, r->created_by, sizeof r->created_by);
	st_col_copy(st, 11, r->created_at, sizeof r->created_at);
	st_col_copy(st, 12, r->ended_by, sizeof r->ended_by);
	st_col_copy(st, 13, r->ended_at, sizeof r->ended_at);
}

int store_cw_part_time_get(struct store *s, int64_t school_id, int64_t id,
			   struct cw_part_time_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_PART_TIME_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_part_time, out, sizeof *out, "reading a part-time timetable");
}

int store_cw_part_times_each(struct store *s, int64_t school_id, int64_t pupil_id,
			     bool current_only, store_cw_part_time_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_PART_TIMES_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int(st, 3, current_only);
	struct cw_part_time_rec r;
	STEP_EACH(s, st, &r, read_part_time, cb, ctx, "reading part-time timetables");
}

int store_cw_part_time_end(struct store *s, int64_t school_id, int64_t id, date_t on,
			   const char *reason, const char *by, const char *at)
{
	return end_row(s, SQL_PART_TIME_END, school_id, id, on, reason, by, at,
		       "ending a part-time timetable");
}

static const char SQL_PT_REVIEW_ADD[] =
	"INSERT INTO casework_part_time_reviews (school_id, part_time_id, due_on) VALUES (?1, ?2, "
	"?3) ON CONFLICT (part_time_id, due_on) DO NOTHING RETURNING id";
static const char SQL_PT_REVIEWS_EACH[] =
	"SELECT id, part_time_id, due_on, held_on, outcome, held_by, held_at FROM "
	"casework_part_time_reviews WHERE school_id = ?1 AND (?2 = 0 OR part_time_id = ?2) ORDER "
	"BY part_time_id, due_on";
static const char SQL_PT_REVIEW_HOLD[] =
	"UPDATE casework_part_time_reviews SET held_on = ?3, outcome = ?4, held_by = ?5, held_at = "
	"?6 WHERE school_id = ?1 AND id = ?2 AND held_on IS NULL";

int store_cw_pt_review_add(struct store *s, int64_t school_id, struct cw_pt_review_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_PT_REVIEW_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->part_time_id);
	st_bind_date(st, 3, r->due_on);
	return insert_once(s, st, &r->id, "adding a review point");
}

static void read_pt_review(struct db_stmt *st, void *out)
{
	struct cw_pt_review_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->part_time_id = db_col_int64(st, 1);
	r->due_on = st_col_date(st, 2);
	r->held_on = st_col_date(st, 3);
	st_col_copy(st, 4, r->outcome, sizeof r->outcome);
	st_col_copy(st, 5, r->held_by, sizeof r->held_by);
	st_col_copy(st, 6, r->held_at, sizeof r->held_at);
}

int store_cw_pt_reviews_each(struct store *s, int64_t school_id, int64_t part_time_id,
			     store_cw_pt_review_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_PT_REVIEWS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, part_time_id);
	struct cw_pt_review_rec r;
	STEP_EACH(s, st, &r, read_pt_review, cb, ctx, "reading review points");
}

int store_cw_pt_review_hold(struct store *s, int64_t school_id, int64_t id, date_t held_on,
			    const char *outcome, const char *by, const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_PT_REVIEW_HOLD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	st_bind_date(st, 3, held_on);
	db_bind_text(st, 4, outcome);
	db_bind_text(st, 5, by);
	db_bind_text(st, 6, at);
	return update_once(s, st, "holding a review point");
}

/* ---- legal steps ---- */

#define LEGAL_COLS                                                                           \
	"id, pupil_id, kind, parent_name, issued_on, period_start, period_end, period_weeks, "   \
	"number, amount_pence, reduced_pence, reduced_until, pay_by, section, review_on, detail, " \
	"recorded_by, recorded_at"
static const char SQL_LEGAL_ADD[] =
	"INSERT INTO casework_legal (school_id, pupil_id, kind, parent_name, issued_on, "
	"period_start, period_end, period_weeks, number, amount_pence, reduced_pence, "
	"reduced_until, pay_by, section, review_on, detail, recorded_by, recorded_at) VALUES (?1, "
	"?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id";
static const char SQL_LEGAL_GET[] =
	"SELECT " LEGAL_COLS " FROM casework_legal WHERE school_id = ?1 AND id = ?2";
static const char SQL_LEGAL_EACH[] =
	"SELECT " LEGAL_COLS " FROM casework_legal WHERE school_id = ?1 AND (?2 = 0 OR pupil_id = "
	"?2) ORDER BY issued_on, id";

int store_cw_legal_add(struct store *s, int64_t school_id, struct cw_legal_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_LEGAL_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->parent_name);
	st_bind_date(st, 5, r->issued_on);
	st_bind_date(st, 6, r->period_start);
	st_bind_date(st, 7, r->period_end);
	bind_int_or_null(st, 8, r->period_weeks, 0);
	bind_int_or_null(st, 9, r->number, 0);
	bind_int_or_null(st, 10, r->amount_pence, -1);
	bind_int_or_null(st, 11, r->reduced_pence, -1);
	st_bind_date(st, 12, r->reduced_until);
	st_bind_date(st, 13, r->pay_by);
	st_bind_text_or_null(st, 14, r->section);
	st_bind_date(st, 15, r->review_on);
	db_bind_text(st, 16, r->detail);
	db_bind_text(st, 17, r->recorded_by);
	db_bind_text(st, 18, r->recorded_at);
	return st_step_id(s, st, "recording a legal step", &r->id);
}

static void read_legal(struct db_stmt *st, void *out)
{
	struct cw_legal_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->kind, sizeof r->kind);
	st_col_copy(st, 3, r->parent_name, sizeof r->parent_name);
	r->issued_on = st_col_date(st, 4);
	r->period_start = st_col_date(st, 5);
	r->period_end = st_col_date(st, 6);
	r->period_weeks = col_int_or(st, 7, 0);
	r->number = col_int_or(st, 8, 0);
	r->amount_pence = col_int_or(st, 9, -1);
	r->reduced_pence = col_int_or(st, 10, -1);
	r->reduced_until = st_col_date(st, 11);
	r->pay_by = st_col_date(st, 12);
	st_col_copy(st, 13, r->section, sizeof r->section);
	r->review_on = st_col_date(st, 14);
	st_col_copy(st, 15, r->detail, sizeof r->detail);
	st_col_copy(st, 16, r->recorded_by, sizeof r->recorded_by);
	st_col_copy(st, 17, r->recorded_at, sizeof r->recorded_at);
}

int store_cw_legal_get(struct store *s, int64_t school_id, int64_t id, struct cw_legal_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_LEGAL_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	return get_row(s, st, read_legal, out, sizeof *out, "reading a legal step");
}

int store_cw_legal_each(struct store *s, int64_t school_id, int64_t pupil_id,
			store_cw_legal_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_LEGAL_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	struct cw_legal_rec r;
	STEP_EACH(s, st, &r, read_legal, cb, ctx, "reading legal steps");
}

static const char SQL_LEGAL_EVENT_ADD[] =
	"INSERT INTO casework_legal_events (school_id, legal_id, kind, on_date, amount_pence, text, "
	"recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_LEGAL_EVENTS_EACH[] =
	"SELECT e.id, e.legal_id, e.kind, e.on_date, e.amount_pence, e.text, e.recorded_by, "
	"e.recorded_at FROM casework_legal_events e WHERE e.school_id = ?1 AND (?2 = 0 OR "
	"e.legal_id = ?2) ORDER BY e.legal_id, e.on_date, e.id";

int store_cw_legal_event_add(struct store *s, int64_t school_id, struct cw_legal_event_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_LEGAL_EVENT_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->legal_id);
	db_bind_text(st, 3, r->kind);
	st_bind_date(st, 4, r->on);
	bind_int_or_null(st, 5, r->amount_pence, -1);
	db_bind_text(st, 6, r->text);
	db_bind_text(st, 7, r->recorded_by);
	db_bind_text(st, 8, r->recorded_at);
	return st_step_id(s, st, "recording an event of a legal step", &r->id);
}

static void read_legal_event(struct db_stmt *st, void *out)
{
	struct cw_legal_event_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->legal_id = db_col_int64(st, 1);
	st_col_copy(st, 2, r->kind, sizeof r->kind);
	r->on = st_col_date(st, 3);
	r->amount_pence = col_int_or(st, 4, -1);
	st_col_copy(st, 5, r->text, sizeof r->text);
	st_col_copy(st, 6, r->recorded_by, sizeof r->recorded_by);
	st_col_copy(st, 7, r->recorded_at, sizeof r->recorded_at);
}

int store_cw_legal_events_each(struct store *s, int64_t school_id, int64_t legal_id,
			       store_cw_legal_event_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_LEGAL_EVENTS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, legal_id);
	struct cw_legal_event_rec r;
	STEP_EACH(s, st, &r, read_legal_event, cb, ctx, "reading events of legal steps");
}

/* ---- documents ---- */

static const char SQL_DOCUMENT_ADD[] =
	"INSERT INTO casework_documents (school_id, pupil_id, legal_id, filename, content_type, "
	"size, sha256, data, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10) RETURNING id";
static const char SQL_DOCUMENT_GET[] =
	"SELECT id, pupil_id, legal_id, filename, content_type, size, sha256, uploaded_by, "
	"uploaded_at, data FROM casework_documents WHERE school_id = ?1 AND id = ?2";
static const char SQL_DOCUMENTS_EACH[] =
	"SELECT id, pupil_id, legal_id, filename, content_type, size, sha256, uploaded_by, "
	"uploaded_at FROM casework_documents WHERE school_id = ?1 AND pupil_id = ?2 AND (?3 = 0 OR "
	"legal_id = ?3) ORDER BY legal_id, id";

int store_cw_document_add(struct store *s, int64_t school_id, struct cw_document_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_DOCUMENT_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int64(st, 3, r->legal_id);
	db_bind_text(st, 4, r->filename);
	db_bind_text(st, 5, r->content_type);
	db_bind_int64(st, 6, r->size);
	db_bind_text(st, 7, r->sha256);
	db_bind_blob(st, 8, r->data, (size_t)r->size);
	db_bind_text(st, 9, r->uploaded_by);
	db_bind_text(st, 10, r->uploaded_at);
	return st_step_id(s, st, "storing a document", &r->id);
}

static void read_document(struct db_stmt *st, void *out)
{
	struct cw_document_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->legal_id = db_col_int64(st, 2);
	st_col_copy(st, 3, r->filename, sizeof r->filename);
	st_col_copy(st, 4, r->content_type, sizeof r->content_type);
	r->size = db_col_int64(st, 5);
	st_col_copy(st, 6, r->sha256, sizeof r->sha256);
	st_col_copy(st, 7, r->uploaded_by, sizeof r->uploaded_by);
	st_col_copy(st, 8, r->uploaded_at, sizeof r->uploaded_at);
}

int store_cw_document_get(struct store *s, int64_t school_id, int64_t id,
			  struct cw_document_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_DOCUMENT_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? 1 : st_db_fail(s, "reading a document");
	}
	memset(out, 0, sizeof *out);
	read_document(st, out);
	const void *data = db_col_blob(st, 9);
	int n = db_col_bytes(st, 9);
	out->data = malloc(n > 0 ? (size_t)n : 1);
	if (!out->data) {
		db_reset(st);
		return st_fail(s, "out of memory reading a document");
	}
	if (n > 0)
		memcpy(out->data, data, (size_t)n);
	out->size = n;
	db_reset(st);
	return 0;
}

int store_cw_documents_each(struct store *s, int64_t school_id, int64_t pupil_id,
			    int64_t legal_id, store_cw_document_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_DOCUMENTS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int64(st, 3, legal_id);
	struct cw_document_rec r;
	STEP_EACH(s, st, &r, read_document, cb, ctx, "reading documents");
}

/* ---- notes and the log of safeguarding reads ---- */

static const char SQL_NOTE_ADD[] =
	"INSERT INTO casework_notes (school_id, pupil_id, safeguarding, body, written_by, "
	"written_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
static const char SQL_NOTES_EACH[] =
	"SELECT id, pupil_id, safeguarding, body, written_by, written_at FROM casework_notes WHERE "
	"school_id = ?1 AND pupil_id = ?2 AND safeguarding = ?3 ORDER BY written_at DESC, id DESC";
static const char SQL_SAFEGUARDING_COUNT[] =
	"SELECT count(*) FROM casework_notes WHERE school_id = ?1 AND pupil_id = ?2 AND "
	"safeguarding = 1";

int store_cw_note_add(struct store *s, int64_t school_id, struct cw_note_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->pupil_id);
	db_bind_int(st, 3, r->safeguarding);
	db_bind_text(st, 4, r->body);
	db_bind_text(st, 5, r->written_by);
	db_bind_text(st, 6, r->written_at);
	return st_step_id(s, st, "adding a note", &r->id);
}

static void read_note(struct db_stmt *st, void *out)
{
	struct cw_note_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->pupil_id = db_col_int64(st, 1);
	r->safeguarding = db_col_int(st, 2) != 0;
	st_col_copy(st, 3, r->body, sizeof r->body);
	st_col_copy(st, 4, r->written_by, sizeof r->written_by);
	st_col_copy(st, 5, r->written_at, sizeof r->written_at);
}

int store_cw_notes_each(struct store *s, int64_t school_id, int64_t pupil_id, bool safeguarding,
			store_cw_note_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTES_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int(st, 3, safeguarding);
	struct cw_note_rec r;
	STEP_EACH(s, st, &r, read_note, cb, ctx, "reading notes");
}

int store_cw_safeguarding_count(struct store *s, int64_t school_id, int64_t pupil_id, int *n)
{
	struct db_stmt *st = store_prepare(s, SQL_SAFEGUARDING_COUNT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return st_db_fail(s, "counting safeguarding notes");
	}
	*n = db_col_int(st, 0);
	db_reset(st);
	return 0;
}

static const char SQL_NOTE_READ_ADD[] =
	"INSERT INTO casework_note_reads (school_id, note_id, pupil_id, username, role, read_at, "
	"via, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_NOTE_READS_EACH[] =
	"SELECT id, note_id, pupil_id, username, role, read_at, via, ip FROM casework_note_reads "
	"WHERE school_id = ?1 AND (?2 = 0 OR pupil_id = ?2) ORDER BY read_at DESC, id DESC LIMIT ?3";

int store_cw_note_read_add(struct store *s, int64_t school_id, struct cw_note_read_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_READ_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, r->note_id);
	db_bind_int64(st, 3, r->pupil_id);
	db_bind_text(st, 4, r->username);
	db_bind_text(st, 5, r->role);
	db_bind_text(st, 6, r->read_at);
	db_bind_text(st, 7, r->via);
	db_bind_text(st, 8, r->ip);
	return st_step_id(s, st, "logging a read of a safeguarding note", &r->id);
}

static void read_note_read(struct db_stmt *st, void *out)
{
	struct cw_note_read_rec *r = out;
	r->id = db_col_int64(st, 0);
	r->note_id = db_col_int64(st, 1);
	r->pupil_id = db_col_int64(st, 2);
	st_col_copy(st, 3, r->username, sizeof r->username);
	st_col_copy(st, 4, r->role, sizeof r->role);
	st_col_copy(st, 5, r->read_at, sizeof r->read_at);
	st_col_copy(st, 6, r->via, sizeof r->via);
	st_col_copy(st, 7, r->ip, sizeof r->ip);
}

int store_cw_note_reads_each(struct store *s, int64_t school_id, int64_t pupil_id, int limit,
			     store_cw_note_read_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_NOTE_READS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	db_bind_int(st, 3, limit);
	struct cw_note_read_rec r;
	STEP_EACH(s, st, &r, read_note_read, cb, ctx, "reading the log of safeguarding reads");
}
