/* Calendar dates as day numbers (days since 1970-01-01), ISO 8601 text,
 * weekdays and academic years. Pure functions, no time zone involved. */
#ifndef ATTEND_DATE_H
#define ATTEND_DATE_H

#include <stdbool.h>
#include <stddef.h>

typedef int date_t; /* days since 1970-01-01 */

#define DATE_INVALID (-2147483647 - 1)
#define DATE_ISO_LEN 11 /* "YYYY-MM-DD" + NUL */

enum weekday { WD_MON, WD_TUE, WD_WED, WD_THU, WD_FRI, WD_SAT, WD_SUN, WD__MAX };

date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t day, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD" with a real month and day; DATE_INVALID otherwise. */
date_t date_parse(const char *s);
/* Strict "DD/MM/YYYY" (as UK systems write dates); DATE_INVALID otherwise. */
date_t date_parse_dmy(const char *s);
/* Writes "YYYY-MM-DD" into out (DATE_ISO_LEN bytes); returns out. */
char *date_format(date_t day, char out[DATE_ISO_LEN]);
enum weekday date_weekday(date_t day);
bool date_is_weekend(date_t day);
const char *date_weekday_name(enum weekday wd);
/* Academic years run 1 August to 31 July; returns the calendar year in which
 * the academic year containing day starts (2025 for 2025/26). */
int date_academic_year(date_t day);
/* "2025/26" */
void date_academic_year_label(int start_year, char out[8]);
/* "2025", "2025/26" or "2025/2026": the year the academic year starts; -1
 * for anything else. */
int date_academic_year_parse(const char *text);
/* Monday of the week containing day. */
date_t date_week_start(date_t day);

#endif
