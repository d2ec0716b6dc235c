/* An English school year as a local authority would publish it: six
 * half-terms, five INSET days and the bank holidays of England, giving 195
 * days and 190 pupil days (domain.md). Used by the demo generator. */
#ifndef ATTEND_DEMO_SCHOOL_YEAR_H
#define ATTEND_DEMO_SCHOOL_YEAR_H

#include "core/calendar.h"

#define SCHOOL_YEAR_DAYS 195
#define SCHOOL_YEAR_INSET 5
#define SCHOOL_YEAR_MAX_ENTRIES 24

/* Easter Sunday of a year (Gregorian). */
date_t school_year_easter(int year);
/* The calendar entries of the academic year starting in September of
 * start_year: 6 terms, 5 INSET days and the bank holidays of England that
 * fall in that academic year. Returns how many were written to out. */
int school_year_entries(int start_year, struct cal_entry out[SCHOOL_YEAR_MAX_ENTRIES]);

#endif
