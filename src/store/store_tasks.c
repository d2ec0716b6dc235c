/* The first-day response and tasks in the store (migration
 * 0007-first-day): the actions of each morning's response, kept as they
 * were done, and the tasks escalation gives people. */
#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"

static const char SQL_FD_INSERT[] =
	"INSERT INTO first_day_actions (school_id, pupil_id, date, step, result, contact_id, "
	"contact_name, note, done_by, done_at, log_entry, outbox_id) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT DO NOTHING RETURNING id";

static const char SQL_FD_EACH[] =
	"SELECT a.id, a.pupil_id, a.date, a.step, a.result, a.contact_id, a.contact_name, a.note, "
	"a.done_by, a.done_at, a.log_entry, a.outbox_id, o.status FROM first_day_actions a "
	"LEFT JOIN outbox o ON o.id = a.outbox_id AND o.school_id = a.school_id "
	"WHERE a.school_id = ?1 AND a.date = ?2 AND (?3 = 0 OR a.pupil_id = ?3) "
	"ORDER BY a.pupil_id, a.done_at, a.id";

#define TASK_COLS                                                                            \
	"id, pupil_id, kind, title, assignee_user, assignee_role, scope_form, scope_year, "      \
	"absence_date, day_number, due_date, created_by, created_at, state, done_by, done_at, " \
	"outcome, log_entry"

static const char SQL_TASK_INSERT[] =
	"INSERT INTO tasks (school_id, pupil_id, kind, title, assignee_user, assignee_role, "
	"scope_form, scope_year, absence_date, day_number, due_date, created_by, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
	"ON CONFLICT (school_id, pupil_id, kind, absence_date) DO NOTHING RETURNING id";

static const char SQL_TASK_GET[] =
	"SELECT " TASK_COLS " FROM tasks WHERE school_id = ?1 AND id = ?2";

static const char SQL_TASKS_EACH[] =
	"SELECT " TASK_COLS " FROM tasks WHERE school_id = ?1 AND (state = 'open' OR (?2 = 0 AND "
	"(created_at >= ?3 OR done_at >= ?3))) AND (?4 = 0 OR pupil_id = ?4) "
	"ORDER BY due_date, id";

static const char SQL_TASK_FINISH[] =
	"UPDATE tasks SET state = ?3, done_by = ?4, done_at = ?5, outcome = ?6, log_entry = ?7 "
	"WHERE school_id = ?1 AND id = ?2 AND state = 'open'";

static const char SQL_TASKS_CLOSE_DAY[] =
	"UPDATE tasks SET state = 'closed', done_by = ?4, done_at = ?5, outcome = ?6 "
	"WHERE school_id = ?1 AND pupil_id = ?2 AND absence_date = ?3 AND state = 'open' "
	"AND kind = 'escalation'";

int store_first_day_add(struct store *s, int64_t school_id, struct first_day_action_rec *a)
{
	struct db_stmt *st = store_prepare(s, SQL_FD_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, a->pupil_id);
	st_bind_date(st, 3, a->date);
	db_bind_text(st, 4, a->step);
	db_bind_text(st, 5, a->result);
	st_bind_id_or_null(st, 6, a->contact_id);
	db_bind_text(st, 7, a->contact_name);
	db_bind_text(st, 8, a->note);
	db_bind_text(st, 9, a->done_by);
	db_bind_text(st, 10, a->done_at);
	st_bind_id_or_null(st, 11, a->log_entry);
	st_bind_id_or_null(st, 12, a->outbox_id);
	/* The step done already (a message or a visit decision: once a day)
	 * inserts nothing and returns no row. A conflict is not an error, as
	 * it would be on PostgreSQL, where it would end the transaction. */
	int rc = db_step(st);
	if (rc == DB_ROW)
		a->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, "recording a first-day step");
	return rc == DB_ROW ? 0 : 1;
}

