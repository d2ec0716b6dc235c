/* Reading the register into the engine: a snapshot of the engine's matrix
 * and the history after it, or one ordered scan of the current marks,
 * reading only the columns the matrix holds. Tens of millions of rows can
 * pass through the scan, so text columns are decoded with small caches and
 * tables rather than the general parsers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

/* In the table's own key order (date, session, pupil): no sort. */
static const char SQL_CELLS[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM marks "
	"WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date, session, pupil_id";

/* The versions recorded after a snapshot: a range of history ids, read in
 * id order. For SQLite the unary + keeps the planner off the school's
 * index; PostgreSQL has no unary + for dates and plans by statistics. */
static const char SQL_REPLAY_SQLITE[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM mark_history "
	"WHERE id > ?2 AND +school_id = ?1 AND +date BETWEEN ?3 AND ?4 ORDER BY id";
static const char SQL_REPLAY_PG[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM mark_history "
	"WHERE id > ?2 AND school_id = ?1 AND date BETWEEN ?3 AND ?4 ORDER BY id";

static const char SQL_HISTORY_MAX[] = "SELECT coalesce(max(id), 0) FROM mark_history";

static const char SQL_GENERATION[] =
	"SELECT generation FROM register_generation WHERE school_id = ?1";

static const char SQL_SNAPSHOT_META[] =
	"SELECT generation, history_id, layout FROM register_snapshots WHERE school_id = ?1";

static const char SQL_SNAPSHOT_ROWS[] =
	"SELECT pupil_id, cells, late FROM register_snapshot_rows WHERE school_id = ?1";

static const char SQL_SNAPSHOT_CLEAR[] = "DELETE FROM register_snapshot_rows WHERE school_id = ?1";

static const char SQL_SNAPSHOT_META_SET[] =
	"INSERT INTO register_snapshots (school_id, generation, history_id, layout, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (school_id) DO UPDATE SET "
	"generation = excluded.generation, history_id = excluded.history_id, "
	"layout = excluded.layout, created_at = excluded.created_at";

/* Register codes are one or two characters: a table from the two bytes. */
static uint8_t code_table[128][128];
static bool code_table_ready;

static void build_code_table(void)
{
	for (int c = CODE_PRESENT; c < CODE__MAX; c++) {
		for (int s = 0; s < SESSION__MAX; s++) {
			const char *t = code_text((enum code)c, (enum session)s);
			unsigned char a = (unsigned char)t[0], b = a ? (unsigned char)t[1] : 0;
			if (a < 128 && b < 128 && (!b || !t[2]))
				code_table[a][b] = (uint8_t)c;
		}
	}
	code_table_ready = true;
}

static enum code cell_code(const unsigned char *t, int n)
{
	if (n >= 1 && n <= 2 && t[0] < 128 && (n == 1 || t[1] < 128)) {
		uint8_t c = code_table[t[0]][n == 2 ? t[1] : 0];
		if (c)
			return (enum code)c;
	}
	return code_parse((const char *)t); /* other spellings (lower case) */
}

/* Steps st (pupil_id, date, session, code, minutes_late) to the end,
 * calling cb for each row. */
static int scan(struct store *s, struct db_stmt *st, store_cell_cb cb, void *ctx, long long *count)
{
	if (!code_table_ready)
		build_code_table();
	/* The date text repeats for the two sessions of a day (and, in the
	 * ordered scan, day after day), so the last one parsed is kept. */
	char last_text[DATE_ISO_LEN] = "";
	date_t last_date = DATE_INVALID;
	struct mark_cell c;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		c.pupil_id = db_col_int64(st, 0);
		const char *d = db_col_text(st, 1);
		if (d && db_col_bytes(st, 1) == DATE_ISO_LEN - 1) {
			if (memcmp(d, last_text, DATE_ISO_LEN - 1) != 0) {
				memcpy(last_text, d, DATE_ISO_LEN);
				last_date = date_parse(d);
			}
			c.date = last_date;
		} else {
			c.date = DATE_INVALID;
		}
		const char *sess = db_col_text(st, 2);
		c.session = sess && sess[0] == 'P' ? SESSION_PM : SESSION_AM;
		c.code = cell_code((const unsigned char *)db_col_text(st, 3), db_col_bytes(st, 3));
		c.minutes_late =
			db_col_null(st, 4) ? -1 : db_col_int(st, 4);
		(*count)++;
		if (cb(ctx, &c) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the register");
}

static int64_t one_int(struct store *s, const char *sql, int64_t school_id, int64_t missing, int *rc)
{
	struct db_stmt *st = store_prepare(s, sql);
	if (!st) {
		*rc = -1;
		return 0;
	}
	if (school_id)
		db_bind_int64(st, 1, school_id);
	int step = db_step(st);
	int64_t v = step == DB_ROW ? db_col_int64(st, 0) : missing;
	if (step != DB_ROW && step != DB_DONE)
		*rc = st_db_fail(s, "reading the register");
	db_reset(st);
	return v;
}

/* Whether the school's snapshot fits the layout and generation; if so its
 * history point goes to *history_id. */
static int snapshot_usable(struct store *s, int64_t school_id, const struct register_read *r,
			   int64_t *history_id)
{
	struct db_stmt *st = store_prepare(s, SQL_SNAPSHOT_META);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc = db_step(st), usable = 0;
	if (rc == DB_ROW) {
		const char *layout = db_col_text(st, 2);
		usable = db_col_int64(st, 0) == r->generation && layout &&
			 strcmp(layout, r->layout) == 0;
		*history_id = db_col_int64(st, 1);
	} else if (rc != DB_DONE) {
		usable = st_db_fail(s, "reading the register snapshot");
	}
	db_reset(st);
	return usable;
}

static int read_snapshot(struct store *s, int64_t school_id, struct register_read *r)
{
	struct db_stmt *st = store_prepare(s, SQL_SNAPSHOT_ROWS);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct snapshot_row row = {
			.pupil_id = db_col_int64(st, 0),
			.cells = db_col_blob(st, 1),
			.n_cells = db_col_bytes(st, 1),
			.late = db_col_blob(st, 2),
			.late_bytes = db_col_bytes(st, 2),
		};
		if (r->snapshot_row(r->ctx, &row) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading the register snapshot");
}

int store_register_read(struct store *s, int64_t school_id, date_t from, date_t to,
			struct register_read *r)
{
	r->from_snapshot = false;
	r->marks = 0;
	/* A read transaction: the snapshot, the history after it and the
	 * points recorded all belong to one state of the database. */
	bool own = !db_in_txn(s->db);
	if (own && db_begin_read(s->db) < 0)
		return st_fail(s, "%s", db_errmsg(s->db));
	/* Reading the whole register reads each page once: a small SQLite page
	 * cache for it keeps the process lean (the matrix is the cache that
	 * counts); the usual one is back at the end. */
	bool sqlite = db_kind(s->db) == DB_SQLITE;
	if (sqlite)
		db_exec(s->db, "PRAGMA cache_size = -4096");
	int rc = 0;
	r->history_id = one_int(s, SQL_HISTORY_MAX, 0, 0, &rc);
	r->generation = one_int(s, SQL_GENERATION, school_id, 0, &rc);
	int64_t since = 0;
	int usable = rc < 0 ? -1 : r->layout ? snapshot_usable(s, school_id, r, &since) : 0;
	if (usable < 0)
		goto out;
	struct db_stmt *st;
	if (usable) {
		r->from_snapshot = true;
		const char *replay = db_kind(s->db) == DB_POSTGRES ? SQL_REPLAY_PG : SQL_REPLAY_SQLITE;
		if ((rc = read_snapshot(s, school_id, r)) < 0 || !(st = store_prepare_scan(s, replay))) {
			rc = -1;
			goto out;
		}
		db_bind_int64(st, 1, school_id);
		db_bind_int64(st, 2, since);
		st_bind_date(st, 3, from);
		st_bind_date(st, 4, to);
	} else {
		if (!(st = store_prepare_scan(s, SQL_CELLS))) {
			rc = -1;
			goto out;
		}
		db_bind_int64(st, 1, school_id);
		st_bind_date(st, 2, from);
		st_bind_date(st, 3, to);
	}
	rc = scan(s, st, r->mark, r->ctx, &r->marks);
out:
	if (sqlite)
		db_exec(s->db, "PRAGMA cache_size = -65536");
	if (own && rc < 0)
		db_rollback(s->db);
	else if (own && st_exec(s, "COMMIT") < 0)
		rc = -1;
	return rc < 0 ? -1 : 0;
}

int store_snapshot_save(struct store *s, int64_t school_id, const char *layout, int64_t history_id,
			int64_t generation, const char *at,
			int (*next)(void *ctx, struct snapshot_row *r), void *ctx)
{
	if (store_begin(s) < 0)
		return -1;
	int rc = 0;
	int64_t now_gen = one_int(s, SQL_GENERATION, school_id, 0, &rc);
	if (rc < 0)
		goto fail;
	if (now_gen != generation) {
		store_rollback(s);
		return 1; /* changed since the read: this snapshot would be stale */
	}
	struct db_stmt *st = store_prepare(s, SQL_SNAPSHOT_CLEAR);
	if (!st)
		goto fail;
	db_bind_int64(st, 1, school_id);
	if (st_step_done(s, st, "clearing the register snapshot") < 0)
		goto fail;
	/* One row a pupil, tens of thousands of them: loaded, not inserted
	 * one by one (a round trip each on PostgreSQL). */
	static const char *const cols[] = {"school_id", "pupil_id", "cells", "late"};
	struct db_copy *c = db_copy_begin(s->db, "register_snapshot_rows", cols, 4);
	if (!c) {
		st_db_fail(s, "saving the register snapshot");
		goto fail;
	}
	struct snapshot_row row;
	int more, copied = 0;
	while ((more = next(ctx, &row)) == 1 && copied == 0) {
		db_copy_int64(c, 0, school_id);
		db_copy_int64(c, 1, row.pupil_id);
		db_copy_blob(c, 2, row.cells, (size_t)row.n_cells);
		db_copy_blob(c, 3, row.late_bytes ? row.late : (const uint8_t *)"", (size_t)row.late_bytes);
		copied = db_copy_row(c);
	}
	if (db_copy_end(c) < 0 || copied < 0) {
		st_db_fail(s, "saving the register snapshot");
		goto fail;
	}
	if (more < 0) {
		st_fail(s, "building the register snapshot");
		goto fail;
	}
	if (!(st = store_prepare(s, SQL_SNAPSHOT_META_SET)))
		goto fail;
	db_bind_int64(st, 1, school_id);
	db_bind_int64(st, 2, generation);
	db_bind_int64(st, 3, history_id);
	db_bind_text(st, 4, layout);
	db_bind_text(st, 5, at);
	if (st_step_done(s, st, "saving the register snapshot") < 0 || store_commit(s) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

/* ---- several servers on one database ---- */

/* Where the register stands: the school's generation and the last version
 * of a session mark and of a lesson mark recorded (of any school: ids are
 * shared). */
static const char SQL_POINT[] =
	"SELECT coalesce((SELECT generation FROM register_generation WHERE school_id = ?1), 0), "
	"(SELECT coalesce(max(id), 0) FROM mark_history), "
	"(SELECT coalesce(max(id), 0) FROM lesson_mark_history)";

/* The versions recorded between two points, in the order they were made:
 * a short range of the primary key (the unary + keeps SQLite off the
 * school's index; PostgreSQL has it for integers). */
static const char SQL_SINCE[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM mark_history "
	"WHERE id > ?2 AND id <= ?3 AND +school_id = ?1 AND date BETWEEN ?4 AND ?5 ORDER BY id";

/* The last version, and (PostgreSQL) a notification to every server
 * listening, sent when the transaction commits and only if it does. Every
 * writing transaction holds the one writer's lock (db_begin), so the ids
 * up to this one are all committed or ours. */
static const char SQL_ANNOUNCE_PG[] =
	"SELECT m, l, pg_notify('" STORE_MARKS_CHANNEL "', CAST(?1 AS text) || ' ' || CAST(m AS text)) "
	"FROM (SELECT coalesce(max(id), 0) AS m FROM mark_history) x, "
	"(SELECT coalesce(max(id), 0) AS l FROM lesson_mark_history) y";
static const char SQL_ANNOUNCE_SQLITE[] =
	"SELECT (SELECT coalesce(max(id), 0) FROM mark_history), "
	"(SELECT coalesce(max(id), 0) FROM lesson_mark_history), ?1";

static int register_point(struct store *s, int64_t school_id, int64_t *generation, int64_t *history_id,
			  int64_t *lesson_id)
{
	struct db_stmt *st = store_prepare(s, SQL_POINT);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return st_db_fail(s, "reading where the register stands");
	}
	*generation = db_col_int64(st, 0);
	*history_id = db_col_int64(st, 1);
	if (lesson_id)
		*lesson_id = db_col_int64(st, 2);
	db_reset(st);
	return 0;
}

int store_register_point(struct store *s, int64_t school_id, int64_t *generation, int64_t *history_id)
{
	return register_point(s, school_id, generation, history_id, NULL);
}

static const char SQL_LESSON_POINT[] = "SELECT coalesce(max(id), 0) FROM lesson_mark_history";

int store_lesson_point(struct store *s, int64_t *lesson_id)
{
	int rc = 0;
	*lesson_id = one_int(s, SQL_LESSON_POINT, 0, 0, &rc);
	return rc;
}

int store_marks_since(struct store *s, int64_t school_id, int64_t after, int64_t generation,
		      date_t from, date_t to, store_cell_cb cb, void *ctx, int64_t *history_id,
		      int64_t *lesson_id)
{
	/* Outside a transaction, a read one: the point and the versions up to
	 * it are one state of the database. Inside the writer's, its lock
	 * holds every other writer off. */
	bool own = !db_in_txn(s->db);
	if (own && db_begin_read(s->db) < 0)
		return st_fail(s, "%s", db_errmsg(s->db));
	int64_t gen, upto;
	int rc = register_point(s, school_id, &gen, &upto, lesson_id);
	if (rc == 0 && gen != generation)
		rc = 1; /* pupils, enrolments or the calendar moved under the marks */
	if (rc == 0 && upto > after) {
		struct db_stmt *st = store_prepare(s, SQL_SINCE);
		if (!st) {
			rc = -1;
		} else {
			db_bind_int64(st, 1, school_id);
			db_bind_int64(st, 2, after);
			db_bind_int64(st, 3, upto);
			st_bind_date(st, 4, from);
			st_bind_date(st, 5, to);
			long long n = 0;
			rc = scan(s, st, cb, ctx, &n);
		}
	}
	if (rc == 0)
		*history_id = upto > after ? upto : after;
	if (own && rc < 0)
		db_rollback(s->db);
	else if (own && st_exec(s, "COMMIT") < 0)
		rc = -1;
	return rc;
}

int store_marks_announce(struct store *s, int64_t school_id, int64_t *history_id, int64_t *lesson_id)
{
	struct db_stmt *st = store_prepare(s, db_kind(s->db) == DB_POSTGRES ? SQL_ANNOUNCE_PG : SQL_ANNOUNCE_SQLITE);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return st_db_fail(s, "telling the other servers");
	}
	*history_id = db_col_int64(st, 0);
	*lesson_id = db_col_int64(st, 1);
	db_reset(st);
	return 0;
}

int store_watch(struct store *s)
{
	int rc = db_listen(s->db, STORE_MARKS_CHANNEL);
	return rc < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : rc;
}

int store_watch_wait(struct store *s, int timeout_ms, int64_t *school_id, int64_t *history_id)
{
	char payload[64];
	int rc = db_wait_notify(s->db, timeout_ms, payload, sizeof payload);
	if (rc < 0)
		return st_fail(s, "%s", db_errmsg(s->db));
	if (rc == 1) {
		long long a = 0, b = 0;
		if (sscanf(payload, "%lld %lld", &a, &b) != 2)
			a = b = 0; /* not ours: still a reason to look */
		*school_id = a;
		*history_id = b;
	}
	return rc;
}

int store_reconnect(struct store *s)
{
	return db_reconnect(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

bool store_server_changed(struct store *s)
{
	return db_server_changed(s->db);
}

int store_for_group_commit(struct store *s)
{
	return db_for_group_commit(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

bool store_shared(const struct store *s)
{
	return db_kind(s->db) == DB_POSTGRES;
}

static const char SQL_STANDBY[] = "SELECT pg_is_in_recovery()";

int store_is_standby(struct store *s)
{
	if (db_kind(s->db) != DB_POSTGRES)
		return 0;
	struct db_stmt *st = store_prepare(s, SQL_STANDBY);
	if (!st)
		return -1;
	int rc = db_step(st) == DB_ROW ? db_col_int(st, 0) != 0
				       : st_db_fail(s, "asking whether the database is a standby");
	db_reset(st);
	return rc;
}
