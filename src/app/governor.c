#include "app/governor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dash_charts.h"
#include "app/report.h"
#include "core/disclosure.h"

/* ---- tables ---- */

static int table_init(struct gov_table *t, const char *id, const char *title, int rows, int cols)
{
	memset(t, 0, sizeof *t);
	snprintf(t->id, sizeof t->id, "%s", id);
	snprintf(t->title, sizeof t->title, "%s", title);
	t->n_rows = rows;
	t->n_cols = cols;
	t->head = calloc((size_t)cols + 1, sizeof *t->head);
	t->row_head = calloc((size_t)rows + 1, sizeof *t->row_head);
	t->cell = calloc((size_t)(rows * cols) + 1, sizeof *t->cell);
	return t->head && t->row_head && t->cell ? 0 : -1;
}

static void table_free(struct gov_table *t)
{
	free(t->head);
	free(t->row_head);
	free(t->cell);
	memset(t, 0, sizeof *t);
}

static void heads(struct gov_table *t, const char *const *names)
{
	for (int c = 0; c < t->n_cols; c++)
		snprintf(t->head[c], sizeof t->head[c], "%s", names[c]);
}

/* A cell showing a percentage (hundredths); "–" when there is none. */
static void set_pct(struct gov_cell *c, const char *key, int64_t pct100)
{
	c->kind = FIG_PCT;
	c->value = pct100;
	snprintf(c->key, sizeof c->key, "%s", key ? key : "");
	if (pct100 < 0)
		snprintf(c->text, sizeof c->text, "–");
	else
		wording_pct(pct100, c->text, sizeof c->text);
}

static void set_pp(struct gov_cell *c, const char *key, int64_t pp100)
{
	c->kind = FIG_PP;
	c->value = pp100;
	snprintf(c->key, sizeof c->key, "%s", key ? key : "");
	report_pp_text(c->text, sizeof c->text, pp100);
}

static void set_count(struct gov_cell *c, const char *key, int64_t n)
{
	c->value = n;
	snprintf(c->key, sizeof c->key, "%s", key ? key : "");
	wording_count(n, c->text, sizeof c->text);
}

static void set_hidden(struct gov_cell *c, const char *text)
{
	memset(c, 0, sizeof *c);
	snprintf(c->text, sizeof c->text, "%s", text);
}

/* "12.3% (40 pupils)", or hidden for 1 to 5 pupils. */
static void set_pupil_rate(struct gov_cell *c, const char *key, int64_t count, int64_t with_possible)
{
	if (disclosure_small(count)) {
		set_hidden(c, GOV_HIDDEN);
		return;
	}
	set_pct(c, key, stats_pct100(count, with_possible));
	if (with_possible > 0) {
		size_t l = strlen(c->text);
		snprintf(c->text + l, sizeof c->text - l, " (%lld)", (long long)count);
	}
}

/* Notes the source of a benchmark used, once. */
static void source(struct governor_report *g, const struct benchmark *b)
{
	char d[160], line[480];
	if (!b)
		return;
	snprintf(line, sizeof line, "%s: %s. ", bm_describe(b, d, sizeof d), b->source);
	if (!strstr(g->sources, line))
		strncat(g->sources, line, sizeof g->sources - strlen(g->sources) - 1);
}

/* The national figure of a measure (full year) into *v, noting its source. */
static const struct benchmark *national(struct governor_report *g, const struct benchmark_set *b,
					enum bm_phase phase, enum bm_measure m, const char *cohort,
					int32_t *v)
{
	bool derived;
	const struct benchmark *x = benchmarks_national(b, phase, m, cohort, BM_FULL_YEAR, v, &derived);
	source(g, x);
	return x;
}

static const enum period headline_periods[] = {PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM,
					       PERIOD_THIS_TERM, PERIOD_THIS_YEAR,
					       PERIOD_SAME_POINT_LAST_YEAR};
static const char *const headline_labels[] = {"This half-term to date", "Last half-term",
					      "This term to date", "This year to date",
					      "Same point last year"};
