/* Bulk loading of fresh marks (the demo generator, and later large imports
 * of a new school): version-1 marks and their history rows, loaded in
 * large transactions through the same tables and triggers as every other
 * write, so a bulk-loaded register verifies like any other. Marks are
 * loaded in batches, the batch's history rows first (the marks trigger
 * checks each mark has its history row), through the database's fastest
 * way in: COPY on PostgreSQL, one prepared INSERT on SQLite.
 *
 * Durability: on a brand new database (nothing in it but what the bulk load
 * itself is writing) commits are relaxed while loading: SQLite with
 * synchronous=OFF, PostgreSQL with synchronous_commit off. A crash or power
 * cut then can only lose or damage the half-built database, which holds
 * nothing anyone entered and is rebuilt by running the load again; a
 * database that already holds a register is never written relaxed. The load
 * is durable when store_bulk_end returns: SQLite goes back to FULL and
 * checkpoints the whole WAL into the database file; PostgreSQL commits the
 * last transaction synchronously, which flushes the WAL of every commit
 * before it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define BULK_BATCH 20000      /* marks held before they are written */
#define BULK_TXN_MARKS 500000 /* marks per transaction when relaxed: bounds the WAL */
#define BULK_MAX_INDEXES 8


struct store_bulk {
	struct store *s;
	bool relaxed;
	long in_txn;
	long long total;
	struct bulk_mark *batch;
	int n_batch;
	/* SQLite: secondary indexes of the marks tables, set aside while a
	 * brand new database loads and built again, in one sorted pass, at
	 * the end. */
	int n_indexes;
	char *index_sql[BULK_MAX_INDEXES];
};

static const char SQL_BULK_INDEXES[] =
	"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
	"AND tbl_name IN ('marks', 'mark_history') ORDER BY name";

static const char SQL_BULK_IS_NEW[] =
	"SELECT NOT EXISTS (SELECT 1 FROM mark_history) AND NOT EXISTS (SELECT 1 FROM pupils)";

static bool is_pg(const struct store *s)
{
	return db_kind(s->db) == DB_POSTGRES;
}

/* Drops the secondary (non-unique, named) indexes of the marks tables,
 * keeping their definitions; restore_indexes builds them again. Only on a
 * brand new SQLite database: a crash in between leaves a half-built
 * database that is thrown away anyway. */
static int set_indexes_aside(struct store_bulk *b)
{
	struct store *s = b->s;
	struct db_stmt *st = store_prepare(s, SQL_BULK_INDEXES);
	if (!st)
		return -1;
	char names[BULK_MAX_INDEXES][64];
	int rc;
	while ((rc = db_step(st)) == DB_ROW && b->n_indexes < BULK_MAX_INDEXES) {
		st_col_copy(st, 0, names[b->n_indexes], sizeof names[0]);
		b->index_sql[b->n_indexes] = strdup(db_col_text(st, 1));
		if (!b->index_sql[b->n_indexes++]) {
			db_reset(st);
			return st_fail(s, "out of memory");
		}
	}
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, "reading the indexes");
	for (int i = 0; i < b->n_indexes; i++) {
		char q[128];
		snprintf(q, sizeof q, "DROP INDEX \"%s\"", names[i]);
		if (st_exec(s, q) < 0)
			return -1;
	}
	return 0;
}

static void free_indexes(struct store_bulk *b)
{
	for (int i = 0; i < b->n_indexes; i++)
		free(b->index_sql[i]);
	b->n_indexes = 0;
}

static int restore_indexes(struct store_bulk *b)
{
	int rc = 0;
	for (int i = 0; i < b->n_indexes && rc == 0; i++)
		rc = st_exec(b->s, b->index_sql[i]);
	free_indexes(b);
	return rc;
}

/* A transaction of the load: relaxed on a brand new PostgreSQL database
 * (SET LOCAL lasts until its end). */
static int begin(struct store_bulk *b)
{
	if (store_begin(b->s) < 0)
		return -1;
	return b->relaxed && is_pg(b->s) ? st_exec(b->s, "SET LOCAL synchronous_commit = off") : 0;
}

