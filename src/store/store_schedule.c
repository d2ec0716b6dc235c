/* The monitoring schedule in the store (migration 0012-leading):
 * its tasks, their completions (kept as recorded), who gets the digests
 * and each digest sent. */
#include <stdio.h>
#include <string.h>

#include "store/store_rows.h"
#include "store/store_leading.h"

#define TASK_COLS                                                                            \
	"id, builtin_key, title, cadence, timing, owner_role, proof, position, active, "        \
	"created_by, created_at, updated_by, updated_at"

static const char SQL_TASK_INSERT[] =
	"INSERT INTO schedule_tasks (school_id, builtin_key, title, cadence, timing, owner_role, "
	"proof, position, active, created_by, created_at, updated_by, updated_at) VALUES (?1, ?2, "
	"?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10, ?11) ON CONFLICT (school_id, builtin_key) DO "
	"NOTHING RETURNING id";
static const char SQL_TASK_UPDATE[] =
	"UPDATE schedule_tasks SET title = ?3, cadence = ?4, timing = ?5, owner_role = ?6, "
	"proof = ?7, position = ?8, active = ?9, updated_by = ?10, updated_at = ?11 "
	"WHERE school_id = ?1 AND id = ?2"; /* ?2: the builtin key on insert */
static const char SQL_TASK_GET[] =
	"SELECT " TASK_COLS " FROM schedule_tasks WHERE school_id = ?1 AND id = ?2";
static const char SQL_TASK_EACH[] =
	"SELECT " TASK_COLS " FROM schedule_tasks WHERE school_id = ?1 AND (?2 = 1 OR active = 1) "
	"ORDER BY position, id";
static const char SQL_TASK_NEXT[] =
	"SELECT coalesce(max(position), 0) + 10 FROM schedule_tasks WHERE school_id = ?1";

static void read_task(struct db_stmt *st, struct sched_task_rec *t)
{
	t->id = db_col_int64(st, 0);
	st_col_copy(st, 1, t->builtin_key, sizeof t->builtin_key);
	st_col_copy(st, 2, t->title, sizeof t->title);
	st_col_copy(st, 3, t->cadence, sizeof t->cadence);
	st_col_copy(st, 4, t->timing, sizeof t->timing);
	st_col_copy(st, 5, t->owner_role, sizeof t->owner_role);
	st_col_copy(st, 6, t->proof, sizeof t->proof);
	t->position = db_col_int(st, 7);
	t->active = db_col_int(st, 8);
	st_col_copy(st, 9, t->created_by, sizeof t->created_by);
	st_col_copy(st, 10, t->created_at, sizeof t->created_at);
	st_col_copy(st, 11, t->updated_by, sizeof t->updated_by);
	st_col_copy(st, 12, t->updated_at, sizeof t->updated_at);
}

int store_sched_task_save(struct store *s, int64_t school_id, struct sched_task_rec *t)
{
	bool insert = t->id == 0;
	struct db_stmt *st = store_prepare(s, insert ? SQL_TASK_INSERT : SQL_TASK_UPDATE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (insert)
		st_bind_text_or_null(st, 2, t->builtin_key);
	else
		db_bind_int64(st, 2, t->id);
	db_bind_text(st, 3, t->title);
	db_bind_text(st, 4, t->cadence);
	db_bind_text(st, 5, t->timing);
	db_bind_text(st, 6, t->owner_role);
	db_bind_text(st, 7, t->proof);
	db_bind_int(st, 8, t->position);
	db_bind_int(st, 9, t->active);
	db_bind_text(st, 10, insert ? t->created_by : t->updated_by);
	db_bind_text(st, 11, insert ? t->created_at : t->updated_at);
	if (insert)
		return st_step_new_id(s, st, "adding a schedule task", &t->id);
	return st_step_one(s, st, "changing a schedule task");
}

int store_sched_task_get(struct store *s, int64_t school_id, int64_t id, struct sched_task_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	ST_GET_ROW(s, st, out, read_task, "reading a schedule task");
}

int store_sched_tasks_each(struct store *s, int64_t school_id, bool all, store_sched_task_cb cb,
			   void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int(st, 2, all);
	struct sched_task_rec rec;
	STEP_EACH(s, st, &rec, read_task, cb, ctx, "reading the schedule");
}

int store_sched_task_next_position(struct store *s, int64_t school_id, int *pos)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_NEXT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*pos = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? 0 : st_db_fail(s, "placing a schedule task");
}

static const char SQL_DONE_ADD[] =
	"INSERT INTO schedule_done (school_id, task_id, period_start, due_date, done_by, done_at, "
	"note, auto, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	"ON CONFLICT (school_id, task_id, period_start) DO NOTHING RETURNING id";
static const char SQL_DONE_EACH[] =
	"SELECT id, task_id, period_start, due_date, done_by, done_at, note, auto, evidence "
	"FROM schedule_done WHERE school_id = ?1 AND period_start BETWEEN ?2 AND ?3 "
	"ORDER BY period_start, task_id";

