/* Hand-built calendars and registers for the unit tests. */
#ifndef ATTEND_TEST_FIXTURES_H
#define ATTEND_TEST_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/matrix.h"

static inline void fx_add(struct calendar *cal, enum cal_kind kind, const char *start,
			  const char *end, const char *label)
{
	struct cal_entry e = {.kind = kind, .start = date_parse(start), .end = date_parse(end)};
	snprintf(e.label, sizeof e.label, "%s", label);
	char err[256];
	assert_true(calendar_add(cal, &e, err, sizeof err) >= 0);
}

/* England 2025/26: 195 days in six half-terms, 5 of them INSET, so 190 pupil
 * days (380 sessions), and the May Day bank holiday inside Summer 1. */
static inline void fx_year_2025(struct calendar *cal)
{
	calendar_init(cal);
	fx_add(cal, CAL_TERM, "2025-09-01", "2025-10-24", "Autumn 1");
	fx_add(cal, CAL_TERM, "2025-11-03", "2025-12-19", "Autumn 2");
	fx_add(cal, CAL_TERM, "2026-01-05", "2026-02-13", "Spring 1");
	fx_add(cal, CAL_TERM, "2026-02-23", "2026-03-27", "Spring 2");
	fx_add(cal, CAL_TERM, "2026-04-13", "2026-05-22", "Summer 1");
	fx_add(cal, CAL_TERM, "2026-06-01", "2026-07-20", "Summer 2");
	fx_add(cal, CAL_INSET, "2025-09-01", "2025-09-02", "");
	fx_add(cal, CAL_INSET, "2025-11-03", "2025-11-03", "");
	fx_add(cal, CAL_INSET, "2026-01-05", "2026-01-05", "");
	fx_add(cal, CAL_INSET, "2026-07-20", "2026-07-20", "");
	fx_add(cal, CAL_BANK_HOLIDAY, "2026-05-04", "2026-05-04", "");
	fx_add(cal, CAL_BANK_HOLIDAY, "2026-05-25", "2026-05-25", "");
	fx_add(cal, CAL_BANK_HOLIDAY, "2025-12-25", "2025-12-26", "");
	char err[256];
	assert_int_equal(calendar_build(cal, err, sizeof err), 0);
}

/* A row on roll from admitted to left ("" for none), in form 0. */
static inline int fx_row(struct matrix *m, const struct calendar *cal, const char *upn,
			 const char *admitted, const char *left)
{
	struct pupil_row r = {0};
	snprintf(r.upn, sizeof r.upn, "%s", upn);
	r.surname = (char *)"Test";
	r.forename = (char *)upn;
	r.admitted = date_parse(admitted);
	r.left = left[0] ? date_parse(left) : DATE_OPEN_END;
	int lo, hi;
	calendar_day_range(cal, r.admitted, r.left, &lo, &hi);
	r.first_col = 2 * lo;
	r.end_col = 2 * hi;
	r.year = 7;
	r.gender = 'F';
	r.send = 'N';
	if (m->n_forms == 0)
		matrix_form_index(m, "7A");
	int row = matrix_add_row(m, &r);
	assert_true(row >= 0);
	return row;
}

/* Sets consecutive sessions from (date, session) on: codes[i] for each,
 * skipping days that are not school days. */
static inline void fx_marks(struct matrix *m, const struct calendar *cal, int row,
			    const char *date, enum session s, const enum code *codes, int n)
{
	int col = calendar_session_col(cal, date_parse(date), s);
	assert_true(col >= 0);
	for (int i = 0; i < n; i++)
		assert_int_equal(matrix_set(m, row, col + i, codes[i], 0), 0);
}

#endif
