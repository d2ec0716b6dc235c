#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days: exact over the whole
 * proleptic Gregorian calendar, no tables, no time zone. */
date_t date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(date_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

date_t date_parse(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return DATE_INVALID;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return DATE_INVALID;
	return date_from_ymd(y, m, d);
}

date_t date_parse_dmy(const char *s)
{
	if (!s || strlen(s) != 10 || s[2] != '/' || s[5] != '/')
		return DATE_INVALID;
	char iso[DATE_ISO_LEN] = {s[6], s[7], s[8], s[9], '-', s[3], s[4], '-', s[0], s[1], 0};
	return date_parse(iso);
}

char *date_format(date_t day, char out[DATE_ISO_LEN])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* By hand, not snprintf: every mark saved formats its date several
	 * times (its key, its hash). */
	if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(out, DATE_ISO_LEN, "%04d-%02d-%02d", y % 10000, m, d);
		return out;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return out;
}

enum weekday date_weekday(date_t day)
{
	/* 1970-01-01 was a Thursday. */
	int w = (day + 3) % 7;
	if (w < 0)
		w += 7;
	return (enum weekday)w;
}

bool date_is_weekend(date_t day)
{
	return date_weekday(day) >= WD_SAT;
}

const char *date_weekday_name(enum weekday wd)
{
	static const char *names[WD__MAX] = {"Monday", "Tuesday", "Wednesday", "Thursday",
					     "Friday", "Saturday", "Sunday"};
	return wd < WD__MAX ? names[wd] : "?";
}

int date_academic_year(date_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return m >= 8 ? y : y - 1;
}

void date_academic_year_label(int start_year, char out[8])
{
	snprintf(out, 8, "%04d/%02d", start_year % 10000, (start_year + 1) % 100);
}

date_t date_week_start(date_t day)
{
	return day - (date_t)date_weekday(day);
}

/* n digits exactly. */
static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return s[n] == '\0' || s[n] == '/';
}

int date_academic_year_parse(const char *text)
{
	size_t n = strlen(text);
	if (n < 4 || !all_digits(text, 4))
		return -1;
	int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
	if (n == 4)
		return y;
	const char *end = text + 5;
	if (text[4] != '/')
		return -1;
	if (n == 7 && all_digits(end, 2) && (end[0] - '0') * 10 + (end[1] - '0') == (y + 1) % 100)
		return y;
	if (n == 9 && all_digits(end, 4) && atoi(end) == y + 1)
		return y;
	return -1;
}
