/* The monitoring schedule's occurrences (the toolkit's Annex C): when a
 * recurring task falls, worked out from the school calendar, never stored.
 * Only school days count (weekends, holidays, bank holidays, INSET days and
 * closures never carry a task). Each occurrence belongs to a period:
 *
 *   daily        a school day
 *   weekly       the school days of one Monday-to-Friday week
 *   half_termly  the school days of one half-term
 *   termly       the school days of one term (autumn, spring, summer: the
 *                half-terms core/ranges puts in it)
 *
 * and its timing says when in the period it is due:
 *
 *   start  weekly: the first school day of the week. half-termly and
 *          termly: within the first week, that is by the last school day of
 *          the Monday-to-Friday week holding the period's first school day.
 *   end    weekly: the last school day of the week. half-termly and termly:
 *          within the last week: it opens on the first school day of the
 *          week holding the period's last school day, and is due on that
 *          last school day.
 *   any    any time in the period: due on its last school day.
 *
 * A daily task is due on its day whatever its timing. An occurrence shows
 * from `open` to `close` (the period's last school day): done late (after
 * `due`, up to `close`) it is overdue; not done by `close`, missed. */
#ifndef ATTEND_SCHEDULE_H
#define ATTEND_SCHEDULE_H

#include <stdbool.h>

#include "core/calendar.h"

enum sched_cadence { SC_DAILY, SC_WEEKLY, SC_HALF_TERMLY, SC_TERMLY, SC__MAX };
enum sched_timing { ST_START, ST_END, ST_ANY, ST__MAX };

const char *sched_cadence_name(enum sched_cadence c);  /* "daily", "half_termly" */
const char *sched_cadence_label(enum sched_cadence c); /* "Daily", "Half-termly" */
int sched_cadence_parse(const char *text);             /* -1 if none */
const char *sched_timing_name(enum sched_timing t);    /* "start", "end", "any" */
/* What the timing means for a cadence: "first school day of the week",
 * "within the first week of the half-term", "by the end of the term". */
const char *sched_timing_label(enum sched_cadence c, enum sched_timing t);
int sched_timing_parse(const char *text); /* -1 if none */

struct sched_occurrence {
	date_t period_start, period_end; /* the period's first and last school day */
	date_t open, due, close;         /* school days: shown from open; due; missed after close */
};

/* Calls cb for every occurrence whose period overlaps [from, to], in date
 * order, until cb returns non-zero (returned). */
int sched_each(const struct calendar *cal, enum sched_cadence c, enum sched_timing t, date_t from,
	       date_t to, int (*cb)(void *ctx, const struct sched_occurrence *o), void *ctx);
/* The occurrence whose period holds day (a school day or not: the period
 * around it, if any); 1 when day is in no period (a holiday for a weekly
 * task, a weekend for a daily one), 0 when found. */
int sched_at(const struct calendar *cal, enum sched_cadence c, enum sched_timing t, date_t day,
	     struct sched_occurrence *out);

/* Where an occurrence stands on `today` at a given state of completion. */
enum sched_state {
	SS_UPCOMING, /* not open yet */
	SS_OPEN,     /* open, not due yet (or due today) */
	SS_OVERDUE,  /* past due, still before close */
	SS_MISSED,   /* past close, not done */
	SS_DONE,
	SS__MAX
};
enum sched_state sched_state_of(const struct sched_occurrence *o, date_t today, bool done);
const char *sched_state_name(enum sched_state s); /* "open", "overdue", ... */

#endif
