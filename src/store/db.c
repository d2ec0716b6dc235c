/* The database layer's common part: choosing the backend, the statement
 * cache, transactions and savepoints, and the calls passed on to the
 * backend's table of operations. */
#include "store/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store/db_internal.h"

int db_fail(struct db *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->err, sizeof db->err, fmt, ap);
	va_end(ap);
	return -1;
}

bool db_is_uri(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

void db_target_shown(const char *target, char *out, size_t len)
{
	/* postgresql://user:secret@host/db: the password is not repeated. */
	const char *rest = db_is_uri(target) ? strstr(target, "://") + 3 : NULL;
	const char *at = rest ? strchr(rest, '@') : NULL;
	const char *colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
	if (colon)
		snprintf(out, len, "%.*s:***%s", (int)(colon - target), target, at);
	else
		snprintf(out, len, "%s", target);
}

int db_open(const char *target, struct db **out, char *err, size_t errlen)
{
	*out = NULL;
	return db_is_uri(target) ? db_pg_open(target, out, err, errlen)
				 : db_sqlite_open(target, out, err, errlen);
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < DB_STMT_SLOTS; i++)
		if (db->slot[i])
			db->ops->finalize(db->slot[i]);
	db->ops->close(db);
}

enum db_kind db_kind(const struct db *db)
{
	return db->kind;
}

const char *db_errmsg(const struct db *db)
{
	return db->err;
}

int db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

/* ---- transactions ---- */

int db_begin(struct db *db)
{
	db->release_waiting = false;
	return db->ops->begin(db, false);
}

int db_begin_read(struct db *db)
{
	db->release_waiting = false;
	return db->ops->begin(db, true);
}

int db_commit(struct db *db)
{
	db->release_waiting = false; /* COMMIT releases every savepoint */
	return db_exec(db, "COMMIT");
}

void db_rollback(struct db *db)
{
	db->release_waiting = false;
	if (db->ops->in_txn(db)) {
		char keep[sizeof db->err];
		memcpy(keep, db->err, sizeof keep); /* the error that led here */
		db_exec(db, "ROLLBACK");
		memcpy(db->err, keep, sizeof keep);
	}
}

bool db_in_txn(struct db *db)
{
	return db->ops->in_txn(db);
}

/* Savepoints: the writer runs each write of a group in one, one at a time,
 * never nested. A RELEASE is sent with the next SAVEPOINT, in one message
 * ("RELEASE part; SAVEPOINT part"), or is made needless by the COMMIT or
 * ROLLBACK that ends the transaction: on PostgreSQL each message is a
 * round trip that the whole group waits for. Until then the statements run
 * inside the released savepoint, which nothing rolls back to, so the
 * transaction's outcome is the same. */
int db_savepoint(struct db *db)
{
	bool release = db->release_waiting;
	db->release_waiting = false;
	return db_exec(db, release ? "RELEASE part; SAVEPOINT part" : "SAVEPOINT part");
}

int db_release(struct db *db)
{
	db->release_waiting = true;
	return 0;
}

int db_rollback_to(struct db *db)
{
	if (db->release_waiting) {
		/* Rolling back to a released savepoint: the server says it has none. */
		db->release_waiting = false;
		if (db_exec(db, "RELEASE part") < 0)
			return -1;
	}
	/* ROLLBACK TO keeps the savepoint open; RELEASE closes it. */
	return db_exec(db, "ROLLBACK TO part") < 0 ? -1 : db_exec(db, "RELEASE part");
}

/* ---- statements ---- */

static struct db_stmt *cached(struct db *db, const char *sql, bool scan)
{
	/* Each SQL text is a static string, so its address names it. */
	uintptr_t h = ((uintptr_t)sql >> 4) * 0x9E3779B97F4A7C15u;
	for (unsigned i = 0; i < DB_STMT_SLOTS; i++) {
		unsigned k = (unsigned)((h + i) % DB_STMT_SLOTS);
		if (db->slot_sql[k] == sql) {
			db->ops->reset(db->slot[k]);
			return db->slot[k];
		}
		if (!db->slot_sql[k]) {
			struct db_stmt *st = db->ops->prepare(db, sql, scan);
			if (!st)
				return NULL;
			db->slot_sql[k] = sql;
			db->slot[k] = st;
			return st;
		}
	}
	db_fail(db, "too many distinct queries for the statement cache");
	return NULL;
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	return cached(db, sql, false);
}

