/* `attend trends`: week-by-week attendance, the dashboard periods (today,
 * this and last week, half-term, term, year, same point last year), the
 * declined/improving flags and who crossed into or out of persistent
 * absence, for the school, its groups and its pupils. Computed once into a
 * trends_result, then written as JSON or text. */
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "core/ranges.h"
#include "core/tally.h"
#include "core/trends.h"

#define RECOVERY_TARGET_PCT100 9000

struct pupil_trend {
	int row;
	struct figures f;  /* over the range */
	int8_t pa_before;  /* persistent over the range up to the end of last week; -1 unknown */
	struct trend_change week, half;
	bool has_recovery; /* under 90%, or at exactly 90% (still persistent absence) */
	struct recovery rec;
};

struct trend_sums {
	struct group_figures range;
	struct group_figures period[PERIOD__MAX];
	int32_t declined_week, improving_week, declined_half, improving_half;
	int32_t briefing, crossed_into_pa, crossed_out_of_pa;
};

struct trends_result {
	int c0, c1;
	struct periods per;
	int pc0[PERIOD__MAX], pc1[PERIOD__MAX];
	struct week_list wl;
	struct segments seg; /* every boundary below: one pass per row gives all */
	/* boundary indexes in seg (-1: an empty range) */
	int range_a, range_b, before_b, per_a[PERIOD__MAX], per_b[PERIOD__MAX];
	int *week_at; /* weeks + 1: week w is [week_at[w], week_at[w + 1]) */
	struct report_groups gr;
	struct trend_sums *sums; /* [0] the school, [1 + slot] its groups */
	struct tally *weekly;    /* [(0 or 1 + slot) * weeks + w] */
	struct pupil_trend *pupils;
	int32_t *pupil_weekly; /* [(i * weeks + w) * 2]: attendance, possible */
	int n_pupils;
};

