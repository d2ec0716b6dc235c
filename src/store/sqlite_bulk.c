/* Bulk loading of fresh marks (the demo generator, and later large imports
 * of a new school): version-1 marks and their history rows, inserted in
 * large transactions through the same tables and triggers as every other
 * write, so a bulk-loaded register verifies like any other.
 *
 * Durability: on a brand new database (nothing in it but what the bulk load
 * itself is writing) synchronous is relaxed to OFF while loading. A crash or
 * power cut then can only lose or damage the half-built database, which holds
 * nothing anyone entered and is rebuilt by running the load again; a
 * database that already holds a register is never written with synchronous
 * relaxed. store_bulk_end restores synchronous=FULL and ends with a
 * checkpoint of the whole WAL into the database file, so the load is durable
 * when it returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

#define BULK_TXN_MARKS 500000 /* marks per transaction: bounds the WAL */
#define BULK_MAX_INDEXES 8

struct store_bulk {
	struct store *s;
	sqlite3_stmt *history, *mark; /* kept bound between rows: every value is rebound */
	bool relaxed;
	long in_txn;
	long long total;
	/* Secondary indexes of the marks tables, set aside while a brand new
	 * database loads and built again, in one sorted pass, at the end. */
	int n_indexes;
	char *index_sql[BULK_MAX_INDEXES];
};

static const char SQL_BULK_HISTORY[] =
	"INSERT INTO mark_history (school_id, pupil_id, date, session, version, "
	"code, minutes_late, recorded_by, recorded_at, reason, source, prev_hash, "
	"hash) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, '', ?9, ?10, ?11)";

/* The same parameter numbers as SQL_BULK_HISTORY, so one binding serves both. */
static const char SQL_BULK_MARK[] =
	"INSERT INTO marks (school_id, pupil_id, date, session, code, minutes_late, "
	"version, recorded_by, recorded_at, first_recorded_at, hash) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?8, ?8, ?11)";

static const char SQL_BULK_INDEXES[] =
	"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
	"AND tbl_name IN ('marks', 'mark_history') ORDER BY name";

static const char SQL_BULK_IS_NEW[] =
	"SELECT NOT EXISTS (SELECT 1 FROM mark_history) AND NOT EXISTS (SELECT 1 FROM pupils)";

/* Drops the secondary (non-unique, named) indexes of the marks tables,
 * keeping their definitions; restore_indexes builds them again. Only on a
 * brand new database: a crash in between leaves a half-built database that
 * is thrown away anyway. */
