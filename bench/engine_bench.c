/* The engine's side of `make bench`: start-up (engine_open: calendar,
 * pupils and every mark from the store into the matrix) and the full-year
 * query (figures for every pupil, the summary, and FSM x year group), timed
 * in-process over many repetitions; the figures are written for the
 * harness to compare with the SQL peers'.
 *
 * usage: engine_bench DB [--reps N] [--startups K] [--check FILE] [--no-snapshot]
 * --no-snapshot: load by reading every mark, as the first start does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "app/clock.h"
#include "bench_util.h"
#include "core/stats.h"
#include "engine/engine.h"

#define N_YEARS (YEAR_MAX - YEAR_MIN + 1)

struct result {
	struct figures *figs; /* per row */
	struct group_figures all;
	struct group_figures groups[2 * N_YEARS]; /* fsm x year */
};

static void query(const struct engine *e, int c0, int c1, struct result *res)
{
	memset(&res->all, 0, sizeof res->all);
	memset(res->groups, 0, sizeof res->groups);
	const struct matrix *m = &e->m;
	for (int r = 0; r < m->n_rows; r++) {
		if (!stats_on_roll(&m->rows[r], c0, c1))
			continue;
		struct figures *f = &res->figs[r];
		stats_row(m, r, c0, c1, f);
		stats_add(&res->all, f);
		stats_add(&res->groups[m->rows[r].fsm * N_YEARS + m->rows[r].year - YEAR_MIN], f);
	}
}

static long long pct(long long num, long long den)
{
	return stats_pct100(num, den);
}

/* The same lines, columns and order as the scripts in bench/sql/ produce. */
static void write_check(FILE *out, const struct engine *e, int c0, int c1, const struct result *res)
{
	const struct matrix *m = &e->m;
	for (int r = 0; r < m->n_rows; r++) {
		if (!stats_on_roll(&m->rows[r], c0, c1))
			continue;
		const struct figures *f = &res->figs[r];
		int band = stats_band(f);
		fprintf(out, "P %s %d %lld %lld %d %d %d %d %d\n", m->rows[r].upn, f->possible,
			(long long)stats_attendance(f), (long long)stats_absence(f), f->authorised,
			f->unauthorised, stats_persistent(f), stats_severe(f),
			band == BAND_NONE ? -2 : band == BAND_TOO_FEW ? -1 : band);
	}
	const struct group_figures *g = &res->all;
	long long absence = g->authorised + g->unauthorised;
	fprintf(out, "S %d %d %lld %lld %lld %lld %lld %lld %d %lld %d %lld", g->pupils,
		g->pupils_with_possible, (long long)g->possible, (long long)(g->present + g->approved),
		absence, (long long)g->authorised, (long long)g->unauthorised, pct(absence, g->possible),
		g->persistent, pct(g->persistent, g->pupils_with_possible), g->severe,
		pct(g->severe, g->pupils_with_possible));
	for (int b = 0; b < BAND__MAX; b++)
		fprintf(out, " %d", g->bands[b]);
	fprintf(out, " %d\n", g->too_few_sessions);
	for (int k = 0; k < 2 * N_YEARS; k++) {
		const struct group_figures *x = &res->groups[k];
		if (!x->pupils)
			continue;
		long long a = x->authorised + x->unauthorised;
		fprintf(out, "G %d %s %d %lld %lld %lld %d %lld %d\n", k / N_YEARS,
			year_name(k % N_YEARS + YEAR_MIN), x->pupils, (long long)x->possible, a,
			pct(a, x->possible), x->persistent, pct(x->persistent, x->pupils_with_possible),
			x->severe);
	}
}

int main(int argc, char **argv)
{
	const char *db = NULL, *check = NULL;
	int reps = 20, startups = 3;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (strcmp(argv[i], "--startups") == 0 && i + 1 < argc)
			startups = atoi(argv[++i]);
		else if (strcmp(argv[i], "--check") == 0 && i + 1 < argc)
			check = argv[++i];
		else if (strcmp(argv[i], "--no-snapshot") == 0)
			engine_snapshot_min_cells = -1;
		else if (!db)
			db = argv[i];
	}
	if (!db || reps < 1 || startups < 1) {
		fprintf(stderr, "usage: engine_bench DB [--reps N] [--startups K] [--check FILE]\n");
		return 2;
	}
	clock_init();
	struct store *s;
	char msg[512];
	if (store_open(db, &s, msg, sizeof msg) < 0) {
		fprintf(stderr, "engine_bench: %s\n", msg);
		return 1;
	}
	struct engine e;
	struct app_error err = {0};
	double *t = calloc((size_t)(reps > startups ? reps : startups), sizeof *t);
	for (int k = 0; k < startups; k++) {
		if (k > 0)
			engine_close(&e);
		double t0 = bench_now_ms();
		if (engine_open(&e, s, NULL, &err) < 0) {
			fprintf(stderr, "engine_bench: %s\n", err.message);
			return 1;
		}
		t[k] = bench_now_ms() - t0;
	}
	printf("startup_ms %.1f\n", bench_median(t, startups));
	printf("from_snapshot %d marks_read %lld\n", e.from_snapshot, e.marks_read);
	/* The latest academic year of the calendar, 1 August to 31 July. */
	int ay = date_academic_year(e.cal.school_days[e.cal.n_school_days - 1]);
	int c0, c1;
	stats_cols(&e.cal, date_from_ymd(ay, 8, 1), date_from_ymd(ay + 1, 7, 31), &c0, &c1);
	struct result res;
	res.figs = calloc((size_t)e.m.n_rows + 1, sizeof *res.figs);
	for (int k = 0; k < reps; k++) {
		double t0 = bench_now_ms();
		query(&e, c0, c1, &res);
		t[k] = bench_now_ms() - t0;
	}
	printf("query_ms %.3f\n", bench_median(t, reps));
	printf("rows %d cols %d cells %lld\n", e.m.n_rows, c1 - c0, (long long)e.m.n_rows * (c1 - c0));
	if (check) {
		FILE *f = fopen(check, "w");
		if (!f) {
			perror(check);
			return 1;
		}
		write_check(f, &e, c0, c1, &res);
		fclose(f);
	}
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("maxrss_kb %ld\n", ru.ru_maxrss);
	/* What the engine holds for the register: cells, per-pupil records
	 * (with names and forms), minutes late. */
	long long bytes = (long long)e.m.n_rows * e.m.n_cols +
			  (long long)e.m.cap_rows * (sizeof(struct pupil_row) + sizeof(struct late_list));
	for (int r = 0; r < e.m.n_rows; r++)
		bytes += (long long)e.m.late[r].cap * sizeof(struct late_entry) +
			 (long long)strlen(e.m.rows[r].surname) + strlen(e.m.rows[r].forename) + 2;
	printf("matrix_bytes %lld\n", bytes);
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	printf("school %lld from %s to %s\n", (long long)e.school.id,
	       date_format(date_from_ymd(ay, 8, 1), from), date_format(date_from_ymd(ay + 1, 7, 31), to));
	free(res.figs);
	free(t);
	engine_close(&e);
	store_close(s);
	return 0;
}
