/* `attend trends`: week-by-week attendance, the dashboard periods (today,
 * this and last week, half-term, term, year, same point last year), the
 * declined/improving flags and who crossed into or out of persistent
 * absence, for the school, its groups and its pupils. Computed once into a
 * trends_result, then written as JSON or text. */
#include <stdlib.h>
#include <string.h>

#include "app/trends_calc.h"

/* The grouping of the query (there is at most one), or NULL. */
static const struct trends_grouping *grouping(const struct trends_result *t)
{
	return t->n_groupings > 0 && t->g[0].gr.n > 0 ? &t->g[0] : NULL;
}

static int compute(const struct engine *e, const struct analytics_query *a, struct trends_result *t)
{
	struct trends_opts o;
	trends_opts_of_query(a, &o);
	return trends_compute(e, a, &o, t);
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
	trends_period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &week);
	trends_period_change(p, PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM, &half);
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
	if (compute(e, a, &t) < 0)
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
	const struct trends_grouping *gg = grouping(&t);
	for (int s = 0; gg && s < gg->gr.n; s++) {
		const struct trend_sums *g = &gg->sums[s];
		if (g->range.pupils == 0)
			continue;
		json_array_append_new(groups, analytics_merge(report_group_head(&gg->gr, &e->m, s),
							      sums_json(&t, g, &gg->weekly_t[s * t.wl.n])));
	}
	json_t *out = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "from",
				analytics_date_json(a->q.from), "to", analytics_date_json(a->q.to),
				"weeks", weeks, "periods", periods, "school",
				sums_json(&t, &t.school, t.weekly), "groups", groups, "pupils",
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
	trends_period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &c);
	change_text(ch, sizeof ch, &c);
	fprintf(out, "\nSince last week: %s; %d pupil%s declined, %d improved.\n", ch,
		s->declined_week, s->declined_week == 1 ? "" : "s", s->improving_week);
	trends_period_change(p, PERIOD_THIS_HALF_TERM, PERIOD_LAST_HALF_TERM, &c);
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

static void groups_text(FILE *out, const struct engine *e, const struct trends_grouping *gg)
{
	char name[64], label[256], p1[16], p2[16], d[16];
	fprintf(out, "\nBy %s:\n%-12s %6s %10s %10s %7s %9s %9s %8s %5s\n",
		group_spec_name(&gg->gr.spec, name, sizeof name), "Value", "Pupils", "Last week",
		"This week", "Change", "Declined", "Improved", "At risk", "PA");
	for (int s = 0; s < gg->gr.n; s++) {
		const struct trend_sums *g = &gg->sums[s];
		if (g->range.pupils == 0)
			continue;
		const struct group_figures *p = g->period;
		struct trend_change c;
		trends_period_change(p, PERIOD_THIS_WEEK, PERIOD_LAST_WEEK, &c);
		report_pp_text(d, sizeof d, c.change_pp100);
		fprintf(out, "%-12s %6d %10s %10s %7s %9d %9d %8d %5d\n",
			group_spec_label(&gg->gr.spec, &e->m, gg->gr.slot_key[s], label, sizeof label),
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
	if (compute(e, a, &t) < 0)
		return -1;
	fprintf(out, "%s (URN %s): trends, %s to %s\n\n", e->school.name, e->school.urn,
		date_format(a->q.from, x), date_format(a->q.to, y));
	weeks_text(out, &t, t.weekly);
	fputc('\n', out);
	school_text(out, &t, &t.school);
	if (grouping(&t))
		groups_text(out, e, grouping(&t));
	int rc = 0;
	if (a->upn)
		for (int i = 0; i < t.n_pupils; i++)
			one_pupil_text(out, e, &t, i);
	else if (a->q.identify_pupils)
		rc = pupils_text(out, e, &t);
	trends_result_free(&t);
	return rc;
}
