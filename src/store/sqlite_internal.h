/* What the files of the SQLite backend share: the store itself, the
 * statement cache and small binding helpers. Not for use outside src/store/. */
#ifndef ATTEND_SQLITE_INTERNAL_H
#define ATTEND_SQLITE_INTERNAL_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

#define STORE_STMT_SLOTS 512

struct stmt_slot {
	const char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	struct stmt_slot stmt[STORE_STMT_SLOTS];
	char err[512];
};

/* The prepared statement for sql (a static string), reset and unbound. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
int sq_fail(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sq_db_fail(struct store *s, const char *what);
int sq_exec(struct store *s, const char *q);
void sq_bind_text(sqlite3_stmt *st, int i, const char *v);
/* NULL for "" (or a NULL pointer) and for ids of 0 */
void sq_bind_text_or_null(sqlite3_stmt *st, int i, const char *v);
void sq_bind_id_or_null(sqlite3_stmt *st, int i, int64_t id);
/* NULL for DATE_INVALID */
void sq_bind_date(sqlite3_stmt *st, int i, date_t d);
date_t sq_col_date(sqlite3_stmt *st, int i);
void sq_col_copy(sqlite3_stmt *st, int i, char *buf, size_t len);
/* Steps a statement that returns no rows; -1 with the error set. */
int sq_step_done(struct store *s, sqlite3_stmt *st, const char *what);

#endif
