/* Recognition: who earns an award, by rules that reward improvement as
 * well as high attendance (the toolkit's key area 2: "rewards improved
 * attendance, not just high attendance", so pupils with SEND or a long
 * illness can win). Pure: figures in (core/stats), decisions out.
 *
 *  100% (full attendance) over a period: every possible session attended
 *  (present, late before the register closed, or an approved educational
 *  activity: the DfE's attendance), at least `minimum` possible sessions,
 *  and no session of the period left unmarked while on roll (a register
 *  not taken proves nothing).
 *
 *  Most improved: the rise in attendance % from the pupil's own previous
 *  period to this one. The previous period is the same number of school
 *  days just before this one (award_previous_period: holidays are passed
 *  over, so the previous period of a half-term's first three weeks is the
 *  last three school weeks before it). Figures count only the sessions the
 *  pupil was on roll for, so a pupil who joined part-way through the
 *  previous period is measured on the sessions they had; one needs at
 *  least `minimum` possible sessions in each period (a pupil who joined
 *  this period has nothing to improve on and is not listed). The rise is
 *  now - before in hundredths of a point, exact from the sessions (core
 *  groups' rule); it must be at least min_rise100.
 *
 *  Form of the week: the form whose pupils attended the largest share of
 *  their possible sessions (sums, never a mean of pupils' rates), among
 *  forms with at least `minimum` pupils with possible sessions.
 *
 *  Ranks: the highest value first; equal values share a rank; the list
 *  keeps every entry whose rank is at most `top` (0: everyone who
 *  qualifies), so a tie at the edge keeps all who tie. A pupil must be on
 *  roll on the period's last school day. Pupils staff have excluded from
 *  public recognition stay on the list marked excluded (the approver sees
 *  why the list is as it is) and never reach a certificate or a message. */
#ifndef ATTEND_AWARDS_H
#define ATTEND_AWARDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/stats.h"

enum award_kind { AWARD_FULL, AWARD_MOST_IMPROVED, AWARD_FORM, AWARD__MAX };
const char *award_kind_name(enum award_kind k);  /* "full_attendance", ... */
const char *award_kind_label(enum award_kind k); /* "100% attendance", ... */
int award_kind_parse(const char *text);          /* -1 if none */

/* The period an award is for, as of a day. */
enum award_period { AP_WEEK, AP_HALF_TERM, AP_TERM, AP_YEAR, AP__MAX };
const char *award_period_name(enum award_period p);  /* "week", "half_term", ... */
const char *award_period_label(enum award_period p); /* "this week", ... */
int award_period_parse(const char *text);            /* -1 if none */

struct award_params {
	int minimum;         /* possible sessions a pupil needs (pupils, for a form) */
	int top;             /* ranks kept; 0: all who qualify */
	int64_t min_rise100; /* most improved: the least rise, hundredths of a point */
};

/* The period (to date) of an award as of day: the school week, half-term,
 * term or academic year holding the latest school day on or before it. 0,
 * or -1 when the calendar has none. */
int award_period_range(const struct calendar *cal, enum award_period p, date_t day, date_t *from,
		       date_t *to);
/* The n school days just before the first school day on or after from,
 * where n is the number of school days in [from, to]: *pfrom..*pto. -1
 * when [from, to] holds no school day or no school day comes before it;
 * fewer than n when the calendar starts sooner. */
int award_previous_period(const struct calendar *cal, date_t from, date_t to, date_t *pfrom,
			  date_t *pto);

/* 100% over the period (see above). */
bool award_full_attendance(const struct figures *f, int minimum);
/* Most improved: whether the pupil qualifies, and the rise (now - before,
 * hundredths of a point). */
bool award_improvement(const struct figures *now, const struct figures *before, int minimum,
		       int64_t min_rise100, int64_t *rise100);

struct award_entry {
	int id;        /* the caller's: a row, a form */
	int64_t value; /* higher is better */
	int rank;      /* set by award_rank */
};
/* Sorts entries by value (highest first; equal values by id), sets their
 * shared ranks and returns how many to keep (ranks up to top; all with
 * top 0). */
int award_rank(struct award_entry *v, int n, int top);

#endif
