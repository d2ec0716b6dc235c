/* A school's timetable: the periods of each day of the week (one week, or
 * two alternating weeks A and B), their times, and which period holds the
 * statutory AM and PM registration; and from it, with the calendar, the
 * lesson slots of every school day: the columns of the lesson matrix.
 * Pure: validated entry by entry (tt_add) and as a whole (tt_check). */
#ifndef ATTEND_TIMETABLE_H
#define ATTEND_TIMETABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/codes.h"

#define TT_WEEKS_MAX 2
#define TT_DAYS 5           /* Monday to Friday */
#define TT_PERIODS_MAX 16   /* a day's periods */
#define TT_LABEL_MAX 12     /* a period's name, e.g. "1", "P3", "Reg" */
#define TT_REG_NONE (-1)

struct tt_period {
	char label[TT_LABEL_MAX];
	int start, end; /* minutes after midnight, end > start */
	int reg;        /* SESSION_AM / SESSION_PM: holds that registration; TT_REG_NONE */
	int line;       /* source line, for messages */
};

struct tt_day {
	int n;
	struct tt_period p[TT_PERIODS_MAX]; /* by start time */
};

struct timetable {
	int n_weeks; /* 0: no timetable; 1; 2 (weeks A and B) */
	struct tt_day day[TT_WEEKS_MAX][TT_DAYS];
};

/* How two weeks alternate: A, B, A, ... over the weeks that hold a school
 * day (holidays don't count), starting again at A at the first school week
 * of each academic year, or of each half-term. */
enum tt_restart { TT_RESTART_YEAR, TT_RESTART_HALF_TERM, TT_RESTART__MAX };

void tt_init(struct timetable *tt, int n_weeks);
/* "Mon".."Fri", "Monday".., any case; 0..4, or -1. */
int tt_weekday_parse(const char *text);
const char *tt_weekday_short(int weekday); /* "Mon" */
/* "A"/"B" -> 0/1, "" -> -1 (every week); -2 for anything else. */
int tt_week_parse(const char *text);
const char *tt_week_name(const struct timetable *tt, int week); /* "" or "A"/"B" */
/* "HH:MM" -> minutes, or -1. */
int tt_time_parse(const char *text);
char *tt_time_text(int minutes, char out[6]);
int tt_restart_parse(const char *text); /* "year", "half_term"; -1 */

/* Adds a period to one day of one week, keeping the day in time order.
 * Refused (-1, message in err): a label used twice in the day, times that
 * overlap another period, more than one AM or PM registration period. */
int tt_add(struct timetable *tt, int week, int weekday, const struct tt_period *p, char *err,
	   size_t errlen);
/* The whole timetable: each day's AM registration before its PM one. */
int tt_check(const struct timetable *tt, char *err, size_t errlen);

/* Index of a period in a day by label, or -1. */
int tt_period_index(const struct tt_day *d, const char *label);
/* The session a period belongs to: from the day's PM registration period
 * on (or, with none, from pm_start) it is the afternoon. */
enum session tt_period_session(const struct tt_day *d, int i, int pm_start);
/* Index of the day's registration period for a session, or -1. */
int tt_registration_index(const struct tt_day *d, enum session s);
/* The first period of the afternoon (the lesson after lunch), or -1. */
int tt_after_lunch_index(const struct tt_day *d, int pm_start);

/* The lesson slots of a calendar: for each school day, its week of the
 * timetable and its first column; a lesson is column first[day] + period. */
struct tt_layout {
	int n_days;
	int n_cols;
	int *first;      /* n_days + 1 entries: first[n_days] == n_cols */
	uint8_t *week;   /* week index of each school day */
	int32_t *col_day; /* school day of each column */
};
int tt_layout_build(struct tt_layout *l, const struct timetable *tt, const struct calendar *cal,
		    enum tt_restart restart);
void tt_layout_free(struct tt_layout *l);
static inline const struct tt_day *tt_day_of(const struct timetable *tt,
					     const struct tt_layout *l, const struct calendar *cal,
					     int day)
{
	return &tt->day[l->week[day]][date_weekday(cal->school_days[day])];
}
/* Lesson columns of the dates from..to inclusive, as [*c0, *c1). */
void tt_layout_cols(const struct tt_layout *l, const struct calendar *cal, date_t from,
		    date_t to, int *c0, int *c1);

#endif
