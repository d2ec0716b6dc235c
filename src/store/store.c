/* The store's connection: opening SQLite or PostgreSQL (the database layer
 * chooses by the target: a postgresql:// URI or a file path), migrations
 * of either, transactions, the data version, and the helpers every area
 * of the store uses. The areas themselves are store_<area>.c. */
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/migrations.h"
#include "store/store_internal.h"

int st_fail(struct store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	return -1;
}

int st_db_fail(struct store *s, const char *what)
{
	return st_fail(s, "%s: %s", what, db_errmsg(s->db));
}

const char *store_error(const struct store *s)
{
	return s->err;
}

int st_flush(struct store *s)
{
	if (!s->n_behind)
		return 0;
	int n = s->n_behind;
	s->n_behind = 0; /* first: the COPY's own calls must not flush again */
	return st_marks_copy(s, s->behind, n);
}

void st_drop(struct store *s)
{
	s->n_behind = 0;
}

int st_exec(struct store *s, const char *q)
{
	if (st_flush(s) < 0)
		return -1;
	return db_exec(s->db, q) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

bool store_target_exists(const char *target)
{
	/* A server says for itself whether it has the database. */
	return db_is_uri(target) || access(target, F_OK) == 0;
}

void store_target_shown(const char *target, char *out, size_t len)
{
	db_target_shown(target, out, len);
}

int store_open(const char *target, struct store **out, char *err, size_t errlen)
{
	*out = NULL;
	struct store *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (db_open(target, &s->db, err, errlen) < 0) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	db_close(s->db);
	free(s->behind);
	free(s);
}

struct db_stmt *store_prepare(struct store *s, const char *sql)
{
	if (st_flush(s) < 0)
		return NULL;
	return store_prepare_quiet(s, sql);
}

struct db_stmt *store_prepare_quiet(struct store *s, const char *sql)
{
	struct db_stmt *st = db_prepare(s->db, sql);
	if (!st)
		st_fail(s, "%s", db_errmsg(s->db));
	return st;
}

struct db_stmt *store_prepare_scan(struct store *s, const char *sql)
{
	if (st_flush(s) < 0)
		return NULL;
	struct db_stmt *st = db_prepare_scan(s->db, sql);
	if (!st)
		st_fail(s, "%s", db_errmsg(s->db));
	return st;
}

void st_bind_text_or_null(struct db_stmt *st, int i, const char *v)
{
	db_bind_text(st, i, v && *v ? v : NULL);
}

void st_bind_id_or_null(struct db_stmt *st, int i, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

void st_bind_date(struct db_stmt *st, int i, date_t d)
{
	char buf[DATE_ISO_LEN];
	if (d == DATE_INVALID)
		db_bind_null(st, i);
	else
		db_bind_textn(st, i, date_format(d, buf), 10);
}

date_t st_col_date(struct db_stmt *st, int i)
{
	const char *t = db_col_text(st, i);
	return t ? date_parse(t) : DATE_INVALID;
}

void st_bind_session(struct db_stmt *st, int i, enum session session)
{
	db_bind_textn(st, i, session_name(session), 2);
}

enum session st_col_session(struct db_stmt *st, int i)
{
	int v = session_parse(db_col_text(st, i));
	return v < 0 ? SESSION_AM : (enum session)v;
}

void st_col_copy(struct db_stmt *st, int i, char *buf, size_t len)
{
	const char *t = db_col_text(st, i);
	snprintf(buf, len, "%s", t ? t : "");
}

int st_step_done(struct store *s, struct db_stmt *st, const char *what)
{
	int rc = db_step(st);
	if (rc != DB_DONE) {
		if (rc == DB_ROW)
			st_fail(s, "%s: the query returned a row", what);
		else
			st_db_fail(s, what);
		db_reset(st);
		return -1;
	}
	db_reset(st);
	return 0;
}

int st_step_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id)
{
	if (db_step(st) != DB_ROW) {
		st_db_fail(s, what);
		db_reset(st);
		return -1;
	}
	*id = db_col_int64(st, 0);
	db_reset(st); /* the INSERT is done once its row is read */
	return 0;
}

int st_step_one(struct store *s, struct db_stmt *st, const char *what)
{
	if (st_step_done(s, st, what) < 0)
		return -1;
	return db_changes(s->db) == 1 ? 0 : 1;
}

int st_step_new_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id)
{
	/* A conflict inserts nothing and returns no row: not an error, as it
	 * would be on PostgreSQL, where it would end the transaction. */
	int rc = db_step(st);
	if (rc == DB_ROW && id)
		*id = db_col_int64(st, 0);
	db_reset(st);
	if (rc < 0)
		return st_db_fail(s, what);
	return rc == DB_ROW ? 0 : 1;
}

/* ---- schema ---- */

