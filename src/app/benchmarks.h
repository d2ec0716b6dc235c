/* Benchmarks as data: `attend import benchmarks FILE` (CSV: scope,phase,
 * year,period,measure,cohort,value,source; every row checked, one
 * transaction), the national figures shipped with attend (data/, embedded
 * in the binary) loaded at `attend init`, and the figures of a school read
 * back for the dashboards and the governor report. */
#ifndef ATTEND_BENCHMARKS_H
#define ATTEND_BENCHMARKS_H

#include "app/error.h"
#include "app/import.h"
#include "core/benchmark.h"
#include "store/store.h"

struct benchmark_set {
	struct benchmark *v;
	int n;
};

/* Imports a CSV file of figures: a figure the school already holds (the
 * same scope, phase, year, period, measure, cohort and source) takes the
 * file's value. One bad row (its line and field named), or
 * the same figure twice, rejects the whole file and changes nothing. */
int benchmarks_import(struct store *s, int64_t school_id, const char *path, const char *by,
		      struct import_result *res, struct app_error *err);
/* Loads the national figures shipped with attend; figures the school
 * already holds are left as they are (an import may have updated them). */
int benchmarks_load_defaults(struct store *s, int64_t school_id, const char *by,
			     struct import_result *res, struct app_error *err);
/* The school's figures (set->v malloc'd). */
int benchmarks_read(struct store *s, int64_t school_id, struct benchmark_set *set,
		    struct app_error *err);
void benchmarks_free(struct benchmark_set *set);
/* The national figure of a measure for a phase, cohort and period (see
 * bm_find) into *value100; for attendance, where only absence is
 * published, 100% less the absence rate (*derived set). Returns the figure
 * it comes from, or NULL when there is none. */
const struct benchmark *benchmarks_national(const struct benchmark_set *set, enum bm_phase phase,
					    enum bm_measure m, const char *cohort,
					    enum bm_period want, int32_t *value100, bool *derived);
/* The benchmark phase of a school's phase ("secondary"); all phases when
 * it is not one. */
enum bm_phase benchmarks_phase_of(const char *school_phase);

#endif
