/* Targets of the attendance action plan tied to figures attend computes:
 * a measure of a cohort over a span (the academic year, term or half-term
 * to date, as the DfE measures persistent absence over the year), a
 * baseline on a day and a goal by a day ("reduce persistent absence in
 * Year 8 from 24% to 18% by July"). Pure: which figure a measure reads
 * from a group's sums (core/stats), where the straight line from the
 * baseline to the goal stands on a day, and whether the live figure is on
 * track. */
#ifndef ATTEND_TARGETS_H
#define ATTEND_TARGETS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/stats.h"

enum target_measure {
	TM_ATTENDANCE,   /* attendance %: higher is better */
	TM_ABSENCE,      /* overall absence %: lower is better */
	TM_UNAUTHORISED, /* unauthorised absence %: lower */
	TM_PERSISTENT,   /* pupils persistently absent, % of pupils: lower */
	TM_SEVERE,       /* pupils severely absent, %: lower */
	TM__MAX
};
const char *target_measure_name(enum target_measure m);  /* "persistent_pct" */
const char *target_measure_label(enum target_measure m); /* "persistent absence" */
int target_measure_parse(const char *text);              /* -1 if none */
bool target_higher_is_better(enum target_measure m);
/* The measure of a group's sums in hundredths of a percent; -1 with no
 * possible sessions (no pupils with them, for the pupil rates). */
int64_t target_measure_value(const struct group_figures *g, enum target_measure m);
/* Whether the measure counts pupils (persistent, severe): its figure then
 * rests on how many pupils are in the count (the governors' small-number
 * rule). */
bool target_measure_counts_pupils(enum target_measure m);

enum target_span { TS_YEAR, TS_TERM, TS_HALF_TERM, TS__MAX };
const char *target_span_name(enum target_span s);  /* "year", "term", "half_term" */
const char *target_span_label(enum target_span s); /* "this school year to date" */
int target_span_parse(const char *text);           /* -1 if none */
/* The span as of day: from its start to day. -1 when the calendar has no
 * term or half-term there. */
int target_span_range(const struct calendar *cal, enum target_span s, date_t day, date_t *from,
		      date_t *to);

/* The figure the straight line from base (on base_day) to goal (on
 * goal_day) reaches on day, by school days: after k of the n school days
 * after base_day up to goal_day, base + (goal - base) * k / n, rounded half
 * away from zero. base before base_day, goal from goal_day on. */
int64_t target_expected(const struct calendar *cal, int64_t base, date_t base_day, int64_t goal,
			date_t goal_day, date_t day);

enum target_track {
	TT_UNKNOWN,   /* no live figure */
	TT_MET,       /* at the goal or better */
	TT_ON_TRACK,  /* at the line or better */
	TT_OFF_TRACK, /* worse than the line */
	TT__MAX
};
const char *target_track_name(enum target_track t);  /* "met", "on_track", ... */
const char *target_track_label(enum target_track t); /* "On track" */
enum target_track target_track_of(enum target_measure m, int64_t value, int64_t expected,
				  int64_t goal);

#endif
