/* Reading the register into the engine: a snapshot of the engine's matrix
 * and the history after it, or one ordered scan of the current marks,
 * reading only the columns the matrix holds. Tens of millions of rows can
 * pass through the scan, so text columns are decoded with small caches and
 * tables rather than the general parsers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

/* In the table's own key order (date, session, pupil): no sort. */
static const char SQL_CELLS[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM marks "
	"WHERE school_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date, session, pupil_id";

/* The versions recorded after a snapshot: a range of history ids, read in
 * id order (the unary + keeps the planner off the school's index). */
static const char SQL_REPLAY[] =
	"SELECT pupil_id, date, session, code, minutes_late FROM mark_history "
	"WHERE id > ?2 AND +school_id = ?1 AND +date BETWEEN ?3 AND ?4 ORDER BY id";

static const char SQL_HISTORY_MAX[] = "SELECT coalesce(max(id), 0) FROM mark_history";

static const char SQL_GENERATION[] =
	"SELECT generation FROM register_generation WHERE school_id = ?1";

static const char SQL_SNAPSHOT_META[] =
	"SELECT generation, history_id, layout FROM register_snapshots WHERE school_id = ?1";

static const char SQL_SNAPSHOT_ROWS[] =
	"SELECT pupil_id, cells, late FROM register_snapshot_rows WHERE school_id = ?1";

static const char SQL_SNAPSHOT_CLEAR[] = "DELETE FROM register_snapshot_rows WHERE school_id = ?1";

static const char SQL_SNAPSHOT_ROW_INSERT[] =
	"INSERT INTO register_snapshot_rows (school_id, pupil_id, cells, late) VALUES (?1, ?2, ?3, ?4)";

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
static int scan(struct store *s, sqlite3_stmt *st, store_cell_cb cb, void *ctx, long long *count)
{
	if (!code_table_ready)
		build_code_table();
	/* The date text repeats for the two sessions of a day (and, in the
	 * ordered scan, day after day), so the last one parsed is kept. */
	char last_text[DATE_ISO_LEN] = "";
	date_t last_date = DATE_INVALID;
	struct mark_cell c;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.pupil_id = sqlite3_column_int64(st, 0);
		const char *d = (const char *)sqlite3_column_text(st, 1);
		if (d && sqlite3_column_bytes(st, 1) == DATE_ISO_LEN - 1) {
			if (memcmp(d, last_text, DATE_ISO_LEN - 1) != 0) {
				memcpy(last_text, d, DATE_ISO_LEN);
				last_date = date_parse(d);
			}
			c.date = last_date;
		} else {
			c.date = DATE_INVALID;
		}
		const char *sess = (const char *)sqlite3_column_text(st, 2);
		c.session = sess && sess[0] == 'P' ? SESSION_PM : SESSION_AM;
		c.code = cell_code(sqlite3_column_text(st, 3), sqlite3_column_bytes(st, 3));
		c.minutes_late =
			sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
		(*count)++;
		if (cb(ctx, &c) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the register");
}

static int64_t one_int(struct store *s, const char *sql, int64_t school_id, int64_t missing, int *rc)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st) {
		*rc = -1;
		return 0;
	}
	if (school_id)
		sqlite3_bind_int64(st, 1, school_id);
	int step = sqlite3_step(st);
	int64_t v = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : missing;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		*rc = sq_db_fail(s, "reading the register");
	sqlite3_reset(st);
	return v;
}

/* Whether the school's snapshot fits the layout and generation; if so its
 * history point goes to *history_id. */
static int snapshot_usable(struct store *s, int64_t school_id, const struct register_read *r,
			   int64_t *history_id)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SNAPSHOT_META);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc = sqlite3_step(st), usable = 0;
	if (rc == SQLITE_ROW) {
		const char *layout = (const char *)sqlite3_column_text(st, 2);
		usable = sqlite3_column_int64(st, 0) == r->generation && layout &&
			 strcmp(layout, r->layout) == 0;
		*history_id = sqlite3_column_int64(st, 1);
	} else if (rc != SQLITE_DONE) {
		usable = sq_db_fail(s, "reading the register snapshot");
	}
	sqlite3_reset(st);
	return usable;
}

