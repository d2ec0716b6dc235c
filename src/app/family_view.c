#include "app/family_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/analytics.h"
#include "core/ranges.h"

static int read_bands(struct store *s, int64_t school_id, const char *key, const char *dflt,
		      struct school_bands *out, bool *set, struct app_error *err)
{
	char text[1024], why[160];
	int rc = store_setting_get(s, school_id, key, text, sizeof text);
	if (rc < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "reading setting %s: %s", key, store_error(s));
	*set = rc == 0;
	if (rc == 1) {
		if (!dflt)
			return 0;
		snprintf(text, sizeof text, "%s", dflt);
	}
	if (school_bands_parse(text, out, why, sizeof why) < 0)
		return app_fail(err, ERR_INPUT, key, "setting %s: %s", key, why);
	return 0;
}

int family_bands_load(struct store *s, int64_t school_id, const char *lang,
		      struct school_bands *out, struct app_error *err)
{
	bool base_set, named_set;
	if (read_bands(s, school_id, "attendance_bands", SCHOOL_BANDS_DEFAULT, out, &base_set, err) < 0)
		return -1;
	if (!lang || strcmp(lang, "en") == 0)
		return 0;
	char key[40];
	snprintf(key, sizeof key, "attendance_bands.%s", lang);
	struct school_bands named = {0};
	/* Built-in names only for the built-in bands. */
	const char *dflt = !base_set && strcmp(lang, "pl") == 0 ? SCHOOL_BANDS_DEFAULT_PL : NULL;
	if (read_bands(s, school_id, key, dflt, &named, &named_set, err) < 0)
		return -1;
	if (named.n && school_bands_same_bounds(out, &named))
		*out = named;
	return 0;
}

static void figures_of(const struct engine *e, int row, date_t from, date_t to,
		       struct family_figures *out)
{
	int c0, c1;
	stats_cols(&e->cal, from, to, &c0, &c1);
	out->from = from;
	out->to = to;
	out->has = stats_on_roll(&e->m.rows[row], c0, c1);
	stats_row(&e->m, row, c0, c1, &out->f);
	out->pct100 = stats_pct100(stats_attendance(&out->f), out->f.possible);
}

static void change_of(const struct family_figures *now, const struct family_figures *before,
		      struct trend_change *c)
{
	trends_change(stats_attendance(&now->f), now->f.possible, stats_attendance(&before->f),
		      before->f.possible, TREND_MIN_CHANGE_PP100, c);
}

static int weeks_of(const struct engine *e, int row, const struct family_figures *year,
		    struct family_view *v)
{
	int c0, c1;
	stats_cols(&e->cal, year->from, year->to, &c0, &c1);
	struct week_list wl;
	if (trends_weeks(&e->cal, c0, c1, &wl) < 0)
		return -1;
	v->weeks = calloc((size_t)(wl.n ? wl.n : 1), sizeof *v->weeks);
	if (!v->weeks) {
		trends_weeks_free(&wl);
		return -1;
	}
	const struct pupil_row *p = &e->m.rows[row];
	for (int i = 0; i < wl.n; i++) {
		const struct week *w = &wl.w[i];
		if (!stats_on_roll(p, w->c0, w->c1))
			continue; /* before the pupil joined, or after they left */
		struct figures f;
		stats_row(&e->m, row, w->c0, w->c1, &f);
		struct family_week *fw = &v->weeks[v->n_weeks++];
		fw->monday = w->monday;
		fw->school_days = w->school_days;
		fw->attendance = stats_attendance(&f);
		fw->possible = f.possible;
		fw->pct100 = stats_pct100(fw->attendance, f.possible);
		if (w->monday + 4 >= v->today)
			continue; /* not over yet */
		bool full = f.possible == 2 * w->school_days && fw->attendance == f.possible;
		v->current_run = full ? v->current_run + 1 : 0;
		v->full_weeks += full;
		if (v->current_run > v->best_run)
			v->best_run = v->current_run;
	}
	trends_weeks_free(&wl);
	return 0;
}

int family_view_build(struct store *s, const struct engine *e, int row, date_t today,
		      const char *lang, struct family_view *out, struct app_error *err)
{
	memset(out, 0, sizeof *out);
	out->row = row;
	out->today = today;
	if (analytics_settings_load(s, e->school.id, &out->words, err) < 0 ||
	    family_bands_load(s, e->school.id, lang, &out->bands, err) < 0)
		return -1;
	struct periods per;
	range_periods(&e->cal, today, &per);
	static const enum period map[FP__MAX] = {
		[FP_THIS_WEEK] = PERIOD_THIS_WEEK,	     [FP_LAST_WEEK] = PERIOD_LAST_WEEK,
		[FP_THIS_HALF_TERM] = PERIOD_THIS_HALF_TERM, [FP_LAST_HALF_TERM] = PERIOD_LAST_HALF_TERM,
		[FP_THIS_YEAR] = PERIOD_THIS_YEAR,
	};
	for (int k = 0; k < FP__MAX; k++)
		if (per.has[map[k]])
			figures_of(e, row, per.r[map[k]].from, per.r[map[k]].to, &out->p[k]);
	change_of(&out->p[FP_THIS_WEEK], &out->p[FP_LAST_WEEK], &out->week_change);
	change_of(&out->p[FP_THIS_HALF_TERM], &out->p[FP_LAST_HALF_TERM], &out->half_term_change);

	const struct pupil_row *p = &e->m.rows[row];
	int col = calendar_session_col(&e->cal, today, SESSION_AM);
	out->today_is_school_day = col >= 0 && col >= p->first_col && col < p->end_col;
	for (int ses = 0; ses < SESSION__MAX; ses++)
		out->today_code[ses] = out->today_is_school_day
					       ? (enum code)matrix_row_cells(&e->m, row)[col + ses]
					       : CODE_NONE;

	const struct family_figures *year = &out->p[FP_THIS_YEAR];
	out->dfe_band = stats_band(&year->f);
	out->persistent = stats_persistent(&year->f);
	out->severe = stats_severe(&year->f);
	out->at_risk = stats_at_risk(&year->f);
	out->school_band = school_bands_find(&out->bands, year->pct100);
	date_t last = range_last_school_day_of_year(&e->cal, today);
	out->has_recovery = last != DATE_INVALID && year->f.possible > 0;
	if (out->has_recovery)
		trends_recovery(&e->cal, p, stats_attendance(&year->f), year->f.possible, today, last,
				FAMILY_TARGET_PCT100, &out->rec);
	if (weeks_of(e, row, year, out) < 0)
		return app_fail(err, ERR_INTERNAL, NULL, "out of memory");
	return 0;
}

void family_view_free(struct family_view *v)
{
	free(v->weeks);
	v->weeks = NULL;
	v->n_weeks = 0;
}
