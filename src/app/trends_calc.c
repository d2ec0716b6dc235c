#include "app/trends_calc.h"

#include <stdlib.h>
#include <string.h>

void trends_result_free(struct trends_result *t)
{
	trends_weeks_free(&t->wl);
	segments_free(&t->seg);
	free(t->week_at);
	free(t->weekly);
	free(t->half_term);
	for (int i = 0; i < t->n_groupings; i++) {
		report_groups_free(&t->g[i].gr);
		free(t->g[i].sums);
		free(t->g[i].weekly_t);
	}
	free(t->cls);
	free(t->colcount);
	free(t->colmin);
	free(t->pupils);
	free(t->pupil_weekly);
	memset(t, 0, sizeof *t);
}

void trends_opts_of_query(const struct analytics_query *a, struct trends_opts *o)
{
	memset(o, 0, sizeof *o);
	o->weekly = true;
	o->pupil_weekly = true;
	struct group_spec g = a->q.by;
	if (g.n == 0 && a->q.group >= 0)
		group_spec_single(&g, (enum group_field)a->q.group);
	if (g.n > 0) {
		o->n_groupings = 1;
		o->grouping[0] = (struct trends_grouping_spec){g, TRENDS_ALL_PERIODS, true};
	}
}

/* Segments [a, b) of a row from its cumulative tallies (nothing if either
 * is -1), as a tally or as figures. */
static void seg_tally(const struct tally *cum, int a, int b, struct tally *out)
{
	if (a < 0 || b < 0)
		memset(out, 0, sizeof *out);
	else
		tally_between(cum, a, b, out);
}

static void seg_figures(const struct tally *cum, int a, int b, struct figures *f)
{
	struct tally t;
	seg_tally(cum, a, b, &t);
	tally_figures(&t, f);
}

/* The columns of a half-term up to the range's end. */
static void half_term_cols(const struct calendar *cal, int h, date_t to, int *c0, int *c1)
{
	const struct half_term *ht = &cal->half_terms[h];
	stats_cols(cal, ht->start, ht->end < to ? ht->end : to, c0, c1);
	if (*c1 < *c0)
		*c1 = *c0;
}

/* Whether a half-term is of the academic year of day or the one before:
 * the half-terms a report compares. */
static bool this_or_last_year(const struct calendar *cal, int h, date_t day)
{
	int y = date_academic_year(cal->half_terms[h].start), now = date_academic_year(day);
	return y == now || y == now - 1;
}

/* Cuts the columns at the range, every period, "before" and (when the
 * rows' weeks are wanted) every week; with half-terms, the columns of this
 * and last year's half-terms widen the span (they are counted by column). */
static int build_segments(struct trends_result *t, const struct calendar *cal, date_t to,
			  int before_c1, bool half_terms, bool weeks)
{
	int *b = malloc((size_t)(5 + 2 * PERIOD__MAX + 2 * t->wl.n) * sizeof *b);
	if (!b)
		return -1;
	int n = 0;
	b[n++] = t->c0;
	b[n++] = t->c1;
	b[n++] = before_c1;
	for (int k = 0; k < PERIOD__MAX; k++) {
		if (t->per.has[k]) {
			b[n++] = t->pc0[k];
			b[n++] = t->pc1[k];
		}
	}
	for (int w = 0; weeks && w < t->wl.n; w++) {
		b[n++] = t->wl.w[w].c0;
		b[n++] = t->wl.w[w].c1;
	}
	int lo = t->c0, hi = t->c1;
	for (int h = 0; half_terms && h < cal->n_half_terms; h++) {
		int c0, c1;
		half_term_cols(cal, h, to, &c0, &c1);
		if (!this_or_last_year(cal, h, to) || c1 <= c0)
			continue;
		lo = c0 < lo ? c0 : lo;
		hi = c1 > hi ? c1 : hi;
	}
	b[n++] = lo;
	b[n++] = hi;
	int rc = segments_build(&t->seg, b, n);
	free(b);
	t->week_at = malloc((size_t)(t->wl.n + 1) * sizeof *t->week_at);
	if (rc < 0 || !t->week_at)
		return -1;
	t->range_a = segments_at(&t->seg, t->c0);
	t->range_b = segments_at(&t->seg, t->c1);
	t->before_b = segments_at(&t->seg, before_c1);
	for (int k = 0; k < PERIOD__MAX; k++) {
		t->per_a[k] = t->per.has[k] ? segments_at(&t->seg, t->pc0[k]) : -1;
		t->per_b[k] = t->per.has[k] ? segments_at(&t->seg, t->pc1[k]) : -1;
	}
	/* weeks follow each other: a week's last column is the next one's first */
	for (int w = 0; weeks && w < t->wl.n; w++)
		t->week_at[w] = segments_at(&t->seg, t->wl.w[w].c0);
	if (weeks)
		t->week_at[t->wl.n] = segments_at(&t->seg, t->wl.n ? t->wl.w[t->wl.n - 1].c1 : t->c1);
	return 0;
}