#define N_HEADLINE 5

static int headline(struct governor_report *g, const struct dash *d,
		    const struct benchmark_set *b, enum bm_phase phase)
{
	static const char *const cols[] = {"Attendance",	   "Absence",
					   "Authorised absence",   "Unauthorised absence",
					   "Persistent absence",   "Severe absence"};
	struct gov_table *t = &g->table[GOV_T_HEADLINE];
	if (table_init(t, "headline", "Attendance by period", N_HEADLINE + 1, 6) < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "Persistent absence: pupils missing 10%% or more of their possible sessions; severe: "
		 "50%% or more (their number in brackets). National: the latest published full-year "
		 "figures for %s schools.",
		 phase == BM_PHASE_ALL ? "all" : bm_phase_name(phase));
	for (int i = 0; i < N_HEADLINE; i++) {
		enum period p = headline_periods[i];
		const struct group_figures *x = &d->t.school.period[p];
		char k[48];
		const char *pn = period_name(p);
		snprintf(t->row_head[i], sizeof t->row_head[i], "%s", headline_labels[i]);
		if (!d->t.per.has[p]) {
			for (int c = 0; c < 6; c++)
				set_hidden(gov_cell(t, i, c), "–");
			continue;
		}
		snprintf(k, sizeof k, "g.%s.attendance_pct", pn);
		set_pct(gov_cell(t, i, 0), k, stats_pct100(x->present + x->approved, x->possible));
		snprintf(k, sizeof k, "g.%s.absence_pct", pn);
		set_pct(gov_cell(t, i, 1), k, stats_pct100(x->authorised + x->unauthorised, x->possible));
		snprintf(k, sizeof k, "g.%s.authorised_pct", pn);
		set_pct(gov_cell(t, i, 2), k, stats_pct100(x->authorised, x->possible));
		snprintf(k, sizeof k, "g.%s.unauthorised_pct", pn);
		set_pct(gov_cell(t, i, 3), k, stats_pct100(x->unauthorised, x->possible));
		snprintf(k, sizeof k, "g.%s.persistent_pct", pn);
		set_pupil_rate(gov_cell(t, i, 4), k, x->persistent, x->pupils_with_possible);
		snprintf(k, sizeof k, "g.%s.severe_pct", pn);
		set_pupil_rate(gov_cell(t, i, 5), k, x->severe, x->pupils_with_possible);
	}
	int n = N_HEADLINE;
	snprintf(t->row_head[n], sizeof t->row_head[n], "National");
	static const enum bm_measure ms[] = {BM_ATTENDANCE, BM_ABSENCE, BM_AUTHORISED,
					     BM_UNAUTHORISED, BM_PERSISTENT, BM_SEVERE};
	static const char *const keys[] = {"attendance_pct", "absence_pct", "authorised_pct",
					   "unauthorised_pct", "persistent_pct", "severe_pct"};
	for (int c = 0; c < 6; c++) {
		char k[48];
		int32_t x;
		snprintf(k, sizeof k, "n.%s", keys[c]);
		if (national(g, b, phase, ms[c], "all", &x))
			set_pct(gov_cell(t, n, c), k, x);
		else
			set_hidden(gov_cell(t, n, c), "–");
	}
	return 0;
}

/* Half-terms of one academic year, in order: indexes into cal->half_terms. */
static int half_terms_of(const struct calendar *cal, int year, int *out, int max)
{
	int n = 0;
	for (int h = 0; h < cal->n_half_terms && n < max; h++)
		if (date_academic_year(cal->half_terms[h].start) == year)
			out[n++] = h;
	return n;
}

