/* The school census's attendance periods and who they count: the dates each
 * termly census collects, Easter (which ends the summer census's period), the
 * census days, and the ages the attendance module covers. Pure date rules. */
#ifndef ATTEND_CENSUS_H
#define ATTEND_CENSUS_H

#include <stdbool.h>

#include "core/date.h"

enum census_term { CENSUS_AUTUMN, CENSUS_SPRING, CENSUS_SUMMER, CENSUS__MAX };

/* One stretch of sessions a census collects, and the element that carries it. */
struct census_period {
	const char *element; /* "TermlyAttendance" or "SummerHalfTerm2Attendance" */
	date_t from, to;     /* inclusive */
};

#define CENSUS_PERIODS_MAX 2
/* Pupils aged 5 to 15 on 31 August before the academic year are counted. */
#define CENSUS_AGE_MIN 5
#define CENSUS_AGE_MAX 15

int census_term_parse(const char *text); /* -1 if not autumn, spring or summer */
const char *census_term_name(enum census_term t);

/* Easter Sunday of a year (Gregorian, the anonymous algorithm). */
date_t easter_sunday(int year);
/* The spring bank holiday: the last Monday in May. */
date_t spring_bank_holiday(int year);
/* Census day of the census held in that calendar year: autumn the first
 * Thursday of October, spring the third Thursday of January, summer the
 * third Thursday of May. */
date_t census_day(enum census_term t, int year);

/* The periods of the census held in that calendar year (spring 2026 is held
 * in January 2026): spring, 1 August to 31 December before it; summer,
 * 1 January to Easter Sunday; autumn, the previous summer term in two parts,
 * the day after Easter Sunday to the spring bank holiday (TermlyAttendance)
 * and the day after it to 31 July (SummerHalfTerm2Attendance).
 * Returns how many periods were written to out. */
int census_periods(enum census_term t, int year, struct census_period out[CENSUS_PERIODS_MAX]);
/* The academic year (its starting calendar year) the census's periods fall in. */
int census_academic_year(enum census_term t, int year);

/* Age in whole years on day. */
int age_on(date_t dob, date_t day);
/* Whether a pupil born on dob is counted in a census of that academic year. */
bool census_age_counted(date_t dob, int academic_year);

#endif