static void trends_result_free(struct trends_result *t)
{
	trends_weeks_free(&t->wl);
	segments_free(&t->seg);
	free(t->week_at);
	report_groups_free(&t->gr);
	free(t->sums);
	free(t->weekly);
	free(t->pupils);
	free(t->pupil_weekly);
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

/* Cuts the columns at the range, every period, "before" and every week. */
static int build_segments(struct trends_result *t, int before_c1)
{
	int *b = malloc((size_t)(3 + 2 * PERIOD__MAX + 2 * t->wl.n) * sizeof *b);
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
	for (int w = 0; w < t->wl.n; w++) {
		b[n++] = t->wl.w[w].c0;
		b[n++] = t->wl.w[w].c1;
	}
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
	for (int w = 0; w < t->wl.n; w++)
		t->week_at[w] = segments_at(&t->seg, t->wl.w[w].c0);
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

/* Adds one pupil to a set of sums (the school's or a group's). */
static void add_pupil(struct trend_sums *s, const struct pupil_trend *p, const struct figures *pf,
		      const bool *on)
{
	for (int k = 0; k < PERIOD__MAX; k++)
		if (on[k])
			stats_add(&s->period[k], &pf[k]);
	if (p->row < 0)
		return; /* on roll in a period, not in the range */
	stats_add(&s->range, &p->f);
	count_change(&p->week, &s->declined_week, &s->improving_week);
	count_change(&p->half, &s->declined_half, &s->improving_half);
	s->briefing += trends_briefing(&p->f);
	bool pa = stats_persistent(&p->f);
	s->crossed_into_pa += p->pa_before == 0 && pa;
	s->crossed_out_of_pa += p->pa_before == 1 && !pa;
}

static int trends_compute(const struct engine *e, const struct analytics_query *a,
			  struct trends_result *t)
{
	const struct calendar *cal = &e->cal;
	const struct matrix *m = &e->m;
	memset(t, 0, sizeof *t);
	stats_cols(cal, a->q.from, a->q.to, &t->c0, &t->c1);
	range_periods(cal, a->q.to, &t->per);
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
	if (trends_weeks(cal, t->c0, t->c1, &t->wl) < 0 || build_segments(t, before_c1) < 0 ||
	    report_groups_init(&t->gr, e, &a->q) < 0)
		goto fail;
	int nw = t->wl.n, ns = 1 + t->gr.n;
	t->sums = calloc((size_t)ns, sizeof *t->sums);
	t->weekly = calloc((size_t)(ns * nw + 1), sizeof *t->weekly);
	int n_listed = 0;
	for (int r = 0; r < m->n_rows; r++)
		n_listed += analytics_visible(&a->q, r) && analytics_listed(e, a, r);
	t->pupils = malloc((size_t)(n_listed + 1) * sizeof *t->pupils);
	t->pupil_weekly = malloc((size_t)(n_listed * nw + 1) * 2 * sizeof *t->pupil_weekly);
	struct tally *cum = malloc((size_t)(t->seg.n + 1) * sizeof *cum);
	if (!t->sums || !t->weekly || !t->pupils || !t->pupil_weekly || !cum)
		goto fail_cum;
	struct tally_plan plan;
	tally_plan_init(&plan);
	for (int r = 0; r < m->n_rows; r++) {
		if (!analytics_visible(&a->q, r))
			continue;
		const struct pupil_row *pr = &m->rows[r];
		tally_row_cumulative(&plan, m, r, &t->seg, cum);
		struct figures pf[PERIOD__MAX];
		bool on[PERIOD__MAX];
		for (int k = 0; k < PERIOD__MAX; k++) {
			on[k] = t->per.has[k] && stats_on_roll(pr, t->pc0[k], t->pc1[k]);
			seg_figures(cum, t->per_a[k], on[k] ? t->per_b[k] : -1, &pf[k]);
		}
		struct pupil_trend p = {.row = -1, .pa_before = -1};
		int slot = t->gr.n ? t->gr.row_slot[r] : -1;
		if (stats_on_roll(pr, t->c0, t->c1)) {
			p.row = r;
			seg_figures(cum, t->range_a, t->range_b, &p.f);
			change_of(&pf[PERIOD_THIS_WEEK], &pf[PERIOD_LAST_WEEK], &p.week);
			change_of(&pf[PERIOD_THIS_HALF_TERM], &pf[PERIOD_LAST_HALF_TERM], &p.half);
			struct figures fb;
			seg_figures(cum, t->range_a, t->before_b, &fb);
			if (fb.possible > 0)
				p.pa_before = stats_persistent(&fb);
			bool listed = analytics_listed(e, a, r);
			int32_t *pw = &t->pupil_weekly[(size_t)t->n_pupils * nw * 2];
			for (int w = 0; w < nw; w++) {
				struct tally x;
				seg_tally(cum, t->week_at[w], t->week_at[w + 1], &x);
				tally_add(&t->weekly[w], &x);
				if (slot >= 0)
					tally_add(&t->weekly[(1 + slot) * nw + w], &x);
				if (listed) {
					pw[2 * w] = (int32_t)tally_attendance(&x);
					pw[2 * w + 1] = (int32_t)tally_possible(&x);
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
		add_pupil(&t->sums[0], &p, pf, on);
		if (slot >= 0)
			add_pupil(&t->sums[1 + slot], &p, pf, on);
	}
	free(cum);
	return 0;
fail_cum:
	free(cum);
fail:
	trends_result_free(t);
	return -1;
}

/* The change between two periods of a group's sums (the school's, a group's). */
static void period_change(const struct group_figures *p, enum period now, enum period before,
			  struct trend_change *c)
{
	trends_change(p[now].present + p[now].approved, p[now].possible,
		      p[before].present + p[before].approved, p[before].possible,
		      TREND_MIN_CHANGE_PP100, c);
}

/* ---- JSON ---- */

static json_t *change_json(const struct trend_change *c)
{
	const char *trend = trend_direction_name(c->direction);
	return json_pack("{s:o, s:o, s:o, s:o}", "now_pct", report_pct_json(c->now_pct100),
			 "before_pct", report_pct_json(c->before_pct100), "change_pp",
			 report_pp_json(c->change_pp100), "trend",
			 trend ? json_string(trend) : json_null());
}

static json_t *weekly_json(const struct tally *w, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		int64_t pos = tally_possible(&w[i]);
		json_array_append_new(
			a, json_pack("{s:I, s:I, s:I, s:o, s:o}", "possible", (json_int_t)pos,
				     "attendance", (json_int_t)tally_attendance(&w[i]), "absence",
				     (json_int_t)tally_absence(&w[i]), "attendance_pct",
				     report_pct_json(stats_pct100(tally_attendance(&w[i]), pos)),
				     "absence_pct",
				     report_pct_json(stats_pct100(tally_absence(&w[i]), pos))));
	}
	return a;
}

static json_t *sums_json(const struct trends_result *t, const struct trend_sums *s,
			 const struct tally *weekly)
{
	json_t *periods = json_object();
	for (int k = 0; k < PERIOD__MAX; k++)
		json_object_set_new(periods, period_name((enum period)k),
				    t->per.has[k] ? report_summary_json(&s->period[k]) : json_null());
	struct trend_change week, half;
	const struct group_figures *p = s->period;
	period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &week);
	period_change(p, PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM, &half);
	const struct group_figures *g = &s->range;
	return json_pack(
		"{s:i, s:o, s:o, s:o, s:o, s:o, s:{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}}",
		"pupils", g->pupils, "range", report_summary_json(g), "weekly",
		weekly_json(weekly, t->wl.n), "periods", periods, "week_change", change_json(&week),
		"half_term_change", change_json(&half), "counts", "at_risk", g->at_risk, "briefing",
		s->briefing, "persistent", g->persistent, "crossed_into_pa", s->crossed_into_pa,
		"crossed_out_of_pa", s->crossed_out_of_pa, "declined_week", s->declined_week,
		"improving_week", s->improving_week, "declined_half_term", s->declined_half,
		"improving_half_term", s->improving_half);
}

static json_t *recovery_json(const struct pupil_trend *p)
{
	if (!p->has_recovery)
		return json_null();
	const struct recovery *r = &p->rec;
	char text[320];
	return json_pack("{s:i, s:o, s:b, s:i, s:i, s:i, s:b, s:o, s:o, s:o, s:s}", "target_pct",
			 r->target_pct100 / 100, "by", analytics_date_json(r->target_day), "below",
			 r->below, "days_needed", r->days_needed, "days_to_leave_pa",
			 r->days_to_leave_pa, "school_days_left", r->days_left, "reachable",
			 r->reachable, "from", analytics_date_json(r->from_day), "reached_on",
			 analytics_date_json(r->reached_on), "best_pct", report_pct_json(r->best_pct100),
			 "text", wording_recovery(r, text, sizeof text));
}

static json_t *pupil_json(const struct engine *e, const struct trends_result *t, int i)
{
	const struct pupil_trend *p = &t->pupils[i];
	const struct figures *f = &p->f;
	json_t *weekly = json_array();
	const int32_t *pw = &t->pupil_weekly[(size_t)i * t->wl.n * 2];
	for (int w = 0; w < t->wl.n; w++)
		json_array_append_new(weekly, report_pct_json(stats_pct100(pw[2 * w], pw[2 * w + 1])));
	return analytics_merge(analytics_pupil_head(e, p->row), json_pack(
		"{s:i, s:o, s:o, s:b, s:o, s:b, s:b, s:o, s:o, s:o, s:o}", "possible", f->possible,
		"attendance_pct", report_pct_json(stats_pct100(stats_attendance(f), f->possible)),
		"absence_pct", report_pct_json(stats_pct100(stats_absence(f), f->possible)),
		"persistent", stats_persistent(f), "persistent_last_week",
		p->pa_before < 0 ? json_null() : json_boolean(p->pa_before), "at_risk",
		stats_at_risk(f), "briefing", trends_briefing(f), "week_change",
		change_json(&p->week), "half_term_change", change_json(&p->half),
		"weekly_attendance_pct", weekly, "recovery", recovery_json(p)));
}

json_t *report_trends_json(const struct engine *e, const struct analytics_query *a)
{
	struct trends_result t;
	if (trends_compute(e, a, &t) < 0)
		return NULL;
	json_t *weeks = json_array(), *periods = json_object(), *groups = json_array();
	for (int w = 0; w < t.wl.n; w++) {
		const struct week *wk = &t.wl.w[w];
		json_array_append_new(weeks, json_pack("{s:o, s:o, s:o, s:i, s:i}", "week",
						       analytics_date_json(wk->monday), "from",
						       analytics_date_json(wk->first), "to",
						       analytics_date_json(wk->last), "school_days",
						       wk->school_days, "skipped_before",
						       wk->skipped_before));
	}
	for (int k = 0; k < PERIOD__MAX; k++)
		json_object_set_new(periods, period_name((enum period)k),
				    t.per.has[k] ? json_pack("{s:o, s:o}", "from",
							     analytics_date_json(t.per.r[k].from),
							     "to", analytics_date_json(t.per.r[k].to))
						 : json_null());
	for (int s = 0; s < t.gr.n; s++) {
		const struct trend_sums *g = &t.sums[1 + s];
		if (g->range.pupils == 0)
			continue;
		json_array_append_new(groups, analytics_merge(report_group_head(&t.gr, &e->m, s),
							      sums_json(&t, g, &t.weekly[(1 + s) * t.wl.n])));
	}
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "from",
				analytics_date_json(a->q.from), "to", analytics_date_json(a->q.to),
				"weeks", weeks, "periods", periods, "school",
				sums_json(&t, &t.sums[0], t.weekly), "groups", groups, "pupils",
				json_array());
	json_t *pupils = json_object_get(out, "pupils");
	for (int i = 0; i < t.n_pupils; i++)
		json_array_append_new(pupils, pupil_json(e, &t, i));
	if (!a->q.identify_pupils)
		json_object_del(out, "pupils");
	trends_result_free(&t);
	return out;
}

/* ---- text ---- */

static const char *period_label(enum period k)
{
	static const char *labels[PERIOD__MAX] = {
		"Today",	  "This week to date", "Last week", "This half-term to date",
		"Last half-term", "This term to date", "This year to date", "Same point last year"};
	return labels[k];
}

static void change_text(char *buf, size_t len, const struct trend_change *c)
{
	char a[16], b[16], d[16];
	if (c->direction == TREND_UNKNOWN) {
		snprintf(buf, len, "no comparison");
		return;
	}
	report_pp_text(d, sizeof d, c->change_pp100);
	snprintf(buf, len, "%s -> %s (%s points, %s)", wording_pct(c->before_pct100, a, sizeof a),
		 wording_pct(c->now_pct100, b, sizeof b), d, trend_direction_name(c->direction));
}

static void school_text(FILE *out, const struct trends_result *t, const struct trend_sums *s)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN], p1[16], p2[16], ch[96];
	fprintf(out, "%-24s %-10s   %-10s %9s %11s %8s\n", "Period", "From", "To", "Possible",
		"Attendance", "Absence");
	for (int k = 0; k < PERIOD__MAX; k++) {
		if (!t->per.has[k])
			continue;
		const struct group_figures *g = &s->period[k];
		fprintf(out, "%-24s %s - %s %9lld %11s %8s\n", period_label((enum period)k),
			date_format(t->per.r[k].from, a), date_format(t->per.r[k].to, b),
			(long long)g->possible,
			wording_pct(stats_pct100(g->present + g->approved, g->possible), p1, sizeof p1),
			wording_pct(stats_pct100(g->authorised + g->unauthorised, g->possible), p2,
				    sizeof p2));
	}
	struct trend_change c;
	const struct group_figures *p = s->period;
	period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &c);
	change_text(ch, sizeof ch, &c);
	fprintf(out, "\nSince last week: %s; %d pupil%s declined, %d improved.\n", ch,
		s->declined_week, s->declined_week == 1 ? "" : "s", s->improving_week);
	period_change(p, PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM, &c);
	change_text(ch, sizeof ch, &c);
	fprintf(out, "Since last half-term: %s; %d pupil%s declined, %d improved.\n", ch,
		s->declined_half, s->declined_half == 1 ? "" : "s", s->improving_half);
	fprintf(out,
		"At risk (absence 5%% to under 10%%): %d; briefing group (5%% to under 15%%): %d; "
		"persistent absence: %d (%d crossed into it since last week, %d out of it).\n",
		s->range.at_risk, s->briefing, s->range.persistent, s->crossed_into_pa,
		s->crossed_out_of_pa);
}

