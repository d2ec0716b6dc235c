/* Reading rows in the store, on the database layer: the lookup every `get`
 * does, once (the loop of an `each` is STEP_EACH in store_internal.h); and
 * the optional numbers (NULL for none) some tables hold. Not for use
 * outside src/store/. */
#ifndef ATTEND_STORE_ROWS_H
#define ATTEND_STORE_ROWS_H

#include "store/store_internal.h"

/* Returns from the calling function: the first row of st read into *out
 * (0), 1 when there is none, -1 when the database fails. */
#define ST_GET_ROW(s, st, out, read_fn, what)                                                 \
	do {                                                                                   \
		int rc_ = db_step(st);                                                         \
		if (rc_ == DB_ROW)                                                             \
			read_fn(st, out);                                                      \
		db_reset(st);                                                                  \
		return rc_ == DB_ROW ? 0 : rc_ == DB_DONE ? 1 : st_db_fail(s, what);           \
	} while (0)

/* A number that may be NULL: `none` stands for NULL. */
static inline void st_bind_opt_int(struct db_stmt *st, int i, int64_t v, int64_t none)
{
	if (v == none)
		db_bind_null(st, i);
	else
		db_bind_int64(st, i, v);
}

static inline int64_t st_col_opt_int(struct db_stmt *st, int i, int64_t none)
{
	return db_col_null(st, i) ? none : db_col_int64(st, i);
}

#endif