static void read_done(struct db_stmt *st, struct sched_done_rec *d)
{
	d->id = db_col_int64(st, 0);
	d->task_id = db_col_int64(st, 1);
	d->period_start = st_col_date(st, 2);
	d->due = st_col_date(st, 3);
	st_col_copy(st, 4, d->done_by, sizeof d->done_by);
	st_col_copy(st, 5, d->done_at, sizeof d->done_at);
	st_col_copy(st, 6, d->note, sizeof d->note);
	d->automatic = db_col_int(st, 7);
	st_col_copy(st, 8, d->evidence, sizeof d->evidence);
}

int store_sched_done_add(struct store *s, int64_t school_id, struct sched_done_rec *d)
{
	struct db_stmt *st = store_prepare(s, SQL_DONE_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, d->task_id);
	st_bind_date(st, 3, d->period_start);
	st_bind_date(st, 4, d->due);
	db_bind_text(st, 5, d->done_by);
	db_bind_text(st, 6, d->done_at);
	db_bind_text(st, 7, d->note);
	db_bind_int(st, 8, d->automatic);
	db_bind_text(st, 9, d->evidence);
	return st_step_new_id(s, st, "recording a task done", &d->id);
}

int store_sched_done_each(struct store *s, int64_t school_id, date_t from, date_t to,
			  store_sched_done_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_DONE_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, from);
	st_bind_date(st, 3, to);
	struct sched_done_rec rec;
	STEP_EACH(s, st, &rec, read_done, cb, ctx, "reading tasks done");
}

/* ---- digests ---- */

static const char SQL_RCPT_ADD[] =
	"INSERT INTO digest_recipients (school_id, name, email, daily, weekly, added_by, added_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING RETURNING id";
static const char SQL_RCPT_REMOVE[] =
	"UPDATE digest_recipients SET removed_by = ?3, removed_at = ?4 WHERE school_id = ?1 AND "
	"id = ?2 AND removed_at IS NULL";
static const char SQL_RCPT_EACH[] =
	"SELECT id, name, email, daily, weekly, added_by, added_at FROM digest_recipients "
	"WHERE school_id = ?1 AND removed_at IS NULL ORDER BY name, id";

static void read_recipient(struct db_stmt *st, struct digest_recipient_rec *r)
{
	r->id = db_col_int64(st, 0);
	st_col_copy(st, 1, r->name, sizeof r->name);
	st_col_copy(st, 2, r->email, sizeof r->email);
	r->daily = db_col_int(st, 3);
	r->weekly = db_col_int(st, 4);
	st_col_copy(st, 5, r->added_by, sizeof r->added_by);
	st_col_copy(st, 6, r->added_at, sizeof r->added_at);
}

int store_digest_recipient_add(struct store *s, int64_t school_id, struct digest_recipient_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_RCPT_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, r->name);
	db_bind_text(st, 3, r->email);
	db_bind_int(st, 4, r->daily);
	db_bind_int(st, 5, r->weekly);
	db_bind_text(st, 6, r->added_by);
	db_bind_text(st, 7, r->added_at);
	return st_step_new_id(s, st, "adding a digest recipient", &r->id);
}

int store_digest_recipient_remove(struct store *s, int64_t school_id, int64_t id, const char *by,
				  const char *at)
{
	struct db_stmt *st = store_prepare(s, SQL_RCPT_REMOVE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, at);
	return st_step_one(s, st, "removing a digest recipient");
}

int store_digest_recipients_each(struct store *s, int64_t school_id, store_digest_recipient_cb cb,
				 void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_RCPT_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	struct digest_recipient_rec rec;
	STEP_EACH(s, st, &rec, read_recipient, cb, ctx, "reading digest recipients");
}

static const char SQL_RUN_ADD[] =
	"INSERT INTO digest_runs (school_id, kind, for_date, run_at, run_by, messages) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (school_id, kind, for_date) DO NOTHING "
	"RETURNING id";
static const char SQL_RUN_GET[] =
	"SELECT kind, for_date, run_at, run_by, messages FROM digest_runs WHERE school_id = ?1 AND "
	"kind = ?2 AND for_date = ?3";

static void read_run(struct db_stmt *st, struct digest_run_rec *r)
{
	st_col_copy(st, 0, r->kind, sizeof r->kind);
	r->for_date = st_col_date(st, 1);
	st_col_copy(st, 2, r->run_at, sizeof r->run_at);
	st_col_copy(st, 3, r->run_by, sizeof r->run_by);
	r->messages = db_col_int(st, 4);
}

int store_digest_run_add(struct store *s, int64_t school_id, const struct digest_run_rec *r)
{
	struct db_stmt *st = store_prepare(s, SQL_RUN_ADD);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, r->kind);
	st_bind_date(st, 3, r->for_date);
	db_bind_text(st, 4, r->run_at);
	db_bind_text(st, 5, r->run_by);
	db_bind_int(st, 6, r->messages);
	return st_step_new_id(s, st, "recording a digest sent", NULL);
}

int store_digest_run_get(struct store *s, int64_t school_id, const char *kind, date_t for_date,
			 struct digest_run_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_RUN_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, kind);
	st_bind_date(st, 3, for_date);
	ST_GET_ROW(s, st, out, read_run, "reading a digest sent");
}