static const struct migration *migrations_of(const struct store *s, int *n)
{
	if (db_kind(s->db) == DB_POSTGRES) {
		*n = migrations_pg_count;
		return migrations_pg;
	}
	*n = migrations_sqlite_count;
	return migrations_sqlite;
}

int store_latest_schema_version(void)
{
	/* The build checks the two lists name the same migrations. */
	return migrations_sqlite_count;
}

int store_schema_version(struct store *s)
{
	/* A database never initialised has no schema_version table: asking
	 * for it would be an error (and abort a PostgreSQL transaction). */
	static const char SQL_HAS_TABLE_SQLITE[] =
		"SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'";
	static const char SQL_HAS_TABLE_PG[] = "SELECT to_regclass('schema_version') IS NOT NULL";
	static const char SQL_VERSION[] = "SELECT coalesce(max(version), 0) FROM schema_version";
	struct db_stmt *st = store_prepare(
		s, db_kind(s->db) == DB_POSTGRES ? SQL_HAS_TABLE_PG : SQL_HAS_TABLE_SQLITE);
	if (!st)
		return 0;
	int has = db_step(st) == DB_ROW && db_col_int(st, 0) > 0, v = 0;
	db_reset(st);
	if (has && (st = store_prepare(s, SQL_VERSION))) {
		if (db_step(st) == DB_ROW)
			v = db_col_int(st, 0);
		db_reset(st);
	}
	return v;
}

/* SQLite: foreign keys are checked as a whole after the migrations, not
 * row by row during them: a migration may rebuild a table (the SQLite
 * procedure for changing a CHECK), which drops the old one while rows still
 * point at it. (PostgreSQL alters a CHECK in place.) */
static int check_foreign_keys(struct store *s)
{
	static const char SQL_FK_CHECK[] = "PRAGMA foreign_key_check";
	struct db_stmt *st = db_statement(s->db, SQL_FK_CHECK);
	if (!st)
		return st_db_fail(s, "checking foreign keys");
	int rc = db_step(st);
	if (rc == DB_ROW)
		st_fail(s, "a migration left table %s pointing at a missing row of %s",
			db_col_text(st, 0), db_col_text(st, 2));
	else if (rc < 0)
		st_db_fail(s, "checking foreign keys");
	db_finalize(st);
	return rc == DB_DONE ? 0 : -1;
}

/* PostgreSQL: the database must hold UTF-8 and sort text in byte order, as
 * SQLite does, so that every list, file and figure comes out the same on
 * both (and comparisons are plain memcmp). Checked by what it does, so it
 * holds whichever locale provider the server has. */
static int check_pg_database(struct store *s)
{
	static const char SQL_PG_DATABASE[] =
		"SELECT pg_encoding_to_char(encoding), "
		"(SELECT string_agg(x, '' ORDER BY x) FROM unnest(ARRAY['b', 'B', 'a', '_', '-', '1']) x), "
		"datcollate FROM pg_database WHERE datname = current_database()";
	struct db_stmt *st = store_prepare(s, SQL_PG_DATABASE);
	if (!st)
		return -1;
	if (db_step(st) != DB_ROW) {
		st_db_fail(s, "reading the database's encoding");
		db_reset(st);
		return -1;
	}
	char enc[32], order[16], collate[64];
	st_col_copy(st, 0, enc, sizeof enc);
	st_col_copy(st, 1, order, sizeof order);
	st_col_copy(st, 2, collate, sizeof collate);
	db_reset(st);
	if (strcmp(enc, "UTF8") != 0 || strcmp(order, "-1B_ab") != 0)
		return st_fail(s, "the database has encoding %s and collation %s; attend needs UTF8 and "
				  "byte order (as SQLite), so lists and files come out the same on both "
				  "databases: create it with CREATE DATABASE name TEMPLATE template0 "
				  "ENCODING 'UTF8' LOCALE 'C'",
			       enc, collate);
	return 0;
}

