/* Attendance figures by the DfE statistics methodology, computed from the
 * register matrix. Every figure attend shows comes from here: pages, API,
 * CLI, letters and exports never compute attendance themselves. */
#ifndef ATTEND_STATS_H
#define ATTEND_STATS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/matrix.h"

/* DfE "absence bandings": 5-point bands of absence %, 50+ is severe. */
#define BAND__MAX 11
#define BAND_MIN_POSSIBLE 20 /* fewer possible sessions: no band */
#define BAND_TOO_FEW (-1)
#define BAND_NONE (-2) /* no possible sessions at all */

/* One pupil (enrolment) over a range of sessions. */
struct figures {
	int32_t possible;
	int32_t present;  /* includes L */
	int32_t approved; /* approved educational activity */
	int32_t authorised, unauthorised;
	int32_t not_possible, unmarked;
	int32_t late_before_close; /* L */
	int32_t late_after_close;  /* U */
	int32_t minutes_late;      /* over L and U marks */
	int32_t codes[CODE__MAX];  /* sessions by code */
};

/* A group of enrolments: sums, never means of pupils' rates. */
struct group_figures {
	int32_t pupils;               /* enrolments on roll in the range */
	int32_t pupils_with_possible; /* the denominator of PA and SA rates */
	int64_t possible, present, approved, authorised, unauthorised;
	int64_t not_possible, unmarked;
	int64_t late_before_close, late_after_close, minutes_late;
	int32_t persistent, severe, at_risk;
	int32_t bands[BAND__MAX];
	int32_t too_few_sessions;
	int64_t codes[CODE__MAX];
};

/* Session columns [*c0, *c1) of the dates from..to (inclusive). */
void stats_cols(const struct calendar *cal, date_t from, date_t to, int *c0, int *c1);
/* Whether the enrolment is on roll for any session of [c0, c1). */
bool stats_on_roll(const struct pupil_row *r, int c0, int c1);
/* The figures of one row over [c0, c1), limited to its time on roll. */
void stats_row(const struct matrix *m, int row, int c0, int c1, struct figures *f);
/* The figures of a plain run of n codes, one byte each, all on roll (no
 * minutes late): attendance kept outside the matrix, such as a CTF's marks. */
void stats_codes(const uint8_t *cells, int n, struct figures *f);
void stats_add(struct group_figures *g, const struct figures *f);
/* stats_add without the sessions by code (g->codes): for figures that do
 * not carry them (from core/tally), where adding 40 zeros a pupil counts. */
void stats_add_totals(struct group_figures *g, const struct figures *f);
/* A pupil's flags and band, worked out once for figures added to several
 * groups (the school, a year group, a form, cohorts). */
struct figures_class {
	bool possible, persistent, severe, at_risk;
	int8_t band; /* stats_band */
};
void stats_classify(const struct figures *f, struct figures_class *c);
/* stats_add_totals with the figures' class already worked out. */
void stats_add_classified(struct group_figures *g, const struct figures *f,
			  const struct figures_class *c);

static inline int64_t stats_attendance(const struct figures *f)
{
	return (int64_t)f->present + f->approved;
}
static inline int64_t stats_absence(const struct figures *f)
{
	return (int64_t)f->authorised + f->unauthorised;
}
bool stats_persistent(const struct figures *f); /* absence >= 10% */
bool stats_severe(const struct figures *f);     /* absence >= 50% */
bool stats_at_risk(const struct figures *f);    /* 5% <= absence < 10% */
/* Band index 0..BAND__MAX-1, BAND_TOO_FEW or BAND_NONE. */
int stats_band(const struct figures *f);
const char *stats_band_label(int band); /* "0-5", ..., "50+" */

/* num/den as a percentage in hundredths, rounded half up (9474 = 94.74%);
 * -1 when den is 0. Exact: integers only. */
int64_t stats_pct100(int64_t num, int64_t den);
/* The same in tenths (for people: one decimal), rounded once from the exact
 * value, so 7/13 = 53.846% is 53.8, not 53.85 rounded again to 53.9. */
int64_t stats_pct10(int64_t num, int64_t den);

/* Groupings of pupils by a characteristic. */
enum group_field {
	GROUP_YEAR,
	GROUP_FORM,
	GROUP_GENDER,
	GROUP_FSM,
	GROUP_PP,
	GROUP_SEND,
	GROUP_EAL,
	GROUP__MAX
};
int group_field_parse(const char *name); /* -1 if unknown */
const char *group_field_name(enum group_field f);
/* Group keys are small integers in display order: [0, group_key_count). */
int group_key_count(const struct matrix *m, enum group_field f);
int group_key(const struct matrix *m, int row, enum group_field f);
/* The value a key stands for, as shown ("7", "7A", "F", "Y", "K"). */
const char *group_key_label(const struct matrix *m, enum group_field f, int key, char buf[64]);

#endif
