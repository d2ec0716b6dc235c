/* How attendance moves: week-by-week series, "declined" and "improving"
 * flags with the size of the change, the at-risk and briefing groups, and
 * the arithmetic of getting back to 90%. Pure functions of the calendar and
 * of figures from core/stats and core/tally. */
#ifndef ATTEND_TRENDS_H
#define ATTEND_TRENDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/matrix.h"
#include "core/stats.h"

/* A school week (Monday to Friday) with at least one school day in the
 * range; weeks with none (holidays) are left out and counted in the next
 * week's skipped_before. */
struct week {
	date_t monday;
	date_t first, last; /* its first and last school day inside the range */
	int c0, c1;         /* its session columns */
	int school_days;    /* inside the range: fewer than 5 when the range or a
			       holiday, INSET day or bank holiday cuts it */
	int skipped_before; /* weeks without a school day since the previous week */
};

struct week_list {
	struct week *w;
	int n;
	int c0, c1;    /* the range's columns */
	uint16_t *cls; /* week index of each column c0..c1-1, for tally_row */
};

/* The weeks of the columns [c0, c1). 0, or -1 when out of memory. */
int trends_weeks(const struct calendar *cal, int c0, int c1, struct week_list *out);
void trends_weeks_free(struct week_list *l);

/* "Declined" and "improving": the attendance % of a period against an
 * earlier one (this week to date against last week; this half-term to date
 * against the previous half-term), as now - before in hundredths of a point,
 * exact. A change of at least min_pp100 either way sets the direction. */
#define TREND_MIN_CHANGE_PP100 100 /* 1 percentage point */
enum trend_direction { TREND_UNKNOWN, TREND_DECLINED, TREND_STEADY, TREND_IMPROVING };
struct trend_change {
	int64_t now_pct100, before_pct100; /* attendance %; -1 with no possible sessions */
	int64_t change_pp100;              /* PP_NONE when either is -1 */
	enum trend_direction direction;    /* TREND_UNKNOWN when either is -1 */
};
void trends_change(int64_t att_now, int64_t possible_now, int64_t att_before,
		   int64_t possible_before, int64_t min_pp100, struct trend_change *c);
const char *trend_direction_name(enum trend_direction d); /* "declined", ... ; NULL if unknown */

/* The seeds' briefing group: absence 5% to under 15% ("missing up to three
 * school days every four weeks"); stats_at_risk is the narrower 5-10%. */
bool trends_briefing(const struct figures *f);

/* Getting back to a target attendance (90%) by attending every session of
 * the next school days in a row. With a sessions attended of p possible so
 * far, after k full days the figure is (a + 2k) / (p + 2k), so the days
 * needed to reach target t (hundredths) are the least k with
 * 10000 (a + 2k) >= t (p + 2k):  k = ceil((t p - 10000 a) / (2 (10000 - t))).
 * Leaving persistent absence needs absence under 10%, that is attendance
 * strictly above 90%: the least k with 10 (a + 2k) > 9 (p + 2k), so
 * k = floor((9p - 10a) / 2) + 1. The days count from the first school day
 * after as_of on which the pupil is on roll, up to target_day (the last
 * school day of the year, usually) and not after the pupil leaves. */
struct recovery {
	int64_t attendance, possible;
	int target_pct100;
	date_t as_of, target_day;
	bool below;          /* attendance % under the target now */
	int days_left;       /* school days on roll after as_of up to target_day */
	int days_needed;     /* full days in a row to reach the target (0 if not below) */
	int days_to_leave_pa; /* full days to be above 90% (0 if not persistently absent) */
	bool reachable;      /* days_needed <= days_left */
	date_t from_day;     /* the first of those days (DATE_INVALID if none left) */
	date_t reached_on;   /* the day the target is reached (DATE_INVALID if not reachable) */
	int64_t best_pct100; /* attendance % on target_day with every day left attended */
};
/* target_pct100 in 1..9999 (9000 for 90%). */
void trends_recovery(const struct calendar *cal, const struct pupil_row *r, int64_t attendance,
		     int64_t possible, date_t as_of, date_t target_day, int target_pct100,
		     struct recovery *out);

#endif
