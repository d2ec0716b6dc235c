/* Date ranges a person asks about ("this week", "last half-term", "this
 * term", "this academic year", "the same point last year"), worked out from
 * the school's calendar. Ranges are inclusive; figures count only the school
 * days inside them, so a range may start or end on a holiday. */
#ifndef ATTEND_RANGES_H
#define ATTEND_RANGES_H

#include "core/calendar.h"
#include "core/date.h"

struct date_range {
	date_t from, to; /* inclusive */
};

enum term { TERM_AUTUMN, TERM_SPRING, TERM_SUMMER, TERM__MAX };

const char *term_name(enum term t); /* "Autumn", "Spring", "Summer" */
/* The term a half-term belongs to, from the month it starts in (not its
 * label): August to December autumn, January to March spring, April to July
 * summer. The spring term ends at Easter and the summer term starts after it,
 * which falls in March or April; no English school starts its summer term
 * before April or its spring half-terms after March. */
enum term term_of_half_term(date_t start);

/* Index of the latest school day on or before day, or -1. */
int range_school_day_at_or_before(const struct calendar *cal, date_t day);

/* Each of these returns 0 and fills *r, or -1 when the calendar has no such
 * period (no school day on or before day, no earlier half-term, ...). */

/* The school week (Monday to Friday) of the latest school day on or before
 * day: on a Saturday or in a holiday, the last week the school was open. */
int range_week(const struct calendar *cal, date_t day, struct date_range *r);
/* The school week before range_week(day): weeks without a school day (a
 * half-term holiday) are passed over. */
int range_prev_week(const struct calendar *cal, date_t day, struct date_range *r);
/* The half-term containing day, or in a holiday the latest one started
 * before it. *index (may be NULL) is its index in cal->half_terms. */
int range_half_term(const struct calendar *cal, date_t day, struct date_range *r, int *index);
/* The half-term before range_half_term(day). */
int range_prev_half_term(const struct calendar *cal, date_t day, struct date_range *r);
/* The term (autumn, spring or summer of one academic year) of
 * range_half_term(day): from its first half-term's start to its last's end. */
int range_term(const struct calendar *cal, date_t day, struct date_range *r, enum term *t);
/* 1 August to 31 July of the academic year containing day. */
void range_academic_year(date_t day, struct date_range *r);
/* The same stretch of the previous academic year by school days: the Nth to
 * the Mth school day of this year map to the Nth to the Mth of last year (the
 * last school day of last year if it had fewer), so both ranges hold as many
 * school days. Each end is placed within its own academic year. -1 when r
 * holds no school day or last year has none in the calendar. */
int range_same_point_last_year(const struct calendar *cal, const struct date_range *r,
			       struct date_range *out);
/* r with its end moved back to day if it is later ("to date"). */
struct date_range range_to_date(struct date_range r, date_t day);
/* The last school day of the academic year containing day, or DATE_INVALID. */
date_t range_last_school_day_of_year(const struct calendar *cal, date_t day);

/* The periods a dashboard shows as of a day, each "to date" where it is the
 * current one: today (if a school day), this week, last week (whole), this
 * half-term, last half-term (whole), this term, this academic year, and the
 * same point last year (of "this academic year", by range_same_point_last_year). */
enum period {
	PERIOD_TODAY,
	PERIOD_THIS_WEEK,
	PERIOD_LAST_WEEK,
	PERIOD_THIS_HALF_TERM,
	PERIOD_LAST_HALF_TERM,
	PERIOD_THIS_TERM,
	PERIOD_THIS_YEAR,
	PERIOD_SAME_POINT_LAST_YEAR,
	PERIOD__MAX
};
struct periods {
	date_t as_of;
	bool has[PERIOD__MAX];
	struct date_range r[PERIOD__MAX];
};
void range_periods(const struct calendar *cal, date_t as_of, struct periods *p);
const char *period_name(enum period p); /* "this_week", ... */

#endif