static int migrate(struct store *s, int *applied)
{
	static const char SQL_SCHEMA_TABLE[] =
		"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
		"name TEXT NOT NULL, applied_at TEXT NOT NULL)";
	/* The time of day is the one thing the two dialects spell differently here. */
	static const char SQL_RECORD_SQLITE[] =
		"INSERT INTO schema_version VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";
	static const char SQL_RECORD_PG[] =
		"INSERT INTO schema_version VALUES (?1, ?2, "
		"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))";
	bool pg = db_kind(s->db) == DB_POSTGRES;
	int n;
	const struct migration *list = migrations_of(s, &n);
	*applied = 0;
	if (db_begin(s->db) < 0)
		return st_fail(s, "%s", db_errmsg(s->db));
	if ((pg && check_pg_database(s) < 0) || st_exec(s, SQL_SCHEMA_TABLE) < 0)
		goto fail;
	int have = store_schema_version(s);
	if (have > n) {
		st_fail(s, "the database is at schema version %d, newer than this attend (%d): "
			   "upgrade attend",
			have, n);
		goto fail;
	}
	for (int v = have + 1; v <= n; v++) {
		const struct migration *m = &list[v - 1];
		if (st_exec(s, m->sql) < 0) {
			char why[512];
			snprintf(why, sizeof why, "%s", s->err);
			st_fail(s, "migration %s failed: %s", m->name, why);
			goto fail;
		}
		struct db_stmt *st = db_statement(s->db, pg ? SQL_RECORD_PG : SQL_RECORD_SQLITE);
		if (!st) {
			st_db_fail(s, "recording the schema version");
			goto fail;
		}
		db_bind_int(st, 1, v);
		db_bind_text(st, 2, m->name);
		int rc = db_step(st);
		if (rc != DB_DONE)
			st_db_fail(s, "recording the schema version");
		db_finalize(st);
		if (rc != DB_DONE)
			goto fail;
		(*applied)++;
	}
	if (!pg && check_foreign_keys(s) < 0)
		goto fail;
	if (db_commit(s->db) < 0) {
		st_fail(s, "%s", db_errmsg(s->db));
		goto fail;
	}
	return 0;
fail:
	db_rollback(s->db);
	*applied = 0;
	return -1;
}

int store_migrate(struct store *s, int *applied)
{
	s->err[0] = '\0';
	if (db_kind(s->db) == DB_POSTGRES)
		return migrate(s, applied);
	if (st_exec(s, "PRAGMA foreign_keys = OFF") < 0)
		return -1;
	int rc = migrate(s, applied);
	db_exec(s->db, "PRAGMA foreign_keys = ON");
	return rc;
}

/* ---- transactions ---- */

int store_begin(struct store *s)
{
	s->none_pending = false;
	return db_begin(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

/* PostgreSQL: did this transaction move the data version (see 0001's
 * data_changed())? Asked just before COMMIT, while the row is ours. */
static const char SQL_OWN_CHANGE[] =
	"SELECT count(*) FROM data_version WHERE xid = pg_current_xact_id_if_assigned()";

int store_commit(struct store *s)
{
	s->none_pending = false;
	if (st_flush(s) < 0)
		return -1;
	bool counted = false;
	if (s->watching && db_kind(s->db) == DB_POSTGRES) {
		struct db_stmt *st = store_prepare(s, SQL_OWN_CHANGE);
		if (!st)
			return -1;
		if (db_step(st) != DB_ROW) {
			db_reset(st);
			return st_db_fail(s, "committing");
		}
		counted = db_col_int(st, 0) > 0;
		db_reset(st);
	}
	if (db_commit(s->db) < 0)
		return st_fail(s, "%s", db_errmsg(s->db));
	if (counted)
		s->own_changes++;
	/* Here, once the second half of issue 9 comes, a server tells the
	 * others what changed (NOTIFY is sent by data_changed() at commit). */
	return 0;
}

void store_rollback(struct store *s)
{
	st_drop(s);
	s->none_pending = false;
	db_rollback(s->db);
}

int store_savepoint(struct store *s)
{
	if (st_flush(s) < 0)
		return -1;
	return db_savepoint(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

int store_release(struct store *s)
{
	/* A submission's marks fail here, inside its own savepoint, if at all. */
	if (st_flush(s) < 0)
		return -1;
	return db_release(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

int store_analyze(struct store *s)
{
	return st_exec(s, "ANALYZE");
}

int store_rollback_to(struct store *s)
{
	st_drop(s);
	s->none_pending = false; /* written since the savepoint, which the flush began */
	return db_rollback_to(s->db) < 0 ? st_fail(s, "%s", db_errmsg(s->db)) : 0;
}

/* SQLite counts the commits of other connections itself. PostgreSQL has
 * no such number, so migration 0001 keeps one: data_changed() moves
 * data_version once per transaction that changes what a server holds in
 * memory (the register, pupils, calendar, settings, timetable), whoever
 * writes it (attend, or psql); this connection subtracts its own. */
static const char SQL_DATA_VERSION_SQLITE[] = "PRAGMA data_version";
static const char SQL_DATA_VERSION_PG[] = "SELECT version FROM data_version";

int store_data_version(struct store *s, int64_t *out)
{
	bool pg = db_kind(s->db) == DB_POSTGRES;
	struct db_stmt *st = store_prepare(s, pg ? SQL_DATA_VERSION_PG : SQL_DATA_VERSION_SQLITE);
	if (!st)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return st_db_fail(s, "reading the data version");
	}
	*out = db_col_int64(st, 0) - (pg ? s->own_changes : 0);
	db_reset(st);
	s->watching = true;
	return 0;
}
