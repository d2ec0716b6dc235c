/* Impact of interventions and plans (casework_impact.h). */
#include "app/casework_impact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/groups.h"

/* The tally of a pupil's every enrolment over [c0, c1). */
static void pupil_tally(const struct engine *e, const struct tally_plan *p, int first, int c0,
			int c1, struct tally *t)
{
	memset(t, 0, sizeof *t);
	for (int r = first; r >= 0; r = engine_next_row(e, r))
		tally_row(p, &e->m, r, c0, c1, NULL, t);
}

static void impact_figures(struct cw_impact *out)
{
	out->before_pct100 = stats_pct100(tally_attendance(&out->before), tally_possible(&out->before));
	out->after_pct100 = stats_pct100(tally_attendance(&out->after), tally_possible(&out->after));
	out->change_pp100 = cw_change_pp100(&out->before, &out->after);
	out->enough = tally_possible(&out->before) >= CW_IMPACT_MIN_POSSIBLE &&
		      tally_possible(&out->after) >= CW_IMPACT_MIN_POSSIBLE;
}

int cw_impact_of(const struct engine *e, const struct week_list *wl, int64_t pupil_id, date_t start,
		 int weeks, date_t as_of, struct cw_impact *out)
{
	memset(out, 0, sizeof *out);
	out->change_pp100 = PP_NONE;
	out->before_pct100 = out->after_pct100 = -1;
	int row = engine_row_of_id(e, pupil_id, DATE_INVALID, -1);
	if (row < 0 || cw_impact_windows(&e->cal, wl, start, weeks, as_of, &out->w) < 0)
		return -1;
	int first = engine_pupil_row(e, e->m.rows[row].upn);
	struct tally_plan p;
	tally_plan_init(&p);
	pupil_tally(e, &p, first, out->w.b0, out->w.b1, &out->before);
	pupil_tally(e, &p, first, out->w.a0, out->w.a1, &out->after);
	impact_figures(out);
	return 0;
}

/* ---- across the school ---- */

struct started {
	int64_t pupil_id;
	char type[STORE_CW_CODE_MAX];
	date_t start;
};

struct started_list {
	struct started *v;
	int n;
};

static int add_started(struct started_list *l, int64_t pupil, const char *type, date_t start)
{
	struct started s = {pupil, "", start};
	snprintf(s.type, sizeof s.type, "%s", type);
	return array_push(&l->v, &l->n, sizeof s, &s);
}

static int note_intervention(void *ctx, const struct cw_intervention_rec *r)
{
	return add_started(ctx, r->pupil_id, r->type, r->started_on);
}

static int note_plan(void *ctx, const struct cw_plan_rec *r)
{
	return add_started(ctx, r->pupil_id, CW_PLAN_TYPE, r->started_on);
}

