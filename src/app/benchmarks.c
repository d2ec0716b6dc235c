#include "app/benchmarks.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/clock.h"
#include "app/csv.h"
#include "app/parse.h"

/* The national figures shipped with attend (build/gen/data_files.c). */
extern const unsigned char data_benchmarks_national_csv[];
extern const size_t data_benchmarks_national_csv_len;
#define DEFAULT_NAME "benchmarks-national.csv (shipped with attend)"

enum { B_SCOPE, B_PHASE, B_YEAR, B_PERIOD, B_MEASURE, B_COHORT, B_VALUE, B_SOURCE, B__MAX };
static const struct csv_column columns[B__MAX] = {
	{"scope", 1},	{"phase", 1},  {"year", 1},  {"period", 1},
	{"measure", 1}, {"cohort", 1}, {"value", 1}, {"source", 1},
};

struct row {
	struct benchmark b;
	int line;
};

struct reading {
	struct row *rows;
	int n, cap;
};

static int bad(struct app_error *err, const char *field, const char *text, const char *rule)
{
	return app_fail(err, ERR_INPUT, field, "%s '%.60s' is not %s", field, text, rule);
}

static int on_row(void *ctx, const struct csv_record *rec, struct app_error *err)
{
	struct reading *rd = ctx;
	struct benchmark b = {0};
	const char *const *f = rec->field;
	int v;
	if ((v = bm_scope_parse(f[B_SCOPE])) < 0)
		return bad(err, "scope", f[B_SCOPE], "national, regional, la or similar");
	b.scope = (enum bm_scope)v;
	if ((v = bm_phase_parse(f[B_PHASE])) < 0)
		return bad(err, "phase", f[B_PHASE],
			   "all, nursery, primary, secondary, all-through or special");
	b.phase = (enum bm_phase)v;
	if (bm_year_parse(f[B_YEAR], &b.year) < 0)
		return bad(err, "year", f[B_YEAR], "an academic year written like 2023/24");
	if ((v = bm_period_parse(f[B_PERIOD])) < 0)
		return bad(err, "period", f[B_PERIOD],
			   "autumn, spring, summer, autumn_spring or full_year");
	b.period = (enum bm_period)v;
	if ((v = bm_measure_parse(f[B_MEASURE])) < 0)
		return bad(err, "measure", f[B_MEASURE],
			   "attendance_pct, absence_pct, authorised_pct, unauthorised_pct, "
			   "persistent_pct, severe_pct or band_share_pct");
	b.measure = (enum bm_measure)v;
	const char *rule = bm_cohort_check(b.measure, f[B_COHORT], b.cohort);
	if (rule)
		return app_fail(err, ERR_INPUT, "cohort", "cohort '%.40s': %s", f[B_COHORT], rule);
	if (bm_value_parse(f[B_VALUE], &b.value100) < 0)
		return bad(err, "value", f[B_VALUE],
			   "a percentage from 0 to 100 with at most two decimals (like 7.5)");
	if (parse_text_field("source", f[B_SOURCE], b.source, sizeof b.source, 1, err) < 0)
		return -1;
	if (rd->n == rd->cap) {
		int cap = rd->cap ? rd->cap * 2 : 128;
		struct row *r = realloc(rd->rows, (size_t)cap * sizeof *r);
		if (!r)
			return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		rd->rows = r;
		rd->cap = cap;
	}
	rd->rows[rd->n++] = (struct row){b, rec->line};
	return 0;
}

static int cmp_key(const void *x, const void *y)
{
	const struct row *a = x, *b = y;
	int c = (int)a->b.scope - (int)b->b.scope;
	if (!c)
		c = (int)a->b.phase - (int)b->b.phase;
	if (!c)
		c = a->b.year - b->b.year;
	if (!c)
		c = (int)a->b.period - (int)b->b.period;
	if (!c)
		c = (int)a->b.measure - (int)b->b.measure;
	if (!c)
		c = strcmp(a->b.cohort, b->b.cohort);
	if (!c)
		c = strcmp(a->b.source, b->b.source);
	return c ? c : a->line - b->line;
}

