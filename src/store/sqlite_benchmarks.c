/* The SQLite backend of the benchmarks (migration 0008-benchmarks). */
#include <sqlite3.h>
#include <string.h>

#include "store/sqlite_internal.h"

static const char SQL_GET[] =
	"SELECT id, value100 FROM benchmarks WHERE school_id = ?1 AND scope = ?2 AND "
	"phase = ?3 AND year = ?4 AND period = ?5 AND measure = ?6 AND cohort = ?7 AND source = ?8";

static const char SQL_INSERT[] =
	"INSERT INTO benchmarks (school_id, scope, phase, year, period, measure, cohort, source, "
	"value100, imported_by, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

static const char SQL_UPDATE[] =
	"UPDATE benchmarks SET value100 = ?2, imported_by = ?3, imported_at = ?4 WHERE id = ?1";

static const char SQL_EACH[] =
	"SELECT scope, phase, year, period, measure, cohort, value100, source FROM benchmarks "
	"WHERE school_id = ?1 ORDER BY scope, measure, cohort, phase, year, period, source";

/* The key of a figure as ?2..?8. */
static void bind_key(sqlite3_stmt *st, int64_t school_id, const struct benchmark *b, char year[8])
{
	date_academic_year_label(b->year, year);
	sqlite3_bind_int64(st, 1, school_id);
	sq_bind_text(st, 2, bm_scope_name(b->scope));
	sq_bind_text(st, 3, bm_phase_name(b->phase));
	sq_bind_text(st, 4, year);
	sq_bind_text(st, 5, bm_period_name(b->period));
	sq_bind_text(st, 6, bm_measure_name(b->measure));
	sq_bind_text(st, 7, b->cohort);
	sq_bind_text(st, 8, b->source);
}

int store_benchmark_put(struct store *s, int64_t school_id, const struct benchmark *b, bool keep,
			const char *by, const char *at, enum store_put *outcome)
{
	char year[8];
	sqlite3_stmt *st = store_prepare(s, SQL_GET);
	if (!st)
		return -1;
	bind_key(st, school_id, b, year);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_db_fail(s, "reading a benchmark");
	if (rc == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		bool same = sqlite3_column_int(st, 1) == b->value100;
		sqlite3_reset(st);
		if (same || keep) {
			*outcome = STORE_PUT_UNCHANGED;
			return 0;
		}
		if (!(st = store_prepare(s, SQL_UPDATE)))
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, b->value100);
		sq_bind_text(st, 3, by);
		sq_bind_text(st, 4, at);
		*outcome = STORE_PUT_CHANGED;
		return sq_step_done(s, st, "changing a benchmark");
	}
	sqlite3_reset(st);
	if (!(st = store_prepare(s, SQL_INSERT)))
		return -1;
	bind_key(st, school_id, b, year);
	sqlite3_bind_int(st, 9, b->value100);
	sq_bind_text(st, 10, by);
	sq_bind_text(st, 11, at);
	*outcome = STORE_PUT_ADDED;
	return sq_step_done(s, st, "adding a benchmark");
}

int store_benchmarks_each(struct store *s, int64_t school_id, store_benchmark_cb cb, void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, SQL_EACH);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct benchmark b = {0};
		/* the schema's CHECKs hold the names to the lists these parse */
		b.scope = (enum bm_scope)bm_scope_parse((const char *)sqlite3_column_text(st, 0));
		b.phase = (enum bm_phase)bm_phase_parse((const char *)sqlite3_column_text(st, 1));
		bm_year_parse((const char *)sqlite3_column_text(st, 2), &b.year);
		b.period = (enum bm_period)bm_period_parse((const char *)sqlite3_column_text(st, 3));
		b.measure = (enum bm_measure)bm_measure_parse((const char *)sqlite3_column_text(st, 4));
		sq_col_copy(st, 5, b.cohort, sizeof b.cohort);
		b.value100 = sqlite3_column_int(st, 6);
		sq_col_copy(st, 7, b.source, sizeof b.source);
		if (cb(ctx, &b) < 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : sq_db_fail(s, "reading benchmarks");
}
