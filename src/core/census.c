#include "core/census.h"

#include <string.h>
#include <strings.h>

static const char *term_names[CENSUS__MAX] = {"autumn", "spring", "summer"};

int census_term_parse(const char *text)
{
	for (int t = 0; t < CENSUS__MAX; t++)
		if (text && strcasecmp(text, term_names[t]) == 0)
			return t;
	return -1;
}

const char *census_term_name(enum census_term t)
{
	return (unsigned)t < CENSUS__MAX ? term_names[t] : "?";
}

date_t easter_sunday(int year)
{
	/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;
	return date_from_ymd(year, month, day);
}

date_t spring_bank_holiday(int year)
{
	date_t d = date_from_ymd(year, 5, 31);
	return d - (date_t)date_weekday(d); /* back to Monday */
}

/* The n-th (1-based) Thursday of a month. */
static date_t nth_thursday(int year, int month, int n)
{
	date_t first = date_from_ymd(year, month, 1);
	int to_thu = ((int)WD_THU - (int)date_weekday(first) + 7) % 7;
	return first + to_thu + 7 * (n - 1);
}

date_t census_day(enum census_term t, int year)
{
	switch (t) {
	case CENSUS_AUTUMN: return nth_thursday(year, 10, 1);
	case CENSUS_SPRING: return nth_thursday(year, 1, 3);
	default: return nth_thursday(year, 5, 3);
	}
}

int census_periods(enum census_term t, int year, struct census_period out[CENSUS_PERIODS_MAX])
{
	switch (t) {
	case CENSUS_SPRING:
		out[0] = (struct census_period){"TermlyAttendance", date_from_ymd(year - 1, 8, 1),
						date_from_ymd(year - 1, 12, 31)};
		return 1;
	case CENSUS_SUMMER:
		out[0] = (struct census_period){"TermlyAttendance", date_from_ymd(year, 1, 1),
						easter_sunday(year)};
		return 1;
	default: {
		date_t split = spring_bank_holiday(year);
		out[0] = (struct census_period){"TermlyAttendance", easter_sunday(year) + 1, split};
		out[1] = (struct census_period){"SummerHalfTerm2Attendance", split + 1,
						date_from_ymd(year, 7, 31)};
		return 2;
	}
	}
}

int census_academic_year(enum census_term t, int year)
{
	(void)t; /* every census collects the academic year that started the August before */
	return year - 1;
}

int age_on(date_t dob, date_t day)
{
	int by, bm, bd, y, m, d;
	date_to_ymd(dob, &by, &bm, &bd);
	date_to_ymd(day, &y, &m, &d);
	int age = y - by;
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

bool census_age_counted(date_t dob, int academic_year)
{
	int age = age_on(dob, date_from_ymd(academic_year, 8, 31));
	return age >= CENSUS_AGE_MIN && age <= CENSUS_AGE_MAX;
}