struct db_stmt *db_prepare_scan(struct db *db, const char *sql)
{
	return cached(db, sql, true);
}

struct db_stmt *db_statement(struct db *db, const char *sql)
{
	return db->ops->prepare(db, sql, false);
}

void db_finalize(struct db_stmt *st)
{
	if (st)
		st->db->ops->finalize(st);
}

void db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	st->db->ops->bind(st, i, DB_INT, v, NULL, 0);
}

void db_bind_int(struct db_stmt *st, int i, int v)
{
	st->db->ops->bind(st, i, DB_INT, v, NULL, 0);
}

void db_bind_text(struct db_stmt *st, int i, const char *v)
{
	st->db->ops->bind(st, i, v ? DB_TEXT : DB_NULL, 0, v, v ? strlen(v) : 0);
}

void db_bind_textn(struct db_stmt *st, int i, const char *v, size_t n)
{
	st->db->ops->bind(st, i, v ? DB_TEXT : DB_NULL, 0, v, n);
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n)
{
	st->db->ops->bind(st, i, p ? DB_BLOB : DB_NULL, 0, p, n);
}

void db_bind_null(struct db_stmt *st, int i)
{
	st->db->ops->bind(st, i, DB_NULL, 0, NULL, 0);
}

int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}

void db_reset(struct db_stmt *st)
{
	st->db->ops->reset(st);
}

long db_changes(struct db *db)
{
	return db->ops->changes(db);
}

bool db_col_null(struct db_stmt *st, int i)
{
	return st->db->ops->col_type(st, i) == DB_NULL;
}

int64_t db_col_int64(struct db_stmt *st, int i)
{
	return st->db->ops->col_int64(st, i);
}

int db_col_int(struct db_stmt *st, int i)
{
	return (int)st->db->ops->col_int64(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return st->db->ops->col_text(st, i);
}

const void *db_col_blob(struct db_stmt *st, int i)
{
	return st->db->ops->col_blob(st, i);
}

int db_col_bytes(struct db_stmt *st, int i)
{
	return st->db->ops->col_bytes(st, i);
}

enum db_type db_col_type(struct db_stmt *st, int i)
{
	return st->db->ops->col_type(st, i);
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

/* ---- bulk loading ---- */

struct db_copy *db_copy_begin(struct db *db, const char *table, const char *const *cols, int n)
{
	return db->ops->copy_begin(db, table, cols, n);
}

static struct db *copy_db(struct db_copy *c)
{
	return c->db;
}

void db_copy_int64(struct db_copy *c, int i, int64_t v)
{
	copy_db(c)->ops->copy_value(c, i, DB_INT, v, NULL, 0);
}

void db_copy_text(struct db_copy *c, int i, const char *v, size_t n)
{
	copy_db(c)->ops->copy_value(c, i, v ? DB_TEXT : DB_NULL, 0, v, n);
}

void db_copy_blob(struct db_copy *c, int i, const void *p, size_t n)
{
	copy_db(c)->ops->copy_value(c, i, p ? DB_BLOB : DB_NULL, 0, p, n);
}

void db_copy_null(struct db_copy *c, int i)
{
	copy_db(c)->ops->copy_value(c, i, DB_NULL, 0, NULL, 0);
}

int db_copy_row(struct db_copy *c)
{
	return copy_db(c)->ops->copy_row(c);
}

int db_copy_end(struct db_copy *c)
{
	return copy_db(c)->ops->copy_end(c);
}

/* ---- several servers ---- */

int db_listen(struct db *db, const char *channel)
{
	return db->ops->listen ? db->ops->listen(db, channel) : 1;
}

int db_wait_notify(struct db *db, int timeout_ms, char *payload, size_t len)
{
	if (!db->ops->wait_notify)
		return 0;
	return db->ops->wait_notify(db, timeout_ms, payload, len);
}

int db_reconnect(struct db *db)
{
	return db->ops->reconnect ? db->ops->reconnect(db) : 0;
}

bool db_server_changed(struct db *db)
{
	return db->ops->server_changed ? db->ops->server_changed(db) : false;
}

int db_for_group_commit(struct db *db)
{
	return db->ops->for_group_commit ? db->ops->for_group_commit(db) : 0;
}