int store_first_day_each(struct store *s, int64_t school_id, date_t day, int64_t pupil_id,
			 store_first_day_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_FD_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	st_bind_date(st, 2, day);
	db_bind_int64(st, 3, pupil_id);
	int rc;
	struct first_day_action_rec a;
	while ((rc = db_step(st)) == DB_ROW) {
		memset(&a, 0, sizeof a);
		a.id = db_col_int64(st, 0);
		a.pupil_id = db_col_int64(st, 1);
		a.date = st_col_date(st, 2);
		st_col_copy(st, 3, a.step, sizeof a.step);
		st_col_copy(st, 4, a.result, sizeof a.result);
		a.contact_id = db_col_int64(st, 5);
		st_col_copy(st, 6, a.contact_name, sizeof a.contact_name);
		st_col_copy(st, 7, a.note, sizeof a.note);
		st_col_copy(st, 8, a.done_by, sizeof a.done_by);
		st_col_copy(st, 9, a.done_at, sizeof a.done_at);
		a.log_entry = db_col_int64(st, 10);
		a.outbox_id = db_col_int64(st, 11);
		st_col_copy(st, 12, a.outbox_status, sizeof a.outbox_status);
		if (cb(ctx, &a) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the first-day steps");
}

int store_task_add(struct store *s, int64_t school_id, struct task_rec *t)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_INSERT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, t->pupil_id);
	db_bind_text(st, 3, t->kind);
	db_bind_text(st, 4, t->title);
	st_bind_text_or_null(st, 5, t->assignee_user);
	db_bind_text(st, 6, t->assignee_role);
	st_bind_text_or_null(st, 7, t->scope_form);
	st_bind_text_or_null(st, 8, t->scope_year == YEAR_INVALID ? NULL : year_name(t->scope_year));
	st_bind_date(st, 9, t->absence_date);
	db_bind_int(st, 10, t->day_number);
	st_bind_date(st, 11, t->due_date);
	db_bind_text(st, 12, t->created_by);
	db_bind_text(st, 13, t->created_at);
	int rc = db_step(st); /* a row only when the task is new */
	if (rc == DB_ROW)
		t->id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, "adding a task");
	if (rc == DB_DONE)
		return 1;
	snprintf(t->state, sizeof t->state, "open");
	return 0;
}

static void read_task(struct db_stmt *st, struct task_rec *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int64(st, 0);
	t->pupil_id = db_col_int64(st, 1);
	st_col_copy(st, 2, t->kind, sizeof t->kind);
	st_col_copy(st, 3, t->title, sizeof t->title);
	st_col_copy(st, 4, t->assignee_user, sizeof t->assignee_user);
	st_col_copy(st, 5, t->assignee_role, sizeof t->assignee_role);
	st_col_copy(st, 6, t->scope_form, sizeof t->scope_form);
	const char *y = db_col_text(st, 7);
	t->scope_year = y ? year_parse(y) : YEAR_INVALID;
	t->absence_date = st_col_date(st, 8);
	t->day_number = db_col_int(st, 9);
	t->due_date = st_col_date(st, 10);
	st_col_copy(st, 11, t->created_by, sizeof t->created_by);
	st_col_copy(st, 12, t->created_at, sizeof t->created_at);
	st_col_copy(st, 13, t->state, sizeof t->state);
	st_col_copy(st, 14, t->done_by, sizeof t->done_by);
	st_col_copy(st, 15, t->done_at, sizeof t->done_at);
	st_col_copy(st, 16, t->outcome, sizeof t->outcome);
	t->log_entry = db_col_int64(st, 17);
}

int store_task_get(struct store *s, int64_t school_id, int64_t id, struct task_rec *out)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_GET);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_task(st, out);
	db_reset(st);
	if (rc == DB_DONE)
		return 1;
	return rc == DB_ROW ? 0 : st_db_fail(s, "reading a task");
}

int store_tasks_each(struct store *s, int64_t school_id, bool open_only, const char *since,
		     int64_t pupil_id, store_task_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_TASKS_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int(st, 2, open_only);
	db_bind_text(st, 3, since ? since : "");
	db_bind_int64(st, 4, pupil_id);
	int rc;
	struct task_rec t;
	while ((rc = db_step(st)) == DB_ROW) {
		read_task(st, &t);
		if (cb(ctx, &t) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading tasks");
}

int store_task_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
		      const char *by, const char *at, const char *outcome, int64_t log_entry)
{
	struct db_stmt *st = store_prepare(s, SQL_TASK_FINISH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, id);
	db_bind_text(st, 3, state);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	db_bind_text(st, 6, outcome);
	st_bind_id_or_null(st, 7, log_entry);
	return st_step_one(s, st, "finishing a task");
}

int store_tasks_close_day(struct store *s, int64_t school_id, int64_t pupil_id, date_t day,
			  const char *by, const char *at, const char *outcome, int *closed)
{
	struct db_stmt *st = store_prepare(s, SQL_TASKS_CLOSE_DAY);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, pupil_id);
	st_bind_date(st, 3, day);
	db_bind_text(st, 4, by);
	db_bind_text(st, 5, at);
	db_bind_text(st, 6, outcome);
	if (st_step_done(s, st, "closing tasks") < 0)
		return -1;
	*closed = db_changes(s->db);
	return 0;
}
