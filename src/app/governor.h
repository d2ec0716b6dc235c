/* The governor report: aggregate figures only, termly and half-termly,
 * against last year and the national figures of the school's phase, with
 * charts. Built once into tables of text and charts, which the page
 * (web/page-governors.c) and the PDF (app/governor_pdf.c) both print, so
 * the small-number rule is applied in one place:
 *
 *   A figure about pupils rests on at least GOV_MIN_PUPILS (6) of them. A
 *   group (a cohort, a year group) of fewer than 6 pupils, or whose rest of
 *   the school is fewer than 6, shows "fewer than 6 pupils" and no figures;
 *   a count of 1 to 5 pupils (persistently or severely absent, in a band)
 *   shows "fewer than 6" and no rate; where one count of a set that adds up
 *   to a shown total is hidden, the next smallest is hidden too, so it
 *   cannot be worked out. Rates of sessions of groups of 6 or more are
 *   shown. No pupil's name or UPN is ever part of the report. */
#ifndef ATTEND_GOVERNOR_H
#define ATTEND_GOVERNOR_H

#include <stddef.h>

#include "app/benchmarks.h"
#include "app/chart.h"
#include "app/dash.h"
#include "core/disclosure.h"

#define GOV_MIN_PUPILS DISCLOSE_MIN_PUPILS
#define GOV_HIDDEN DISCLOSE_HIDDEN

struct gov_cell {
	char text[48];
	char key[48];  /* for machines (the page's data-k); "" for none */
	int64_t value; /* exact: hundredths of a percent (or point), or a count */
	enum fig_kind kind;
};

struct gov_table {
	char id[24], title[96], note[320];
	int n_rows, n_cols;
	char (*head)[48];     /* n_cols */
	char (*row_head)[64]; /* n_rows */
	struct gov_cell *cell; /* [row * n_cols + col] */
};

enum { GOV_T_HEADLINE, GOV_T_HALF_TERMS, GOV_T_BANDS, GOV_T_COHORTS, GOV_T_YEARS, GOV_T_DAYS,
       GOV_T__MAX };
enum { GOV_C_WEEKLY, GOV_C_HALF_TERMS, GOV_C_BANDS, GOV_C_COHORTS, GOV_C_DAYS, GOV_C__MAX };

struct governor_report {
	char school[160];
	char range[120];    /* "1 September 2025 to 20 March 2026" */
	char lateness[320]; /* a sentence */
	char sources[600];  /* where the national figures come from */
	struct gov_table table[GOV_T__MAX];
	struct chart chart[GOV_C__MAX];
};

/* The report of the school's rows over a->q's range (as of a->q.to). */
int governor_build(const struct engine *e, const struct analytics_query *a,
		   const struct benchmark_set *bench, struct governor_report *g);
void governor_free(struct governor_report *g);
static inline struct gov_cell *gov_cell(struct gov_table *t, int row, int col)
{
	return &t->cell[(size_t)row * (size_t)t->n_cols + (size_t)col];
}

/* The report as a PDF (A4, cairo and pango): *pdf malloc'd. -1 on failure. */
int governor_pdf(const struct governor_report *g, unsigned char **pdf, size_t *len);

#endif