static void change_of(const struct figures *now, const struct figures *before,
		      struct trend_change *c)
{
	trends_change(stats_attendance(now), now->possible, stats_attendance(before),
		      before->possible, TREND_MIN_CHANGE_PP100, c);
}

static void count_change(const struct trend_change *c, int32_t *declined, int32_t *improving)
{
	*declined += c->direction == TREND_DECLINED;
	*improving += c->direction == TREND_IMPROVING;
}

/* A pupil's figures for the sums, each classified once (flags, band). */
struct pupil_sums {
	const struct pupil_trend *p;
	const struct figures *pf; /* per period */
	const bool *on;           /* on roll in the period */
	struct figures_class pc[PERIOD__MAX], rc;
	bool briefing;
};

/* Adds one pupil to a set of sums (the school's or a group's): the periods
 * of the mask it is on roll in, and the range. */
static void add_pupil(struct trend_sums *s, const struct pupil_sums *x, unsigned periods)
{
	const struct pupil_trend *p = x->p;
	for (int k = 0; k < PERIOD__MAX; k++)
		if (x->on[k] && (periods & (1u << k)))
			stats_add_classified(&s->period[k], &x->pf[k], &x->pc[k]);
	if (p->row < 0)
		return; /* on roll in a period, not in the range */
	stats_add_classified(&s->range, &p->f, &x->rc);
	count_change(&p->week, &s->declined_week, &s->improving_week);
	count_change(&p->half, &s->declined_half, &s->improving_half);
	s->briefing += x->briefing;
	s->crossed_into_pa += p->pa_before == 0 && x->rc.persistent;
	s->crossed_out_of_pa += p->pa_before == 1 && !x->rc.persistent;
}

static int setup_groupings(struct trends_result *t, const struct engine *e,
			   const struct analytics_query *a, const struct trends_opts *o)
{
	int nw = t->wl.n;
	for (int i = 0; i < o->n_groupings && i < TRENDS_GROUPINGS_MAX; i++) {
		struct trends_grouping *g = &t->g[i];
		struct stats_query q = a->q;
		q.by = o->grouping[i].spec;
		t->n_groupings = i + 1;
		if (report_groups_init(&g->gr, e, &q) < 0)
			return -1;
		g->periods = o->grouping[i].periods;
		g->weekly = o->grouping[i].weekly;
		g->sums = calloc((size_t)g->gr.n + 1, sizeof *g->sums);
		if (!g->sums)
			return -1;
		if (g->weekly && !(g->weekly_t = calloc((size_t)(g->gr.n * nw + 1), sizeof *g->weekly_t)))
			return -1;
	}
	return 0;
}

/* The school's week-by-week tallies, pattern and half-terms from its
 * counts by column. */
static void from_columns(struct trends_result *t, const struct calendar *cal, date_t to, int nh)
{
	for (int w = 0; t->weekly && w < t->wl.n; w++) {
		for (int c = t->wl.w[w].c0; c < t->wl.w[w].c1; c++) {
			tally_add_counts(&t->weekly[w], t->colcount[c - t->col0]);
			t->weekly[w].minutes_late += t->colmin[c - t->col0];
		}
	}
	for (int c = t->c0; t->cls && c < t->c1; c++) {
		struct tally *x = &t->pattern_cls[t->cls[c - t->c0]];
		tally_add_counts(x, t->colcount[c - t->col0]);
		x->minutes_late += t->colmin[c - t->col0];
	}
	for (int h = 0; h < nh; h++) {
		int c0, c1;
		half_term_cols(cal, h, to, &c0, &c1);
		if (!this_or_last_year(cal, h, to))
			continue;
		for (int c = c0; c < c1; c++) {
			tally_add_counts(&t->half_term[h], t->colcount[c - t->col0]);
			t->half_term[h].minutes_late += t->colmin[c - t->col0];
		}
	}
}