static int half_term_table(struct governor_report *g, const struct dash *d)
{
	const struct calendar *cal = &d->e->cal;
	int year = date_academic_year(d->a.q.to), now[12], before[12];
	int n = half_terms_of(cal, year, now, 12), nb = half_terms_of(cal, year - 1, before, 12);
	struct gov_table *t = &g->table[GOV_T_HALF_TERMS];
	static const char *const cols[] = {"This year", "Last year", "Change (points)"};
	if (table_init(t, "half-terms", "Attendance half-term by half-term", n, 3) < 0 ||
	    chart_init(&g->chart[GOV_C_HALF_TERMS], CHART_BARS, "gov-half-terms", n, 2) < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "Each half-term this year to date beside the same half-term of last year. "
		 "Persistent and severe absence are in the table of periods above: over a half-term "
		 "or longer.");
	struct chart *c = &g->chart[GOV_C_HALF_TERMS];
	c->pct = true;
	c->y_min = 8000;
	c->y_max = 10000;
	snprintf(c->title, sizeof c->title, "Attendance by half-term, this year and last");
	snprintf(c->desc, sizeof c->desc,
		 "Attendance in each half-term of this year to date (solid) beside the same half-term "
		 "of last year (hatched).");
	chart_series(c, 0, "This year", PAL_BLUE, FILL_SOLID);
	chart_series(c, 1, "Last year", PAL_ORANGE, FILL_HATCH);
	for (int i = 0; i < n; i++) {
		const struct tally *x = &d->t.half_term[now[i]];
		const struct tally *y = i < nb ? &d->t.half_term[before[i]] : NULL;
		const char *label = cal->half_terms[now[i]].label;
		char k[48];
		snprintf(t->row_head[i], sizeof t->row_head[i], "%s", label[0] ? label : "Half-term");
		snprintf(c->cat[i], sizeof c->cat[i], "%s", t->row_head[i]);
		int64_t a = stats_pct100(tally_attendance(x), tally_possible(x));
		int64_t b = y ? stats_pct100(tally_attendance(y), tally_possible(y)) : -1;
		snprintf(k, sizeof k, "h.%d.attendance_pct", i + 1);
		set_pct(gov_cell(t, i, 0), k, a);
		snprintf(k, sizeof k, "h.%d.last_year_pct", i + 1);
		set_pct(gov_cell(t, i, 1), k, b);
		set_pp(gov_cell(t, i, 2), NULL,
		       y ? groups_diff_pp100(tally_attendance(x), tally_possible(x), tally_attendance(y),
					     tally_possible(y))
			 : PP_NONE);
		*chart_v(c, i, 0) = a < 0 ? CHART_NONE : a;
		*chart_v(c, i, 1) = b < 0 ? CHART_NONE : b;
	}
	return 0;
}

static int bands_table(struct governor_report *g, const struct dash *d,
		       const struct benchmark_set *b, enum bm_phase phase)
{
	const struct group_figures *x = &d->t.school.range;
	struct gov_table *t = &g->table[GOV_T_BANDS];
	static const char *const cols[] = {"Pupils", "Share", "National share"};
	if (table_init(t, "bands", "Pupils by absence band", BAND__MAX, 3) < 0 ||
	    chart_init(&g->chart[GOV_C_BANDS], CHART_BARS, "gov-bands", BAND__MAX, 2) < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "Pupils with at least %d possible sessions, by the share of them they missed. 10%% "
		 "and more is persistent absence, 50%% and more severe.",
		 BAND_MIN_POSSIBLE);
	struct chart *c = &g->chart[GOV_C_BANDS];
	c->pct = true;
	snprintf(c->title, sizeof c->title, "Pupils by absence band: the school and nationally");
	snprintf(c->desc, sizeof c->desc,
		 "The share of pupils in each absence band this year to date (solid) beside the "
		 "national share for the phase (hatched); bands with fewer than 6 pupils are not shown.");
	chart_series(c, 0, "School", PAL_BLUE, FILL_SOLID);
	chart_series(c, 1, "National", PAL_BLACK, FILL_HATCH);
	int64_t counts[BAND__MAX], banded = 0;
	bool hidden[BAND__MAX];
	for (int i = 0; i < BAND__MAX; i++)
		banded += counts[i] = x->bands[i];
	disclosure_suppress(counts, BAND__MAX, hidden);
	for (int i = 0; i < BAND__MAX; i++) {
		char k[48], cohort[BM_COHORT_MAX];
		snprintf(t->row_head[i], sizeof t->row_head[i], "%s%%", stats_band_label(i));
		snprintf(c->cat[i], sizeof c->cat[i], "%s", stats_band_label(i));
		if (hidden[i]) {
			set_hidden(gov_cell(t, i, 0), GOV_HIDDEN);
			set_hidden(gov_cell(t, i, 1), GOV_HIDDEN);
			chart_set_note(c, i, 0, GOV_HIDDEN);
		} else {
			snprintf(k, sizeof k, "band.%s.count", stats_band_label(i));
			set_count(gov_cell(t, i, 0), k, counts[i]);
			snprintf(k, sizeof k, "band.%s.share_pct", stats_band_label(i));
			int64_t share = stats_pct100(counts[i], banded);
			set_pct(gov_cell(t, i, 1), k, share);
			*chart_v(c, i, 0) = share < 0 ? CHART_NONE : share;
		}
		snprintf(cohort, sizeof cohort, "band=%s", stats_band_label(i));
		int32_t nv;
		if (national(g, b, phase, BM_BAND_SHARE, cohort, &nv)) {
			snprintf(k, sizeof k, "n.band.%s", stats_band_label(i));
			set_pct(gov_cell(t, i, 2), k, nv);
			*chart_v(c, i, 1) = nv;
		} else {
			set_hidden(gov_cell(t, i, 2), "–");
		}
	}
	return 0;
}

