/* What the store's files share: the store itself (a connection of the
 * database layer, db.h), the statement cache and small binding helpers.
 * Each area of the store is a file store_<area>.c with its own static
 * SQL strings, written once for both databases. Not for use outside
 * src/store/. */
#ifndef ATTEND_STORE_INTERNAL_H
#define ATTEND_STORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
	char err[512];
	/* store_data_version on PostgreSQL: whether this connection asked for
	 * it, and how many of the changes it counts were this connection's. */
	bool watching;
	int64_t own_changes;
};

/* The prepared statement for sql (a static string), reset and unbound;
 * NULL with the store's error set. */
struct db_stmt *store_prepare(struct store *s, const char *sql);
/* The same for a query that may return very many rows (see db.h). */
struct db_stmt *store_prepare_scan(struct store *s, const char *sql);
int st_fail(struct store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* what: the database's message. */
int st_db_fail(struct store *s, const char *what);
int st_exec(struct store *s, const char *q);
/* NULL for "" (or a NULL pointer) and for ids of 0 */
void st_bind_text_or_null(struct db_stmt *st, int i, const char *v);
void st_bind_id_or_null(struct db_stmt *st, int i, int64_t id);
/* NULL for DATE_INVALID */
void st_bind_date(struct db_stmt *st, int i, date_t d);
date_t st_col_date(struct db_stmt *st, int i);
void st_col_copy(struct db_stmt *st, int i, char *buf, size_t len);
/* Steps a statement that returns no rows; -1 with the error set. */
int st_step_done(struct store *s, struct db_stmt *st, const char *what);
/* Steps an INSERT ... RETURNING id and reads the new row's id. */
int st_step_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id);

#endif
