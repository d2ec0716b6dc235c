/* Benchmarks: published attendance figures (national, regional, local
 * authority, similar schools) a school compares itself with. They are
 * data, loaded from CSV files (scope,phase,year,period,measure,cohort,
 * value,source); this module holds their vocabulary, checks one record's
 * fields, and chooses the figure that fits a comparison best. */
#ifndef ATTEND_BENCHMARK_H
#define ATTEND_BENCHMARK_H

#include <stddef.h>
#include <stdint.h>

enum bm_scope { BM_NATIONAL, BM_REGIONAL, BM_LA, BM_SIMILAR, BM_SCOPE__MAX };
/* BM_PHASE_ALL: every phase together; the others are the schools' phases. */
enum bm_phase {
	BM_PHASE_ALL,
	BM_NURSERY,
	BM_PRIMARY,
	BM_SECONDARY,
	BM_ALL_THROUGH,
	BM_SPECIAL,
	BM_PHASE__MAX
};
enum bm_period { BM_AUTUMN, BM_SPRING, BM_SUMMER, BM_AUTUMN_SPRING, BM_FULL_YEAR, BM_PERIOD__MAX };
enum bm_measure {
	BM_ATTENDANCE,
	BM_ABSENCE,
	BM_AUTHORISED,
	BM_UNAUTHORISED,
	BM_PERSISTENT,
	BM_SEVERE,
	BM_BAND_SHARE, /* share of pupils in an absence band: cohort band=0-5 ... band=50+ */
	BM_MEASURE__MAX
};

#define BM_COHORT_MAX 24
#define BM_SOURCE_MAX 256

struct benchmark {
	enum bm_scope scope;
	enum bm_phase phase;
	int year; /* the academic year's first calendar year: 2023 for 2023/24 */
	enum bm_period period;
	enum bm_measure measure;
	char cohort[BM_COHORT_MAX]; /* "all", "fsm=Y", "send=E", "band=10-15", ... */
	int32_t value100;           /* hundredths of a percent: 7.5% is 750 */
	char source[BM_SOURCE_MAX];
};

const char *bm_scope_name(enum bm_scope s);     /* "national", "regional", "la", "similar" */
const char *bm_scope_label(enum bm_scope s);    /* "national", "regional", "local authority", ... */
const char *bm_phase_name(enum bm_phase p);     /* "all", "primary", ... */
const char *bm_period_name(enum bm_period p);   /* "autumn", ..., "full_year" */
const char *bm_period_label(enum bm_period p);  /* "autumn term", ..., "full year" */
const char *bm_measure_name(enum bm_measure m); /* "absence_pct", ... */
/* Each -1 when the text is not one of the names above. */
int bm_scope_parse(const char *text);
int bm_phase_parse(const char *text);
int bm_period_parse(const char *text);
int bm_measure_parse(const char *text);
/* "2023/24" (the second part the next year's last two digits); -1 otherwise. */
int bm_year_parse(const char *text, int *year);
/* A percentage from 0 to 100 with at most two decimals ("7.5", "19.40",
 * "100") into hundredths; -1 otherwise. */
int bm_value_parse(const char *text, int32_t *value100);
/* Checks a cohort against its measure and writes it in its canonical form
 * (field in lower case, value as the field writes it): "all", or
 * fsm|pp|eal=Y|N, send=N|K|E, gender=F|M|U, year=N1..14 for any measure
 * but band_share_pct, whose cohort is band=0-5 ... band=50+. Returns NULL,
 * or the rule broken. */
const char *bm_cohort_check(enum bm_measure m, const char *text, char out[BM_COHORT_MAX]);

/* The figure that fits a comparison best, or NULL: scope, measure and
 * cohort as asked; phase the school's own (preferred) or all phases; then
 * the period asked for, else the full year, else any; then the latest
 * year; where two sources publish the same figure, the first in v. */
const struct benchmark *bm_find(const struct benchmark *v, int n, enum bm_scope scope,
				enum bm_phase phase, enum bm_measure measure, const char *cohort,
				enum bm_period want);
/* "national (secondary schools), full year 2024/25" */
char *bm_describe(const struct benchmark *b, char *buf, size_t len);

#endif