static int cohorts_table(struct governor_report *g, const struct dash *d,
			 const struct benchmark_set *b, enum bm_phase phase)
{
	const struct group_figures *all = &d->t.school.range;
	struct gov_table *t = &g->table[GOV_T_COHORTS];
	static const char *const cols[] = {"Pupils",	     "Absence",	     "Rest of school",
					   "Gap (points)",   "Persistent absence", "National absence"};
	if (table_init(t, "cohorts", "Cohorts against the rest of the school", dash_n_cohorts, 6) < 0 ||
	    dash_chart_cohorts(&g->chart[GOV_C_COHORTS], "gov-cohorts") < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "The gap is the cohort's absence rate minus the rest of the school's, in percentage "
		 "points (positive: the cohort misses more). A cohort of fewer than 6 pupils, or with "
		 "fewer than 6 pupils outside it, is not shown.");
	struct chart *c = &g->chart[GOV_C_COHORTS];
	snprintf(c->desc, sizeof c->desc,
		 "Absence of each cohort this year to date (solid), of the rest of the school (dotted) "
		 "and nationally where published (hatched).");
	for (int i = 0; i < dash_n_cohorts; i++) {
		const struct dash_cohort *co = &dash_cohorts[i];
		const struct group_figures *x = dash_cohort_sums(d, co);
		char k[64];
		snprintf(t->row_head[i], sizeof t->row_head[i], "%s", co->label);
		int32_t nv;
		if (national(g, b, phase, BM_ABSENCE, co->cohort, &nv)) {
			snprintf(k, sizeof k, "n.%s.absence_pct", co->cohort);
			set_pct(gov_cell(t, i, 5), k, nv);
			*chart_v(c, i, 2) = nv;
		} else {
			set_hidden(gov_cell(t, i, 5), "–");
		}
		struct group_figures rest;
		if (x)
			group_figures_sub(&rest, all, x);
		if (!x || x->pupils < GOV_MIN_PUPILS || rest.pupils < GOV_MIN_PUPILS) {
			set_hidden(gov_cell(t, i, 0), x ? GOV_HIDDEN : "0");
			for (int col = 1; col < 5; col++)
				set_hidden(gov_cell(t, i, col), x ? GOV_HIDDEN : "–");
			if (x)
				chart_set_note(c, i, 0, GOV_HIDDEN);
			continue;
		}
		struct cohort_gap gap;
		groups_cohort_gap(x, all, &gap);
		int64_t abs = stats_pct100(x->authorised + x->unauthorised, x->possible);
		int64_t rabs = stats_pct100(rest.authorised + rest.unauthorised, rest.possible);
		snprintf(k, sizeof k, "c.%s.pupils", co->cohort);
		set_count(gov_cell(t, i, 0), k, x->pupils);
		snprintf(k, sizeof k, "c.%s.absence_pct", co->cohort);
		set_pct(gov_cell(t, i, 1), k, abs);
		set_pct(gov_cell(t, i, 2), NULL, rabs);
		snprintf(k, sizeof k, "c.%s.gap_absence_pp", co->cohort);
		set_pp(gov_cell(t, i, 3), k, gap.absence_pp100);
		snprintf(k, sizeof k, "c.%s.persistent_pct", co->cohort);
		set_pupil_rate(gov_cell(t, i, 4), k, x->persistent, x->pupils_with_possible);
		*chart_v(c, i, 0) = abs < 0 ? CHART_NONE : abs;
		*chart_v(c, i, 1) = rabs < 0 ? CHART_NONE : rabs;
	}
	return 0;
}