static int set_indexes_aside(struct store_bulk *b)
{
	struct store *s = b->s;
	sqlite3_stmt *st = store_prepare(s, SQL_BULK_INDEXES);
	if (!st)
		return -1;
	char names[BULK_MAX_INDEXES][64];
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && b->n_indexes < BULK_MAX_INDEXES) {
		sq_col_copy(st, 0, names[b->n_indexes], sizeof names[0]);
		b->index_sql[b->n_indexes] = strdup((const char *)sqlite3_column_text(st, 1));
		if (!b->index_sql[b->n_indexes++]) {
			sqlite3_reset(st);
			return sq_fail(s, "out of memory");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_db_fail(s, "reading the indexes");
	for (int i = 0; i < b->n_indexes; i++) {
		char q[128];
		snprintf(q, sizeof q, "DROP INDEX \"%s\"", names[i]);
		if (sq_exec(s, q) < 0)
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
		rc = sq_exec(b->s, b->index_sql[i]);
	free_indexes(b);
	return rc;
}

int store_bulk_begin(struct store *s, bool brand_new, struct store_bulk **out)
{
	*out = NULL;
	if (brand_new) {
		/* Checked here, not trusted from the caller: relaxing is only
		 * allowed while no pupil and no register entry exists at all. */
		sqlite3_stmt *st = store_prepare(s, SQL_BULK_IS_NEW);
		if (!st)
			return -1;
		if (sqlite3_step(st) != SQLITE_ROW)
			return sq_db_fail(s, "checking the database is new");
		brand_new = sqlite3_column_int(st, 0) == 1;
		sqlite3_reset(st);
	}
	struct store_bulk *b = calloc(1, sizeof *b);
	if (!b)
		return sq_fail(s, "out of memory");
	b->s = s;
	b->relaxed = brand_new;
	/* A larger page cache keeps the index pages being appended to in memory. */
	if (sq_exec(s, brand_new ? "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"
				 : "PRAGMA cache_size = -262144") < 0 ||
	    store_begin(s) < 0) {
		sq_exec(s, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000");
		free(b);
		return -1;
	}
	if (brand_new && set_indexes_aside(b) < 0) {
		store_bulk_abort(b);
		return -1;
	}
	*out = b;
	return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v, int n)
{
	sqlite3_bind_text(st, i, v, n, SQLITE_STATIC);
}

static int step(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, what);
}

int store_bulk_mark(struct store_bulk *b, int64_t school_id, const struct mark_rec *v)
{
	struct store *s = b->s;
	if (v->version != 1)
		return sq_fail(s, "a bulk load writes first versions only");
	if (!b->history && (sqlite3_prepare_v3(s->db, SQL_BULK_HISTORY, -1, SQLITE_PREPARE_PERSISTENT,
					       &b->history, NULL) != SQLITE_OK ||
			    sqlite3_prepare_v3(s->db, SQL_BULK_MARK, -1, SQLITE_PREPARE_PERSISTENT,
					       &b->mark, NULL) != SQLITE_OK))
		return sq_db_fail(s, "preparing the bulk load");
	char day[DATE_ISO_LEN];
	date_format(v->date, day);
	const char *code = code_text(v->code, v->session);
	const char *session = session_name(v->session);
	sqlite3_stmt *both[2] = {b->history, b->mark};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *st = both[i];
		sqlite3_bind_int64(st, 1, school_id);
		sqlite3_bind_int64(st, 2, v->pupil_id);
		bind_text(st, 3, day, 10);
		bind_text(st, 4, session, 2);
		bind_text(st, 5, code, -1);
		if (v->minutes_late >= 0)
			sqlite3_bind_int(st, 6, v->minutes_late);
		else
			sqlite3_bind_null(st, 6);
		bind_text(st, 7, v->recorded_by, -1);
		bind_text(st, 8, v->recorded_at, -1);
		bind_text(st, 11, v->hash, STORE_HASH_HEX - 1);
		if (i == 0) {
			bind_text(st, 9, v->source, -1);
			bind_text(st, 10, v->prev_hash, STORE_HASH_HEX - 1);
		}
		/* History first: the marks trigger checks it is there. */
		if (step(s, st, i == 0 ? "recording the mark's history" : "saving the mark") < 0)
			return -1;
	}
	b->total++;
	/* A brand new database commits as it goes, to keep the WAL small; one
	 * that holds a register already gets the load as one transaction. */
	if (b->relaxed && ++b->in_txn >= BULK_TXN_MARKS) {
		if (store_commit(s) < 0 || store_begin(s) < 0)
			return -1;
		b->in_txn = 0;
	}
	return 0;
}

static void free_bulk(struct store_bulk *b)
{
	sqlite3_finalize(b->history);
	sqlite3_finalize(b->mark);
	free(b);
}

bool store_bulk_relaxed(const struct store_bulk *b)
{
	return b->relaxed;
}

int store_bulk_end(struct store_bulk *b)
{
	struct store *s = b->s;
	int rc = restore_indexes(b);
	if (rc == 0)
		rc = store_commit(s);
	else
		store_rollback(s);
	/* Back to full durability, then move the whole WAL into the database
	 * file with fsyncs: what the load wrote is now as safe as any commit. */
	if (sq_exec(s, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000") < 0)
		rc = -1;
	if (rc == 0 && sq_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)") < 0)
		rc = -1;
	free_bulk(b);
	return rc;
}

void store_bulk_abort(struct store_bulk *b)
{
	if (!b)
		return;
	store_rollback(b->s);
	/* Build again the indexes a committed part of the load dropped; where
	 * the rollback brought one back, CREATE fails and changes nothing. */
	for (int i = 0; i < b->n_indexes; i++)
		sqlite3_exec(b->s->db, b->index_sql[i], NULL, NULL, NULL);
	free_indexes(b);
	sqlite3_exec(b->s->db, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000", NULL, NULL,
		     NULL);
	free_bulk(b);
}