static void weeks_text(FILE *out, const struct trends_result *t, const struct tally *weekly)
{
	char a[DATE_ISO_LEN], p1[16], p2[16];
	fprintf(out, "%-10s %5s %9s %11s %8s\n", "Week of", "Days", "Possible", "Attendance",
		"Absence");
	for (int w = 0; w < t->wl.n; w++) {
		const struct week *wk = &t->wl.w[w];
		const struct tally *x = &weekly[w];
		int64_t pos = tally_possible(x);
		if (wk->skipped_before > 0)
			fprintf(out, "  (%d week%s without school)\n", wk->skipped_before,
				wk->skipped_before == 1 ? "" : "s");
		fprintf(out, "%-10s %5d %9lld %11s %8s\n", date_format(wk->monday, a), wk->school_days,
			(long long)pos, wording_pct(stats_pct100(tally_attendance(x), pos), p1, sizeof p1),
			wording_pct(stats_pct100(tally_absence(x), pos), p2, sizeof p2));
	}
}

static void groups_text(FILE *out, const struct engine *e, const struct trends_result *t)
{
	char name[64], label[256], p1[16], p2[16], d[16];
	fprintf(out, "\nBy %s:\n%-12s %6s %10s %10s %7s %9s %9s %8s %5s\n",
		group_spec_name(&t->gr.spec, name, sizeof name), "Value", "Pupils", "Last week",
		"This week", "Change", "Declined", "Improved", "At risk", "PA");
	for (int s = 0; s < t->gr.n; s++) {
		const struct trend_sums *g = &t->sums[1 + s];
		if (g->range.pupils == 0)
			continue;
		const struct group_figures *p = g->period;
		struct trend_change c;
		period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &c);
		report_pp_text(d, sizeof d, c.change_pp100);
		fprintf(out, "%-12s %6d %10s %10s %7s %9d %9d %8d %5d\n",
			group_spec_label(&t->gr.spec, &e->m, t->gr.slot_key[s], label, sizeof label),
			g->range.pupils, wording_pct(c.before_pct100, p1, sizeof p1),
			wording_pct(c.now_pct100, p2, sizeof p2), d, g->declined_week,
			g->improving_week, g->range.at_risk, g->range.persistent);
	}
}