static int years_table(struct governor_report *g, const struct dash *d)
{
	const struct trends_grouping *gg = dash_groups(d, DG_YEAR);
	int n = gg ? gg->gr.n : 0;
	struct gov_table *t = &g->table[GOV_T_YEARS];
	static const char *const cols[] = {"Pupils", "This half-term", "Since last half-term (points)",
					   "Year to date", "Persistent absence"};
	if (table_init(t, "years", "Year groups", n, 5) < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "Attendance of each year group; a year group of fewer than 6 pupils is not shown.");
	for (int s = 0; s < n; s++) {
		const struct trend_sums *x = &gg->sums[s];
		const char *year = year_name(gg->gr.slot_key[s] + YEAR_MIN);
		char k[48];
		snprintf(t->row_head[s], sizeof t->row_head[s], "Year %s", year);
		if (x->range.pupils < GOV_MIN_PUPILS) {
			set_hidden(gov_cell(t, s, 0), x->range.pupils ? GOV_HIDDEN : "0");
			for (int c = 1; c < 5; c++)
				set_hidden(gov_cell(t, s, c), x->range.pupils ? GOV_HIDDEN : "–");
			continue;
		}
		struct trend_change ch;
		trends_period_change(x->period, PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM, &ch);
		snprintf(k, sizeof k, "y.%s.pupils", year);
		set_count(gov_cell(t, s, 0), k, x->range.pupils);
		snprintf(k, sizeof k, "y.%s.half_term_pct", year);
		set_pct(gov_cell(t, s, 1), k, ch.now_pct100);
		set_pp(gov_cell(t, s, 2), NULL, ch.change_pp100);
		snprintf(k, sizeof k, "y.%s.attendance_pct", year);
		set_pct(gov_cell(t, s, 3), k,
			stats_pct100(x->range.present + x->range.approved, x->range.possible));
		snprintf(k, sizeof k, "y.%s.persistent_pct", year);
		set_pupil_rate(gov_cell(t, s, 4), k, x->range.persistent, x->range.pupils_with_possible);
	}
	return 0;
}

