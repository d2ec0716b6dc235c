/* The first-day response and tasks in the SQLite backend (migration
 * 0007-first-day): the actions of each morning's response, kept as they
 * were done, and the tasks escalation gives people. */
#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"

static const char SQL_FD_INSERT[] =
	"INSERT INTO first_day_actions (school_id, pupil_id, date, step, result, contact_id, "
	"contact_name, note, done_by, done_at, log_entry, outbox_id) VALUES (?1, ?2, ?3, ?4, ?5, "
	"?6, ?7, ?8, ?9, ?10, ?11, ?12)";

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
	"ON CONFLICT (school_id, pupil_id, kind, absence_date) DO NOTHING";

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
	sqlite3_stmt *st = store_prepare(s, SQL_FD_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, a->pupil_id);
	sq_bind_date(st, 3, a->date);
	sq_bind_text(st, 4, a->step);
	sq_bind_text(st, 5, a->result);
	sq_bind_id_or_null(st, 6, a->contact_id);
	sq_bind_text(st, 7, a->contact_name);
	sq_bind_text(st, 8, a->note);
	sq_bind_text(st, 9, a->done_by);
	sq_bind_text(st, 10, a->done_at);
	sq_bind_id_or_null(st, 11, a->log_entry);
	sq_bind_id_or_null(st, 12, a->outbox_id);
	int rc = sqlite3_step(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT &&
	    sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE) {
		sqlite3_reset(st);
		return 1;
	}
	if (rc != SQLITE_DONE) {
		sq_db_fail(s, "recording a first-day step");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	a->id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_first_day_each(struct store *s, int64_t school_id, date_t day, int64_t pupil_id,
			 store_first_day_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_FD_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_date(st, 2, day);
	sqlite3_bind_int64(st, 3, pupil_id);
	int rc;
	struct first_day_action_rec a;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&a, 0, sizeof a);
		a.id = sqlite3_column_int64(st, 0);
		a.pupil_id = sqlite3_column_int64(st, 1);
		a.date = sq_col_date(st, 2);
		sq_col_copy(st, 3, a.step, sizeof a.step);
		sq_col_copy(st, 4, a.result, sizeof a.result);
		a.contact_id = sqlite3_column_int64(st, 5);
		sq_col_copy(st, 6, a.contact_name, sizeof a.contact_name);
		sq_col_copy(st, 7, a.note, sizeof a.note);
		sq_col_copy(st, 8, a.done_by, sizeof a.done_by);
		sq_col_copy(st, 9, a.done_at, sizeof a.done_at);
		a.log_entry = sqlite3_column_int64(st, 10);
		a.outbox_id = sqlite3_column_int64(st, 11);
		sq_col_copy(st, 12, a.outbox_status, sizeof a.outbox_status);
		if (cb(ctx, &a) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the first-day steps");
}

int store_task_add(struct store *s, int64_t school_id, struct task_rec *t)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TASK_INSERT);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, t->pupil_id);
	sq_bind_text(st, 3, t->kind);
	sq_bind_text(st, 4, t->title);
	sq_bind_text_or_null(st, 5, t->assignee_user);
	sq_bind_text(st, 6, t->assignee_role);
	sq_bind_text_or_null(st, 7, t->scope_form);
	sq_bind_text_or_null(st, 8, t->scope_year == YEAR_INVALID ? NULL : year_name(t->scope_year));
	sq_bind_date(st, 9, t->absence_date);
	sqlite3_bind_int(st, 10, t->day_number);
	sq_bind_date(st, 11, t->due_date);
	sq_bind_text(st, 12, t->created_by);
	sq_bind_text(st, 13, t->created_at);
	if (sq_step_done(s, st, "adding a task") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 1;
	t->id = sqlite3_last_insert_rowid(s->db);
	snprintf(t->state, sizeof t->state, "open");
	return 0;
}

static void read_task(sqlite3_stmt *st, struct task_rec *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->pupil_id = sqlite3_column_int64(st, 1);
	sq_col_copy(st, 2, t->kind, sizeof t->kind);
	sq_col_copy(st, 3, t->title, sizeof t->title);
	sq_col_copy(st, 4, t->assignee_user, sizeof t->assignee_user);
	sq_col_copy(st, 5, t->assignee_role, sizeof t->assignee_role);
	sq_col_copy(st, 6, t->scope_form, sizeof t->scope_form);
	const char *y = (const char *)sqlite3_column_text(st, 7);
	t->scope_year = y ? year_parse(y) : YEAR_INVALID;
	t->absence_date = sq_col_date(st, 8);
	t->day_number = sqlite3_column_int(st, 9);
	t->due_date = sq_col_date(st, 10);
	sq_col_copy(st, 11, t->created_by, sizeof t->created_by);
	sq_col_copy(st, 12, t->created_at, sizeof t->created_at);
	sq_col_copy(st, 13, t->state, sizeof t->state);
	sq_col_copy(st, 14, t->done_by, sizeof t->done_by);
	sq_col_copy(st, 15, t->done_at, sizeof t->done_at);
	sq_col_copy(st, 16, t->outcome, sizeof t->outcome);
	t->log_entry = sqlite3_column_int64(st, 17);
}

int store_task_get(struct store *s, int64_t school_id, int64_t id, struct task_rec *out)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TASK_GET);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_task(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 1;
	return rc == SQLITE_ROW ? 0 : sq_db_fail(s, "reading a task");
}

int store_tasks_each(struct store *s, int64_t school_id, bool open_only, const char *since,
		     int64_t pupil_id, store_task_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TASKS_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int(st, 2, open_only);
	sq_bind_text(st, 3, since ? since : "");
	sqlite3_bind_int64(st, 4, pupil_id);
	int rc;
	struct task_rec t;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_task(st, &t);
		if (cb(ctx, &t) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading tasks");
}

int store_task_finish(struct store *s, int64_t school_id, int64_t id, const char *state,
		      const char *by, const char *at, const char *outcome, int64_t log_entry)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TASK_FINISH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, id);
	sq_bind_text(st, 3, state);
	sq_bind_text(st, 4, by);
	sq_bind_text(st, 5, at);
	sq_bind_text(st, 6, outcome);
	sq_bind_id_or_null(st, 7, log_entry);
	if (sq_step_done(s, st, "finishing a task") < 0)
		return -1;
	return sqlite3_changes(s->db) == 1 ? 0 : 1;
}

int store_tasks_close_day(struct store *s, int64_t school_id, int64_t pupil_id, date_t day,
			  const char *by, const char *at, const char *outcome, int *closed)
{
	sqlite3_stmt *st = store_prepare(s, SQL_TASKS_CLOSE_DAY);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, pupil_id);
	sq_bind_date(st, 3, day);
	sq_bind_text(st, 4, by);
	sq_bind_text(st, 5, at);
	sq_bind_text(st, 6, outcome);
	if (sq_step_done(s, st, "closing tasks") < 0)
		return -1;
	*closed = sqlite3_changes(s->db);
	return 0;
}