int trends_compute(const struct engine *e, const struct analytics_query *a,
		   const struct trends_opts *o, struct trends_result *t)
{
	const struct calendar *cal = &e->cal;
	const struct matrix *m = &e->m;
	memset(t, 0, sizeof *t);
	stats_cols(cal, a->q.from, a->q.to, &t->c0, &t->c1);
	range_periods(cal, a->q.to, &t->per);
	for (int k = 0; o->periods && k < PERIOD__MAX; k++)
		t->per.has[k] &= (o->periods >> k) & 1;
	for (int k = 0; k < PERIOD__MAX; k++)
		if (t->per.has[k])
			stats_cols(cal, t->per.r[k].from, t->per.r[k].to, &t->pc0[k], &t->pc1[k]);
	/* "PA before": the range up to the end of last week */
	int before_c1 = t->c0;
	if (t->per.has[PERIOD_LAST_WEEK]) {
		int x0;
		stats_cols(cal, a->q.from, t->per.r[PERIOD_LAST_WEEK].to, &x0, &before_c1);
		if (before_c1 > t->c1)
			before_c1 = t->c1;
		if (before_c1 < t->c0)
			before_c1 = t->c0;
	}
	date_t target = range_last_school_day_of_year(cal, a->q.to);
	int nh = o->half_terms ? cal->n_half_terms : 0;
	/* Week segments only for what needs a row's weeks: the school's series
	 * and pattern come from its counts by column. */
	bool weeks = o->pupil_weekly;
	for (int i = 0; i < o->n_groupings; i++)
		weeks |= o->grouping[i].weekly;
	if (trends_weeks(cal, t->c0, t->c1, &t->wl) < 0 ||
	    build_segments(t, cal, a->q.to, before_c1, o->half_terms, weeks) < 0 ||
	    setup_groupings(t, e, a, o) < 0)
		goto fail;
	int nw = t->wl.n;
	if (o->weekly && !(t->weekly = calloc((size_t)nw + 1, sizeof *t->weekly)))
		goto fail;
	/* counts by column over every column a segment covers */
	t->col0 = t->seg.n ? t->seg.start[0] : t->c0;
	t->col1 = t->seg.n ? t->seg.start[t->seg.n] : t->c0;
	int span = t->col1 - t->col0;
	if ((o->weekly || o->patterns || o->half_terms) && span > 0 &&
	    (!(t->colcount = calloc((size_t)span, sizeof *t->colcount)) ||
	     !(t->colmin = calloc((size_t)span, sizeof *t->colmin))))
		goto fail;
	t->half_term = calloc((size_t)nh + 1, sizeof *t->half_term);
	int n_listed = 0;
	for (int r = 0; r < m->n_rows; r++)
		n_listed += analytics_visible(&a->q, r) && analytics_listed(e, a, r);
	t->pupils = malloc((size_t)(n_listed + 1) * sizeof *t->pupils);
	if (o->pupil_weekly)
		t->pupil_weekly = malloc((size_t)(n_listed * nw + 1) * 2 * sizeof *t->pupil_weekly);
	if (o->patterns && t->c1 > t->c0 && !(t->cls = patterns_classes(cal, t->c0, t->c1)))
		goto fail;
	struct tally *cum = malloc((size_t)(t->seg.n + 1) * sizeof *cum);
	if (!t->half_term || !t->pupils || (o->pupil_weekly && !t->pupil_weekly) || !cum)
		goto fail_cum;
	struct tally_plan plan;
	tally_plan_init(&plan);
	static const struct figures none;
	for (int r = 0; r < m->n_rows; r++) {
		if (!analytics_visible(&a->q, r))
			continue;
		const struct pupil_row *pr = &m->rows[r];
		bool listed = analytics_listed(e, a, r);
		/* The same pass counts the school's columns and, for a listed
		 * pupil's notes, their own cells by pattern class. */
		struct tally_extra x = {t->col0, t->col1, t->colcount, t->colmin,
					t->c0,	 t->c1,	  NULL,		NULL, NULL};
		uint32_t own_cc[PATTERN_CLASSES][CC__MAX];
		int64_t own_min[PATTERN_CLASSES];
		if (t->cls && listed) {
			memset(own_cc, 0, sizeof own_cc);
			memset(own_min, 0, sizeof own_min);
			x.cls = t->cls;
			x.counts = own_cc;
			x.minutes = own_min;
		}
		tally_row_cumulative_ex(&plan, m, r, &t->seg, cum, x.colcount || x.counts ? &x : NULL);
		struct figures pf[PERIOD__MAX];
		bool on[PERIOD__MAX];
		for (int k = 0; k < PERIOD__MAX; k++) {
			on[k] = t->per.has[k] && stats_on_roll(pr, t->pc0[k], t->pc1[k]);
			if (on[k])
				seg_figures(cum, t->per_a[k], t->per_b[k], &pf[k]);
			else
				pf[k] = none;
		}
		struct pupil_trend p = {.row = -1, .pa_before = -1};
		if (stats_on_roll(pr, t->c0, t->c1)) {
			p.row = r;
			seg_figures(cum, t->range_a, t->range_b, &p.f);
			change_of(&pf[PERIOD_THIS_WEEK], &pf[PERIOD_LAST_WEEK], &p.week);
			change_of(&pf[PERIOD_THIS_HALF_TERM], &pf[PERIOD_LAST_HALF_TERM], &p.half);
			struct figures fb;
			seg_figures(cum, t->range_a, t->before_b, &fb);
			if (fb.possible > 0)
				p.pa_before = stats_persistent(&fb);
			int32_t *pw = t->pupil_weekly ? &t->pupil_weekly[(size_t)t->n_pupils * nw * 2] : NULL;
			for (int w = 0; weeks && w < nw; w++) {
				struct tally wk;
				seg_tally(cum, t->week_at[w], t->week_at[w + 1], &wk);
				for (int i = 0; i < t->n_groupings; i++) {
					struct trends_grouping *g = &t->g[i];
					if (g->weekly && g->gr.n)
						tally_add(&g->weekly_t[g->gr.row_slot[r] * nw + w], &wk);
				}
				if (listed && pw) {
					pw[2 * w] = (int32_t)tally_attendance(&wk);
					pw[2 * w + 1] = (int32_t)tally_possible(&wk);
				}
			}
			if (t->cls) {
				t->pattern_pupils++;
				if (listed) {
					struct tally cls[PATTERN_CLASSES];
					struct pattern pat;
					memset(cls, 0, sizeof cls);
					for (int k = 0; k < PATTERN_CLASSES; k++) {
						tally_add_counts(&cls[k], own_cc[k]);
						cls[k].minutes_late = own_min[k];
					}
					patterns_fold(cls, &pat);
					p.n_notes = (uint8_t)patterns_notes(&pat, p.notes);
				}
			}
			if (listed) {
				if (target != DATE_INVALID) {
					trends_recovery(cal, pr, stats_attendance(&p.f), p.f.possible,
							a->q.to, target, RECOVERY_TARGET_PCT100, &p.rec);
					p.has_recovery = p.rec.below || p.rec.days_to_leave_pa > 0;
				}
				t->pupils[t->n_pupils++] = p;
			}
		}
		struct pupil_sums ps = {.p = &p, .pf = pf, .on = on};
		for (int k = 0; k < PERIOD__MAX; k++)
			if (on[k])
				stats_classify(&pf[k], &ps.pc[k]);
		if (p.row >= 0) {
			stats_classify(&p.f, &ps.rc);
			ps.briefing = trends_briefing(&p.f);
		}
		add_pupil(&t->school, &ps, TRENDS_ALL_PERIODS);
		for (int i = 0; i < t->n_groupings; i++) {
			struct trends_grouping *g = &t->g[i];
			if (g->gr.n)
				add_pupil(&g->sums[g->gr.row_slot[r]], &ps, g->periods);
		}
	}
	free(cum);
	if (t->colcount)
		from_columns(t, cal, a->q.to, nh);
	return 0;
fail_cum:
	free(cum);
fail:
	trends_result_free(t);
	return -1;
}

void trends_period_change(const struct group_figures *p, enum period now, enum period before,
			  struct trend_change *c)
{
	trends_change(p[now].present + p[now].approved, p[now].possible,
		      p[before].present + p[before].approved, p[before].possible,
		      TREND_MIN_CHANGE_PP100, c);
}

void trends_school_pattern(const struct trends_result *t, struct pattern *p)
{
	patterns_fold(t->pattern_cls, p);
}

bool trends_row_pattern(const struct engine *e, const struct trends_result *t, int row,
			struct pattern *p)
{
	if (!t->cls || !stats_on_roll(&e->m.rows[row], t->c0, t->c1))
		return false;
	struct tally_plan plan;
	struct tally cls[PATTERN_CLASSES];
	tally_plan_init(&plan);
	memset(cls, 0, sizeof cls);
	tally_row(&plan, &e->m, row, t->c0, t->c1, t->cls, cls);
	patterns_fold(cls, p);
	return true;
}