static int days_table(struct governor_report *g, const struct dash *d)
{
	struct pattern p;
	struct dash_part parts[DASH_PARTS];
	trends_school_pattern(&d->t, &p);
	dash_pattern_parts(&p, parts);
	struct gov_table *t = &g->table[GOV_T_DAYS];
	static const char *const cols[] = {"Absence", "Share of all absence"};
	if (table_init(t, "days", "Where absence falls", DASH_PARTS, 2) < 0 ||
	    dash_chart_parts(&g->chart[GOV_C_DAYS], "gov-days", parts) < 0)
		return -1;
	heads(t, cols);
	snprintf(t->note, sizeof t->note,
		 "Absence rate on each weekday, in mornings and afternoons, and on the school days "
		 "just before and after a holiday.");
	snprintf(g->chart[GOV_C_DAYS].desc, sizeof g->chart[GOV_C_DAYS].desc,
		 "The absence rate on each weekday, in mornings and afternoons, and next to holidays, "
		 "this year to date.");
	for (int i = 0; i < DASH_PARTS; i++) {
		char k[48];
		snprintf(t->row_head[i], sizeof t->row_head[i], "%s", parts[i].name);
		snprintf(k, sizeof k, "d.%s.absence_pct", parts[i].key);
		set_pct(gov_cell(t, i, 0), k, stats_pct100(tally_absence(parts[i].t), tally_possible(parts[i].t)));
		snprintf(k, sizeof k, "d.%s.share_pct", parts[i].key);
		set_pct(gov_cell(t, i, 1), k, stats_pct100(tally_absence(parts[i].t), tally_absence(&p.total)));
	}
	char text[160];
	const struct tally *x = &p.total;
	snprintf(g->lateness, sizeof g->lateness,
		 "%lld late arrivals before the register closed and %lld after it closed: %s of "
		 "learning.",
		 (long long)x->n[TB_LATE_BEFORE], (long long)x->n[TB_LATE_AFTER],
		 wording_minutes_lost(x->minutes_late, &d->a.words, text, sizeof text));
	return 0;
}

static int weekly_chart(struct governor_report *g, const struct dash *d,
			const struct benchmark_set *b, enum bm_phase phase)
{
	int32_t att;
	struct chart *c = &g->chart[GOV_C_WEEKLY];
	if (dash_chart_weekly(c, d, "gov-weekly", -1,
			      national(g, b, phase, BM_ATTENDANCE, "all", &att) ? att : -1) < 0)
		return -1;
	snprintf(c->desc, sizeof c->desc,
		 "Attendance of each school week of the year to date, against 90%% and the national "
		 "figure.");
	return 0;
}

/* A school too small to report without identifying pupils: every figure hidden. */
static void hide_all(struct governor_report *g)
{
	for (int i = 0; i < GOV_T__MAX; i++)
		for (int k = 0; k < g->table[i].n_rows * g->table[i].n_cols; k++)
			set_hidden(&g->table[i].cell[k], GOV_HIDDEN);
	for (int i = 0; i < GOV_C__MAX; i++)
		for (int k = 0; k < g->chart[i].n_cat * g->chart[i].n_series; k++)
			g->chart[i].v[k] = CHART_NONE;
	snprintf(g->lateness, sizeof g->lateness, "Fewer than 6 pupils: no figures are shown.");
}

int governor_build(const struct engine *e, const struct analytics_query *a,
		   const struct benchmark_set *bench, struct governor_report *g)
{
	memset(g, 0, sizeof *g);
	struct analytics_query q = *a;
	q.q.identify_pupils = false;
	q.upn = NULL;
	struct dash d;
	if (dash_compute(e, &q, DASH_SUMMARY | DASH_GROUPS | DASH_COHORTS | DASH_PATTERNS | DASH_HALF_TERMS, &d) < 0)
		return -1;
	enum bm_phase phase = benchmarks_phase_of(e->school.phase);
	char x[40], y[40];
	snprintf(g->school, sizeof g->school, "%s", e->school.name);
	wording_date(q.q.from, x, sizeof x);
	wording_date(q.q.to, y, sizeof y);
	snprintf(g->range, sizeof g->range, "%s to %s", x, y);
	int rc = headline(g, &d, bench, phase) < 0 || half_term_table(g, &d) < 0 ||
				 bands_table(g, &d, bench, phase) < 0 ||
				 cohorts_table(g, &d, bench, phase) < 0 || years_table(g, &d) < 0 ||
				 days_table(g, &d) < 0 || weekly_chart(g, &d, bench, phase) < 0
			 ? -1
			 : 0;
	if (rc == 0 && d.t.school.range.pupils < GOV_MIN_PUPILS)
		hide_all(g);
	dash_free(&d);
	if (rc < 0)
		governor_free(g);
	return rc;
}

void governor_free(struct governor_report *g)
{
	for (int i = 0; i < GOV_T__MAX; i++)
		table_free(&g->table[i]);
	for (int i = 0; i < GOV_C__MAX; i++)
		chart_free(&g->chart[i]);
}