static int cmp_week_change(const void *x, const void *y, void *ctx)
{
	const struct trends_result *t = ctx;
	const struct pupil_trend *a = &t->pupils[*(const int *)x];
	const struct pupil_trend *b = &t->pupils[*(const int *)y];
	if (a->week.change_pp100 != b->week.change_pp100)
		return a->week.change_pp100 < b->week.change_pp100 ? -1 : 1;
	return a->row - b->row;
}

static void pupil_name(const struct engine *e, int row, char *buf, size_t len)
{
	const struct pupil_row *r = &e->m.rows[row];
	snprintf(buf, len, "%s, %s", r->surname, r->forename);
}

static int pupils_text(FILE *out, const struct engine *e, struct trends_result *t)
{
	char name[64], p1[16], p2[16], d[16], line[320];
	int *order = malloc((size_t)(t->n_pupils + 1) * sizeof *order);
	if (!order)
		return -1;
	int n = 0;
	for (int i = 0; i < t->n_pupils; i++)
		if (t->pupils[i].week.direction == TREND_DECLINED)
			order[n++] = i;
	qsort_r(order, (size_t)n, sizeof *order, cmp_week_change, t);
	fprintf(out, "\nPupils whose attendance fell since last week (largest fall first): %d\n", n);
	for (int j = 0; j < n; j++) {
		const struct pupil_trend *p = &t->pupils[order[j]];
		pupil_name(e, p->row, name, sizeof name);
		report_pp_text(d, sizeof d, p->week.change_pp100);
		fprintf(out, "  %-13s %-28.28s %-4s %s -> %s (%s points)\n", e->m.rows[p->row].upn,
			name, year_name(e->m.rows[p->row].year),
			wording_pct(p->week.before_pct100, p1, sizeof p1),
			wording_pct(p->week.now_pct100, p2, sizeof p2), d);
	}
	free(order);
	fprintf(out, "\nPupils who crossed into persistent absence since last week:\n");
	for (int i = 0; i < t->n_pupils; i++) {
		const struct pupil_trend *p = &t->pupils[i];
		if (p->pa_before == 0 && stats_persistent(&p->f)) {
			pupil_name(e, p->row, name, sizeof name);
			fprintf(out, "  %-13s %-28.28s absence %s\n", e->m.rows[p->row].upn, name,
				wording_pct(stats_pct100(stats_absence(&p->f), p->f.possible), p1,
					    sizeof p1));
		}
	}
	fprintf(out, "\nPupils at 90%% or below and the way back:\n");
	for (int i = 0; i < t->n_pupils; i++) {
		const struct pupil_trend *p = &t->pupils[i];
		if (!p->has_recovery)
			continue;
		pupil_name(e, p->row, name, sizeof name);
		const char *extra = "";
		char more[96] = "";
		if (!p->rec.below) {
			snprintf(more, sizeof more, "; %d full day%s to leave persistent absence",
				 p->rec.days_to_leave_pa, p->rec.days_to_leave_pa == 1 ? "" : "s");
			extra = more;
		}
		fprintf(out, "  %-13s %-28.28s %s: %s%s\n", e->m.rows[p->row].upn, name,
			wording_pct(stats_pct100(stats_attendance(&p->f), p->f.possible), p1, sizeof p1),
			wording_recovery(&p->rec, line, sizeof line), extra);
	}
	return 0;
}