int store_bulk_begin(struct store *s, bool brand_new, struct store_bulk **out)
{
	*out = NULL;
	if (brand_new) {
		/* Checked here, not trusted from the caller: relaxing is only
		 * allowed while no pupil and no register entry exists at all. */
		struct db_stmt *st = store_prepare(s, SQL_BULK_IS_NEW);
		if (!st)
			return -1;
		if (db_step(st) != DB_ROW)
			return st_db_fail(s, "checking the database is new");
		brand_new = db_col_int(st, 0) == 1;
		db_reset(st);
	}
	struct store_bulk *b = calloc(1, sizeof *b);
	if (b)
		b->batch = malloc(BULK_BATCH * sizeof *b->batch);
	if (!b || !b->batch) {
		free(b);
		return st_fail(s, "out of memory");
	}
	b->s = s;
	b->relaxed = brand_new;
	/* SQLite: a larger page cache keeps the index pages being appended to
	 * in memory. */
	if (!is_pg(s) && st_exec(s, brand_new ? "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"
					      : "PRAGMA cache_size = -262144") < 0) {
		store_bulk_abort(b);
		return -1;
	}
	if (begin(b) < 0 || (brand_new && !is_pg(s) && set_indexes_aside(b) < 0)) {
		store_bulk_abort(b);
		return -1;
	}
	*out = b;
	return 0;
}

static const char *const history_cols[] = {"school_id", "pupil_id", "date", "session", "version",
					   "code", "minutes_late", "recorded_by", "recorded_at",
					   "reason", "source", "prev_hash", "hash"};
static const char *const mark_cols[] = {"school_id", "pupil_id", "date", "session", "code",
					"minutes_late", "version", "recorded_by", "recorded_at",
					"first_recorded_at", "hash"};

/* The columns both tables start with: school, pupil, date, session. */
static void copy_key(struct db_copy *c, const struct bulk_mark *m)
{
	db_copy_int64(c, 0, m->school_id);
	db_copy_int64(c, 1, m->pupil_id);
	db_copy_text(c, 2, m->date, DATE_ISO_LEN - 1);
	db_copy_text(c, 3, session_name(m->session), 2);
}

static void copy_minutes(struct db_copy *c, int i, int minutes)
{
	if (minutes >= 0)
		db_copy_int64(c, i, minutes);
	else
		db_copy_null(c, i);
}

/* PostgreSQL, a register's worth of marks: both tables in one statement,
 * the rows passed as arrays. Two COPYs took four round trips to the server
 * on the writer's one connection, where each waits its turn; this takes
 * one. The history rows are inserted in the arrays' order (their ids, the
 * order start-up replays), and the checks on both tables still run at the
 * statement's end (migration 0017), when they see every row of it. */
#define ARRAY_INSERT_MAX 256
static const char SQL_MARKS_ARRAYS_PG[] =
	"WITH v AS (SELECT * FROM unnest(CAST(?1 AS bigint[]), CAST(?2 AS bigint[]), CAST(?3 AS date[]), CAST(?4 AS text[]), "
	"CAST(?5 AS text[]), CAST(?6 AS integer[]), CAST(?7 AS text[]), CAST(?8 AS text[]), CAST(?9 AS text[]), CAST(?10 AS text[]), CAST(?11 AS text[])) "
	"AS v(school_id, pupil_id, date, session, code, minutes_late, recorded_by, recorded_at, "
	"source, prev_hash, hash)), "
	"h AS (INSERT INTO mark_history (school_id, pupil_id, date, session, version, code, "
	"minutes_late, recorded_by, recorded_at, reason, source, prev_hash, hash) "
	"SELECT school_id, pupil_id, date, session, 1, code, minutes_late, recorded_by, "
	"recorded_at, '', source, prev_hash, hash FROM v) "
	"INSERT INTO marks (school_id, pupil_id, date, session, code, minutes_late, version, "
	"recorded_by, recorded_at, first_recorded_at, hash) "
	"SELECT school_id, pupil_id, date, session, code, minutes_late, 1, recorded_by, "
	"recorded_at, recorded_at, hash FROM v";

/* An array literal being built: {"a","b\"c",NULL}. */
struct array_text {
	char *p;
	size_t len, cap;
	bool failed;
};

