/* A school's calendar: half-terms, INSET days, bank holidays and planned
 * closures, and from them the school days on which the register is taken.
 * Entries are validated one by one (calendar_add) and as a whole
 * (calendar_build); nothing here does I/O. */
#ifndef ATTEND_CALENDAR_H
#define ATTEND_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/codes.h"
#include "core/date.h"

enum cal_kind { CAL_TERM, CAL_INSET, CAL_BANK_HOLIDAY, CAL_CLOSURE, CAL__MAX };

/* What a given date is for this school. */
enum day_kind {
	DAY_HOLIDAY,      /* outside every term */
	DAY_WEEKEND,
	DAY_SCHOOL,       /* pupils attend: two sessions */
	DAY_INSET,
	DAY_BANK_HOLIDAY,
	DAY_CLOSURE,      /* planned closure: '#' for every pupil */
	DAY__MAX
};

#define CAL_LABEL_MAX 64
#define CAL_TERM_MAX_DAYS 140

struct cal_entry {
	enum cal_kind kind;
	date_t start, end; /* inclusive */
	char label[CAL_LABEL_MAX];
	int line; /* source line, for messages; 0 when not from a file */
};

struct half_term {
	date_t start, end;
	char label[CAL_LABEL_MAX];
	int first_day, n_days; /* school-day indexes [first_day, first_day + n_days) */
};

struct calendar {
	struct cal_entry *entries;
	int n_entries, cap_entries;
	/* Built by calendar_build: */
	date_t first, last;    /* span of all terms; first > last when empty */
	uint8_t *day_kind;     /* enum day_kind for each date in [first, last] */
	int32_t *day_index;    /* school-day index for each date, or -1 */
	date_t *school_days;   /* school-day index -> date */
	int n_school_days;
	struct half_term *half_terms; /* in date order */
	int n_half_terms;
};

void calendar_init(struct calendar *cal);
void calendar_free(struct calendar *cal);
const char *cal_kind_name(enum cal_kind kind);
int cal_kind_parse(const char *text); /* -1 if unknown */
const char *day_kind_name(enum day_kind kind);

/* Adds one entry after checking it alone and against the entries already
 * there. Returns 1 if added, 0 if an identical entry was already present (so
 * importing the same file twice changes nothing), -1 with a message in err. */
int calendar_add(struct calendar *cal, const struct cal_entry *e, char *err, size_t errlen);
/* Checks the entries as a whole (INSET days and closures inside a term) and
 * computes the school days. Returns 0, or -1 with a message naming the entry. */
int calendar_build(struct calendar *cal, char *err, size_t errlen);

enum day_kind calendar_day_kind(const struct calendar *cal, date_t day);
/* School-day index of day, or -1 if pupils do not attend that day. */
int calendar_day_index(const struct calendar *cal, date_t day);
/* Session column of (day, session) in the register matrix, or -1. */
static inline int calendar_session_col(const struct calendar *cal, date_t day, enum session s)
{
	int i = calendar_day_index(cal, day);
	return i < 0 ? -1 : 2 * i + (int)s;
}
static inline date_t calendar_col_date(const struct calendar *cal, int col)
{
	return cal->school_days[col / 2];
}
/* School days with from <= date <= to, as indexes [*lo, *hi). */
void calendar_day_range(const struct calendar *cal, date_t from, date_t to, int *lo, int *hi);
/* The half-term containing day (or the next one after it), or NULL. */
const struct half_term *calendar_half_term_at(const struct calendar *cal, date_t day);

#endif
