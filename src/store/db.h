/* The thin database layer under the store: one interface, two databases.
 * SQLite (db_sqlite.c) is the embedded database a school runs on;
 * PostgreSQL (db_pg.c, libpq) the shared one of a trust or several servers.
 * The store's files (store_*.c) are written once against this interface,
 * with SQL both databases accept; where the dialects truly differ the store
 * asks db_kind() in one small place and says why.
 *
 * SQL uses ?N placeholders (SQLite's numbered parameters); for PostgreSQL
 * they become $N when the statement is prepared. Statements are prepared
 * once per connection and cached by the address of their SQL text, which
 * is always a static string (db_statement is for the few built at run time).
 *
 * Not thread-safe: one connection per thread, as the web app does.
 * Not for use outside src/store/. */
#ifndef ATTEND_DB_H
#define ATTEND_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_kind { DB_SQLITE, DB_POSTGRES };
enum db_type { DB_NULL, DB_INT, DB_TEXT, DB_BLOB };
enum { DB_DONE = 0, DB_ROW = 1 }; /* db_step: or -1 on error */

struct db;
struct db_stmt;

/* A PostgreSQL connection URI (postgresql://... or postgres://...)? Anything
 * else is the path of an SQLite file. */
bool db_is_uri(const char *target);
int db_open(const char *target, struct db **out, char *err, size_t errlen);
/* The target as it may be shown: a URI's password replaced by ***. */
void db_target_shown(const char *target, char *out, size_t len);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);
/* What the last call that failed said. */
const char *db_errmsg(const struct db *db);
/* Runs SQL without parameters or rows (may hold several statements). */
int db_exec(struct db *db, const char *sql);

/* Transactions. db_begin starts a write transaction and waits for the one
 * writer's turn (SQLite: BEGIN IMMEDIATE; PostgreSQL: an advisory lock for
 * the transaction), so a write never fails half-way for want of a lock and
 * the store's read-then-write checks hold on both databases. db_begin_read
 * gives a consistent view across several queries (PostgreSQL: repeatable
 * read). */
int db_begin(struct db *db);
int db_begin_read(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db); /* if a transaction is open */
bool db_in_txn(struct db *db);
/* A nested point inside the open transaction (one is enough for the store). */
int db_savepoint(struct db *db);
int db_release(struct db *db);
int db_rollback_to(struct db *db);

/* The cached statement for sql (a static string), reset with every
 * parameter NULL; NULL on error. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
/* The same for a query that may return very many rows (a whole register):
 * PostgreSQL reads it through a cursor in batches instead of all at once
 * (inside a transaction: the caller's, or one of its own for the scan). */
struct db_stmt *db_prepare_scan(struct db *db, const char *sql);
/* A statement built at run time (not cached): db_finalize frees it. */
struct db_stmt *db_statement(struct db *db, const char *sql);
void db_finalize(struct db_stmt *st);

/* Parameters count from 1. Text is copied; NULL text binds NULL. */
void db_bind_int64(struct db_stmt *st, int i, int64_t v);
void db_bind_int(struct db_stmt *st, int i, int v);
void db_bind_text(struct db_stmt *st, int i, const char *v);
void db_bind_textn(struct db_stmt *st, int i, const char *v, size_t n);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t n); /* p NULL: NULL */
void db_bind_null(struct db_stmt *st, int i);

/* DB_ROW with a row to read, DB_DONE at the end, -1 on error. */
int db_step(struct db_stmt *st);
/* Ready to bind and run again; ends a scan early. */
void db_reset(struct db_stmt *st);
/* Rows changed by the last INSERT, UPDATE or DELETE of the connection. */
long db_changes(struct db *db);

/* Columns count from 0 and are valid until the next step or reset. Text is
 * NUL-terminated (NULL for SQL NULL); blobs are bytes (NULL for NULL). */
bool db_col_null(struct db_stmt *st, int i);
int64_t db_col_int64(struct db_stmt *st, int i);
int db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i);
int db_col_bytes(struct db_stmt *st, int i); /* of the text or blob */
enum db_type db_col_type(struct db_stmt *st, int i);
int db_col_count(struct db_stmt *st);

/* Loading many rows into one table: PostgreSQL's COPY; for SQLite one
 * prepared INSERT. Set the columns of a row in order (the values must stay
 * valid until db_copy_row), then db_copy_row; db_copy_end finishes (0) or
 * reports the first error (-1; PostgreSQL reports a bad row only there).
 * Nothing else may run on the connection between begin and end. */
struct db_copy;
struct db_copy *db_copy_begin(struct db *db, const char *table, const char *const *cols, int n);
void db_copy_int64(struct db_copy *c, int i, int64_t v);
void db_copy_text(struct db_copy *c, int i, const char *v, size_t n); /* v NULL: NULL */
void db_copy_blob(struct db_copy *c, int i, const void *p, size_t n); /* p NULL: NULL */
void db_copy_null(struct db_copy *c, int i);
int db_copy_row(struct db_copy *c);
int db_copy_end(struct db_copy *c);

/* Several servers on one database (PostgreSQL; SQLite has no such thing).
 * db_listen subscribes the connection to a channel's notifications (LISTEN;
 * kept across a reconnection); it returns 1 where none can come (SQLite, or
 * a PostgreSQL hot standby, which cannot LISTEN). db_wait_notify waits up
 * to timeout_ms for one: 1 with its payload, 0 when none came, -1 when the
 * connection is lost (the next db_begin reconnects). A lost connection is
 * reconnected by db_begin and db_begin_read (and by db_reconnect), never
 * inside a transaction, so a write never continues outside the one it
 * started in. */
int db_listen(struct db *db, const char *channel);
int db_wait_notify(struct db *db, int timeout_ms, char *payload, size_t len);
int db_reconnect(struct db *db);
/* Whether a reconnection since the last call reached another server than
 * before (a promoted standby, a restarted server): what was read from the
 * old one may not all be there. */
bool db_server_changed(struct db *db);
/* The connection that writes groups of submissions, each in a savepoint.
 * SQLite: what a savepoint would undo is kept in memory, not in a
 * temporary file written page by page, and the WAL is checkpointed by a
 * thread of its own (on its own connection) rather than by whichever
 * commit crosses the threshold, so commits stay short. Nothing on
 * PostgreSQL. */
int db_for_group_commit(struct db *db);

#endif
