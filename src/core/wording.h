/* Figures in words for people: days and lessons rather than only
 * percentages (principle 3), with the arithmetic of the seed documents:
 * 1 day missed in 190 is 99.5% attendance, 10 days 94.7%, 20 days 89.5%
 * ("about 90%", "4 whole weeks"); 9.5 days is "nearly 2 weeks", 19 days
 * "around 4 weeks" (95 lessons at 5 a day); 10 minutes late a day for 190
 * days is 1,900 minutes, "nearly a week". Integers only; every phrase is
 * written into buf and returned. */
#ifndef ATTEND_WORDING_H
#define ATTEND_WORDING_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

struct recovery;

/* School settings the wording uses (settings table keys in brackets). */
#define LESSONS_PER_DAY_DEFAULT 5      /* lessons_per_day */
#define SCHOOL_DAY_MINUTES_DEFAULT 390 /* school_day_minutes: 6.5 hours */

struct wording_settings {
	int lessons_per_day;    /* 1..12 */
	int school_day_minutes; /* 60..720: what a day of lateness is measured against */
};

/* 1900 -> "1,900" */
char *wording_count(int64_t n, char *buf, size_t len);
/* Hundredths of a percent to one decimal, half up: 8947 -> "89.5%" ("n/a" if < 0). */
char *wording_pct(int64_t pct100, char *buf, size_t len);
/* The one-decimal figure people see, to a whole percent: 8947 -> 89.5 ->
 * "about 90%" (so the words never disagree with the figure beside them). */
char *wording_about_pct(int64_t pct100, char *buf, size_t len);
/* A time in tenths of a day: "half a day", "1 day", "4.5 days", "4.9 days". */
char *wording_days_tenths(int64_t tenths, char *buf, size_t len);
/* Sessions as days: 9 -> "4.5 days". */
char *wording_days(int64_t sessions, char *buf, size_t len);
/* Lessons in that many sessions: sessions x lessons_per_day / 2, rounded half up. */
int64_t wording_lessons(int64_t sessions, int lessons_per_day);
/* "4.5 days (about 23 lessons)"; "no time" for 0. */
char *wording_days_lessons(int64_t sessions, int lessons_per_day, char *buf, size_t len);
/* A time in tenths of a day as weeks of school (5 days each). Let N be the
 * nearest whole number of weeks (halves up) and d the difference in tenths
 * of a day: d = 0 "N whole weeks", -5 <= d < 0 "nearly N weeks" (at most half
 * a day short), 0 < d <= 5 "just over N weeks", otherwise "around N weeks";
 * "a week" for N = 1. Under 4.5 days it is said in days. */
char *wording_time(int64_t tenths, char *buf, size_t len);
/* Minutes as tenths of a school day, rounded half up. */
int64_t wording_minutes_tenths(int64_t minutes, int school_day_minutes);
/* Minutes as lessons: minutes x lessons_per_day / school_day_minutes, half up. */
int64_t wording_minutes_lessons(int64_t minutes, const struct wording_settings *s);
/* "1,900 minutes: nearly a week (about 24 lessons)". */
char *wording_minutes_lost(int64_t minutes, const struct wording_settings *s, char *buf,
			   size_t len);
/* "Monday 20 October 2025" */
char *wording_date(date_t day, char *buf, size_t len);
/* The back-to-90% figure (core/trends) in a sentence:
 *   "already at 90% or above"
 *   "5 full days in a row from Monday 20 October 2025 bring attendance back
 *    to 90% on Friday 24 October 2025"
 *   "back to 90% by Friday 17 July 2026 is no longer possible: 34 school days
 *    are left, and attending all of them would reach 88.6%" */
char *wording_recovery(const struct recovery *r, char *buf, size_t len);

#endif