static void at_put(struct array_text *a, const char *p, size_t n)
{
	if (a->failed)
		return;
	if (a->len + n + 2 > a->cap) {
		size_t cap = a->cap ? a->cap : 1024;
		while (cap < a->len + n + 2)
			cap *= 2;
		char *grown = realloc(a->p, cap);
		if (!grown) {
			a->failed = true;
			return;
		}
		a->p = grown;
		a->cap = cap;
	}
	memcpy(a->p + a->len, p, n);
	a->len += n;
	a->p[a->len] = '\0';
}

/* Adds one element, quoted (backslash before " and \), or NULL. */
static void at_add(struct array_text *a, const char *v)
{
	at_put(a, a->len ? "," : "{", 1);
	if (!v) {
		at_put(a, "NULL", 4);
		return;
	}
	at_put(a, "\"", 1);
	for (const char *q = v; *q; q++) {
		size_t run = strcspn(q, "\"\\");
		at_put(a, q, run);
		q += run;
		if (!*q)
			break;
		at_put(a, "\\", 1);
		at_put(a, q, 1);
	}
	at_put(a, "\"", 1);
}

static int marks_insert_arrays(struct store *s, const struct bulk_mark *batch, int n)
{
	enum { COLS = 11 };
	struct array_text a[COLS] = {0};
	for (int i = 0; i < n; i++) {
		const struct bulk_mark *m = &batch[i];
		char school[24], pupil[24], minutes[16];
		snprintf(school, sizeof school, "%lld", (long long)m->school_id);
		snprintf(pupil, sizeof pupil, "%lld", (long long)m->pupil_id);
		snprintf(minutes, sizeof minutes, "%d", m->minutes_late);
		const char *row[COLS] = {school,
					 pupil,
					 m->date,
					 session_name(m->session),
					 code_text(m->code, m->session),
					 m->minutes_late >= 0 ? minutes : NULL,
					 m->recorded_by,
					 m->recorded_at,
					 m->source,
					 m->prev_hash,
					 m->hash};
		for (int c = 0; c < COLS; c++)
			at_add(&a[c], row[c]);
	}
	int rc = 0;
	for (int c = 0; c < COLS; c++) {
		at_put(&a[c], "}", 1);
		if (a[c].failed)
			rc = st_fail(s, "saving the marks: out of memory");
	}
	struct db_stmt *st = rc == 0 ? store_prepare_quiet(s, SQL_MARKS_ARRAYS_PG) : NULL;
	if (st) {
		for (int c = 0; c < COLS; c++)
			db_bind_text(st, c + 1, a[c].p);
		rc = st_step_done(s, st, "saving the marks and their history");
	} else {
		rc = -1;
	}
	for (int c = 0; c < COLS; c++)
		free(a[c].p);
	return rc;
}

int st_marks_copy(struct store *s, const struct bulk_mark *batch, int n)
{
	if (is_pg(s) && n <= ARRAY_INSERT_MAX)
		return marks_insert_arrays(s, batch, n);
	struct db_copy *c = db_copy_begin(s->db, "mark_history", history_cols, 13);
	int rc = c ? 0 : -1;
	for (int i = 0; i < n && rc == 0; i++) {
		const struct bulk_mark *m = &batch[i];
		const char *code = code_text(m->code, m->session);
		copy_key(c, m);
		db_copy_int64(c, 4, 1);
		db_copy_text(c, 5, code, strlen(code));
		copy_minutes(c, 6, m->minutes_late);
		db_copy_text(c, 7, m->recorded_by, strlen(m->recorded_by));
		db_copy_text(c, 8, m->recorded_at, strlen(m->recorded_at));
		db_copy_text(c, 9, "", 0);
		db_copy_text(c, 10, m->source, strlen(m->source));
		db_copy_text(c, 11, m->prev_hash, strlen(m->prev_hash));
		db_copy_text(c, 12, m->hash, STORE_HASH_HEX - 1);
		rc = db_copy_row(c);
	}
	if (c && db_copy_end(c) < 0)
		rc = -1;
	if (rc < 0)
		return st_db_fail(s, "recording the marks' history");
	if (!(c = db_copy_begin(s->db, "marks", mark_cols, 11)))
		return st_db_fail(s, "saving the marks");
	for (int i = 0; i < n && rc == 0; i++) {
		const struct bulk_mark *m = &batch[i];
		const char *code = code_text(m->code, m->session);
		copy_key(c, m);
		db_copy_text(c, 4, code, strlen(code));
		copy_minutes(c, 5, m->minutes_late);
		db_copy_int64(c, 6, 1);
		db_copy_text(c, 7, m->recorded_by, strlen(m->recorded_by));
		db_copy_text(c, 8, m->recorded_at, strlen(m->recorded_at));
		db_copy_text(c, 9, m->recorded_at, strlen(m->recorded_at));
		db_copy_text(c, 10, m->hash, STORE_HASH_HEX - 1);
		rc = db_copy_row(c);
	}
	if (db_copy_end(c) < 0 || rc < 0)
		return st_db_fail(s, "saving the marks");
	return 0;
}

