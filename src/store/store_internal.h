/* What the store's files share: the store itself (a connection of the
 * database layer, db.h), the statement cache and small binding helpers.
 * Each area of the store is a file store_<area>.c with its own static
 * SQL strings, written once for both databases. Not for use outside
 * src/store/. */
#ifndef ATTEND_STORE_INTERNAL_H
#define ATTEND_STORE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

/* A version-1 mark and its history row, waiting to be loaded with COPY
 * (store_bulk.c; and the write-behind of store_mark_put). */
struct bulk_mark {
	int64_t school_id, pupil_id;
	char date[DATE_ISO_LEN];
	enum session session;
	enum code code;
	int minutes_late;
	char recorded_by[STORE_USER_MAX];
	char recorded_at[STORE_TIME_LEN];
	char source[128];
	char prev_hash[STORE_HASH_HEX];
	char hash[STORE_HASH_HEX];
};
/* Writes the marks: every history row, then the marks (one COPY each on
 * PostgreSQL). */
int st_marks_copy(struct store *s, const struct bulk_mark *batch, int n);
/* The waiting row of a version-1 mark. */
void st_bulk_mark_set(struct bulk_mark *m, int64_t school_id, const struct mark_rec *v);

struct store {
	struct db *db;
	char err[512];
	/* store_data_version on PostgreSQL: whether this connection asked for
	 * it, and how many of the changes it counts were this connection's. */
	bool watching;
	int64_t own_changes;
	/* New marks of the open transaction not yet written, loaded before
	 * the next statement of any other kind runs (so nothing reads around
	 * them), and before a savepoint ends or COMMIT: a register of 30 marks
	 * is two COPYs on PostgreSQL (two round trips instead of sixty), two
	 * multi-row INSERTs on SQLite (two statements instead of sixty). */
	struct bulk_mark *behind;
	int n_behind, cap_behind;
	/* Inside a transaction: a session (school, date, AM/PM) known to have
	 * no absence report waiting for its register, so each mark of a
	 * register need not ask again; forgotten when such a report is
	 * written and when the transaction ends. */
	bool none_pending;
	int64_t none_school;
	date_t none_date;
	int none_session;
};

/* Sends the waiting marks (st_flush) or drops them with the transaction
 * or savepoint they belong to (st_drop). */
int st_flush(struct store *s);
void st_drop(struct store *s);
/* store_prepare without sending the waiting marks first: only for a query
 * that cannot see them (another table), or that looks in them itself
 * (store_mark_get). */
struct db_stmt *store_prepare_quiet(struct store *s, const char *sql);

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
/* A session as 'AM' or 'PM'; read back, anything else is AM. */
void st_bind_session(struct db_stmt *st, int i, enum session session);
enum session st_col_session(struct db_stmt *st, int i);
void st_col_copy(struct db_stmt *st, int i, char *buf, size_t len);
/* Steps a statement that returns no rows; -1 with the error set. */
int st_step_done(struct store *s, struct db_stmt *st, const char *what);
/* Steps an INSERT ... RETURNING id and reads the new row's id. */
int st_step_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id);
/* Steps an UPDATE of one row: 0 when it changed it, 1 when no row
 * matched, -1 with the error set. */
int st_step_one(struct store *s, struct db_stmt *st, const char *what);
/* Steps an INSERT ... ON CONFLICT DO NOTHING RETURNING id: 0 with the new
 * row's id in *id (id may be NULL), 1 when the row exists already (nothing
 * written), -1 with the error set. */
int st_step_new_id(struct store *s, struct db_stmt *st, const char *what, int64_t *id);

/* Steps a bound query, reading each row into *rec (zeroed first) and
 * calling cb with it, then returns from the calling function: 0, or -1
 * when cb fails or the query does (a macro, so each callback keeps its own
 * type). */
#define STEP_EACH(s, st, rec, read, cb, ctx, what)                                           \
	do {                                                                                 \
		int rc_;                                                                     \
		while ((rc_ = db_step(st)) == DB_ROW) {                                      \
			memset(rec, 0, sizeof *(rec));                                       \
			read(st, rec);                                                       \
			if (cb(ctx, rec) < 0) {                                              \
				db_reset(st);                                                \
				return -1;                                                   \
			}                                                                    \
		}                                                                            \
		db_reset(st);                                                                \
		return rc_ == DB_DONE ? 0 : st_db_fail(s, what);                             \
	} while (0)

#endif
