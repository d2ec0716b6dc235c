/* The store of the benchmarks (migration 0008-benchmarks). */
#include <string.h>

#include "store/store_internal.h"

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
static void bind_key(struct db_stmt *st, int64_t school_id, const struct benchmark *b, char year[8])
{
	date_academic_year_label(b->year, year);
	db_bind_int64(st, 1, school_id);
	db_bind_text(st, 2, bm_scope_name(b->scope));
	db_bind_text(st, 3, bm_phase_name(b->phase));
	db_bind_text(st, 4, year);
	db_bind_text(st, 5, bm_period_name(b->period));
	db_bind_text(st, 6, bm_measure_name(b->measure));
	db_bind_text(st, 7, b->cohort);
	db_bind_text(st, 8, b->source);
}

int store_benchmark_put(struct store *s, int64_t school_id, const struct benchmark *b, bool keep,
			const char *by, const char *at, enum store_put *outcome)
{
	char year[8];
	struct db_stmt *st = store_prepare(s, SQL_GET);
	if (!st)
		return -1;
	bind_key(st, school_id, b, year);
	int rc = db_step(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return st_db_fail(s, "reading a benchmark");
	if (rc == DB_ROW) {
		int64_t id = db_col_int64(st, 0);
		bool same = db_col_int(st, 1) == b->value100;
		db_reset(st);
		if (same || keep) {
			*outcome = STORE_PUT_UNCHANGED;
			return 0;
		}
		if (!(st = store_prepare(s, SQL_UPDATE)))
			return -1;
		db_bind_int64(st, 1, id);
		db_bind_int(st, 2, b->value100);
		db_bind_text(st, 3, by);
		db_bind_text(st, 4, at);
		*outcome = STORE_PUT_CHANGED;
		return st_step_done(s, st, "changing a benchmark");
	}
	db_reset(st);
	if (!(st = store_prepare(s, SQL_INSERT)))
		return -1;
	bind_key(st, school_id, b, year);
	db_bind_int(st, 9, b->value100);
	db_bind_text(st, 10, by);
	db_bind_text(st, 11, at);
	*outcome = STORE_PUT_ADDED;
	return st_step_done(s, st, "adding a benchmark");
}

int store_benchmarks_each(struct store *s, int64_t school_id, store_benchmark_cb cb, void *ctx)
{
	struct db_stmt *st = store_prepare(s, SQL_EACH);
	if (!st)
		return -1;
	db_bind_int64(st, 1, school_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct benchmark b = {0};
		/* the schema's CHECKs hold the names to the lists these parse */
		b.scope = (enum bm_scope)bm_scope_parse(db_col_text(st, 0));
		b.phase = (enum bm_phase)bm_phase_parse(db_col_text(st, 1));
		bm_year_parse(db_col_text(st, 2), &b.year);
		b.period = (enum bm_period)bm_period_parse(db_col_text(st, 3));
		b.measure = (enum bm_measure)bm_measure_parse(db_col_text(st, 4));
		st_col_copy(st, 5, b.cohort, sizeof b.cohort);
		b.value100 = db_col_int(st, 6);
		st_col_copy(st, 7, b.source, sizeof b.source);
		if (cb(ctx, &b) < 0) {
			db_reset(st);
			return -1;
		}
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : st_db_fail(s, "reading benchmarks");
}