static int read_snapshot(struct store *s, int64_t school_id, struct register_read *r)
{
	sqlite3_stmt *st = store_prepare(s, SQL_SNAPSHOT_ROWS);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct snapshot_row row = {
			.pupil_id = sqlite3_column_int64(st, 0),
			.cells = sqlite3_column_blob(st, 1),
			.n_cells = sqlite3_column_bytes(st, 1),
			.late = sqlite3_column_blob(st, 2),
			.late_bytes = sqlite3_column_bytes(st, 2),
		};
		if (r->snapshot_row(r->ctx, &row) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading the register snapshot");
}

int store_register_read(struct store *s, int64_t school_id, date_t from, date_t to,
			struct register_read *r)
{
	r->from_snapshot = false;
	r->marks = 0;
	/* A read transaction: the snapshot, the history after it and the
	 * points recorded all belong to one state of the database. */
	bool own = sqlite3_get_autocommit(s->db);
	if (own && sq_exec(s, "BEGIN") < 0)
		return -1;
	/* Reading the whole register reads each page once: a small page cache
	 * for it keeps the process lean (the matrix is the cache that counts);
	 * the usual one is back at the end. */
	sqlite3_exec(s->db, "PRAGMA cache_size = -4096", NULL, NULL, NULL);
	int rc = 0;
	r->history_id = one_int(s, SQL_HISTORY_MAX, 0, 0, &rc);
	r->generation = one_int(s, SQL_GENERATION, school_id, 0, &rc);
	int64_t since = 0;
	int usable = rc < 0 ? -1 : r->layout ? snapshot_usable(s, school_id, r, &since) : 0;
	if (usable < 0)
		goto out;
	sqlite3_stmt *st;
	if (usable) {
		r->from_snapshot = true;
		if ((rc = read_snapshot(s, school_id, r)) < 0 || !(st = store_prepare(s, SQL_REPLAY))) {
			rc = -1;
			goto out;
		}
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, since);
		sq_bind_date(st, 3, from);
		sq_bind_date(st, 4, to);
	} else {
		if (!(st = store_prepare(s, SQL_CELLS))) {
			rc = -1;
			goto out;
		}
		sqlite3_bind_int64(st, 1, school_id);
		sq_bind_date(st, 2, from);
		sq_bind_date(st, 3, to);
	}
	rc = scan(s, st, r->mark, r->ctx, &r->marks);
out:
	sqlite3_exec(s->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if (own && rc < 0)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	else if (own && sq_exec(s, "COMMIT") < 0)
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
	sqlite3_stmt *st = store_prepare(s, SQL_SNAPSHOT_CLEAR);
	if (!st)
		goto fail;
	sqlite3_bind_int64(st, 1, school_id);
	if (sq_step_done(s, st, "clearing the register snapshot") < 0)
		goto fail;
	struct snapshot_row row;
	int more;
	while ((more = next(ctx, &row)) == 1) {
		if (!(st = store_prepare(s, SQL_SNAPSHOT_ROW_INSERT)))
			goto fail;
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, row.pupil_id);
		sqlite3_bind_blob(st, 3, row.cells, row.n_cells, SQLITE_STATIC);
		sqlite3_bind_blob(st, 4, row.late_bytes ? row.late : (const uint8_t *)"", row.late_bytes,
				  SQLITE_STATIC);
		if (sq_step_done(s, st, "saving the register snapshot") < 0)
			goto fail;
	}
	if (more < 0) {
		sq_fail(s, "building the register snapshot");
		goto fail;
	}
	if (!(st = store_prepare(s, SQL_SNAPSHOT_META_SET)))
		goto fail;
	sqlite3_bind_int64(st, 1, school_id);
	sqlite3_bind_int64(st, 2, generation);
	sqlite3_bind_int64(st, 3, history_id);
	sq_bind_text(st, 4, layout);
	sq_bind_text(st, 5, at);
	if (sq_step_done(s, st, "saving the register snapshot") < 0 || store_commit(s) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}
