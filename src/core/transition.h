/* Transition into Year 7, as pure rules: how much at risk an incoming
 * pupil is from their Year 6 attendance and characteristics, the order the
 * transition view lists them in (most at risk first), which of them carry
 * a flag into their first half-terms, and who is an early decliner in the
 * second and third half-terms of Year 7 (the drop after the "new school
 * effect" the DfE's toolkit warns about). No I/O. */
#ifndef ATTEND_TRANSITION_H
#define ATTEND_TRANSITION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/patterns.h"
#include "core/trends.h"

/* Year 6 attendance in sessions, as the primary school or the CTF said. */
struct y6_figures {
	int possible, attended, authorised, unauthorised;
	bool known; /* false: no figures received yet */
};

/* From the DfE's thresholds (domain.md): severe absence 50% or more,
 * persistent 10% or more, at risk 5% to under 10%. A pupil with no figures
 * is "unknown": to ask the primary school about, ranked after the at-risk. */
enum transition_risk { TR_SEVERE, TR_PERSISTENT, TR_AT_RISK, TR_UNKNOWN, TR_EXPECTED, TR__MAX };
const char *transition_risk_name(enum transition_risk r);  /* "severe", ... */
const char *transition_risk_label(enum transition_risk r); /* "Severe absence in Year 6" */
enum transition_risk transition_risk_of(const struct y6_figures *f);
/* Whether the risk carries a flag into Year 7: at risk or worse. */
bool transition_flagged(enum transition_risk r);
/* The half-terms of Year 7 the flag is shown in (1..3: the first three). */
#define TRANSITION_FLAG_HALF_TERMS 3

/* What else the view weighs: one point each for a child protection plan,
 * a child in need plan, looked after, an EHC plan or SEN support, free
 * school meals. */
struct transition_needs {
	bool cp, cin, looked_after, fsm;
	char send; /* 'N', 'K', 'E' or 0 when not known */
};
int transition_needs_count(const struct transition_needs *n);

/* The order of the view, most at risk first:
 *   1. the risk group: severe, persistent, at risk, unknown, expected;
 *   2. Year 6 absence %, higher first;
 *   3. unauthorised absence %, higher first;
 *   4. the count of needs, more first.
 * 0 when equal (the caller then orders by name). */
struct transition_rank {
	enum transition_risk risk;
	int64_t absence_pct100, unauthorised_pct100; /* -1 when not known */
	int needs;
};
void transition_rank_of(const struct y6_figures *f, const struct transition_needs *n,
			struct transition_rank *out);
int transition_compare(const struct transition_rank *a, const struct transition_rank *b);

/* Where a pupil's Year 6 absence fell (a CTF's AttendanceMarks decoded:
 * codes[i] is the session of ctf_mark_date(start, i)): by weekday and AM
 * or PM, for core/patterns' notes. Days next to holidays can't be told
 * without the primary school's calendar: every day counts as "other". */
void transition_marks_pattern(const uint8_t *codes, int n, date_t start, struct pattern *out);

/* The early decline: a Year 7 pupil whose attendance in the second or
 * third half-term of the year (to date) has fallen against their first
 * half-term by at least min_pp100 hundredths of a point (core/trends'
 * rule, with the first half-term as the baseline), each side with at least
 * TRANSITION_MIN_SESSIONS possible sessions (a school week) so that a day
 * or two does not decide it. */
#define TRANSITION_MIN_SESSIONS 10
#define TRANSITION_DECLINE_PP100 200 /* the default: 2 percentage points */
bool transition_early_decliner(int64_t att_first, int64_t possible_first, int64_t att_now,
			       int64_t possible_now, int64_t min_pp100, struct trend_change *c);

#endif