/* Writes the waiting marks: every history row of the batch, then the marks. */
static int flush(struct store_bulk *b)
{
	struct store *s = b->s;
	if (!b->n_batch)
		return 0;
	if (st_marks_copy(s, b->batch, b->n_batch) < 0)
		return -1;
	b->in_txn += b->n_batch;
	b->n_batch = 0;
	/* A brand new database commits as it goes, to keep the WAL small; one
	 * that holds a register already gets the load as one transaction. */
	if (b->relaxed && b->in_txn >= BULK_TXN_MARKS) {
		if (store_commit(s) < 0 || begin(b) < 0)
			return -1;
		b->in_txn = 0;
	}
	return 0;
}

void st_bulk_mark_set(struct bulk_mark *m, int64_t school_id, const struct mark_rec *v)
{
	m->school_id = school_id;
	m->pupil_id = v->pupil_id;
	date_format(v->date, m->date);
	m->session = v->session;
	m->code = v->code;
	m->minutes_late = v->minutes_late;
	snprintf(m->recorded_by, sizeof m->recorded_by, "%s", v->recorded_by);
	snprintf(m->recorded_at, sizeof m->recorded_at, "%s", v->recorded_at);
	snprintf(m->source, sizeof m->source, "%s", v->source);
	memcpy(m->prev_hash, v->prev_hash, STORE_HASH_HEX);
	memcpy(m->hash, v->hash, STORE_HASH_HEX);
}

int store_bulk_mark(struct store_bulk *b, int64_t school_id, const struct mark_rec *v)
{
	if (v->version != 1)
		return st_fail(b->s, "a bulk load writes first versions only");
	st_bulk_mark_set(&b->batch[b->n_batch++], school_id, v);
	b->total++;
	return b->n_batch == BULK_BATCH ? flush(b) : 0;
}

static void free_bulk(struct store_bulk *b)
{
	free(b->batch);
	free(b);
}

bool store_bulk_relaxed(const struct store_bulk *b)
{
	return b->relaxed;
}

int store_bulk_end(struct store_bulk *b)
{
	struct store *s = b->s;
	int rc = flush(b);
	if (rc == 0)
		rc = restore_indexes(b);
	/* PostgreSQL: this last commit is synchronous, and so flushes the WAL
	 * of every relaxed commit before it. */
	if (rc == 0 && b->relaxed && is_pg(s))
		rc = st_exec(s, "SET LOCAL synchronous_commit = on");
	if (rc == 0)
		rc = store_commit(s);
	else
		store_rollback(s);
	/* SQLite: back to full durability, then move the whole WAL into the
	 * database file with fsyncs: what the load wrote is now as safe as any
	 * commit. */
	if (!is_pg(s)) {
		if (st_exec(s, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000") < 0)
			rc = -1;
		if (rc == 0 && st_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)") < 0)
			rc = -1;
	}
	free_indexes(b);
	free_bulk(b);
	return rc;
}

void store_bulk_abort(struct store_bulk *b)
{
	if (!b)
		return;
	struct store *s = b->s;
	store_rollback(s);
	if (!is_pg(s)) {
		/* Build again the indexes a committed part of the load dropped;
		 * where the rollback brought one back, CREATE fails and changes
		 * nothing. */
		for (int i = 0; i < b->n_indexes; i++)
			db_exec(s->db, b->index_sql[i]);
		db_exec(s->db, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000");
	}
	free_indexes(b);
	free_bulk(b);
}