/* One pupil (--upn): the weekly series and the flags. */
static void one_pupil_text(FILE *out, const struct engine *e, const struct trends_result *t, int i)
{
	const struct pupil_trend *p = &t->pupils[i];
	char name[64], a[DATE_ISO_LEN], p1[16], ch[96], line[320], days[64];
	pupil_name(e, p->row, name, sizeof name);
	fprintf(out, "\n%s %s, year %s, form %s\n", e->m.rows[p->row].upn, name,
		year_name(e->m.rows[p->row].year), e->m.forms[e->m.rows[p->row].form]);
	const int32_t *pw = &t->pupil_weekly[(size_t)i * t->wl.n * 2];
	for (int w = 0; w < t->wl.n; w++)
		if (pw[2 * w + 1] > 0)
			fprintf(out, "  week of %s: %s (%d of %d sessions)\n",
				date_format(t->wl.w[w].monday, a),
				wording_pct(stats_pct100(pw[2 * w], pw[2 * w + 1]), p1, sizeof p1),
				pw[2 * w], pw[2 * w + 1]);
	fprintf(out, "  attendance %s: %s missed\n",
		wording_pct(stats_pct100(stats_attendance(&p->f), p->f.possible), p1, sizeof p1),
		wording_days(stats_absence(&p->f), days, sizeof days));
	change_text(ch, sizeof ch, &p->week);
	fprintf(out, "  since last week: %s\n", ch);
	change_text(ch, sizeof ch, &p->half);
	fprintf(out, "  since last half-term: %s\n", ch);
	if (p->has_recovery)
		fprintf(out, "  back to 90%%: %s\n", wording_recovery(&p->rec, line, sizeof line));
}

int report_trends_text(FILE *out, const struct engine *e, const struct analytics_query *a)
{
	struct trends_result t;
	char x[DATE_ISO_LEN], y[DATE_ISO_LEN];
	if (trends_compute(e, a, &t) < 0)
		return -1;
	fprintf(out, "%s (URN %s): trends, %s to %s\n\n", e->school.name, e->school.urn,
		date_format(a->q.from, x), date_format(a->q.to, y));
	weeks_text(out, &t, t.weekly);
	fputc('\n', out);
	school_text(out, &t, &t.sums[0]);
	if (t.gr.n > 0)
		groups_text(out, e, &t);
	int rc = 0;
	if (a->upn)
		for (int i = 0; i < t.n_pupils; i++)
			one_pupil_text(out, e, &t, i);
	else if (a->q.identify_pupils)
		rc = pupils_text(out, e, &t);
	trends_result_free(&t);
	return rc;
}
