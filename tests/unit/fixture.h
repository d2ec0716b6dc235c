/* Hand-worked registers for unit tests: a calendar from entries, pupils on
 * roll between dates, and marks written as one character per session. */
#ifndef ATTEND_TEST_FIXTURE_H
#define ATTEND_TEST_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/calendar.h"
#include "core/matrix.h"

#define D(s) date_parse(s)

static inline void fx_cal(struct calendar *cal, enum cal_kind kind, const char *start,
			  const char *end, const char *label)
{
	struct cal_entry e = {.kind = kind, .start = D(start), .end = D(end)};
	snprintf(e.label, sizeof e.label, "%s", label ? label : "");
	char err[256] = "";
	int rc = calendar_add(cal, &e, err, sizeof err);
	if (rc != 1)
		fail_msg("calendar_add %s..%s: %s", start, end, err);
}

static inline void fx_cal_build(struct calendar *cal)
{
	char err[256] = "";
	if (calendar_build(cal, err, sizeof err) != 0)
		fail_msg("calendar_build: %s", err);
}

struct fx_pupil {
	const char *upn;
	const char *admitted, *left; /* left NULL: still on roll */
	int year;
	const char *form;
	char gender;
	int fsm, pp;
	char send;
	int eal;
};

/* Adds a row on roll as the engine does: the sessions of the school days
 * from admitted to left inclusive. */
static inline int fx_row(struct matrix *m, const struct calendar *cal, const struct fx_pupil *p)
{
	struct pupil_row r = {0};
	snprintf(r.upn, sizeof r.upn, "%s", p->upn);
	r.admitted = D(p->admitted);
	r.left = p->left ? D(p->left) : DATE_OPEN_END;
	int lo, hi;
	calendar_day_range(cal, r.admitted, r.left, &lo, &hi);
	r.first_col = 2 * lo;
	r.end_col = 2 * hi;
	r.year = (int8_t)p->year;
	r.form = (uint16_t)matrix_form_index(m, p->form ? p->form : "7A");
	r.gender = p->gender ? p->gender : 'F';
	r.send = p->send ? p->send : 'N';
	r.fsm = (uint8_t)p->fsm;
	r.pp = (uint8_t)p->pp;
	r.eal = (uint8_t)p->eal;
	int row = matrix_add_row(m, &r);
	assert_true(row >= 0);
	return row;
}

/* Writes codes session by session from the morning of day `from`, one
 * character a session ('/' or '\' present, 'L', 'U', 'I', 'N', 'V', 'D',
 * '#', ...), '.' for no mark; spaces are for reading and are skipped. */
static inline void fx_marks(struct matrix *m, const struct calendar *cal, int row, const char *from,
			    const char *codes)
{
	int col = calendar_session_col(cal, D(from), SESSION_AM);
	if (col < 0)
		fail_msg("%s is not a school day", from);
	for (const char *p = codes; *p; p++) {
		if (*p == ' ')
			continue;
		if (col >= m->n_cols)
			fail_msg("marks from %s run past the calendar", from);
		char text[2] = {*p, 0};
		enum code c = *p == '.' ? CODE_NONE : code_parse(text);
		if (*p != '.' && c == CODE_NONE)
			fail_msg("'%c' is not a code", *p);
		assert_int_equal(matrix_set(m, row, col, c, 0), 0);
		col++;
	}
}

/* Two academic years, 192 school days each. 2024/25: INSET on Monday
 * 2 September, May Day 5 May 2025. 2025/26, with labels that say nothing of
 * the term: INSET on 1 and 2 September (so the year starts on Wednesday 3),
 * May Day 4 May 2026. Half-term weeks 28 Oct 2024, 17 Feb 2025, 26 May 2025,
 * 27 Oct 2025, 16 Feb 2026, 25 May 2026. */
static inline void fx_two_years(struct calendar *cal)
{
	calendar_init(cal);
	fx_cal(cal, CAL_TERM, "2024-09-02", "2024-10-25", "Autumn 1");
	fx_cal(cal, CAL_TERM, "2024-11-04", "2024-12-20", "Autumn 2");
	fx_cal(cal, CAL_TERM, "2025-01-06", "2025-02-14", "Spring 1");
	fx_cal(cal, CAL_TERM, "2025-02-24", "2025-04-04", "Spring 2");
	fx_cal(cal, CAL_TERM, "2025-04-22", "2025-05-23", "Summer 1");
	fx_cal(cal, CAL_TERM, "2025-06-02", "2025-07-18", "Summer 2");
	fx_cal(cal, CAL_INSET, "2024-09-02", "2024-09-02", NULL);
	fx_cal(cal, CAL_BANK_HOLIDAY, "2025-05-05", "2025-05-05", NULL);
	fx_cal(cal, CAL_TERM, "2025-09-01", "2025-10-24", "HT1");
	fx_cal(cal, CAL_TERM, "2025-11-03", "2025-12-19", "HT2");
	fx_cal(cal, CAL_TERM, "2026-01-05", "2026-02-13", "HT3");
	fx_cal(cal, CAL_TERM, "2026-02-23", "2026-03-27", "HT4");
	fx_cal(cal, CAL_TERM, "2026-04-13", "2026-05-22", "HT5");
	fx_cal(cal, CAL_TERM, "2026-06-01", "2026-07-17", "HT6");
	fx_cal(cal, CAL_INSET, "2025-09-01", "2025-09-02", NULL);
	fx_cal(cal, CAL_BANK_HOLIDAY, "2026-05-04", "2026-05-04", NULL);
	fx_cal_build(cal);
}

/* Autumn 2026: half-term 26-30 October; Monday 2 November is an INSET day;
 * the term ends on Friday 18 December and the calendar with it. */
static inline void fx_autumn_2026(struct calendar *cal)
{
	calendar_init(cal);
	fx_cal(cal, CAL_TERM, "2026-09-02", "2026-10-23", "Autumn 1");
	fx_cal(cal, CAL_TERM, "2026-11-02", "2026-12-18", "Autumn 2");
	fx_cal(cal, CAL_INSET, "2026-11-02", "2026-11-02", NULL);
	fx_cal_build(cal);
}

/* Sets one session's code and minutes late. */
static inline void fx_late(struct matrix *m, const struct calendar *cal, int row, const char *day,
			   enum session s, enum code code, int minutes)
{
	int col = calendar_session_col(cal, D(day), s);
	assert_true(col >= 0);
	assert_int_equal(matrix_set(m, row, col, code, minutes), 0);
}

#endif