/* Reads and checks every row, then writes them in one transaction. */
static int load(struct store *s, int64_t school_id, FILE *f, const char *name, bool keep,
		const char *by, struct import_result *res, struct app_error *err)
{
	struct reading rd = {0};
	int ret = -1;
	memset(res, 0, sizeof *res);
	if (csv_read_stream(f, name, columns, B__MAX, 0, on_row, &rd, err) < 0)
		goto out;
	qsort(rd.rows, (size_t)rd.n, sizeof *rd.rows, cmp_key);
	for (int i = 1; i < rd.n; i++) {
		if (cmp_key(&(struct row){rd.rows[i].b, 0}, &(struct row){rd.rows[i - 1].b, 0}) == 0) {
			app_fail(err, ERR_INPUT, NULL,
				 "the same figure (scope, phase, year, period, measure, cohort and "
				 "source) is already on line %d",
				 rd.rows[i - 1].line);
			app_error_where(err, "%s:%d", name, rd.rows[i].line);
			goto out;
		}
	}
	char now[CLOCK_ISO_LEN];
	clock_iso_utc(clock_now(), now);
	if (store_begin(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	for (int i = 0; i < rd.n; i++) {
		enum store_put what;
		if (store_benchmark_put(s, school_id, &rd.rows[i].b, keep, by, now, &what) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
			store_rollback(s);
			goto out;
		}
		res->rows++;
		res->added += what == STORE_PUT_ADDED;
		res->changed += what == STORE_PUT_CHANGED;
		res->unchanged += what == STORE_PUT_UNCHANGED;
	}
	if (store_commit(s) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		store_rollback(s);
		goto out;
	}
	ret = 0;
out:
	free(rd.rows);
	return ret;
}

int benchmarks_import(struct store *s, int64_t school_id, const char *path, const char *by,
		      struct import_result *res, struct app_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return app_fail(err, ERR_INPUT, "file", "%s: %s", path, strerror(errno));
	int rc = load(s, school_id, f, path, false, by, res, err);
	fclose(f);
	return rc;
}

int benchmarks_load_defaults(struct store *s, int64_t school_id, const char *by,
			     struct import_result *res, struct app_error *err)
{
	FILE *f = fmemopen((void *)data_benchmarks_national_csv, data_benchmarks_national_csv_len,
			   "rb");
	if (!f)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	int rc = load(s, school_id, f, DEFAULT_NAME, true, by, res, err);
	fclose(f);
	return rc;
}

static int collect(void *ctx, const struct benchmark *b)
{
	struct benchmark_set *set = ctx;
	if ((set->n & (set->n - 1)) == 0) { /* 0, 1, 2, 4, ...: grow by doubling */
		struct benchmark *v = realloc(set->v, (size_t)(set->n ? 2 * set->n : 1) * sizeof *v);
		if (!v)
			return -1;
		set->v = v;
	}
	set->v[set->n++] = *b;
	return 0;
}

int benchmarks_read(struct store *s, int64_t school_id, struct benchmark_set *set,
		    struct app_error *err)
{
	memset(set, 0, sizeof *set);
	if (store_benchmarks_each(s, school_id, collect, set) < 0) {
		benchmarks_free(set);
		return app_fail(err, ERR_INTERNAL, NULL, "reading the benchmarks: %s", store_error(s));
	}
	return 0;
}

void benchmarks_free(struct benchmark_set *set)
{
	free(set->v);
	set->v = NULL;
	set->n = 0;
}

const struct benchmark *benchmarks_national(const struct benchmark_set *set, enum bm_phase phase,
					    enum bm_measure m, const char *cohort,
					    enum bm_period want, int32_t *value100, bool *derived)
{
	const struct benchmark *b = bm_find(set->v, set->n, BM_NATIONAL, phase, m, cohort, want);
	*derived = false;
	if (!b && m == BM_ATTENDANCE &&
	    (b = bm_find(set->v, set->n, BM_NATIONAL, phase, BM_ABSENCE, cohort, want))) {
		/* attendance is what absence leaves */
		*derived = true;
		*value100 = 10000 - b->value100;
		return b;
	}
	if (b)
		*value100 = b->value100;
	return b;
}

enum bm_phase benchmarks_phase_of(const char *school_phase)
{
	int p = bm_phase_parse(school_phase);
	return p < 0 ? BM_PHASE_ALL : (enum bm_phase)p;
}