/* By type, then pupil, then start: each pupil's first of a type comes first. */
static int cmp_started(const void *a, const void *b)
{
	const struct started *x = a, *y = b;
	int c = strcmp(x->type, y->type);
	if (c)
		return c;
	if (x->pupil_id != y->pupil_id)
		return x->pupil_id < y->pupil_id ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

struct school_ctx {
	const struct engine *e;
	struct tally_plan p;
	struct week_list wl;
	int *firsts; /* the first row of each pupil */
	int n_firsts;
	date_t *had; /* by index into firsts: the first start of the type, or DATE_INVALID */
	bool *compared;
};

/* One type: its pupils are [from, to) of the sorted list. */
static int one_type(struct school_ctx *sc, const struct started *v, int from, int to, date_t as_of,
		    int weeks, struct cw_type_impact *out)
{
	const struct engine *e = sc->e;
	memset(out, 0, sizeof *out);
	snprintf(out->type, sizeof out->type, "%s", v[from].type);
	for (int i = 0; i < sc->n_firsts; i++) {
		sc->had[i] = DATE_INVALID;
		sc->compared[i] = false;
	}
	int n_treated = 0;
	int *treated = malloc((size_t)(to - from) * sizeof *treated);
	int64_t *own = malloc((size_t)(to - from) * sizeof *own);
	int64_t *matched_own = malloc((size_t)(to - from) * sizeof *matched_own);
	int64_t *comparison = malloc((size_t)(to - from) * sizeof *comparison);
	int64_t *diff = malloc((size_t)(to - from) * sizeof *diff);
	int64_t *ctrl = malloc((size_t)(sc->n_firsts > 0 ? sc->n_firsts : 1) * sizeof *ctrl);
	int rc = -1;
	if (!treated || !own || !matched_own || !comparison || !diff || !ctrl)
		goto out;
	for (int k = from; k < to; k++) {
		if (k > from && v[k].pupil_id == v[k - 1].pupil_id)
			continue; /* each pupil's first only */
		int row = engine_row_of_id(e, v[k].pupil_id, DATE_INVALID, -1);
		if (row < 0)
			continue;
		int first = engine_pupil_row(e, e->m.rows[row].upn);
		for (int i = 0; i < sc->n_firsts; i++)
			if (sc->firsts[i] == first) {
				sc->had[i] = v[k].start;
				treated[n_treated++] = i;
			}
		out->pupils++;
	}
	int n_own = 0, n_matched = 0;
	for (int t = 0; t < n_treated; t++) {
		int i = treated[t];
		struct cw_windows w;
		if (cw_impact_windows(&e->cal, &sc->wl, sc->had[i], weeks, as_of, &w) < 0 || !w.complete)
			continue;
		struct cw_impact me = {.w = w};
		pupil_tally(e, &sc->p, sc->firsts[i], w.b0, w.b1, &me.before);
		pupil_tally(e, &sc->p, sc->firsts[i], w.a0, w.a1, &me.after);
		impact_figures(&me);
		if (!me.enough)
			continue;
		own[n_own++] = me.change_pp100;
		struct figures f;
		tally_figures(&me.before, &f);
		int band = stats_band(&f);
		int n_ctrl = 0;
		for (int j = 0; j < sc->n_firsts; j++) {
			if (j == i || (sc->had[j] != DATE_INVALID && sc->had[j] <= w.after_end))
				continue;
			struct cw_impact them = {.w = w};
			pupil_tally(e, &sc->p, sc->firsts[j], w.b0, w.b1, &them.before);
			if (tally_possible(&them.before) < CW_IMPACT_MIN_POSSIBLE)
				continue;
			tally_figures(&them.before, &f);
			if (stats_band(&f) != band)
				continue;
			pupil_tally(e, &sc->p, sc->firsts[j], w.a0, w.a1, &them.after);
			impact_figures(&them);
			if (!them.enough)
				continue;
			ctrl[n_ctrl++] = them.change_pp100;
			sc->compared[j] = true;
		}
		if (!n_ctrl)
			continue;
		matched_own[n_matched] = me.change_pp100;
		comparison[n_matched] = cw_mean_pp100(ctrl, n_ctrl);
		diff[n_matched] = me.change_pp100 - comparison[n_matched];
		n_matched++;
	}
	out->counted = n_own;
	out->matched = n_matched;
	for (int j = 0; j < sc->n_firsts; j++)
		out->comparison_pupils += sc->compared[j];
	out->change_pp100 = cw_mean_pp100(own, n_own);
	out->matched_change_pp100 = cw_mean_pp100(matched_own, n_matched);
	out->comparison_pp100 = cw_mean_pp100(comparison, n_matched);
	out->difference_pp100 = cw_mean_pp100(diff, n_matched);
	out->too_few = n_matched < CW_IMPACT_MIN_PUPILS || out->comparison_pupils < CW_IMPACT_MIN_PUPILS;
	rc = 0;
out:
	free(treated);
	free(own);
	free(matched_own);
	free(comparison);
	free(diff);
	free(ctrl);
	return rc;
}

int cw_impact_school(const struct engine *e, struct store *s, date_t as_of, int weeks,
		     struct cw_type_impact **out, int *n, struct app_error *err)
{
	*out = NULL;
	*n = 0;
	struct started_list l = {0};
	struct school_ctx sc = {.e = e};
	int rc = -1;
	if (store_cw_interventions_each(s, e->school.id, 0, note_intervention, &l) < 0 ||
	    store_cw_plans_each(s, e->school.id, 0, false, note_plan, &l) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "%s", store_error(s));
		goto out;
	}
	if (l.n)
		qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_started);
	tally_plan_init(&sc.p);
	sc.firsts = malloc((size_t)(e->m.n_rows > 0 ? e->m.n_rows : 1) * sizeof *sc.firsts);
	sc.had = malloc((size_t)(e->m.n_rows > 0 ? e->m.n_rows : 1) * sizeof *sc.had);
	sc.compared = malloc((size_t)(e->m.n_rows > 0 ? e->m.n_rows : 1));
	if (!sc.firsts || !sc.had || !sc.compared || cw_weeks(&e->cal, &sc.wl) < 0) {
		app_fail(err, ERR_INTERNAL, NULL, "out of memory");
		goto out;
	}
	for (int r = 0; r < e->m.n_rows; r++)
		if (engine_pupil_row(e, e->m.rows[r].upn) == r)
			sc.firsts[sc.n_firsts++] = r;
	for (int from = 0; from < l.n;) {
		int to = from;
		while (to < l.n && strcmp(l.v[to].type, l.v[from].type) == 0)
			to++;
		struct cw_type_impact t;
		if (one_type(&sc, l.v, from, to, as_of, weeks, &t) < 0 ||
		    array_push(out, n, sizeof t, &t) < 0) {
			app_fail(err, ERR_INTERNAL, NULL, "out of memory");
			free(*out);
			*out = NULL;
			*n = 0;
			goto out;
		}
		from = to;
	}
	rc = 0;
out:
	free(l.v);
	free(sc.firsts);
	free(sc.had);
	free(sc.compared);
	trends_weeks_free(&sc.wl);
	return rc;
}

char *cw_impact_warning(const struct cw_type_impact *t, char *buf, size_t len)
{
	buf[0] = '\0';
	if (!t->too_few)
		return buf;
	snprintf(buf, len,
		 "Too few pupils to conclude anything: %d pupil%s with complete weeks before and after "
		 "and a comparison, and %d comparison pupil%s (at least %d of each are needed). "
		 "Read these figures as a description of these pupils, not as evidence that it works.",
		 t->matched, t->matched == 1 ? "" : "s", t->comparison_pupils,
		 t->comparison_pupils == 1 ? "" : "s", CW_IMPACT_MIN_PUPILS);
	return buf;
}
