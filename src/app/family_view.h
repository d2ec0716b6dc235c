/* What a family sees of one pupil: attendance this week, this half-term
 * and this school year (and last week and last half-term, to compare), the
 * school's band and the DfE's meaning, the trend week by week, the way back
 * to 90% by the end of the year, and lateness. Every figure comes from
 * core/stats, core/trends and core/school_bands over the engine's matrix;
 * this file only chooses the ranges. Words are the page's business. */
#ifndef ATTEND_FAMILY_VIEW_H
#define ATTEND_FAMILY_VIEW_H

#include "app/error.h"
#include "core/school_bands.h"
#include "core/stats.h"
#include "core/trends.h"
#include "core/wording.h"
#include "engine/engine.h"

#define FAMILY_TARGET_PCT100 9000 /* the way back to 90% */

enum family_period {
	FP_THIS_WEEK,
	FP_LAST_WEEK,
	FP_THIS_HALF_TERM,
	FP_LAST_HALF_TERM,
	FP_THIS_YEAR,
	FP__MAX
};

struct family_figures {
	bool has; /* the calendar has this period (and the pupil was on roll in it) */
	date_t from, to;
	struct figures f;
	int64_t pct100; /* attendance %; -1 with no possible sessions */
};

struct family_week {
	date_t monday;
	int school_days;
	int64_t attendance, possible;
	int64_t pct100; /* -1: nothing to count yet */
};

struct family_view {
	int row;
	date_t today;
	struct wording_settings words;
	struct family_figures p[FP__MAX];
	bool today_is_school_day;
	enum code today_code[SESSION__MAX]; /* CODE_NONE: not marked yet */
	/* this school year to date */
	int dfe_band;              /* stats_band: BAND_TOO_FEW, BAND_NONE or 0.. */
	bool persistent, severe, at_risk;
	struct school_bands bands; /* in the language asked for */
	int school_band;           /* -1: no possible sessions yet */
	bool has_recovery;         /* a last school day of the year is known */
	struct recovery rec;
	struct trend_change week_change, half_term_change;
	struct family_week *weeks; /* this school year to date, oldest first */
	int n_weeks;
	/* Weeks that are over (their Friday before today) in which every
	 * session was marked present or on an approved activity: how many,
	 * the longest run of them, and the run up to the last week that is
	 * over (holidays do not break a run). The recognition a pupil has
	 * earned by their own attendance; the school's awards (issue 13) come
	 * beside these. */
	int full_weeks, best_run, current_run;
};

/* The school's bands with their names in lang: attendance_bands (default
 * SCHOOL_BANDS_DEFAULT), named by attendance_bands.LANG when it has the
 * same bounds (the built-in Polish names for the default bands). */
int family_bands_load(struct store *s, int64_t school_id, const char *lang,
		      struct school_bands *out, struct app_error *err);

/* The view of the enrolment row as of today. Settings are read through s
 * (the caller's connection); the engine is only read. */
int family_view_build(struct store *s, const struct engine *e, int row, date_t today,
		      const char *lang, struct family_view *out, struct app_error *err);
void family_view_free(struct family_view *v);

#endif
