/* Reading rows in the SQLite backend: the loop every `each` function
 * runs and the lookup every `get` does, once. Not for use outside
 * src/store/. */
#ifndef ATTEND_SQLITE_ROWS_H
#define ATTEND_SQLITE_ROWS_H

#include "store/sqlite_internal.h"

/* Returns from the calling function: each row of st read into a T by
 * read_fn(st, &row) and given to cb(ctx, &row); 0 at the end, -1 when cb
 * says so (below 0) or the database fails (the error says `what`). */
#define SQ_EACH_ROW(s, st, T, read_fn, cb, ctx, what)                                         \
	do {                                                                                   \
		T row_;                                                                        \
		int rc_;                                                                       \
		while ((rc_ = sqlite3_step(st)) == SQLITE_ROW) {                               \
			read_fn(st, &row_);                                                    \
			if ((cb)(ctx, &row_) < 0) {                                            \
				sqlite3_reset(st);                                             \
				return -1;                                                     \
			}                                                                      \
		}                                                                              \
		sqlite3_reset(st);                                                             \
		return rc_ == SQLITE_DONE ? 0 : sq_db_fail(s, what);                           \
	} while (0)

/* Returns from the calling function: the first row of st read into *out
 * (0), 1 when there is none, -1 when the database fails. */
#define SQ_GET_ROW(s, st, out, read_fn, what)                                                 \
	do {                                                                                   \
		int rc_ = sqlite3_step(st);                                                    \
		if (rc_ == SQLITE_ROW)                                                         \
			read_fn(st, out);                                                      \
		sqlite3_reset(st);                                                             \
		return rc_ == SQLITE_ROW ? 0 : rc_ == SQLITE_DONE ? 1 : sq_db_fail(s, what);   \
	} while (0)

/* An INSERT that may hit a unique index: 0 (the new row's id in *id when
 * id is not NULL), 1 when the row exists already (nothing written), -1. */
int sq_insert_unique(struct store *s, sqlite3_stmt *st, int64_t *id, const char *what);

#endif
